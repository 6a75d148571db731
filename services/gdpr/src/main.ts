import { runService, serviceStarter } from '@kitos/platform';
import { GdprModule } from './gdpr.module';

export const startGdpr = serviceStarter('gdpr', (config) => GdprModule.register(config));

if (require.main === module) runService(() => startGdpr());
