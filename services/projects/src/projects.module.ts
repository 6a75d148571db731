import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';

/** The projects service: IT projects with phases, status reports, risks and benefits realisation. It boots, owns its database and answers on the bus; its domain comes with its own issue. */
@Module({})
export class ProjectsModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: ProjectsModule, imports: [PlatformModule.forService(config)], controllers: [pingHandlers('projects')] };
  }
}
