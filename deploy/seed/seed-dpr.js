// Demo data processing registrations [Databehandling]: for the demo municipalities, one registration per supplier of
// some of the systems they use, with the agreement, processors, transfers and oversight filled in (a few oversights
// overdue, so the overdue list and the reminders have something to show). Called by seed-demo.js after the catalogue;
// safe to run again (a registration whose name exists in the organisation is left alone).
'use strict';

/** Municipalities (codes) that get registrations, and how many of their usages are covered. */
const DPR_MUNICIPALITIES = [101, 147, 751];
const USAGES_PER_MUNICIPALITY = 12;
/** Oversight set-ups cycled through the registrations: [interval, last completed oversight, scheduled inspection]. */
const OVERSIGHTS = [
  ['Yearly', '2025-03-15', null],
  ['EveryHalfYear', '2024-08-31', null],
  ['EverySecondYear', '2024-02-29', '2026-01-15'],
  ['Yearly', null, '2025-11-01'],
  ['Undecided', null, null],
];

async function seedDpr({ call, expect, token, organizationOf, supplierOf, log }) {
  const counts = { dataProcessingRegistrations: 0 };
  const suppliers = [...supplierOf.values()];
  if (!suppliers.length) return counts;
  const firstOption = async (kind, organizationUuid, name) => {
    const values = expect(
      await call('GET', `/api/v2/${kind}?organizationUuid=${organizationUuid}`, undefined, token),
      [200],
      `listing ${kind}`,
    ).body;
    return (values.find((v) => v.name === name) ?? values[0])?.uuid ?? null;
  };

  for (const code of DPR_MUNICIPALITIES) {
    const org = organizationOf.get(code);
    if (!org) continue;
    const usages = expect(
      await call('GET', `/api/v2/it-system-usages?organizationUuid=${org.uuid}&pageSize=${USAGES_PER_MUNICIPALITY}`, undefined, token),
      [200],
      'listing usages',
    ).body;
    const responsible = await firstOption('data-processing-registration-data-responsible-types', org.uuid, 'Kommunen');
    const scc = await firstOption('data-processing-registration-basis-for-transfer-types', org.uuid, 'Standardkontraktbestemmelser (SCC)');
    const usa = await firstOption('data-processing-registration-country-types', org.uuid, 'USA');
    const audit = await firstOption('data-processing-registration-oversight-types', org.uuid, 'Revisionserklæring');

    for (const [i, usage] of usages.entries()) {
      const systemName = usage.systemContext.name ?? 'IT-system';
      const name = `Databehandleraftale – ${systemName}`.slice(0, 200);
      const existing = expect(
        await call(
          'GET',
          `/api/v2/data-processing-registrations?organizationUuid=${org.uuid}&nameEquals=${encodeURIComponent(name)}`,
          undefined,
          token,
        ),
        [200],
        'finding a registration',
      ).body;
      if (existing.length) continue;
      const processor = suppliers[(code + i) % suppliers.length];
      const subProcessor = suppliers[(code + i + 7) % suppliers.length];
      const transfers = i % 4 === 0;
      const [interval, completed, scheduled] = OVERSIGHTS[i % OVERSIGHTS.length];
      const body = {
        organizationUuid: org.uuid,
        name,
        general: {
          dataResponsibleUuid: responsible,
          isAgreementConcluded: i % 5 === 4 ? 'No' : 'Yes',
          agreementConcludedAt: i % 5 === 4 ? null : `202${2 + (i % 3)}-0${1 + (i % 9)}-15`,
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
          oversightInterval: interval,
          isOversightCompleted: completed ? 'Yes' : 'No',
          oversightDates: completed ? [{ completedAt: completed, remark: 'Revisionserklæring gennemgået' }] : [],
          oversightScheduledInspectionDate: scheduled,
        },
      };
      expect(await call('POST', '/api/v2/data-processing-registrations', body, token), [201], `registering ${name}`);
      counts.dataProcessingRegistrations++;
    }
    log(`data processing registrations for ${org.name ?? code}`);
  }
  return counts;
}

module.exports = { seedDpr };
