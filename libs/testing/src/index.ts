export * from './binaries';
export * from './processes';
export * from './infra';
