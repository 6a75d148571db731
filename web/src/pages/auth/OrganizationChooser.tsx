import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';

/** For users who belong to several organisations: which one they work in now (remembered in this browser). */
export function OrganizationChooser() {
  const { t } = useTranslation();
  const { session, chooseOrganization } = useSession();
  const memberships = session?.memberships ?? [];
  return (
    <main id="main-content" className="container page-container">
      <h1>{t('auth.chooseOrganization')}</h1>
      {memberships.length === 0 ? (
        <div className="alert alert-warning" role="alert">
          <div className="alert-body">
            <p className="alert-text">{t('auth.noOrganization')}</p>
          </div>
        </div>
      ) : (
        <ul className="nobullet-list">
          {memberships.map((m) => (
            <li key={m.organization.uuid}>
              <button type="button" className="button button-secondary" onClick={() => chooseOrganization(m.organization.uuid)}>
                {m.organization.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
