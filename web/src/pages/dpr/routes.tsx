import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import '../contracts/contracts.css';

// the pages load on first visit (or on hover over a link to them), not with the sign-in page
export const dprRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/data-processing',
    component: lazyRouteComponent(() => import('./DprOverviewPage'), 'DprOverviewPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/data-processing/new',
    // from the GDPR dashboard: a new registration for a usage that no agreement covers
    validateSearch: (search: Record<string, unknown>): { systemUsageUuid?: string } =>
      typeof search.systemUsageUuid === 'string' && /^[0-9a-f-]{36}$/i.test(search.systemUsageUuid)
        ? { systemUsageUuid: search.systemUsageUuid }
        : {},
    component: lazyRouteComponent(() => import('./NewDprPage'), 'NewDprPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/data-processing/$uuid',
    component: lazyRouteComponent(() => import('./DprPage'), 'DprPage'),
  }),
];
