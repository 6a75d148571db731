import { runService, serviceStarter } from '@kitos/platform';
import { IdentityModule } from './identity.module';

export const startIdentity = serviceStarter('identity', (config) => IdentityModule.register(config));

if (require.main === module) runService(() => startIdentity());
