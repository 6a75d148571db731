import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';

/** GDPR [GDPR]: the compliance dashboard, the processing activities and the Article 30 record (loaded on first visit). */
export const gdprRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/gdpr',
    component: lazyRouteComponent(() => import('./GdprDashboardPage'), 'GdprDashboardPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/gdpr/processing-activities',
    component: lazyRouteComponent(() => import('./ProcessingActivitiesPage'), 'ProcessingActivitiesPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/gdpr/processing-activities/$uuid',
    component: lazyRouteComponent(() => import('./ProcessingActivityPage'), 'ProcessingActivityPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/gdpr/article-30',
    component: lazyRouteComponent(() => import('./Article30Page'), 'Article30Page'),
  }),
];
