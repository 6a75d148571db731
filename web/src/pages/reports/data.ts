import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';

/** The benchmarks answer at most this many rows a page. */
export const PAGE_SIZE = 250;

/** Every page of a paged benchmark table, one after the other. */
export async function allPages<T>(fetchPage: (page: number) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 0; ; page++) {
    const items = await fetchPage(page);
    rows.push(...items);
    if (items.length < PAGE_SIZE) return rows;
  }
}

/** Which municipalities use which systems (the whole table, shared by the pages through the query cache). */
export function useItSystemBenchmark() {
  return useQuery({
    queryKey: ['benchmarks', 'it-systems'],
    queryFn: () =>
      allPages((page) => unwrap(api.GET('/api/v2/benchmarks/it-systems', { params: { query: { page, pageSize: PAGE_SIZE } } }))),
    staleTime: 60_000,
  });
}

/** Suppliers and the municipalities using their systems (the whole table). */
export function useSupplierBenchmark() {
  return useQuery({
    queryKey: ['benchmarks', 'suppliers'],
    queryFn: () =>
      allPages((page) => unwrap(api.GET('/api/v2/benchmarks/suppliers', { params: { query: { page, pageSize: PAGE_SIZE } } }))),
    staleTime: 60_000,
  });
}

/** The systems and suppliers the signed-in organisation uses: its own position in every benchmark. */
export function useOwnPosition(): { organizationUuid: string; systems: ReadonlySet<string>; suppliers: ReadonlySet<string> } {
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const table = useItSystemBenchmark();
  const systems = new Set<string>();
  const suppliers = new Set<string>();
  for (const row of table.data ?? []) {
    if (!row.municipalities.some((m) => m.uuid === organizationUuid)) continue;
    systems.add(row.system.uuid);
    if (row.supplier) suppliers.add(row.supplier.uuid);
  }
  return { organizationUuid, systems, suppliers };
}

export type ItSystemBenchmark = Schemas['ItSystemBenchmark'];
