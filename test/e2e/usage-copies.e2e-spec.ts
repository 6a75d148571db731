import { eventually, resetJetStream } from '@kitos/testing';
import { UsageCopyRepository } from '../../services/gdpr/src/usages/usage-copy.repository';
import { adminToken, bearer, createOrganization } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

/** Other services keep local copies of the catalogue's usages through its events, never by reading its database. */
describe("A usage's local copy in another service (gdpr) follows the catalogue's events", () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let token: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'gdpr'] });
    api = http(system.gatewayUrl);
    token = await adminToken(api);
  });

  afterAll(async () => {
    await system?.close();
  });

  const copies = () => system.services.get('gdpr')!.app.get(UsageCopyRepository);

  it('appears when the usage is created, follows renames, and disappears when the usage is deleted', async () => {
    const organizationUuid = await createOrganization(api, token);
    const registered = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid, name: 'Løn og personale' },
      bearer(token),
    );
    expect(registered.status).toBe(201);
    const systemUuid = registered.body.uuid;
    const created = await api.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid, systemUuid }, bearer(token));
    expect(created.status).toBe(201);
    const usageUuid = created.body.uuid;

    await eventually(async () =>
      expect(await copies().find(usageUuid)).toMatchObject({
        organizationUuid,
        systemUuid,
        systemName: 'Løn og personale',
        deleted: false,
      }),
    );

    const patched = await api.patch(`/api/v2/it-system-usages/${usageUuid}`, { general: { localCallName: 'OPUS Løn' } }, bearer(token));
    expect(patched.status).toBe(200);
    await eventually(async () => expect(await copies().find(usageUuid)).toMatchObject({ localCallName: 'OPUS Løn' }));

    expect((await api.patch(`/api/v2/it-systems/${systemUuid}`, { name: 'Løn' }, bearer(token))).status).toBe(200);
    await eventually(async () => expect(await copies().find(usageUuid)).toMatchObject({ systemName: 'Løn' }));

    expect((await api.delete(`/api/v2/it-system-usages/${usageUuid}`, bearer(token))).status).toBe(204);
    await eventually(async () => expect(await copies().find(usageUuid)).toBeNull());
  });
});
