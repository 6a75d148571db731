import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { JournalPeriodForm } from './JournalPeriodForm';

function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('the journal period form', () => {
  it('requires archive id, start and end, each said at its field', () => {
    const onSave = vi.fn();
    render(<JournalPeriodForm onSave={onSave} onCancel={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(onSave).not.toHaveBeenCalled();
    for (const label of ['Arkiverings-ID (skal udfyldes)', 'Startdato (skal udfyldes)', 'Slutdato (skal udfyldes)'])
      expect(screen.getByLabelText(label)).toHaveAccessibleDescription('Skal udfyldes');
  });

  it('refuses an end before the start', () => {
    const onSave = vi.fn();
    render(<JournalPeriodForm onSave={onSave} onCancel={() => undefined} />);
    fill({
      'Arkiverings-ID (skal udfyldes)': 'AVID.SA.18001',
      'Startdato (skal udfyldes)': '2020-01-01',
      'Slutdato (skal udfyldes)': '2019-12-31',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Slutdato (skal udfyldes)')).toHaveAccessibleDescription('Slutdatoen må ikke ligge før startdatoen');
  });

  it('asks for the approval date only for an approved period, and sends it only then', () => {
    const onSave = vi.fn();
    render(<JournalPeriodForm onSave={onSave} onCancel={() => undefined} />);
    fill({
      'Arkiverings-ID (skal udfyldes)': ' AVID.SA.18001 ',
      'Startdato (skal udfyldes)': '2015-01-01',
      'Slutdato (skal udfyldes)': '2019-12-31',
    });
    expect(screen.queryByLabelText('Godkendt den')).not.toBeInTheDocument();
    fill({ Status: 'Approved' });
    fill({ 'Godkendt den': '2020-06-30' });
    fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(onSave).toHaveBeenLastCalledWith({
      archiveId: 'AVID.SA.18001',
      startDate: '2015-01-01',
      endDate: '2019-12-31',
      status: 'Approved',
      approvalDate: '2020-06-30',
    });
    fill({ Status: 'Delivered' });
    expect(screen.queryByLabelText('Godkendt den')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'Delivered', approvalDate: null }));
  });

  it("shows the server's overlap problem at the start date and a conflict with a reload", () => {
    const overlap = new ApiError(422, {
      title: 'Unprocessable',
      status: 422,
      errors: [{ field: 'startDate', message: 'The period overlaps AVID.SA.17001' }],
    });
    const { rerender } = render(<JournalPeriodForm error={overlap} onSave={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByLabelText('Startdato (skal udfyldes)')).toHaveAccessibleDescription('The period overlaps AVID.SA.17001');

    const onReload = vi.fn();
    rerender(
      <JournalPeriodForm
        error={new ApiError(412, { title: 'Precondition Failed', status: 412 })}
        onSave={() => undefined}
        onCancel={() => undefined}
        onReload={onReload}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Hent nyeste' }));
    expect(onReload).toHaveBeenCalled();
  });
});
