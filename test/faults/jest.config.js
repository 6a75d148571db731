/** The fault suite (`npm run faults`), a Jest project of its own: not matched by the normal run (its files end in
 *  .fault-spec.ts), no shared test servers (it starts a NATS cluster, FerretDB and the compiled services itself as
 *  processes), one suite, bounded by its own timeouts (2–6 minutes on a busy 2-core machine). */
const base = require('../../jest.config.js');

module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.fault-spec.ts'],
  transform: base.transform,
  moduleNameMapper: base.moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  testTimeout: 330000,
  maxWorkers: 1,
};
