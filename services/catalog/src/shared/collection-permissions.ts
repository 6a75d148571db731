import { DomainError, permits, requireUser, type CallerContext } from '@kitos/common';
import type { ResourceCollectionPermissionsResponse } from '@kitos/contracts';
import type { OrganizationDirectory } from './ports';

/**
 * KITOS `GET …/permissions?organizationUuid=`: whether the caller may create in the organisation, by the same rule the
 * create endpoint enforces (`assertCanCreate`); an unknown organisation is 404.
 */
export async function collectionPermissions(
  caller: CallerContext,
  directory: OrganizationDirectory,
  organizationUuid: string,
  assertCanCreate: () => void,
): Promise<ResourceCollectionPermissionsResponse> {
  requireUser(caller);
  const names = await directory.organizationNames([organizationUuid]);
  if (!names.has(organizationUuid)) throw DomainError.notFound('Organization', organizationUuid);
  return { create: permits(assertCanCreate) };
}
