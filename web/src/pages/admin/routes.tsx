import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';

/**
 * Administration (the organisation, users and roles, the role catalogue, the audit log); loaded on first visit. The
 * settings pages under /admin/option-types … /admin/reminders are the admin-settings area's.
 */
export const adminRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin',
    component: lazyRouteComponent(() => import('./AdminHomePage'), 'AdminHomePage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/units',
    component: lazyRouteComponent(() => import('./UnitsPage'), 'UnitsPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/users',
    component: lazyRouteComponent(() => import('./UsersPage'), 'UsersPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/users/$uuid',
    component: lazyRouteComponent(() => import('./UserPage'), 'UserPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/role-types',
    component: lazyRouteComponent(() => import('./RoleTypesPage'), 'RoleTypesPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/admin/audit-log',
    component: lazyRouteComponent(() => import('./AuditLogPage'), 'AuditLogPage'),
  }),
];
