import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../api/client';
import { RoleHandover } from './RoleHandover';

type User = Schemas['UserResponse'];
const person = (uuid: string, name: string, roles: User['roles']): User => ({
  uuid,
  firstName: name.split(' ')[0]!,
  lastName: name.split(' ')[1]!,
  name,
  email: `${name.split(' ')[0]!.toLowerCase()}@vejle.dk`,
  phoneNumber: null,
  hasApiAccess: false,
  hasStakeholderAccess: false,
  isSystemIntegrator: false,
  isGlobalAdmin: false,
  rights: [],
  apiAccess: false,
  roles,
  version: 1,
});
const leaver = person('00000000-0000-4000-8000-00000000000a', 'Lene Fratræder', ['User', 'SystemModuleAdmin']);
const successor = person('00000000-0000-4000-8000-00000000000b', 'Søren Efterfølger', ['User']);

const result: Schemas['RoleHandoverResponse'] = {
  ...successor,
  roles: ['User', 'SystemModuleAdmin'],
  handover: {
    organizationRoles: ['User', 'SystemModuleAdmin'],
    objects: [
      {
        objectType: 'ItSystemUsage',
        uuid: '00000000-0000-4000-8000-0000000000c1',
        name: 'ESDH',
        roles: [{ roleUuid: '00000000-0000-4000-8000-0000000000d1', roleName: 'Systemejer' }],
      },
    ],
    removedFromLeaver: true,
  },
};

describe('the leaver handover [fratrædelse]', () => {
  it('lists what will move before anything happens, and hands over only after the confirmation', async () => {
    const user = userEvent.setup();
    const onHandover = vi.fn().mockResolvedValue(result);
    render(
      <RoleHandover
        leaver={leaver}
        candidates={[leaver, successor]}
        unitRoles={[
          {
            unit: { uuid: '00000000-0000-4000-8000-0000000000e1', name: 'Borgerservice' },
            role: { uuid: '00000000-0000-4000-8000-0000000000e2', name: 'Enhedsleder' },
            user: { uuid: leaver.uuid, name: leaver.name },
          },
        ]}
        onHandover={onHandover}
      />,
    );
    const receiver = screen.getByLabelText('Modtager (efterfølger)');
    expect(within(receiver).queryByRole('option', { name: /Lene/ })).toBeNull();
    await user.selectOptions(receiver, 'Søren Efterfølger (søren@vejle.dk)');
    await user.click(screen.getByRole('button', { name: 'Overdrag roller' }));

    const confirmation = screen.getByRole('region', { name: 'Bekræft overdragelse af roller' });
    expect(confirmation).toHaveTextContent('Disse roller flyttes fra Lene Fratræder til Søren Efterfølger og fjernes fra Lene Fratræder');
    const moving = within(confirmation).getByRole('list', { name: 'Roller i organisationen' });
    expect(
      within(moving)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Bruger', 'Systemadministrator']);
    const units = within(confirmation).getByRole('list', { name: 'Roller på organisationsenheder' });
    expect(
      within(units)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Enhedsleder på Borgerservice']);
    expect(screen.getByRole('heading', { name: 'Bekræft overdragelse af roller' })).toHaveFocus();
    expect(onHandover).not.toHaveBeenCalled();

    await user.click(within(confirmation).getByRole('button', { name: 'Ja, overdrag' }));
    expect(onHandover).toHaveBeenCalledWith('transfer', successor.uuid);
    const done = await screen.findByRole('status');
    expect(done).toHaveTextContent('Rollerne er overdraget til Søren Efterfølger.');
    expect(within(done).getByRole('row', { name: /ESDH/ })).toHaveTextContent('IT-system i anvendelseESDHSystemejer');
    expect(screen.queryByRole('region', { name: /Bekræft/ })).toBeNull();
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const user = userEvent.setup();
    const onHandover = vi.fn();
    render(<RoleHandover leaver={leaver} candidates={[leaver, successor]} unitRoles={[]} onHandover={onHandover} />);
    await user.selectOptions(screen.getByLabelText('Modtager (efterfølger)'), successor.uuid);
    await user.click(screen.getByRole('button', { name: 'Kopiér roller' }));
    const confirmation = screen.getByRole('region', { name: 'Bekræft kopiering af roller' });
    expect(confirmation).toHaveTextContent('(de bliver også hos Lene Fratræder)');
    expect(within(confirmation).queryByRole('list', { name: 'Roller på organisationsenheder' })).toBeNull();
    await user.click(within(confirmation).getByRole('button', { name: 'Annuller' }));
    expect(screen.queryByRole('region', { name: /Bekræft/ })).toBeNull();
    expect(onHandover).not.toHaveBeenCalled();
  });
});
