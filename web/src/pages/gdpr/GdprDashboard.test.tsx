import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { GdprDashboard } from './GdprDashboard';

const empty = { count: 0, usages: [] };
const U1 = '11111111-1111-4111-8111-111111111111';
const U2 = '22222222-2222-4222-8222-222222222222';
const DPR = '33333333-3333-4333-8333-333333333333';
const dashboard: Schemas['GdprDashboardResponse'] = {
  organizationUuid: '00000000-0000-4000-8000-000000000000',
  today: '2026-12-07',
  riskAssessmentMaxAgeMonths: 36,
  usageCount: 4,
  personalDataUsageCount: 2,
  personalDataWithoutDpa: { count: 1, usages: [{ usageUuid: U2, systemName: 'Løn og Økonomi' }] },
  missingRiskAssessment: { count: 1, usages: [{ usageUuid: U2, systemName: 'Løn og Økonomi' }] },
  outdatedRiskAssessment: { count: 1, usages: [{ usageUuid: U1, systemName: 'Borgerservice', date: '2020-01-15' }] },
  sensitiveWithoutDpia: empty,
  undefinedRetention: empty,
  overdueOversight: { count: 1, usages: [{ usageUuid: U1, systemName: 'Borgerservice' }] },
  overdueOversightRegistrations: [
    { dataProcessingRegistrationUuid: DPR, name: 'Databehandleraftale – Borgerservice', nextOversightDate: '2021-03-01' },
  ],
  deletionBeforeApprovedArchiving: empty,
};

const section = (name: RegExp) => screen.getByRole('region', { name });

describe('GdprDashboard', () => {
  it('counts each gap and links the summary to its section', () => {
    render(<GdprDashboard dashboard={dashboard} organization="Æblerød Kommune" />);
    const summary = screen.getByRole('table', { name: 'Opgaver' });
    const row = within(summary).getByRole('row', { name: /Personoplysninger uden databehandleraftale/ });
    expect(within(row).getByRole('cell')).toHaveTextContent('1');
    expect(within(row).getByRole('link')).toHaveAttribute('href', '#gdpr-personalDataWithoutDpa');
    expect(within(summary).getByRole('row', { name: /Risikovurdering ældre end 36 måneder/ })).toHaveTextContent('1');
  });

  it('links every usage to fix to its page in the usages area, and an overdue oversight to its registration', () => {
    render(<GdprDashboard dashboard={dashboard} organization="Æblerød Kommune" />);
    expect(within(section(/^Personoplysninger uden databehandleraftale/)).getByRole('link', { name: 'Løn og Økonomi' })).toHaveAttribute(
      'href',
      `/usages/${U2}?tab=gdpr`,
    );
    const outdated = section(/^Risikovurdering ældre end 36 måneder/);
    expect(within(outdated).getByRole('link', { name: 'Borgerservice' })).toHaveAttribute('href', `/usages/${U1}?tab=gdpr`);
    expect(outdated).toHaveTextContent('15. jan. 2020');
    const oversight = section(/^Tilsyn med databehandler overskredet/);
    expect(within(oversight).getByRole('link', { name: 'Databehandleraftale – Borgerservice' })).toHaveAttribute(
      'href',
      `/data-processing/${DPR}#dpr-oversight-heading`,
    );
  });

  it('links a missing agreement to the registration that covers the usage, else to a new registration for it', () => {
    const { unmount } = render(<GdprDashboard dashboard={dashboard} organization="Æblerød Kommune" />);
    const noDpa = () => section(/^Personoplysninger uden databehandleraftale/);
    expect(within(noDpa()).getByRole('link', { name: 'Registrér databehandling for Løn og Økonomi' })).toHaveAttribute(
      'href',
      `/data-processing/new?systemUsageUuid=${U2}`,
    );
    unmount();
    render(
      <GdprDashboard
        dashboard={dashboard}
        organization="Æblerød Kommune"
        registrationsOf={(usage) => (usage === U2 ? [{ uuid: DPR, name: 'Lønaftale' }] : [])}
      />,
    );
    expect(within(noDpa()).getByRole('link', { name: 'Angiv aftalen på Lønaftale' })).toHaveAttribute('href', `/data-processing/${DPR}`);
  });

  it('says so where nothing is missing, with no links', () => {
    render(<GdprDashboard dashboard={dashboard} organization="Æblerød Kommune" />);
    const dpia = section(/^Følsomme oplysninger uden konsekvensanalyse/);
    expect(dpia).toHaveTextContent('Ingen – godt.');
    expect(within(dpia).queryAllByRole('link')).toHaveLength(0);
  });
});
