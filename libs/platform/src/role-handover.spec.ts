import type { RoleHandoverCommand } from '@kitos/contracts';
import { handOverRoles, type RoleAssignmentList, type RoleHoldingObject } from './role-handover';

const ORG = 'org';
const OWNER = { roleUuid: 'owner', roleName: 'Systemejer' };
const USER = { roleUuid: 'user', roleName: 'Superbruger' };
const command = (step: 'add' | 'remove'): RoleHandoverCommand => ({
  organizationUuid: ORG,
  fromUserUuid: 'leaver',
  toUserUuid: 'receiver',
  step,
});

function object(uuid: string, roles: Array<[typeof OWNER, string]>, organizationUuid = ORG): RoleHoldingObject {
  return { uuid, organizationUuid, roles: roles.map(([r, userUuid]) => ({ ...r, userUuid })) };
}

async function run(step: 'add' | 'remove', objects: RoleHoldingObject[]) {
  const saved = new Map<string, RoleAssignmentList>();
  const result = await handOverRoles(
    'ItSystemUsage',
    objects,
    command(step),
    async (o, roles) => {
      saved.set(o.uuid, roles);
    },
    (o) => `name of ${o.uuid}`,
  );
  return { result, saved };
}

describe('handOverRoles', () => {
  it('adds the roles the receiver lacks, lists every role of the leaver, and skips objects without the leaver', async () => {
    const { result, saved } = await run('add', [
      object('a', [
        [OWNER, 'leaver'],
        [USER, 'leaver'],
        [USER, 'receiver'],
      ]),
      object('b', [[OWNER, 'someone']]),
      object('c', [[OWNER, 'leaver']], 'other-org'),
    ]);
    expect(saved).toEqual(
      new Map([
        [
          'a',
          [
            { roleUuid: 'owner', userUuid: 'leaver' },
            { roleUuid: 'user', userUuid: 'leaver' },
            { roleUuid: 'user', userUuid: 'receiver' },
            { roleUuid: 'owner', userUuid: 'receiver' },
          ],
        ],
      ]),
    );
    expect(result).toEqual([{ objectType: 'ItSystemUsage', uuid: 'a', name: 'name of a', roles: [OWNER, USER] }]);
  });

  it('writes nothing when the receiver already holds every role (a re-run)', async () => {
    const { result, saved } = await run('add', [
      object('a', [
        [OWNER, 'leaver'],
        [OWNER, 'receiver'],
      ]),
    ]);
    expect(saved.size).toBe(0);
    expect(result.map((o) => o.roles)).toEqual([[OWNER]]);
  });

  it('removes from the leaver only the roles the receiver holds, so none is lost', async () => {
    const { result, saved } = await run('remove', [
      object('a', [
        [OWNER, 'leaver'],
        [USER, 'leaver'],
        [OWNER, 'receiver'],
      ]),
    ]);
    expect(saved.get('a')).toEqual([
      { roleUuid: 'user', userUuid: 'leaver' },
      { roleUuid: 'owner', userUuid: 'receiver' },
    ]);
    expect(result.map((o) => o.roles)).toEqual([[OWNER]]);
  });
});
