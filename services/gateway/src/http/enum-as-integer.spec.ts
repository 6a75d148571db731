import { ContractPaymentResponse, ItContractResponse, OrganizationResponse, UserResponse } from '@kitos/contracts';
import { documentedResponseType, enumsAsIntegers } from './enum-as-integer.interceptor';
import { KITOS_ENUM_MAPPINGS, kitosEnumOf } from './kitos-enum-integers';
import { OrganizationsController } from '../organizations/organizations.controller';

describe('enums as KITOS integers (X-KITOS-SERIALIZE-ENUM-AS-INTEGER)', () => {
  it("writes an enum property as KITOS's integer and leaves everything else alone", () => {
    const organization = { uuid: 'o', name: 'Aarhus Kommune', cvr: '55133018', organizationType: 'Company', version: 3 };
    expect(enumsAsIntegers(organization, OrganizationResponse)).toEqual({ ...organization, organizationType: 3 });
    expect(enumsAsIntegers([organization], OrganizationResponse)).toEqual([{ ...organization, organizationType: 3 }]);
  });

  it('maps enum arrays and enums in nested objects and arrays of objects', () => {
    const user = {
      uuid: 'u',
      roles: ['User', 'SystemModuleAdmin'],
      rights: [{ organizationUuid: 'o', role: 'ContractModuleAdmin' }],
      apiAccess: true,
    };
    expect(enumsAsIntegers(user, UserResponse)).toEqual({ ...user, roles: [0, 4], rights: [{ organizationUuid: 'o', role: 5 }] });
    const contract = {
      uuid: 'c',
      payments: { internal: [{ uuid: 'p', auditStatus: 'Green', acquisition: 1.5 }], external: [] },
      validity: { valid: false, validationErrors: ['EndDatePassed'] },
      termination: { terminatedAt: null, terms: { noticeByEndOf: 'EndOfQuarter', noticePeriodMonths: null } },
    };
    expect(enumsAsIntegers(contract, ItContractResponse)).toMatchObject({
      payments: { internal: [{ auditStatus: 3, acquisition: 1.5 }] },
      validity: { validationErrors: [1] },
      termination: { terms: { noticeByEndOf: 1 } },
    });
    expect(enumsAsIntegers({ auditStatus: null }, ContractPaymentResponse)).toEqual({ auditStatus: null });
  });

  it('keeps a value KITOS does not have as its name', () => {
    expect(enumsAsIntegers({ origin: 'Import' }, class {})).toEqual({ origin: 'Import' });
    expect(kitosEnumOf(['Kitos', 'Import'])?.integers).toEqual({ Kitos: 0 });
  });

  it('finds the response class an operation documents', () => {
    expect(documentedResponseType(OrganizationsController.prototype.get)).toBe(OrganizationResponse);
    expect(documentedResponseType(OrganizationsController.prototype.list)).toBe(OrganizationResponse);
    expect(documentedResponseType(OrganizationsController.prototype.delete)).toBeUndefined();
  });

  it('has one mapping per set of values, each integer used once', () => {
    const keys = KITOS_ENUM_MAPPINGS.map((m) => [...m.values].sort().join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    for (const mapping of KITOS_ENUM_MAPPINGS) {
      const integers = Object.values(mapping.integers);
      expect(new Set(integers).size).toBe(integers.length);
      for (const value of Object.keys(mapping.integers)) expect(mapping.values).toContain(value);
    }
  });
});
