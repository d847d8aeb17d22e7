// The response-time report page in a real Chromium at phone width: a reviewer picks a month, sees
// the headline figures and the SVG charts, and the download links; nothing overflows, no errors.
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
  harness = await startDashboardHarness('reports_browser');
  ({ context, base, browser } = harness);
  await upsertUser(context.db, { username: 'xemxet', displayName: 'Anh Tuấn', password: 'mat-khau-dai-du', role: 'reviewer' });
  const detected = new Date('2026-10-05T02:00:00Z');
  await context.db
    .insertInto('incidents')
    .values([
      // Handled within its deadline.
      { title: 'Tin đồn cắt điện', category: 'tin_sai_su_that', severity: 'high', status: 'resolved', detected_at: detected, created_at: detected,
        acknowledged_at: new Date('2026-10-05T03:00:00Z'), resolved_at: new Date('2026-10-05T10:00:00Z'),
        ack_due_at: new Date('2026-10-05T06:00:00Z'), resolve_due_at: new Date('2026-10-07T02:00:00Z') },
      // Still open and past its deadline: a breach.
      { title: 'Phản ánh đường sạt lở', category: 'phan_anh_kien_nghi', severity: 'medium', detected_at: detected, created_at: detected,
        ack_due_at: new Date('2026-10-06T02:00:00Z'), resolve_due_at: new Date('2026-10-12T02:00:00Z') },
    ])
    .execute();
});
afterAll(async () => {
  await harness?.close();
});

describe('response-time report page in Chromium', () => {
  it('shows a month on a 375 px phone with figures, charts and exports', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    await page.goto(`${base}/login?next=${encodeURIComponent('/reports/response-time?from=2026-10-01&to=2026-10-31')}`);
    await page.fill('input[name=username]', 'xemxet');
    await page.fill('input[name=password]', 'mat-khau-dai-du');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/reports\/response-time\?/);

    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('10/2026');
    // 1 handled in time out of 2 decided (the open one is past its deadline): 50 %.
    expect(text).toMatch(/50(,0)?\s?%/);
    await expect(page.locator('main svg').count()).resolves.toBeGreaterThan(0);
    for (const ext of ['pdf', 'xlsx', 'csv']) {
      await expect(page.locator(`a[href*="/reports/response-time.${ext}?from=2026-10-01&to=2026-10-31"]`).count()).resolves.toBeGreaterThan(0);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/langnghe-report-375.png`, fullPage: true });
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
