// Demo GDPR data: the GDPR registration [GDPR] of the usages of the five using municipalities (a mix of complete and
// incomplete ones, so the Article 30 record, its findings and the compliance dashboard have something to show) and a
// few processing activities [Behandlingsaktiviteter] per municipality linked to those usages. Every usage of the
// systems all five use (COMMON_SYSTEMS) is registered, so the cross-municipal reports have figures: what data a system
// processes is the same everywhere (by system), while each municipality has its own risk assessment (about 70 % of
// those with personal data; dates spread over the last five years, some older than three) and DPIA (most of those with
// sensitive data, a few others), and a few internal notes. Called by seed-demo.js after the catalogue; safe to run
// again (registrations already written and activities whose name exists are left alone).
'use strict';

const { USING_MUNICIPALITIES, COMMON_SYSTEMS, pick: pick100, inParallel, PARALLEL } = require('./seed-catalog');

/** Municipalities (codes) that get GDPR data, and how many of their usages are registered (all common ones first). */
const GDPR_MUNICIPALITIES = USING_MUNICIPALITIES;
const USAGES_PER_MUNICIPALITY = 24;
const RISK_NOTES = [
  'Restrisiko accepteret af direktionen; logning skal udbygges.',
  'Leverandørens hostingcenter er ikke besøgt; afventer revisionserklæring.',
  'Vurderingen dækker ikke mobilappen.',
];

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

/** The profile (index in PROFILES) of each system all municipalities use: what the system realistically processes. */
const COMMON_PROFILES = {
  Nexus: 0,
  'EG Sensum Bosted': 0,
  DUBU: 0,
  Momentum: 0,
  'Kommunernes Sygedagpengesystem (KSD)': 0,
  SBSYS: 0,
  SAPA: 0,
  'KMD Opus Løn': 1,
  'EG Plan2learn': 1,
  Serviceplatformen: 3,
  Beskedfordeler: 3,
};
/** The demo registration of a system: the same in every municipality (what data it processes is the system's). */
function profileOf(systemName) {
  return PROFILES[COMMON_PROFILES[systemName] ?? (COMMON_SYSTEMS.includes(systemName) ? 4 : pick(systemName))];
}

/** Whether the demo registration of a system records personal data (the same in every municipality). */
function processesPersonalData(systemName) {
  const profile = profileOf(systemName)({ sensitive: [], categories: [] });
  return (profile.dataSensitivityLevels || []).some((l) => l !== 'None');
}

/** The Danish calendar day `days` days before today. */
function daysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Copenhagen' });
}

/**
 * The municipality's own risk assessment and DPIA of a system with personal data (stable per municipality and system):
 * conducted on about 70 %, dated up to five years back; a DPIA on most with sensitive data or CPR numbers.
 */
function assessmentsOf(code, orgName, systemName, profile) {
  const risk = pick100(`${code}/${systemName}/risk`);
  const dpia = pick100(`${code}/${systemName}/dpia`);
  const sensitive =
    profile.dataSensitivityLevels.some((l) => l === 'SensitiveData' || l === 'LegalData') ||
    (profile.specificPersonalData || []).includes('CprNumber');
  const assessed = risk < 70;
  const dpiaDone = sensitive ? dpia < 65 : dpia < 15;
  return {
    riskAssessmentConducted: assessed ? 'Yes' : risk < 88 ? 'No' : 'DontKnow',
    riskAssessmentConductedDate: assessed ? daysAgo(30 + risk * 25) : null,
    riskAssessmentResult: assessed ? ['Low', 'Medium', 'High'][risk % 3] : null,
    riskAssessmentNotes: assessed && risk % 8 === 0 ? `${RISK_NOTES[risk % RISK_NOTES.length]} (${orgName})` : null,
    dpiaConducted: dpiaDone ? 'Yes' : sensitive && dpia < 85 ? 'No' : 'DontKnow',
    dpiaDate: dpiaDone ? daysAgo(20 + dpia * 18) : null,
  };
}

/**
 * `usagesOf(organizationUuid)` (optional) lists an organisation's usages once for several steps; `createdUsages`
 * (optional) holds the usages this run created, whose GDPR registration is known to be empty (not read first).
 */
async function seedGdpr({ call, expect, token, organizationOf, log, usagesOf, createdUsages = new Set() }) {
  const counts = { usageGdprProfiles: 0, processingActivities: 0 };
  const options = async (kind, organizationUuid) =>
    expect(await call('GET', `/api/v2/${kind}?organizationUuid=${organizationUuid}`, undefined, token), [200], `listing ${kind}`).body.map(
      (v) => v.uuid,
    );

  // the municipalities in parallel, and within one its usages' registrations, then its processing activities
  await inParallel(GDPR_MUNICIPALITIES, GDPR_MUNICIPALITIES.length, async (code) => {
    const org = organizationOf.get(code);
    if (!org) return;
    const [sensitive, categories, all] = await Promise.all([
      options('it-system-usage-sensitive-personal-data-types', org.uuid),
      options('it-system-usage-registered-data-category-types', org.uuid),
      usagesOf
        ? usagesOf(org.uuid)
        : call('GET', `/api/v2/it-system-usages?organizationUuid=${org.uuid}&pageSize=250`, undefined, token).then(
            (result) => expect(result, [200], 'listing usages').body,
          ),
    ]);
    const nameOf = (usage) => (usage.systemContext && usage.systemContext.name) || usage.uuid;
    const common = all.filter((u) => COMMON_SYSTEMS.includes(nameOf(u)));
    const others = all.filter((u) => !COMMON_SYSTEMS.includes(nameOf(u)));
    const usages = [...common, ...others.slice(0, Math.max(0, USAGES_PER_MUNICIPALITY - common.length))];
    const withPersonalData = usages.filter((usage) => processesPersonalData(nameOf(usage))).map((usage) => usage.uuid);
    await inParallel(usages, PARALLEL, async (usage) => {
      const name = nameOf(usage);
      let profile = profileOf(name)({ sensitive, categories });
      if (processesPersonalData(name)) profile = { ...profile, ...assessmentsOf(code, org.name, name, profile) };
      if (!createdUsages.has(usage.uuid)) {
        const current = expect(
          await call('GET', `/api/v2/it-system-usages/${usage.uuid}/gdpr`, undefined, token),
          [200],
          'reading a GDPR registration',
        ).body;
        if (current.version > 0) return;
      }
      expect(await call('PATCH', `/api/v2/it-system-usages/${usage.uuid}/gdpr`, profile, token), [200], `registering GDPR of ${name}`);
      counts.usageGdprProfiles++;
    });
    const existing = expect(
      await call('GET', `/api/v2/processing-activities?organizationUuid=${org.uuid}`, undefined, token),
      [200],
      'listing processing activities',
    ).body.map((a) => a.name);
    await inParallel([...ACTIVITIES.entries()], ACTIVITIES.length, async ([i, activity]) => {
      if (existing.includes(activity.name)) return;
      const linked = withPersonalData.slice(i * 3, i * 3 + 3);
      const body = { ...activity, organizationUuid: org.uuid, systemUsageUuids: linked };
      expect(await call('POST', '/api/v2/processing-activities', body, token), [201], `registering ${activity.name}`);
      counts.processingActivities++;
    });
  });
  log(`demo GDPR data: ${counts.usageGdprProfiles} usage registrations, ${counts.processingActivities} processing activities created`);
  return counts;
}

module.exports = { seedGdpr, processesPersonalData };
