import { Module } from '@nestjs/common';
import { BusClient } from '../shared/bus-client';
import { DirectoryProjector } from './directory.projector';
import { DirectoryRepository } from './directory.repository';
import { OrganizationDirectory } from './organization-directory';

/** The project service's copy of identity's organisations, units, users and ItProject role types. */
@Module({
  providers: [DirectoryRepository, DirectoryProjector, BusClient, OrganizationDirectory],
  exports: [OrganizationDirectory, BusClient],
})
export class DirectoryModule {}
