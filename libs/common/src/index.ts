export * from './errors';
export * from './caller-context';
export * from './clock';
export * from './uuid';
export * from './access';
export * from './text';
export * from './field-ref';
