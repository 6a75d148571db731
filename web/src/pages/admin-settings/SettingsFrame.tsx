import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { useSession } from '../../auth/session';
import { ObjectLink } from '../../components/ObjectLink';
import './admin-settings.css';

const PAGES = [
  { to: '/admin/option-types', label: 'optionTypes' },
  { to: '/admin/kle', label: 'kle' },
  { to: '/admin/sharing', label: 'sharing' },
  { to: '/admin/webhooks', label: 'webhooks' },
  { to: '/admin/reminders', label: 'reminders' },
] as const;

/** Who may open a settings page: the organisation's local administrators (and global ones), or global administrators only. */
export type Audience = 'localAdmin' | 'globalAdmin';

/**
 * The frame of every settings page: the way back to the administration landing page, the settings' own menu, the
 * heading, and a polite refusal (instead of the page) for users without the rights the page needs. The server refuses
 * them too; this only spares them a page of errors.
 */
export function SettingsFrame({ title, audience, children }: { title: ReactNode; audience: Audience; children: ReactNode }) {
  const { t } = useTranslation();
  const { hasRole, isGlobalAdmin } = useSession();
  const allowed = audience === 'globalAdmin' ? isGlobalAdmin : hasRole('LocalAdmin');
  return (
    <>
      <p className="admin-settings-back">
        <ObjectLink href="/admin">{t('adminSettings.backToAdmin')}</ObjectLink>
      </p>
      <nav aria-label={t('adminSettings.navLabel')} className="admin-settings-nav">
        <ul className="nobullet-list">
          {PAGES.map((page) => (
            <li key={page.to}>
              <Link to={page.to} activeProps={{ 'aria-current': 'page', className: 'active' }}>
                {t(`adminSettings.nav.${page.label}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {allowed ? (
        children
      ) : (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-heading">{t('adminSettings.refused.heading')}</p>
            <p className="alert-text">{t(`adminSettings.refused.${audience}`)}</p>
          </div>
        </div>
      )}
    </>
  );
}
