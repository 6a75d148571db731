import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '@kitos/api-client';
import { api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';

/** The option kinds a contract uses (each has its own KITOS endpoint with the same shape). */
export type ContractOptionPath =
  | '/api/v2/it-contract-notice-period-month-types'
  | '/api/v2/it-contract-agreement-extension-option-types'
  | '/api/v2/it-contract-contract-types'
  | '/api/v2/it-contract-criticality-types'
  | '/api/v2/it-contract-purchase-types'
  | '/api/v2/it-contract-procurement-strategy-types'
  | '/api/v2/it-contract-payment-model-types'
  | '/api/v2/it-contract-payment-frequency-types'
  | '/api/v2/it-contract-price-regulation-types'
  | '/api/v2/it-contract-role-types'
  | '/api/v2/data-processing-registration-role-types'
  | '/api/v2/data-processing-registration-data-responsible-types'
  | '/api/v2/data-processing-registration-basis-for-transfer-types'
  | '/api/v2/data-processing-registration-country-types'
  | '/api/v2/data-processing-registration-oversight-types';

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

/** What the signed-in user may do with one contract or registration (the API's own answer, by the checks its writes make). */
export function usePermissions(kind: 'it-contracts' | 'data-processing-registrations', uuid: string) {
  return useQuery({
    queryKey: ['permissions', kind, uuid],
    queryFn: () =>
      unwrap(
        kind === 'it-contracts'
          ? api.GET('/api/v2/it-contracts/{uuid}/permissions', { params: { path: { uuid } } })
          : api.GET('/api/v2/data-processing-registrations/{uuid}/permissions', { params: { path: { uuid } } }),
      ),
    staleTime: 60_000,
  });
}

/** The organisation's units (for the responsible unit and the units that pay). */
export function useOrganizationUnits(organizationUuid: string) {
  return useQuery({
    queryKey: ['organization-units', organizationUuid],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/organizations/{organizationUuid}/organization-units', {
          params: { path: { organizationUuid }, query: { pageSize: 250 } },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

/** The organisation's users (to assign roles). */
export function useOrganizationUsers(organizationUuid: string) {
  return useQuery({
    queryKey: ['organization-users', organizationUuid],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/organizations/{organizationUuid}/users', { params: { path: { organizationUuid }, query: { pageSize: 250 } } }),
      ),
    staleTime: 60_000,
  });
}

/** Organisations whose name or CVR contains the text (suppliers, data processors); nothing until two characters are typed. */
export function useOrganizationSearch(text: string) {
  const query = text.trim();
  return useQuery({
    queryKey: ['organizations', 'search', query],
    queryFn: () => unwrap(api.GET('/api/v2/organizations', { params: { query: { nameOrCvrContent: query, pageSize: 25 } } })),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** The organisation's system usages (to link to a contract or a registration). */
export function useOrganizationUsages(organizationUuid: string) {
  return useQuery({
    queryKey: ['it-system-usages', 'all', organizationUuid],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usages', { params: { query: { organizationUuid, pageSize: 250 } } })),
    staleTime: 60_000,
  });
}

/** The organisation's data processing registrations (to link to a contract). */
export function useOrganizationDprs(organizationUuid: string) {
  return useQuery({
    queryKey: ['dprs', 'all', organizationUuid],
    queryFn: () => unwrap(api.GET('/api/v2/data-processing-registrations', { params: { query: { organizationUuid, pageSize: 250 } } })),
    staleTime: 60_000,
  });
}
