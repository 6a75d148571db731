import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../../api/client';
import { OptionTypesPage } from './OptionTypesPage';

const ORG = '00000000-0000-4000-8000-0000000000a1';
vi.mock('../../auth/session', () => ({
  useSession: () => ({ isGlobalAdmin: false, hasRole: () => true }),
  useSignedIn: () => ({ current: { organization: { uuid: ORG } } }),
}));
vi.mock('./SettingsFrame', () => ({ SettingsFrame: ({ children }: { children: ReactNode }) => children }));

const value = (version: number, isActive: boolean): Schemas['LocalOptionTypeResponse'] => ({
  uuid: '00000000-0000-4000-8000-0000000000d1',
  kind: 'business-types',
  organizationUuid: ORG,
  name: 'Fagsystem',
  description: 'Systemer til sagsbehandling',
  globalDescription: 'Systemer til sagsbehandling',
  localDescription: null,
  isObligatory: false,
  isEnabled: true,
  isActive,
  isAvailable: isActive,
  priority: 1,
  version,
});
const answer = (status: number, body: unknown) => ({
  data: status < 400 ? body : undefined,
  error: status < 400 ? undefined : body,
  response: new Response(null, { status }),
});

describe('local option values [lokale tilpasninger] are written with their version as If-Match', () => {
  it('deactivating: 412 says someone else changed the value, and "Hent nyeste" shows it as it is now', async () => {
    const user = userEvent.setup();
    vi.spyOn(api, 'GET')
      .mockResolvedValueOnce(answer(200, [value(0, true)]) as never)
      .mockResolvedValueOnce(answer(200, [value(1, false)]) as never);
    const patch = vi
      .spyOn(api, 'PATCH')
      .mockResolvedValue(answer(412, { title: 'Precondition Failed', status: 412, detail: 'no longer at version 0' }) as never);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
        <OptionTypesPage />
      </QueryClientProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Deaktivér Fagsystem' }));
    expect(await screen.findByText(/En anden har ændret objektet/)).toBeInTheDocument();
    expect(patch).toHaveBeenCalledWith(
      '/api/v2/organizations/{organizationUuid}/option-types/{kind}/{uuid}',
      expect.objectContaining({ params: expect.objectContaining({ header: { 'If-Match': '"0"' } }), body: { isActive: false } }),
    );
    await user.click(screen.getByRole('button', { name: 'Hent nyeste' }));
    expect(await screen.findByRole('button', { name: 'Aktivér Fagsystem' })).toBeInTheDocument();
    expect(screen.queryByText(/En anden har ændret objektet/)).toBeNull();
  }, 20_000);
});
