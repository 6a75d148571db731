import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, type Schemas } from '../../api/client';
import { GdprForm } from './GdprForm';

const EMPTY: Schemas['UsageGdprResponse'] = {
  usageUuid: '00000000-0000-4000-8000-000000000001',
  organizationContext: { uuid: '00000000-0000-4000-8000-000000000002', name: 'Vejle Kommune' },
  systemContext: { uuid: '00000000-0000-4000-8000-000000000003', name: 'ESDH' },
  purpose: null,
  businessCritical: null,
  hostedAt: null,
  directoryDocumentation: null,
  dataSensitivityLevels: [],
  sensitivePersonData: [],
  specificPersonalData: [],
  registeredDataCategories: [],
  technicalPrecautionsInPlace: null,
  technicalPrecautionsApplied: [],
  technicalPrecautionsDocumentation: null,
  userSupervision: null,
  userSupervisionDate: null,
  userSupervisionDocumentation: null,
  riskAssessmentConducted: null,
  riskAssessmentConductedDate: null,
  riskAssessmentResult: null,
  riskAssessmentDocumentation: null,
  riskAssessmentNotes: null,
  plannedRiskAssessmentDate: null,
  dpiaConducted: null,
  dpiaDate: null,
  dpiaDocumentation: null,
  retentionPeriodDefined: null,
  nextDataRetentionEvaluationDate: null,
  dataRetentionEvaluationFrequencyInMonths: null,
  lastModified: null,
  version: 0,
};

describe('the GDPR yes-gates', () => {
  it('shows the DPIA date only while "DPIA done" is answered yes', () => {
    render(<GdprForm gdpr={EMPTY} canEdit onSave={() => undefined} />);
    const dpia = screen.getByLabelText('Gennemført DPIA / konsekvensanalyse');
    expect(screen.queryByLabelText('Dato for DPIA')).not.toBeInTheDocument();

    fireEvent.change(dpia, { target: { value: 'Yes' } });
    expect(screen.getByLabelText('Dato for DPIA')).toBeInTheDocument();

    fireEvent.change(dpia, { target: { value: 'No' } });
    expect(screen.queryByLabelText('Dato for DPIA')).not.toBeInTheDocument();
  });

  it('shows the risk assessment fields under a yes, and keeps the planned date whatever the answer', () => {
    render(<GdprForm gdpr={{ ...EMPTY, riskAssessmentConducted: 'Yes', riskAssessmentResult: 'High' }} canEdit onSave={() => undefined} />);
    expect(screen.getByLabelText('Hvad viste seneste risikovurdering?')).toHaveValue('High');
    fireEvent.change(screen.getByLabelText('Foretaget risikovurdering'), { target: { value: 'DontKnow' } });
    expect(screen.queryByLabelText('Hvad viste seneste risikovurdering?')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Dato for planlagt risikovurdering')).toBeInTheDocument();
  });

  it('sends a gated field only while its question is yes, so that a no clears it on the server', () => {
    const onSave = vi.fn();
    render(<GdprForm gdpr={{ ...EMPTY, dpiaConducted: 'Yes', dpiaDate: '2024-02-01' }} canEdit onSave={onSave} />);
    fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ dpiaConducted: 'Yes', dpiaDate: '2024-02-01' }));

    fireEvent.change(screen.getByLabelText('Gennemført DPIA / konsekvensanalyse'), { target: { value: 'No' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gem' }));
    const body = onSave.mock.lastCall?.[0] as Record<string, unknown>;
    expect(body.dpiaConducted).toBe('No');
    expect(body).not.toHaveProperty('dpiaDate');
  });

  it("shows the server's message at the offending field, tied to its input", () => {
    const error = new ApiError(400, {
      title: 'Bad Request',
      status: 400,
      errors: [{ field: 'dpiaDate', message: 'dpiaDate must be a calendar day' }],
    });
    render(<GdprForm gdpr={{ ...EMPTY, dpiaConducted: 'Yes' }} canEdit error={error} onSave={() => undefined} />);
    const input = screen.getByLabelText('Dato for DPIA');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('dpiaDate must be a calendar day');
    expect(screen.getByRole('link', { name: 'dpiaDate must be a calendar day' })).toHaveAttribute('href', '#field-dpiaDate');
  });

  it('is read-only without the right to change it', () => {
    render(<GdprForm gdpr={{ ...EMPTY, dpiaConducted: 'Yes' }} canEdit={false} onSave={() => undefined} />);
    expect(screen.getByLabelText('Gennemført DPIA / konsekvensanalyse')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Gem' })).not.toBeInTheDocument();
  });
});
