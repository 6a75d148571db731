// Demo IT contracts for the five municipalities that use systems (seed-catalog's USING_MUNICIPALITIES): per
// municipality a framework operations agreement with each of its main suppliers (K04, SKI, 4 years + 2 x 1 year
// options, 6 months' notice to the end of a quarter), a support add-on under the KMD agreement that inherits its
// validity, a terminated agreement, an ongoing KOMBIT agreement (12 months' notice to the end of the year) and a
// licence agreement with every other supplier of the systems all five use (COMMON_SYSTEMS); covering the
// municipality's usages of the supplier's systems, with internal and external payment streams in øre, one operation
// payment a year up to the current year (so the economy by year has figures). Most have a responsible unit (the root
// unit where the municipality has no unit tree) and a notice period; a few carry internal notes.
// Called by seed-demo.js after seed-catalog.js; safe to run again (contracts are found by name and left alone).
'use strict';

const catalog = require('./catalog.json');
const { USING_MUNICIPALITIES, COMMON_SYSTEMS, inParallel, PARALLEL } = require('./seed-catalog');

const MAIN_SUPPLIERS = ['KMD A/S', 'EG A/S', 'Netcompany A/S', 'Systematic A/S'];
const KOMBIT = 'KOMBIT A/S';
/** Suppliers of the systems every municipality uses that get no framework or KOMBIT agreement: a licence agreement. */
const LICENCE_SUPPLIERS = [...new Set(catalog.systems.filter((s) => COMMON_SYSTEMS.includes(s.name)).map((s) => s.supplier))].filter(
  (supplier) => !MAIN_SUPPLIERS.includes(supplier) && supplier !== KOMBIT,
);
/** Payments run up to this year (the economy by year of the reports ends here). */
const THIS_YEAR = new Date().getUTCFullYear();

/** The years from `from` to this year. */
function yearsFrom(from) {
  return Array.from({ length: Math.max(0, THIS_YEAR - from + 1) }, (_, i) => from + i);
}

/** A stable pseudo-random number in [0, 100) from a text, so every run gives the same amounts. */
function pick(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0;
  return h % 100;
}

