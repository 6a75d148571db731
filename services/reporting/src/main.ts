import { runService, serviceStarter } from '@kitos/platform';
import { ReportingModule } from './reporting.module';

export const startReporting = serviceStarter('reporting', (config) => ReportingModule.register(config));

if (require.main === module) runService(() => startReporting());
