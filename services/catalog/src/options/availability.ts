/**
 * The availability rule of KITOS (`OptionsService`): a value may be used in an organisation when it is enabled and
 * either obligatory or activated there. Disabled values stay readable (old registrations keep their names).
 */
export interface GlobalFlags {
  readonly isEnabled: boolean;
  readonly isObligatory: boolean;
  readonly description: string | null;
}

export interface LocalFlags {
  readonly isActive: boolean;
  readonly description: string | null;
}

export function isAvailable(option: GlobalFlags, setting: LocalFlags | null): boolean {
  return option.isEnabled && (option.isObligatory || (setting?.isActive ?? false));
}

/** The description an organisation sees: its own override when it set one, otherwise the global one. */
export function descriptionIn(option: GlobalFlags, setting: LocalFlags | null): string | null {
  return setting?.description ?? option.description;
}
