import { createRoute } from '@tanstack/react-router';
import { shellRoute } from '../../app/shell';
import { ArchivingPage } from './ArchivingPage';

/** Archiving [Arkivering]: the organisation's archiving overview, overdue deliveries and warnings. */
export const archivingRoutes = [createRoute({ getParentRoute: () => shellRoute, path: '/archiving', component: ArchivingPage })];
