import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ADMIN_PAGES, AdminFrame } from './AdminFrame';

/** /admin: the administration's landing page, every administration page with what it is for. */
export function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <AdminFrame title={t('admin.title')}>
      <p>{t('admin.intro')}</p>
      <dl className="admin-pages">
        {ADMIN_PAGES.filter((page) => page.key !== 'home').map((page) => (
          <div key={page.to}>
            <dt>
              <Link to={page.to}>{t(`admin.pages.${page.key}`)}</Link>
            </dt>
            <dd>{t(`admin.pages.${page.key}Help`)}</dd>
          </div>
        ))}
      </dl>
    </AdminFrame>
  );
}
