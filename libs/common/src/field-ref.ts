/** A uuid from a request, with the request field to blame when it is unknown or not allowed. */
export interface FieldRef {
  /** The request field, e.g. `general.responsibleOrganizationUnitUuid` or `roles[2].userUuid`. */
  field: string;
  uuid: string;
}

/** The uuids of a list field as references: `field[0]`, `field[1]`, … */
export function fieldRefs(field: string, uuids: readonly string[]): FieldRef[] {
  return uuids.map((uuid, i) => ({ field: `${field}[${i}]`, uuid }));
}
