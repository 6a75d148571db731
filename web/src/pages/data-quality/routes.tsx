import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';

/** Data quality: score per module against the national median, history and the work list of findings (loaded on first visit). */
export const dataQualityRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/data-quality',
    component: lazyRouteComponent(() => import('./DataQualityPage'), 'DataQualityPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/data-quality/rule-pack',
    component: lazyRouteComponent(() => import('./RulePackPage'), 'RulePackPage'),
  }),
];
