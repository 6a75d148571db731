// The demo catalogue: a few hundred real Danish municipal IT systems with their suppliers, interfaces and KLE
// (deploy/seed/catalog.json), taken into use by several municipalities with units and relations between the usages;
// COMMON_SYSTEMS are used by all five (cross-municipal reports need five organisations), with expected users and notes.
// Called by seed-demo.js; safe to run again (what exists is found and left alone).
'use strict';

const catalog = require('./catalog.json');

/** Names in catalog.json → the default option values of the catalogue (services/catalog/src/options/default-options.ts). */
const BUSINESS_TYPES = {
  Fagsystem: 'Fagsystem',
  Økonomisystem: 'Støttesystem',
  'ESDH / dokumenthåndtering': 'Støttesystem',
  'Infrastruktur og drift': 'Infrastruktur',
  Kommunikation: 'Støttesystem',
  Selvbetjening: 'Selvbetjening',
  Ledelsesinformation: 'Styringssystem',
  'Fællesoffentlig komponent': 'Infrastruktur',
};
const INTERFACE_TYPES = {
  Webservice: 'Webservice (SOAP)',
  'REST API': 'REST API',
  Filoverførsel: 'Filoverførsel',
  Database: 'Direkte databaseadgang',
  Beskedfordeler: 'Hændelser (beskeder)',
};
/** Unit (unitId of seed-demo's unit tree) responsible for systems of a KLE main group. */
const UNIT_BY_KLE = { 17: 'SKOLE-IT', 28: 'SKOLE', 27: 'AELDRE', 81: 'ADM', 82: 'ADM', 85: 'BSV' };
/** Municipalities (codes) that take systems into use; the first three have units and demo users. */
const USING_MUNICIPALITIES = [101, 147, 751, 461, 851];
/** Share of the catalogue each municipality uses, in percent. */
const USAGE_SHARE = 25;
/**
 * Systems that every using municipality has taken into use (besides its random share): the common ground of the
 * cross-municipal reports, which suppress figures over fewer than five organisations. Names in catalog.json.
 */
const COMMON_SYSTEMS = [
  'KMD Opus Økonomi',
  'KMD Opus Løn',
  'KMD Valg',
  'KMD Ejendomsskat',
  'Aula',
  'Momentum',
  'DUBU',
  'NemLog-in',
  'Nexus',
  'EG Sensum Bosted',
  'EG Plan2learn',
  'Serviceplatformen',
  'Beskedfordeler',
  'Fælleskommunal Adgangsstyring',
  'SAPA',
  'Kommunernes Sygedagpengesystem (KSD)',
  'Kommunernes Ydelsesrefusion',
  'Microsoft 365',
  'SBSYS',
];
/** The expected-users intervals of KITOS [Antal brugere]. */
const EXPECTED_USERS = [
  { lowerBound: 0, upperBound: 9 },
  { lowerBound: 10, upperBound: 50 },
  { lowerBound: 50, upperBound: 100 },
  { lowerBound: 100, upperBound: null },
];
/** Internal notes on a few usages (private to the municipality in cross-municipal reports). */
const USAGE_NOTES = [
  'Systemejer ønsker udfasning ved næste udbud.',
  'Adgange gennemgås kvartalsvis af systemforvalter.',
  'Lokal tilpasning af skabeloner; skal testes ved hver opgradering.',
  'Licensantal justeres hvert år i januar.',
];

