import { Schema } from 'mongoose';

export const KNOWN_CONTRACT_MODEL = 'KnownContract';

/** The catalogue's copy of the contracts service's IT contracts: what a relation may refer to. */
export const knownContractSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    /** Aggregate version of the last event applied: older and repeated events are ignored. */
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'known_contracts', versionKey: false, minimize: false, id: false },
);
