import { allowedReturnUrl, parseReturnUrlAllowlist } from './return-url';

describe('return URLs', () => {
  const allowlist = parseReturnUrlAllowlist('https://app.kitos.example/portal/, https://kitos.example', false, []);

  it.each([
    ['https://app.kitos.example/portal/', true],
    ['https://app.kitos.example/portal/systems?tab=1', true],
    ['https://app.kitos.example/portal', false],
    ['https://app.kitos.example/portalx', false],
    ['https://app.kitos.example/portal/../admin', false],
    ['https://kitos.example/anything', true],
    ['http://kitos.example/', false],
    ['https://kitos.example.evil.example/', false],
    ['https://user:pw@kitos.example/', false],
    ['https://kitos.example/#token=x', false],
    ['javascript:alert(1)', false],
    ['/relative', false],
  ])('%s → allowed %s', (returnTo, allowed) => {
    expect(allowedReturnUrl(returnTo, allowlist) !== null).toBe(allowed);
  });

  it('allows nothing with an empty allow-list', () => {
    expect(allowedReturnUrl('https://kitos.example/', parseReturnUrlAllowlist('', false, []))).toBeNull();
  });
});
