import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { useDebounced } from '../../components/useDebounced';

type Usage = Schemas['ComposedItSystemUsageResponse'];
type Assignment = Schemas['UsageRoleAssignment'];

/**
 * Roles on the usage [Systemroller]: who holds which of the organisation's usage roles. A role is given to a member of
 * the organisation and taken away again (`PATCH …/roles/add` and `…/roles/remove`, with the usage's If-Match).
 */
export function RolesTab({
  usage,
  etag,
  canEdit,
  onChanged,
}: {
  usage: Usage;
  etag: string | null;
  canEdit: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const organizationUuid = usage.organizationContext.uuid;
  const [roleUuid, setRoleUuid] = useState('');
  const [userUuid, setUserUuid] = useState('');
  const [search, setSearch] = useState('');
  const [checked, setChecked] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const term = useDebounced(search.trim(), 300);
  const roleTypes = useQuery({
    queryKey: ['options', 'usage-role-types', organizationUuid],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usage-role-types', { params: { query: { organizationUuid, pageSize: 250 } } })),
  });
  const users = useQuery({
    queryKey: ['organization-users', organizationUuid, term],
    enabled: canEdit,
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/organizations/{organizationUuid}/users', {
          params: { path: { organizationUuid }, query: { ...(term ? { nameOrEmailQuery: term } : {}), pageSize: 100 } },
        }),
      ),
  });
  const change = useMutation({
    mutationFn: ({ op, body }: { op: 'add' | 'remove'; body: Assignment }) =>
      unwrap(
        op === 'add'
          ? api.PATCH('/api/v2/it-system-usages/{uuid}/roles/add', {
              params: { path: { uuid: usage.uuid }, header: { 'If-Match': etag ?? undefined } },
              body,
            })
          : api.PATCH('/api/v2/it-system-usages/{uuid}/roles/remove', {
              params: { path: { uuid: usage.uuid }, header: { 'If-Match': etag ?? undefined } },
              body,
            }),
      ),
    onSuccess: async (_, { op }) => {
      await onChanged();
      setNotice(op === 'add' ? t('usages.roles.assigned') : t('usages.roles.removed'));
      if (op === 'add') {
        setUserUuid('');
        setChecked(false);
      }
    },
  });
  const reload = () => {
    change.reset();
    void onChanged();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    setNotice(null);
    if (!roleUuid || !userUuid) return;
    change.mutate({ op: 'add', body: { roleUuid, userUuid } });
  };
  const required = t('usages.validation.required');
  const roleError = (checked && !roleUuid ? required : undefined) ?? fieldError(change.error, 'roleUuid');
  const userError = (checked && !userUuid ? required : undefined) ?? fieldError(change.error, 'userUuid');

  return (
    <>
      <ProblemAlert error={roleTypes.error ?? users.error} />
      <ProblemAlert error={change.error} onReload={reload} />
      <SavedNotice show={!!notice && !change.error} message={notice ?? ''} />
      {!canEdit && <p>{t('usages.page.readOnly')}</p>}
      {usage.roles.length === 0 ? (
        <p>{t('usages.roles.none')}</p>
      ) : (
        <table className="table table--compact table--zebra">
          <thead>
            <tr>
              <th scope="col">{t('usages.roles.role')}</th>
              <th scope="col">{t('usages.roles.user')}</th>
              {canEdit && <th scope="col">{t('usages.relations.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {usage.roles.map((r) => (
              <tr key={`${r.role.uuid}:${r.user.uuid}`}>
                <th scope="row">{r.role.name ?? r.role.uuid}</th>
                <td>{r.user.name ?? r.user.uuid}</td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={change.isPending}
                      onClick={() => {
                        setNotice(null);
                        change.mutate({ op: 'remove', body: { roleUuid: r.role.uuid, userUuid: r.user.uuid } });
                      }}
                    >
                      {t('usages.roles.remove', { role: r.role.name ?? '', user: r.user.name ?? '' })}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit &&
        (roleTypes.isPending ? (
          <Spinner />
        ) : (
          <form onSubmit={submit} noValidate aria-labelledby="role-add-heading" className="usage-subform">
            <h3 id="role-add-heading">{t('usages.roles.addHeading')}</h3>
            <SelectField
              name="roleUuid"
              label={`${t('usages.roles.role')} (${t('usages.validation.requiredMark')})`}
              placeholder={t('usages.general.choose')}
              options={(roleTypes.data ?? []).map((r) => ({ value: r.uuid, label: r.name }))}
              hint={roleTypes.data?.find((r) => r.uuid === roleUuid)?.description ?? undefined}
              value={roleUuid}
              onChange={(e) => setRoleUuid(e.target.value)}
              error={roleError}
            />
            <Field
              name="userSearch"
              label={t('usages.roles.userSearch')}
              hint={t('usages.roles.userSearchHint')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <SelectField
              name="userUuid"
              label={`${t('usages.roles.user')} (${t('usages.validation.requiredMark')})`}
              placeholder={users.isFetching ? t('app.loading') : t('usages.general.choose')}
              options={(users.data ?? []).map((u) => ({ value: u.uuid, label: `${u.name} (${u.email})` }))}
              value={userUuid}
              onChange={(e) => setUserUuid(e.target.value)}
              error={userError}
            />
            <button type="submit" className="button button-primary" disabled={change.isPending}>
              {t('usages.roles.assign')}
            </button>
          </form>
        ))}
    </>
  );
}
