import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { Unit } from './unit-tree';

export type OrganizationRole = Schemas['RoleRequest']['role'];
export const ORGANIZATION_ROLES: readonly OrganizationRole[] = [
  'User',
  'LocalAdmin',
  'OrganizationModuleAdmin',
  'SystemModuleAdmin',
  'ContractModuleAdmin',
  'RightsHolderAccess',
];

const PAGE = 250; // the API's largest page

/** Every page of a paged list (the unit tree and the user list are read whole for the tree and the choosers). */
async function readAll<T>(read: (page: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 0; ; page++) {
    const batch = await read(page);
    all.push(...batch);
    if (batch.length < PAGE) return all;
  }
}

export const unitsKey = (organizationUuid: string) => ['admin', 'units', organizationUuid];

export function useUnits(organizationUuid: string) {
  return useQuery({
    queryKey: unitsKey(organizationUuid),
    queryFn: (): Promise<Unit[]> =>
      readAll((page) =>
        unwrap(
          api.GET('/api/v2/organizations/{organizationUuid}/organization-units', {
            params: { path: { organizationUuid }, query: { page, pageSize: PAGE } },
          }),
        ),
      ),
  });
}

export const usersKey = (organizationUuid: string) => ['admin', 'users', organizationUuid];

/** All users with a role in the organisation (for choosers and the audit log's names). */
export function useAllUsers(organizationUuid: string) {
  return useQuery({
    queryKey: usersKey(organizationUuid),
    queryFn: () =>
      readAll((page) =>
        unwrap(
          api.GET('/api/v2/organizations/{organizationUuid}/users', {
            params: { path: { organizationUuid }, query: { page, pageSize: PAGE } },
          }),
        ),
      ),
  });
}

export function useUnitRoleTypes(organizationUuid: string) {
  return useQuery({
    queryKey: ['admin', 'unit-role-types', organizationUuid],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/organizations/{organizationUuid}/role-types', {
          params: { path: { organizationUuid }, query: { objectType: 'OrganizationUnit' } },
        }),
      ),
  });
}
