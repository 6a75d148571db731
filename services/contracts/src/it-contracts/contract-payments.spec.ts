import { ContractPaymentWrite, KRONER_MAX, kronerToØre, validateInto, øreToKroner } from '@kitos/contracts';
import { DomainError } from '@kitos/common';
import { paymentAmountErrors, paymentAmountØre } from './contract-parts';

const UNIT = '6f1c3c1e-3d0a-4a8e-9a51-3f0c1f2b7d11';

describe('contract payments in kroner (KITOS) and øre (stored)', () => {
  it('converts kroner with up to two decimals to øre exactly, and back', () => {
    expect(kronerToØre(125000)).toBe(12_500_000);
    expect(kronerToØre(48000.5)).toBe(4_800_050);
    expect(kronerToØre(0.01)).toBe(1);
    expect(kronerToØre(19.99)).toBe(1999);
    expect(kronerToØre(KRONER_MAX)).toBe(KRONER_MAX * 100);
    expect(øreToKroner(4_800_050)).toBe(48000.5);
    expect(øreToKroner(1999)).toBe(19.99);
  });

  it('refuses amounts that are not representable in øre or out of range', () => {
    expect(kronerToØre(0.001)).toBeNull();
    expect(kronerToØre(10.555)).toBeNull();
    expect(kronerToØre(0.1 + 0.2)).toBeNull();
    expect(kronerToØre(-1)).toBeNull();
    expect(kronerToØre(KRONER_MAX + 1)).toBeNull();
    expect(kronerToØre(Number.NaN)).toBeNull();
  });

  it('names the kroner field of a payment with three decimals', () => {
    const attempt = () => validateInto(ContractPaymentWrite, { organizationUnitUuid: UNIT, operation: 10.555 });
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (error) {
      expect((error as DomainError).errors.map((e) => e.field)).toEqual(['operation']);
    }
  });

  it('takes KITOS kroner before øre, and øre when only øre is sent', () => {
    const payment = validateInto(ContractPaymentWrite, { organizationUnitUuid: UNIT, acquisition: 1234.5, operationØre: 99 });
    expect(paymentAmountØre(payment, 'acquisition')).toBe(123_450);
    expect(paymentAmountØre(payment, 'operation')).toBe(99);
    expect(paymentAmountØre(payment, 'other')).toBe(0);
  });

  it('refuses both forms of one amount when they disagree, accepts them when they agree', () => {
    const agree = validateInto(ContractPaymentWrite, { organizationUnitUuid: UNIT, other: 1.5, otherØre: 150 });
    expect(paymentAmountErrors('payments.internal[0]', agree)).toEqual([]);
    const disagree = validateInto(ContractPaymentWrite, { organizationUnitUuid: UNIT, other: 1.5, otherØre: 15 });
    expect(paymentAmountErrors('payments.internal[0]', disagree).map((e) => e.field)).toEqual(['payments.internal[0].other']);
  });
});
