import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';
import { ItProjectsModule } from './it-projects/it-projects.module';

/** The projects service: IT projects with phases, status reports, economy, risks, stakeholders and benefits realisation. */
@Module({})
export class ProjectsModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: ProjectsModule,
      imports: [PlatformModule.forService(config, { consume: ['identity', 'catalog', 'contracts'] }), ItProjectsModule],
      controllers: [pingHandlers('projects')],
    };
  }
}
