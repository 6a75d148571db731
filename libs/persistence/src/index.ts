export * from './mongo-connection';
export * from './stale-version.error';
export * from './pending-event';
export * from './aggregate-repository';
export * from './outbox-relay';
export * from './keyed-mutex';
export * from './store-kind';
export * from './writer-lease';
