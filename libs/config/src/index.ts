export * from './service-config';
export * from './load-config';
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export * from './config-variables';
