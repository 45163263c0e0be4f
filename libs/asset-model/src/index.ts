export * from './asset';
export * from './configuration';
export * from './ids';
export * from './unknown-fields';
