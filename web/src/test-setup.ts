import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import './i18n';

// Testing Library unmounts after each test by itself only where the runner has global hooks; Vitest's are imported.
afterEach(cleanup);
