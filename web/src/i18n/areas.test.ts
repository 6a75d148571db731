import { describe, expect, it } from 'vitest';
import { router } from '../app/router';
import '../components/HistoryTimeline'; // adds the timeline's texts when it loads
import { AREA_TEXTS, type Area } from './areas';
import type { Bundle } from './bundle';
import { i18n } from './index';

/** Every text bundle in the source: each area's `pages/<area>/i18n.ts` and the shared components' `*-i18n.ts`. */
const SOURCE_BUNDLES = import.meta.glob<Record<string, Bundle>>(['../pages/*/i18n.ts', '../components/*-i18n.ts'], {
  eager: true,
});

function at(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
}

function keyPaths(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => keyPaths(value, prefix ? `${prefix}.${key}` : key));
}

async function areaBundles(): Promise<Bundle[]> {
  return Promise.all((Object.keys(AREA_TEXTS) as Area[]).flatMap((area) => AREA_TEXTS[area]()));
}

describe('area texts', () => {
  it('lists every area bundle in the source (only the history timeline adds its own)', async () => {
    const listed = new Set(await areaBundles());
    const unlisted = Object.entries(SOURCE_BUNDLES).flatMap(([file, exports]) =>
      Object.values(exports)
        .filter((bundle) => !listed.has(bundle))
        .map(() => file),
    );
    expect(unlisted).toEqual(['../components/history-i18n.ts']);
  });

  it('has the same keys in Danish and English in every bundle', () => {
    const bundles = Object.values(SOURCE_BUNDLES).flatMap((exports) => Object.values(exports));
    expect(bundles.length).toBeGreaterThanOrEqual(13);
    for (const bundle of bundles) expect(keyPaths(bundle.en).sort()).toEqual(keyPaths(bundle.da).sort());
  });

  it('adds every text of the areas in both languages (the component tests rely on it)', () => {
    const bundles = Object.values(SOURCE_BUNDLES).flatMap((exports) => Object.values(exports));
    for (const bundle of bundles)
      for (const key of keyPaths(bundle.da)) {
        expect(i18n.getResource('da', 'translation', key), key).toBe(at(bundle.da, key));
        expect(i18n.getResource('en', 'translation', key), key).toBe(at(bundle.en, key));
      }
  });

  it('makes every page of an area wait in its loader for the texts', () => {
    const pages = Object.values(router.routesById).filter((route) => route.id.startsWith('/shell/') && route.fullPath !== '/');
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.filter((route) => !route.options.loader).map((route) => route.fullPath)).toEqual([]);
  });
});
