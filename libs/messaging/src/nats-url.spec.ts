import { natsConnectionOptions } from './nats-url';

describe('natsConnectionOptions', () => {
  it('moves credentials out of the URL, which the nats client would ignore', () => {
    expect(natsConnectionOptions('nats://w1:s%40cret@127.0.0.1:4333')).toEqual({ servers: ['127.0.0.1:4333'], user: 'w1', pass: 's@cret' });
  });

  it('accepts a comma-separated cluster and bare host:port', () => {
    expect(natsConnectionOptions('nats://a:4222, b:4223')).toEqual({ servers: ['a:4222', 'b:4223'] });
  });

  it('defaults the port to 4222', () => {
    expect(natsConnectionOptions('nats://nats')).toEqual({ servers: ['nats:4222'] });
  });
});
