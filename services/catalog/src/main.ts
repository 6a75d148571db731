import { runService, serviceStarter } from '@kitos/platform';
import { CatalogModule } from './catalog.module';

export const startCatalog = serviceStarter('catalog', (config) => CatalogModule.register(config));

if (require.main === module) runService(() => startCatalog());
