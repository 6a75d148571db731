import { PRIVATE_FIELDS, privateClassOf, redact, type PrivateFieldClass } from './sharing-policy';

const usage = {
  _id: 'u1',
  organizationUuid: 'o1',
  data: { localCallName: 'Sag', notes: 'Intern note' },
  gdpr: { version: 2, deleted: false, data: { processesPersonalData: true, riskAssessmentNotes: 'Bemærk' } },
  archive: { version: 1, deleted: false, data: { archiveDuty: 'B', notes: 'Afleveres 2027' } },
};
const contract = { _id: 'c1', data: { name: 'Drift', notes: 'Genforhandles', economy: { totalOre: 100 }, validTo: '2027-12-31' } };

describe('the sharing rules', () => {
  it.each<[string, Parameters<typeof privateClassOf>[0], string, PrivateFieldClass | null]>([
    ['a usage note', 'it-system-usages', 'data.notes', 'note'],
    ['risk assessment notes', 'it-system-usages', 'gdpr.data.riskAssessmentNotes', 'note'],
    ['archiving notes', 'it-system-usages', 'archive.data.notes', 'note'],
    ['a usage local call name', 'it-system-usages', 'data.localCallName', null],
    ['contract economy', 'it-contracts', 'data.economy', 'economy'],
    ['a part of contract economy', 'it-contracts', 'data.economy.totalOre', 'economy'],
    ['a contract end date', 'it-contracts', 'data.validTo', null],
    ['a DPR remark', 'data-processing-registrations', 'data.oversightCompletedRemark', 'note'],
    ['a relation description', 'system-relations', 'data.description', 'note'],
    ['an interface note', 'it-interfaces', 'data.note', 'note'],
    ['any project field', 'it-projects', 'data.name', 'project'],
    ['a unit name', 'organization-units', 'data.name', null],
  ])('%s is %s', (_what, kind, path, expected) => {
    expect(privateClassOf(kind, path)).toBe(expected);
  });

  it('removes the hidden classes from a copy and leaves the original and the shared fields alone', () => {
    const shared = redact('it-system-usages', usage, new Set<PrivateFieldClass>(['note', 'project']))!;
    expect(shared.data).toEqual({ localCallName: 'Sag' });
    expect(shared.gdpr.data).toEqual({ processesPersonalData: true });
    expect(shared.archive.data).toEqual({ archiveDuty: 'B' });
    expect(usage.data.notes).toBe('Intern note');
  });

  it('removes economy only when hidden', () => {
    expect(redact('it-contracts', contract, new Set<PrivateFieldClass>(['note']))!.data).toEqual({
      name: 'Drift',
      economy: { totalOre: 100 },
      validTo: '2027-12-31',
    });
    expect(redact('it-contracts', contract, new Set<PrivateFieldClass>(['note', 'economy']))!.data).toEqual({
      name: 'Drift',
      validTo: '2027-12-31',
    });
  });

  it('hides a project as a whole, and changes nothing for the own organisation', () => {
    expect(redact('it-projects', { data: { name: 'P' } }, new Set<PrivateFieldClass>(['project']))).toBeNull();
    expect(redact('it-contracts', contract, new Set())).toBe(contract);
  });

  it('lists every private path under a data section of its document', () => {
    for (const classes of Object.values(PRIVATE_FIELDS))
      for (const paths of Object.values(classes ?? {}))
        for (const path of paths ?? []) expect(path === '*' || /^(data|gdpr\.data|archive\.data)\./.test(path)).toBe(true);
  });
});
