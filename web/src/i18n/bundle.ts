/** A Danish text tree and its English twin: the English one must have every key of the Danish one (checked by tsc). */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export interface Bundle {
  da: Record<string, unknown>;
  en: Record<string, unknown>;
}

export function defineBundle<T extends Record<string, unknown>>(bundle: { da: T; en: Shape<T> }): Bundle {
  return bundle;
}
