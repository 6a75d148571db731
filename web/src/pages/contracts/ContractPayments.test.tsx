import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PaymentLinesEditor } from './ContractPayments';
import { economyOf, parseKroner, paymentsToWrite, type PaymentLine } from './economy';

const IT = '00000000-0000-4000-8000-0000000000a1';
const SKOLE = '00000000-0000-4000-8000-0000000000a2';
const units = [
  { uuid: IT, name: 'IT-afdelingen' },
  { uuid: SKOLE, name: 'Skoleforvaltningen' },
];
const saved: PaymentLine = {
  key: '00000000-0000-4000-8000-0000000000f1',
  uuid: '00000000-0000-4000-8000-0000000000f1',
  stream: 'external',
  organizationUnitUuid: IT,
  organizationUnitName: 'IT-afdelingen',
  acquisition: '100000',
  operation: '',
  other: '',
  accountingEntry: '',
  auditStatus: 'White',
  auditDate: '2025-06-30',
  note: '',
};

function Harness({ initial, onLines }: { initial: PaymentLine[]; onLines?: (lines: PaymentLine[]) => void }) {
  const [lines, setLines] = useState(initial);
  return (
    <PaymentLinesEditor
      lines={lines}
      onChange={(next) => {
        setLines(next);
        onLines?.(next);
      }}
      units={units}
      operationsRemunerationStartedAt="2026-01-01"
    />
  );
}

const totals = () => screen.getByRole('table', { name: 'Totaler pr. år' });
const yearRow = (year: string) => within(totals()).getByRole('row', { name: new RegExp(`^${year}`) });

describe('the payment lines [økonomi] and their totals per year', () => {
  it('adds a line in Danish kroner and shows it in its year and the totals, before saving', async () => {
    const user = userEvent.setup();
    let latest: PaymentLine[] = [];
    render(<Harness initial={[saved]} onLines={(l) => (latest = l)} />);
    expect(within(yearRow('2025')).getAllByRole('cell').at(-1)).toHaveTextContent('100.000,00 kr.');

    await user.click(screen.getByRole('button', { name: 'Tilføj betalingslinje' }));
    await user.selectOptions(screen.getByLabelText('Organisationsenhed'), 'Skoleforvaltningen');
    await user.type(screen.getByLabelText('Drift (kr.)'), '12.000,50');
    await user.type(screen.getByLabelText('Andet (kr.)'), '99,5');
    // no audit date: the line counts in the year operations remuneration began (2026)
    await user.click(screen.getByRole('button', { name: 'Tilføj linjen' }));

    expect(
      within(yearRow('2026'))
        .getAllByRole('cell')
        .map((c) => c.textContent?.replace(/\s/g, ' ')),
    ).toEqual(['0,00 kr.', '12.000,50 kr.', '99,50 kr.', '12.100,00 kr.']);
    expect(within(totals()).getByRole('row', { name: /^Samlet/ })).toHaveTextContent('112.100,00 kr.');
    expect(paymentsToWrite(latest, 'da').external).toEqual([
      expect.objectContaining({ uuid: saved.uuid, acquisitionØre: 10_000_000 }),
      {
        organizationUnitUuid: SKOLE,
        acquisitionØre: 0,
        operationØre: 1_200_050,
        otherØre: 9_950,
        accountingEntry: null,
        auditStatus: 'White',
        auditDate: null,
        note: null,
      },
    ]);
  });

  it('refuses an amount that is not kroner and a line without a unit, at the field', async () => {
    const user = userEvent.setup();
    render(<Harness initial={[]} />);
    await user.click(screen.getByRole('button', { name: 'Tilføj betalingslinje' }));
    await user.type(screen.getByLabelText('Anskaffelse (kr.)'), '12,345');
    await user.click(screen.getByRole('button', { name: 'Tilføj linjen' }));
    expect(screen.getByLabelText('Anskaffelse (kr.)')).toHaveAccessibleDescription('Angiv et beløb i kroner, fx 12.000,50');
    expect(screen.getByLabelText('Organisationsenhed')).toHaveAccessibleDescription('Vælg den organisationsenhed, der betaler');
    expect(screen.getByText('Ingen betalinger registreret.')).toBeInTheDocument();
  });

  it('edits a line into another year and removes a line, moving the totals with them', async () => {
    const user = userEvent.setup();
    render(<Harness initial={[saved, { ...saved, key: 'b', uuid: 'b', acquisition: '50', auditDate: '2024-02-01' }]} />);
    expect(yearRow('2024')).toHaveTextContent('50,00 kr.');
    await user.click(screen.getByRole('button', { name: 'Rediger betalingslinje 1' }));
    await user.clear(screen.getByLabelText('Revisionsdato'));
    await user.type(screen.getByLabelText('Revisionsdato'), '2024-12-31');
    await user.click(screen.getByRole('button', { name: 'Opdater linjen' }));
    expect(within(totals()).queryByRole('row', { name: /^2025/ })).toBeNull();
    expect(within(yearRow('2024')).getAllByRole('cell').at(-1)).toHaveTextContent('100.050,00 kr.');
    await user.click(screen.getByRole('button', { name: 'Fjern betalingslinje 2' }));
    expect(within(yearRow('2024')).getAllByRole('cell').at(-1)).toHaveTextContent('100.000,00 kr.');
  });
});

describe('kroner per language', () => {
  it('reads Danish and English amounts to the øre and refuses more than two decimals', () => {
    expect(parseKroner('12.000,50', 'da')).toBe(1_200_050);
    expect(parseKroner('12,000.50', 'en')).toBe(1_200_050);
    expect(parseKroner('1 234 kr.', 'da')).toBe(123_400);
    expect(parseKroner('', 'da')).toBe(0);
    expect(parseKroner('1,234', 'da')).toBeUndefined();
    expect(parseKroner('-5', 'en')).toBeUndefined();
  });

  it('sums by the audit year, else the year operations began, the lines with neither last', () => {
    const line = (auditDate: string, acquisition: string): PaymentLine => ({
      ...saved,
      key: auditDate + acquisition,
      auditDate,
      acquisition,
    });
    expect(economyOf([line('', '1'), line('2027-01-01', '2')], null, 'da').byYear.map((y) => [y.year, y.totalØre])).toEqual([
      [2027, 200],
      [null, 100],
    ]);
  });
});
