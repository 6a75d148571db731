import { createRoute, createRouter, type AnyRoute } from '@tanstack/react-router';
import { loadAreaTexts, type Area } from '../i18n/areas';
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
 * of `shellRoute`) and adds them to `AREA_ROUTES` here with its texts' name (`withTexts`), its menu entry to NAVIGATION
 * (Layout.tsx) and its texts to i18n/areas.ts.
 */
const homeRoute = createRoute({ getParentRoute: () => shellRoute, path: '/', component: HomePage });

/**
 * The area's texts are not in the first page's script: each of its routes waits for them in its loader (which also
 * runs when a link to the route is hovered), so the page never renders before its texts are there.
 */
function withTexts<R extends AnyRoute>(area: Area, routes: R[]): R[] {
  for (const route of routes) {
    const own = route.options.loader as ((context: unknown) => unknown) | undefined;
    route.update({
      loader: async (context: unknown) => {
        await loadAreaTexts(area);
        return own?.(context);
      },
    } as never);
  }
  return routes;
}

const AREA_ROUTES = [
  homeRoute,
  ...withTexts('catalog', CATALOG_ROUTES),
  ...withTexts('usages', USAGE_ROUTES),
  ...withTexts('contracts', contractRoutes),
  ...withTexts('dpr', dprRoutes),
  ...withTexts('gdpr', gdprRoutes),
  ...withTexts('archiving', archivingRoutes),
  ...withTexts('dataQuality', dataQualityRoutes),
  ...withTexts('admin', adminRoutes),
  ...withTexts('adminSettings', adminSettingsRoutes),
  ...withTexts('reports', reportsRoutes),
  ...withTexts('projects', projectsRoutes),
  ...withTexts('relations', relationsRoutes),
];

const routeTree = rootRoute.addChildren([loginRoute, ssoRoute, shellRoute.addChildren(AREA_ROUTES)]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', context: { session: undefined! } });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
