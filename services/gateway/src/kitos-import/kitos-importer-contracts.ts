import { OPTION_TYPE_KINDS, Rpc } from '@kitos/contracts';
import { mapUsage, parentsFirst } from './kitos-mapping';
import { currentContract, mapContract, mapDpr } from './kitos-mapping-contracts';
import { importPartners } from './kitos-importer-organization';
import type { ImportRun } from './kitos-importer-run';
import { usageName } from './kitos-importer-usages';
import type { KitosDataProcessingRegistration, KitosItContract, KitosItSystemUsage } from './kitos.types';

/** The usages and registrations imported before their main contract was (or covered them): set after the contracts. */
export interface MainContractsLater {
  readonly usages: ReadonlyMap<string, KitosItSystemUsage>;
  readonly dprs: ReadonlyMap<string, KitosDataProcessingRegistration>;
}

/**
 * The organisation's IT contracts (uuids kept; parents first), with their suppliers; then the main contracts of the
 * registrations and usages that had to wait for them.
 */
export async function importContracts(run: ImportRun, later: MainContractsLater): Promise<void> {
  const { known, org } = run;
  const list = await run.listChanged<KitosItContract>('/api/v2/it-contracts', { organizationUuid: org });
  await importPartners(
    run,
    list.map((c) => c.supplier?.organization),
  );
  await known.knowUsages(list.flatMap((c) => (c.systemUsages ?? []).map((u) => u.uuid)));
  await known.knowDprs(list.flatMap((c) => (c.dataProcessingRegistrations ?? []).map((d) => d.uuid)));
  await known.knowContracts(list.flatMap((c) => [c.uuid, c.parentContract?.uuid]));
  await known.knowRoles(
    'ItContract',
    list.some((c) => c.roles?.length),
  );
  for (const kind of OPTION_TYPE_KINDS.filter((k) => k.startsWith('it-contract-'))) await known.knowOptions(kind, [org], list.length > 0);
  const ordered = parentsFirst(
    list,
    (c) => c.uuid,
    (c) => c.parentContract?.uuid,
  );
  await run.each(
    'it-contract',
    ordered,
    async (k) => {
      const here = known.contractsHere.get(k.uuid) ?? null;
      const mapped = await known.mapWithOptions(() => mapContract(k, known.context()));
      const outcome = await run.one('it-contract', k.uuid, k.name, mapped, here && currentContract(here), {
        // the contracts service knows registrations from gdpr's events: one created a moment ago may not be there yet
        create: (value) =>
          run.catchingUp(/^dataProcessingRegistrationUuids/, () =>
            run.bus.request(Rpc.contracts.itContracts.create, { uuid: k.uuid, organizationUuid: org, ...value }),
          ),
        update: (changes) =>
          run.catchingUp(/^dataProcessingRegistrationUuids/, () =>
            run.bus.request(Rpc.contracts.itContracts.patch, { uuid: k.uuid, changes }),
          ),
        refuse: () =>
          here && here.organizationContext.uuid !== org ? 'a contract with this uuid here belongs to another organisation' : null,
      });
      known.contracts.set(k.uuid, here !== null || outcome === 'created');
    },
    async () => {
      await setDprMainContracts(run, later.dprs);
      await setUsageMainContracts(run, later.usages);
    },
  );
}

/**
 * Sets an object's main contract after the contracts (only when applying). The service that owns it knows a contract's
 * usages and registrations from the contracts' events: the write waits for them to arrive there. A refusal is reported
 * as a second, failed entry of the object.
 */
function setMainContract(
  run: ImportRun,
  type: 'it-system-usage' | 'data-processing-registration',
  uuid: string,
  name: string,
  patch: () => Promise<unknown>,
): Promise<void> {
  return run.followUp(type, uuid, name, ['general'], 'its main contract could not be set', () =>
    run.catchingUp(/^general\.mainContractUuid/, patch),
  );
}

/** The main contracts of registrations created before their contracts. */
async function setDprMainContracts(run: ImportRun, dprs: ReadonlyMap<string, KitosDataProcessingRegistration>): Promise<void> {
  const { known } = run;
  for (const [uuid, k] of dprs) {
    const main = k.general?.mainContract?.uuid;
    if (!main || !known.contracts.get(main) || !known.dprs.get(uuid) || !run.apply) continue;
    const mapped = mapDpr(k, known.context());
    if (!mapped.ok) continue;
    await setMainContract(run, 'data-processing-registration', uuid, k.name, () =>
      run.bus.request(Rpc.gdpr.dpr.patch, { uuid, changes: { general: mapped.value.general } }),
    );
  }
}

/** The main contracts of usages imported before their contracts (or before a contract covered them). */
async function setUsageMainContracts(run: ImportRun, usages: ReadonlyMap<string, KitosItSystemUsage>): Promise<void> {
  const { known } = run;
  for (const [uuid, k] of usages) {
    const main = k.general?.mainContract;
    if (!main || !known.usages.get(uuid) || !run.apply || !known.contracts.get(main.uuid)) continue;
    const mapped = mapUsage(k, known.context());
    if (!mapped.ok) continue;
    await setMainContract(run, 'it-system-usage', uuid, usageName(k), () =>
      run.bus.request(Rpc.catalog.usages.patch, { uuid, changes: { general: mapped.value.general } }),
    );
  }
}
