import { runService, serviceStarter } from '@kitos/platform';
import { ContractsModule } from './contracts.module';

export const startContracts = serviceStarter('contracts', (config) => ContractsModule.register(config));

if (require.main === module) runService(() => startContracts());
