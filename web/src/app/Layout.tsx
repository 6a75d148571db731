import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../auth/session';
import { LANGUAGES, rememberLanguage, type Language } from '../i18n';

/** Entries of the main menu; each area adds itself here (path, i18n key; `adminOnly`: local and global administrators only). */
export const NAVIGATION: ReadonlyArray<{ to: string; label: string; adminOnly?: boolean }> = [
  { to: '/', label: 'nav.home' },
  { to: '/catalog', label: 'nav.catalog' },
  { to: '/usages', label: 'nav.usages' },
  { to: '/contracts', label: 'nav.contracts' },
  { to: '/data-processing', label: 'nav.dpr' },
  { to: '/gdpr', label: 'nav.gdpr' },
  { to: '/archiving', label: 'nav.archiving' },
  { to: '/data-quality', label: 'nav.dataQuality' },
  { to: '/projects', label: 'nav.projects' },
  { to: '/reports', label: 'nav.reports' },
  { to: '/relations', label: 'nav.relations' },
  { to: '/admin', label: 'nav.admin', adminOnly: true },
];

/** The menu entry of the section the user is in (its pages below it too); the page itself is `aria-current`. */
function isSection(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch">
      <label className="form-label" htmlFor="language-switch">
        {t('nav.language')}
      </label>
      <select
        id="language-switch"
        className="form-select"
        value={i18n.language}
        onChange={(e) => {
          const language = e.target.value as Language;
          rememberLanguage(language);
          void i18n.changeLanguage(language);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {l === 'da' ? 'Dansk' : 'English'}
          </option>
        ))}
      </select>
    </div>
  );
}

function OrganizationSwitch() {
  const { t } = useTranslation();
  const { session, chooseOrganization } = useSession();
  const queries = useQueryClient();
  if (!session || session.memberships.length < 2) return null;
  return (
    <div className="organization-switch">
      <label className="form-label" htmlFor="organization-switch">
        {t('nav.organization')}
      </label>
      <select
        id="organization-switch"
        className="form-select"
        value={session.current?.organization.uuid}
        onChange={(e) => {
          chooseOrganization(e.target.value);
          queries.clear();
        }}
      >
        {session.memberships.map((m) => (
          <option key={m.organization.uuid} value={m.organization.uuid}>
            {m.organization.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The DKFDS page frame: skip link, header with the product, organisation, language and sign-out, main menu, content, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session, signOut, hasRole } = useSession();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return (
    <>
      <a className="skipnav" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <div className="portal-info">
          <div className="portal-info-inner container">
            <Link to="/" className="kitos-logo">
              <span className="kitos-logo-name">{t('app.name')}</span>
              <span className="kitos-logo-tagline">{t('app.tagline')}</span>
            </Link>
            <div className="kitos-portal-user">
              <p className="user">
                <strong>{session?.user.name}</strong>
                <br />
                <span>{session?.current?.organization.name}</span>
              </p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  signOut();
                  queries.clear();
                  void navigate({ to: '/login' });
                }}
              >
                {t('nav.signOut')}
              </button>
            </div>
          </div>
        </div>
        <div className="solution-info">
          <div className="solution-info-inner container kitos-solution-info">
            <OrganizationSwitch />
            <LanguageSwitch />
          </div>
        </div>
        <nav className="navigation-menu kitos-navigation" aria-label={t('nav.main')}>
          <div className="navigation-menu-inner container">
            <ul className="mainmenu">
              {NAVIGATION.filter((item) => !item.adminOnly || hasRole('LocalAdmin')).map((item) => (
                <li key={item.to} className={isSection(pathname, item.to) ? 'active' : undefined}>
                  <Link to={item.to} className="nav-link" activeProps={{ 'aria-current': 'page' }} activeOptions={{ exact: true }}>
                    <span>{t(item.label)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      </header>
      <main id="main-content" className="container page-container" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <div className="container">
          <p>
            {t('app.name')} · {t('app.tagline')} · <a href="/api/docs">API</a>
          </p>
        </div>
      </footer>
    </>
  );
}
