/** One entry of the KLE classification as the catalogue keeps it. */
export interface KleEntry {
  uuid: string;
  kleNumber: string;
  description: string;
  guidance: string | null;
  parentUuid: string | null;
  validFrom: string | null;
  /** The date the entry left KLE [udgået]; removed entries are kept, registrations refer to them. */
  removed: string | null;
  lastModified: Date;
}

/** The whole KLE classification: one aggregate, changed only by imports. */
export interface KleState extends Record<string, unknown> {
  publishedDate: string | null;
  importedAt: Date;
  entries: KleEntry[];
}

/** `YYYY-MM-DD` of an instant (UTC). */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Whether the entry has left KLE on `today`; a removal date still ahead leaves it in force until then. */
export function isRemovedOn(entry: Pick<KleEntry, 'removed'>, today: string): boolean {
  return entry.removed !== null && entry.removed <= today;
}
