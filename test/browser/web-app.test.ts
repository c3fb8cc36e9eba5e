/**
 * The web app in real headless Chromium against the real server (`node bin/iotassure.js serve`):
 * first-run setup, log in, create a product, answer its profile, set statuses, upload evidence,
 * watch a guideline's outcome change, log out; a viewer sees no edit controls and the API refuses
 * the viewer's writes; a status changed with the keyboard alone. Screenshots of the main pages go
 * to test-output/screenshots/. Skipped, with the reason, only when there is no Chromium.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './support/api-session.js';
import {
  accessibilityProblems,
  chromiumMissing,
  launchChromium,
  screenshot,
  watchProblems,
} from './support/chromium.js';
import { type RunningServer, startServer } from './support/server-process.js';

const missing = chromiumMissing();
if (missing) console.warn(`browser tests skipped: ${missing}`);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN = { name: 'Ada Lovelace', username: 'ada', password: 'analytical engine notes 1843' };
const VIEWER = { name: 'Vera Auditor', username: 'vera', password: 'independent review 2026 q4' };
const STEP = 180_000;

/**
 * The few browser globals the page functions below use. This file is typed for Node (no DOM
 * library), and a function passed to evaluate() runs in the page, where these exist.
 */
interface InPage {
  readonly document: { readonly activeElement: unknown };
  getComputedStyle(element: unknown): { readonly outlineStyle: string; readonly outlineWidth: string };
}

interface ReportView {
  report: {
    guidelines: { id: string; outcome: string; requirements: string[] }[];
    requirements: { id: string; number: string | null; status: string }[];
  };
  records: Record<string, { revision: number; status: string }>;
  evidence: { target: { kind: string; id: string }; file: { sha256: string } | null }[];
}

