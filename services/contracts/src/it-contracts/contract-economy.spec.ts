import { contractEconomy, paymentYear, type Payment } from './contract-economy';

const payment = (p: Partial<Payment>): Payment => ({
  uuid: 'p',
  organizationUnitUuid: 'u',
  organizationUnitName: 'IT',
  acquisitionOre: 0,
  operationOre: 0,
  otherOre: 0,
  accountingEntry: null,
  auditStatus: 'White',
  auditDate: null,
  note: null,
  ...p,
});

describe('contract economy', () => {
  it.each<[{ auditDate: string | null }, string | null, number | null, string]>([
    [{ auditDate: '2024-12-31' }, '2023-04-01', 2024, 'the audit date decides'],
    [{ auditDate: null }, '2023-04-01', 2023, 'else the start of operations remuneration'],
    [{ auditDate: null }, null, null, 'else no year'],
  ])('payment %j with operations from %s counts in %s (%s)', (p, operationsStart, expected) => {
    expect(paymentYear(p, operationsStart)).toBe(expected);
  });

  it('sums internal and external streams, in øre, in total and by year (unassigned last)', () => {
    const economy = contractEconomy(
      [payment({ acquisitionOre: 100_000_00, operationOre: 1_50, auditDate: '2024-02-01' }), payment({ otherOre: 7 })],
      [payment({ operationOre: 48_000_00, auditDate: '2023-06-30' }), payment({ acquisitionOre: 1, auditDate: '2024-01-01' })],
      null,
    );
    expect(economy.internal).toEqual({ acquisitionØre: 100_000_00, operationØre: 1_50, otherØre: 7, totalØre: 100_001_57 });
    expect(economy.external).toEqual({ acquisitionØre: 1, operationØre: 48_000_00, otherØre: 0, totalØre: 48_000_01 });
    expect(economy.total.totalØre).toBe(148_001_58);
    expect(economy.byYear).toEqual([
      { year: 2023, acquisitionØre: 0, operationØre: 48_000_00, otherØre: 0, totalØre: 48_000_00 },
      { year: 2024, acquisitionØre: 100_000_01, operationØre: 1_50, otherØre: 0, totalØre: 100_001_51 },
      { year: null, acquisitionØre: 0, operationØre: 0, otherØre: 7, totalØre: 7 },
    ]);
  });

  it('is all zero without payments', () => {
    expect(contractEconomy([], [], '2024-01-01')).toEqual({
      internal: { acquisitionØre: 0, operationØre: 0, otherØre: 0, totalØre: 0 },
      external: { acquisitionØre: 0, operationØre: 0, otherØre: 0, totalØre: 0 },
      total: { acquisitionØre: 0, operationØre: 0, otherØre: 0, totalØre: 0 },
      byYear: [],
    });
  });
});
