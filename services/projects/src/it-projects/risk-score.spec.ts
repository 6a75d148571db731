import { riskLevel, riskScore } from './risk-score';

describe('risk score and level', () => {
  it.each([
    [1, 1, 1, 'Low'],
    [1, 4, 4, 'Low'],
    [2, 2, 4, 'Low'],
    [5, 1, 5, 'Medium'],
    [2, 3, 6, 'Medium'],
    [3, 3, 9, 'Medium'],
    [2, 5, 10, 'High'],
    [3, 4, 12, 'High'],
    [4, 4, 16, 'High'],
    [4, 5, 20, 'Critical'],
    [5, 5, 25, 'Critical'],
  ])('probability %i × consequence %i scores %i (%s)', (probability, consequence, score, level) => {
    expect(riskScore(probability, consequence)).toBe(score);
    expect(riskLevel(riskScore(probability, consequence))).toBe(level);
  });

  it('every possible score falls in exactly one level, rising with the score', () => {
    const order = ['Low', 'Medium', 'High', 'Critical'];
    let previous = 0;
    for (let p = 1; p <= 5; p++)
      for (let c = 1; c <= 5; c++) {
        const rank = order.indexOf(riskLevel(riskScore(p, c)));
        expect(rank).toBeGreaterThanOrEqual(0);
        if (riskScore(p, c) >= 17) expect(rank).toBe(3);
        previous = Math.max(previous, rank);
      }
    expect(previous).toBe(3);
  });
});
