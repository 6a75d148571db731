/**
 * Jest's default order (failed first, then longest first), except that the 100 000-row export test runs first: it
 * measures the memory of this process, which is only meaningful (and its forced garbage collections only cheap) before
 * a hundred other suites have grown the heap of the one in-band process.
 */
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = /reporting-export-memory\.e2e-spec\.ts$/;

class KitosSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((t) => FIRST.test(t.path)), ...sorted.filter((t) => !FIRST.test(t.path))];
  }
}

module.exports = KitosSequencer;
