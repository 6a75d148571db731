import type { Bundle } from './bundle';
import { addTexts } from './index';

const contractTexts = () => import('../pages/contracts/i18n').then((m) => m.default);

/**
 * Texts of each area of the client, kept next to its pages (`pages/<area>/i18n.ts`, a `defineBundle({ da, en })` whose
 * top-level key is the area's name). They are not in the first page's script: each area's texts are loaded with its
 * routes (router.tsx gives every route of an area a loader that adds them before the page renders). Add an area's
 * bundle here, with the bundles of other areas whose components its pages use.
 */
export const AREA_TEXTS = {
  catalog: () => [import('../pages/catalog/i18n').then((m) => m.catalogBundle)],
  usages: () => [import('../pages/usages/i18n').then((m) => m.usagesBundle)],
  contracts: () => [contractTexts()],
  // the registration's page uses the contract page's fields, links and deadlines
  dpr: () => [import('../pages/dpr/i18n').then((m) => m.default), contractTexts()],
  gdpr: () => [import('../pages/gdpr/i18n').then((m) => m.gdprTexts)],
  archiving: () => [import('../pages/archiving/i18n').then((m) => m.archivingTexts)],
  dataQuality: () => [import('../pages/data-quality/i18n').then((m) => m.dataQualityTexts)],
  admin: () => [import('../pages/admin/i18n').then((m) => m.adminTexts)],
  adminSettings: () => [import('../pages/admin-settings/i18n').then((m) => m.adminSettingsBundle)],
  reports: () => [import('../pages/reports/i18n').then((m) => m.reportsTexts)],
  relations: () => [import('../pages/relations/i18n').then((m) => m.relationsTexts)],
  projects: () => [import('../pages/projects/i18n').then((m) => m.projectsTexts)],
} satisfies Record<string, () => Promise<Bundle>[]>;

export type Area = keyof typeof AREA_TEXTS;

const loaded = new Map<Area, Promise<void>>();

/**
 * Adds an area's texts to i18next (once; later calls return the same promise). Every route of the area waits for it in
 * its loader, so a page never shows its keys instead of its texts.
 */
export function loadAreaTexts(area: Area): Promise<void> {
  let done = loaded.get(area);
  if (!done) {
    done = Promise.all(AREA_TEXTS[area]()).then((bundles) => bundles.forEach(addTexts));
    // a failed chunk download may succeed on the next navigation
    done.catch(() => loaded.delete(area));
    loaded.set(area, done);
  }
  return done;
}

/** Every area's texts (component tests render pages without their routes). */
export function loadAllAreaTexts(): Promise<void[]> {
  return Promise.all((Object.keys(AREA_TEXTS) as Area[]).map(loadAreaTexts));
}
