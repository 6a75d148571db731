import type { OptionTypeKind } from '@kitos/contracts';

/** A global value of an option type (KITOS `OptionEntity`), maintained by global administrators. */
export interface OptionValue extends Record<string, unknown> {
  kind: OptionTypeKind;
  name: string;
  /** Normalised name: unique within the kind, case-insensitively. */
  nameKey: string;
  description: string | null;
  isObligatory: boolean;
  isEnabled: boolean;
  priority: number;
  createdAt: Date;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

/** One organisation's setting of one value (KITOS `LocalOptionEntity`), maintained by its local administrators. */
export interface LocalOptionSetting extends Record<string, unknown> {
  organizationUuid: string;
  kind: OptionTypeKind;
  optionUuid: string;
  isActive: boolean;
  /** Overrides the global description in this organisation. */
  description: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

export function optionNameKey(name: string): string {
  return name.trim().toLocaleLowerCase('da');
}
