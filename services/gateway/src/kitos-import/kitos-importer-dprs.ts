import { OPTION_TYPE_KINDS, Rpc, type DataProcessingRegistrationResponse } from '@kitos/contracts';
import { currentDpr, mapDpr } from './kitos-mapping-contracts';
import { importPartners } from './kitos-importer-organization';
import type { ImportRun } from './kitos-importer-run';
import type { KitosDataProcessingRegistration } from './kitos.types';

/**
 * The organisation's data processing registrations (uuids kept), with the organisations they name. A registration's
 * main contract must be one of its contracts here: one not imported yet is set after the contracts. The answer holds
 * those registrations (`setDprMainContracts`).
 */
export async function importDprs(run: ImportRun): Promise<Map<string, KitosDataProcessingRegistration>> {
  const { known, org } = run;
  const mainContractLater = new Map<string, KitosDataProcessingRegistration>();
  const list = await run.listChanged<KitosDataProcessingRegistration>('/api/v2/data-processing-registrations', { organizationUuid: org });
  await importPartners(
    run,
    list.flatMap((d) => [
      ...(d.general?.dataProcessors ?? []),
      ...(d.general?.subDataProcessors ?? []).map((s) => s.dataProcessorOrganization),
    ]),
  );
  await known.knowUsages(list.flatMap((d) => (d.systemUsages ?? []).map((u) => u.uuid)));
  await known.knowContracts(list.map((d) => d.general?.mainContract?.uuid));
  await known.knowRoles(
    'DataProcessingRegistration',
    list.some((d) => d.roles?.length),
  );
  for (const kind of OPTION_TYPE_KINDS.filter((k) => k.startsWith('data-processing-registration-')))
    await known.knowOptions(kind, [org], list.length > 0);
  await run.each('data-processing-registration', list, async (k) => {
    const here = await run.find<DataProcessingRegistrationResponse>(Rpc.gdpr.dpr.get, { uuid: k.uuid });
    const mapped = await known.mapWithOptions(() => mapDpr(k, known.context()));
    const main = k.general?.mainContract;
    const later = mapped.ok && main && !known.contracts.get(main.uuid);
    if (later) mainContractLater.set(k.uuid, k);
    const withNote: typeof mapped =
      later && mapped.ok
        ? { ...mapped, notes: [...mapped.notes, `main contract ${main.name ?? main.uuid} is set once the contracts are imported`] }
        : mapped;
    const outcome = await run.one('data-processing-registration', k.uuid, k.name, withNote, here && currentDpr(here), {
      create: (value) => run.bus.request(Rpc.gdpr.dpr.create, { uuid: k.uuid, organizationUuid: org, ...value }),
      update: (changes) => run.bus.request(Rpc.gdpr.dpr.patch, { uuid: k.uuid, changes }),
      refuse: () =>
        here && here.organizationContext.uuid !== org ? 'a registration with this uuid here belongs to another organisation' : null,
    });
    known.dprs.set(k.uuid, here !== null || outcome === 'created');
  });
  return mainContractLater;
}
