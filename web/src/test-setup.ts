import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import './i18n';
import { loadAllAreaTexts } from './i18n/areas';

// the app adds an area's texts when its routes load; component tests render its pages directly
await loadAllAreaTexts();

// Testing Library unmounts after each test by itself only where the runner has global hooks; Vitest's are imported.
afterEach(cleanup);
