import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import type { Project } from './data';
import { WorkItems } from './WorkItems';

const PROJECT = {
  uuid: '00000000-0000-4000-8000-0000000000b1',
  milestones: [],
  tasks: [],
  phases: { currentPhase: null, phases: [] },
} as unknown as Project;

function renderItems(kind: 'milestones' | 'tasks') {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <WorkItems kind={kind} project={PROJECT} canEdit reload={() => undefined} />
    </QueryClientProvider>,
  );
}

describe('milestones and tasks [milepæle og opgaver]', () => {
  it("label the name field with the milestone's or task's name, not the project's", () => {
    const { unmount } = renderItems('milestones');
    expect(screen.getByLabelText(/^Milepælens navn/)).toHaveAttribute('id', 'field-milestones.name');
    expect(screen.queryByLabelText(/Projektnavn/)).toBeNull();
    unmount();
    renderItems('tasks');
    expect(screen.getByLabelText(/^Opgavens navn/)).toHaveAttribute('id', 'field-tasks.name');
  });

  it("shows the server's problem at the name, and the summary's link focuses that input (the form prefixes its ids)", async () => {
    const user = userEvent.setup();
    vi.spyOn(api, 'POST').mockResolvedValue({
      error: { title: 'Bad Request', status: 400, errors: [{ field: 'name', message: 'name must not be empty' }] },
      response: new Response(null, { status: 400 }),
    } as unknown as Awaited<ReturnType<typeof api.POST>>);
    renderItems('milestones');
    const form = screen.getByRole('form', { name: 'Tilføj milepæl' });
    await user.type(within(form).getByLabelText(/^Milepælens navn/), 'x');
    await user.click(within(form).getByRole('button', { name: 'Tilføj milepæl' }));
    const link = await within(form).findByRole('link', { name: 'name must not be empty' });
    expect(link).toHaveAttribute('href', '#field-milestones.name');
    await user.click(link);
    expect(within(form).getByLabelText(/^Milepælens navn/)).toHaveFocus();
    expect(within(form).getByLabelText(/^Milepælens navn/)).toHaveAccessibleDescription('name must not be empty');
  }, 20_000); // typing and clicking are slow on the shared test machine
});
