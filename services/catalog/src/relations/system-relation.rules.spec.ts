import type { UsageRef } from '../shared/ports';
import type { RelationContent } from './system-relation';
import { changesBetween, fieldsToCheck, interfaceError, targetError } from './system-relation.rules';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER_ORG = '22222222-2222-4222-8222-222222222222';
const usage = (uuid: string, organizationUuid = ORG, systemUuid = `sys-${uuid}`): UsageRef => ({ uuid, organizationUuid, systemUuid });

const content = (overrides: Partial<RelationContent> = {}): RelationContent => ({
  toSystemUsageUuid: 'b',
  relationInterfaceUuid: null,
  associatedContractUuid: null,
  relationFrequencyUuid: null,
  description: null,
  urlReference: null,
  ...overrides,
});

describe('system relation rules', () => {
  describe('target usage', () => {
    it('accepts another usage of the same organisation', () => {
      expect(targetError(usage('a'), 'b', usage('b'))).toBeNull();
    });

    it('refuses the usage itself', () => {
      expect(targetError(usage('a'), 'a', usage('a'))).toEqual({ field: 'toSystemUsageUuid', message: expect.stringMatching(/itself/) });
    });

    it('refuses an unknown usage', () => {
      expect(targetError(usage('a'), 'b', null)).toEqual({ field: 'toSystemUsageUuid', message: expect.stringMatching(/not a known/) });
    });

    it('refuses a usage of another organisation', () => {
      expect(targetError(usage('a'), 'b', usage('b', OTHER_ORG))).toEqual({
        field: 'toSystemUsageUuid',
        message: expect.stringMatching(/same organisation/),
      });
    });
  });

  describe('interface', () => {
    it('accepts an interface exposed by the system of the target usage', () => {
      expect(interfaceError('sys-b', usage('b'))).toBeNull();
    });

    it('refuses an interface exposed by another system, or by none', () => {
      expect(interfaceError('sys-a', usage('b'))?.message).toMatch(/exposed by the system of the target/);
      expect(interfaceError(null, usage('b'))?.message).toMatch(/exposed by the system of the target/);
    });

    it('refuses an unknown interface', () => {
      expect(interfaceError(undefined, usage('b'))).toEqual({
        field: 'relationInterfaceUuid',
        message: expect.stringMatching(/not a known/),
      });
    });
  });

  describe('what to check after a change', () => {
    it('checks every reference given on creation', () => {
      const next = content({ relationInterfaceUuid: 'i', relationFrequencyUuid: 'f' });
      expect([...fieldsToCheck(null, next)].sort()).toEqual(['relationFrequencyUuid', 'relationInterfaceUuid', 'toSystemUsageUuid']);
    });

    it('checks only what changed, and never a cleared reference', () => {
      const current = content({ associatedContractUuid: 'k', relationFrequencyUuid: 'f' });
      expect([...fieldsToCheck(current, { ...current, associatedContractUuid: 'k2', relationFrequencyUuid: null })]).toEqual([
        'associatedContractUuid',
      ]);
    });

    it('checks the interface again when the target changes', () => {
      const current = content({ relationInterfaceUuid: 'i' });
      expect([...fieldsToCheck(current, { ...current, toSystemUsageUuid: 'c' })].sort()).toEqual([
        'relationInterfaceUuid',
        'toSystemUsageUuid',
      ]);
    });
  });

  it('records each changed field with its old and new value', () => {
    expect(changesBetween(content({ description: 'x' }), content({ description: 'y', relationFrequencyUuid: 'f' }))).toEqual([
      { field: 'relationFrequencyUuid', oldValue: null, newValue: 'f' },
      { field: 'description', oldValue: 'x', newValue: 'y' },
    ]);
  });
});
