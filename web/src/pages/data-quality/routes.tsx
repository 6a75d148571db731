import { createRoute } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import { DataQualityPage } from './DataQualityPage';

/** Data quality: score per module against the national median, history and the work list of findings. */
export const dataQualityRoutes = [createRoute({ getParentRoute: () => shellRoute, path: '/data-quality', component: DataQualityPage })];
