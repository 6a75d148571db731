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
    component: lazyRouteComponent(() => import('./NewDprPage'), 'NewDprPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/data-processing/$uuid',
    component: lazyRouteComponent(() => import('./DprPage'), 'DprPage'),
  }),
];
