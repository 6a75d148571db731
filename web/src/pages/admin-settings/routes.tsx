import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';

/**
 * Administration's settings (the landing page /admin and users, units, role types and the audit log are another area):
 * local option types, KLE import, sharing settings, webhooks and reminder settings. Each page is loaded on first visit.
 */
export const adminSettingsRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/option-types',
    component: lazyRouteComponent(() => import('./OptionTypesPage'), 'OptionTypesPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/kle',
    component: lazyRouteComponent(() => import('./KleImportPage'), 'KleImportPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/sharing',
    component: lazyRouteComponent(() => import('./SharingPage'), 'SharingPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/webhooks',
    component: lazyRouteComponent(() => import('./WebhooksPage'), 'WebhooksPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/webhooks/$uuid',
    component: lazyRouteComponent(() => import('./WebhookPage'), 'WebhookPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/reminders',
    component: lazyRouteComponent(() => import('./ReminderSettingsPage'), 'ReminderSettingsPage'),
  }),
];
