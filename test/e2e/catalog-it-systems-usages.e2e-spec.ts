import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, createOrganization } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Org = { uuid: string; name: string | null; cvr: string | null };
type System = { uuid: string; name: string; usingOrganizations: Org[]; mainContractSuppliers: Org[] };
type Problem = {
  deletionConflicts?: string[];
  conflicts?: Array<{ conflict: string; items: Array<{ uuid: string; name: string | null }> }>;
};
type Api = ReturnType<typeof http>;

/**
 * Rules that depend on the usages and interfaces of the catalogue (written against their endpoints:
 * `POST /api/v2/it-system-usages {systemUuid, organizationUuid}` and `POST /api/v2/it-interfaces
 * {organizationUuid, name, interfaceId, exposedBySystemUuid}`).
 */
describe('IT systems with usages and interfaces through the gateway', () => {
  let system: RunningSystem;
  let gaToken: string;
  let ga: Api;
  let owner: string;
  let ownerName: string;
  let userOrg: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    gaToken = await adminToken(http(system.gatewayUrl));
    ga = http(system.gatewayUrl, gaToken);
    ownerName = `Ejer ${randomUUID().slice(0, 8)}`;
    owner = await createOrganization(ga, gaToken, { name: ownerName });
    userOrg = await createOrganization(ga, gaToken);
  });

  afterAll(async () => {
    await system?.close();
  });

  const create = async (name: string) =>
    (await ga.post<System>('/api/v2/it-systems', { organizationUuid: owner, name: `${name} ${randomUUID().slice(0, 8)}` })).body;
  const use = async (systemUuid: string, organizationUuid: string) => {
    const result = await ga.post<{ uuid: string }>('/api/v2/it-system-usages', { systemUuid, organizationUuid });
    expect(result.status).toBe(201);
    return result.body.uuid;
  };

  it('derives usingOrganizations with names, and filters by usedInOrganizationUuid and numberOfUsers', async () => {
    const popular = await create('Popular');
    const lonely = await create('Lonely');
    const unused = await create('Unused');
    await use(popular.uuid, owner);
    await use(popular.uuid, userOrg);
    await use(lonely.uuid, userOrg);
    const read = await ga.get<System>(`/api/v2/it-systems/${popular.uuid}`);
    expect(read.body.usingOrganizations).toEqual(
      expect.arrayContaining([
        { uuid: owner, name: ownerName, cvr: null },
        { uuid: userOrg, name: expect.any(String), cvr: null },
      ]),
    );
    expect(read.body.usingOrganizations).toHaveLength(2);
    const list = async (query: string) =>
      (await ga.get<System[]>(`/api/v2/it-systems?organizationUuid=${owner}&${query}`)).body.map((s) => s.uuid);
    expect(await list(`usedInOrganizationUuid=${userOrg}`)).toEqual([popular.uuid, lonely.uuid]);
    expect(await list('numberOfUsers=2')).toEqual([popular.uuid]);
    expect(await list('numberOfUsers=1')).toEqual([popular.uuid, lonely.uuid]);
    expect(await list('numberOfUsers=0')).toEqual([popular.uuid, lonely.uuid, unused.uuid]);
  });

  it('keeps usingOrganizations per system as usages come and go, and repairs the kept lists at start', async () => {
    const shared = await create('Shared');
    const ownUsage = await use(shared.uuid, owner);
    await use(shared.uuid, userOrg);
    const usersOf = async (uuid: string) =>
      (await ga.get<System>(`/api/v2/it-systems/${uuid}`)).body.usingOrganizations.map((o) => o.uuid).sort();
    expect(await usersOf(shared.uuid)).toEqual([owner, userOrg].sort());
    expect((await ga.delete(`/api/v2/it-system-usages/${ownUsage}`)).status).toBe(204);
    expect(await usersOf(shared.uuid)).toEqual([userOrg]);
    // the kept list lost (a crash between the usage's write and the list's, or data from before the list existed) and
    // a wrong one: the catalogue's next start rebuilds both from the usages before it reports ready
    const other = await create('Other');
    await use(other.uuid, owner);
    const client = await mongoose.mongo.MongoClient.connect(system.env.MONGODB_URI as string);
    try {
      const kept = client
        .db(system.databaseOf('catalog'))
        .collection<{ _id: string; organizationUuids: string[] }>('it_system_using_organizations');
      expect(await kept.findOne({ _id: other.uuid })).toEqual({ _id: other.uuid, organizationUuids: [owner] });
      await kept.deleteOne({ _id: shared.uuid });
      await kept.updateOne({ _id: other.uuid }, { $set: { organizationUuids: [userOrg, owner] } });
      expect(await usersOf(shared.uuid)).toEqual([]);
      await system.stop('catalog');
      await system.start('catalog');
      expect(await usersOf(shared.uuid)).toEqual([userOrg]);
      expect(await usersOf(other.uuid)).toEqual([owner]);
    } finally {
      await client.close();
    }
  });

  it('keeps the main contracts per system for mainContractSuppliers as usages change, and repairs them at start', async () => {
    const supplied = await create('Supplied');
    const usage = await use(supplied.uuid, owner);
    const contract = await ga.post<{ uuid: string }>('/api/v2/it-contracts', {
      organizationUuid: owner,
      name: `Kontrakt ${randomUUID().slice(0, 8)}`,
      supplier: { organizationUuid: userOrg },
      systemUsageUuids: [usage],
    });
    expect(contract.status).toBe(201);
    const suppliersOf = async (uuid: string) =>
      (await ga.get<System>(`/api/v2/it-systems/${uuid}`)).body.mainContractSuppliers.map((o) => o.uuid);
    expect(await suppliersOf(supplied.uuid)).toEqual([]);
    // the catalogue learns the contract from the contracts service's events
    await eventually(
      async () => {
        const patched = await ga.patch(`/api/v2/it-system-usages/${usage}`, { general: { mainContractUuid: contract.body.uuid } });
        expect(patched.status).toBe(200);
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );
    expect(await suppliersOf(supplied.uuid)).toEqual([userOrg]);
    const client = await mongoose.mongo.MongoClient.connect(system.env.MONGODB_URI as string);
    try {
      const kept = client
        .db(system.databaseOf('catalog'))
        .collection<{ _id: string; organizationUuids: string[]; mainContracts?: unknown[] }>('it_system_using_organizations');
      expect(await kept.findOne({ _id: supplied.uuid })).toEqual({
        _id: supplied.uuid,
        organizationUuids: [owner],
        mainContracts: [{ organizationUuid: owner, contractUuid: contract.body.uuid }],
      });
      // lost (a crash between the usage's write and this one): the catalogue's next start rebuilds it from the usages
      await kept.updateOne({ _id: supplied.uuid }, { $unset: { mainContracts: '' } });
      expect(await suppliersOf(supplied.uuid)).toEqual([]);
      await system.stop('catalog');
      await system.start('catalog');
      expect(await suppliersOf(supplied.uuid)).toEqual([userOrg]);
    } finally {
      await client.close();
    }
    // the main contract removed from the usage, and the usage deleted: the system shows no supplier
    expect((await ga.patch(`/api/v2/it-system-usages/${usage}`, { general: { mainContractUuid: null } })).status).toBe(200);
    expect(await suppliersOf(supplied.uuid)).toEqual([]);
    expect((await ga.patch(`/api/v2/it-system-usages/${usage}`, { general: { mainContractUuid: contract.body.uuid } })).status).toBe(200);
    expect(await suppliersOf(supplied.uuid)).toEqual([userOrg]);
    expect((await ga.delete(`/api/v2/it-system-usages/${usage}`)).status).toBe(204);
    expect(await suppliersOf(supplied.uuid)).toEqual([]);
  });

  it('refuses to delete a system that is in use or exposes interfaces (409 with the conflicts)', async () => {
    const used = await create('Used');
    await use(used.uuid, userOrg);
    const exposing = await create('Exposing');
    const exposed = await ga.post<{ uuid: string; name: string }>('/api/v2/it-interfaces', {
      organizationUuid: owner,
      name: `API ${randomUUID().slice(0, 8)}`,
      interfaceId: 'v1',
      exposedBySystemUuid: exposing.uuid,
    });
    expect(exposed.status).toBe(201);
    const inUse = await ga.delete<Problem>(`/api/v2/it-systems/${used.uuid}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({
      deletionConflicts: ['HasItSystemUsages'],
      conflicts: [{ conflict: 'HasItSystemUsages', items: [{ uuid: userOrg }] }],
    });
    const exposes = await ga.delete<Problem>(`/api/v2/it-systems/${exposing.uuid}`);
    expect(exposes.status).toBe(409);
    expect(exposes.body).toMatchObject({
      deletionConflicts: ['HasInterfaceExposures'],
      conflicts: [{ conflict: 'HasInterfaceExposures', items: [{ uuid: exposed.body.uuid, name: exposed.body.name }] }],
    });
    expect((await ga.get(`/api/v2/it-systems/${used.uuid}`)).status).toBe(200);
  });
});
