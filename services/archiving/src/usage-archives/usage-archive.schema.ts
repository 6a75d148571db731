import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const USAGE_ARCHIVE_MODEL = 'UsageArchive';

const optionalString = { type: String, default: null };
const optionalBoolean = { type: Boolean, default: null };
const optionalMixed = { type: Schema.Types.Mixed, default: null };

export const usageArchiveSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    systemUuid: { type: String, required: true },
    archiveDuty: optionalString,
    archiveTypeUuid: optionalString,
    locationUuid: optionalString,
    testLocationUuid: optionalString,
    supplierOrganizationUuid: optionalString,
    active: optionalBoolean,
    notes: optionalString,
    frequencyInMonths: { type: Number, default: null },
    documentBearing: optionalBoolean,
    legalBasis: optionalMixed,
    receivingArchive: optionalMixed,
    kleBasedDocumentDisposalAllowed: optionalBoolean,
    kleBasedDocumentDisposalDecisionDate: optionalString,
    notification: optionalMixed,
    journalPeriods: { type: [Schema.Types.Mixed], default: [] },
    recommendedArchiveDuty: optionalString,
    deletionDueDate: optionalString,
    latestApprovedPeriodEnd: optionalString,
    nextDeliveryDue: optionalString,
    findings: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: optionalString,
  },
  'usage_archives',
);
usageArchiveSchema.index({ deleted: 1, organizationUuid: 1 });
