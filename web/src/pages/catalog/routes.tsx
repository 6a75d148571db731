import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';

// the pages load on first visit (or on hover over a link to them), not with the sign-in page
export const catalogRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/catalog',
  component: lazyRouteComponent(() => import('./CatalogPage'), 'CatalogPage'),
});

export const newSystemRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/catalog/new',
  component: lazyRouteComponent(() => import('./NewSystemPage'), 'NewSystemPage'),
});

export const systemRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/catalog/$uuid',
  component: lazyRouteComponent(() => import('./SystemPage'), 'SystemRoute'),
});

export const CATALOG_ROUTES = [catalogRoute, newSystemRoute, systemRoute];
