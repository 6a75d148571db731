import { ScimCredentialsRepository } from './scim-credentials.repository';
import { ScimCredentialsService } from './scim-credentials.service';
import { ScimDirectoryRepository } from './scim-directory.repository';
import { ScimHandlers } from './scim.handlers';
import { ScimService } from './scim.service';

/** SCIM 2.0 provisioning (docs/identity.md "SCIM provisioning"). */
export const SCIM_HANDLERS = [ScimHandlers];
export const SCIM_PROVIDERS = [ScimCredentialsRepository, ScimCredentialsService, ScimDirectoryRepository, ScimService];
