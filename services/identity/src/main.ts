import { runService, serviceStarter } from '@kitos/platform';
import { IdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';

export const startIdentity = serviceStarter('identity', (config: IdentityConfig) => IdentityModule.register(config), IdentityConfig);

if (require.main === module) runService(() => startIdentity());
