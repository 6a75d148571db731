import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import './relations.css';

/** The relation graph [Relationer]; `?focus=<usage uuid>` is the chosen system of the impact view. Cytoscape loads with the page only. */
export const relationsRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/relations',
    validateSearch: (search: Record<string, unknown>): { focus?: string } =>
      typeof search.focus === 'string' && search.focus ? { focus: search.focus } : {},
    component: lazyRouteComponent(() => import('./RelationsPage'), 'RelationsPage'),
  }),
];
