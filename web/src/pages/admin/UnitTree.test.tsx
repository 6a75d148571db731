import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { UnitTree } from './UnitTree';
import { moveTargets, type Unit } from './unit-tree';

const unit = (uuid: string, name: string, parent?: Unit): Unit => ({
  uuid,
  name,
  parentOrganizationUnit: parent ? { uuid: parent.uuid, name: parent.name } : null,
  ean: null,
  unitId: null,
  origin: 'Kitos',
  lastModified: '2026-12-01T00:00:00.000Z',
  version: 1,
});
const root = unit('00000000-0000-4000-8000-000000000001', 'Vejle Kommune');
const citizens = unit('00000000-0000-4000-8000-000000000002', 'Borgerservice', root);
const passports = unit('00000000-0000-4000-8000-000000000003', 'Pas og kørekort', citizens);
const it = unit('00000000-0000-4000-8000-000000000004', 'IT-afdelingen', root);
const units = [passports, root, it, citizens];

function renderTree(onMove = vi.fn().mockResolvedValue(undefined)) {
  render(<UnitTree units={units} onMove={onMove} onRename={vi.fn()} onDelete={vi.fn()} onShowRoles={vi.fn()} />);
  return onMove;
}

describe('the unit tree [organisationsenheder]', () => {
  test('nests units under their parents, sorted by name', () => {
    renderTree();
    const top = screen.getAllByRole('list')[0]!;
    const rootItem = within(top).getAllByRole('listitem')[0]!;
    expect(rootItem).toHaveTextContent(/^Vejle Kommune/);
    const children = within(rootItem).getAllByRole('list')[0]!;
    expect([...children.children].map((li) => li.querySelector('.unit-name')?.textContent)).toEqual(['Borgerservice', 'IT-afdelingen']);
  });

  test('moves a unit with the keyboard through "move to …", offering neither itself, its own units nor its current parent', async () => {
    const user = userEvent.setup();
    const onMove = renderTree();
    const actions = screen.getByRole('group', { name: 'Handlinger for Borgerservice' });
    await user.click(within(actions).getByRole('button', { name: 'Flyt til …' }));
    const select = screen.getByLabelText('Flyt Borgerservice til');
    const offered = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(offered).toEqual(['Vælg ny overordnet enhed', '– IT-afdelingen']);
    select.focus();
    await user.selectOptions(select, it.uuid);
    await user.keyboard('{Tab}{Enter}');
    expect(onMove).toHaveBeenCalledWith(citizens, it.uuid);
    expect(screen.queryByLabelText('Flyt Borgerservice til')).toBeNull();
  });

  test('keeps the form open with the server’s reason at the field when the move is refused', async () => {
    const user = userEvent.setup();
    const refused = new ApiError(400, {
      title: 'Bad Request',
      status: 400,
      errors: [{ field: 'parentUuid', message: 'En enhed kan ikke flyttes ind under sig selv' }],
    });
    renderTree(vi.fn().mockRejectedValue(refused));
    const actions = screen.getByRole('group', { name: 'Handlinger for Pas og kørekort' });
    await user.click(within(actions).getByRole('button', { name: 'Flyt til …' }));
    await user.selectOptions(screen.getByLabelText('Flyt Pas og kørekort til'), 'Vejle Kommune');
    await user.click(screen.getByRole('button', { name: 'Flyt' }));
    expect(screen.getByLabelText('Flyt Pas og kørekort til')).toHaveAccessibleDescription('En enhed kan ikke flyttes ind under sig selv');
    expect(screen.getByRole('alert')).toHaveTextContent('En enhed kan ikke flyttes ind under sig selv');
  });

  test('offers no move for the root, and everything outside the unit’s own subtree for a leaf', () => {
    expect(moveTargets(units, root.uuid)).toEqual([]);
    expect(moveTargets(units, passports.uuid).map((n) => n.unit.name)).toEqual(['Vejle Kommune', 'IT-afdelingen']);
    render(<UnitTree units={units} onMove={vi.fn()} onRename={vi.fn()} onDelete={vi.fn()} onShowRoles={vi.fn()} />);
    const rootActions = screen.getByRole('group', { name: 'Handlinger for Vejle Kommune' });
    expect(within(rootActions).queryByRole('button', { name: 'Flyt til …' })).toBeNull();
  });
});
