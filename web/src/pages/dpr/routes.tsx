import { createRoute } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import '../contracts/contracts.css';
import { DprOverviewPage } from './DprOverviewPage';
import { DprPage } from './DprPage';
import { NewDprPage } from './NewDprPage';

export const dprRoutes = [
  createRoute({ getParentRoute: () => shellRoute, path: '/data-processing', component: DprOverviewPage }),
  createRoute({ getParentRoute: () => shellRoute, path: '/data-processing/new', component: NewDprPage }),
  createRoute({ getParentRoute: () => shellRoute, path: '/data-processing/$uuid', component: DprPage }),
];
