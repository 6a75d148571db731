// Demo GDPR data: the GDPR registration [GDPR] of the usages of the demo municipalities (a mix of complete and
// incomplete ones, so the Article 30 record, its findings and the compliance dashboard have something to show) and a
// few processing activities [Behandlingsaktiviteter] per municipality linked to those usages. Called by seed-demo.js
// after the catalogue; safe to run again (registrations already written and activities whose name exists are left alone).
'use strict';

/** Municipalities (codes) that get GDPR data, and how many of their usages are registered. */
const GDPR_MUNICIPALITIES = [101, 147, 751];
const USAGES_PER_MUNICIPALITY = 40;

/** GDPR registrations cycled through the usages (chosen by a stable hash of the system name). */
const PROFILES = [
  (o) => ({
    purpose: 'Sagsbehandling af borgerhenvendelser',
    businessCritical: 'Yes',
    hostedAt: 'External',
    dataSensitivityLevels: ['PersonData', 'SensitiveData'],
    sensitivePersonDataUuids: o.sensitive.slice(0, 1),
    specificPersonalData: ['CprNumber'],
    registeredDataCategoryUuids: o.categories.slice(0, 2),
    technicalPrecautionsInPlace: 'Yes',
    technicalPrecautionsApplied: ['Encryption', 'AccessControl', 'Logging'],
    userSupervision: 'Yes',
    userSupervisionDate: '2025-06-01',
    riskAssessmentConducted: 'Yes',
    riskAssessmentConductedDate: '2025-02-10',
    riskAssessmentResult: 'Medium',
    plannedRiskAssessmentDate: '2027-02-10',
    dpiaConducted: 'Yes',
    dpiaDate: '2025-03-01',
    retentionPeriodDefined: 'Yes',
    nextDataRetentionEvaluationDate: '2026-12-31',
    dataRetentionEvaluationFrequencyInMonths: 12,
    directoryDocumentation: { name: 'Fortegnelse', url: 'https://intranet.kommune.example/gdpr/fortegnelse' },
  }),
  () => ({
    purpose: 'Løn- og personaleadministration',
    hostedAt: 'OnPremise',
    dataSensitivityLevels: ['PersonData'],
    specificPersonalData: ['CprNumber'],
    technicalPrecautionsInPlace: 'Yes',
    technicalPrecautionsApplied: ['AccessControl'],
    riskAssessmentConducted: 'Yes',
    riskAssessmentConductedDate: '2021-09-01',
    riskAssessmentResult: 'Low',
    dpiaConducted: 'No',
    retentionPeriodDefined: 'No',
  }),
  (o) => ({
    purpose: 'Journalføring af sociale sager',
    dataSensitivityLevels: ['PersonData', 'SensitiveData', 'LegalData'],
    sensitivePersonDataUuids: o.sensitive.slice(0, 2),
    specificPersonalData: ['CprNumber', 'SocialProblems'],
    riskAssessmentConducted: 'No',
    plannedRiskAssessmentDate: '2026-03-01',
    dpiaConducted: 'DontKnow',
    retentionPeriodDefined: 'Undecided',
  }),
  () => ({ purpose: 'Drift og infrastruktur', hostedAt: 'Hybrid', dataSensitivityLevels: ['None'] }),
  () => ({ dataSensitivityLevels: ['PersonData'] }),
];

