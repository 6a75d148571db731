import type { Locator } from 'playwright-core';
import { eventually } from '@kitos/testing';

/**
 * Assertions on what a page shows that wait for it. Playwright's reads (`textContent()`, `count()`, `inputValue()`,
 * `getAttribute()`, `allTextContents()`, `isChecked()`, …) return what the page shows at that moment; taken right after
 * an action that redraws the page (a click, a save, a tab, a language switch) they may read the page before the answer
 * arrived. These helpers read again until the value is the expected one, or fail after `timeoutMs` with the last value
 * read and what was read, so that the assertion stays exactly as strong as `expect(await read()).toEqual(expected)`.
 */

/** How long a page may take to show what a test expects: the browser contexts' own default timeout (newContext). */
export const SETTLE_TIMEOUT_MS = 20_000;
const INTERVAL_MS = 100;

/**
 * Reads `read` (given the milliseconds left) until `check` accepts the value, then returns it; after `timeoutMs`
 * throws `check`'s last failure (or the read's), prefixed with `what`. The loop is libs/testing's `eventually` (the
 * first read at once, then every 100 ms).
 */
export async function settled<T>(
  what: string,
  read: (remainingMs: number) => Promise<T>,
  check: (value: T) => void,
  timeoutMs = SETTLE_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  try {
    return await eventually(
      async () => {
        const value = await read(Math.max(1, deadline - Date.now()));
        check(value);
        return value;
      },
      { timeoutMs, intervalMs: INTERVAL_MS },
    );
  } catch (failure) {
    const message = failure instanceof Error ? failure.message : String(failure);
    throw new Error(`${what}: not as expected within ${timeoutMs} ms\n${message}`, { cause: failure });
  }
}

/** An expected value, or an asymmetric matcher (`expect.stringContaining(…)`, `expect.stringMatching(…)`, `expect.arrayContaining(…)`). */
type Expected<T> = T | jest.AsymmetricMatcher;

/** The element's text content equals `expected` (a string, or an asymmetric matcher: `expect.stringMatching(/…/)`). */
export function expectText(locator: Locator, expected: Expected<string>, timeoutMs?: number): Promise<string | null> {
  return settled(
    `text of ${locator}`,
    (timeout) => locator.textContent({ timeout }),
    (text) => expect(text).toEqual(expected),
    timeoutMs,
  );
}

/** The text contents of all the elements the locator matches, in order, equal `expected` (or match its matcher). */
export function expectTexts(locator: Locator, expected: Expected<string[]>, timeoutMs?: number): Promise<string[]> {
  return settled(
    `texts of ${locator}`,
    () => locator.allTextContents(),
    (texts) => expect(texts).toEqual(expected),
    timeoutMs,
  );
}

/** The locator matches exactly `expected` elements. */
export function expectCount(locator: Locator, expected: number, timeoutMs?: number): Promise<number> {
  return settled(
    `number of ${locator}`,
    () => locator.count(),
    (count) => expect(count).toBe(expected),
    timeoutMs,
  );
}

/** The element's attribute equals `expected` (null: the attribute is absent). */
export function expectAttribute(
  locator: Locator,
  name: string,
  expected: Expected<string> | null,
  timeoutMs?: number,
): Promise<string | null> {
  return settled(
    `attribute ${name} of ${locator}`,
    (timeout) => locator.getAttribute(name, { timeout }),
    (value) => expect(value).toEqual(expected),
    timeoutMs,
  );
}

/** The input's, select's or text area's value equals `expected`. */
export function expectValue(locator: Locator, expected: Expected<string>, timeoutMs?: number): Promise<string> {
  return settled(
    `value of ${locator}`,
    (timeout) => locator.inputValue({ timeout }),
    (value) => expect(value).toEqual(expected),
    timeoutMs,
  );
}