describe.skipIf(missing !== null)('the web app in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const problems: string[] = [];
  let productId = '';

  /** A page in a fresh context; `refused` lists statuses the test provokes on purpose (a viewer's write). */
  async function newPage(refused: readonly number[] = []): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const seen = watchProblems(page, refused);
    page.on('close', () => problems.push(...seen));
    return { context, page };
  }

  async function logIn(page: Page, user: { username: string; password: string }) {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('User name').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${server.url}/`);
  }

  /** The text of the focused element. (Page code is passed as strings: this file is typed for Node, not the DOM.) */
  const activeText = (page: Page) =>
    page.evaluate('document.activeElement?.textContent') as Promise<string | undefined>;

  const record = (page: Page, id: string) => page.locator(`[data-record="requirement:${id}"]`);

  async function detail(session: ApiSession): Promise<ReportView> {
    const answer = await session.call<ReportView>('GET', `/api/v1/products/${productId}`);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'sets up, logs in, creates and assesses a product, and shows the outcome change',
    async () => {
      const { context, page } = await newPage();

      // First-run setup: the token comes in the fragment and leaves the address bar.
      await page.goto(server.setupLink);
      await expect.poll(() => page.evaluate('window.location.hash')).toBe('');
      await page.getByText('Setup token received from the link').waitFor();
      await page.getByText('The password must follow these rules').waitFor();
      await screenshot(page, 'setup');
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.getByLabel('Your name').fill(ADMIN.name);
      await page.getByLabel('User name').fill(ADMIN.username);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByLabel('Password again').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Create the administrator account' }).click();
      await page.waitForURL(`${server.url}/`);
      await page.getByRole('heading', { name: 'No products yet' }).waitFor();

      // The setup link works once.
      const again = await fetch(`${server.url}/api/v1/setup`).then((r) => r.json());
      expect(again).toEqual({ required: false });

      // Log out, then log in.
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(/\/login$/);
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await screenshot(page, 'login');
      expect(await accessibilityProblems(page)).toEqual([]);
      await logIn(page, ADMIN);

      // Create a product: the form leads to its profile.
      await page.getByRole('link', { name: 'New product' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Lumen Doorbell Pro');
      await page.getByLabel('Manufacturer', { exact: true }).fill('Lumen Home Ltd (fictional)');
      await page.getByLabel('Model', { exact: true }).fill('LDB-200');
      await page.getByLabel('Version', { exact: true }).fill('firmware 1.4.0');
      await page.getByLabel('Device manufacturers').check();
      await page.getByRole('button', { name: 'Create the product' }).click();
      await page.waitForURL(/\/products\/[^/]+\/profile$/);
      productId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
      expect(productId).not.toBe('');

      // Answer the profile: "no" to every question that is asked (gated ones disable themselves).
      const questions = page.locator('li.question fieldset');
      await questions.first().waitFor();
      const count = await questions.count();
      for (let i = 0; i < count; i += 1) {
        const no = questions.nth(i).getByLabel('No', { exact: true });
        if (await no.isDisabled()) continue; // not asked: an earlier answer rules it out
        await no.check();
      }
      await page.getByRole('button', { name: 'Save the profile' }).click();
      await page.getByText(/^Saved at/).waitFor();
      await page.getByText(/0 unknown/).waitFor();

      const api = await ApiSession.login(server.url, ADMIN.username, ADMIN.password);
      let state = await detail(api);
      const guideline2 = state.report.guidelines.find((g) => g.id === '2');
      if (!guideline2) throw new Error('the catalog has no guideline 2');
      const applicable = state.report.requirements.filter(
        (r) => guideline2.requirements.includes(r.id) && r.status !== 'not-applicable',
      );
      expect(applicable.length).toBeGreaterThan(0);
      expect(guideline2.outcome).not.toBe('met');

      // The tile shows what the server says, before any status is set.
      await page.getByRole('link', { name: 'Overview' }).click();
      const tile = page.locator('article[data-guideline="2"]');
      await expect.poll(() => tile.getAttribute('class')).toContain(`outcome--${guideline2.outcome}`);
      await screenshot(page, 'product-before', true);

      // Set every applicable requirement of guideline 2 to compliant, one row at a time.
      await page.goto(`${server.url}/products/${productId}/checklist?guideline=2`);
      for (const r of applicable) {
        const row = record(page, r.id);
        await row.getByLabel(`Status of ${r.number ?? r.id}`).selectOption('compliant');
        await row.getByRole('button', { name: `Save ${r.number ?? r.id}` }).click();
        await row.getByText(/^Saved at/).waitFor();
      }

      // Upload evidence beside the first of them; the page shows the file's SHA-256.
      const first = applicable[0]!;
      const row = record(page, first.id);
      await row.getByRole('button', { name: new RegExp(`Details of ${first.number ?? first.id}`) }).click();
      const bytes = Buffer.from(`Vulnerability disclosure policy, published ${new Date().toISOString()}\n`);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await row
        .getByLabel('File to upload')
        .setInputFiles({ name: 'vdp-policy.txt', mimeType: 'text/plain', buffer: bytes });
      await row.getByLabel('Title (optional)').fill('Published VDP page');
      await row.getByRole('button', { name: 'Upload', exact: true }).click();
      await row.getByRole('link', { name: 'Published VDP page' }).waitFor();
      expect(await row.locator(`code[data-sha256="${sha256}"]`).textContent()).toBe(sha256);
      const href = await row.getByRole('link', { name: 'Published VDP page' }).getAttribute('href');
      const download = await context.request.get(`${server.url}${href}`);
      expect(download.status()).toBe(200);
      expect(Buffer.from(await download.body()).equals(bytes)).toBe(true);
      await screenshot(page, 'checklist-filtered');
      expect(await accessibilityProblems(page)).toEqual([]);

      // The strip above the checklist and the tile on the overview now say "met".
      const chip = page.locator('.strip__chip[data-guideline="2"]');
      await expect.poll(() => chip.getAttribute('data-outcome')).toBe('met');
      await page.getByRole('link', { name: 'Overview' }).click();
      await expect.poll(() => tile.getAttribute('class')).toContain('outcome--met');
      // In words too, not only in colour: the badge reads "✓ Met".
      expect(((await tile.locator('.tile__outcome').textContent()) ?? '').replace(/\s+/g, '')).toBe('✓Met');
      state = await detail(api);
      expect(state.report.guidelines.find((g) => g.id === '2')?.outcome).toBe('met');
      expect(state.evidence.some((e) => e.target.id === first.id && e.file?.sha256 === sha256)).toBe(true);
      await screenshot(page, 'product-overview', true);
      expect(await accessibilityProblems(page)).toEqual([]);

      // Change one status again, then read its history: who, when, before and after.
      await page.goto(
        `${server.url}/products/${productId}/checklist?q=${encodeURIComponent(first.number ?? first.id)}`,
      );
      await record(page, first.id)
        .getByLabel(`Status of ${first.number ?? first.id}`)
        .selectOption('partially-compliant');
      await record(page, first.id)
        .getByRole('button', { name: `Save ${first.number ?? first.id}` })
        .click();
      await record(page, first.id)
        .getByText(/^Saved at/)
        .waitFor();
      await page.goto(
        `${server.url}/products/${productId}/history?requirement=${encodeURIComponent(first.id)}`,
      );
      const history = page.getByRole('table');
      await history.waitFor();
      const rows = history.locator('tbody tr');
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3); // created, evidence added, changed
      const latest = rows.first();
      expect(await latest.textContent()).toContain(ADMIN.username);
      expect(await latest.locator('td').nth(3).textContent()).toContain('compliant');
      expect(await latest.locator('td').nth(4).textContent()).toContain('partially-compliant');
      await screenshot(page, 'history');
      expect(await accessibilityProblems(page)).toEqual([]);

      // The profile page with its derived applicability.
      await page.goto(`${server.url}/products/${productId}/profile`);
      await page.getByRole('heading', { name: 'Derived applicability' }).waitFor();
      await screenshot(page, 'profile');
      expect(await accessibilityProblems(page)).toEqual([]);

      // Several products in the portfolio: the three examples, imported with their evidence.
      for (const example of ['wifi-camera', 'smart-plug', 'ble-wearable']) {
        const dir = join(ROOT, 'examples', example);
        const evidence = readdirSync(join(dir, 'evidence')).map((f) => join(dir, 'evidence', f));
        await api.importProduct(join(dir, 'assessment.yaml'), evidence);
      }
      await page.goto(`${server.url}/`);
      await expect.poll(() => page.locator('tbody tr.heat-map__row').count()).toBe(4);
      await screenshot(page, 'portfolio', true);
      expect(await accessibilityProblems(page)).toEqual([]);

      // Log out: the session ends on the server too.
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(/\/login$/);
      const after = await context.request.get(`${server.url}/api/v1/session`);
      expect(after.status()).toBe(401);
      await context.close();
    },
    STEP,
  );

  it(
    'lets an administrator create a viewer, who sees no edit controls and whose API writes are refused',
    async () => {
      const { context, page } = await newPage();
      await logIn(page, ADMIN);
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.waitForURL(/\/admin\/users$/);
      await page.getByLabel('Name', { exact: true }).fill(VIEWER.name);
      await page.getByLabel('User name').fill(VIEWER.username);
      await page.getByLabel('Role', { exact: true }).selectOption('viewer');
      await page.getByLabel('First password').fill(VIEWER.password);
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByText('User created').waitFor();
      await page.getByRole('rowheader', { name: new RegExp(VIEWER.name) }).waitFor();
      await screenshot(page, 'admin-users');
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.getByRole('link', { name: 'API tokens' }).click();
      await page.getByLabel('Name', { exact: true }).fill('release pipeline');
      await page.getByRole('button', { name: 'Create token' }).click();
      const secret = await page.locator('#new-token-secret').textContent();
      expect(secret).toMatch(/^iot_/);
      await screenshot(page, 'admin-tokens');
      expect(await accessibilityProblems(page)).toEqual([]);
      await context.close();

      const viewer = await newPage([403]);
      await logIn(viewer.page, VIEWER);
      expect(await viewer.page.getByRole('link', { name: 'New product' }).count()).toBe(0);
      expect(await viewer.page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
      await viewer.page.goto(`${server.url}/products/${productId}/checklist?guideline=2`);
      await viewer.page.locator('[data-record]').first().waitFor();
      expect(await viewer.page.locator('[data-record] select, [data-record] textarea').count()).toBe(0);
      expect(await viewer.page.getByRole('button', { name: /^Save/ }).count()).toBe(0);
      await viewer.page.locator('[data-record] .record__toggle').first().click();
      expect(await viewer.page.getByRole('button', { name: 'Upload', exact: true }).count()).toBe(0);
      expect(await viewer.page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
      await viewer.page.goto(`${server.url}/products/${productId}/profile`);
      await viewer.page.locator('li.question fieldset').first().waitFor();
      expect(await viewer.page.locator('li.question fieldset:not([disabled])').count()).toBe(0);
      expect(await viewer.page.getByRole('button', { name: 'Save the profile' }).count()).toBe(0);
      await screenshot(viewer.page, 'viewer-profile');
      expect(await accessibilityProblems(viewer.page)).toEqual([]);

      // The server refuses a viewer's write however it is sent: from the browser's own session…
      // (Evaluated in the page, where fetch sends the viewer's session cookie.)
      const fromBrowser = (await viewer.page.evaluate(`(async () => {
        const session = await fetch('/api/v1/session').then((r) => r.json());
        const answer = await fetch('/api/v1/products/${encodeURIComponent(productId)}/requirements/2.4.3.5', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ expectedRevision: 0, status: 'compliant' }),
        });
        return { status: answer.status, body: await answer.json() };
      })()`)) as { status: number; body: { error: { code: string } } };
      expect(fromBrowser.status).toBe(403);
      expect(fromBrowser.body.error.code).toBe('forbidden');
      // …or directly.
      const direct = await ApiSession.login(server.url, VIEWER.username, VIEWER.password);
      const patch = await direct.call('PATCH', `/api/v1/products/${productId}`, {
        json: { expectedRevision: 1, name: 'x' },
      });
      expect(patch.status).toBe(403);
      await viewer.context.close();
    },
    STEP,
  );

  it(
    'changes a status with the keyboard alone: skip link, Tab to the row, arrow key, Enter',
    async () => {
      const api = await ApiSession.login(server.url, ADMIN.username, ADMIN.password);
      const before = await detail(api);
      const target = before.report.requirements.find((r) => r.status === 'compliant');
      if (!target) throw new Error('no compliant requirement to change');
      const label = target.number ?? target.id;

      const { context, page } = await newPage();
      await logIn(page, ADMIN);
      await page.goto(`${server.url}/products/${productId}/checklist?q=${encodeURIComponent(label)}`);
      const select = record(page, target.id).getByLabel(`Status of ${label}`);
      await select.waitFor();

      await page.keyboard.press('Tab');
      expect(await activeText(page)).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement?.id')).toBe('main');
      let tabs = 0;
      while (
        !(await select.evaluate((el) => el === (globalThis as unknown as InPage).document.activeElement))
      ) {
        tabs += 1;
        if (tabs > 60) throw new Error('the status select was not reached with Tab');
        await page.keyboard.press('Tab');
      }
      const focusStyle = await select.evaluate((el) => {
        const style = (globalThis as unknown as InPage).getComputedStyle(el);
        return { outline: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
      });
      expect(focusStyle.outline).not.toBe('none');
      expect(focusStyle.width).toBeGreaterThan(0);
      await screenshot(page, 'keyboard-focus');

      // compliant → the next option, partially compliant.
      await page.keyboard.press('ArrowDown');
      expect(await select.inputValue()).toBe('partially-compliant');
      await page.keyboard.press('Tab');
      expect(await activeText(page)).toBe(`Save ${label}`);
      await page.keyboard.press('Enter');
      await record(page, target.id)
        .getByText(/^Saved at/)
        .waitFor();
      const after = await detail(api);
      expect(after.records[target.id]?.status).toBe('partially-compliant');
      expect(after.records[target.id]?.revision).toBeGreaterThan(before.records[target.id]?.revision ?? 0);
      await context.close();
    },
    STEP,
  );

  it('ran without page errors or Content-Security-Policy violations', () => {
    expect(problems).toEqual([]);
    expect(server.stderr()).toBe('');
  });
});
