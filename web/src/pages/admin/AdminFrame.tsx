import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import './admin.css';

/**
 * Every administration page, in the order of the sub-navigation. The settings pages (option types to reminders) belong
 * to the admin-settings area; this list only links to them.
 */
export const ADMIN_PAGES: ReadonlyArray<{ to: string; key: string; exact: boolean }> = [
  { to: '/admin', key: 'home', exact: true },
  { to: '/admin/units', key: 'units', exact: true },
  { to: '/admin/users', key: 'users', exact: false },
  { to: '/admin/role-types', key: 'roleTypes', exact: true },
  { to: '/admin/audit-log', key: 'auditLog', exact: true },
  { to: '/admin/option-types', key: 'optionTypes', exact: false },
  { to: '/admin/kle', key: 'kle', exact: false },
  { to: '/admin/sharing', key: 'sharing', exact: false },
  { to: '/admin/webhooks', key: 'webhooks', exact: false },
  { to: '/admin/reminders', key: 'reminders', exact: false },
];

/** Local and global administrators administer; everybody else sees neither the menu entry nor the pages. */
export function useIsAdmin(): boolean {
  return useSession().hasRole('LocalAdmin');
}

export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('admin.nav')}>
      <ul className="subnav-list">
        {ADMIN_PAGES.map((page) => (
          <li key={page.to}>
            <Link to={page.to} activeProps={{ className: 'current', 'aria-current': 'page' }} activeOptions={{ exact: page.exact }}>
              {t(`admin.pages.${page.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The frame of an administration page: heading, sub-navigation, and the page only for administrators. */
export function AdminFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  return (
    <>
      <h1>{title}</h1>
      {isAdmin ? (
        <>
          <AdminNav />
          {children}
        </>
      ) : (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-text">{t('admin.noAccess')}</p>
          </div>
        </div>
      )}
    </>
  );
}
