import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../../api/client';
import { RulePackPage } from './RulePackPage';

vi.mock('../../auth/session', () => ({ useSession: () => ({ isGlobalAdmin: true }) }));

const rule = (title: string): Schemas['DataQualityRule'] => ({
  id: 'contract-has-notice',
  module: 'contracts',
  level: 'quality',
  title,
  description: 'Opsigelsesfristen er registreret.',
  enabled: true,
  check: { type: 'required', params: { field: 'data.noticePeriodMonths' } },
});
const pack = (version: number, title: string) => ({ version, basedOn: 'KITOS', createdAt: '2026-12-01T10:00:00Z', rules: [rule(title)] });
const answer = (status: number, body: unknown, etag?: string) => ({
  data: status < 400 ? body : undefined,
  error: status < 400 ? undefined : body,
  response: new Response(null, { status, headers: etag ? { etag } : {} }),
});

describe('the rule pack page [regelsæt] saves with If-Match', () => {
  it('sends the ETag it read; on 412 it says someone else saved first, and "Hent nyeste" shows their version', async () => {
    const user = userEvent.setup();
    const get = vi
      .spyOn(api, 'GET')
      .mockResolvedValueOnce(answer(200, pack(3, 'Kontrakten har en opsigelsesfrist'), '"3"') as never)
      .mockResolvedValueOnce(answer(200, pack(4, 'Opsigelsesfristen er udfyldt'), '"4"') as never);
    const put = vi
      .spyOn(api, 'PUT')
      .mockResolvedValue(
        answer(412, { title: 'Precondition Failed', status: 412, detail: 'The rule pack is no longer at version 3' }) as never,
      );
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
        <RulePackPage />
      </QueryClientProvider>,
    );
    const title = await screen.findByDisplayValue('Kontrakten har en opsigelsesfrist');
    await user.clear(title);
    await user.type(title, 'Min titel');
    await user.click(screen.getByRole('button', { name: 'Gem som ny version' }));

    expect(await screen.findByText(/En anden har ændret objektet/)).toBeInTheDocument();
    expect(put).toHaveBeenCalledWith(
      '/api/v2/data-quality/rule-pack',
      expect.objectContaining({ params: { header: { 'If-Match': '"3"' } }, body: expect.objectContaining({ version: 3 }) }),
    );
    await user.click(screen.getByRole('button', { name: 'Hent nyeste' }));
    expect(await screen.findByDisplayValue('Opsigelsesfristen er udfyldt')).toBeInTheDocument();
    expect(screen.queryByText(/En anden har ændret objektet/)).toBeNull();
    expect(get).toHaveBeenCalledTimes(2);
  }, 20_000); // typing is slow on the shared test machine
});
