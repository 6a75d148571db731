import { runService, serviceStarter } from '@kitos/platform';
import { ProjectsModule } from './projects.module';

export const startProjects = serviceStarter('projects', (config) => ProjectsModule.register(config));

if (require.main === module) runService(() => startProjects());
