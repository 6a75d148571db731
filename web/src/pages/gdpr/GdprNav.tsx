import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** The GDPR area's own menu: the overview, the processing activities and the Article 30 record. */
export function GdprNav() {
  const { t } = useTranslation();
  const items = [
    { to: '/gdpr', label: t('gdpr.tabs.dashboard'), exact: true },
    { to: '/gdpr/processing-activities', label: t('gdpr.tabs.activities'), exact: false },
    { to: '/gdpr/article-30', label: t('gdpr.tabs.article30'), exact: true },
  ] as const;
  return (
    <nav aria-label={t('gdpr.nav')}>
      <ul className="subnav-list">
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} activeProps={{ className: 'current', 'aria-current': 'page' }} activeOptions={{ exact: item.exact }}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
