export * from './fact';
export * from './host-facts';
export * from './remediation-script';
export { renderRemediationScript } from './remediation-script.renderer';
export { evaluateFactExpectation, resolveFactPath } from './fact-expectation.evaluator';
