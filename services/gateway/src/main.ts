import { runService } from '@kitos/platform';
import { startGateway } from './bootstrap';

if (require.main === module) runService(() => startGateway());
