import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { LOCAL_ADMIN } from '../../support/identity';

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`; `.ci/run` and `npm test` install it when missing)
 * through playwright-core against the real running system: the gateway serves the built web client (web/dist, built by
 * `npm run build` / `npm test`). KITOS_CHROMIUM names another binary.
 */
export const CHROMIUM = process.env.KITOS_CHROMIUM ?? '/usr/bin/chromium';

/**
 * With KITOS_BROWSER_TIMINGS=1 a browser spec prints, when its file ends, where its time went: the milliseconds spent
 * in each kind of step (`timed(step, …)`: browser start, sign-in, page loads, axe-core, language switches, …), their
 * count and the longest one. Without it `timed` only runs the step.
 */
const TIMINGS = process.env.KITOS_BROWSER_TIMINGS === '1';
const spent = new Map<string, { ms: number; count: number; longest: number }>();

export async function timed<T>(step: string, run: () => Promise<T>): Promise<T> {
  if (!TIMINGS) return run();
  const start = performance.now();
  try {
    return await run();
  } finally {
    const ms = performance.now() - start;
    const total = spent.get(step) ?? { ms: 0, count: 0, longest: 0 };
    spent.set(step, { ms: total.ms + ms, count: total.count + 1, longest: Math.max(total.longest, ms) });
  }
}

if (TIMINGS)
  afterAll(() => {
    const rows = [...spent].sort(([, a], [, b]) => b.ms - a.ms);
    const line = ([step, t]: [string, { ms: number; count: number; longest: number }]) =>
      `${(t.ms / 1000).toFixed(1).padStart(7)} s  ${String(t.count).padStart(4)}×  longest ${(t.longest / 1000).toFixed(1).padStart(5)} s  ${step}`;
    console.log(`where the time went (${expect.getState().testPath}):\n${rows.map(line).join('\n')}`);
  });

export function launchBrowser(): Promise<Browser> {
  return timed('browser start', startChromium);
}

async function startChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with \`apt-get install chromium\` (npm test does when it runs as root) or set KITOS_CHROMIUM`,
    );
  if (!existsSync(join(process.cwd(), 'web', 'dist', 'index.html')))
    throw new Error('the web client is not built: run `npm run build:web`');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // the flags that keep Chromium from reaching for Google's hosts on a closed network, and root's missing sandbox
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A fresh browser context (its own storage: a second "tab" of another session) in Danish, or the given language. */
/** Uncaught script errors and Content-Security-Policy refusals seen on each page, reported by accessibilityViolations. */
const pageFaults = new WeakMap<Page, string[]>();

function watchFaults(page: Page): void {
  const faults: string[] = [];
  pageFaults.set(page, faults);
  page.on('pageerror', (error) => faults.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) faults.push(`CSP: ${message.text()}`);
  });
}

export async function newContext(browser: Browser, baseURL: string, locale = 'da-DK'): Promise<BrowserContext> {
  const context = await timed('new context', () =>
    browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 900 }, acceptDownloads: true }),
  );
  context.setDefaultTimeout(20_000);
  context.on('page', watchFaults);
  return context;
}

export function signIn(page: Page, credentials: { email: string; password: string } = LOCAL_ADMIN, path = '/'): Promise<void> {
  return timed('sign in (form)', async () => {
    await page.goto(path);
    await page.getByLabel(/E-mail/).fill(credentials.email);
    await page.getByLabel(/Adgangskode|Password/).fill(credentials.password);
    await page.getByRole('button', { name: /^(Log ind|Sign in)$/ }).click();
  });
}

/**
 * WCAG 2.1 A and AA checks by axe-core on the page as it is now; returns the serious and critical violations (the
 * issue's bar: none), each as "rule: first offending element" so that a failure says what to fix. Also returns, once
 * each, the uncaught script errors and Content-Security-Policy refusals the page has had since the last call: a page
 * that breaks its own CSP (an inline style, say) is as broken for its users as one that fails axe.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await timed('axe-core', () => runAxe(page));
  const faults = pageFaults.get(page)?.splice(0) ?? [];
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes[0]?.target.join(' ')} (${v.nodes.length} element(s))`)
    .concat(faults);
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's WCAG 2.1 A and AA rules on the page's document, as @axe-core/playwright's AxeBuilder ran them, without its
 * costs that bought nothing here: AxeBuilder evaluates axe-core's 1.3 MB source in the page on every call and then
 * opens a new blank tab to assemble the results (its cross-origin frame support; the web client has no frames), and
 * axe-core by default builds a selector and an HTML excerpt for every element that *passes* each rule (thousands on a
 * page with a long table), which nothing here reads. So axe-core is evaluated once per document (a language switch or
 * a step inside the page reuses it; a navigation starts a new document and gets it again) and asked for the details of
 * violations only (`resultTypes`): the rules that run, the elements they check and the violations found are the same.
 */
async function runAxe(page: Page): Promise<axe.AxeResults> {
  type WithAxe = { axe?: typeof axe };
  if (!(await page.evaluate(() => typeof (window as WithAxe).axe?.run === 'function'))) await page.evaluate(axe.source);
  return page.evaluate(
    (tags) => (window as WithAxe).axe!.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_21_AA,
  );
}

/** Where browser tests keep screenshots of the main pages (docs/screenshots, shown in the README) when asked to. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.KITOS_UPDATE_SCREENSHOTS !== '1') return;
  const directory = join(process.cwd(), 'docs', 'screenshots');
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: join(directory, `${name}.png`), fullPage: true });
}

/** The body of an API answer that must have the given status (else the test fails with what was answered). */
export async function ok<T>(result: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const settled = await result;
  if (settled.status !== status) throw new Error(`answered ${settled.status}: ${JSON.stringify(settled.body)}`);
  return settled.body;
}

/**
 * The page checked twice: as it is in Danish, then after switching to English with the header's language select, each
 * time once its heading (level 1 unless told) is shown and, with `ready`, once that selector is on the page (a drawn
 * chart: `[data-chart-ready="true"]`); back in Danish at the end.
 */
export async function inBothLanguages(
  page: Page,
  heading: { da: string; en: string },
  { level = 1, ready }: { level?: number; ready?: string } = {},
): Promise<void> {
  const shown = async (name: string) => {
    await page.getByRole('heading', { level, name }).waitFor();
    if (ready) await page.locator(ready).first().waitFor();
  };
  await timed('page shown (da)', () => shown(heading.da));
  expect(await accessibilityViolations(page)).toEqual([]);
  await timed('switch to en, page shown', async () => {
    await page.getByLabel('Sprog').selectOption('en');
    await shown(heading.en);
  });
  expect(await accessibilityViolations(page)).toEqual([]);
  await timed('switch back to da', async () => {
    await page.getByLabel('Language').selectOption('da');
    await page.getByRole('heading', { level, name: heading.da }).waitFor();
  });
}
