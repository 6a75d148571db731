import type { RegistrationScope } from '@kitos/contracts';

/** The state of an IT system in the shared catalogue. */
export interface ItSystem extends Record<string, unknown> {
  organizationUuid: string;
  name: string;
  nameKey: string;
  formerName: string | null;
  description: string | null;
  scope: RegistrationScope;
  deactivated: boolean;
  createdAt: Date;
  createdByUserUuid: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

export function nameKeyOf(name: string): string {
  return name.trim().toLocaleLowerCase('da');
}
