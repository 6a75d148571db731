import { Rpc, type UsageArchiveResponse, type UsageGdprResponse } from '@kitos/contracts';
import {
  currentUsageArchive,
  currentUsageGdpr,
  mapUsageArchive,
  mapUsageGdpr,
  type UsageArchiveWrite,
  type UsageGdprWrite,
} from './kitos-mapping-usage-sections';
import { importPartners } from './kitos-importer-organization';
import type { ImportRun } from './kitos-importer-run';
import { usageName } from './kitos-importer-usages';
import type { KitosItSystemUsage } from './kitos.types';

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The GDPR profile (gdpr) and archiving with journal periods (archiving) of the usages read, when KITOS sends them.
 * A usage created in this run has neither here yet: its sections count as created.
 */
export async function importUsageSections(run: ImportRun, list: KitosItSystemUsage[]): Promise<void> {
  const { known } = run;
  const imported = list.filter((u) => known.usages.get(u.uuid) === true);
  await importPartners(
    run,
    imported.map((u) => u.archiving?.supplierOrganization),
  );
  const kinds = [
    ['it-system-usage-sensitive-personal-data-types', imported.some((u) => u.gdpr?.sensitivePersonData?.length)],
    ['it-system-usage-registered-data-category-types', imported.some((u) => u.gdpr?.registeredDataCategories?.length)],
    ['it-system-usage-archive-types', imported.some((u) => u.archiving?.type)],
    ['it-system-usage-archive-location-types', imported.some((u) => u.archiving?.location)],
    ['it-system-usage-archive-test-location-types', imported.some((u) => u.archiving?.testLocation)],
  ] as const;
  for (const [kind, needed] of kinds) await known.knowOptions(kind, [run.org], needed);
  const withSections = imported.filter((u) => u.gdpr || u.archiving);
  await run.each('usage-gdpr', withSections, async (k) => {
    const name = usageName(k);
    const fresh = !known.usagesHere.has(k.uuid);
    if (k.gdpr) await importUsageGdpr(run, k, name, fresh);
    if (k.archiving) await importUsageArchiving(run, k, name, fresh);
  });
}

async function importUsageGdpr(run: ImportRun, k: KitosItSystemUsage, name: string, fresh: boolean): Promise<void> {
  const here = fresh ? null : await run.find<UsageGdprResponse>(Rpc.gdpr.compliance.usageGdpr.get, { uuid: k.uuid });
  const mapped = await run.known.mapWithOptions(() => mapUsageGdpr(k, run.known.context()));
  // gdpr learns of a usage from the catalogue's events: one created a moment ago may not be there yet
  const patch = (changes: Partial<UsageGdprWrite>) =>
    run.catchingUp('not-found', () => run.bus.request(Rpc.gdpr.compliance.usageGdpr.patch, { uuid: k.uuid, changes }));
  await run.one('usage-gdpr', k.uuid, name, mapped, here && currentUsageGdpr(here), { create: patch, update: patch });
}

async function importUsageArchiving(run: ImportRun, k: KitosItSystemUsage, name: string, fresh: boolean): Promise<void> {
  const here = fresh ? null : await run.find<UsageArchiveResponse>(Rpc.archiving.usageArchive.get, { uuid: k.uuid });
  const mapped = await run.known.mapWithOptions(() => mapUsageArchive(k, run.known.context()));
  // archiving learns of a usage from the catalogue's events, like gdpr
  const write = async ({ journalPeriods, ...changes }: Partial<UsageArchiveWrite>) => {
    if (Object.keys(changes).length)
      await run.catchingUp('not-found', () => run.bus.request(Rpc.archiving.usageArchive.patch, { uuid: k.uuid, changes }));
    for (const period of journalPeriods ?? []) {
      const existing = here?.journalPeriods.find((p) => p.archiveId === period.archiveId);
      if (existing && sameJson(currentUsageArchive({ ...here!, journalPeriods: [existing] }).journalPeriods[0], period)) continue;
      await run.catchingUp('not-found', () =>
        existing
          ? run.bus.request(Rpc.archiving.usageArchive.journalPeriods.put, { usageUuid: k.uuid, periodUuid: existing.uuid, period })
          : run.bus.request(Rpc.archiving.usageArchive.journalPeriods.create, { usageUuid: k.uuid, period }),
      );
    }
  };
  await run.one('usage-archiving', k.uuid, name, mapped, here && currentUsageArchive(here), {
    create: write,
    update: write,
    // journal periods here that KITOS does not have are kept: only missing or different ones count
    compare: (desired, cur) => ({
      ...desired,
      journalPeriods: desired.journalPeriods.every((p) => cur.journalPeriods.some((c) => sameJson(c, p)))
        ? cur.journalPeriods
        : desired.journalPeriods,
    }),
  });
}
