export * from './envelope';
export * from './registry';
export * from './field-change';
export * from './catalog.events';
export * from './identity.events';
