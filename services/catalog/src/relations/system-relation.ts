/** The state of one system relation: from a usage to another usage of the same organisation. */
export interface SystemRelation extends Record<string, unknown> {
  organizationUuid: string;
  fromSystemUsageUuid: string;
  toSystemUsageUuid: string;
  relationInterfaceUuid: string | null;
  associatedContractUuid: string | null;
  relationFrequencyUuid: string | null;
  description: string | null;
  urlReference: string | null;
  createdAt: Date;
  createdByUserUuid: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

/** The fields a user writes (POST/PUT/PATCH); the rest is bookkeeping. */
export const RELATION_FIELDS = [
  'toSystemUsageUuid',
  'relationInterfaceUuid',
  'associatedContractUuid',
  'relationFrequencyUuid',
  'description',
  'urlReference',
] as const;
export type RelationField = (typeof RELATION_FIELDS)[number];
export type RelationContent = Pick<SystemRelation, RelationField>;
