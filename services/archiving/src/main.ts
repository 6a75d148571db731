import { runService, serviceStarter } from '@kitos/platform';
import { ArchivingModule } from './archiving.module';

export const startArchiving = serviceStarter('archiving', (config) => ArchivingModule.register(config));

if (require.main === module) runService(() => startArchiving());
