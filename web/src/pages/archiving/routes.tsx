import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';

/** Archiving [Arkivering]: the organisation's archiving overview, overdue deliveries and warnings (loaded on first visit). */
export const archivingRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/archiving',
    component: lazyRouteComponent(() => import('./ArchivingPage'), 'ArchivingPage'),
  }),
];
