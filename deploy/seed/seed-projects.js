// Demo IT projects for the three demo municipalities (101, 147, 751): a programme with two projects each, with phases,
// milestones, tasks, status reports, economy, risks, stakeholders and benefits (some on plan, one below plan and overdue,
// so the attention list has something to show), linked to some of the municipality's system usages.
// Called by seed-demo.js after the catalogue; safe to run again (a project that exists by name is left alone).
'use strict';

const { inParallel, PARALLEL } = require('./seed-catalog');

const MUNICIPALITIES = [101, 147, 751];
const ROLE_TYPES = [
  { name: 'Projektejer', hasWriteAccess: true, description: 'Ejer projektet og dets gevinster' },
  { name: 'Projektleder', hasWriteAccess: true, description: 'Leder projektet i hverdagen' },
  { name: 'Styregruppemedlem', hasWriteAccess: false, description: 'Følger projektet i styregruppen' },
];

const amounts = (acqInt, acqExt, opInt, opExt) => ({
  acquisition: { internal: acqInt, external: acqExt },
  operation: { internal: opInt, external: opExt },
});
const light = (status, comment) => ({ status, comment: comment ?? null });

/** The demo portfolio, relative to the current year so that "to date" and "overdue" mean something whenever it is run. */
function portfolio(year) {
  return [
    {
      name: 'Digitaliseringsprogram',
      projectId: 'PRG-1',
      description: 'Samler kommunens digitaliseringsprojekter',
      currentPhase: 'Phase3',
      children: ['Nyt ESDH-system', 'Selvbetjening for borgere'],
      benefits: [],
    },
    {
      name: 'Nyt ESDH-system',
      projectId: 'P-101',
      description: 'Udskiftning af det gamle ESDH-system efter udbud',
      currentPhase: 'Phase3',
      phases: [
        { phase: 'Phase1', startDate: `${year - 2}-01-01`, endDate: `${year - 2}-06-30` },
        { phase: 'Phase2', startDate: `${year - 2}-07-01`, endDate: `${year - 1}-03-31` },
        { phase: 'Phase3', startDate: `${year - 1}-04-01`, endDate: `${year}-12-31` },
      ],
      milestones: [
        { name: 'Kontrakt underskrevet', date: `${year - 1}-04-15`, status: 'Done', phase: 'Phase2' },
        { name: 'Go-live', date: `${year}-10-01`, status: 'InProgress', phase: 'Phase3' },
      ],
      tasks: [
        { name: 'Datamigrering', dueDate: `${year}-08-31`, status: 'InProgress', phase: 'Phase3' },
        { name: 'Uddannelse af superbrugere', dueDate: `${year}-09-15`, status: 'NotStarted', phase: 'Phase3' },
      ],
      statusReports: [
        {
          date: `${year - 1}-09-30`,
          overall: light('Green'),
          time: light('Green'),
          cost: light('Green'),
          quality: light('Green'),
          resources: light('Yellow', 'Travlt i IT'),
        },
        {
          date: `${year - 1}-12-31`,
          overall: light('Yellow', 'Migrering forsinket'),
          time: light('Yellow', '3 uger bagud'),
          cost: light('Green'),
          quality: light('Green'),
          resources: light('Yellow'),
        },
      ],
      economy: [
        { year: year - 1, budget: amounts(40_000_000, 150_000_000, 0, 0), actual: amounts(45_000_000, 148_000_000, 0, 0) },
        { year, budget: amounts(20_000_000, 50_000_000, 10_000_000, 60_000_000), actual: amounts(8_000_000, 20_000_000, 0, 0) },
      ],
      risks: [
        {
          description: 'Leverandøren kan ikke levere integrationen til økonomisystemet til tiden',
          probability: 3,
          consequence: 4,
          mitigation: 'Ugentlige statusmøder og bod i kontrakten',
        },
        {
          description: 'Medarbejderne tager ikke det nye system til sig',
          probability: 2,
          consequence: 3,
          mitigation: 'Superbrugere i alle afdelinger',
        },
      ],
      stakeholders: [
        {
          name: 'Sagsbehandlere',
          role: 'Slutbrugere',
          interest: 'High',
          influence: 'Medium',
          communication: { what: 'Status og uddannelsesplan', when: 'Månedligt', medium: 'Intranet' },
        },
        {
          name: 'Direktionen',
          role: 'Styregruppe',
          interest: 'Medium',
          influence: 'High',
          communication: { what: 'Statusrapport', when: 'Kvartalsvis', medium: 'Møde' },
        },
      ],
      benefits: [
        {
          description: 'Sparet tid til manuel journalisering',
          type: 'Economic',
          measure: 'Sparede lønkroner pr. år (øre)',
          baseline: 0,
          targetValue: 150_000_000,
          targetDate: `${year + 1}-12-31`,
          values: [
            { year: year - 1, planned: 50_000_000, realised: 55_000_000 },
            { year, planned: 100_000_000, realised: null },
            { year: year + 1, planned: 150_000_000, realised: null },
          ],
        },
        {
          description: 'Kortere sagsbehandlingstid',
          type: 'QualityOfService',
          measure: 'Dage pr. sag',
          baseline: 30,
          targetValue: 20,
          targetDate: `${year + 1}-06-30`,
          values: [{ year: year - 1, planned: 27, realised: 28 }],
        },
      ],
    },
    {
      name: 'Selvbetjening for borgere',
      projectId: 'P-102',
      description: 'Nye selvbetjeningsløsninger på kommunens hjemmeside',
      currentPhase: 'Phase4',
      phases: [
        { phase: 'Phase1', startDate: `${year - 3}-01-01`, endDate: `${year - 3}-04-30` },
        { phase: 'Phase4', startDate: `${year - 1}-01-01`, endDate: null },
      ],
      statusReports: [
        {
          date: `${year - 1}-06-30`,
          overall: light('Red', 'Lav anvendelse'),
          time: light('Green'),
          cost: light('Yellow'),
          quality: light('Red', 'Mange fejl i formularer'),
          resources: light('Green'),
        },
      ],
      economy: [
        {
          year: year - 1,
          budget: amounts(5_000_000, 30_000_000, 2_000_000, 8_000_000),
          actual: amounts(6_000_000, 35_000_000, 2_000_000, 9_000_000),
        },
      ],
      risks: [
        {
          description: 'Borgerne bruger fortsat telefon og skranke',
          probability: 4,
          consequence: 4,
          mitigation: 'Kampagne og hjælp i borgerservice',
        },
      ],
      benefits: [
        {
          description: 'Færre henvendelser i borgerservice',
          type: 'Economic',
          measure: 'Sparede lønkroner pr. år (øre)',
          baseline: 0,
          targetValue: 40_000_000,
          targetDate: `${year - 1}-12-31`,
          values: [{ year: year - 1, planned: 40_000_000, realised: 12_000_000 }],
        },
        {
          description: 'Borgertilfredshed med digitale løsninger',
          type: 'Qualitative',
          measure: 'Tilfredshed 1–5',
          baseline: 3,
          targetValue: 4,
          targetDate: `${year + 1}-12-31`,
          values: [{ year: year - 1, planned: 3.5, realised: 3.2 }],
        },
      ],
    },
  ];
}

