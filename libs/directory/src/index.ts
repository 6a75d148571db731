export * from './directory.module';
export * from './directory.options';
export * from './directory.projector';
export * from './directory.repository';
export * from './directory.schema';
export * from './organization-directory.lookup';
