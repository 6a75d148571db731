import { Schema } from 'mongoose';

export const KNOWN_CONTRACT_MODEL = 'KnownContract';

/** The catalogue's copy of the contracts service's IT contracts: what a relation or a usage's main contract may refer to. */
export const knownContractSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    /** The usages the contract covers: a usage's main contract must be one of the contracts covering it. */
    systemUsageUuids: { type: [String], default: [] },
    supplierUuid: { type: String, default: null },
    valid: { type: Boolean, default: null },
    validFrom: { type: String, default: null },
    validTo: { type: String, default: null },
    enforcedValid: { type: Boolean, default: false },
    /** Aggregate version of the last event applied: older and repeated events are ignored. */
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'known_contracts', versionKey: false, minimize: false, id: false },
);
knownContractSchema.index({ systemUsageUuids: 1 });
