import type { RoleObjectType } from '@kitos/contracts';

/** One role of the catalogue shipped with the product: the same uuid in every installation. */
export interface CatalogueRole {
  readonly uuid: string;
  readonly objectType: RoleObjectType;
  readonly name: string;
  readonly da: string;
  readonly en: string;
  readonly hasWriteAccess: boolean;
  /** Rules of the registration practice (services/reporting, `registration-practice.v1`) whose fields the holder keeps current. */
  readonly practiceRuleIds: readonly string[];
}

const role = (
  uuid: string,
  objectType: RoleObjectType,
  name: string,
  hasWriteAccess: boolean,
  practiceRuleIds: readonly string[],
  da: string,
  en: string,
): CatalogueRole => ({ uuid, objectType, name, hasWriteAccess, practiceRuleIds, da, en });

/**
 * The common role catalogue (KITOS's usual roles), seeded at identity's start when missing. Global administrators may
 * change any of it afterwards; a restart never overwrites their edits. Every role gives read access.
 */
export const ROLE_CATALOGUE: readonly CatalogueRole[] = [
  // IT-system usages [IT-systemer i anvendelse]
  role(
    '411e9149-2d17-4004-9036-5ddca682aed5',
    'ItSystemUsage',
    'Systemejer',
    true,
    ['usage-responsible-unit', 'usage-lifecycle-status'],
    'Ejer systemet i organisationen: træffer beslutninger om anvendelse, økonomi og livscyklus og står inde for registreringen. Må rette anvendelsen.',
    'Owns the system in the organisation: decides on its use, budget and life cycle and answers for its registration. May change the usage.',
  ),
  role(
    'aedc888b-72a9-453b-89ef-855684ba4ee1',
    'ItSystemUsage',
    'Systemansvarlig',
    true,
    ['usage-lifecycle-status', 'relation-interface', 'relation-frequency'],
    'Står for den daglige drift og forvaltning af systemet, herunder snitflader, opdateringer og leverandørkontakt. Må rette anvendelsen.',
    'Runs and manages the system day to day: interfaces, updates and contact with the supplier. May change the usage.',
  ),
  role(
    '444ddff3-33a4-4c09-b7ae-563ccc69cb27',
    'ItSystemUsage',
    'Forretningsejer',
    false,
    ['usage-responsible-unit'],
    'Ejer de forretningsprocesser, systemet understøtter, og prioriterer behov og ændringer. Læser anvendelsen.',
    'Owns the business processes the system supports and prioritises needs and changes. Reads the usage.',
  ),
  role(
    'db24e93a-6ce1-42c2-bd3c-1627d406253d',
    'ItSystemUsage',
    'Superbruger',
    false,
    [],
    'Kender systemet indgående, hjælper kolleger og tester nye versioner. Læser anvendelsen.',
    'Knows the system in depth, helps colleagues and tests new versions. Reads the usage.',
  ),
  role(
    '81c5d31f-2527-4ea5-88e1-9d6432aef0e2',
    'ItSystemUsage',
    'Kontaktperson',
    false,
    [],
    'Første kontakt for spørgsmål om systemet i organisationen. Læser anvendelsen.',
    'First point of contact for questions about the system in the organisation. Reads the usage.',
  ),
  role(
    'c9487b03-e4bf-48fe-ac0a-9e0526d2b84d',
    'ItSystemUsage',
    'Sikkerhedsansvarlig',
    true,
    ['usage-risk-assessment-recent', 'usage-dpia-dated'],
    'Sørger for risikovurdering, konsekvensanalyse og sikkerhedsforanstaltninger for systemet. Må rette anvendelsen.',
    "Sees to the system's risk assessment, impact assessment and security measures. May change the usage.",
  ),
  role(
    'c56d94d5-0c37-4237-8e7b-e82f7cd293af',
    'ItSystemUsage',
    'Arkivansvarlig',
    true,
    ['usage-archive-duty-decided', 'usage-retention-decided'],
    'Afklarer arkivpligt, journalperioder og afleveringer til arkivet for systemets data. Må rette anvendelsen.',
    "Settles the archive duty, journal periods and deliveries to the archives for the system's data. May change the usage.",
  ),
  role(
    '2a531d57-4c0a-412b-a5e6-7b365f3f9906',
    'ItSystemUsage',
    'Databeskyttelsesrådgiver',
    false,
    ['usage-personal-data-has-dpa', 'usage-dpia-dated'],
    'Rådgiver om behandlingen af personoplysninger i systemet og fører tilsyn med, at reglerne følges. Læser anvendelsen.',
    'Advises on the processing of personal data in the system and monitors compliance. Reads the usage.',
  ),
  role(
    '7e22a444-0463-4e14-881d-63f7bb1ea05d',
    'ItSystemUsage',
    'Dataejer',
    false,
    ['usage-retention-decided'],
    'Ejer de data, systemet behandler, og beslutter adgang og opbevaring. Læser anvendelsen.',
    'Owns the data the system processes and decides on access and retention. Reads the usage.',
  ),
  // IT contracts [IT-kontrakter]
  role(
    'aa3a3267-6a60-4c90-9c75-dbe12cfa378e',
    'ItContract',
    'Kontraktansvarlig',
    true,
    ['contract-notice-period', 'contract-supplier', 'contract-responsible-unit', 'contract-covers-usage'],
    'Forvalter kontrakten: opsigelse, forlængelse, økonomi og leverandørens forpligtelser. Må rette kontrakten.',
    "Manages the contract: termination, extension, payments and the supplier's obligations. May change the contract.",
  ),
  role(
    'c9273ca5-1c21-4c30-a30f-12ba567b9f83',
    'ItContract',
    'Kontraktejer',
    true,
    ['contract-responsible-unit'],
    'Ejer kontrakten og træffer beslutning om indgåelse, forlængelse og opsigelse. Må rette kontrakten.',
    'Owns the contract and decides on signing, extending and terminating it. May change the contract.',
  ),
  role(
    '3d5f25e9-4ac2-48bd-96e5-4c45f9b05679',
    'ItContract',
    'Budgetansvarlig',
    false,
    [],
    'Har budgettet, som kontraktens betalinger afholdes af. Læser kontrakten.',
    "Holds the budget the contract's payments come from. Reads the contract.",
  ),
  role(
    '17a6458e-735a-4bb6-9ff2-839568d46af0',
    'ItContract',
    'Juridisk rådgiver',
    false,
    [],
    'Rådgiver om kontraktens vilkår, tvister og ændringer. Læser kontrakten.',
    "Advises on the contract's terms, disputes and amendments. Reads the contract.",
  ),
  role(
    '940514a4-420f-489e-9973-7bfacf856ce9',
    'ItContract',
    'Fakturamodtager',
    false,
    [],
    'Modtager og godkender leverandørens fakturaer efter kontrakten. Læser kontrakten.',
    "Receives and approves the supplier's invoices under the contract. Reads the contract.",
  ),
  role(
    'b4bf049b-af59-4745-9ee6-f5f0cbc38c42',
    'ItContract',
    'Kontaktperson',
    false,
    [],
    'Første kontakt for leverandøren og kolleger om kontrakten. Læser kontrakten.',
    'First point of contact about the contract for the supplier and colleagues. Reads the contract.',
  ),
  // Data processing registrations [Databehandling]
  role(
    '1936b50f-9bb5-49cb-9c97-c917dee2c31d',
    'DataProcessingRegistration',
    'Dataansvarlig',
    true,
    ['dpr-agreement-decided', 'dpr-data-processor', 'dpr-responsible-unit'],
    'Har på den dataansvarliges vegne ansvaret for databehandlingen og databehandleraftalen. Må rette registreringen.',
    'Answers for the data processing and the data processing agreement on behalf of the data controller. May change the registration.',
  ),
  role(
    '9512174a-09b3-4826-8907-0f40500b32ec',
    'DataProcessingRegistration',
    'Databeskyttelsesrådgiver',
    false,
    ['dpr-oversight-interval'],
    'Rådgiver om databehandlingen og følger op på tilsyn med databehandleren. Læser registreringen.',
    'Advises on the data processing and follows up on the oversight of the processor. Reads the registration.',
  ),
  role(
    '4081f5fe-f5ad-4bec-a466-2fd9abca2ba2',
    'DataProcessingRegistration',
    'Tilsynsansvarlig',
    true,
    ['dpr-oversight-interval'],
    'Planlægger og gennemfører tilsyn med databehandleren og registrerer resultatet. Må rette registreringen.',
    'Plans and carries out the oversight of the processor and records the result. May change the registration.',
  ),
  role(
    '06abd560-446a-4643-9d6e-a23ad3e47467',
    'DataProcessingRegistration',
    'Kontaktperson',
    false,
    [],
    'Første kontakt for databehandleren og kolleger om databehandlingen. Læser registreringen.',
    'First point of contact about the data processing for the processor and colleagues. Reads the registration.',
  ),
  // Organisation units [Organisationsenheder]
  role(
    'bb9f08da-51fc-44e5-aad1-a010d4eb1dcd',
    'OrganizationUnit',
    'Leder',
    false,
    [],
    'Leder enheden og godkender dens it-anvendelse og kontrakter. Læser enheden.',
    'Heads the unit and approves its IT use and contracts. Reads the unit.',
  ),
  role(
    'd9fb85b4-8fd4-4a59-bf8f-d6ff83edb269',
    'OrganizationUnit',
    'IT-koordinator',
    false,
    [],
    'Koordinerer enhedens it-systemer og er kontakt til it-afdelingen. Læser enheden.',
    "Coordinates the unit's IT systems and is the contact to the IT department. Reads the unit.",
  ),
  role(
    '0de52c4e-adbb-4091-a79f-2fa78f42146a',
    'OrganizationUnit',
    'Arkivansvarlig',
    false,
    [],
    'Har ansvaret for arkivering af enhedens data. Læser enheden.',
    "Answers for archiving the unit's data. Reads the unit.",
  ),
  role(
    '0e758d02-3690-4d4b-95b4-0b97b1ee5625',
    'OrganizationUnit',
    'Kontaktperson',
    false,
    [],
    'Første kontakt for spørgsmål om enheden. Læser enheden.',
    'First point of contact for questions about the unit. Reads the unit.',
  ),
  // IT projects [IT-projekter]
  role(
    'fe5703f0-0d2f-4ce2-b6db-207aa978d2e4',
    'ItProject',
    'Projektejer',
    true,
    [],
    'Ejer projektet og dets gevinster og træffer de afgørende beslutninger. Må rette projektet.',
    'Owns the project and its benefits and takes the decisive decisions. May change the project.',
  ),
  role(
    'd81e6f5a-6e4f-4cf9-b6c4-72e1fc740150',
    'ItProject',
    'Projektleder',
    true,
    [],
    'Leder projektet i hverdagen: plan, risici, status og ressourcer. Må rette projektet.',
    'Runs the project day to day: plan, risks, status and resources. May change the project.',
  ),
  role(
    '46bcd225-3f74-459d-bb97-b1b651fb8f9b',
    'ItProject',
    'Styregruppemedlem',
    false,
    [],
    'Følger projektet i styregruppen og godkender faser. Læser projektet.',
    'Follows the project in the steering group and approves phases. Reads the project.',
  ),
  role(
    'afd737c8-5ff2-494c-b9fc-38df5420988b',
    'ItProject',
    'Projektdeltager',
    false,
    [],
    'Deltager i projektets arbejde. Læser projektet.',
    "Takes part in the project's work. Reads the project.",
  ),
];
