/// <reference types="vitest/config" />
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The web client: a single-page React application built to web/dist, which the gateway serves at `/` (the API stays
 * under /api). `npm run build:web` builds it; `npm run dev:web` serves it with hot reload and proxies /api to a running
 * gateway (KITOS_GATEWAY_URL, default http://localhost:8080). Component tests: `npm run test:web` (Vitest, jsdom).
 */
export default defineConfig({
  root: here,
  base: '/',
  resolve: {
    alias: {
      '@kitos/api-client': resolve(here, '../libs/api-client/src/index.ts'),
      '@dkfds': resolve(here, '../node_modules/dkfds/dist'),
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    // no inline script or style in index.html: the gateway's Content-Security-Policy forbids both
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // React Server Components' "use client" markers mean nothing in a client-only bundle
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': process.env.KITOS_GATEWAY_URL ?? 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: [resolve(here, 'src/test-setup.ts')],
    restoreMocks: true,
  },
});
