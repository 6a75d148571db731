import type { ParsedKleEntry } from './emneplan-parser';
import { hasChanges, importEmneplan } from './kle-diff';
import { KLE_UUID_NAMESPACE, kleUuidOf, uuidV5 } from './kle-number';
import type { KleEntry } from './kle';

const FIRST = new Date('2024-01-20T10:00:00Z');
const LATER = new Date('2024-06-01T08:00:00Z');

const parsed = (kleNumber: string, description: string, extra: Partial<ParsedKleEntry> = {}): ParsedKleEntry => ({
  kleNumber,
  description,
  guidance: null,
  validFrom: '1988-01-01',
  removed: null,
  ...extra,
});

const BASE = [
  parsed('00', 'Kommunens styrelse'),
  parsed('00.03', 'International virksomhed og EU'),
  parsed('00.03.02', 'Internationale organisationer'),
  parsed('00.03.04', 'Venskabsbyer'),
  parsed('00.03.08', 'EU-oplysning'),
];

function imported(entries = BASE): KleEntry[] {
  return importEmneplan([], entries, FIRST).entries;
}

describe('importEmneplan', () => {
  it('adds every entry of a first import, with uuids derived from the numbers and parents linked', () => {
    const sut = importEmneplan([], BASE, FIRST);

    expect(sut.changes.added.map((e) => e.kleNumber)).toEqual(['00', '00.03', '00.03.02', '00.03.04', '00.03.08']);
    expect(sut.changes).toMatchObject({ renamed: [], removed: [], restored: [], updated: [] });
    const topic = sut.entries.find((e) => e.kleNumber === '00.03.04');
    expect(topic).toEqual({
      uuid: kleUuidOf('00.03.04'),
      kleNumber: '00.03.04',
      description: 'Venskabsbyer',
      guidance: null,
      parentUuid: kleUuidOf('00.03'),
      validFrom: '1988-01-01',
      removed: null,
      lastModified: FIRST,
    });
    expect(sut.entries.find((e) => e.kleNumber === '00')?.parentUuid).toBeNull();
  });

  it('derives the same uuid for a number on every import and replica, and different ones for different numbers', () => {
    expect(kleUuidOf('00.03.04')).toBe(kleUuidOf('00.03.04'));
    expect(kleUuidOf('00.03.04')).not.toBe(kleUuidOf('00.03.02'));
    expect(kleUuidOf('00.03.04')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // RFC 9562 test vector: uuid v5 of "www.example.com" in the DNS namespace
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(KLE_UUID_NAMESPACE).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports nothing and keeps every entry untouched when the same emneplan is imported again', () => {
    const current = imported();

    const sut = importEmneplan(current, BASE, LATER);

    expect(hasChanges(sut.changes)).toBe(false);
    expect(sut.entries).toEqual(current);
  });

  it('reports a changed title as renamed, keeping the uuid', () => {
    const sut = importEmneplan(imported(), [...BASE.slice(0, 3), parsed('00.03.04', 'Venskabsbysamarbejde'), BASE[4]], LATER);

    expect(sut.changes.renamed).toEqual([
      {
        oldDescription: 'Venskabsbyer',
        entry: expect.objectContaining({ uuid: kleUuidOf('00.03.04'), description: 'Venskabsbysamarbejde' }),
      },
    ]);
    expect(sut.changes.added).toEqual([]);
    expect(sut.entries.find((e) => e.kleNumber === '00.03.04')).toMatchObject({ description: 'Venskabsbysamarbejde', lastModified: LATER });
    expect(sut.entries.find((e) => e.kleNumber === '00.03.02')?.lastModified).toEqual(FIRST);
  });

  it('reports new numbers as added', () => {
    const sut = importEmneplan(imported(), [...BASE, parsed('00.03.10', 'Nordisk samarbejde')], LATER);

    expect(sut.changes.added.map((e) => [e.kleNumber, e.parentUuid])).toEqual([['00.03.10', kleUuidOf('00.03')]]);
  });

  it('marks an entry missing from the file removed as of the day of the import, and keeps it', () => {
    const sut = importEmneplan(
      imported(),
      BASE.filter((e) => e.kleNumber !== '00.03.02'),
      LATER,
    );

    expect(sut.changes.removed).toEqual([expect.objectContaining({ kleNumber: '00.03.02', removed: '2024-06-01', lastModified: LATER })]);
    expect(sut.entries.map((e) => e.kleNumber)).toContain('00.03.02');
    expect(sut.entries).toHaveLength(5);
  });

  it('marks an entry udgået in the file removed with the date from the file', () => {
    const sut = importEmneplan(imported(), [...BASE.slice(0, 4), parsed('00.03.08', 'EU-oplysning', { removed: '2024-05-01' })], LATER);

    expect(sut.changes.removed).toEqual([expect.objectContaining({ kleNumber: '00.03.08', removed: '2024-05-01' })]);
    expect(sut.changes.updated).toEqual([]);
  });

  it('does not report an entry removed before as removed again', () => {
    const once = importEmneplan(imported(), BASE.slice(0, 4), LATER).entries;

    const sut = importEmneplan(once, BASE.slice(0, 4), new Date('2024-07-01T00:00:00Z'));

    expect(hasChanges(sut.changes)).toBe(false);
    expect(sut.entries.find((e) => e.kleNumber === '00.03.08')?.removed).toBe('2024-06-01');
  });

  it('reports a removed entry that is back in force as restored', () => {
    const once = importEmneplan(imported(), BASE.slice(0, 4), LATER).entries;

    const sut = importEmneplan(once, BASE, new Date('2024-07-01T00:00:00Z'));

    expect(sut.changes.restored).toEqual([expect.objectContaining({ kleNumber: '00.03.08', removed: null })]);
    expect(sut.changes.added).toEqual([]);
  });

  it('reports other changes (guidance, creation date) as updated with the fields', () => {
    const next = [...BASE.slice(0, 3), parsed('00.03.04', 'Venskabsbyer', { guidance: 'Ny vejledning', validFrom: '1993-06-01' }), BASE[4]];

    const sut = importEmneplan(imported(), next, LATER);

    expect(sut.changes.updated).toEqual([{ entry: expect.objectContaining({ kleNumber: '00.03.04' }), fields: ['guidance', 'validFrom'] }]);
    expect(sut.changes.renamed).toEqual([]);
  });

  it('lists a renamed entry that also leaves KLE under both', () => {
    const next = [...BASE.slice(0, 4), parsed('00.03.08', 'EU-information', { removed: '2024-05-01' })];

    const sut = importEmneplan(imported(), next, LATER);

    expect(sut.changes.renamed.map((r) => r.entry.kleNumber)).toEqual(['00.03.08']);
    expect(sut.changes.removed.map((e) => e.kleNumber)).toEqual(['00.03.08']);
  });
});