async function seedProjects({ call, expect, token, organizationOf, log = () => undefined }) {
  const counts = { projects: 0, projectParts: 0 };
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric' }).format(new Date()));

  // per-project role types (identity): created once
  const roles = expect(await call('GET', '/api/v2/role-types?objectType=ItProject', undefined, token), [200], 'listing project roles').body;
  const roleByName = new Map(roles.map((r) => [r.name, r.uuid]));
  for (const role of ROLE_TYPES) {
    if (roleByName.has(role.name)) continue;
    const created = expect(
      await call('POST', '/api/v2/role-types', { objectType: 'ItProject', ...role }, token),
      [201],
      `creating the role ${role.name}`,
    ).body;
    roleByName.set(role.name, created.uuid);
  }

  // the municipalities in parallel; within one the programme first, then its projects in parallel, each project's
  // parts one after the other (they are written to the same project)
  await inParallel(MUNICIPALITIES, MUNICIPALITIES.length, async (code) => {
    const org = organizationOf.get(code);
    if (!org) return;
    const existing = expect(
      await call('GET', `/api/v2/it-projects?organizationUuid=${org.uuid}&pageSize=250`, undefined, token),
      [200],
      'listing projects',
    ).body;
    const byName = new Map(existing.map((p) => [p.name, p]));
    const units = expect(
      await call('GET', `/api/v2/organizations/${org.uuid}/organization-units`, undefined, token),
      [200],
      'listing units',
    ).body;
    const digi = units.find((u) => u.name === 'Digitalisering og IT') ?? null;
    const users = expect(await call('GET', `/api/v2/organizations/${org.uuid}/users`, undefined, token), [200], 'listing users').body;
    const manager = users.find((u) => u.email === `it.${code}@demo.kitos.local`) ?? null;
    const owner = users.find((u) => u.email === `admin.${code}@demo.kitos.local`) ?? null;
    const usages = expect(
      await call('GET', `/api/v2/it-system-usages?organizationUuid=${org.uuid}&pageSize=5`, undefined, token),
      [200],
      'listing usages',
    ).body;
    const types = expect(
      await call('GET', `/api/v2/it-project-types?organizationUuid=${org.uuid}`, undefined, token),
      [200],
      'listing project types',
    ).body;

    const projects = portfolio(year);
    const parentOf = new Map(projects.flatMap((p) => (p.children ?? []).map((child) => [child, p.name])));
    const uuidOf = new Map();
    const createdWithParent = new Set();
    const register = async (p, index) => {
      if (byName.has(p.name)) {
        uuidOf.set(p.name, byName.get(p.name).uuid);
        return;
      }
      const parentUuid = uuidOf.get(parentOf.get(p.name));
      const body = {
        organizationUuid: org.uuid,
        name: p.name,
        general: {
          projectId: `${p.projectId}-${code}`,
          projectTypeUuid: types[0]?.uuid ?? null,
          description: p.description,
          responsibleOrganizationUnitUuid: digi?.uuid ?? null,
        },
        phases: { currentPhase: p.currentPhase, dates: p.phases ?? [] },
        roles: [
          ...(owner ? [{ roleUuid: roleByName.get('Projektejer'), userUuid: owner.uuid }] : []),
          ...(manager ? [{ roleUuid: roleByName.get('Projektleder'), userUuid: manager.uuid }] : []),
        ],
        ...(parentUuid ? { parentProjectUuid: parentUuid } : {}),
        systemUsageUuids: index === 0 ? [] : usages.slice(index - 1, index + 1).map((u) => u.uuid),
        externalReferences: [
          { title: 'Business case', url: `https://intranet.kommune${code}.dk/projekter/${p.projectId}`, masterReference: true },
        ],
      };
      const created = expect(await call('POST', '/api/v2/it-projects', body, token), [201], `creating the project ${p.name}`).body;
      uuidOf.set(p.name, created.uuid);
      if (parentUuid) createdWithParent.add(p.name);
      counts.projects++;
      const part = async (kind, value) => {
        expect(await call('POST', `/api/v2/it-projects/${created.uuid}/${kind}`, value, token), [201], `adding ${kind} to ${p.name}`);
        counts.projectParts++;
      };
      const responsible = manager ? { responsibleUserUuid: manager.uuid } : {};
      for (const m of p.milestones ?? []) await part('milestones', { ...m, ...responsible });
      for (const t of p.tasks ?? []) await part('tasks', { ...t, ...responsible });
      for (const s of p.statusReports ?? []) await part('status-reports', s);
      for (const e of p.economy ?? []) await part('economy-years', e);
      for (const r of p.risks ?? []) await part('risks', { ...r, ownerUserUuid: manager?.uuid ?? null });
      for (const s of p.stakeholders ?? [])
        await part('stakeholders', { ...s, communication: { ...s.communication, responsibleUserUuid: manager?.uuid ?? null } });
      for (const b of p.benefits ?? []) await part('benefits', { ...b, ownerUserUuid: owner?.uuid ?? null });
    };
    // programmes (projects with children) first: their projects are created in them
    const programmes = projects.filter((p) => p.children?.length);
    await inParallel(programmes, PARALLEL, (p) => register(p, projects.indexOf(p)));
    await inParallel(
      projects.filter((p) => !programmes.includes(p)),
      PARALLEL,
      (p) => register(p, projects.indexOf(p)),
    );
    // the programme's projects that existed before
    for (const p of projects) {
      for (const child of p.children ?? []) {
        if (createdWithParent.has(child)) continue;
        const current = expect(
          await call('GET', `/api/v2/it-projects/${uuidOf.get(child)}`, undefined, token),
          [200],
          `reading ${child}`,
        ).body;
        if (current.parentProject?.uuid === uuidOf.get(p.name)) continue;
        expect(
          await call('PATCH', `/api/v2/it-projects/${current.uuid}`, { parentProjectUuid: uuidOf.get(p.name) }, token),
          [200],
          `placing ${child} in ${p.name}`,
        );
      }
    }
  });
  log(
    `demo projects: ${counts.projects} projects with ${counts.projectParts} milestones, tasks, reports, economy rows, risks, stakeholders and benefits created`,
  );
  return counts;
}

module.exports = { seedProjects };
