import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { ContractDeadlines } from './ContractDeadlines';
import { ContractTermsForm, termsAreValid } from './ContractTermsForm';
import { emptyTerms, termsToWrite, urgencyOf, type TermsValues } from './terms';

const options = {
  noticePeriods: [
    { uuid: '00000000-0000-4000-8000-000000000003', name: '3', description: '' },
    { uuid: '00000000-0000-4000-8000-000000000006', name: '6', description: '' },
  ],
  extensionOptions: [{ uuid: '00000000-0000-4000-8000-000000000021', name: '2 x 1 år', description: '' }],
};

function Harness({
  initial = emptyTerms,
  error,
  onValues,
}: {
  initial?: TermsValues;
  error?: unknown;
  onValues?: (v: TermsValues) => void;
}) {
  const [values, setValues] = useState(initial);
  return (
    <ContractTermsForm
      values={values}
      onChange={(next) => {
        setValues(next);
        onValues?.(next);
      }}
      options={options}
      error={error}
    />
  );
}

describe('the contract terms form [aftaleperiode og opsigelse]', () => {
  it('refuses a duration on an ongoing contract at the field, and accepts it again when the duration is removed', async () => {
    const user = userEvent.setup();
    let latest = emptyTerms;
    render(<Harness onValues={(v) => (latest = v)} />);
    await user.type(screen.getByLabelText('Varighed (år)'), '4');
    await user.click(screen.getByLabelText('Løbende (ingen fast varighed)'));
    expect(screen.getByLabelText('Løbende (ingen fast varighed)')).toHaveAccessibleDescription(
      'En løbende kontrakt har ingen fast varighed',
    );
    expect(termsAreValid(latest)).toBe(false);
    await user.clear(screen.getByLabelText('Varighed (år)'));
    expect(screen.queryByText('En løbende kontrakt har ingen fast varighed')).toBeNull();
    expect(termsAreValid(latest)).toBe(true);
  });

  it('says at the field when months exceed 11 or the expiry date lies before the date concluded', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(screen.getByLabelText('Varighed (måneder)'), '12');
    expect(screen.getByLabelText('Varighed (måneder)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Varighed (måneder)')).toHaveAccessibleDescription('Måneder skal være 0–11');
    await user.type(screen.getByLabelText('Indgået'), '2026-05-01');
    await user.type(screen.getByLabelText('Udløber'), '2026-04-30');
    expect(screen.getByLabelText('Udløber')).toHaveAccessibleDescription('Udløbsdatoen må ikke ligge før indgåelsesdatoen');
  });

  it('offers the notice periods and end-of-period rules, and writes them as the API expects', async () => {
    const user = userEvent.setup();
    let latest = emptyTerms;
    render(<Harness onValues={(v) => (latest = v)} />);
    const notice = screen.getByLabelText('Opsigelsesfrist (måneder)');
    expect(
      within(notice)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['—', '3', '6']);
    await user.selectOptions(notice, '6');
    await user.selectOptions(screen.getByLabelText('Opsigelse til udgangen af'), 'Kvartal');
    expect(termsToWrite(latest).termination).toEqual({
      terminatedAt: null,
      terms: { noticePeriodMonthsUuid: options.noticePeriods[1].uuid, noticePeriodExtendsCurrent: false, noticeByEndOf: 'EndOfQuarter' },
    });
  });

  it("shows the server's problem at the offending field", () => {
    const error = new ApiError(400, {
      title: 'Bad Request',
      status: 400,
      errors: [{ field: 'termination.terms.noticePeriodMonthsUuid', message: 'the option is not available in the organisation' }],
    });
    render(<Harness error={error} />);
    expect(screen.getByLabelText('Opsigelsesfrist (måneder)')).toHaveAccessibleDescription(
      'the option is not available in the organisation',
    );
  });
});

describe('the derived deadlines', () => {
  it('marks a deadline within 90 days with a badge in words, a passed one as overdue, a later one without a badge', () => {
    render(
      <ContractDeadlines
        today="2026-01-15"
        deadlines={{
          noticeDeadline: '2026-03-31',
          endIfNoticeToday: '2026-06-30',
          irrevocableUntil: '2026-01-10',
          nextExtensionOptionDate: null,
          terminationEffectiveDate: null,
        }}
      />,
    );
    const notice = screen.getByText('Seneste opsigelsesdag').closest('div')!;
    expect(notice).toHaveTextContent('31. mar. 2026');
    expect(within(notice).getByText('Inden for 90 dage')).toHaveClass('badge');
    const end = screen.getByText('Slutdato ved opsigelse i dag').closest('div')!;
    expect(end.querySelector('.badge')).toBeNull();
    expect(within(screen.getByText('Uopsigelig til').closest('div')!).getByText('Overskredet')).toBeInTheDocument();
    expect(screen.queryByText('Næste option skal udnyttes senest')).toBeNull();
  });

  it('counts days in Danish calendar days', () => {
    expect(urgencyOf('2026-04-15', '2026-01-15')).toBe('soon');
    expect(urgencyOf('2026-04-16', '2026-01-15')).toBe('later');
    expect(urgencyOf('2026-01-14', '2026-01-15')).toBe('overdue');
    expect(urgencyOf(null, '2026-01-15')).toBeUndefined();
  });
});
