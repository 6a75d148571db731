import { Rpc, type GlobalOptionTypeResponse, type LocalOptionTypeResponse, type OptionTypeKind } from '@kitos/contracts';
import { text } from './kitos-mapping';
import { byUuidOrName } from './kitos-importer-lookups';
import type { ImportRun } from './kitos-importer-run';
import type { KitosPair } from './kitos.types';

/**
 * KITOS's public option type reads (`GET /api/v2/{kind}?organizationUuid=`) answer each value's description as the
 * organisation sees it (its local description, else the global one). For the kinds the objects imported use, a value
 * available here whose description in the organisation differs is given KITOS's as the organisation's own
 * description (none when KITOS's is the global description here). Only differences are reported.
 */
export async function importOptionDescriptions(run: ImportRun): Promise<void> {
  const { known, org } = run;
  const kinds = [...known.options.keys()].filter((key) => key.endsWith(`|${org}`)).map((key) => key.split('|')[0] as OptionTypeKind);
  for (const kind of kinds) {
    run.checkAbort();
    const values = await run.kitos.list<KitosPair & { description?: string | null }>(`/api/v2/${kind}`, { organizationUuid: org });
    const here = known.options.get(`${kind}|${org}`) ?? [];
    let global: GlobalOptionTypeResponse[] | null = null;
    for (const k of values) {
      const o = byUuidOrName(here, k);
      const desired = text(k.description);
      if (!o || desired === text(o.description)) continue;
      global ??= await run.bus.request<GlobalOptionTypeResponse[]>(Rpc.catalog.options.listGlobal, { kind });
      const local = desired === text(global.find((g) => g.uuid === o.uuid)?.description) ? null : desired;
      await run.attempt('local-option', o.uuid, `${o.name} (${kind})`, 'updated', ['description'], {}, () =>
        run.bus.request<LocalOptionTypeResponse>(Rpc.catalog.options.patchLocal, {
          kind,
          organizationUuid: org,
          uuid: o.uuid,
          changes: { description: local },
        }),
      );
    }
  }
}
