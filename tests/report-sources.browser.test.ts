// The report-a-link form and the sources page in a real Chromium at phone width (375 px): report a
// flagged text with a screenshot and see the analysis; add an RSS source after a live preview.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedContext } from '../src/bootstrap.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { upsertUser } from '../src/users/user.repository.js';
import { startDashboardHarness, type DashboardHarness } from './support/dashboard-harness.js';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const FLAGGED_TEXT = 'Dân thôn Nà Pài, xã Phủ Thông bức xúc vì đã 2 năm chưa được bồi thường đất làm đường';
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';

let context: OpenedContext;
let harness: DashboardHarness;
let browser: Browser;
let base: string;
let dataDir: string;
let feed: http.Server;
let feedUrl: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-browser-uploads-'));
  harness = await startDashboardHarness('pages_browser', { DATA_DIR: dataDir, FETCH_ALLOW_HOSTS: '127.0.0.1' });
  ({ context, base, browser } = harness);
  await saveCommuneProfile(context.db, JSON.parse(await readFile(new URL('./fixtures/commune-profile.json', import.meta.url), 'utf8')));
  await upsertUser(context.db, { username: 'quantri', displayName: 'Anh Hùng', password: 'mat-khau-dai-du', role: 'admin' });
  feed = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Cổng thông tin xã</title>' +
        '<item><guid>a1</guid><title>Xã Phủ Thông ra quân làm đường liên thôn</title><link>https://phuthong.example.vn/tin/1?utm_source=fb</link><description>Người dân thôn Nà Pài góp công làm đường.</description><pubDate>Tue, 10 Nov 2026 08:00:00 +0700</pubDate></item>' +
        '<item><guid>a2</guid><title>Lịch tiếp công dân tháng 11</title><link>https://phuthong.example.vn/tin/2</link><description>UBND xã tiếp công dân vào thứ Năm hằng tuần.</description></item>' +
        '</channel></rss>',
    );
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/rss`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (feed ? feed.close(() => resolve()) : resolve()));
  await harness?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('report and sources pages in Chromium', () => {
  it('reports a flagged text with a screenshot, then adds an RSS source after previewing it, on a 375 px phone', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const noHorizontalScroll = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.goto(`${base}/reports/new`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=username]', 'quantri');
    await page.fill('input[name=password]', 'mat-khau-dai-du');
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/reports/new`);

    // The header links, by role (an admin also sees the admin screens).
    await expect(page.locator('nav.mainnav a').allTextContents()).resolves.toEqual([
      'Hàng chờ',
      'Báo cáo đường link',
      'Tìm kiếm',
      'Dư luận',
      'Nguồn tin',
      'Báo cáo',
      'Kênh của đơn vị',
      'Quy tắc',
      'Hồ sơ xã',
      'Người dùng',
      'Mã API',
      'Cảnh báo',
      'Đơn vị',
      'Nhật ký quản trị',
      'Tài liệu API',
    ]);
    await noHorizontalScroll();
    await page.screenshot({ path: `${SHOTS}/langnghe-report-form-375.png`, fullPage: true });

    await page.fill('textarea[name=text]', FLAGGED_TEXT);
    await page.setInputFiles('input[name=screenshot]', { name: 'zalo.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await Promise.all([page.waitForURL(`${base}/reports/new`), page.click('form.report-form button[type=submit]')]);
    await page.locator('.result').waitFor();
    await expect(page.locator('.result h2').textContent()).resolves.toBe('Kết quả phân tích');
    await expect(page.locator('.result .categories').textContent()).resolves.toContain('Phản ánh, kiến nghị của Nhân dân');
    await expect(page.locator('.result .sentiment').textContent()).resolves.toBe('Tiêu cực');
    const incidentHref = await page.locator('a.incident-link').getAttribute('href');
    expect(incidentHref).toMatch(/^\/incidents\/\d+$/);
    const incidentId = incidentHref!.split('/').pop()!;
    const members = await context.db.selectFrom('incident_posts').innerJoin('posts', 'posts.id', 'incident_posts.post_id').select(['posts.raw']).where('incident_posts.incident_id', '=', incidentId).execute();
    expect(members.map((m) => (m.raw as { screenshot?: { sha256: string } }).screenshot?.sha256)).toContainEqual(expect.stringMatching(/^[0-9a-f]{64}$/));
    await noHorizontalScroll();
    await page.screenshot({ path: `${SHOTS}/langnghe-report-result-375.png`, fullPage: true });

    // Add an RSS source: the web and Facebook fields hide for RSS (script), preview, then save.
    await page.click('nav.mainnav a[href="/sources"]');
    await page.waitForURL(`${base}/sources`);
    await expect(page.locator('fieldset[data-for-types="facebook_page"]').isVisible()).resolves.toBe(false);
    await page.fill('input[name=name]', 'Cổng thông tin xã');
    await page.selectOption('select[name=type]', 'rss');
    await page.fill('input[name=url]', feedUrl);
    await page.fill('input[name=interval_minutes]', '30');
    await Promise.all([page.waitForURL(/\/sources\/new/), page.click('button.preview-button')]);
    await expect(page.locator('.preview h3').textContent()).resolves.toContain('Xem trước: 2 bài');
    await expect(page.locator('.preview-post .incident-title').allTextContents()).resolves.toEqual(['Xã Phủ Thông ra quân làm đường liên thôn', 'Lịch tiếp công dân tháng 11']);
    await expect(page.locator('input[name=url]').inputValue()).resolves.toBe(feedUrl);
    await noHorizontalScroll();
    await page.screenshot({ path: `${SHOTS}/langnghe-source-preview-375.png`, fullPage: true });

    await Promise.all([page.waitForURL(/\/sources\?done=saved#thong-bao$/), page.click('button.save-button')]);
    await expect(page.locator('.notice').textContent()).resolves.toContain('Đã lưu nguồn tin.');
    await expect(page.locator('.source .source-name').allTextContents()).resolves.toEqual(['Cổng thông tin xã']);
    await expect(page.locator('.source .badge.health').textContent()).resolves.toBe('Chưa chạy');
    await noHorizontalScroll();
    await page.screenshot({ path: `${SHOTS}/langnghe-sources-375.png`, fullPage: true });

    expect(errors, errors.join('\n')).toEqual([]);
  });
});
