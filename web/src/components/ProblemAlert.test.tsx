import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { Field } from './Field';
import { fieldError, ProblemAlert } from './ProblemAlert';

const invalid = new ApiError(400, {
  title: 'Bad Request',
  status: 400,
  detail: 'The request is invalid',
  correlationId: 'c-1',
  errors: [{ field: 'general.name', message: 'name must not be empty' }],
});

describe('problem responses in forms', () => {
  it('lists each offending field with a link to its input and the correlation id to quote', () => {
    render(<ProblemAlert error={invalid} />);
    const link = screen.getByRole('link', { name: 'name must not be empty' });
    expect(link).toHaveAttribute('href', '#field-general.name');
    expect(screen.getByRole('alert')).toHaveTextContent('Fejlreference: c-1');
  });

  it('shows the server message at the field, tied to the input for screen readers', () => {
    render(<Field name="general.name" label="Navn" error={fieldError(invalid, 'general.name')} defaultValue="" />);
    const input = screen.getByLabelText('Navn');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('name must not be empty');
  });

  it('explains a 412 as someone else having changed the object, with a way to load the latest', () => {
    render(<ProblemAlert error={new ApiError(412, { title: 'Precondition Failed', status: 412 })} onReload={() => undefined} />);
    expect(screen.getByRole('alert')).toHaveTextContent('En anden har ændret objektet');
    expect(screen.getByRole('button', { name: 'Hent nyeste' })).toBeInTheDocument();
  });

  it('links to and focuses the input of a form that prefixes its ids, in its own form', async () => {
    const user = userEvent.setup();
    const problem = new ApiError(400, {
      title: 'Bad Request',
      status: 400,
      errors: [{ field: 'name', message: 'name must not be empty' }],
    });
    render(
      <>
        <form aria-label="Rediger">
          <Field name="edit-r1.name" label="Navn" defaultValue="" />
        </form>
        <form aria-label="Opret">
          <ProblemAlert error={problem} />
          <Field name="new.name" label="Navn" error={fieldError(problem, 'name')} defaultValue="" />
        </form>
      </>,
    );
    const link = screen.getByRole('link', { name: 'name must not be empty' });
    expect(link).toHaveAttribute('href', '#field-new.name');
    await user.click(link);
    expect(screen.getByRole('form', { name: 'Opret' }).querySelector('input')).toHaveFocus();
  }, 20_000); // clicks are slow on the shared test machine

  it('finds the prefixed input that shows the error when the alert is outside the forms, and focuses a group by its first control', async () => {
    const user = userEvent.setup();
    const problem = new ApiError(400, {
      title: 'Bad Request',
      status: 400,
      errors: [
        { field: 'completedAt', message: 'must be a date' },
        { field: 'general.dataProcessorUuids', message: 'unknown organisation' },
      ],
    });
    render(
      <>
        <ProblemAlert error={problem} />
        <Field name="edit-d1.completedAt" label="Dato" defaultValue="" />
        <Field name="new.completedAt" label="Ny dato" error={fieldError(problem, 'completedAt')} defaultValue="" />
        <fieldset id="field-general.dataProcessorUuids">
          <legend>Databehandlere</legend>
          <input aria-label="Søg" />
        </fieldset>
      </>,
    );
    const date = screen.getByRole('link', { name: 'must be a date' });
    expect(date).toHaveAttribute('href', '#field-new.completedAt');
    await user.click(date);
    expect(screen.getByLabelText('Ny dato')).toHaveFocus();
    await user.click(screen.getByRole('link', { name: 'unknown organisation' }));
    expect(screen.getByLabelText('Søg')).toHaveFocus();
  }, 20_000);
});
