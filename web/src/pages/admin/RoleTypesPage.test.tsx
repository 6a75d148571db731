import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../../api/client';
import { RoleTypesPage } from './RoleTypesPage';

const ORG = '00000000-0000-4000-8000-0000000000a1';
let globalAdmin = false;
vi.mock('../../auth/session', () => ({
  useSession: () => ({ isGlobalAdmin: globalAdmin, hasRole: () => true }),
  useSignedIn: () => ({ current: { organization: { uuid: ORG } } }),
}));
vi.mock('./AdminFrame', () => ({ AdminFrame: ({ children }: { children: ReactNode }) => children }));

const role = (version: number, changes: Partial<Schemas['LocalRoleTypeResponse']> = {}): Schemas['LocalRoleTypeResponse'] => ({
  uuid: '00000000-0000-4000-8000-0000000000c1',
  objectType: 'ItContract',
  name: 'Kontraktejer',
  description: 'Ejer kontrakten',
  descriptionEn: null,
  hasReadAccess: true,
  hasWriteAccess: true,
  isEnabled: true,
  practiceRuleIds: [],
  builtIn: true,
  disabledInOrganizationUuids: [],
  isLocallyEnabled: true,
  version,
  ...changes,
});
const answer = (status: number, body: unknown) => ({
  data: status < 400 ? body : undefined,
  error: status < 400 ? undefined : body,
  response: new Response(null, { status }),
});
const conflict = answer(412, { title: 'Precondition Failed', status: 412, detail: 'Role is no longer at version 5' });

function renderPage() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <RoleTypesPage />
    </QueryClientProvider>,
  );
}

describe('the role catalogue [rollekatalog] writes with the role’s version as If-Match', () => {
  it('switching a role off: 412 says someone else changed it, and "Hent nyeste" shows the role as it is now', async () => {
    globalAdmin = false;
    const user = userEvent.setup();
    vi.spyOn(api, 'GET')
      .mockResolvedValueOnce(answer(200, [role(5)]) as never)
      .mockResolvedValueOnce(answer(200, [role(6, { isLocallyEnabled: false })]) as never);
    const patch = vi.spyOn(api, 'PATCH').mockResolvedValue(conflict as never);
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Slå Kontraktejer fra' }));
    expect(await screen.findByText(/En anden har ændret objektet/)).toBeInTheDocument();
    expect(patch).toHaveBeenCalledWith(
      '/api/v2/organizations/{organizationUuid}/role-types/{uuid}',
      expect.objectContaining({ params: expect.objectContaining({ header: { 'If-Match': '"5"' } }) }),
    );
    await user.click(screen.getByRole('button', { name: 'Hent nyeste' }));
    expect(await screen.findByRole('button', { name: 'Slå Kontraktejer til' })).toBeInTheDocument();
    expect(screen.queryByText(/En anden har ændret objektet/)).toBeNull();
  }, 20_000);

  it('the description form (global administrators): 412, then "Hent nyeste" starts the form over from the newest text', async () => {
    globalAdmin = true;
    const user = userEvent.setup();
    vi.spyOn(api, 'GET')
      .mockResolvedValueOnce(answer(200, [role(5)]) as never)
      .mockResolvedValueOnce(answer(200, [role(6, { description: 'Ejer og forvalter kontrakten' })]) as never);
    const patch = vi.spyOn(api, 'PATCH').mockResolvedValue(conflict as never);
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Rediger Kontraktejer' }));
    const form = screen.getByRole('form', { name: 'Rediger Kontraktejer' });
    await user.type(within(form).getByLabelText(/^Beskrivelse \(dansk\)/), ' og mere');
    await user.click(within(form).getByRole('button', { name: 'Gem' }));
    expect(await within(form).findByText(/En anden har ændret objektet/)).toBeInTheDocument();
    expect(patch).toHaveBeenCalledWith(
      '/api/v2/role-types/{uuid}',
      expect.objectContaining({ params: expect.objectContaining({ header: { 'If-Match': '"5"' } }) }),
    );
    await user.click(within(form).getByRole('button', { name: 'Hent nyeste' }));
    const fresh = await screen.findByRole('form', { name: 'Rediger Kontraktejer' });
    expect(await within(fresh).findByDisplayValue('Ejer og forvalter kontrakten')).toBeInTheDocument();
    expect(within(fresh).queryByText(/En anden har ændret objektet/)).toBeNull();
  }, 20_000);
});
