/**
 * Writes test/support/test-times.json, the seconds each test file took, from the JSON report of a full run:
 *   npx jest --ci --json --outputFile=/tmp/jest.json && node test/support/test-times.js /tmp/jest.json
 * test/support/sequencer.js starts the longest files first with these figures when Jest has no timings of its own (a
 * clean clone, as in CI).
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const times = {};
for (const result of report.testResults) {
  const seconds = (result.perfStats?.runtime ?? result.endTime - result.startTime) / 1000;
  if (seconds > 0) times[relative(ROOT, result.name).split('\\').join('/')] = Math.max(1, Math.round(seconds));
}
const sorted = Object.fromEntries(Object.entries(times).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(join(__dirname, 'test-times.json'), `${JSON.stringify(sorted, null, 1)}\n`);
console.log(`test-times.json: ${Object.keys(sorted).length} files, ${Object.values(sorted).reduce((a, b) => a + b, 0)} s in all`);
