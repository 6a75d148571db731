/** One Jest run for the whole monorepo: unit specs next to the code, integration and e2e specs under test/.
 *  globalSetup starts one FerretDB and one NATS (JetStream) for the run; suites isolate themselves by
 *  database name and by NATS account (one account per Jest worker). */
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.compat-spec.ts', '**/*.browser-spec.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  // jose (JWT) is published as ES modules only: compile it to CommonJS like our own code
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: {
    '^@kitos/(common|config|contracts|persistence|directory|messaging|observability|platform|security|testing|api-client)$':
      '<rootDir>/libs/$1/src',
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // e2e suites start real services on a busy 2-core machine: hooks that start a whole system wait for its readiness
  // (test/support/system.ts, up to 150 s) and need the headroom; waits inside tests follow readiness signals
  testTimeout: 180000,
  // Two files at a time (KITOS_TEST_WORKERS, or --maxWorkers, sets another number; at most 8, the NATS accounts of
  // libs/testing/src/global-setup.ts). Jest's default on 2 cores is one worker (cores − 1), but a suite spends much of
  // its time waiting (readiness, events, the store), and two workers keep both cores busy: see docs/testing.md.
  // Suites do not interfere: each worker has its own NATS account, each suite its own databases and free ports.
  maxWorkers: Number(process.env.KITOS_TEST_WORKERS) || 2,
  // On 2 cores Jest would run every file in band, in its own main process, where whole systems started by e2e suites
  // pile up until the heap runs out (seen: 4 GB after ~130 files). With a limit Jest runs the files in a worker and
  // replaces it after any file that leaves it above this size.
  workerIdleMemoryLimit: '1500MB',
  slowTestThreshold: 15,
};
