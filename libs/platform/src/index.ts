export * from './health.registry';
export * from './health.controller';
export * from './rpc-exception.filter';
export * from './rpc-context.interceptor';
export * from './rpc-request';
export * from './platform.module';
export * from './bootstrap';
export * from './ping.handlers';
