import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, type Schemas } from '../../api/client';
import { RelationForm, relationProblems } from './RelationForm';

const TARGETS = [
  { value: '00000000-0000-4000-8000-0000000000a1', label: 'ESDH' },
  { value: '00000000-0000-4000-8000-0000000000a2', label: 'Ydelsessystem' },
];
const FREQUENCIES = [{ value: '00000000-0000-4000-8000-0000000000f1', label: 'Dagligt' }];
const CONTRACTS = [{ value: '00000000-0000-4000-8000-0000000000c1', label: 'Driftsaftale' }];

function renderForm(props: Partial<Parameters<typeof RelationForm>[0]> = {}) {
  const onSave = vi.fn();
  const onTargetChange = vi.fn();
  render(
    <RelationForm
      targets={TARGETS}
      interfaces={[]}
      frequencies={FREQUENCIES}
      contracts={CONTRACTS}
      onSave={onSave}
      onCancel={() => undefined}
      onTargetChange={onTargetChange}
      {...props}
    />,
  );
  return { onSave, onTargetChange };
}

describe('the relation form', () => {
  it('requires the target usage and says so at its field instead of sending', () => {
    const { onSave } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Til system (skal udfyldes)')).toHaveAccessibleDescription('Skal udfyldes');
  });

  it('accepts only an http(s) link as reference', () => {
    const { onSave } = renderForm();
    fireEvent.change(screen.getByLabelText('Til system (skal udfyldes)'), { target: { value: TARGETS[0].value } });
    const link = screen.getByLabelText('Reference (link)');
    fireEvent.change(link, { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(link).toHaveAttribute('aria-invalid', 'true');
    expect(relationProblems({ ...empty(), toSystemUsageUuid: 'x', urlReference: 'https://wiki.kommune.dk/x' })).toEqual({});
  });

  it('sends the chosen values, empty choices as null, and clears the interface when the target changes', () => {
    const { onSave, onTargetChange } = renderForm({ interfaces: [{ value: '00000000-0000-4000-8000-0000000000b1', label: 'Sags-API' }] });
    fireEvent.change(screen.getByLabelText('Til system (skal udfyldes)'), { target: { value: TARGETS[1].value } });
    expect(onTargetChange).toHaveBeenCalledWith(TARGETS[1].value);
    fireEvent.change(screen.getByLabelText('Snitflade'), { target: { value: '00000000-0000-4000-8000-0000000000b1' } });
    fireEvent.change(screen.getByLabelText('Frekvens'), { target: { value: FREQUENCIES[0].value } });
    fireEvent.change(screen.getByLabelText('Beskrivelse'), { target: { value: '  Sagsdata dagligt  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(onSave).toHaveBeenLastCalledWith({
      toSystemUsageUuid: TARGETS[1].value,
      relationInterfaceUuid: '00000000-0000-4000-8000-0000000000b1',
      relationFrequencyUuid: FREQUENCIES[0].value,
      associatedContractUuid: null,
      description: 'Sagsdata dagligt',
      urlReference: null,
    });

    fireEvent.change(screen.getByLabelText('Til system (skal udfyldes)'), { target: { value: TARGETS[0].value } });
    expect(screen.getByLabelText('Snitflade')).toHaveValue('');
  });

  it('starts from the relation it edits', () => {
    const relation: Schemas['OutgoingSystemRelationResponse'] = {
      uuid: '00000000-0000-4000-8000-0000000000e1',
      toSystemUsage: { uuid: TARGETS[0].value, name: 'ESDH' },
      relationInterface: null,
      associatedContract: { uuid: CONTRACTS[0].value, name: 'Driftsaftale' },
      relationFrequency: null,
      description: 'Journalisering',
      urlReference: 'https://wiki.kommune.dk/esdh',
      lastModified: '2026-01-01T00:00:00.000Z',
      version: 3,
    };
    renderForm({ relation });
    expect(screen.getByRole('heading', { name: 'Rediger relationen til ESDH' })).toBeInTheDocument();
    expect(screen.getByLabelText('Kontrakt')).toHaveValue(CONTRACTS[0].value);
    expect(screen.getByLabelText('Beskrivelse')).toHaveValue('Journalisering');
  });

  it("shows the server's problem at the offending field", () => {
    const error = new ApiError(422, {
      title: 'Unprocessable',
      status: 422,
      errors: [{ field: 'relationInterfaceUuid', message: 'The interface is not exposed by the target system' }],
    });
    renderForm({ error });
    expect(screen.getByLabelText('Snitflade')).toHaveAccessibleDescription(
      expect.stringContaining('The interface is not exposed by the target system'),
    );
  });
});

function empty() {
  return {
    toSystemUsageUuid: '',
    relationInterfaceUuid: '',
    relationFrequencyUuid: '',
    associatedContractUuid: '',
    description: '',
    urlReference: '',
  };
}
