import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { createUsage, putJson } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Rule = {
  id: string;
  module: string;
  level: string;
  title: string;
  enabled: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  check: { type: string; params: Record<string, any> };
};
type Pack = { version: number; basedOn: string; rules: Rule[]; createdByUserUuid: string | null };
type ModuleScore = {
  module: string;
  score: number | null;
  objects: number;
  findings: number;
  nationalMedian: number | null;
  nationalOrganizations: number;
};
type Scores = {
  organizationUuid: string;
  rulePackVersion: number;
  overall: number | null;
  nationalMedian: number | null;
  modules: ModuleScore[];
};
type ObjectFindings = {
  module: string;
  uuid: string;
  name: string | null;
  score: number;
  findings: Array<{ ruleId: string; level: string; message: string }>;
};
type HistoryEntry = { day: string; takenAt: string; rulePackVersion: number; overall: number | null; modules: ModuleScore[] };
type Problem = { status: number; errors?: Array<{ field: string; message: string }> };

const BASE = '/api/v2/data-quality';
const DPA_RULE = 'usage-personal-data-has-dpa';

describe('Data quality against the shared registration practice (reporting) through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let orgA: string;
  let orgB: string;
  let orgC: string;
  let localAdminA: string;
  let userB: string;
  let usageA: string;
  let usageB: string;

  const scoresOf = (org: string, token = admin) => api.get<Scores>(`${BASE}/organizations/${org}`, bearer(token));
  const findingsOf = (org: string, token = admin, query = '') =>
    api.get<ObjectFindings[]>(`${BASE}/organizations/${org}/findings${query}`, bearer(token));
  const usagesOf = (scores: Scores) => scores.modules.find((m) => m.module === 'usages')!;
  const ruleIdsOf = (findings: ObjectFindings[], uuid: string) =>
    findings.find((f) => f.uuid === uuid)?.findings.map((f) => f.ruleId) ?? [];
  const currentPack = async () => (await api.get<Pack>(`${BASE}/rule-pack`, bearer(admin))).body;

  /** Personal data, and the retention period decided (so that the usage passes one rule and its score can move). */
  const withPersonalData = async (usageUuid: string) => {
    const patched = await api.patch(
      `/api/v2/it-system-usages/${usageUuid}/gdpr`,
      { dataSensitivityLevels: ['PersonData'], retentionPeriodDefined: 'No' },
      bearer(admin),
    );
    expect(patched.status).toBe(200);
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'gdpr', 'reporting'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    [orgA, orgB, orgC] = [await createOrganization(api, admin), await createOrganization(api, admin), await createOrganization(api, admin)];
    localAdminA = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'LocalAdmin' }]));
    userB = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgB, role: 'User' }]));
    usageA = (await createUsage(api, admin, orgA, `Sag ${randomUUID().slice(0, 6)}`)).usageUuid;
    usageB = (await createUsage(api, admin, orgB, `Løn ${randomUUID().slice(0, 6)}`)).usageUuid;
    await createUsage(api, admin, orgC, `Arkiv ${randomUUID().slice(0, 6)}`);
    await withPersonalData(usageA);
    await withPersonalData(usageB);
  }, 180_000);

  afterAll(async () => {
    await system?.close();
  });

  describe('the rule pack', () => {
    it('is shipped as version 1 of the registration practice, readable by any user', async () => {
      const read = await api.get<Pack>(`${BASE}/rule-pack`, bearer(userB));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ version: 1, basedOn: 'registration-practice.v1', createdByUserUuid: null });
      expect(read.body.rules.find((r) => r.id === DPA_RULE)).toMatchObject({ module: 'usages', level: 'minimum', enabled: true });
      expect(new Set(read.body.rules.map((r) => r.module))).toEqual(new Set(['usages', 'contracts', 'dprs', 'relations', 'interfaces']));
      expect((await api.get(`${BASE}/rule-pack`)).status).toBe(401);
    });

    it('may be edited by global admins only (403)', async () => {
      const pack = await currentPack();
      const refused = await putJson<Problem>(
        system.gatewayUrl,
        `${BASE}/rule-pack`,
        { version: pack.version, rules: pack.rules },
        localAdminA,
      );
      expect(refused.status).toBe(403);
      expect((await currentPack()).version).toBe(pack.version);
    });

    it('refuses a bad pack with field-level details (400)', async () => {
      const pack = await currentPack();
      const rules = structuredClone(pack.rules);
      rules[0].check.type = 'regex';
      rules[1].check.params.field = 'data.colour';
      rules[2].check.params.link = 'project';
      rules[3].check.params.field = 'gdpr.data.riskAssessmentNotes';
      const refused = await putJson<Problem>(system.gatewayUrl, `${BASE}/rule-pack`, { version: pack.version, rules }, admin);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['rules[0].check.type']));
      const semantic = structuredClone(pack.rules);
      semantic[1].check.params.field = 'data.colour';
      semantic[2].check.params.link = 'project';
      semantic[3].check.params.field = 'gdpr.data.riskAssessmentNotes';
      semantic[3].check.params.months = 0;
      const refusedAgain = await putJson<Problem>(
        system.gatewayUrl,
        `${BASE}/rule-pack`,
        { version: pack.version, rules: semantic },
        admin,
      );
      expect(refusedAgain.status).toBe(400);
      expect(refusedAgain.body.errors?.map((e) => e.field)).toEqual(
        expect.arrayContaining([
          'rules[1].check.params.field',
          'rules[2].check.params.link',
          'rules[3].check.params.field',
          'rules[3].check.params.months',
        ]),
      );
      expect((await currentPack()).version).toBe(pack.version);
    });

    it('answers 404 for an unknown version and 400 for a malformed one', async () => {
      expect((await api.get(`${BASE}/rule-pack/versions/999`, bearer(admin))).status).toBe(404);
      expect((await api.get(`${BASE}/rule-pack/versions/abc`, bearer(admin))).status).toBe(400);
    });
  });

  describe('scores and findings', () => {
    let before: Scores;

    it('a usage with personal data but no DPA gets the finding and a lower score', async () => {
      const findings = await eventually(async () => {
        const result = await findingsOf(orgA, localAdminA);
        if (result.status !== 200 || !ruleIdsOf(result.body, usageA).includes(DPA_RULE))
          throw new Error(`findings answered ${result.status}: ${JSON.stringify(result.body)}`);
        return result.body;
      });
      const object = findings.find((f) => f.uuid === usageA)!;
      expect(object).toMatchObject({ module: 'usages', name: expect.any(String) });
      expect(object.findings.find((f) => f.ruleId === DPA_RULE)).toMatchObject({ level: 'minimum', message: expect.any(String) });
      expect(object.score).toBeLessThan(1);
      const read = await scoresOf(orgA, localAdminA);
      expect(read.status).toBe(200);
      before = read.body;
      expect(before).toMatchObject({ organizationUuid: orgA, rulePackVersion: 1 });
      expect(usagesOf(before)).toMatchObject({ objects: 1, score: object.score });
      expect(usagesOf(before).findings).toBe(object.findings.length);
      expect(before.overall).toBe(object.score); // only the usages module has objects
    });

    it('filters findings by module and pages them', async () => {
      const contracts = await findingsOf(orgA, localAdminA, '?module=contracts');
      expect(contracts.status).toBe(200);
      expect(contracts.body).toEqual([]);
      expect((await findingsOf(orgA, localAdminA, '?module=usages&page=1&pageSize=1')).body).toEqual([]);
      expect((await findingsOf(orgA, localAdminA, '?module=usages&page=0&pageSize=1')).body.map((f) => f.uuid)).toEqual([usageA]);
      expect((await findingsOf(orgA, localAdminA, '?module=projects')).status).toBe(400);
    });

    it('after a DPR with a concluded agreement is linked, the finding disappears and the score rises', async () => {
      const dpr = await api.post(
        '/api/v2/data-processing-registrations',
        {
          organizationUuid: orgA,
          name: `Databehandleraftale ${randomUUID().slice(0, 6)}`,
          general: { isAgreementConcluded: 'Yes', agreementConcludedAt: '2024-03-01' },
          systemUsageUuids: [usageA],
        },
        bearer(admin),
      );
      expect(dpr.status).toBe(201);
      const after = await eventually(async () => {
        const result = await findingsOf(orgA, localAdminA, '?module=usages');
        if (ruleIdsOf(result.body, usageA).includes(DPA_RULE)) throw new Error('the DPA finding is still there');
        return (await scoresOf(orgA, localAdminA)).body;
      });
      expect(usagesOf(after).score!).toBeGreaterThan(usagesOf(before).score!);
      expect(usagesOf(after).findings).toBe(usagesOf(before).findings - 1);
      expect(after.modules.find((m) => m.module === 'dprs')!.objects).toBe(1);
    });

    it('shows the national median over the three organisations with usages', async () => {
      const all = await eventually(async () => {
        const modules = await Promise.all([orgA, orgB, orgC].map(async (org) => usagesOf((await scoresOf(org)).body)));
        if (modules.some((m) => m.objects !== 1)) throw new Error(`not every usage is scored yet: ${JSON.stringify(modules)}`);
        if (!ruleIdsOf((await findingsOf(orgB)).body, usageB).includes(DPA_RULE)) throw new Error('B has no DPA finding yet');
        return modules;
      });
      const sorted = all.map((m) => m.score!).sort((a, b) => a - b);
      for (const module of all) expect(module).toMatchObject({ nationalMedian: sorted[1], nationalOrganizations: 3 });
      const a = (await scoresOf(orgA)).body;
      expect(a.modules.find((m) => m.module === 'contracts')).toMatchObject({
        score: null,
        objects: 0,
        nationalMedian: null,
        nationalOrganizations: 0,
      });
    });
  });

  describe('who sees what', () => {
    it('another organisation’s user sees the scores (shared aggregates) but not the findings (404)', async () => {
      const scores = await scoresOf(orgA, userB);
      expect(scores.status).toBe(200);
      expect(scores.body.organizationUuid).toBe(orgA);
      expect((await findingsOf(orgA, userB)).status).toBe(404);
      expect((await findingsOf(orgB, userB)).status).toBe(200);
    });

    it('answers 404 for an unknown organisation, 400 for a malformed uuid, 401 without a token', async () => {
      expect((await scoresOf(randomUUID(), userB)).status).toBe(404);
      expect((await api.get(`${BASE}/organizations/not-a-uuid`, bearer(userB))).status).toBe(400);
      expect((await api.get(`${BASE}/organizations/${orgA}`)).status).toBe(401);
    });
  });

  describe('editing the pack changes the scores', () => {
    it('a global admin disables the DPA rule and changes months: version 2, the old version kept, scores follow', async () => {
      const beforeB = usagesOf((await scoresOf(orgB)).body);
      expect(ruleIdsOf((await findingsOf(orgB)).body, usageB)).toContain(DPA_RULE);
      const pack = await currentPack();
      const rules = pack.rules.map((r) =>
        r.id === DPA_RULE
          ? { ...r, enabled: false }
          : r.id === 'usage-risk-assessment-recent'
            ? { ...r, check: { ...r.check, params: { ...r.check.params, months: 24 } } }
            : r,
      );
      const saved = await putJson<Pack>(system.gatewayUrl, `${BASE}/rule-pack`, { version: pack.version, rules }, admin);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        version: pack.version + 1,
        basedOn: 'registration-practice.v1',
        createdByUserUuid: expect.any(String),
      });
      expect(saved.body.rules.find((r) => r.id === 'usage-risk-assessment-recent')!.check.params.months).toBe(24);

      const old = await api.get<Pack>(`${BASE}/rule-pack/versions/${pack.version}`, bearer(userB));
      expect(old.status).toBe(200);
      expect(old.body.rules.find((r) => r.id === DPA_RULE)!.enabled).toBe(true);
      expect((await currentPack()).version).toBe(pack.version + 1);

      const afterB = (await scoresOf(orgB)).body;
      expect(afterB.rulePackVersion).toBe(pack.version + 1);
      expect(usagesOf(afterB).score!).toBeGreaterThan(beforeB.score!);
      expect(ruleIdsOf((await findingsOf(orgB)).body, usageB)).not.toContain(DPA_RULE);
    });

    it('refuses an edit from an old version (412)', async () => {
      const pack = await currentPack();
      const stale = await putJson<Problem>(system.gatewayUrl, `${BASE}/rule-pack`, { version: pack.version - 1, rules: pack.rules }, admin);
      expect(stale.status).toBe(412);
      expect((await currentPack()).version).toBe(pack.version);
    });
  });

  describe('score history', () => {
    it('only global admins take snapshots (403)', async () => {
      expect((await api.post(`${BASE}/snapshots`, {}, bearer(localAdminA))).status).toBe(403);
    });

    it('keeps one snapshot per organisation and day; a second snapshot that day replaces the first', async () => {
      const first = await api.post<{ day: string; organizations: number; rulePackVersion: number }>(`${BASE}/snapshots`, {}, bearer(admin));
      expect(first.status).toBe(201);
      expect(first.body.organizations).toBeGreaterThanOrEqual(3);
      const afterFirst = await api.get<HistoryEntry[]>(`${BASE}/organizations/${orgB}/history`, bearer(userB));
      expect(afterFirst.status).toBe(200);
      expect(afterFirst.body).toHaveLength(1);
      expect(afterFirst.body[0]).toMatchObject({ day: first.body.day, rulePackVersion: first.body.rulePackVersion });
      const scoreBefore = usagesOf(afterFirst.body[0] as unknown as Scores).score;

      // re-enable the DPA rule: B's usage fails it again
      const pack = await currentPack();
      const rules = pack.rules.map((r) => (r.id === DPA_RULE ? { ...r, enabled: true } : r));
      expect((await putJson(system.gatewayUrl, `${BASE}/rule-pack`, { version: pack.version, rules }, admin)).status).toBe(200);

      const second = await api.post<{ day: string; rulePackVersion: number }>(`${BASE}/snapshots`, {}, bearer(admin));
      expect(second.status).toBe(201);
      const history = (await api.get<HistoryEntry[]>(`${BASE}/organizations/${orgB}/history`, bearer(admin))).body;
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ day: second.body.day, rulePackVersion: pack.version + 1 });
      expect(new Date(history[0].takenAt).getTime()).toBeGreaterThan(new Date(afterFirst.body[0].takenAt).getTime());
      expect(usagesOf(history[0] as unknown as Scores).score!).toBeLessThan(scoreBefore!);

      expect((await api.get(`${BASE}/organizations/${orgA}/history`, bearer(userB))).status).toBe(200);
      expect(
        (await api.get<HistoryEntry[]>(`${BASE}/organizations/${orgA}/history?from=2000-01-01&to=2000-12-31`, bearer(admin))).body,
      ).toEqual([]);
      expect((await api.get(`${BASE}/organizations/${orgA}/history?from=2026-13`, bearer(admin))).status).toBe(400);
    });
  });
});
