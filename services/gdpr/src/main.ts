import { runService, serviceStarter } from '@kitos/platform';
import { GdprConfig } from './gdpr.config';
import { GdprModule } from './gdpr.module';

export const startGdpr = serviceStarter('gdpr', (config: GdprConfig) => GdprModule.register(config), GdprConfig);

if (require.main === module) runService(() => startGdpr());
