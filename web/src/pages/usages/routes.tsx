import { createRoute, useNavigate } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import { UsageOverviewPage } from './UsageOverviewPage';
import { USAGE_TABS, UsagePage, type UsageTab } from './UsagePage';

export const usagesRoute = createRoute({ getParentRoute: () => shellRoute, path: '/usages', component: UsageOverviewPage });

export const usageRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/usages/$uuid',
  validateSearch: (search: Record<string, unknown>): { tab?: UsageTab } =>
    USAGE_TABS.includes(search.tab as UsageTab) ? { tab: search.tab as UsageTab } : {},
  component: function UsageRoute() {
    const { uuid } = usageRoute.useParams();
    const { tab } = usageRoute.useSearch();
    const navigate = useNavigate();
    return (
      <UsagePage
        key={uuid}
        uuid={uuid}
        tab={tab ?? 'general'}
        onTab={(next) => void navigate({ to: '/usages/$uuid', params: { uuid }, search: { tab: next }, replace: true })}
      />
    );
  },
});

export const USAGE_ROUTES = [usagesRoute, usageRoute];
