import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';

/**
 * Reports across municipalities [Rapporter]: usage of systems and suppliers, contract end dates, costs, GDPR, archive
 * duty and joint procurement (each loaded on first visit; ECharts in its own chunk).
 */
export const reportsRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/reports',
    component: lazyRouteComponent(() => import('./UsagePage'), 'UsagePage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/reports/contract-end-dates',
    component: lazyRouteComponent(() => import('./ContractEndDatesPage'), 'ContractEndDatesPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/reports/costs',
    component: lazyRouteComponent(() => import('./CostsPage'), 'CostsPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/reports/gdpr',
    component: lazyRouteComponent(() => import('./GdprBenchmarkPage'), 'GdprBenchmarkPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/reports/archive-duty',
    component: lazyRouteComponent(() => import('./ArchiveDutyPage'), 'ArchiveDutyPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/reports/joint-procurement',
    component: lazyRouteComponent(() => import('./JointProcurementPage'), 'JointProcurementPage'),
  }),
];
