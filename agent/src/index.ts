export { collectHostFacts, AGENT_VERSION, type CollectOptions } from './collect/host-facts.collector';
export { HostReader } from './collect/host.reader';
export { applyRemediation, parseRemediationScript, type RemediationOptions, type RemediationResult } from './fix/remediation.runner';
export { Libcrypt } from './weak-password/libcrypt.binding';
export { runAgentCli } from './cli/agent.cli';
export { reportHostFacts } from './cli/host-facts.reporter';
