import { createRoute } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import { ContractOverviewPage } from './ContractOverviewPage';
import { ContractPage } from './ContractPage';
import { NewContractPage } from './NewContractPage';
import './contracts.css';

export const contractRoutes = [
  createRoute({ getParentRoute: () => shellRoute, path: '/contracts', component: ContractOverviewPage }),
  createRoute({ getParentRoute: () => shellRoute, path: '/contracts/new', component: NewContractPage }),
  createRoute({ getParentRoute: () => shellRoute, path: '/contracts/$uuid', component: ContractPage }),
];
