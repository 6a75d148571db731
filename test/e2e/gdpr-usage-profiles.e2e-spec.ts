import { connect, type NatsConnection } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { eventually, resetJetStream } from '@kitos/testing';
import { createUsage, putJson } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Gdpr = Record<string, unknown> & { version: number };

/** The GDPR registration of a usage (KITOS usage section `gdpr`) through the gateway, its rules, and the composed usage. */
describe('GDPR registration of a system usage', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let organizationUuid: string;
  let usageUuid: string;
  let localAdmin: string;
  let member: string;
  let outsider: string;
  let sensitiveOptions: Array<{ uuid: string; name: string }>;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'gdpr'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    organizationUuid = await createOrganization(api, admin);
    const other = await createOrganization(api, admin);
    localAdmin = await sessionOf(api, await createUser(api, admin, [{ organizationUuid, role: 'LocalAdmin' }]));
    member = await sessionOf(api, await createUser(api, admin, [{ organizationUuid, role: 'User' }]));
    outsider = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: other, role: 'LocalAdmin' }]));
    ({ usageUuid } = await createUsage(api, admin, organizationUuid, 'Sagssystem Ærø'));
    const options = await api.get<Array<{ uuid: string; name: string }>>(
      `/api/v2/it-system-usage-sensitive-personal-data-types?organizationUuid=${organizationUuid}`,
      bearer(admin),
    );
    expect(options.status).toBe(200);
    sensitiveOptions = options.body;
    expect(sensitiveOptions.length).toBeGreaterThan(1);
  });

  afterAll(async () => {
    await system?.close();
  });

  const path = () => `/api/v2/it-system-usages/${usageUuid}/gdpr`;

  it('exists empty (version 0) for every usage, readable by members', async () => {
    const read = await api.get<Gdpr>(path(), bearer(member));
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"0"');
    expect(read.body).toMatchObject({
      usageUuid,
      systemContext: { name: 'Sagssystem Ærø' },
      organizationContext: { uuid: organizationUuid },
      purpose: null,
      dataSensitivityLevels: [],
      riskAssessmentConducted: null,
      version: 0,
    });
  });

  it('answers 404 for an unknown usage and for users of other organisations, 401 without a token', async () => {
    expect((await api.get(`/api/v2/it-system-usages/${'1'.repeat(8)}-1111-4111-8111-111111111111/gdpr`, bearer(admin))).status).toBe(404);
    expect((await api.get(path(), bearer(outsider))).status).toBe(404);
    expect((await api.patch(path(), { purpose: 'x' }, bearer(outsider))).status).toBe(404);
    expect((await api.get(path())).status).toBe(401);
    expect((await api.get('/api/v2/it-system-usages/not-a-uuid/gdpr', bearer(admin))).status).toBe(400);
  });

  it('lets members read but not write (403); local administrators write', async () => {
    expect((await api.patch(path(), { purpose: 'Sagsbehandling' }, bearer(member))).status).toBe(403);
    const written = await api.patch<Gdpr>(
      path(),
      { purpose: 'Sagsbehandling', hostedAt: 'External', businessCritical: 'Yes' },
      bearer(localAdmin),
    );
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ purpose: 'Sagsbehandling', hostedAt: 'External', businessCritical: 'Yes', version: 1 });
    expect(written.headers.get('etag')).toBe('"1"');
  });

  it.each([
    ['riskAssessmentConductedDate', 'riskAssessmentConducted', '2025-01-01'],
    ['riskAssessmentResult', 'riskAssessmentConducted', 'Low'],
    ['dpiaDate', 'dpiaConducted', '2025-01-01'],
    ['technicalPrecautionsApplied', 'technicalPrecautionsInPlace', ['Encryption']],
    ['userSupervisionDate', 'userSupervision', '2025-01-01'],
    ['nextDataRetentionEvaluationDate', 'retentionPeriodDefined', '2027-01-01'],
    ['dataRetentionEvaluationFrequencyInMonths', 'retentionPeriodDefined', 12],
  ])('refuses %s unless %s is Yes (400 naming the field)', async (field, parent, value) => {
    const refused = await api.patch<{ errors: Array<{ field: string; message: string }> }>(
      path(),
      { [parent]: 'No', [field]: value },
      bearer(admin),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field, message: `${field} may only be set when ${parent} is Yes` }]);
    const accepted = await api.patch<Gdpr>(path(), { [parent]: 'Yes', [field]: value }, bearer(admin));
    expect(accepted.status).toBe(200);
    expect(accepted.body[field]).toEqual(value);
  });

  it('clears the dependent fields when the parent is answered with anything but Yes', async () => {
    const set = await api.patch<Gdpr>(
      path(),
      {
        riskAssessmentConducted: 'Yes',
        riskAssessmentConductedDate: '2024-05-01',
        riskAssessmentResult: 'Medium',
        riskAssessmentNotes: 'Noter',
        riskAssessmentDocumentation: { name: 'Risikovurdering', url: 'https://intra.example/rv' },
        plannedRiskAssessmentDate: '2027-05-01',
      },
      bearer(admin),
    );
    expect(set.status).toBe(200);
    const cleared = await api.patch<Gdpr>(path(), { riskAssessmentConducted: 'DontKnow' }, bearer(admin));
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      riskAssessmentConducted: 'DontKnow',
      riskAssessmentConductedDate: null,
      riskAssessmentResult: null,
      riskAssessmentNotes: null,
      riskAssessmentDocumentation: null,
      plannedRiskAssessmentDate: '2027-05-01',
    });
  });

  it('refuses duplicate sensitivity levels and unknown enum values', async () => {
    const duplicate = await api.patch<{ errors: Array<{ field: string }> }>(
      path(),
      { dataSensitivityLevels: ['PersonData', 'PersonData'] },
      bearer(admin),
    );
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors.map((e) => e.field)).toEqual(['dataSensitivityLevels']);
    const unknown = await api.patch<{ errors: Array<{ field: string }> }>(path(), { hostedAt: 'Moon' }, bearer(admin));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e) => e.field)).toContain('hostedAt');
  });

  it('accepts available sensitive personal data types (with their names) and refuses unknown ones by field', async () => {
    const chosen = sensitiveOptions[0];
    const ok = await api.patch<Gdpr>(
      path(),
      { dataSensitivityLevels: ['PersonData', 'SensitiveData'], sensitivePersonDataUuids: [chosen.uuid] },
      bearer(admin),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.sensitivePersonData).toEqual([{ uuid: chosen.uuid, name: chosen.name }]);
    const unknown = await api.patch<{ errors: Array<{ field: string }> }>(
      path(),
      { sensitivePersonDataUuids: [chosen.uuid, '0b9f4d8e-1c2a-4e5f-9a7b-3c2d1e0f9a8b'] },
      bearer(admin),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e) => e.field)).toEqual(['sensitivePersonDataUuids[1]']);
  });

  it('PUT replaces the whole registration; a stale If-Match → 412', async () => {
    const current = await api.get<Gdpr>(path(), bearer(admin));
    const stale = await putJson(system.gatewayUrl, path(), { purpose: 'x' }, admin, { 'if-match': `"${current.body.version - 1}"` });
    expect(stale.status).toBe(412);
    const replaced = await putJson<Gdpr>(system.gatewayUrl, path(), { purpose: 'Kun formål' }, admin, {
      'if-match': `"${current.body.version}"`,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ purpose: 'Kun formål', hostedAt: null, sensitivePersonData: [], dataSensitivityLevels: [] });
  });

  describe('as a section of the composed usage', () => {
    it('GET /it-system-usages/{uuid} carries gdpr and (archiving down) a null archiving with a marker and a Warning', async () => {
      const usage = await api.get<Record<string, unknown>>(`/api/v2/it-system-usages/${usageUuid}`, bearer(member));
      expect(usage.status).toBe(200);
      expect(usage.body.gdpr).toMatchObject({ usageUuid, purpose: 'Kun formål' });
      expect(usage.body.archiving).toBeNull();
      expect(usage.body.unavailableSections).toEqual(['archiving']);
      expect(usage.headers.get('warning')).toContain('archiving');
    });

    it('PATCH forwards the gdpr section (fields named gdpr.<field> on error) next to catalogue sections', async () => {
      const patched = await api.patch<Record<string, Record<string, unknown>>>(
        `/api/v2/it-system-usages/${usageUuid}`,
        { general: { localCallName: 'ESDH' }, gdpr: { hostedAt: 'OnPremise' } },
        bearer(admin),
      );
      expect(patched.status).toBe(200);
      expect(patched.body.general.localCallName).toBe('ESDH');
      expect(patched.body.gdpr).toMatchObject({ hostedAt: 'OnPremise', purpose: 'Kun formål' });
      const refused = await api.patch<{ errors: Array<{ field: string }>; appliedSections?: string[] }>(
        `/api/v2/it-system-usages/${usageUuid}`,
        { gdpr: { dpiaConducted: 'No', dpiaDate: '2025-01-01' } },
        bearer(admin),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e) => e.field)).toEqual(['gdpr.dpiaDate']);
    });

    it('a section refused after the catalogue sections were written says what was applied', async () => {
      const refused = await api.patch<{ appliedSections: string[]; failedSection: string; errors: Array<{ field: string }> }>(
        `/api/v2/it-system-usages/${usageUuid}`,
        { general: { localCallName: 'Skrevet' }, gdpr: { userSupervision: 'No', userSupervisionDate: '2025-01-01' } },
        bearer(admin),
      );
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ appliedSections: ['general'], failedSection: 'gdpr' });
      expect(refused.body.errors.map((e) => e.field)).toEqual(['gdpr.userSupervisionDate']);
      const after = await api.get<Record<string, Record<string, unknown>>>(`/api/v2/it-system-usages/${usageUuid}`, bearer(admin));
      expect(after.body.general.localCallName).toBe('Skrevet');
      expect((await api.patch(`/api/v2/it-system-usages/${usageUuid}`, { general: { localCallName: 'ESDH' } }, bearer(admin))).status).toBe(
        200,
      );
    });

    it('with the gdpr service down: GET still answers (gdpr null, marked); a write to gdpr → 503 with nothing applied', async () => {
      await system.stop('gdpr');
      try {
        const usage = await api.get<Record<string, unknown>>(`/api/v2/it-system-usages/${usageUuid}`, bearer(admin));
        expect(usage.status).toBe(200);
        expect(usage.body.gdpr).toBeNull();
        expect(usage.body.unavailableSections).toEqual(['gdpr', 'archiving']);
        expect(usage.headers.get('warning')).toMatch(/gdpr/);
        const write = await api.patch<{ unavailableSections: string[] }>(
          `/api/v2/it-system-usages/${usageUuid}`,
          { general: { localCallName: 'Ændret' }, gdpr: { purpose: 'y' } },
          bearer(admin),
        );
        expect(write.status).toBe(503);
        expect(write.body.unavailableSections).toEqual(['gdpr']);
        const after = await api.get<Record<string, Record<string, unknown>>>(`/api/v2/it-system-usages/${usageUuid}`, bearer(admin));
        expect(after.body.general.localCallName).toBe('ESDH');
        expect((await api.get(path(), bearer(admin))).status).toBe(503);
      } finally {
        await system.start('gdpr');
      }
      await eventually(async () => expect((await api.get(path(), bearer(admin))).status).toBe(200));
    });
  });

  describe('events (stream GDPR) for archiving and reporting', () => {
    let nc: NatsConnection;
    beforeAll(async () => {
      nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
    });
    afterAll(async () => {
      await nc?.close();
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const lastEvent = async (subject: string): Promise<Record<string, any>> => {
      const jsm = await nc.jetstreamManager();
      const message = await jsm.streams.getMessage('GDPR', { last_by_subj: subject });
      return JSON.parse(new TextDecoder().decode(message.data)) as Record<string, unknown>;
    };

    it('publishes usage-gdpr.changed with personal data, retention and the deletion due date, with field changes', async () => {
      const changed = await api.patch<Gdpr>(
        path(),
        { dataSensitivityLevels: ['PersonData'], retentionPeriodDefined: 'Yes', nextDataRetentionEvaluationDate: '2027-06-30' },
        bearer(admin),
      );
      expect(changed.status).toBe(200);
      await eventually(async () => {
        const event = await lastEvent('evt.gdpr.usage-gdpr.changed.v1');
        expect(event).toMatchObject({
          type: 'gdpr.usage-gdpr.changed',
          organizationUuid,
          aggregate: { type: 'usage-gdpr', uuid: usageUuid, version: changed.body.version },
          data: {
            profile: {
              usageUuid,
              organizationUuid,
              processesPersonalData: true,
              retentionPeriodDefined: 'Yes',
              deletionDueDate: '2027-06-30',
            },
          },
        });
        expect(event.data.changes.map((c: { field: string }) => c.field).sort()).toEqual([
          'dataSensitivityLevels',
          'nextDataRetentionEvaluationDate',
          'retentionPeriodDefined',
        ]);
      });
    });

    it('publishes the risk assessment and the DPIA (conducted, dates, notes) for reporting', async () => {
      const { usageUuid: assessed } = await createUsage(api, admin, organizationUuid, 'Risikovurderet system');
      const gdprPath = `/api/v2/it-system-usages/${assessed}/gdpr`;
      const written = await api.patch<Gdpr>(
        gdprPath,
        {
          riskAssessmentConducted: 'Yes',
          riskAssessmentConductedDate: '2021-03-01',
          riskAssessmentNotes: 'Lav risiko efter kryptering',
          dpiaConducted: 'Yes',
          dpiaDate: '2022-05-10',
        },
        bearer(admin),
      );
      expect(written.status).toBe(200);
      await eventually(async () => {
        const event = await lastEvent('evt.gdpr.usage-gdpr.changed.v1');
        expect(event.aggregate).toMatchObject({ uuid: assessed, version: written.body.version });
        expect(event.data.profile).toMatchObject({
          usageUuid: assessed,
          riskAssessmentConducted: 'Yes',
          riskAssessmentDate: '2021-03-01',
          riskAssessmentNotes: 'Lav risiko efter kryptering',
          dpiaConducted: 'Yes',
          dpiaDate: '2022-05-10',
        });
      });
      // "No" clears the dependent fields, and the snapshot says so
      const cleared = await api.patch<Gdpr>(gdprPath, { riskAssessmentConducted: 'No' }, bearer(admin));
      expect(cleared.status).toBe(200);
      await eventually(async () => {
        const event = await lastEvent('evt.gdpr.usage-gdpr.changed.v1');
        expect(event.aggregate).toMatchObject({ uuid: assessed, version: cleared.body.version });
        expect(event.data.profile).toMatchObject({
          riskAssessmentConducted: 'No',
          riskAssessmentDate: null,
          riskAssessmentNotes: null,
          dpiaConducted: 'Yes',
          dpiaDate: '2022-05-10',
        });
        expect(event.data.changes.map((c: { field: string }) => c.field).sort()).toEqual([
          'riskAssessmentConducted',
          'riskAssessmentConductedDate',
          'riskAssessmentNotes',
        ]);
      });
    });

    it('disappears with its usage (404 afterwards), publishing usage-gdpr.deleted', async () => {
      const { usageUuid: doomed } = await createUsage(api, admin, organizationUuid, 'Midlertidigt system');
      expect((await api.patch(`/api/v2/it-system-usages/${doomed}/gdpr`, { purpose: 'Slettes' }, bearer(admin))).status).toBe(200);
      expect((await api.delete(`/api/v2/it-system-usages/${doomed}`, bearer(admin))).status).toBe(204);
      await eventually(async () => expect((await api.get(`/api/v2/it-system-usages/${doomed}/gdpr`, bearer(admin))).status).toBe(404));
      await eventually(async () =>
        expect(await lastEvent('evt.gdpr.usage-gdpr.deleted.v1')).toMatchObject({
          aggregate: { uuid: doomed, version: 2 },
          data: { usageUuid: doomed, organizationUuid },
        }),
      );
    });
  });

  it('with the archiving service up, the composed usage carries its archiving section too', async () => {
    await system.start('archiving');
    try {
      const usage = await eventually(async () => {
        const read = await api.get<Record<string, unknown>>(`/api/v2/it-system-usages/${usageUuid}`, bearer(member));
        expect(read.body.unavailableSections).toEqual([]);
        return read;
      });
      expect(usage.headers.get('warning')).toBeNull();
      expect(usage.body.archiving).toMatchObject({ usageUuid });
      expect(usage.body.gdpr).toMatchObject({ usageUuid });
      const written = await api.patch<Record<string, Record<string, unknown>>>(
        `/api/v2/it-system-usages/${usageUuid}`,
        { gdpr: { businessCritical: 'No' }, archiving: { archiveDuty: 'B' } },
        bearer(admin),
      );
      expect(written.status).toBe(200);
      expect(written.body.gdpr.businessCritical).toBe('No');
      expect(written.body.archiving.archiveDuty).toBe('B');
    } finally {
      await system.stop('archiving');
    }
  });
});
