import { runService, serviceStarter } from '@kitos/platform';
import { ReportingConfig } from './reporting.config';
import { ReportingModule } from './reporting.module';

export const startReporting = serviceStarter('reporting', (config: ReportingConfig) => ReportingModule.register(config), ReportingConfig);

if (require.main === module) runService(() => startReporting());
