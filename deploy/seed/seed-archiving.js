// Demo archiving: archive duty, legal basis, receiving archive and journal periods for most usages of the systems all
// five using municipalities use (COMMON_SYSTEMS) and part of the other usages of the three demo municipalities, with a
// few deliberate findings (a decision against Rigsarkivet's recommendation, an overdue delivery) and a few internal
// notes. Called by seed-demo.js after the catalogue; safe to run again (a profile already written is left alone).
'use strict';

const catalog = require('./catalog.json');
const { USING_MUNICIPALITIES, COMMON_SYSTEMS, inParallel, PARALLEL } = require('./seed-catalog');

/** Municipalities (codes) whose usages get archiving data. */
const ARCHIVING_MUNICIPALITIES = USING_MUNICIPALITIES;
/** Share of the usages that get a profile, in percent: of the common systems, and of the others (demo municipalities). */
const COMMON_SHARE = 85;
const ARCHIVING_SHARE = 25;
const SHARE_MUNICIPALITIES = [101, 147, 751];

function pick(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0;
  return h % 100;
}

/**
 * `usagesOf(organizationUuid)` (optional) lists an organisation's usages once for several steps; `createdUsages`
 * (optional) holds the usages this run created, whose profile is known to be empty (not read first).
 */
async function seedArchiving({ call, expect, token, organizationOf, supplierOf, log, usagesOf, createdUsages = new Set() }) {
  const counts = { archiveProfiles: 0, journalPeriods: 0 };
  const recommendedOf = new Map(catalog.systems.map((s) => [s.name, s.archiveDuty ?? undefined]));
  const suppliers = [...supplierOf.values()];
  // the municipalities in parallel; a usage's journal periods one after the other
  await inParallel(ARCHIVING_MUNICIPALITIES, ARCHIVING_MUNICIPALITIES.length, async (code) => {
    const org = organizationOf.get(code);
    if (!org) return;
    const usages = [];
    if (usagesOf) usages.push(...(await usagesOf(org.uuid)));
    else
      for (let page = 0; ; page++) {
        const batch = expect(
          await call('GET', `/api/v2/it-system-usages?organizationUuid=${org.uuid}&page=${page}&pageSize=250`, undefined, token),
          [200],
          'listing usages',
        ).body;
        usages.push(...batch);
        if (batch.length < 250) break;
      }
    const available = async (kind) =>
      expect(await call('GET', `/api/v2/${kind}?organizationUuid=${org.uuid}`, undefined, token), [200], `listing ${kind}`).body;
    const [types, locations, testLocations] = await Promise.all([
      available('it-system-usage-archive-types'),
      available('it-system-usage-archive-location-types'),
      available('it-system-usage-archive-test-location-types'),
    ]);

    await inParallel(usages, PARALLEL, async (usage) => {
      const common = COMMON_SYSTEMS.includes(usage.systemContext.name);
      const roll = pick(`${code}/${usage.systemContext.name}`);
      if (roll >= (common ? COMMON_SHARE : SHARE_MUNICIPALITIES.includes(code) ? ARCHIVING_SHARE : 0)) return;
      const path = `/api/v2/it-system-usage-archives/${usage.uuid}`;
      // a usage this run created has no profile yet, and its system's recommendation is the catalogue's (catalog.json)
      let recommended = recommendedOf.get(usage.systemContext.name);
      if (!createdUsages.has(usage.uuid)) {
        const current = expect(await call('GET', path, undefined, token), [200], 'reading an archiving profile').body;
        if (current.version > 0) return;
        recommended = current.recommendedArchiveDuty?.id;
      }
      // mostly follow the recommendation; every seventh decides otherwise (a DisagreesWithRecommendation finding)
      const follows = ['B', 'K', 'PreserveDataCanDiscardDocuments'].includes(recommended);
      // without a recommendation: a third preserved, a third discarded, a third not yet decided
      const duty = follows ? (roll % 7 === 0 ? (recommended === 'B' ? 'K' : 'B') : recommended) : ['B', 'K', 'Undecided'][roll % 3];
      const delivered = duty === 'B' || duty === 'PreserveDataCanDiscardDocuments';
      const profile = {
        archiveDuty: duty,
        archiveTypeUuid: delivered && types.length ? types[0].uuid : null,
        locationUuid: delivered && locations.length ? locations[roll % locations.length].uuid : null,
        testLocationUuid: delivered && testLocations.length ? testLocations[0].uuid : null,
        supplierOrganizationUuid: delivered && suppliers.length ? suppliers[roll % suppliers.length].uuid : null,
        active: delivered ? roll % 2 === 0 : null,
        frequencyInMonths: delivered ? 60 : null,
        documentBearing: roll % 4 === 0,
        notes: roll % 9 === 0 ? `Aflevering koordineres med ${org.name}s øvrige ESDH-afleveringer.` : null,
        legalBasis:
          duty === 'Undecided'
            ? null
            : {
                text: 'Bekendtgørelse nr. 183 af 28. februar 2018, bilag 1',
                reference: 'https://www.retsinformation.dk/eli/lta/2018/183',
                decisionDate: '2018-03-01',
              },
        receivingArchive: delivered
          ? roll % 2 === 0
            ? { kind: 'Rigsarkivet' }
            : { kind: 'MunicipalArchive', name: `${org.name} Stadsarkiv` }
          : null,
        kleBasedDocumentDisposalAllowed: duty === 'K' ? true : null,
        kleBasedDocumentDisposalDecisionDate: duty === 'K' ? '2019-06-20' : null,
        notification: delivered
          ? { notifiedAt: '2019-01-15', reference: `J.nr. ${2019}-${1000 + roll}`, approved: true, approvedAt: '2019-04-01' }
          : null,
      };
      expect(await call('PUT', path, profile, token), [200], 'writing an archiving profile');
      counts.archiveProfiles++;
      if (!delivered) return;
      const periods = `/api/v2/it-system-usages/${usage.uuid}/journal-periods`;
      // an approved first period; most have the next one delivered and approved, some are overdue (ended 2014, due 2019)
      const first = {
        archiveId: `AVID.${code}.${roll}01`,
        startDate: '2010-01-01',
        endDate: '2014-12-31',
        status: 'Approved',
        approvalDate: '2015-09-30',
      };
      expect(await call('POST', periods, first, token), [201], 'adding a journal period');
      counts.journalPeriods++;
      if (roll % 5 !== 0) {
        const second = {
          archiveId: `AVID.${code}.${roll}02`,
          startDate: '2015-01-01',
          endDate: '2019-12-31',
          status: roll % 2 ? 'Approved' : 'Delivered',
          approvalDate: roll % 2 ? '2020-10-15' : null,
        };
        expect(await call('POST', periods, second, token), [201], 'adding a journal period');
        counts.journalPeriods++;
      }
    });
  });
  log(`archiving: ${counts.archiveProfiles} profiles, ${counts.journalPeriods} journal periods created`);
  return counts;
}

module.exports = { seedArchiving };
