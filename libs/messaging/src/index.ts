export * from './nats-url';
