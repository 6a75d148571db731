import { createRoute } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import { Article30Page } from './Article30Page';
import { GdprDashboardPage } from './GdprDashboardPage';
import { ProcessingActivitiesPage } from './ProcessingActivitiesPage';
import { ProcessingActivityPage } from './ProcessingActivityPage';

/** GDPR [GDPR]: the compliance dashboard, the processing activities and the Article 30 record. */
export const gdprRoutes = [
  createRoute({ getParentRoute: () => shellRoute, path: '/gdpr', component: GdprDashboardPage }),
  createRoute({ getParentRoute: () => shellRoute, path: '/gdpr/processing-activities', component: ProcessingActivitiesPage }),
  createRoute({ getParentRoute: () => shellRoute, path: '/gdpr/processing-activities/$uuid', component: ProcessingActivityPage }),
  createRoute({ getParentRoute: () => shellRoute, path: '/gdpr/article-30', component: Article30Page }),
];
