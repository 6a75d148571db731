import { runService, serviceStarter } from '@kitos/platform';
import { ContractsConfig } from './contracts.config';
import { ContractsModule } from './contracts.module';

export const startContracts = serviceStarter('contracts', (config: ContractsConfig) => ContractsModule.register(config), ContractsConfig);

if (require.main === module) runService(() => startContracts());
