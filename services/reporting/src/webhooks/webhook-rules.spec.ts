import { createHmac } from 'node:crypto';
import { backoffMs, deterministicUuid, eventVisibleTo, signature, topicMatches, urlProblem } from './webhook-rules';

describe('webhook rules', () => {
  it.each([
    ['catalog.it-system.*', 'catalog.it-system.updated', true],
    ['catalog.it-system.updated', 'catalog.it-system.updated', true],
    ['catalog.*.deleted', 'catalog.it-interface.deleted', true],
    ['*.*.*', 'gdpr.dpr.created', true],
    ['catalog.it-system.*', 'catalog.it-system-usage.updated', false],
    ['contracts.it-contract.updated', 'contracts.it-contract.created', false],
    ['catalog.*', 'catalog.it-system.created', false],
  ])('topic %s matches %s: %s', (topic, type, expected) => {
    expect(topicMatches(topic, type)).toBe(expected);
  });

  const own = 'a0000000-0000-4000-8000-000000000001';
  const other = 'b0000000-0000-4000-8000-000000000002';
  const reach = { organizationUuid: own, readsGlobalCatalog: true };
  it.each([
    ['own usage', { type: 'catalog.it-system-usage.updated', organizationUuid: own, data: {} }, reach, true],
    ['other usage', { type: 'catalog.it-system-usage.updated', organizationUuid: other, data: {} }, reach, false],
    ['other contract', { type: 'contracts.it-contract.created', organizationUuid: other, data: {} }, reach, false],
    ['other project', { type: 'projects.it-project.created', organizationUuid: other, data: {} }, reach, false],
    [
      'other Global system',
      { type: 'catalog.it-system.updated', organizationUuid: other, data: { system: { scope: 'Global' } } },
      reach,
      true,
    ],
    [
      'other Global system without Public read',
      { type: 'catalog.it-system.updated', organizationUuid: other, data: { system: { scope: 'Global' } } },
      { ...reach, readsGlobalCatalog: false },
      false,
    ],
    [
      'other Local system',
      { type: 'catalog.it-system.updated', organizationUuid: other, data: { system: { scope: 'Local' } } },
      reach,
      false,
    ],
    ['global option', { type: 'catalog.option.created', organizationUuid: null, data: {} }, reach, true],
  ])('%s visible: %s', (_name, event, subscriber, expected) => {
    expect(eventVisibleTo(subscriber, event)).toBe(expected);
  });

  it.each([
    ['https://x.example/hook', true, undefined],
    ['http://x.example/hook', false, undefined],
    ['http://x.example/hook', true, 'url must be https'],
    ['ftp://x.example', false, 'url must be http or https'],
    ['not a url', false, 'url must be an absolute URL'],
    ['https://u:p@x.example', true, 'url must not carry credentials'],
  ])('url %s in production=%s: %s', (url, production, problem) => {
    expect(urlProblem(url, production)).toBe(problem);
  });

  it('signs with hex HMAC-SHA256', () => {
    expect(signature('k', '{"a":1}')).toBe(`sha256=${createHmac('sha256', 'k').update('{"a":1}').digest('hex')}`);
  });

  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(100, n))).toEqual([100, 200, 400, 800]);
    expect(backoffMs(1000, 40)).toBe(3_600_000);
  });

  it('derives the same UUID from the same parts', () => {
    const id = deterministicUuid('s', 'e');
    expect(id).toBe(deterministicUuid('s', 'e'));
    expect(id).not.toBe(deterministicUuid('s', 'f'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
