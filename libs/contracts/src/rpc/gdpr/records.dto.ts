import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IdentityNamePair } from '../common.dto';
import { Article30Finding, ContactResponse } from './processing-activity.dto';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportFormatQuery {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'json',
    description: 'csv: UTF-8 with BOM, `;` separated (Danish Excel); xlsx: one sheet per part',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

/** Art. 30(1)(a): the controller with its contact details, representative and DPO. */
export class Article30Controller {
  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ example: 'Aarhus Kommune' })
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  cvr!: string | null;

  @ApiProperty({ nullable: true, type: String })
  address!: string | null;

  @ApiProperty({ nullable: true, type: String })
  email!: string | null;

  @ApiProperty({ nullable: true, type: String })
  phone!: string | null;

  @ApiProperty({ type: ContactResponse, nullable: true, description: 'Data controller contact [Dataansvarlig]' })
  dataController!: ContactResponse | null;

  @ApiProperty({ type: ContactResponse, nullable: true, description: 'Data protection officer [DPO / Databeskyttelsesrådgiver]' })
  dataProtectionOfficer!: ContactResponse | null;
}

/** One entry of the controller record, Art. 30(1): a processing activity or a system usage processing personal data. */
export class Article30ControllerEntry {
  @ApiProperty({ enum: ['processingActivity', 'systemUsage'] })
  kind!: 'processingActivity' | 'systemUsage';

  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: 'Behandling af ansøgninger om boligstøtte' })
  name!: string;

  @ApiProperty({ type: [String], description: '(a) joint controllers and representative, where applicable' })
  jointControllers!: string[];

  @ApiProperty({ nullable: true, type: String })
  representative!: string | null;

  @ApiProperty({ type: [String], description: '(b) purposes' })
  purposes!: string[];

  @ApiProperty({ type: [String], description: 'Legal bases (Art. 6/9/10 and Danish law) — expected by Datatilsynet, not Art. 30 itself' })
  legalBases!: string[];

  @ApiProperty({ type: [String], description: '(c) categories of data subjects' })
  dataSubjectCategories!: string[];

  @ApiProperty({ type: [String], description: '(c) categories of personal data' })
  personalDataCategories!: string[];

  @ApiProperty({ type: [String], description: '(d) categories of recipients' })
  recipients!: string[];

  @ApiProperty({ type: [String], description: '(e) transfers to third countries or international organisations, with their basis' })
  thirdCountryTransfers!: string[];

  @ApiProperty({ type: [String], description: '(f) envisaged time limits for erasure, per data category' })
  erasureTimeLimits!: string[];

  @ApiProperty({ type: [String], description: '(g) technical and organisational security measures' })
  securityMeasures!: string[];

  @ApiProperty({ type: [String], description: 'IT systems involved (usages: the system name; activities: their linked usages)' })
  systems!: string[];

  @ApiProperty({ type: [Article30Finding] })
  findings!: Article30Finding[];
}

/** One entry of the processor record, Art. 30(2): processing this organisation carries out on behalf of a controller. */
export class Article30ProcessorEntry {
  @ApiProperty({ format: 'uuid', description: 'The data processing registration of the controller naming this organisation' })
  dataProcessingRegistrationUuid!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: IdentityNamePair, description: '(a) the controller on whose behalf the organisation acts' })
  controller!: IdentityNamePair;

  @ApiProperty({ type: ContactResponse, nullable: true, description: "(a) the controller's data protection officer, where known" })
  controllerDataProtectionOfficer!: ContactResponse | null;

  @ApiProperty({ type: [String], description: '(b) categories of processing carried out (the systems the registration covers)' })
  categoriesOfProcessing!: string[];

  @ApiProperty({ type: [String], description: '(c) transfers to third countries' })
  thirdCountryTransfers!: string[];

  @ApiProperty({ type: [String], description: '(d) technical and organisational security measures' })
  securityMeasures!: string[];

  @ApiProperty({ type: [Article30Finding] })
  findings!: Article30Finding[];
}

export class Article30Record {
  @ApiProperty({ description: 'When the record was generated (UTC)' })
  generatedAt!: string;

  @ApiProperty({ type: Article30Controller, description: 'Art. 30(1)(a) (also the processor of Art. 30(2)(a))' })
  controller!: Article30Controller;

  @ApiProperty({ type: [Article30Finding], description: 'Findings about the organisation itself (e.g. no DPO registered)' })
  organizationFindings!: Article30Finding[];

  @ApiProperty({ type: [Article30ControllerEntry] })
  controllerRecord!: Article30ControllerEntry[];

  @ApiProperty({ type: [Article30ProcessorEntry] })
  processorRecord!: Article30ProcessorEntry[];
}

/** The KITOS GDPR report: one row per usage of the organisation. */
export class GdprReportRow {
  @ApiProperty({ format: 'uuid' })
  usageUuid!: string;

  @ApiProperty({ nullable: true, type: String })
  systemName!: string | null;

  @ApiProperty({ nullable: true, type: String })
  localCallName!: string | null;

  @ApiProperty({ nullable: true, type: String })
  purpose!: string | null;

  @ApiProperty({ nullable: true, type: String })
  businessCritical!: string | null;

  @ApiProperty({ nullable: true, type: String })
  hostedAt!: string | null;

