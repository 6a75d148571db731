import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import './projects.css';

// the pages load on first visit (ECharts with the project page's benefit charts only)
export const projectsRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/projects',
    component: lazyRouteComponent(() => import('./ProjectListPage'), 'ProjectListPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/projects/new',
    component: lazyRouteComponent(() => import('./NewProjectPage'), 'NewProjectPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/projects/benefits-attention',
    component: lazyRouteComponent(() => import('./BenefitsAttentionPage'), 'BenefitsAttentionPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/projects/$uuid',
    component: lazyRouteComponent(() => import('./ProjectPage'), 'ProjectPage'),
  }),
];
