import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { AdminFrame } from './AdminFrame';
import { ORGANIZATION_ROLES, useAllUsers, usersKey, type OrganizationRole } from './data';
import { RoleHandover, type HandoverKind } from './RoleHandover';

/** /admin/users/{uuid}: a user's roles in the organisation, their unit roles, and copying or handing over their roles. */
export function UserPage() {
  const { t } = useTranslation();
  return (
    <AdminFrame title={t('admin.users.title')}>
      <UserAdministration />
    </AdminFrame>
  );
}

function UserAdministration() {
  const { t } = useTranslation();
  const { uuid } = useParams({ from: '/shell/admin/users/$uuid' });
  const organizationUuid = useSignedIn().current.organization.uuid;
  const queries = useQueryClient();
  const path = { organizationUuid, uuid };
  const key = ['admin', 'user', organizationUuid, uuid];
  const user = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v2/organizations/{organizationUuid}/users/{uuid}', { params: { path } })),
  });
  const unitRoles = useQuery({
    queryKey: [...key, 'unit-roles'],
    queryFn: () => unwrap(api.GET('/api/v2/organizations/{organizationUuid}/users/{uuid}/unit-roles', { params: { path } })),
  });
  const everyone = useAllUsers(organizationUuid);
  const [role, setRole] = useState<OrganizationRole | ''>('');
  const [notice, setNotice] = useState<string>();
  const change = useMutation({
    mutationFn: ({ kind, role }: { kind: 'add' | 'remove'; role: OrganizationRole }) =>
      unwrap(
        kind === 'add'
          ? api.POST('/api/v2/organizations/{organizationUuid}/users/{uuid}/roles', { params: { path }, body: { role } })
          : api.DELETE('/api/v2/organizations/{organizationUuid}/users/{uuid}/roles/{role}', { params: { path: { ...path, role } } }),
      ),
    onSuccess: async (next, { kind, role }) => {
      queries.setQueryData(key, next);
      setRole('');
      setNotice(t(kind === 'add' ? 'admin.user.roleAdded' : 'admin.user.roleRemoved', { role: t(`admin.roles.${role}`) }));
      await queries.invalidateQueries({ queryKey: usersKey(organizationUuid) });
    },
  });
  const handover = async (kind: HandoverKind, toUserUuid: string) => {
    const result = await unwrap(
      kind === 'copy'
        ? api.POST('/api/v2/organizations/{organizationUuid}/users/{uuid}/roles/copy', { params: { path }, body: { toUserUuid } })
        : api.POST('/api/v2/organizations/{organizationUuid}/users/{uuid}/roles/transfer', { params: { path }, body: { toUserUuid } }),
    );
    // after a transfer the leaver holds no role here, so the API no longer answers them as a member: the page keeps
    // them with no roles rather than reading them again, so that the handover's result stays on screen
    if (kind === 'transfer') queries.setQueryData<typeof user.data>(key, (leaver) => leaver && { ...leaver, roles: [] });
    const own = JSON.stringify(key);
    await queries.invalidateQueries({ queryKey: ['admin'], predicate: (query) => JSON.stringify(query.queryKey) !== own });
    return result;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (role) change.mutate({ kind: 'add', role });
  };

  if (user.isPending) return <Spinner />;
  if (user.error) return <ProblemAlert error={user.error} />;
  const held = user.data.roles;
  return (
    <>
      <p>
        <Link to="/admin/users">{t('admin.user.back')}</Link>
      </p>
      <h2>{user.data.name}</h2>
      <p>{user.data.email}</p>
      <section aria-labelledby="org-roles-heading">
        <h2 id="org-roles-heading">{t('admin.user.orgRoles')}</h2>
        <div aria-live="polite">
          <SavedNotice show={!!notice && !change.error} message={notice ?? ''} />
        </div>
        <ProblemAlert error={change.error} />
        <ul className="nobullet-list" aria-label={t('admin.user.orgRoles')}>
          {held.map((held) => (
            <li key={held} className="action-bar">
              <span>{t(`admin.roles.${held}`)}</span>
              <button
                type="button"
                className="button button-tertiary"
                disabled={change.isPending}
                onClick={() => change.mutate({ kind: 'remove', role: held })}
              >
                {t('admin.user.removeRole', { role: t(`admin.roles.${held}`) })}
              </button>
            </li>
          ))}
        </ul>
        <form className="inline-form" onSubmit={submit} noValidate aria-busy={change.isPending}>
          <SelectField
            name="role"
            label={t('admin.user.addRole')}
            placeholder={t('admin.units.choose')}
            options={ORGANIZATION_ROLES.filter((r) => !held.includes(r)).map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))}
            value={role}
            error={fieldError(change.error, 'role')}
            onChange={(e) => setRole(e.target.value as OrganizationRole)}
          />
          <button type="submit" className="button button-primary" disabled={!role || change.isPending}>
            {t('admin.user.addSubmit')}
          </button>
        </form>
      </section>
      <section aria-labelledby="unit-roles-heading">
        <h2 id="unit-roles-heading">{t('admin.user.unitRoles')}</h2>
        {unitRoles.isPending ? (
          <Spinner />
        ) : unitRoles.error ? (
          <ProblemAlert error={unitRoles.error} />
        ) : unitRoles.data.length === 0 ? (
          <p>{t('admin.user.noUnitRoles')}</p>
        ) : (
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('admin.user.unit')}</th>
                <th scope="col">{t('admin.user.role')}</th>
              </tr>
            </thead>
            <tbody>
              {unitRoles.data.map((r) => (
                <tr key={`${r.unit.uuid}:${r.role.uuid}`}>
                  <td>{r.unit.name}</td>
                  <td>{r.role.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RoleHandover leaver={user.data} candidates={everyone.data ?? []} unitRoles={unitRoles.data ?? []} onHandover={handover} />
    </>
  );
}
