// Issue 14 in a real Chromium at 375 px: a collaborator searches without diacritics and sees the
// matched syllables marked, opens an incident from a missed post ("Tạo vụ việc"), adds a second
// post to it from the list of open incidents, and reads the Dư luận page; nothing overflows the
// phone's width, no script error, no inline script.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedContext } from '../src/bootstrap.js';
import { indexPendingPosts } from '../src/search/search-index.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { upsertUser } from '../src/users/user.repository.js';
import { startDashboardHarness, type DashboardHarness } from './support/dashboard-harness.js';
import { expectNoHorizontalScroll } from './support/phone-session.js';

const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';
let context: OpenedContext;
let harness: DashboardHarness;
let browser: Browser;
let base: string;

const POSTS = [
  { key: 'a', body: 'Dân thôn Nà Pài bức xúc vì chưa nhận được tiền bồi thường đất làm đường tránh, hỏi xã thì bảo chờ huyện.', hours: 1, about: true, sentiment: 'negative', categories: [] as string[] },
  { key: 'b', body: 'dan Na Hin cung chua duoc boi thuong, nop ho so tu thang 5 ma van im re', hours: 2, about: true, sentiment: 'negative', categories: [] as string[] },
  { key: 'c', body: 'Xã Phủ Thông trao 18 căn nhà mới cho hộ nghèo trước mùa mưa bão, bà con rất vui.', hours: 30, about: true, sentiment: 'positive', categories: ['tich_cuc'] },
  { key: 'd', body: 'Bán gấp xe máy cũ, giá rẻ, liên hệ chính chủ.', hours: 50, about: false, sentiment: 'neutral', categories: [] as string[] },
];

beforeAll(async () => {
  harness = await startDashboardHarness('listening_browser');
  ({ context, base, browser } = harness);
  await upsertUser(context.db, { username: 'ctv', displayName: 'Chị Mai', password: 'mat-khau-dai-du', role: 'collaborator' });
  const source = (await upsertSource(context.db, { name: 'Nhóm Người Phủ Thông', type: 'facebook_page', config: {} })).id;
  for (const p of POSTS) {
    const row = await context.db
      .insertInto('posts')
      .values({
        source_id: source,
        external_id: p.key,
        url: `https://facebook.example.vn/${p.key}`,
        canonical_url: `https://facebook.example.vn/${p.key}`,
        body: p.body,
        content_hash: p.key,
        raw: '{}',
        engagement: 10,
        published_at: new Date(Date.now() - p.hours * 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await context.db
      .insertInto('analyses')
      .values({ post_id: row.id, flag: false, categories: p.categories, about: p.about, sentiment_label: p.sentiment as 'negative', sentiment_score: 0, offensive: false, severity: null, matches: '[]' })
      .execute();
  }
  await indexPendingPosts(context.db);
});
afterAll(async () => {
  await harness?.close();
});

async function phone(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}/login?next=${encodeURIComponent('/search')}`);
  await page.fill('input[name=username]', 'ctv');
  await page.fill('input[name=password]', 'mat-khau-dai-du');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/search$/);
  return { page, errors };
}

describe('listening in Chromium at 375 px', () => {
  it('searches without diacritics, opens an incident from a missed post and adds another to it', async () => {
    const { page, errors } = await phone();
    await page.fill('input[name=q]', 'boi thuong');
    await page.click('form.search-form button[type=submit]');
    await page.waitForURL(/q=boi\+thuong/);
    const results = page.locator('li.search-result');
    await expect(results.count()).resolves.toBe(2);
    expect(await results.nth(0).locator('mark').allTextContents()).toEqual(['bồi', 'thường']);
    expect(await results.nth(1).locator('mark').allTextContents()).toEqual(['boi', 'thuong']);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-search-375.png`, fullPage: true });

    // Tạo vụ việc on the newest result: category and severity chosen.
    const first = results.nth(0);
    await first.locator('details.file-incident > summary').click();
    await first.locator('form.file-new select[name=category]').selectOption('phan_anh_kien_nghi');
    await first.locator('form.file-new select[name=severity]').selectOption('medium');
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-tao-vu-viec-375.png`, fullPage: true });
    await first.locator('form.file-new button[type=submit]').click();
    await page.waitForURL(/filed=\d+&created=1/);
    const notice = page.locator('#thong-bao');
    await expect(notice.textContent()).resolves.toMatch(/Đã tạo vụ việc #\d+ từ bài viết\./);
    const incidentId = /filed=(\d+)/.exec(page.url())![1]!;
    // The result now links to its incident; the other one can join it from the list.
    await expect(page.locator(`li.search-result a.incident-link[href="/incidents/${incidentId}"]`).count()).resolves.toBe(1);
    const second = page.locator('li.search-result', { hasNot: page.locator('a.incident-link') });
    await second.locator('details.file-incident > summary').click();
    await second.locator('form.file-existing select[name=incident_id]').selectOption(incidentId);
    await second.locator('form.file-existing button[type=submit]').click();
    await page.waitForURL(/created=0/);
    await expect(page.locator('#thong-bao').textContent()).resolves.toContain(`Đã thêm bài viết vào vụ việc #${incidentId}.`);
    await expect(page.locator(`a.incident-link[href="/incidents/${incidentId}"]`).count()).resolves.toBe(2);

    await page.click(`#thong-bao a[href="/incidents/${incidentId}"]`);
    await page.waitForURL(new RegExp(`/incidents/${incidentId}$`));
    const incident = (await page.locator('main').textContent()) ?? '';
    expect(incident).toContain('Phản ánh, kiến nghị của Nhân dân');
    expect(incident).toContain('Mở vụ việc · do người dùng thêm từ trang Tìm kiếm');
    expect(incident).toContain('Thêm bài viết · do người dùng thêm từ trang Tìm kiếm');
    await expectNoHorizontalScroll(page);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('shows the Dư luận page: SVG charts with their tables, by day and by week', async () => {
    const { page, errors } = await phone();
    await page.click('nav.mainnav a[href="/trends"]');
    await page.waitForURL(/\/trends$/);
    await expect(page.locator('main svg').count()).resolves.toBeGreaterThanOrEqual(5);
    for (const group of ['by_category', 'by_source_type', 'sentiment', 'positive_share', 'top_stories']) {
      await expect(page.locator(`table[data-group="${group}"]`).count()).resolves.toBe(1);
    }
    const headline = (await page.locator('dl.trend-headline').textContent()) ?? '';
    expect(headline).toContain('4');
    // Of the three posts about the commune, one is good news: 33,3 %.
    expect(await page.locator('[data-figure="positive_share"]').textContent()).toBe('33,3%');
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-trends-375.png`, fullPage: true });

    await page.selectOption('select[name=bucket]', 'week');
    await page.click('form.report-filters button[type=submit]');
    await page.waitForURL(/bucket=week/);
    await expect(page.locator('table[data-group="sentiment"] tbody tr').count()).resolves.toBeLessThanOrEqual(7);
    await expect(page.locator('a[href^="/reports/public-opinion.pdf?from="]').count()).resolves.toBe(1);
    await expectNoHorizontalScroll(page);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });
});
