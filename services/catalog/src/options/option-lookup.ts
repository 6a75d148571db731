import { Injectable } from '@nestjs/common';
import { DomainError, isUuid, type FieldError } from '@kitos/common';
import type { Stored } from '@kitos/persistence';
import { OptionCatalog, type FieldRef, type NamedRef, type OptionKind } from '../shared/ports';
import { isAvailable } from './availability';
import { LocalOptionsRepository } from './local-options.repository';
import { localOptionUuid } from './option-ids';
import { OptionsRepository } from './options.repository';
import type { LocalOptionSetting, OptionValue } from './option';

/** The catalogue's port to option types: reads the database only, so any part may depend on it. */
@Injectable()
export class OptionLookup extends OptionCatalog {
  constructor(
    private readonly options: OptionsRepository,
    private readonly settings: LocalOptionsRepository,
  ) {
    super();
  }

  async requireAvailable(kind: OptionKind, organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    const found = await this.valuesOf(
      kind,
      refs.map((r) => r.uuid),
    );
    const settings = await this.settingsIn(organizationUuid.toLowerCase(), [...found.values()]);
    const errors: FieldError[] = [];
    const result: NamedRef[] = [];
    for (const ref of refs) {
      const option = isUuid(ref.uuid) ? found.get(ref.uuid.toLowerCase()) : undefined;
      if (!option) {
        errors.push({ field: ref.field, message: `${ref.uuid} is not a known value of ${kind}` });
      } else if (!isAvailable(option, settings.get(option.uuid) ?? null)) {
        errors.push({ field: ref.field, message: `"${option.name}" (${option.uuid}) is not available in the organisation` });
      } else {
        result.push({ uuid: option.uuid, name: option.name });
      }
    }
    if (errors.length) throw DomainError.badInput(`Values of ${kind} that are unknown or not available in the organisation`, errors);
    return result;
  }

  async namesOf(kind: OptionKind, uuids: readonly string[]): Promise<Map<string, string>> {
    const found = await this.valuesOf(kind, uuids);
    return new Map([...found.values()].map((o) => [o.uuid, o.name]));
  }

  /** The values of this kind among the given uuids, by lower-case uuid (malformed ones and other kinds are left out). */
  private async valuesOf(kind: OptionKind, uuids: readonly string[]): Promise<Map<string, Stored<OptionValue>>> {
    const wanted = uuids.filter(isUuid).map((u) => u.toLowerCase());
    const values = await this.options.findMany(wanted);
    return new Map(values.filter((o) => o.kind === kind).map((o) => [o.uuid, o]));
  }

  /** The organisation's settings of the values whose availability depends on one (enabled, not obligatory). */
  private async settingsIn(organizationUuid: string, values: readonly Stored<OptionValue>[]): Promise<Map<string, LocalOptionSetting>> {
    const relevant = values.filter((o) => o.isEnabled && !o.isObligatory);
    const settings = await this.settings.findMany(relevant.map((o) => localOptionUuid(organizationUuid, o.uuid)));
    return new Map(settings.filter((s) => s.organizationUuid === organizationUuid).map((s) => [s.optionUuid, s]));
  }
}
