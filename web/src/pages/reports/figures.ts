/**
 * Pure mappings from the benchmark answers to what the report pages draw and list: suppressed figures stay null (never
 * 0), the organisation's own rows are marked, and contract end dates become points on a timeline.
 */

/** A figure that the API may have suppressed (fewer organisations than the threshold). */
export interface MaybeSuppressed {
  suppressed: boolean;
}

/** The value to draw: null when the group is suppressed, so that the chart leaves a gap instead of drawing 0. */
export function drawnValue(aggregate: MaybeSuppressed, value: number | null | undefined): number | null {
  if (aggregate.suppressed) return null;
  return value ?? null;
}

export interface BarCategory {
  label: string;
  /** The organisation's own row (drawn in another colour and named with an extra word, not by colour alone). */
  own: boolean;
  /** The group is suppressed: no bar, and the label says so. */
  suppressed: boolean;
}

/** Category labels for a bar chart: the own rows and suppressed rows say so in words. */
export function categoryLabel(category: BarCategory, words: { own: string; suppressed: string }): string {
  return [category.label, category.own ? `(${words.own})` : '', category.suppressed ? `(${words.suppressed})` : '']
    .filter(Boolean)
    .join(' ');
}

/** The rows a per-system chart shows: every system with figures, and the organisation's own systems even when suppressed. */
export function rowsToShow<T extends { system: { uuid: string; name?: string | null } }>(
  rows: readonly T[],
  isShown: (row: T) => boolean,
  ownSystems: ReadonlySet<string>,
  limit: number,
): T[] {
  const picked = rows.filter((row) => isShown(row) || ownSystems.has(row.system.uuid));
  return picked.slice(0, limit);
}

export interface TimelineInput {
  system: { uuid: string; name?: string | null };
  organization: { uuid: string; name?: string | null };
  contract: { uuid: string; name?: string | null };
  validTo: string | null;
  noticeDeadline: string | null;
}

export interface TimelinePoint {
  /** [day (YYYY-MM-DD), index of the system on the category axis] */
  value: [string, number];
  own: boolean;
  organization: string;
  contract: string;
}

export interface Timeline {
  /** System names, one per line of the timeline, in the order of their first end date. */
  systems: string[];
  own: TimelinePoint[];
  others: TimelinePoint[];
  /** Contracts without an end date (open-ended): not on the timeline, counted. */
  openEnded: number;
}

/** Contract end dates as points on a timeline: one line per system, the own organisation's contracts apart. */
export function timelineOf(rows: readonly TimelineInput[], ownOrganization: string): Timeline {
  const systemIndex = new Map<string, number>();
  const systems: string[] = [];
  const timeline: Timeline = { systems, own: [], others: [], openEnded: 0 };
  const dated = rows.filter((row) => {
    if (row.validTo) return true;
    timeline.openEnded++;
    return false;
  });
  dated.sort((a, b) => a.validTo!.localeCompare(b.validTo!));
  for (const row of dated) {
    let index = systemIndex.get(row.system.uuid);
    if (index === undefined) {
      index = systems.length;
      systemIndex.set(row.system.uuid, index);
      systems.push(row.system.name ?? row.system.uuid);
    }
    const own = row.organization.uuid === ownOrganization;
    (own ? timeline.own : timeline.others).push({
      value: [row.validTo!, index],
      own,
      organization: row.organization.name ?? row.organization.uuid,
      contract: row.contract.name ?? row.contract.uuid,
    });
  }
  return timeline;
}

/** A day `years` years after `day` (YYYY-MM-DD), for the default windows. */
export function yearsAfter(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`.replace(/-02-29$/, '-02-28');
}
