// The admin screens in a real Chromium at phone width: no horizontal scroll, no script error or
// CSP violation, pasted markup shown as text on the test bench; a collaborator gets the 403 page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedContext } from '../src/bootstrap.js';
import { saveRulePackVersion } from '../src/rules/rule-pack.repository.js';
import { upsertUser } from '../src/users/user.repository.js';
import { startDashboardHarness, type DashboardHarness } from './support/dashboard-harness.js';
import { expectNoHorizontalScroll, signInOnPhone } from './support/phone-session.js';

let context: OpenedContext;
let harness: DashboardHarness;
let browser: Browser;
let base: string;
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';
const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script> có tin đồn thất thiệt';

beforeAll(async () => {
  harness = await startDashboardHarness('admin_browser');
  ({ context, base, browser } = harness);
  await upsertUser(context.db, { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-dai-du', role: 'admin' });
  await upsertUser(context.db, { username: 'ctv', displayName: 'Cộng tác viên', password: 'mat-khau-dai-du', role: 'collaborator' });
  await saveRulePackVersion(
    context.db,
    { version: 'thu-nghiem', rules: [{ id: 'tin-don', category: 'tin_sai_su_that', query: '"tin đồn" NEAR/3 "thất thiệt"', requires_about: false }] },
    { activate: true },
  );
});
afterAll(async () => {
  await harness?.close();
});

const signIn = (username: string) => signInOnPhone(browser, base, username);

describe('admin screens in Chromium', () => {
  it('fit a 375 px phone, and the test bench shows pasted markup as text with the match highlighted', async () => {
    const { page, errors } = await signIn('quantri');
    for (const [path, shot] of [
      ['/admin/users', 'users'],
      ['/admin/tokens', 'tokens'],
      ['/admin/profile', 'profile'],
      ['/admin/rules', 'rules'],
      ['/api/docs', 'api-docs'],
    ] as const) {
      await page.goto(`${base}${path}`);
      await expectNoHorizontalScroll(page, path);
      await page.screenshot({ path: `${SHOTS}/langnghe-admin-${shot}-375.png`, fullPage: true });
    }

    await page.goto(`${base}/admin/rules`);
    await page.fill('textarea[name=text]', XSS);
    await page.click('#thu-nghiem button[type=submit]');
    await page.waitForSelector('.bench-result');
    await expect(page.locator('.bench-text').textContent()).resolves.toBe(XSS);
    await expect(page.locator('.bench-text mark').allTextContents()).resolves.toEqual(['tin đồn', 'thất thiệt']);
    await expect(page.locator('.bench-text img, .bench-text script').count()).resolves.toBe(0);
    await expectNoHorizontalScroll(page);

    await page.fill('input[name=query]', '"tin đồn" AND (');
    await page.click('#kiem-tra button[type=submit]');
    await expect(page.locator('#kiem-tra .problem .position').textContent()).resolves.toMatch(/Vị trí \d+/);
    await page.screenshot({ path: `${SHOTS}/langnghe-admin-rules-errors-375.png`, fullPage: true });
    // The refused query answers 400 on purpose; anything else (a CSP violation, a dialog) fails.
    const unexpected = errors.filter((e) => !/status of 400/.test(e));
    expect(unexpected, unexpected.join('\n')).toEqual([]);
  });

  it('a collaborator sees no admin links, gets the 403 page on admin screens and 403 from admin API routes', async () => {
    const { page, errors } = await signIn('ctv');
    await expect(page.locator('nav.mainnav a[href^="/admin"]').count()).resolves.toBe(0);
    const response = await page.goto(`${base}/admin/users`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Không có quyền');
    const api = await page.request.put(`${base}/api/sla/policy`, { data: { high: { ack_minutes: 60, resolve_minutes: 120, clock: 'calendar' } } });
    expect(api.status()).toBe(403);
    expect(errors.filter((e) => !e.includes('403')), errors.join('\n')).toEqual([]);
  });
});
