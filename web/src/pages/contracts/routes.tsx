import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import './contracts.css';

// the pages load on first visit (or on hover over a link to them), not with the sign-in page
export const contractRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/contracts',
    component: lazyRouteComponent(() => import('./ContractOverviewPage'), 'ContractOverviewPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/contracts/new',
    component: lazyRouteComponent(() => import('./NewContractPage'), 'NewContractPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: '/contracts/$uuid',
    component: lazyRouteComponent(() => import('./ContractPage'), 'ContractPage'),
  }),
];
