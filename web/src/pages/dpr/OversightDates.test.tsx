import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { OversightDates } from './OversightDates';

const D1 = '00000000-0000-4000-8000-0000000000d1';
const dates = [{ uuid: D1, completedAt: '2026-03-01', remark: 'Revisionserklæring modtaget', oversightReportLink: null }];
const handlers = () => ({ onAdd: vi.fn(), onUpdate: vi.fn(), onDelete: vi.fn() });

describe('the oversight dates [gennemførte tilsyn]', () => {
  it('shows the next oversight and the dates, and adds a date with its remark', async () => {
    const user = userEvent.setup();
    const on = handlers();
    render(<OversightDates dates={dates} nextOversightDate="2027-03-01" completed canEdit {...on} />);
    expect(screen.getByText('Næste tilsyn:').parentElement!.querySelector('time')).toHaveAttribute('datetime', '2027-03-01');
    expect(
      within(screen.getByRole('table', { name: 'Gennemførte tilsyn' })).getByRole('row', { name: /1\. mar\. 2026/ }),
    ).toHaveTextContent('Revisionserklæring modtaget');
    const add = screen.getByRole('form', { name: 'Tilføj tilsyn' });
    await user.type(within(add).getByLabelText('Dato'), '2026-11-15');
    await user.type(within(add).getByLabelText('Bemærkning'), 'Fysisk tilsyn');
    await user.click(within(add).getByRole('button', { name: 'Tilføj tilsyn' }));
    expect(on.onAdd).toHaveBeenCalledWith({ completedAt: '2026-11-15', remark: 'Fysisk tilsyn' });
    expect(within(add).getByLabelText('Dato')).toHaveValue('');
  });

  it('requires the date at the field before anything is sent', async () => {
    const user = userEvent.setup();
    const on = handlers();
    render(<OversightDates dates={[]} nextOversightDate={null} completed canEdit {...on} />);
    await user.click(screen.getByRole('button', { name: 'Tilføj tilsyn' }));
    expect(screen.getByLabelText('Dato')).toHaveAccessibleDescription('Angiv datoen for tilsynet');
    expect(on.onAdd).not.toHaveBeenCalled();
    expect(screen.getByText(/Ingen – angiv tilsynsinterval/)).toBeInTheDocument();
  });

  it('edits and deletes a date by its uuid', async () => {
    const user = userEvent.setup();
    const on = handlers();
    render(<OversightDates dates={dates} nextOversightDate="2027-03-01" completed canEdit {...on} />);
    await user.click(screen.getByRole('button', { name: 'Rediger tilsyn 1. mar. 2026' }));
    const edit = screen.getByRole('form', { name: 'Rediger tilsyn 1. mar. 2026' });
    await user.clear(within(edit).getByLabelText('Bemærkning'));
    await user.click(within(edit).getByRole('button', { name: 'Gem' }));
    expect(on.onUpdate).toHaveBeenCalledWith(D1, { completedAt: '2026-03-01', remark: null });
    await user.click(screen.getByRole('button', { name: 'Slet tilsyn 1. mar. 2026' }));
    expect(on.onDelete).toHaveBeenCalledWith(D1);
  });

  it("shows the server's problem at the date, and offers no changes without the right or before oversight is completed", () => {
    const error = new ApiError(400, { title: 'Bad Request', status: 400, errors: [{ field: 'completedAt', message: 'must be a date' }] });
    const { unmount } = render(<OversightDates dates={[]} nextOversightDate={null} completed canEdit error={error} {...handlers()} />);
    expect(screen.getByLabelText('Dato')).toHaveAccessibleDescription('must be a date');
    unmount();
    const { unmount: again } = render(<OversightDates dates={dates} nextOversightDate={null} completed={false} canEdit {...handlers()} />);
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getByText(/Svar ja til "Gennemført tilsyn"/)).toBeInTheDocument();
    again();
    render(<OversightDates dates={dates} nextOversightDate={null} completed canEdit={false} {...handlers()} />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
