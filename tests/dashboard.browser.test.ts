// The dashboard in a real Chromium at phone width: sign in through the form, see the queue, sign out.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedContext } from '../src/bootstrap.js';
import { upsertUser } from '../src/users/user.repository.js';
import { startDashboardHarness, type DashboardHarness } from './support/dashboard-harness.js';

let context: OpenedContext;
let harness: DashboardHarness;
let browser: Browser;
let base: string;

beforeAll(async () => {
  harness = await startDashboardHarness('browser');
  ({ context, base, browser } = harness);
  await upsertUser(context.db, { username: 'ctv2', displayName: 'Chị Lan', password: 'mat-khau-dai-du', role: 'collaborator' });
  await context.db
    .insertInto('incidents')
    .values([
      { title: 'Tin đồn cắt điện cả tuần ở thôn Nà Pài', category: 'tin_sai_su_that', severity: 'high', resolve_due_at: new Date(Date.now() + 3_600_000) },
      { title: 'Đường liên thôn Phiêng Lầu sạt lở', category: 'thien_tai_dich_benh', severity: 'critical', resolve_due_at: new Date(Date.now() - 3_600_000) },
    ])
    .execute();
});
afterAll(async () => {
  await harness?.close();
});

describe('dashboard in Chromium', () => {
  it('signs in on a 375 px phone, shows the queue nearest deadline first, and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=username]', 'ctv2');
    await page.fill('input[name=password]', 'mat-khau-dai-du');
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/`);

    await expect(page.locator('h1').textContent()).resolves.toContain('Hàng chờ xử lý');
    const titles = await page.locator('.incident-title').allTextContents();
    expect(titles).toEqual(['Đường liên thôn Phiêng Lầu sạt lở', 'Tin đồn cắt điện cả tuần ở thôn Nà Pài']);
    await expect(page.locator('.overdue').count()).resolves.toBe(1);
    await expect(page.locator('.severity-critical.badge').first().textContent()).resolves.toBe('Khẩn cấp');
    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/langnghe-queue-375.png`, fullPage: true });

    await page.click('.logout button');
    await page.waitForURL(/\/login$/);
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
