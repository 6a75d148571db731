import { render, screen } from '@testing-library/react';
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
});
