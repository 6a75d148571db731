import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '@kitos/api-client';
import { api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';

/** The option kinds a contract uses (each has its own KITOS endpoint with the same shape). */
export type ContractOptionPath =
  | '/api/v2/it-contract-notice-period-month-types'
  | '/api/v2/it-contract-agreement-extension-option-types'
  | '/api/v2/it-contract-contract-types'
  | '/api/v2/it-contract-criticality-types';

export function useContractOptions(path: ContractOptionPath, organizationUuid: string) {
  return useQuery({
    queryKey: ['options', path, organizationUuid],
    queryFn: () =>
      unwrap(
        api.GET(path as '/api/v2/it-contract-notice-period-month-types', {
          params: { query: { organizationUuid, pageSize: 250 } },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

export type ContractOrder = NonNullable<NonNullable<paths['/api/v2/it-contracts']['get']['parameters']['query']>['orderByProperty']>;

export const CONTRACT_PAGE_SIZE = 50;

export function useContracts(organizationUuid: string, page: number, nameContent: string, orderByProperty: ContractOrder) {
  return useQuery({
    queryKey: ['it-contracts', organizationUuid, page, nameContent, orderByProperty],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/it-contracts', {
          params: {
            query: { organizationUuid, page, pageSize: CONTRACT_PAGE_SIZE, orderByProperty, nameContent: nameContent || undefined },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useContract(uuid: string) {
  return useQuery({
    queryKey: ['it-contract', uuid],
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/it-contracts/{uuid}', { params: { path: { uuid } } })),
  });
}

export type Contract = Schemas['ItContractResponse'];
