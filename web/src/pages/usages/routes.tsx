import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import { USAGE_TABS, type UsageTab } from './tabs';
import './usages.css';

// the pages load on first visit (or on hover over a link to them), not with the sign-in page
export const usagesRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/usages',
  component: lazyRouteComponent(() => import('./UsageOverviewPage'), 'UsageOverviewPage'),
});

export const usageRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/usages/$uuid',
  validateSearch: (search: Record<string, unknown>): { tab?: UsageTab } =>
    USAGE_TABS.includes(search.tab as UsageTab) ? { tab: search.tab as UsageTab } : {},
  component: lazyRouteComponent(() => import('./UsagePage'), 'UsageRoute'),
});

export const USAGE_ROUTES = [usagesRoute, usageRoute];
