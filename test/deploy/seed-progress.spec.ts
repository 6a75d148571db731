// plain CommonJS so that operators run it with node alone
const { progressOf } = require('../../deploy/seed/seed-demo.js') as {
  progressOf: (log: (line: string) => void, requests: () => number) => (step: string, created?: Record<string, number>) => void;
};

describe('demo seed progress', () => {
  it('prints a line per step with what it created, its requests, their time and rate', () => {
    const lines: string[] = [];
    let requests = 0;
    const progress = progressOf(
      (line) => lines.push(line),
      () => requests,
    );

    requests = 40;
    progress('organisations', { organizations: 98, suppliers: 22 });
    progress('units and users', {});

    expect(lines[0]).toMatch(/^seed organisations: 98 organizations, 22 suppliers; 40 requests in \d+\.\d s \(\d+(\.\d)?\/s\)$/);
    expect(lines[1]).toMatch(/^seed units and users: nothing new; 0 requests in \d+\.\d s \(0\.0\/s\)$/);
  });
});
