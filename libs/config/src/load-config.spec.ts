import { ConfigError, loadServiceConfig } from './load-config';

describe('loadServiceConfig', () => {
  it('uses the defaults of the embedded set-up when nothing is set', () => {
    const sut = loadServiceConfig('catalog', {});
    expect(sut).toMatchObject({
      natsUrl: 'nats://127.0.0.1:4222',
      mongodbUri: 'mongodb://127.0.0.1:27017/',
      httpPort: 8102,
      rpcTimeoutMs: 5000,
    });
    expect(sut.database).toBe('catalog');
  });

  it('reads SCREAMING_SNAKE_CASE variables and converts numbers', () => {
    const sut = loadServiceConfig('catalog', { NATS_URL: 'nats://nats:4222', HTTP_PORT: '9000', MONGODB_DATABASE: 'cat_1' });
    expect(sut).toMatchObject({ natsUrl: 'nats://nats:4222', httpPort: 9000, database: 'cat_1' });
  });

  it('takes the gateway port from PORT', () => {
    expect(loadServiceConfig('gateway', { PORT: '8181' }).httpPort).toBe(8181);
  });

  it('lists every invalid variable at once', () => {
    expect(() => loadServiceConfig('catalog', { NATS_URL: 'http://x', HTTP_PORT: 'abc' })).toThrow(ConfigError);
    try {
      loadServiceConfig('catalog', { NATS_URL: 'http://x', HTTP_PORT: 'abc' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/^NATS_URL: /), expect.stringMatching(/^HTTP_PORT: /)]),
      );
    }
  });

  it('refuses to fall back to local defaults in production', () => {
    expect(() => loadServiceConfig('catalog', { NODE_ENV: 'production' })).toThrow(/NATS_URL: must be set in production/);
  });
});
