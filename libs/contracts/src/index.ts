import 'reflect-metadata';
export * from './validation';
export * from './subjects';
export * from './events';
export * from './rpc';