  @ApiProperty({ type: [String] })
  dataSensitivityLevels!: string[];

  @ApiProperty({ type: [String] })
  sensitivePersonData!: string[];

  @ApiProperty({ type: [String] })
  specificPersonalData!: string[];

  @ApiProperty({ description: 'A data processing registration with agreementConcluded = Yes covers the usage' })
  dataProcessingAgreementConcluded!: boolean;

  @ApiProperty({ type: [String], description: 'Insecure third countries named by the registrations covering the usage' })
  insecureThirdCountries!: string[];

  @ApiProperty({ nullable: true, type: String })
  technicalPrecautionsInPlace!: string | null;

  @ApiProperty({ nullable: true, type: String })
  userSupervision!: string | null;

  @ApiProperty({ nullable: true, type: String })
  riskAssessmentConducted!: string | null;

  @ApiProperty({ nullable: true, type: String })
  riskAssessmentConductedDate!: string | null;

  @ApiProperty({ nullable: true, type: String })
  riskAssessmentResult!: string | null;

  @ApiProperty({ nullable: true, type: String })
  plannedRiskAssessmentDate!: string | null;

  @ApiProperty({ nullable: true, type: String })
  dpiaConducted!: string | null;

  @ApiProperty({ nullable: true, type: String })
  dpiaDate!: string | null;

  @ApiProperty({ nullable: true, type: String })
  retentionPeriodDefined!: string | null;

  @ApiProperty({ nullable: true, type: String })
  nextDataRetentionEvaluationDate!: string | null;

  @ApiProperty({ nullable: true, type: String })
  directoryDocumentationUrl!: string | null;
}

export class DashboardUsage {
  @ApiProperty({ format: 'uuid' })
  usageUuid!: string;

  @ApiProperty({ nullable: true, type: String })
  systemName!: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The relevant day (e.g. the latest risk assessment or the overdue oversight)',
  })
  date?: string | null;
}

export class DashboardCategory {
  @ApiProperty({ type: 'integer', example: 2 })
  count!: number;

  @ApiProperty({ type: [DashboardUsage] })
  usages!: DashboardUsage[];
}

export class DashboardOversight {
  @ApiProperty({ format: 'uuid' })
  dataProcessingRegistrationUuid!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: '2025-01-01' })
  nextOversightDate!: string;
}

export class GdprDashboardResponse {
  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ example: '2026-11-29', description: 'The Danish day the dashboard was computed for' })
  today!: string;

  @ApiProperty({
    type: 'integer',
    example: 36,
    description: 'Risk assessments older than this many months count as outdated (RISK_ASSESSMENT_MAX_AGE_MONTHS)',
  })
  riskAssessmentMaxAgeMonths!: number;

  @ApiProperty({ type: 'integer', description: 'Usages of the organisation' })
  usageCount!: number;

  @ApiProperty({ type: 'integer', description: 'Usages processing personal data (any sensitivity level besides None)' })
  personalDataUsageCount!: number;

  @ApiProperty({
    type: DashboardCategory,
    description: 'Personal data but no data processing registration with agreementConcluded = Yes covering the usage',
  })
  personalDataWithoutDpa!: DashboardCategory;

  @ApiProperty({ type: DashboardCategory, description: 'Personal data and no risk assessment (riskAssessmentConducted ≠ Yes or no date)' })
  missingRiskAssessment!: DashboardCategory;

  @ApiProperty({ type: DashboardCategory, description: 'Personal data and a risk assessment older than the configured age' })
  outdatedRiskAssessment!: DashboardCategory;

  @ApiProperty({
    type: DashboardCategory,
    description: 'Sensitive (Art. 9) or criminal (Art. 10) data, or CPR numbers, and no DPIA (dpiaConducted ≠ Yes)',
  })
  sensitiveWithoutDpia!: DashboardCategory;

  @ApiProperty({ type: DashboardCategory, description: 'Personal data and retentionPeriodDefined ≠ Yes' })
  undefinedRetention!: DashboardCategory;

  @ApiProperty({ type: DashboardCategory, description: 'Usages covered by a registration whose oversight is overdue' })
  overdueOversight!: DashboardCategory;

  @ApiProperty({ type: [DashboardOversight], description: 'The registrations with overdue oversight [Tilsyn]' })
  overdueOversightRegistrations!: DashboardOversight[];

  @ApiProperty({
    type: DashboardCategory,
    description: 'Archiving flags DeletionBeforeApprovedArchiving: data due for deletion before an approved archive delivery',
  })
  deletionBeforeApprovedArchiving!: DashboardCategory;
}

/** `rpc.gdpr.compliance.article-30` asks one part at a time, a page at a time, so that exports stream. */
export const ARTICLE_30_PARTS = ['header', 'controller', 'processor'] as const;
export type Article30Part = (typeof ARTICLE_30_PARTS)[number];

export interface Article30PageRpc {
  organizationUuid: string;
  part: Article30Part;
  page?: number;
  pageSize?: number;
}

export interface Article30Header {
  generatedAt: string;
  controller: Article30Controller;
  organizationFindings: Article30Finding[];
}

export interface RecordPage<T> {
  items: T[];
  hasMore: boolean;
}

export interface OrganizationRecordRpc {
  organizationUuid: string;
  page?: number;
  pageSize?: number;
}
