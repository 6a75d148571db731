import { DomainError, hasRole, type CallerContext } from '@kitos/common';
import type { OrganizationsService } from '../organizations/organizations.service';

/** SCIM provisioning of an organisation is set up by its local administrators (and global administrators). */
export async function requireScimAdmin(
  caller: CallerContext,
  organizationUuid: string,
  organizations: OrganizationsService,
): Promise<void> {
  if (!hasRole(caller, organizationUuid, 'LocalAdmin'))
    throw DomainError.forbidden('Only local administrators of the organisation manage its SCIM provisioning');
  if (!(await organizations.many([organizationUuid])).length) throw DomainError.notFound('Organisation', organizationUuid);
}
