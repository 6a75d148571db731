// Demo data processing registrations [Databehandling]: for the five using municipalities, one registration per usage
// of every system all five use that processes personal data (COMMON_SYSTEMS, seed-gdpr's registrations) and of a few
// more usages, with the system's supplier as data processor, the agreement (concluded for most), processors,
// transfers and oversight filled in (a few oversights overdue, so the overdue list and the reminders have something to
// show) and a few internal remarks. Called by seed-demo.js after the catalogue; safe to run again (a registration whose
// name exists in the organisation is left alone).
'use strict';

const catalog = require('./catalog.json');
const { USING_MUNICIPALITIES, COMMON_SYSTEMS, pick, inParallel, PARALLEL } = require('./seed-catalog');
const { processesPersonalData } = require('./seed-gdpr');

/** Municipalities (codes) that get registrations, and how many usages besides the common ones are covered. */
const DPR_MUNICIPALITIES = USING_MUNICIPALITIES;
const OTHER_USAGES_PER_MUNICIPALITY = 3;
/** Oversight set-ups cycled through the registrations: [interval, last completed oversight, scheduled inspection]. */
const OVERSIGHTS = [
  ['Yearly', '2025-03-15', null],
  ['BiYearly', '2024-08-31', null],
  ['EveryOtherYear', '2024-02-29', '2026-01-15'],
  ['Yearly', null, '2025-11-01'],
  ['Undecided', null, null],
];

async function seedDpr({ call, expect, token, organizationOf, supplierOf, log, usagesOf }) {
  const counts = { dataProcessingRegistrations: 0 };
  const suppliers = [...supplierOf.values()];
  if (!suppliers.length) return counts;
  const supplierOfSystem = new Map(catalog.systems.map((s) => [s.name, supplierOf.get(s.supplier)]));
  const listAll = async (path, what) => {
    const all = [];
    for (let page = 0; ; page++) {
      const batch = expect(await call('GET', `${path}&page=${page}&pageSize=250`, undefined, token), [200], what).body;
      all.push(...batch);
      if (batch.length < 250) return all;
    }
  };
  const firstOption = async (kind, organizationUuid, name) => {
    const values = expect(
      await call('GET', `/api/v2/${kind}?organizationUuid=${organizationUuid}`, undefined, token),
      [200],
      `listing ${kind}`,
    ).body;
    return (values.find((v) => v.name === name) ?? values[0])?.uuid ?? null;
  };

  // the municipalities and their registrations in parallel (each registration is its own)
  await inParallel(DPR_MUNICIPALITIES, DPR_MUNICIPALITIES.length, async (code) => {
    const org = organizationOf.get(code);
    if (!org) return;
    const all = usagesOf
      ? await usagesOf(org.uuid)
      : await listAll(`/api/v2/it-system-usages?organizationUuid=${org.uuid}`, 'listing usages');
    const nameOf = (usage) => usage.systemContext.name ?? 'IT-system';
    const usages = [
      ...all.filter((u) => COMMON_SYSTEMS.includes(nameOf(u)) && processesPersonalData(nameOf(u))),
      ...all.filter((u) => !COMMON_SYSTEMS.includes(nameOf(u))).slice(0, OTHER_USAGES_PER_MUNICIPALITY),
    ];
    const existing = new Set(
      (await listAll(`/api/v2/data-processing-registrations?organizationUuid=${org.uuid}`, 'listing registrations')).map((r) =>
        r.name.toLowerCase(),
      ),
    );
    const [responsible, scc, usa, audit] = await Promise.all([
      firstOption('data-processing-registration-data-responsible-types', org.uuid, 'Kommunen'),
      firstOption('data-processing-registration-basis-for-transfer-types', org.uuid, 'Standardkontraktbestemmelser (SCC)'),
      firstOption('data-processing-registration-country-types', org.uuid, 'USA'),
      firstOption('data-processing-registration-oversight-types', org.uuid, 'Revisionserklæring'),
    ]);

    await inParallel(usages, PARALLEL, async (usage, i) => {
      const systemName = nameOf(usage);
      const name = `Databehandleraftale – ${systemName}`.slice(0, 200);
      if (existing.has(name.toLowerCase())) return;
      const roll = pick(`${code}/${systemName}/dpr`);
      // the supplier of the system processes the data (another supplier where the system's is not an organisation)
      const processor = supplierOfSystem.get(systemName) ?? suppliers[(code + i) % suppliers.length];
      const subProcessor = suppliers[(code + i + 7) % suppliers.length];
      const transfers = i % 4 === 0;
      const [interval, completed, scheduled] = OVERSIGHTS[i % OVERSIGHTS.length];
      // concluded for about 85 %; the rest not yet, or not known
      const concluded = roll < 85 ? 'Yes' : roll < 95 ? 'No' : 'DontKnow';
      const remark = (text) => (roll % 6 === 0 ? `${text} (${org.name})` : null);
      const body = {
        organizationUuid: org.uuid,
        name,
        general: {
          dataResponsibleUuid: responsible,
          dataResponsibleRemark: remark('Fælles dataansvar med KL drøftes'),
          isAgreementConcluded: concluded,
          isAgreementConcludedRemark: concluded === 'Yes' ? null : remark('Leverandørens standardaftale er under juridisk gennemgang'),
          agreementConcludedAt: concluded === 'Yes' ? `20${19 + (roll % 7)}-${String(1 + (roll % 12)).padStart(2, '0')}-15` : null,
          basisForTransferUuid: transfers ? scc : null,
          transferToInsecureThirdCountries: transfers ? 'Yes' : 'No',
          insecureCountriesSubjectToDataTransferUuids: transfers && usa ? [usa] : [],
          dataProcessorUuids: [processor.uuid],
          hasSubDataProcessors: subProcessor.uuid !== processor.uuid && i % 2 === 0 ? 'Yes' : 'No',
          subDataProcessors:
            subProcessor.uuid !== processor.uuid && i % 2 === 0
              ? [
                  {
                    dataProcessorOrganizationUuid: subProcessor.uuid,
                    basisForTransferUuid: transfers ? scc : null,
                    transferToInsecureThirdCountry: transfers ? 'Yes' : 'No',
                    insecureThirdCountrySubjectToDataProcessingUuid: transfers ? usa : null,
                  },
                ]
              : [],
        },
        systemUsageUuids: [usage.uuid],
        oversight: {
          oversightOptionUuids: audit ? [audit] : [],
          oversightOptionsRemark: remark('Suppleres med egen stikprøve'),
          oversightInterval: interval,
          oversightIntervalRemark: interval === 'Undecided' ? remark('Afventer risikovurdering') : null,
          isOversightCompleted: completed ? 'Yes' : 'No',
          oversightCompletedRemark: completed ? remark('Ingen væsentlige bemærkninger') : null,
          oversightDates: completed ? [{ completedAt: completed, remark: 'Revisionserklæring gennemgået' }] : [],
          oversightScheduledInspectionDate: scheduled,
        },
      };
      expect(await call('POST', '/api/v2/data-processing-registrations', body, token), [201], `registering ${name}`);
      existing.add(name.toLowerCase());
      counts.dataProcessingRegistrations++;
    });
    log(`data processing registrations for ${org.name ?? code}`);
  });
  return counts;
}

module.exports = { seedDpr };
