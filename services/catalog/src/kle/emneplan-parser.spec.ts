import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EmneplanError, parseEmneplan } from './emneplan-parser';

const SAMPLE = resolve(__dirname, '../../../../deploy/seed/kle/emneplan-sample.xml');

function emneplan(body: string, published = '<UdgivelsesDato>2024-01-15</UdgivelsesDato>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><KLE-Emneplan>${published}${body}</KLE-Emneplan>`;
}

function problemsOf(xml: string): Array<{ field: string; message: string }> {
  try {
    parseEmneplan(xml);
  } catch (error) {
    if (error instanceof EmneplanError) return [...error.problems];
    throw error;
  }
  throw new Error('the emneplan was accepted');
}

const GROUP = `<Hovedgruppe><HovedgruppeNr>00</HovedgruppeNr><HovedgruppeTitel>Kommunens styrelse</HovedgruppeTitel>
  <Gruppe><GruppeNr>00.03</GruppeNr><GruppeTitel>International virksomhed og EU</GruppeTitel>%TOPICS%</Gruppe></Hovedgruppe>`;

describe('parseEmneplan', () => {
  it('reads the shipped sample: main groups, groups and topics with dates, removals and guidance', () => {
    const sut = parseEmneplan(readFileSync(SAMPLE, 'utf8'));

    expect(sut.publishedDate).toBe('2024-01-15');
    const numbers = sut.entries.map((e) => e.kleNumber);
    expect(numbers.filter((n) => n.length === 2)).toEqual(['00', '02', '16', '17']);
    expect(numbers.filter((n) => n.length === 5)).toHaveLength(12);
    expect(numbers.filter((n) => n.length === 8)).toHaveLength(39);
    expect([...numbers].sort()).toEqual(numbers);
    expect(sut.entries.find((e) => e.kleNumber === '00.03.04')).toEqual({
      kleNumber: '00.03.04',
      description: 'Venskabsbysamarbejde',
      guidance: 'Her journaliseres sager om venskabsbysamarbejde med kommuner i andre lande.\nSe også 00.05 Besøg, repræsentation mv.',
      validFrom: '1993-06-01',
      removed: null,
    });
    expect(sut.entries.find((e) => e.kleNumber === '02.34.02')?.guidance).toBe(
      'Her journaliseres ansøgninger om byggetilladelse efter byggeloven.\n- nybyggeri\n- tilbygninger\n- væsentlige ombygninger',
    );
    expect(sut.entries.find((e) => e.kleNumber === '00.03.08')?.removed).toBe('2018-01-01');
  });

  it('takes a moved topic as removed on the day it was moved', () => {
    const sut = parseEmneplan(readFileSync(SAMPLE, 'utf8'));

    expect(sut.entries.find((e) => e.kleNumber === '16.01.04')).toMatchObject({ removed: '2015-01-01' });
  });

  it('keeps the entry in force when a number is listed twice (an old removed one and its successor)', () => {
    const topics = `
      <Emne><EmneNr>00.03.04</EmneNr><EmneTitel>Venskabsbyer</EmneTitel>
        <EmneAdministrativInfo><OprettetDato>1993-06-01</OprettetDato><Historisk><UdgaaetDato>2020-12-31</UdgaaetDato></Historisk></EmneAdministrativInfo></Emne>
      <Emne><EmneNr>00.03.04</EmneNr><EmneTitel>Venskabsbysamarbejde</EmneTitel>
        <EmneAdministrativInfo><OprettetDato>2021-01-01</OprettetDato></EmneAdministrativInfo></Emne>`;

    const sut = parseEmneplan(emneplan(GROUP.replace('%TOPICS%', topics)));

    expect(sut.entries.filter((e) => e.kleNumber === '00.03.04')).toEqual([
      { kleNumber: '00.03.04', description: 'Venskabsbysamarbejde', guidance: null, validFrom: '2021-01-01', removed: null },
    ]);
  });

  it('accepts namespaces, entities, CDATA, a byte-order mark and elements it does not know', () => {
    const xml =
      '\uFEFF<?xml version="1.0"?><k:KLE-Emneplan xmlns:k="urn:kle"><k:Hovedgruppe><k:UUID>x</k:UUID><k:HovedgruppeNr>00</k:HovedgruppeNr>' +
      '<k:HovedgruppeTitel>Styrelse &amp; &#230;ndring <![CDATA[<i>]]></k:HovedgruppeTitel><k:HovedgruppeFilter><k:FilterTitel>f</k:FilterTitel></k:HovedgruppeFilter>' +
      '</k:Hovedgruppe></k:KLE-Emneplan>';

    const sut = parseEmneplan(xml);

    expect(sut).toEqual({
      publishedDate: null,
      entries: [{ kleNumber: '00', description: 'Styrelse & ændring <i>', guidance: null, validFrom: null, removed: null }],
    });
  });

  it('refuses XML that is not well-formed, naming the line and column', () => {
    expect(problemsOf('<KLE-Emneplan><Hovedgruppe></KLE-Emneplan>')).toEqual([
      { field: 'body', message: expect.stringMatching(/^line 1, column \d+: .*Hovedgruppe/) },
    ]);
    expect(problemsOf('not xml at all')).toEqual([{ field: 'body', message: expect.stringMatching(/^line 1/) }]);
  });

  it('refuses another kind of document and one without main groups', () => {
    expect(problemsOf('<Handlingsfacetter><Facet/></Handlingsfacetter>')).toEqual([
      { field: 'Handlingsfacetter', message: 'the document element must be KLE-Emneplan, not Handlingsfacetter' },
    ]);
    expect(problemsOf(emneplan(''))).toEqual([{ field: 'KLE-Emneplan', message: 'contains no Hovedgruppe' }]);
  });

  it('refuses DOCTYPE declarations (no entity expansion)', () => {
    expect(problemsOf('<!DOCTYPE x [<!ENTITY a "b">]><KLE-Emneplan/>')).toEqual([
      { field: 'body', message: 'DOCTYPE declarations are not accepted' },
    ]);
  });

  it('lists every bad number, misplaced entry, missing title and bad date with its path', () => {
    const topics = `
      <Emne><EmneNr>0.3.4</EmneNr><EmneTitel>Forkert nummer</EmneTitel></Emne>
      <Emne><EmneNr>01.03.04</EmneNr><EmneTitel>Forkert gruppe</EmneTitel></Emne>
      <Emne><EmneNr>00.03.06</EmneNr><EmneTitel>  </EmneTitel></Emne>
      <Emne><EmneNr>00.03.07</EmneNr><EmneTitel>Dato</EmneTitel><EmneAdministrativInfo><OprettetDato>2021-02-30</OprettetDato></EmneAdministrativInfo></Emne>
      <Emne><EmneTitel>Uden nummer</EmneTitel></Emne>`;

    const problems = problemsOf(emneplan(GROUP.replace('%TOPICS%', topics), '<UdgivelsesDato>i går</UdgivelsesDato>'));

    expect(problems).toEqual([
      { field: 'UdgivelsesDato', message: '"i går" is not a date (YYYY-MM-DD)' },
      { field: 'Hovedgruppe[0].Gruppe[0].Emne[0].EmneNr', message: '"0.3.4" is not a Emne number such as 00.01.00' },
      { field: 'Hovedgruppe[0].Gruppe[0].Emne[1].EmneNr', message: '01.03.04 does not belong under 00.03' },
      { field: 'Hovedgruppe[0].Gruppe[0].Emne[2].EmneTitel', message: '00.03.06: EmneTitel is missing' },
      {
        field: 'Hovedgruppe[0].Gruppe[0].Emne[3].EmneAdministrativInfo.OprettetDato',
        message: '"2021-02-30" is not a date (YYYY-MM-DD)',
      },
      { field: 'Hovedgruppe[0].Gruppe[0].Emne[4].EmneNr', message: 'EmneNr is missing' },
    ]);
  });
});
