import { Rpc, type ItInterfaceResponse, type ItSystemResponse } from '@kitos/contracts';
import { currentItInterface, currentItSystem, mapItInterface, mapItSystem, parentsFirst } from './kitos-mapping';
import type { ImportRun } from './kitos-importer-run';
import type { KitosItInterface, KitosItSystem } from './kitos.types';

/**
 * The catalogue entries the organisation uses: IT systems (parents first) and interfaces. They keep their KITOS
 * uuids and are shared: only the import of the owning organisation here changes one.
 */

/**
 * The IT systems used in the organisation. A system deactivated in KITOS is written active, so that usages of it can
 * be created in this run: the answer holds the systems to deactivate after the usages.
 */
export async function importItSystems(run: ImportRun): Promise<{ deactivateAfterUsages: Set<string> }> {
  const { known } = run;
  const deactivateAfterUsages = new Set<string>();
  const list = await run.listChanged<KitosItSystem>('/api/v2/it-systems', { usedInOrganizationUuid: run.org, includeDeactivated: true });
  await known.knowOrganizations(list.flatMap((s) => [s.organizationContext?.uuid, s.rightsHolder?.uuid]));
  await known.knowSystems(list.map((s) => s.parentSystem?.uuid));
  await known.knowKle(list.flatMap((s) => s.kle ?? []));
  const existing = new Map<string, ItSystemResponse | null>();
  for (const s of list) {
    const here = await run.find<ItSystemResponse>(Rpc.catalog.getItSystem, { uuid: s.uuid });
    existing.set(s.uuid, here);
    if (here) known.knowSystemKle(s.uuid, here);
  }
  // a system is known to what follows (children, interfaces, usages) when it is here or is imported in this run
  for (const s of list) known.systems.set(s.uuid, existing.get(s.uuid) !== null);
  await known.knowOptions(
    'business-types',
    [...new Set(list.map((s) => known.ownerHere(s)))],
    list.some((s) => s.businessType),
  );
  const context = known.context();
  const ordered = parentsFirst(
    list,
    (s) => s.uuid,
    (s) => s.parentSystem?.uuid,
  );
  await run.each('it-system', ordered, async (k) => {
    const here = existing.get(k.uuid) ?? null;
    const mapped = mapItSystem(k, context);
    const outcome = await run.one('it-system', k.uuid, k.name, mapped, here && currentItSystem(here), {
      create: async (value) => {
        await run.bus.request(Rpc.catalog.createItSystem, { uuid: k.uuid, ...value, deactivated: false });
        if (value.deactivated) deactivateAfterUsages.add(k.uuid);
      },
      update: async ({ deactivated, ...changes }) => {
        // deactivated last, so that usages of it can still be created in this run
        if (Object.keys(changes).length) await run.bus.request(Rpc.catalog.patchItSystem, { uuid: k.uuid, changes });
        if (deactivated === true) deactivateAfterUsages.add(k.uuid);
        else if (deactivated === false) await run.bus.request(Rpc.catalog.patchItSystem, { uuid: k.uuid, changes: { deactivated } });
      },
      refuse: (_, cur) => known.sharedEntry(cur.organizationUuid),
      compare: (desired, cur) => ({ ...desired, organizationUuid: cur.organizationUuid }),
    });
    if (outcome === 'created') known.systems.set(k.uuid, true);
    // the usages' removed KLE must be on the system: as it is (or, in a dry run, would be) after this write
    if (mapped.ok && (outcome === 'created' || outcome === 'updated')) known.systemKle.set(k.uuid, mapped.value.kleUuids);
  });
  return { deactivateAfterUsages };
}

/** The interfaces used in the organisation, with their data rows. */
export async function importItInterfaces(run: ImportRun): Promise<void> {
  const { known } = run;
  const list = await run.listChanged<KitosItInterface>('/api/v2/it-interfaces', {
    usedInOrganizationUuid: run.org,
    includeDeactivated: true,
  });
  await known.knowOrganizations(list.map((i) => i.organizationContext?.uuid));
  await known.knowSystems(list.map((i) => i.exposedBySystem?.uuid));
  const owners = [...new Set(list.map((i) => known.ownerHere(i)))];
  await known.knowOptions(
    'it-interface-interface-types',
    owners,
    list.some((i) => i.itInterfaceType),
  );
  await known.knowOptions(
    'it-interface-interface-data-types',
    owners,
    list.some((i) => i.data?.some((r) => r.dataType)),
  );
  const context = known.context();
  await run.each('it-interface', list, async (k) => {
    const here = await run.find<ItInterfaceResponse>(Rpc.catalog.interfaces.get, { uuid: k.uuid });
    const outcome = await run.one('it-interface', k.uuid, k.name, mapItInterface(k, context), here && currentItInterface(here), {
      create: (value) => run.bus.request(Rpc.catalog.interfaces.create, { uuid: k.uuid, ...value }),
      update: ({ data, ...changes }) => {
        // the rows replace all rows here; a row equal to one here keeps that row's uuid
        const unused = [...(here?.data ?? [])];
        const rows = data?.map((row) => {
          const same = unused.findIndex((r) => r.description === row.description && (r.dataType?.uuid ?? null) === row.dataTypeUuid);
          return same < 0 ? row : { uuid: unused.splice(same, 1)[0].uuid, ...row };
        });
        return run.bus.request(Rpc.catalog.interfaces.patch, { uuid: k.uuid, changes: { ...changes, ...(rows ? { data: rows } : {}) } });
      },
      refuse: (_, cur) => known.sharedEntry(cur.organizationUuid),
      compare: (desired, cur) => ({ ...desired, organizationUuid: cur.organizationUuid }),
    });
    known.interfaces.set(k.uuid, here !== null || outcome === 'created');
  });
}
