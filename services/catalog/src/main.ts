import { runService, serviceStarter } from '@kitos/platform';
import { CatalogConfig } from './catalog.config';
import { CatalogModule } from './catalog.module';

export const startCatalog = serviceStarter('catalog', (config: CatalogConfig) => CatalogModule.register(config), CatalogConfig);

if (require.main === module) runService(() => startCatalog());
