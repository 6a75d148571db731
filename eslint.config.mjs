// ESLint (flat config): typescript-eslint's recommended rules, a few type-aware rules, and the import boundaries of
// the architecture. `npm run lint` runs Prettier's check and then this; test/deploy/lint-boundaries.spec.ts proves the
// boundary rule still fails on a violation.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));
const services = readdirSync(join(root, 'services'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const serviceType = (name) => `service:${name}`;

const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'fetch',
    'Buffer',
    'URL',
    'setTimeout',
    'clearTimeout',
    'AbortSignal',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', '.tools/', '.data/', 'coverage/', 'bench/results/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          // `const { version: _v, ...rest } = doc` drops fields on purpose (repositories strip storage fields this way);
          // `_`-prefixed names are deliberately unused; a caught error need not be used.
          ignoreRestSiblings: true,
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
      // `cond ? a++ : b++` and `cond ? expect(x)… : expect(y)…` are used as statements on purpose.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
    },
  },
  {
    // Type-aware rules that catch real defects (a promise nobody awaits or handles, awaiting a non-promise, a promise
    // where a callback's result is ignored); the whole recommendedTypeChecked set would flag hundreds of
    // `unsafe-*` uses of validated JSON and mongoose results that are not defects.
    files: ['**/*.ts', 'web/**/*.tsx'],
    // the boundary spec lints virtual files (standard input) that no tsconfig includes
    ignores: ['**/boundary-fixture.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The web client (web/, its own tsconfig): React's rules of hooks and complete effect dependencies (the React
    // Compiler's extra rules in the plugin's recommended set are for code the compiler builds, which this is not). It
    // runs in the browser and talks only HTTP: it imports no service (see the boundaries below).
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The demo-seed tests load the seed's plain CommonJS modules (operators run them with node alone).
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['/deploy/seed/'] }] },
  },
  {
    // Plain Node scripts (CommonJS): the demo seed, Jest's config and sequencer, the resolver below.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Runs inside mongosh (the MongoDB shell) in the replica-set init job, not in Node.
    files: ['k8s/**/*.js'],
    languageOptions: { globals: { Mongo: 'readonly', print: 'readonly', printjson: 'readonly', sleep: 'readonly' } },
  },
  {
    files: ['**/*.ts', 'web/**/*.tsx'],
    plugins: { boundaries },
    settings: {
      // Resolves the @kitos/* aliases and relative imports to files, so the rule knows which element an import reaches.
      'import/resolver': { [join(root, 'eslint.resolver.cjs')]: {} },
      // Each service is an element type of its own, so "a service imports no other service" is a plain type rule.
      'boundaries/elements': [
        ...services.map((name) => ({ type: serviceType(name), pattern: `services/${name}` })),
        { type: 'lib', pattern: 'libs/*' },
        { type: 'test', pattern: 'test' },
        { type: 'bench', pattern: 'bench' },
        { type: 'web', pattern: 'web' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          // Tests and benchmarks may import anything; services and libraries are restricted below.
          default: 'allow',
          policies: [
            // A service imports only itself and libraries, never another service (talk to it over NATS instead).
            ...services.map((name) => ({
              from: { element: { type: serviceType(name) } },
              disallow: { to: { element: { types: { anyOf: services.filter((other) => other !== name).map(serviceType) } } } },
            })),
            // A library imports no service.
            { from: { element: { type: 'lib' } }, disallow: { to: { element: { types: { anyOf: services.map(serviceType) } } } } },
            // The web client talks to the gateway over HTTP: it imports no service (only the generated API client's types).
            { from: { element: { type: 'web' } }, disallow: { to: { element: { types: { anyOf: services.map(serviceType) } } } } },
          ],
        },
      ],
    },
  },
);
