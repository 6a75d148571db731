import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { useAllUsers, useUnitRoleTypes } from './data';
import type { Unit } from './unit-tree';

/** The role holders of one unit [enhedsroller]: the list with "remove", and assigning a role to a user. */
export function UnitRoles({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const organizationUuid = useSignedIn().current.organization.uuid;
  const queries = useQueryClient();
  const key = ['admin', 'unit-roles', organizationUuid, unit.uuid];
  const path = { organizationUuid, uuid: unit.uuid };
  const holders = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v2/organizations/{organizationUuid}/organization-units/{uuid}/roles', { params: { path } })),
  });
  const roleTypes = useUnitRoleTypes(organizationUuid);
  const users = useAllUsers(organizationUuid);
  const [form, setForm] = useState({ roleUuid: '', userUuid: '' });
  const change = useMutation({
    mutationFn: ({ kind, body }: { kind: 'add' | 'remove'; body: { roleUuid: string; userUuid: string } }) =>
      unwrap(
        kind === 'add'
          ? api.PATCH('/api/v2/organizations/{organizationUuid}/organization-units/{uuid}/roles/add', { params: { path }, body })
          : api.PATCH('/api/v2/organizations/{organizationUuid}/organization-units/{uuid}/roles/remove', { params: { path }, body }),
      ),
    onSuccess: (next) => queries.setQueryData(key, next),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ kind: 'add', body: form });
  };
  return (
    <>
      <h2 id="unit-roles-heading">{t('admin.units.rolesFor', { name: unit.name })}</h2>
      <ProblemAlert error={change.error} />
      {holders.isPending ? (
        <Spinner />
      ) : holders.error ? (
        <ProblemAlert error={holders.error} />
      ) : holders.data.length === 0 ? (
        <p>{t('admin.units.noRoles')}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('admin.units.role')}</th>
              <th scope="col">{t('admin.units.user')}</th>
              <th scope="col">
                <span className="sr-only">{t('admin.units.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {holders.data.map((holder) => (
              <tr key={`${holder.role.uuid}:${holder.user.uuid}`}>
                <td>{holder.role.name}</td>
                <td>{holder.user.name}</td>
                <td>
                  <button
                    type="button"
                    className="button button-tertiary"
                    aria-label={t('admin.units.removeHolder', { role: holder.role.name, user: holder.user.name })}
                    disabled={change.isPending}
                    onClick={() => change.mutate({ kind: 'remove', body: { roleUuid: holder.role.uuid, userUuid: holder.user.uuid } })}
                  >
                    {t('admin.units.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="assign-unit-role-heading" aria-busy={change.isPending}>
        <h3 id="assign-unit-role-heading">{t('admin.units.assign')}</h3>
        <SelectField
          name="roleUuid"
          label={t('admin.units.role')}
          placeholder={t('admin.units.choose')}
          options={(roleTypes.data ?? []).filter((r) => r.isLocallyEnabled).map((r) => ({ value: r.uuid, label: r.name }))}
          value={form.roleUuid}
          error={fieldError(change.error, 'roleUuid')}
          onChange={(e) => setForm({ ...form, roleUuid: e.target.value })}
        />
        <SelectField
          name="userUuid"
          label={t('admin.units.user')}
          placeholder={t('admin.units.choose')}
          options={(users.data ?? []).map((u) => ({ value: u.uuid, label: `${u.name} (${u.email})` }))}
          value={form.userUuid}
          error={fieldError(change.error, 'userUuid')}
          onChange={(e) => setForm({ ...form, userUuid: e.target.value })}
        />
        <button type="submit" className="button button-primary" disabled={change.isPending || !form.roleUuid || !form.userUuid}>
          {t('admin.units.assignSubmit')}
        </button>
      </form>
    </>
  );
}