async function seedContracts({ call, expect, token, organizationOf, supplierOf, log, usagesOf }) {
  const counts = { contracts: 0 };
  const listAll = async (path, what) => {
    const all = [];
    for (let page = 0; ; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const batch = expect(await call('GET', `${path}${sep}page=${page}&pageSize=250`, undefined, token), [200], what).body;
      all.push(...batch);
      if (batch.length < 250) return all;
    }
  };
  // contracts are written in parallel: each list and each activation is requested once, the others wait for it
  const optionsOf = new Map();
  const activated = new Map();
  /** An option value by name; one that is not obligatory is activated in the organisation first. */
  const option = async (kind, name, organizationUuid) => {
    if (!optionsOf.has(kind))
      optionsOf.set(
        kind,
        listAll(`/api/v2/option-types/${kind}`, `listing ${kind}`).then((all) => new Map(all.map((o) => [o.name, o]))),
      );
    const value = (await optionsOf.get(kind)).get(name);
    if (!value) throw new Error(`the option ${kind} "${name}" is missing`);
    const key = `${organizationUuid}/${value.uuid}`;
    if (!value.isObligatory && !activated.has(key)) {
      activated.set(
        key,
        call('PATCH', `/api/v2/organizations/${organizationUuid}/option-types/${kind}/${value.uuid}`, { isActive: true }, token).then(
          (result) => expect(result, [200], `activating ${name}`),
        ),
      );
    }
    await activated.get(key);
    return value.uuid;
  };
  const supplierOfSystem = new Map(catalog.systems.map((s) => [s.name, s.supplier]));

  // municipalities in parallel (their contracts and option activations are their own); in order within one
  await inParallel(USING_MUNICIPALITIES, PARALLEL, async (code) => {
    const org = organizationOf.get(code);
    if (!org) return;
    const units = expect(
      await call('GET', `/api/v2/organizations/${org.uuid}/organization-units`, undefined, token),
      [200],
      'listing units',
    ).body;
    const unit = (unitId) => (units.find((u) => u.unitId === unitId) || units[0]).uuid;
    const usages = usagesOf
      ? await usagesOf(org.uuid)
      : await listAll(`/api/v2/it-system-usages?organizationUuid=${org.uuid}`, 'listing usages');
    const usagesOfSupplier = (supplier) => usages.filter((u) => supplierOfSystem.get(u.systemContext.name) === supplier).map((u) => u.uuid);
    const existing = new Map(
      (await listAll(`/api/v2/it-contracts?organizationUuid=${org.uuid}`, 'listing contracts')).map((c) => [c.name, c]),
    );
    const create = async (body) => {
      if (existing.has(body.name)) return existing.get(body.name);
      const created = expect(
        await call('POST', '/api/v2/it-contracts', { organizationUuid: org.uuid, ...body }, token),
        [201],
        `registering ${body.name}`,
      ).body;
      existing.set(body.name, created);
      counts.contracts++;
      return created;
    };
    const o = (kind, name) => option(`it-contract-${kind}`, name, org.uuid);

    // the framework agreements in parallel, then the add-on under KMD's and the other agreements in parallel
    const frameworks = new Map();
    await inParallel(MAIN_SUPPLIERS, MAIN_SUPPLIERS.length, async (supplier) => {
      const covered = usagesOfSupplier(supplier);
      if (!covered.length || !supplierOf.get(supplier)) return;
      const seed = pick(`${code}/${supplier}`);
      const startYear = 2020 + (seed % 3);
      const yearlyOperation = (800 + seed * 37) * 100_00; // kr → øre
      const contract = await create({
        name: `Driftsaftale ${supplier.replace(/ A\/S$/, '')}`,
        general: {
          contractId: `KTR-${startYear}-${String(seed).padStart(3, '0')}`,
          contractTypeUuid: await o('contract-types', 'Hovedkontrakt'),
          contractTemplateUuid: await o('contract-template-types', 'K04'),
          agreementElementUuids: [
            await o('agreement-element-types', 'Drift'),
            await o('agreement-element-types', 'Vedligehold'),
            await o('agreement-element-types', 'Support'),
          ],
          criticalityUuid: await o('criticality-types', seed % 2 ? 'Høj' : 'Middel'),
          notes:
            seed % 4 === 0
              ? `Genforhandling af servicemål aftalt med ${supplier.replace(/ A\/S$/, '')}; ${org.name} afventer tilbud.`
              : 'Leveranceaftale under SKI-rammeaftale 02.19. Servicemål og bod fremgår af bilag 7.',
          // ends within the next two years, so that the end-date timeline and joint procurement have something to show
          validity: { validFrom: `${startYear}-01-01`, validTo: `${THIS_YEAR + 1 + (seed % 2)}-06-30` },
        },
        procurement: {
          purchaseTypeUuid: await o('purchase-types', 'Rammeaftale (SKI)'),
          procurementStrategyUuid: await o('procurement-strategy-types', 'Genudbud'),
          procurementPlan: { quarterOfYear: 1 + (seed % 4), year: startYear + 5 },
          procurementInitiated: 'No',
        },
        supplier: {
          organizationUuid: supplierOf.get(supplier).uuid,
          signed: true,
          signedBy: 'Salgsdirektør',
          signedAt: `${startYear - 1}-12-10`,
        },
        responsible: {
          organizationUnitUuid: unit('DIGI'),
          signed: true,
          signedBy: 'Direktør for Økonomi og IT',
          signedAt: `${startYear - 1}-12-14`,
        },
        systemUsageUuids: covered,
        paymentModel: {
          operationsRemunerationStartedAt: `${startYear}-04-01`,
          paymentFrequencyUuid: await o('payment-frequency-types', 'Kvartalsvis'),
          paymentModelUuid: await o('payment-model-types', 'Abonnement'),
          priceRegulationUuid: await o('price-regulation-types', 'Nettoprisindeks'),
        },
        agreementPeriod: {
          durationYears: 4,
          durationMonths: 0,
          extensionOptionsUuid: await o('agreement-extension-option-types', '2 x 1 år'),
          extensionOptionsUsed: seed % 2,
          irrevocableUntil: `${startYear + 1}-12-31`,
        },
        termination: { terms: { noticePeriodMonthsUuid: await o('notice-period-month-types', '6'), noticeByEndOf: 'EndOfQuarter' } },
        payments: {
          // implementation and the first year's operation, then a year's operation each year, regulated 3 % a year
          external: yearsFrom(startYear).map((year, i) => ({
            organizationUnitUuid: unit('DIGI'),
            ...(i === 0 ? { acquisitionØre: (150 + seed) * 1000_00 } : {}),
            operationØre: Math.round(yearlyOperation * 1.03 ** i),
            accountingEntry: '6.45.51.1-02',
            auditStatus: year < THIS_YEAR - 1 ? 'Green' : year < THIS_YEAR ? (seed % 3 ? 'Yellow' : 'Green') : 'White',
            auditDate: `${year}-12-15`,
            note: i === 0 ? 'Implementering og første års drift' : 'Drift, prisreguleret efter nettoprisindeks',
          })),
          internal: yearsFrom(startYear).map((year) => ({
            organizationUnitUuid: unit('ADM'),
            operationØre: 120_000_00,
            accountingEntry: '6.45.51.2-01',
            auditDate: `${year}-12-31`,
            note: 'Systemforvaltning (0,2 årsværk)',
          })),
        },
        externalReferences: [
          { title: 'Kontrakt i ESDH', documentId: `${startYear - 1}-0${1 + (seed % 9)}-${1000 + seed}`, masterReference: true },
        ],
      });
      frameworks.set(supplier, contract);
    });

    const kmd = frameworks.get('KMD A/S');
    const others = [];
    if (kmd)
      others.push(async () => {
        await create({
          name: 'Tillægsaftale KMD: udvidet support',
          parentContractUuid: kmd.uuid,
          general: {
            contractTypeUuid: await o('contract-types', 'Tillægskontrakt'),
            agreementElementUuids: [await o('agreement-element-types', 'Support')],
            validity: { validFrom: '2023-01-01', requireValidParent: true },
          },
          supplier: { organizationUuid: supplierOf.get('KMD A/S').uuid, signed: true },
          responsible: { organizationUnitUuid: unit('DIGI') },
          paymentModel: {
            paymentFrequencyUuid: await o('payment-frequency-types', 'Månedligt'),
            paymentModelUuid: await o('payment-model-types', 'Fast pris'),
          },
          agreementPeriod: { isContinuous: true },
          termination: { terms: { noticePeriodMonthsUuid: await o('notice-period-month-types', '3'), noticeByEndOf: 'EndOfMonth' } },
          payments: {
            external: yearsFrom(2023).map((year) => ({
              organizationUnitUuid: unit('DIGI'),
              operationØre: 36_000_00,
              auditDate: `${year}-06-30`,
              auditStatus: year < THIS_YEAR ? 'Green' : 'White',
            })),
          },
        });
      });

    if (supplierOf.get('Formpipe Software A/S'))
      others.push(async () => {
        await create({
          name: 'Licensaftale Formpipe (opsagt)',
          general: {
            contractTypeUuid: await o('contract-types', 'Licensaftale'),
            contractTemplateUuid: await o('contract-template-types', 'K03'),
            validity: { validFrom: '2018-07-01' },
          },
          supplier: { organizationUuid: supplierOf.get('Formpipe Software A/S').uuid, signed: true },
          responsible: { organizationUnitUuid: unit('DIGI') },
          systemUsageUuids: usagesOfSupplier('Formpipe Software A/S'),
          agreementPeriod: { isContinuous: true },
          termination: {
            terminatedAt: '2024-09-30',
            terms: { noticePeriodMonthsUuid: await o('notice-period-month-types', '3'), noticeByEndOf: 'EndOfMonth' },
          },
          payments: {
            external: [
              {
                organizationUnitUuid: unit('DIGI'),
                operationØre: 85_000_00,
                auditDate: '2024-01-31',
                auditStatus: 'Red',
                note: 'Afventer kreditnota',
              },
            ],
          },
        });
      });

    if (supplierOf.get(KOMBIT))
      others.push(async () => {
        const seed = pick(`${code}/kombit`);
        await create({
          name: 'Fælleskommunal aftale KOMBIT',
          general: {
            contractTypeUuid: await o('contract-types', 'Serviceaftale'),
            criticalityUuid: await o('criticality-types', 'Kritisk'),
            notes: seed % 3 === 0 ? `Fordelingsnøgle for ${org.name} efter indbyggertal; revideres af KL hvert år.` : null,
            validity: { validFrom: '2016-01-01' },
          },
          procurement: { purchaseTypeUuid: await o('purchase-types', 'Fælleskommunalt (KOMBIT)') },
          supplier: { organizationUuid: supplierOf.get(KOMBIT).uuid, signed: true },
          responsible: { organizationUnitUuid: unit('ADM') },
          systemUsageUuids: usagesOfSupplier(KOMBIT),
          agreementPeriod: { isContinuous: true },
          termination: {
            terms: { noticePeriodMonthsUuid: await o('notice-period-month-types', '12'), noticeByEndOf: 'EndOfCalendarYear' },
          },
          paymentModel: {
            paymentFrequencyUuid: await o('payment-frequency-types', 'Årligt'),
            priceRegulationUuid: await o('price-regulation-types', 'Nettoprisindeks'),
          },
          payments: {
            // the yearly contribution, index-regulated, for the last five years
            external: yearsFrom(THIS_YEAR - 4).map((year, i) => ({
              organizationUnitUuid: unit('ADM'),
              operationØre: Math.round((400 + seed * 10) * 1000_00 * 1.02 ** i),
              auditDate: `${year}-03-01`,
              auditStatus: 'Green',
            })),
          },
        });
      });

    // a licence and operations agreement with every other supplier of the systems all municipalities use
    for (const supplier of LICENCE_SUPPLIERS)
      others.push(async () => {
        const covered = usagesOfSupplier(supplier);
        if (!covered.length || !supplierOf.get(supplier)) return;
        const seed = pick(`${code}/${supplier}/licence`);
        const startYear = 2019 + (seed % 4);
        const yearly = (250 + seed * 9) * 1000_00; // kr → øre
        await create({
          name: `Licens- og driftsaftale ${supplier.replace(/ (A\/S|ApS)$/, '')}`,
          general: {
            contractTypeUuid: await o('contract-types', 'Licensaftale'),
            criticalityUuid: await o('criticality-types', seed % 2 ? 'Høj' : 'Middel'),
            validity: { validFrom: `${startYear}-01-01`, validTo: `${THIS_YEAR + 1 + (seed % 2)}-${seed % 3 ? '03-31' : '09-30'}` },
          },
          procurement: { purchaseTypeUuid: await o('purchase-types', 'Rammeaftale (SKI)') },
          supplier: { organizationUuid: supplierOf.get(supplier).uuid, signed: true },
          // one in five has no responsible unit registered (a data quality finding)
          ...(seed % 5 === 0 ? {} : { responsible: { organizationUnitUuid: unit('DIGI') } }),
          systemUsageUuids: covered,
          paymentModel: {
            operationsRemunerationStartedAt: `${startYear}-01-01`,
            paymentFrequencyUuid: await o('payment-frequency-types', 'Årligt'),
            paymentModelUuid: await o('payment-model-types', 'Abonnement'),
          },
          agreementPeriod: { isContinuous: true },
          termination: { terms: { noticePeriodMonthsUuid: await o('notice-period-month-types', '3'), noticeByEndOf: 'EndOfMonth' } },
          payments: {
            external: yearsFrom(startYear).map((year, i) => ({
              organizationUnitUuid: unit('DIGI'),
              operationØre: Math.round(yearly * 1.04 ** i),
              accountingEntry: '6.45.51.1-03',
              auditDate: `${year}-01-31`,
              auditStatus: year < THIS_YEAR ? 'Green' : 'White',
              note: 'Årlig licens og drift',
            })),
          },
        });
      });
    await inParallel(others, PARALLEL, (write) => write());
  });
  log(`demo contracts: ${counts.contracts} contracts created`);
  return counts;
}

module.exports = { seedContracts };
