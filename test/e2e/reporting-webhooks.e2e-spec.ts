import { createHmac, randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver';
import { http, startSystem, type RunningSystem } from '../support/system';

type Created = { uuid: string; secret: string; organizationUuid: string; topics: string[]; active: boolean };
type Delivery = { uuid: string; eventId: string; eventType: string; status: string; attempts: number; createdAt: string };
type DeliveryPage = { items: Delivery[]; page: number; pageSize: number; total: number };
type DeadLetter = { uuid: string; eventId: string; eventType: string; attempts: number; lastStatus: number | null };

const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('Webhook subscriptions (reporting)', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let orgA: string;
  let orgB: string;
  let localAdminA: string;
  let userA: string;
  let outsider: string;
  let receiver: HttpReceiver;
  let subscription: Created;
  let before: string;
  let usageA: string;
  let usageB: string;
  let localSystemB: string;
  let globalSystemB: string;

  const createSystem = async (organizationUuid: string, name: string, scope = 'Global') => {
    const created = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid, name, scope }, bearer(admin));
    expect(created.status).toBe(201);
    return created.body.uuid;
  };
  const createUsage = async (organizationUuid: string, systemUuid: string) => {
    const created = await api.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid, systemUuid }, bearer(admin));
    expect(created.status).toBe(201);
    return created.body.uuid;
  };
  const subscribe = async (token: string, url: string, topics: string[], organizationUuid = orgA) => {
    const created = await api.post<Created>('/api/v2/webhooks', { organizationUuid, url, topics }, bearer(token));
    expect(created.status).toBe(201);
    return created.body;
  };
  const aggregatesOf = (r: HttpReceiver) => r.received.map((q) => (q.json.aggregate as { uuid: string }).uuid);

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({
      services: ['identity', 'catalog', 'reporting'],
      env: { WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '100' },
    });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    orgA = await createOrganization(api, admin);
    orgB = await createOrganization(api, admin);
    localAdminA = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'LocalAdmin' }]));
    userA = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'User' }]));
    outsider = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgB, role: 'LocalAdmin' }]));
    receiver = await startHttpReceiver();
    subscription = await subscribe(localAdminA, receiver.url, ['catalog.it-system-usage.*', 'catalog.it-system.created']);
    before = new Date().toISOString();
    // Another organisation's events first: by the time orgA's usage arrives, these were filtered already.
    localSystemB = await createSystem(orgB, `Lokalt B ${Date.now()}`, 'Local');
    globalSystemB = await createSystem(orgB, `Delt B ${Date.now()}`, 'Global');
    usageB = await createUsage(orgB, globalSystemB);
    usageA = await createUsage(orgA, await createSystem(orgA, `System A ${Date.now()}`));
  });

  afterAll(async () => {
    await receiver?.close();
    await system?.close();
  });

  describe('managing subscriptions', () => {
    it('answers the secret once and never again', async () => {
      expect(subscription.secret).toMatch(/^[0-9a-f]{64}$/);
      const read = await api.get<Record<string, unknown>>(`/api/v2/webhooks/${subscription.uuid}`, bearer(localAdminA));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ uuid: subscription.uuid, organizationUuid: orgA, url: receiver.url, active: true });
      expect(read.body.secret).toBeUndefined();
      const list = await api.get<Array<{ uuid: string }>>('/api/v2/webhooks', bearer(localAdminA));
      expect(list.body.map((s) => s.uuid)).toContain(subscription.uuid);
    });

    it('lets only local and global admins subscribe (403), hides other organisations’ subscriptions (404)', async () => {
      const byUser = await api.post('/api/v2/webhooks', { organizationUuid: orgA, url: receiver.url, topics: ['*.*.*'] }, bearer(userA));
      expect(byUser.status).toBe(403);
      const byOutsider = await api.post(
        '/api/v2/webhooks',
        { organizationUuid: orgA, url: receiver.url, topics: ['*.*.*'] },
        bearer(outsider),
      );
      expect(byOutsider.status).toBe(403);
      expect((await api.get(`/api/v2/webhooks/${subscription.uuid}`, bearer(userA))).status).toBe(403);
      expect((await api.get(`/api/v2/webhooks/${subscription.uuid}`, bearer(outsider))).status).toBe(404);
      expect((await api.get(`/api/v2/webhooks/${subscription.uuid}/dead-letters`, bearer(outsider))).status).toBe(404);
      const outsiderList = await api.get<Array<{ uuid: string }>>('/api/v2/webhooks', bearer(outsider));
      expect(outsiderList.body.map((s) => s.uuid)).not.toContain(subscription.uuid);
      expect((await api.get(`/api/v2/webhooks/${subscription.uuid}`, bearer(admin))).status).toBe(200);
      expect(await api.get('/api/v2/webhooks')).toMatchObject({ status: 401 });
    });

    it('validates topics and url with field errors (400)', async () => {
      const badTopic = await api.post<{ errors?: Array<{ field: string }> }>(
        '/api/v2/webhooks',
        { organizationUuid: orgA, url: receiver.url, topics: ['catalog.*'] },
        bearer(localAdminA),
      );
      expect(badTopic.status).toBe(400);
      const badUrl = await api.post<Record<string, unknown>>(
        '/api/v2/webhooks',
        { organizationUuid: orgA, url: 'ftp://example.org/x', topics: ['catalog.*.*'] },
        bearer(localAdminA),
      );
      expect(badUrl.status).toBe(400);
      expect(JSON.stringify(badUrl.body)).toContain('url');
      const noTopics = await api.post('/api/v2/webhooks', { organizationUuid: orgA, url: receiver.url, topics: [] }, bearer(localAdminA));
      expect(noTopics.status).toBe(400);
    });

    it('patches and deletes (204, then 404)', async () => {
      const other = await subscribe(admin, receiver.url, ['gdpr.*.*']);
      const patched = await api.patch<{ active: boolean; topics: string[] }>(
        `/api/v2/webhooks/${other.uuid}`,
        { active: false, topics: ['contracts.it-contract.updated'] },
        bearer(localAdminA),
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ active: false, topics: ['contracts.it-contract.updated'] });
      expect((await api.patch(`/api/v2/webhooks/${other.uuid}`, { url: 'nope' }, bearer(localAdminA))).status).toBe(400);
      expect((await api.delete(`/api/v2/webhooks/${other.uuid}`, bearer(userA))).status).toBe(403);
      expect((await api.delete(`/api/v2/webhooks/${other.uuid}`, bearer(localAdminA))).status).toBe(204);
      expect((await api.get(`/api/v2/webhooks/${other.uuid}`, bearer(localAdminA))).status).toBe(404);
    });
  });

  describe('delivery', () => {
    it('posts signed events of the organisation with before/after data', async () => {
      const delivered = await eventually(() => {
        const found = receiver.received.find((r) => (r.json.aggregate as { uuid: string })?.uuid === usageA);
        if (!found) throw new Error('usage event not delivered yet');
        return found;
      });
      expect(delivered.method).toBe('POST');
      expect(delivered.headers['x-kitos-signature']).toBe(sign(subscription.secret, delivered.body));
      expect(delivered.headers['x-kitos-signature']).not.toBe(sign('wrong secret', delivered.body));
      expect(delivered.headers['x-kitos-event-id']).toBe(delivered.json.id);
      expect(delivered.json).toMatchObject({
        type: 'catalog.it-system-usage.created',
        organizationUuid: orgA,
        replay: false,
        aggregate: { uuid: usageA },
      });
      expect(typeof delivered.json.occurredAt).toBe('string');
      expect(delivered.json.data).toEqual(expect.any(Object));
    });

    it('never delivers another organisation’s usage or local system, but its Global system', async () => {
      await eventually(() => expect(aggregatesOf(receiver)).toContain(usageA));
      expect(aggregatesOf(receiver)).not.toContain(usageB);
      expect(aggregatesOf(receiver)).not.toContain(localSystemB);
      expect(aggregatesOf(receiver)).toContain(globalSystemB);
      expect(receiver.received.every((r) => r.json.organizationUuid === orgA || r.json.type === 'catalog.it-system.created')).toBe(true);
    });

    it('sends each event once per subscription', async () => {
      await eventually(() => expect(aggregatesOf(receiver)).toContain(usageA));
      const ids = receiver.received.map((r) => r.json.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('retries with backoff after the receiver answered 500 twice', async () => {
      const flaky = await startHttpReceiver();
      try {
        flaky.answer = ({ count }) => (count <= 2 ? 500 : 200);
        const sub = await subscribe(localAdminA, flaky.url, ['catalog.it-system.created']);
        const systemUuid = await createSystem(orgA, `Retry ${Date.now()}`);
        await eventually(() => expect(flaky.received.map((r) => r.status)).toEqual([500, 500, 200]), { timeoutMs: 15000 });
        expect(flaky.received.every((r) => (r.json.aggregate as { uuid: string }).uuid === systemUuid)).toBe(true);
        expect(new Set(flaky.received.map((r) => r.headers['x-kitos-event-id'])).size).toBe(1);
        expect(flaky.received.every((r) => r.headers['x-kitos-signature'] === sign(sub.secret, r.body))).toBe(true);
        const dead = await api.get<DeadLetter[]>(`/api/v2/webhooks/${sub.uuid}/dead-letters`, bearer(localAdminA));
        expect(dead.body).toEqual([]);
      } finally {
        await flaky.close();
      }
    });

    it('keeps a dead letter after the last attempt and redelivers it on request', async () => {
      const broken = await startHttpReceiver();
      try {
        broken.answer = () => 500;
        const sub = await subscribe(localAdminA, broken.url, ['catalog.it-system.created']);
        const systemUuid = await createSystem(orgA, `Dead ${Date.now()}`);
        const dead = await eventually(
          async () => {
            const answer = await api.get<DeadLetter[]>(`/api/v2/webhooks/${sub.uuid}/dead-letters`, bearer(localAdminA));
            expect(answer.status).toBe(200);
            expect(answer.body).toHaveLength(1);
            return answer.body[0];
          },
          { timeoutMs: 15000 },
        );
        expect(dead).toMatchObject({ eventType: 'catalog.it-system.created', attempts: 3, lastStatus: 500 });
        expect(broken.received).toHaveLength(3);
        expect((await api.get(`/api/v2/webhooks/${sub.uuid}/dead-letters`, bearer(userA))).status).toBe(403);

        broken.answer = () => 204;
        const redeliver = await api.post(`/api/v2/webhooks/${sub.uuid}/dead-letters/${dead.uuid}/redeliver`, {}, bearer(localAdminA));
        expect(redeliver.status).toBe(202);
        await eventually(() => expect(broken.received.map((r) => r.status)).toEqual([500, 500, 500, 204]));
        expect((broken.received[3].json.aggregate as { uuid: string }).uuid).toBe(systemUuid);
        const after = await api.get<DeadLetter[]>(`/api/v2/webhooks/${sub.uuid}/dead-letters`, bearer(localAdminA));
        expect(after.body).toEqual([]);
        const again = await api.post(`/api/v2/webhooks/${sub.uuid}/dead-letters/${dead.uuid}/redeliver`, {}, bearer(localAdminA));
        expect(again.status).toBe(409);
      } finally {
        await broken.close();
      }
    });
  });

  describe('deliveries', () => {
    it('lists a delivered and a dead event newest first with their status, paged and filtered', async () => {
      const picky = await startHttpReceiver();
      try {
        let deadSystem = '';
        picky.answer = ({ json }) => ((json.aggregate as { uuid: string }).uuid === deadSystem ? 500 : 200);
        const sub = await subscribe(localAdminA, picky.url, ['catalog.it-system.created']);
        const deliveredSystem = await createSystem(orgA, `Leveret ${Date.now()}`);
        await eventually(() => expect(picky.received.map((r) => r.status)).toEqual([200]));
        deadSystem = await createSystem(orgA, `Død ${Date.now()}`);
        const url = `/api/v2/webhooks/${sub.uuid}/deliveries`;
        const listed = await eventually(
          async () => {
            const answer = await api.get<DeliveryPage>(url, bearer(localAdminA));
            expect(answer.status).toBe(200);
            expect(answer.body.items.map((d) => d.status)).toEqual(['dead', 'delivered']);
            return answer.body;
          },
          { timeoutMs: 15000 },
        );
        const [dead, delivered] = listed.items;
        expect(listed).toMatchObject({ page: 0, pageSize: 50, total: 2 });
        const ids = Object.fromEntries(picky.received.map((r) => [(r.json.aggregate as { uuid: string }).uuid, r.json.id]));
        expect(delivered).toMatchObject({
          eventType: 'catalog.it-system.created',
          eventId: ids[deliveredSystem],
          attempts: 1,
          lastStatus: 200,
          lastError: null,
          replay: false,
        });
        expect(dead).toMatchObject({ eventId: ids[deadSystem], attempts: 3, lastStatus: 500, lastError: 'The receiver answered 500' });
        expect(Date.parse(dead.createdAt)).toBeGreaterThanOrEqual(Date.parse(delivered.createdAt));
        for (const d of listed.items) expect(typeof (d as unknown as { lastAttemptAt: string }).lastAttemptAt).toBe('string');

        const page1 = await api.get<DeliveryPage>(`${url}?page=1&pageSize=1`, bearer(localAdminA));
        expect(page1.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
        expect(page1.body.items.map((d) => d.uuid)).toEqual([delivered.uuid]);
        const onlyDead = await api.get<DeliveryPage>(`${url}?status=dead`, bearer(localAdminA));
        expect(onlyDead.body).toMatchObject({ total: 1, items: [{ uuid: dead.uuid }] });
        const retrying = await api.get<DeliveryPage>(`${url}?status=failed-retrying`, bearer(localAdminA));
        expect(retrying.body).toMatchObject({ total: 0, items: [] });
      } finally {
        await picky.close();
      }
    });

    it('refuses bad parameters at the field (400), hides it from others as its neighbours do (403/404)', async () => {
      const url = `/api/v2/webhooks/${subscription.uuid}/deliveries`;
      for (const [query, field] of [
        ['status=lost', 'status'],
        ['page=-1', 'page'],
        ['pageSize=0', 'pageSize'],
        ['pageSize=abc', 'pageSize'],
      ]) {
        const answer = await api.get<{ errors?: Array<{ field: string }> }>(`${url}?${query}`, bearer(localAdminA));
        expect(answer.status).toBe(400);
        expect(answer.body.errors?.map((e) => e.field)).toContain(field);
      }
      expect((await api.get(url, bearer(userA))).status).toBe(403);
      expect((await api.get(url, bearer(outsider))).status).toBe(404);
      expect((await api.get(url)).status).toBe(401);
      expect((await api.get(`/api/v2/webhooks/${randomUUID()}/deliveries`, bearer(localAdminA))).status).toBe(404);
      expect((await api.get(url, bearer(admin))).status).toBe(200);
    });
  });

  describe('replay', () => {
    it('re-sends past events from a point in time, marked as replays, still filtered', async () => {
      await eventually(() => expect(aggregatesOf(receiver)).toContain(usageA));
      const replayed = await api.post<{ queued: number; complete: boolean }>(
        `/api/v2/webhooks/${subscription.uuid}/replay`,
        { from: before },
        bearer(localAdminA),
      );
      expect(replayed.status).toBe(202);
      expect(typeof replayed.body.complete).toBe('boolean'); // true unless the machine is too slow to finish within 2.5 s
      expect(replayed.body.queued).toBeGreaterThanOrEqual(2);
      const replays = await eventually(() => {
        const found = receiver.received.filter((r) => r.json.replay === true);
        expect(found.map((r) => (r.json.aggregate as { uuid: string }).uuid)).toEqual(expect.arrayContaining([usageA, globalSystemB]));
        return found;
      });
      expect(replays.map((r) => (r.json.aggregate as { uuid: string }).uuid)).not.toContain(usageB);
      const original = receiver.received.find((r) => r.json.replay === false && (r.json.aggregate as { uuid: string }).uuid === usageA)!;
      const replay = replays.find((r) => (r.json.aggregate as { uuid: string }).uuid === usageA)!;
      expect(replay.json.id).toBe(original.json.id);
      expect(replay.headers['x-kitos-replay']).toBe('true');
      expect(replay.headers['x-kitos-signature']).toBe(sign(subscription.secret, replay.body));
    });

    it('replays nothing from a time after the events, refuses a bad time (400) and plain users (403)', async () => {
      const late = await api.post<{ queued: number }>(
        `/api/v2/webhooks/${subscription.uuid}/replay`,
        { from: new Date().toISOString() },
        bearer(localAdminA),
      );
      expect(late.status).toBe(202);
      expect(late.body.queued).toBe(0);
      expect((await api.post(`/api/v2/webhooks/${subscription.uuid}/replay`, { from: 'yesterday' }, bearer(localAdminA))).status).toBe(400);
      expect((await api.post(`/api/v2/webhooks/${subscription.uuid}/replay`, { from: before }, bearer(userA))).status).toBe(403);
    });
  });
});
