import { createRoute, createRouter } from '@tanstack/react-router';
import { adminRoutes } from '../pages/admin/routes';
import { adminSettingsRoutes } from '../pages/admin-settings/routes';
import { archivingRoutes } from '../pages/archiving/routes';
import { CATALOG_ROUTES } from '../pages/catalog/routes';
import { contractRoutes } from '../pages/contracts/routes';
import { dataQualityRoutes } from '../pages/data-quality/routes';
import { dprRoutes } from '../pages/dpr/routes';
import { gdprRoutes } from '../pages/gdpr/routes';
import { HomePage } from '../pages/home/HomePage';
import { reportsRoutes } from '../pages/reports/routes';
import { projectsRoutes } from '../pages/projects/routes';
import { relationsRoutes } from '../pages/relations/routes';
import { USAGE_ROUTES } from '../pages/usages/routes';
import { loginRoute, rootRoute, shellRoute, ssoRoute } from './shell';

/**
 * The route tree. Each area of the client defines its routes in its own folder (`pages/<area>/routes.tsx`, children
 * of `shellRoute`) and adds them to `AREA_ROUTES` here, its menu entry to NAVIGATION (Layout.tsx) and its texts to
 * i18n/areas.ts.
 */
const homeRoute = createRoute({ getParentRoute: () => shellRoute, path: '/', component: HomePage });

const AREA_ROUTES = [
  homeRoute,
  ...CATALOG_ROUTES,
  ...USAGE_ROUTES,
  ...contractRoutes,
  ...dprRoutes,
  ...gdprRoutes,
  ...archivingRoutes,
  ...dataQualityRoutes,
  ...adminRoutes,
  ...adminSettingsRoutes,
  ...reportsRoutes,
  ...projectsRoutes,
  ...relationsRoutes,
];

const routeTree = rootRoute.addChildren([loginRoute, ssoRoute, shellRoute.addChildren(AREA_ROUTES)]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', context: { session: undefined! } });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
