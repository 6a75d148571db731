/**
 * Safe retries: `Idempotency-Key` on POST (draft-ietf-httpapi-idempotency-key-header), records in a NATS JetStream
 * key-value bucket shared by every gateway replica.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { resetJetStream } from '@kitos/testing';
import { scopedRecordKey } from '../../services/gateway/src/idempotency/idempotency-key';
import { IDEMPOTENCY_BUCKET } from '../../services/gateway/src/idempotency/idempotency.store';
import { adminToken, createOrganization, createUser, sessionOf } from '../support/identity';
import { startGateway } from '../../services/gateway/src/bootstrap';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type System = { uuid: string; name: string; version: number };
type Problem = { status: number; type: string; detail: string; errors?: Array<{ field: string }> };

describe('Idempotency-Key on POST', () => {
  let system: RunningSystem;
  let admin: ReturnType<typeof http>;
  let adminSession: string;
  let org: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'gdpr'] });
    adminSession = await adminToken(http(system.gatewayUrl));
    admin = http(system.gatewayUrl, adminSession);
    org = await createOrganization(admin, adminSession);
  });
  afterAll(() => system?.close());

  const key = () => ({ 'idempotency-key': randomUUID() });
  const createSystem = (api: ReturnType<typeof http>, name: string, headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
    api.post<System & Problem>('/api/v2/it-systems', { organizationUuid: org, name, ...extra }, headers);
  const systemsNamed = async (name: string) =>
    (
      await admin.get<System[]>(`/api/v2/it-systems?organizationUuid=${org}&nameContains=${encodeURIComponent(name)}&pageSize=100`)
    ).body.filter((s) => s.name === name);

  it('a retry returns the first 201 — body, ETag and Location — and creates nothing new', async () => {
    const name = `Retry ${randomUUID()}`;
    const headers = key();
    const first = await createSystem(admin, name, headers, { description: 'ESDH' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // the same body with its keys in another order is the same request
    const retry = await admin.post<System>('/api/v2/it-systems', { description: 'ESDH', name, organizationUuid: org }, headers);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(retry.headers.get('location')).toBe(`/api/v2/it-systems/${first.body.uuid}`);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await systemsNamed(name)).map((s) => s.uuid)).toEqual([first.body.uuid]);
    // another gateway process (a second replica) knows the key too: the records are in JetStream, not in memory
    const replica = await startGateway(system.env);
    try {
      const elsewhere = await http(replica.url, adminSession).post<System>(
        '/api/v2/it-systems',
        { organizationUuid: org, name, description: 'ESDH' },
        headers,
      );
      expect([elsewhere.status, elsewhere.body.uuid, elsewhere.headers.get('idempotent-replayed')]).toEqual([201, first.body.uuid, 'true']);
    } finally {
      await replica.close();
    }
    // without a key, the same POST creates another
    expect((await createSystem(admin, `${name} 2`, {})).status).toBe(201);
    expect((await createSystem(admin, `${name} 2`, {})).status).toBe(409);
  });

  it('the same key with a different body or path is 422 and creates nothing', async () => {
    const name = `Other body ${randomUUID()}`;
    const headers = key();
    expect((await createSystem(admin, name, headers)).status).toBe(201);
    const other = await createSystem(admin, `${name} changed`, headers);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body).toMatchObject({ status: 422, type: 'urn:problem:kitos:unprocessable', errors: [{ field: 'Idempotency-Key' }] });
    const otherPath = await admin.post<Problem>('/api/v2/it-interfaces', { organizationUuid: org, name }, headers);
    expect(otherPath.status).toBe(422);
    expect(await systemsNamed(`${name} changed`)).toEqual([]);
  });

  it('keys are per caller: another caller with the same key never gets the first answer', async () => {
    const user = await createUser(http(system.gatewayUrl), adminSession, [{ organizationUuid: org, role: 'RightsHolderAccess' }]);
    const other = http(system.gatewayUrl, await sessionOf(http(system.gatewayUrl), user));
    const headers = key();
    const name = `Mine ${randomUUID()}`;
    const mine = await createSystem(admin, name, headers);
    expect(mine.status).toBe(201);
    // the same key and body from another caller is processed as their own request: the name is taken → 409
    const sameBody = await createSystem(other, name, headers);
    expect(sameBody.status).toBe(409);
    expect(sameBody.headers.get('idempotent-replayed')).toBeNull();
    expect(sameBody.body).toMatchObject({ status: 409, type: 'urn:problem:kitos:conflict' });
    // and with another body it is no 422 for them: the key is theirs to use
    const theirs = await createSystem(other, `Theirs ${randomUUID()}`, headers);
    expect(theirs.status).toBe(201);
    expect(theirs.body.uuid).not.toBe(mine.body.uuid);
    const retry = await createSystem(admin, name, headers);
    expect([retry.status, retry.body.uuid]).toEqual([201, mine.body.uuid]);
  });

  it('concurrent requests with one key create exactly one object; the others are 409 or the first answer', async () => {
    const name = `Concurrent ${randomUUID()}`;
    const headers = key();
    const results: Array<HttpResult<System & Problem>> = await Promise.all(
      Array.from({ length: 6 }, () => createSystem(admin, name, headers)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.uuid)).size).toBe(1);
    for (const conflict of results.filter((r) => r.status === 409)) expect(conflict.body.detail).toMatch(/still being processed/);
    expect((await systemsNamed(name)).map((s) => s.uuid)).toEqual([created[0].body.uuid]);
    // once answered, a retry gets that answer
    const retry = await createSystem(admin, name, headers);
    expect([retry.status, retry.body.uuid, retry.headers.get('idempotent-replayed')]).toEqual([201, created[0].body.uuid, 'true']);
  });

  it('failed requests are not kept: after a 400 or a 503 the same key is processed again', async () => {
    const name = `After failure ${randomUUID()}`;
    const headers = key();
    const invalid = await admin.post<Problem>('/api/v2/it-systems', { organizationUuid: org, name: '' }, headers);
    expect(invalid.status).toBe(400);
    await system.stop('catalog');
    try {
      const unavailable = await createSystem(admin, name, headers);
      expect(unavailable.status).toBe(503);
    } finally {
      await system.start('catalog');
    }
    const retried = await createSystem(admin, name, headers);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect((await systemsNamed(name)).map((s) => s.uuid)).toEqual([retried.body.uuid]);
  });

  it('a retry after a lost answer (504: the gateway gave up, the service wrote) finds the first object — systems, usages, contracts, DPRs', async () => {
    // what the gateway keeps is gone, as after a 504 (the claim released) or a lost record: only the service can tell
    const callerUuid = (JSON.parse(Buffer.from(adminSession.split('.')[1], 'base64url').toString()) as { sub: string }).sub;
    const forgetKeptAnswer = async (headers: Record<string, string>) => {
      const nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
      try {
        const kv = await nc.jetstream().views.kv(IDEMPOTENCY_BUCKET);
        const recordKey = scopedRecordKey(callerUuid, headers['idempotency-key']);
        expect((await kv.get(recordKey))?.operation).toBe('PUT');
        await kv.delete(recordKey);
      } finally {
        await nc.close();
      }
    };
    const suffix = randomUUID().slice(0, 8);
    const created = await createSystem(admin, `Lost answer ${suffix}`, {});
    expect(created.status).toBe(201);
    const creates: Array<[string, Record<string, unknown>, (uuid: string) => Promise<number>]> = [
      ['/api/v2/it-systems', { organizationUuid: org, name: `Lost ${suffix}` }, async () => (await systemsNamed(`Lost ${suffix}`)).length],
      [
        '/api/v2/it-system-usages',
        { organizationUuid: org, systemUuid: created.body.uuid },
        async () =>
          (await admin.get<unknown[]>(`/api/v2/it-system-usages?organizationUuid=${org}&systemUuid=${created.body.uuid}`)).body.length,
      ],
      [
        '/api/v2/it-contracts',
        { organizationUuid: org, name: `Lost ${suffix}` },
        async () =>
          (await admin.get<Array<{ name: string }>>(`/api/v2/it-contracts?organizationUuid=${org}&pageSize=250`)).body.filter(
            (c) => c.name === `Lost ${suffix}`,
          ).length,
      ],
      [
        '/api/v2/data-processing-registrations',
        { organizationUuid: org, name: `Lost ${suffix}` },
        async () =>
          (
            await admin.get<Array<{ name: string }>>(`/api/v2/data-processing-registrations?organizationUuid=${org}&pageSize=250`)
          ).body.filter((d) => d.name === `Lost ${suffix}`).length,
      ],
    ];
    for (const [path, body, count] of creates) {
      const headers = key();
      const first = await admin.post<System>(path, body, headers);
      expect([path, first.status]).toEqual([path, 201]);
      await forgetKeptAnswer(headers);
      const retry = await admin.post<System>(path, body, headers);
      expect([path, retry.status, retry.body.uuid]).toEqual([path, 201, first.body.uuid]);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      expect([path, await count(first.body.uuid)]).toEqual([path, 1]);
      // without the key the same body is a new request: refused as a duplicate name or usage, not answered with the first
      expect([path, (await admin.post(path, body)).status]).toEqual([path, 409]);
    }
  });

  it('refuses a malformed key with a 400 problem', async () => {
    const long = await createSystem(admin, `Bad key ${randomUUID()}`, { 'idempotency-key': 'x'.repeat(256) });
    expect(long.status).toBe(400);
    expect(long.body.errors?.map((e) => e.field)).toEqual(['Idempotency-Key']);
    expect((await createSystem(admin, `Bad key ${randomUUID()}`, { 'idempotency-key': 'ä' })).status).toBe(400);
  });
});
