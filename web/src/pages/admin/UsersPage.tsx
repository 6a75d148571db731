import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { useDebounced } from '../../components/useDebounced';
import { AdminFrame } from './AdminFrame';

const PAGE_SIZE = 25;

/** /admin/users: the organisation's users, searched by name or e-mail on the server, 25 a page. */
export function UsersPage() {
  const { t } = useTranslation();
  return (
    <AdminFrame title={t('admin.users.title')}>
      <UserList />
    </AdminFrame>
  );
}

function UserList() {
  const { t } = useTranslation();
  const organizationUuid = useSignedIn().current.organization.uuid;
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const query = useDebounced(search.trim(), 300);
  const users = useQuery({
    queryKey: ['admin', 'user-list', organizationUuid, query, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/organizations/{organizationUuid}/users', {
          params: { path: { organizationUuid }, query: { nameOrEmailQuery: query || undefined, page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <Field
          name="nameOrEmailQuery"
          type="search"
          label={t('admin.users.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(0);
          }}
        />
      </form>
      {users.isPending ? (
        <Spinner />
      ) : users.error ? (
        <ProblemAlert error={users.error} />
      ) : users.data.length === 0 ? (
        <p>{t('admin.users.none')}</p>
      ) : (
        <table className="table table--zebra">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.email')}</th>
              <th scope="col">{t('admin.users.roles')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <tr key={user.uuid}>
                <th scope="row">
                  <Link to="/admin/users/$uuid" params={{ uuid: user.uuid }}>
                    {user.name}
                  </Link>
                </th>
                <td>{user.email}</td>
                <td>{user.roles.map((role) => t(`admin.roles.${role}`)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('admin.users.previous')}
        </button>
        <span aria-live="polite">{t('admin.users.page', { page: page + 1 })}</span>
        <button
          type="button"
          className="button button-secondary"
          disabled={(users.data?.length ?? 0) < PAGE_SIZE}
          onClick={() => setPage(page + 1)}
        >
          {t('admin.users.next')}
        </button>
      </div>
    </>
  );
}
