import { createRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { shellRoute } from '../../app/shell';
import { useSession } from '../../auth/session';
import { CatalogPage } from './CatalogPage';
import { SystemForm } from './SystemForm';
import { SystemPage } from './SystemPage';

export const catalogRoute = createRoute({ getParentRoute: () => shellRoute, path: '/catalog', component: CatalogPage });

function NewSystemPage() {
  const { t } = useTranslation();
  const { isGlobalAdmin } = useSession();
  if (!isGlobalAdmin) return <p>{t('errors.forbidden')}</p>;
  return (
    <>
      <h1>{t('catalog.newTitle')}</h1>
      <SystemForm />
    </>
  );
}

export const newSystemRoute = createRoute({ getParentRoute: () => shellRoute, path: '/catalog/new', component: NewSystemPage });

export const systemRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/catalog/$uuid',
  component: function SystemRoute() {
    const { uuid } = systemRoute.useParams();
    return <SystemPage key={uuid} uuid={uuid} />;
  },
});

export const CATALOG_ROUTES = [catalogRoute, newSystemRoute, systemRoute];
