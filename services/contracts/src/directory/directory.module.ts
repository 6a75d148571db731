import { Global, Module } from '@nestjs/common';
import { OrganizationDirectory } from '../shared/ports';
import { DirectoryProjector } from './directory.projector';
import { DirectoryRepository } from './directory.repository';
import { IdentityClient } from './identity.client';
import { OrganizationDirectoryLookup } from './organization-directory.lookup';

/** The contracts service's copy of identity's organisations, units, users and role types; implements OrganizationDirectory. */
@Global()
@Module({
  providers: [
    DirectoryRepository,
    DirectoryProjector,
    IdentityClient,
    OrganizationDirectoryLookup,
    { provide: OrganizationDirectory, useExisting: OrganizationDirectoryLookup },
  ],
  exports: [OrganizationDirectory, IdentityClient],
})
export class DirectoryModule {}
