/**
 * Debian's Chromium, driven by playwright-core (which brings no browser of its own). CI installs
 * the `chromium` package; CHROMIUM_PATH points elsewhere when needed.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Null when Chromium is there; otherwise why the browser tests cannot run. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `no Chromium executable at ${CHROMIUM_PATH} (install the Debian package chromium, or set CHROMIUM_PATH)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const SCREENSHOTS = join(fileURLToPath(new URL('../../..', import.meta.url)), 'test-output', 'screenshots');

/** Saves what the page shows to test-output/screenshots/NAME.png (the viewport, or the whole page). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // From the top: a full-page capture of a scrolled page repeats the sticky top bar mid-page.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * Collects what the browser reports as broken: uncaught errors, and console messages that a
 * Content-Security-Policy violation or a failed script produces. Failed requests the test caused
 * on purpose (a 401 before logging in, a refused write) are filtered by the caller.
 */
export function watchProblems(page: Page, refused: readonly number[] = []): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // The app asks GET /api/v1/session at start; before logging in the answer is a 401, by design.
    if (/status of 401/.test(text)) return;
    if (refused.some((status) => text.includes(`status of ${status}`))) return;
    problems.push(`console error: ${text}`);
  });
  return problems;
}

/**
 * Form controls a screen reader could not name (no <label>, aria-label or aria-labelledby), and
 * the number of h1 headings: every page should have one h1 and no unnamed control.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const problems = [];
    const controls = document.querySelectorAll('input:not([type=hidden]), select, textarea, button');
    for (const el of controls) {
      const named = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
        || (el.tagName === 'BUTTON' && el.textContent.trim() !== '');
      if (!named) problems.push('unnamed ' + el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + (el.getAttribute('type') || ''));
    }
    const h1 = document.querySelectorAll('h1').length;
    if (h1 !== 1) problems.push(h1 + ' h1 headings');
    if (!document.querySelector('main')) problems.push('no main landmark');
    return problems;
  })()`)) as string[];
}
