import type { OptionTypeKind } from '@kitos/contracts';

export interface DefaultOption {
  readonly name: string;
  readonly description?: string;
  /** Obligatory values are available in every organisation from the start; the others wait for local activation. */
  readonly isObligatory: boolean;
}

const o = (name: string, isObligatory = true, description?: string): DefaultOption => ({ name, isObligatory, description });

/** The values a new installation starts with, in their order (the first has the highest priority). */
export const DEFAULT_OPTIONS: Readonly<Record<OptionTypeKind, readonly DefaultOption[]>> = {
  'business-types': [
    o('Fagsystem', true, 'Understøtter en bestemt faglig opgave, fx sagsbehandling på ét område'),
    o('Støttesystem', true, 'Understøtter opgaver på tværs af fagområder, fx ESDH, økonomi og løn'),
    o('Infrastruktur', true, 'Fælles teknisk grundlag, fx netværk, identitet og integrationsplatforme'),
    o('Selvbetjening', true, 'Borger- og virksomhedsrettede selvbetjeningsløsninger'),
    o('Styringssystem', false, 'Ledelsesinformation, planlægning og opfølgning'),
  ],
  'it-system-usage-data-classification-types': [
    o('Offentlige data', true, 'Data der må offentliggøres'),
    o('Interne data', true, 'Data til intern brug i organisationen'),
    o('Fortrolige data', true, 'Data hvis udbredelse kan skade borgere, virksomheder eller organisationen'),
    o('Strengt fortrolige data', true, 'Data hvis udbredelse kan gøre alvorlig skade, fx følsomme personoplysninger'),
  ],
  'it-system-usage-registered-data-category-types': [
    o('Borgere'),
    o('Medarbejdere'),
    o('Børn og unge'),
    o('Pårørende'),
    o('Ansøgere'),
    o('Virksomheder og deres kontaktpersoner', false),
  ],
  'it-system-usage-sensitive-personal-data-types': [
    o('Racemæssig eller etnisk oprindelse'),
    o('Politisk overbevisning'),
    o('Religiøs eller filosofisk overbevisning'),
    o('Fagforeningsmæssigt tilhørsforhold'),
    o('Genetiske data'),
    o('Biometriske data med henblik på entydig identifikation'),
    o('Helbredsoplysninger'),
    o('Seksuelle forhold eller seksuel orientering'),
  ],
  'it-system-usage-archive-types': [
    o('Arkiveringsversion', true, 'Aflevering af en arkiveringsversion efter arkivlovens regler'),
    o('Løbende arkivering', true, 'Data overføres løbende til arkivet'),
    o('Papirarkivering', false, 'Udskrift til papir'),
  ],
  'it-system-usage-archive-location-types': [
    o('Rigsarkivet'),
    o('Kommunalt arkiv'),
    o('Fælleskommunalt arkiv', false),
    o('Stadsarkiv', false),
  ],
  'it-system-usage-archive-test-location-types': [o('Rigsarkivet'), o('Kommunalt arkiv'), o('Leverandøren', false)],
  'it-system-usage-relation-frequency-types': [
    o('Realtid'),
    o('Dagligt'),
    o('Ugentligt'),
    o('Månedligt'),
    o('Kvartalsvis'),
    o('Årligt'),
    o('Efter behov'),
  ],
  'it-system-usage-technical-system-types': [
    o('Fagsystem'),
    o('Understøttende system'),
    o('Infrastruktur'),
    o('Integrationsplatform'),
    o('Selvbetjeningsløsning', false),
  ],
  'it-system-usage-criticality-level-types': [o('Lav'), o('Middel'), o('Høj'), o('Samfundskritisk')],
  'it-interface-interface-types': [
    o('REST API'),
    o('Webservice (SOAP)'),
    o('Filoverførsel'),
    o('Serviceplatformen', true, "KOMBIT's fælleskommunale integrationsplatform"),
    o('Hændelser (beskeder)', true, 'Beskedfordeler, webhooks og lignende'),
    o('Direkte databaseadgang', false),
  ],
  'it-interface-interface-data-types': [
    o('Personoplysninger'),
    o('CPR-nummer'),
    o('Sagsdata'),
    o('Dokumenter'),
    o('Økonomidata'),
    o('Stamdata'),
  ],
  'data-processing-registration-data-responsible-types': [
    o('Kommunen', true, 'Kommunen er dataansvarlig'),
    o('Fælles dataansvar', true, 'Flere myndigheder er fælles dataansvarlige (GDPR art. 26)'),
    o('Leverandøren', true, 'Leverandøren er selvstændig dataansvarlig'),
    o('Anden myndighed', false),
  ],
  'data-processing-registration-basis-for-transfer-types': [
    o('Tilstrækkelighedsafgørelse', true, 'EU-Kommissionens afgørelse om et tilstrækkeligt beskyttelsesniveau (art. 45)'),
    o('Standardkontraktbestemmelser (SCC)', true, 'EU-Kommissionens standardkontraktbestemmelser (art. 46, stk. 2, litra c)'),
    o('Bindende virksomhedsregler (BCR)', true, 'Art. 47'),
    o('Undtagelse i særlige situationer', true, 'Art. 49'),
    o('Ingen overførsel', true, 'Oplysningerne behandles kun i EU/EØS'),
  ],
  'data-processing-registration-country-types': [
    o('USA'),
    o('Storbritannien'),
    o('Indien'),
    o('Kina'),
    o('Ukraine', false),
    o('Filippinerne', false),
  ],
  'data-processing-registration-oversight-types': [
    o('Revisionserklæring', true, 'ISAE 3000/3402-erklæring fra databehandleren'),
    o('Egenkontrol', true, 'Databehandlerens egen besvarelse af et tilsynsskema'),
    o('Skriftligt tilsyn', true, 'Kommunen gennemgår dokumentation fra databehandleren'),
    o('Fysisk tilsyn', true, 'Besøg hos databehandleren'),
  ],
  'it-contract-contract-types': [
    o('Hovedkontrakt'),
    o('Tillægskontrakt'),
    o('Delaftale', true, 'Aftale under en rammeaftale'),
    o('Serviceaftale'),
    o('Licensaftale'),
    o('Databehandleraftale', false),
  ],
  'it-contract-contract-template-types': [
    o('K01', true, 'Statens standardkontrakt for længerevarende it-projekter'),
    o('K02', true, 'Statens standardkontrakt for kortere it-projekter'),
    o('K03', true, 'Statens standardkontrakt for køb af standardsoftware'),
    o('K04', true, 'Statens standardkontrakt for drift'),
    o('D30', false, 'Dansk IT standardkontrakt'),
    o('Leverandørens standardkontrakt'),
  ],
  'it-contract-criticality-types': [o('Lav'), o('Middel'), o('Høj'), o('Kritisk')],
  'it-contract-purchase-types': [
    o('Udbud (EU)'),
    o('Rammeaftale (SKI)'),
    o('Direkte tildeling'),
    o('Miniudbud'),
    o('Fælleskommunalt (KOMBIT)'),
  ],
  'it-contract-procurement-strategy-types': [o('Genudbud'), o('Direkte tildeling'), o('Forlængelse'), o('Udfasning')],
  'it-contract-payment-model-types': [
    o('Fast pris'),
    o('Abonnement'),
    o('Licens pr. bruger'),
    o('Forbrugsafregning'),
    o('Timepris', false),
  ],
  'it-contract-payment-frequency-types': [o('Månedligt'), o('Kvartalsvis'), o('Halvårligt'), o('Årligt'), o('Engangsbetaling')],
  'it-contract-price-regulation-types': [
    o('Nettoprisindeks', true, 'Årlig regulering efter Danmarks Statistiks nettoprisindeks'),
    o('Fast pris i hele perioden'),
    o('Lønindeks for den private sektor', false),
  ],
  'it-contract-agreement-element-types': [
    o('Licens'),
    o('Drift'),
    o('Vedligehold'),
    o('Support'),
    o('Hosting'),
    o('Udvikling'),
    o('Konsulentydelser'),
    o('Uddannelse'),
  ],
  'it-contract-agreement-extension-option-types': [
    o('Ingen option'),
    o('1 x 1 år'),
    o('2 x 1 år'),
    o('3 x 1 år'),
    o('1 x 2 år'),
    o('2 x 2 år'),
    o('2 x 6 måneder', false),
  ],
  'it-contract-notice-period-month-types': [o('1'), o('3'), o('6'), o('9', false), o('12'), o('24', false)],
  'it-project-types': [
    o('Lokalt projekt', true, 'Gennemføres af organisationen alene'),
    o('Tværkommunalt projekt', true, 'Gennemføres sammen med andre kommuner'),
    o('Fælleskommunalt projekt', true, 'KL/KOMBIT-projekter for alle kommuner'),
    o('Fællesoffentligt projekt', true, 'På tværs af stat, regioner og kommuner'),
    o('Udbud', false, 'Anskaffelse gennem udbud'),
    o('Andet', false),
  ],
};
