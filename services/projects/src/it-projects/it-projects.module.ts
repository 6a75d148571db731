import { Module } from '@nestjs/common';
import { DirectoryModule } from '@kitos/directory';
import { OrganizationDirectory } from '../directory/organization-directory';
import { LinkedObjects } from '../links/linked-objects';
import { LinkedObjectsProjector } from '../links/linked-objects.projector';
import { PhaseNamesHandlers } from '../phase-names/phase-names.handlers';
import { PhaseNamesRepository } from '../phase-names/phase-names.repository';
import { PhaseNamesService } from '../phase-names/phase-names.service';
import { NatsRpcClient } from '@kitos/messaging';
import { ItProjectStore } from './it-project.store';
import { ItProjectView } from './it-project.view';
import { ItProjectsHandlers } from './it-projects.handlers';
import { ItProjectsRepository } from './it-projects.repository';
import { ItProjectsService } from './it-projects.service';
import { ProjectPartsService } from './project-parts.service';

/** IT projects with their parts, the organisations' phase names, and the copies of what projects link to. */
@Module({
  // the copy of identity's directory (libs/directory), seen through ./directory/organization-directory
  imports: [DirectoryModule.forRoot()],
  controllers: [ItProjectsHandlers, PhaseNamesHandlers],
  providers: [
    NatsRpcClient,
    OrganizationDirectory,
    ItProjectsRepository,
    ItProjectStore,
    ItProjectView,
    ItProjectsService,
    ProjectPartsService,
    PhaseNamesRepository,
    PhaseNamesService,
    LinkedObjects,
    LinkedObjectsProjector,
  ],
})
export class ItProjectsModule {}