/** Processing activities of each municipality, linked to the first usages with personal data. */
const ACTIVITIES = [
  {
    name: 'Behandling af ansøgninger om boligstøtte',
    purposes: ['Afgørelse om og udbetaling af boligstøtte'],
    legalBases: ['Art6-1-c', 'Art6-1-e'],
    nationalLawReferences: ['Lov om individuel boligstøtte', 'Databeskyttelseslovens § 11'],
    dataCategories: [
      {
        dataSubjectCategory: 'Ansøgere',
        personalDataCategory: 'CPR-nummer, indkomst og boligforhold',
        sensitivity: 'PersonData',
        retentionPeriod: '5 år efter sagens afslutning',
      },
      {
        dataSubjectCategory: 'Husstandsmedlemmer',
        personalDataCategory: 'Navn, CPR-nummer og indkomst',
        sensitivity: 'PersonData',
        retentionPeriod: '5 år efter sagens afslutning',
      },
    ],
    recipients: [
      { name: 'Udbetaling Danmark', category: 'Offentlig myndighed' },
      { name: 'SKAT', category: 'Offentlig myndighed' },
    ],
    securityMeasures: 'Adgangsstyring efter arbejdsbetinget behov, logning af opslag, kryptering under transport',
    dataSource: 'Borgeren selv, eIndkomst, CPR',
  },
  {
    name: 'Personaleadministration og lønudbetaling',
    purposes: ['Ansættelse, løn og personaleledelse'],
    legalBases: ['Art6-1-b', 'Art6-1-c', 'Art9-2-b'],
    nationalLawReferences: ['Databeskyttelseslovens § 12'],
    dataCategories: [
      {
        dataSubjectCategory: 'Medarbejdere',
        personalDataCategory: 'Stamdata, løn og skat',
        sensitivity: 'PersonData',
        retentionPeriod: '5 år efter fratræden',
      },
      {
        dataSubjectCategory: 'Medarbejdere',
        personalDataCategory: 'Fagforeningsforhold og helbred (sygefravær)',
        sensitivity: 'SensitiveData',
      },
    ],
    recipients: [
      { name: 'Pensionsselskaber', category: 'Privat virksomhed' },
      { name: 'Lønleverandørens driftscenter', category: 'Databehandler', thirdCountry: true, country: 'IN' },
    ],
    securityMeasures: null,
  },
  {
    name: 'Myndighedsudøvelse på det specialiserede socialområde',
    purposes: ['Udredning og afgørelser efter serviceloven'],
    legalBases: ['Art6-1-e', 'Art9-2-h'],
    nationalLawReferences: ['Serviceloven', 'Databeskyttelseslovens § 7, stk. 4'],
    controllerRole: 'JointController',
    jointControllers: [{ name: 'Region Hovedstaden', contact: 'databeskyttelse@regionh.example' }],
    dataCategories: [
      {
        dataSubjectCategory: 'Børn og unge',
        personalDataCategory: 'Helbredsoplysninger og sociale forhold',
        sensitivity: 'SensitiveData',
        retentionPeriod: 'Arkiveres efter arkivlovgivningen',
      },
      { dataSubjectCategory: 'Forældre', personalDataCategory: 'Strafbare forhold', sensitivity: 'LegalData' },
    ],
    recipients: [{ name: 'Ankestyrelsen', category: 'Offentlig myndighed' }],
    securityMeasures: 'Adgang kun for sagsbehandlere på området; to-faktor-login',
  },
];

function pick(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0;
  return h % PROFILES.length;
}

async function seedGdpr({ call, expect, token, organizationOf, log }) {
  const counts = { usageGdprProfiles: 0, processingActivities: 0 };
  const options = async (kind, organizationUuid) =>
    expect(await call('GET', `/api/v2/${kind}?organizationUuid=${organizationUuid}`, undefined, token), [200], `listing ${kind}`).body.map(
      (v) => v.uuid,
    );

  for (const code of GDPR_MUNICIPALITIES) {
    const org = organizationOf.get(code);
    if (!org) continue;
    const sensitive = await options('it-system-usage-sensitive-personal-data-types', org.uuid);
    const categories = await options('it-system-usage-registered-data-category-types', org.uuid);
    const usages = expect(
      await call('GET', `/api/v2/it-system-usages?organizationUuid=${org.uuid}&pageSize=${USAGES_PER_MUNICIPALITY}`, undefined, token),
      [200],
      'listing usages',
    ).body;
    const withPersonalData = [];
    for (const usage of usages) {
      const name = (usage.systemContext && usage.systemContext.name) || usage.uuid;
      const profile = PROFILES[pick(name)]({ sensitive, categories });
      if (!(profile.dataSensitivityLevels || []).every((l) => l === 'None')) withPersonalData.push(usage.uuid);
      const current = expect(
        await call('GET', `/api/v2/it-system-usages/${usage.uuid}/gdpr`, undefined, token),
        [200],
        'reading a GDPR registration',
      ).body;
      if (current.version > 0) continue;
      expect(await call('PATCH', `/api/v2/it-system-usages/${usage.uuid}/gdpr`, profile, token), [200], `registering GDPR of ${name}`);
      counts.usageGdprProfiles++;
    }
    const existing = expect(
      await call('GET', `/api/v2/processing-activities?organizationUuid=${org.uuid}`, undefined, token),
      [200],
      'listing processing activities',
    ).body.map((a) => a.name);
    for (const [i, activity] of ACTIVITIES.entries()) {
      if (existing.includes(activity.name)) continue;
      const linked = withPersonalData.slice(i * 3, i * 3 + 3);
      const body = { ...activity, organizationUuid: org.uuid, systemUsageUuids: linked };
      expect(await call('POST', '/api/v2/processing-activities', body, token), [201], `registering ${activity.name}`);
      counts.processingActivities++;
    }
  }
  log(`demo GDPR data: ${counts.usageGdprProfiles} usage registrations, ${counts.processingActivities} processing activities created`);
  return counts;
}

module.exports = { seedGdpr };
