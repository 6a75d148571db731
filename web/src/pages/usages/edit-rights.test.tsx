import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import { SessionProvider } from '../../auth/session';
import { useUsageEditRights } from './edit-rights';

const USAGE = '00000000-0000-4000-8000-0000000000a1';

/** The API's permissions answers, by path; a user without any organisation role (no session here: hasRole is false). */
function answer(modify: Record<string, boolean>) {
  return vi.spyOn(api, 'GET').mockImplementation(((path: string) =>
    Promise.resolve({
      data: { read: true, modify: modify[path], delete: modify[path] },
      response: new Response(null, { status: 200 }),
    })) as unknown as typeof api.GET);
}

function wrapper({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <SessionProvider>{children}</SessionProvider>
    </QueryClientProvider>
  );
}

describe("a usage's edit rights", () => {
  it("follow the usage's permissions: a per-usage role with write access edits the usage's tabs without an organisation role", async () => {
    const get = answer({
      '/api/v2/it-system-usages/{uuid}/permissions': true,
      '/api/v2/it-system-usage-archives/{uuid}/permissions': false,
    });
    const { result } = renderHook(() => useUsageEditRights(USAGE, 3), { wrapper });
    expect(result.current).toBeUndefined(); // nothing editable before the answers are in
    await waitFor(() => expect(result.current).toEqual({ usage: true, archive: false, gdprAndRelations: false }));
    expect(get).toHaveBeenCalledWith('/api/v2/it-system-usages/{uuid}/permissions', { params: { path: { uuid: USAGE } } });
    expect(get).toHaveBeenCalledWith('/api/v2/it-system-usage-archives/{uuid}/permissions', { params: { path: { uuid: USAGE } } });
  });

  it('are read-only where the API says no', async () => {
    answer({ '/api/v2/it-system-usages/{uuid}/permissions': false, '/api/v2/it-system-usage-archives/{uuid}/permissions': true });
    const { result } = renderHook(() => useUsageEditRights(USAGE, 1), { wrapper });
    await waitFor(() => expect(result.current).toEqual({ usage: false, archive: true, gdprAndRelations: false }));
  });
});