/** Runs `work` over `items` with at most `limit` requests in flight (the API answers faster than one by one). */
async function inParallel(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
/**
 * Independent writes started at a time. seed-demo.js's `call` bounds the requests in flight over all steps together
 * (KITOS_SEED_IN_FLIGHT), so this only needs to be enough to keep that bound busy.
 */
const PARALLEL = 16;

/** A stable pseudo-random number in [0, 100) from a text, so every run picks the same usages. */
function pick(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0;
  return h % 100;
}

/**
 * `catalogue` (optional) receives `createdUsages`: the uuids of the usages this run created, whose GDPR, archiving and
 * relations are known to be empty, and `usagesIn`: organisation uuid → the seed's usages there (`uuid`,
 * `systemContext.uuid/name`, as listed by the API); seed-demo.js hands them on, so that the later steps need not
 * list or read them again.
 */
async function seedCatalog({ call, expect, token, organizationOf, supplierOf, log, catalogue = {} }) {
  const unknown = COMMON_SYSTEMS.filter((name) => !catalog.systems.some((s) => s.name === name));
  if (unknown.length) throw new Error(`COMMON_SYSTEMS names systems missing from catalog.json: ${unknown.join(', ')}`);
  const counts = { systems: 0, interfaces: 0, usages: 0, relations: 0 };
  const createdUsages = new Set();
  catalogue.createdUsages = createdUsages;
  catalogue.usagesIn = new Map();
  const listAll = async (path, what) => {
    const all = [];
    for (let page = 0; ; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const batch = expect(await call('GET', `${path}${sep}page=${page}&pageSize=250`, undefined, token), [200], what).body;
      all.push(...batch);
      if (batch.length < 250) return all;
    }
  };

  // option values by name; a value that is not obligatory is activated locally where it is used
  const optionsOf = async (kind) => new Map((await listAll(`/api/v2/option-types/${kind}`, `listing ${kind}`)).map((o) => [o.name, o]));
  const activated = new Set();
  const option = async (options, kind, name, organizationUuid) => {
    const value = options.get(name);
    if (!value) throw new Error(`the option ${kind} "${name}" is missing`);
    if (!value.isObligatory && !activated.has(`${organizationUuid}/${value.uuid}`)) {
      expect(
        await call('PATCH', `/api/v2/organizations/${organizationUuid}/option-types/${kind}/${value.uuid}`, { isActive: true }, token),
        [200],
        `activating ${name}`,
      );
      activated.add(`${organizationUuid}/${value.uuid}`);
    }
    return value.uuid;
  };
  const businessTypes = await optionsOf('business-types');
  const interfaceTypes = await optionsOf('it-interface-interface-types');
  const dataTypes = await optionsOf('it-interface-interface-data-types');
  for (const name of new Set(catalog.systems.flatMap((s) => s.interfaces.flatMap((i) => i.data.map((d) => d.dataType))))) {
    if (dataTypes.has(name)) continue;
    const created = expect(
      await call('POST', '/api/v2/option-types/it-interface-interface-data-types', { name, isObligatory: true }, token),
      [201],
      `creating the data type ${name}`,
    ).body;
    dataTypes.set(name, created);
  }
  /** Activates each distinct (organisation, value) of `uses` once, a few at a time; later option() calls find them done. */
  const activateEach = (uses) => {
    const distinct = new Map(uses.map((use) => [`${use[3]}/${use[2]}/${use[1]}`, use]));
    return inParallel([...distinct.values()], PARALLEL, (use) => option(...use));
  };
  const kle = new Map((await listAll('/api/v2/kle-options', 'listing KLE')).map((k) => [k.kleNumber, k.uuid]));

  // systems, parents first; owned by and rights holder = the supplier
  const systemUuid = new Map();
  await inParallel([...new Set(catalog.systems.map((s) => s.supplier))], PARALLEL, async (supplier) => {
    for (const s of await listAll(
      `/api/v2/it-systems?organizationUuid=${supplierOf.get(supplier).uuid}&includeDeactivated=true`,
      'listing systems',
    )) {
      systemUuid.set(`${supplier}/${s.name}`, s.uuid);
    }
  });
  // option values and local activations first (each pair of organisation and value once, the pairs in parallel), then
  // the systems
  await activateEach(
    catalog.systems.map((s) => [businessTypes, 'business-types', BUSINESS_TYPES[s.businessType], supplierOf.get(s.supplier).uuid]),
  );
  const businessTypeOf = new Map();
  for (const s of catalog.systems) {
    businessTypeOf.set(s, await option(businessTypes, 'business-types', BUSINESS_TYPES[s.businessType], supplierOf.get(s.supplier).uuid));
  }
  const register = async (s) => {
    const key = `${s.supplier}/${s.name}`;
    if (systemUuid.has(key)) return;
    const owner = supplierOf.get(s.supplier).uuid;
    const body = {
      organizationUuid: owner,
      name: s.name,
      description: s.description,
      rightsHolderUuid: owner,
      businessTypeUuid: businessTypeOf.get(s),
      kleUuids: s.kle.map((n) => kle.get(n)).filter(Boolean),
      parentUuid: s.parent ? systemUuid.get(`${s.supplier}/${s.parent}`) : null,
      recommendedArchiveDuty: s.archiveDuty ? { id: s.archiveDuty } : null,
    };
    systemUuid.set(key, expect(await call('POST', '/api/v2/it-systems', body, token), [201], `registering ${s.name}`).body.uuid);
    counts.systems++;
  };
  await inParallel(
    catalog.systems.filter((s) => !s.parent),
    PARALLEL,
    register,
  );
  await inParallel(
    catalog.systems.filter((s) => s.parent),
    PARALLEL,
    register,
  );

  // interfaces exposed by the systems, and at the same time the usages (they need the systems only)
  const interfaceUuids = new Map(); // system key → interface uuids
  const interfacesDone = registerInterfaces();
  const usageOfIn = new Map(); // municipality code → system key → usage uuid
  const usagesDone = inParallel(USING_MUNICIPALITIES, USING_MUNICIPALITIES.length, async (code) => {
    usageOfIn.set(code, await takeIntoUse(code));
  });
  await Promise.all([interfacesDone, usagesDone]);
  await inParallel(USING_MUNICIPALITIES, USING_MUNICIPALITIES.length, (code) => relate(code, usageOfIn.get(code)));
  log(
    `demo catalogue: ${counts.systems} systems, ${counts.interfaces} interfaces, ${counts.usages} usages, ${counts.relations} relations created`,
  );
  return counts;

  async function registerInterfaces() {
    await activateEach(
      catalog.systems.flatMap((s) =>
        s.interfaces.map((i) => [interfaceTypes, 'it-interface-interface-types', INTERFACE_TYPES[i.type], supplierOf.get(s.supplier).uuid]),
      ),
    );
    await inParallel([...new Set(catalog.systems.map((s) => s.supplier))], PARALLEL, async (supplier) => {
      const owner = supplierOf.get(supplier).uuid;
      const existing = await listAll(`/api/v2/it-interfaces?organizationUuid=${owner}&includeDeactivated=true`, 'listing interfaces');
      const systems = catalog.systems.filter((x) => x.supplier === supplier);
      const typeOf = new Map();
      for (const i of systems.flatMap((x) => x.interfaces)) {
        typeOf.set(i, await option(interfaceTypes, 'it-interface-interface-types', INTERFACE_TYPES[i.type], owner));
      }
      // a system's interfaces one after the other, the systems in parallel
      await inParallel(systems, PARALLEL, async (s) => {
        const key = `${supplier}/${s.name}`;
        const uuids = [];
        for (const i of s.interfaces) {
          const found = existing.find((e) => e.name === i.name && e.interfaceId === i.interfaceId);
          if (found) {
            uuids.push(found.uuid);
            continue;
          }
          const body = {
            organizationUuid: owner,
            name: i.name,
            interfaceId: i.interfaceId,
            version: i.version,
            description: i.description,
            scope: 'Global',
            itInterfaceTypeUuid: typeOf.get(i),
            exposedBySystemUuid: systemUuid.get(key),
            data: i.data.map((d) => ({ description: d.description, dataTypeUuid: dataTypes.get(d.dataType).uuid })),
          };
          uuids.push(expect(await call('POST', '/api/v2/it-interfaces', body, token), [201], `registering ${i.name}`).body.uuid);
          counts.interfaces++;
        }
        interfaceUuids.set(key, uuids);
      });
    });
  }

  /** The usages of a municipality, with the responsible unit where it has units: system key → usage uuid. */
  async function takeIntoUse(code) {
    const org = organizationOf.get(code);
    const units = expect(
      await call('GET', `/api/v2/organizations/${org.uuid}/organization-units`, undefined, token),
      [200],
      'listing units',
    ).body;
    const unitByLocalId = new Map(units.map((u) => [u.unitId, u.uuid]));
    const existing = new Map(
      (await listAll(`/api/v2/it-system-usages?organizationUuid=${org.uuid}`, 'listing usages')).map((u) => [u.systemContext.uuid, u.uuid]),
    );
    const random = catalog.systems.filter((s) => pick(`${code}/${s.supplier}/${s.name}`) < USAGE_SHARE);
    const used = catalog.systems.filter((s) => COMMON_SYSTEMS.includes(s.name) || random.includes(s));
    const usageOf = new Map();
    await inParallel(used, PARALLEL, async (s) => {
      const key = `${s.supplier}/${s.name}`;
      const system = systemUuid.get(key);
      if (existing.has(system)) {
        usageOf.set(key, existing.get(system));
        return;
      }
      const unit = unitByLocalId.get(UNIT_BY_KLE[(s.kle[0] || '').slice(0, 2)] || 'DIGI');
      const roll = pick(`${code}/${key}/general`);
      // systems every municipality uses tend to have many users; a note on about one usage in seven
      const users = COMMON_SYSTEMS.includes(s.name) ? EXPECTED_USERS[1 + (roll % 3)] : EXPECTED_USERS[roll % 4];
      const notes = roll % 7 === 0 ? `${USAGE_NOTES[roll % USAGE_NOTES.length]} (${org.name})` : null;
      const body = {
        organizationUuid: org.uuid,
        systemUuid: system,
        general: {
          validity: { lifeCycleStatus: 'Operational', validFrom: `20${10 + (pick(key) % 15)}-01-01` },
          numberOfExpectedUsers: users,
          ...(notes ? { notes } : {}),
        },
        ...(unit ? { organizationUsage: { usingOrganizationUnitUuids: [unit], responsibleOrganizationUnitUuid: unit } } : {}),
      };
      const uuid = expect(await call('POST', '/api/v2/it-system-usages', body, token), [201], `taking ${s.name} into use`).body.uuid;
      usageOf.set(key, uuid);
      createdUsages.add(uuid);
      counts.usages++;
    });
    catalogue.usagesIn.set(
      org.uuid,
      used.map((s) => {
        const key = `${s.supplier}/${s.name}`;
        return { uuid: usageOf.get(key), systemContext: { uuid: systemUuid.get(key), name: s.name } };
      }),
    );
    return usageOf;
  }

  /** Relations between a municipality's usages. */
  async function relate(code, usageOf) {
    const random = catalog.systems.filter((s) => pick(`${code}/${s.supplier}/${s.name}`) < USAGE_SHARE);
    // relations (among the random share only, to keep the number of requests down): a used system that exposes
    // interfaces is called by the next used system of another supplier
    const exposing = random.filter((s) => s.interfaces.length > 0);
    await inParallel(exposing, PARALLEL, async (target) => {
      const start = random.indexOf(target);
      let from;
      for (let k = 1; k < random.length && !from; k++)
        if (random[(start + k) % random.length].supplier !== target.supplier) from = random[(start + k) % random.length];
      if (!from) return;
      const fromUsage = usageOf.get(`${from.supplier}/${from.name}`);
      const toUsage = usageOf.get(`${target.supplier}/${target.name}`);
      // a usage created by this run has no relations yet
      if (!createdUsages.has(fromUsage)) {
        const outgoing = expect(
          await call('GET', `/api/v2/it-system-usages/${fromUsage}/system-relations`, undefined, token),
          [200],
          'listing relations',
        ).body;
        if (outgoing.some((r) => r.toSystemUsage && r.toSystemUsage.uuid === toUsage)) return;
      }
      const body = {
        toSystemUsageUuid: toUsage,
        relationInterfaceUuid: interfaceUuids.get(`${target.supplier}/${target.name}`)[0],
        description: `${from.name} henter data fra ${target.name}`,
      };
      expect(await call('POST', `/api/v2/it-system-usages/${fromUsage}/system-relations`, body, token), [201], 'relating usages');
      counts.relations++;
    });
  }
}

module.exports = { seedCatalog, USING_MUNICIPALITIES, COMMON_SYSTEMS, pick, inParallel, PARALLEL };
