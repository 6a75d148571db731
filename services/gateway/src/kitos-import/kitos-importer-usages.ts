import { Rpc, type ItSystemUsageResponse, type OutgoingSystemRelationResponse, type RoleTypeResponse } from '@kitos/contracts';
import { currentRelation, currentUsage, mapRelation, mapUsage, type Mapped, type UsageWrite } from './kitos-mapping';
import type { ImportRun } from './kitos-importer-run';
import type { KitosItSystemUsage } from './kitos.types';

/** The organisation's system usages and (after the contracts) their outgoing relations. */

export interface UsagesRead {
  /** The usages read from KITOS (with `--since` those that changed): their sections follow, their relations come last. */
  readonly read: KitosItSystemUsage[];
  /** Usages whose main contract is set after the contracts (`setUsageMainContracts`). */
  readonly mainContractLater: Map<string, KitosItSystemUsage>;
}

export const usageName = (k: KitosItSystemUsage): string => k.general?.localCallName ?? k.systemContext.name ?? k.uuid;

/** The usages; after them the systems that were written active only for them are deactivated. */
export async function importUsages(run: ImportRun, deactivateAfterUsages: ReadonlySet<string>): Promise<UsagesRead> {
  const { known } = run;
  const mainContractLater = new Map<string, KitosItSystemUsage>();
  const list = await run.listChanged<KitosItSystemUsage>('/api/v2/it-system-usages', { organizationUuid: run.org });
  await known.knowSystems(list.map((u) => u.systemContext.uuid));
  await known.knowKle(list.flatMap((u) => [...(u.localKleDeviations?.addedKLE ?? []), ...(u.localKleDeviations?.removedKLE ?? [])]));
  await known.knowContracts(list.map((u) => u.general?.mainContract?.uuid));
  await known.knowOptions(
    'it-system-usage-data-classification-types',
    [run.org],
    list.some((u) => u.general?.dataClassification),
  );
  if (list.some((u) => u.roles?.length))
    known.usageRoles = await run.bus.request<RoleTypeResponse[]>(Rpc.identity.listRoleTypes, { objectType: 'ItSystemUsage' });
  const context = known.context();
  await run.each(
    'it-system-usage',
    list,
    async (k) => {
      const here = await run.find<ItSystemUsageResponse>(Rpc.catalog.usages.get, { uuid: k.uuid });
      if (here) known.usagesHere.add(k.uuid);
      const mapped = mainContractAfterContracts(run, k, mapUsage(k, context), here, mainContractLater);
      const outcome = await run.one('it-system-usage', k.uuid, usageName(k), mapped, here && currentUsage(here), {
        create: (value) => run.bus.request(Rpc.catalog.usages.create, { uuid: k.uuid, ...value }),
        update: (changes) => run.bus.request(Rpc.catalog.usages.patch, { uuid: k.uuid, changes }),
        refuse: (desired, cur) =>
          desired.organizationUuid !== cur.organizationUuid || desired.systemUuid !== cur.systemUuid
            ? 'a usage with this uuid here belongs to another organisation or system'
            : null,
      });
      known.usages.set(k.uuid, here !== null || outcome === 'created');
    },
    async () => {
      for (const uuid of deactivateAfterUsages) await run.bus.request(Rpc.catalog.patchItSystem, { uuid, changes: { deactivated: true } });
    },
  );
  return { read: list, mainContractLater };
}

/**
 * A usage's main contract must be a contract here that covers the usage: one not imported yet, or not covering it
 * here yet, is left as it is here (none for a new usage) and set after the contracts (`setUsageMainContracts`).
 */
function mainContractAfterContracts(
  run: ImportRun,
  k: KitosItSystemUsage,
  mapped: Mapped<UsageWrite>,
  here: ItSystemUsageResponse | null,
  later: Map<string, KitosItSystemUsage>,
): Mapped<UsageWrite> {
  const { known } = run;
  const main = k.general?.mainContract;
  if (!mapped.ok || !main) return mapped;
  const covers =
    known.contracts.get(main.uuid) === true && !!known.contractsHere.get(main.uuid)?.systemUsages.some((u) => u.uuid === k.uuid);
  if (covers) return mapped;
  later.set(k.uuid, k);
  return {
    ok: true,
    value: { ...mapped.value, general: { ...mapped.value.general, mainContractUuid: here?.general.mainContract?.uuid ?? null } },
    notes: [
      ...mapped.notes,
      `main contract ${main.name ?? main.uuid} is set after the contracts, when it is imported and covers the usage`,
    ],
  };
}

/** The outgoing relations of the usages read (so with --since, those of the usages that changed). */
export async function importRelations(run: ImportRun, usages: KitosItSystemUsage[]): Promise<void> {
  const { known } = run;
  const relations = usages.flatMap((u) => (u.outgoingSystemRelations ?? []).map((r) => ({ from: u, relation: r })));
  await known.knowUsages(relations.map((r) => r.relation.toSystemUsage.uuid));
  await known.knowInterfaces(relations.map((r) => r.relation.relationInterface?.uuid));
  await known.knowContracts(relations.map((r) => r.relation.associatedContract?.uuid));
  await known.knowOptions(
    'it-system-usage-relation-frequency-types',
    [run.org],
    relations.some((r) => r.relation.relationFrequency),
  );
  const context = known.context();
  await run.each('system-relation', relations, async ({ from, relation: k }) => {
    const name = `${from.systemContext.name ?? from.uuid} → ${k.toSystemUsage.name ?? k.toSystemUsage.uuid}`;
    if (known.usages.get(from.uuid) !== true) {
      run.skip('system-relation', k.uuid, name, 'the usage it goes out from is not imported');
      return;
    }
    const ids = { usageUuid: from.uuid, relationUuid: k.uuid };
    const here = known.usagesHere.has(from.uuid) ? await run.find<OutgoingSystemRelationResponse>(Rpc.catalog.relations.get, ids) : null;
    await run.one('system-relation', k.uuid, name, mapRelation(k, context), here && currentRelation(here), {
      // the catalogue knows contracts from their events: one created a moment ago may not be there yet
      create: (relation) =>
        run.catchingUp(/^associatedContract/, () =>
          run.bus.request(Rpc.catalog.relations.create, { usageUuid: from.uuid, uuid: k.uuid, relation }),
        ),
      update: (changes) => run.catchingUp(/^associatedContract/, () => run.bus.request(Rpc.catalog.relations.patch, { ...ids, changes })),
    });
  });
}
