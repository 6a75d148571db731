import { adminTexts } from '../pages/admin/i18n';
import { adminSettingsBundle } from '../pages/admin-settings/i18n';
import { archivingTexts } from '../pages/archiving/i18n';
import { dataQualityTexts } from '../pages/data-quality/i18n';
import { gdprTexts } from '../pages/gdpr/i18n';
import { reportsTexts } from '../pages/reports/i18n';
import { projectsTexts } from '../pages/projects/i18n';
import { relationsTexts } from '../pages/relations/i18n';
import { catalogBundle } from '../pages/catalog/i18n';
import { usagesBundle } from '../pages/usages/i18n';
import contracts from '../pages/contracts/i18n';
import dpr from '../pages/dpr/i18n';
import { historyBundle } from '../components/history-i18n';
import type { Bundle } from './bundle';

/**
 * Texts of each area of the client, kept next to its pages (`pages/<area>/i18n.ts`, a `defineBundle({ da, en })` whose
 * top-level key is the area's name). Add an area's bundle here.
 */
export const AREA_BUNDLES: Bundle[] = [
  catalogBundle,
  usagesBundle,
  contracts,
  dpr,
  gdprTexts,
  archivingTexts,
  dataQualityTexts,
  adminTexts,
  adminSettingsBundle,
  historyBundle,
  reportsTexts,
  relationsTexts,
  projectsTexts,
];
