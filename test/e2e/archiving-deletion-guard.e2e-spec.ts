import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Archive = { findings: string[]; deletionDueDate: string | null; latestApprovedPeriodEnd: string | null; version: number };

/**
 * The archive-before-deletion guard across services: gdpr publishes when a usage's data is due for deletion, archiving
 * flags a usage with archive duty B whose data no approved journal period covers up to that day. Real events only.
 */
describe('The archive-before-deletion guard (gdpr → archiving through events)', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'gdpr', 'archiving'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin);
  }); // the configured timeout (jest.config.js): more than the 150 s a system may take to get ready

  afterAll(async () => {
    await system?.close();
  });

  const createUsage = async (): Promise<string> => {
    const registered = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid: org, name: `Sag ${randomUUID().slice(0, 8)}` },
      bearer(admin),
    );
    const created = await api.post<{ uuid: string }>(
      '/api/v2/it-system-usages',
      { organizationUuid: org, systemUuid: registered.body.uuid },
      bearer(admin),
    );
    expect(created.status).toBe(201);
    return created.body.uuid;
  };
  const archiveOf = async (usageUuid: string) =>
    (await api.get<Archive>(`/api/v2/it-system-usage-archives/${usageUuid}`, bearer(admin))).body;
  const setDeletionDue = async (usageUuid: string, day: string | null) => {
    const written = await api.patch(
      `/api/v2/it-system-usages/${usageUuid}/gdpr`,
      day ? { retentionPeriodDefined: 'Yes', nextDataRetentionEvaluationDate: day } : { retentionPeriodDefined: 'No' },
      bearer(admin),
    );
    expect(written.status).toBe(200);
  };

  it('flags a B usage whose data is due for deletion before an approved period covers it, and clears the flag when one does', async () => {
    const usageUuid = await createUsage();
    expect((await api.patch(`/api/v2/it-system-usage-archives/${usageUuid}`, { archiveDuty: 'B' }, bearer(admin))).status).toBe(200);
    await setDeletionDue(usageUuid, '2030-06-01');
    await eventually(
      async () =>
        expect(await archiveOf(usageUuid)).toMatchObject({ deletionDueDate: '2030-06-01', findings: ['DeletionBeforeApprovedArchiving'] }),
      {
        timeoutMs: 20_000,
      },
    );

    // an approved period ending before the deletion day does not cover it; one reaching it does
    const periods = `/api/v2/it-system-usages/${usageUuid}/journal-periods`;
    await api.post(periods, { archiveId: 'AV-1', startDate: '2020-01-01', endDate: '2024-12-31', status: 'Approved' }, bearer(admin));
    expect((await archiveOf(usageUuid)).findings).toEqual(['DeletionBeforeApprovedArchiving']);
    const covering = await api.post<{ uuid: string }>(
      periods,
      { archiveId: 'AV-2', startDate: '2025-01-01', endDate: '2030-06-01', status: 'Delivered' },
      bearer(admin),
    );
    expect((await archiveOf(usageUuid)).findings).toEqual(['DeletionBeforeApprovedArchiving']);
    await fetch(`${system.gatewayUrl}${periods}/${covering.body.uuid}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(admin) },
      body: JSON.stringify({
        archiveId: 'AV-2',
        startDate: '2025-01-01',
        endDate: '2030-06-01',
        status: 'Approved',
        approvalDate: '2030-07-01',
      }),
    });
    expect(await archiveOf(usageUuid)).toMatchObject({ latestApprovedPeriodEnd: '2030-06-01', findings: [] });

    // a later deletion day flags it again; K (discarded, never delivered) is not guarded
    await setDeletionDue(usageUuid, '2031-01-01');
    await eventually(async () => expect((await archiveOf(usageUuid)).findings).toEqual(['DeletionBeforeApprovedArchiving']), {
      timeoutMs: 20_000,
    });
    const discarded = await api.patch<Archive>(`/api/v2/it-system-usage-archives/${usageUuid}`, { archiveDuty: 'K' }, bearer(admin));
    expect({ status: discarded.status, findings: discarded.body.findings }).toEqual({ status: 200, findings: [] });
  });

  it("shows the flag in gdpr's dashboard through archiving's events", async () => {
    const usageUuid = await createUsage();
    await setDeletionDue(usageUuid, '2029-01-01');
    expect((await api.patch(`/api/v2/it-system-usage-archives/${usageUuid}`, { archiveDuty: 'B' }, bearer(admin))).status).toBe(200);
    await eventually(async () => expect((await archiveOf(usageUuid)).findings).toEqual(['DeletionBeforeApprovedArchiving']), {
      timeoutMs: 20_000,
    });
    await eventually(
      async () => {
        const dashboard = await api.get<{ deletionBeforeApprovedArchiving: { usages: Array<{ usageUuid: string }> } }>(
          `/api/v2/organizations/${org}/gdpr/dashboard`,
          bearer(admin),
        );
        expect(dashboard.status).toBe(200);
        expect(dashboard.body.deletionBeforeApprovedArchiving.usages.map((u) => u.usageUuid)).toContain(usageUuid);
      },
      { timeoutMs: 20_000 },
    );
    await api.post(
      `/api/v2/it-system-usages/${usageUuid}/journal-periods`,
      { archiveId: 'AV-1', startDate: '2020-01-01', endDate: '2029-12-31', status: 'Approved' },
      bearer(admin),
    );
    await eventually(
      async () => {
        const dashboard = await api.get<{ deletionBeforeApprovedArchiving: { usages: Array<{ usageUuid: string }> } }>(
          `/api/v2/organizations/${org}/gdpr/dashboard`,
          bearer(admin),
        );
        expect(dashboard.body.deletionBeforeApprovedArchiving.usages.map((u) => u.usageUuid)).not.toContain(usageUuid);
      },
      { timeoutMs: 20_000 },
    );
  });
});
