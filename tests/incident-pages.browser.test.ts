// The incident page and the queue's filters and bulk actions in a real Chromium at 375 px: open an
// incident from the queue, acknowledge, note, resolve, read the timeline; filter; bulk-assign two.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedContext } from '../src/bootstrap.js';
import { postText } from '../src/posts/analyze-post.js';
import { upsertUser } from '../src/users/user.repository.js';
import { startDashboardHarness, type DashboardHarness } from './support/dashboard-harness.js';
import { expectNoHorizontalScroll, signInOnPhone } from './support/phone-session.js';

const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';
const TITLE = 'Tin đồn <script>alert(1)</script> thu hồi đất';
const BODY = 'Dân thôn Nà Pài nói chưa được bồi thường <img src=x onerror=alert(2)>';

let context: OpenedContext;
let harness: DashboardHarness;
let browser: Browser;
let base: string;

beforeAll(async () => {
  harness = await startDashboardHarness('incident_browser');
  ({ context, base, browser } = harness);
  await upsertUser(context.db, { username: 'ctv', displayName: 'Chị Mai', password: 'mat-khau-dai-du', role: 'collaborator' });
  await upsertUser(context.db, { username: 'ctv2', displayName: 'Anh Tuấn', password: 'mat-khau-dai-du', role: 'collaborator' });
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000);
  const ids = await context.db
    .insertInto('incidents')
    .values([
      { title: 'Bài đăng về bồi thường GPMB thôn Nà Pài', category: 'phan_anh_kien_nghi', severity: 'high', ack_due_at: hours(2), resolve_due_at: hours(40) },
      { title: 'Tập trung đông người trước UBND xã', category: 'an_ninh_trat_tu', severity: 'critical', ack_due_at: hours(0.5), resolve_due_at: hours(20) },
      { title: 'Lũ quét ở thôn Khuổi Mạn', category: 'thien_tai_dich_benh', severity: 'critical', ack_due_at: hours(0.8), resolve_due_at: hours(22) },
    ])
    .returning('id')
    .execute();
  const source = await context.db.insertInto('sources').values({ name: 'Nhóm Zalo thôn', type: 'manual', config: '{}', fetch_state: '{}' }).returning('id').executeTakeFirstOrThrow();
  const post = await context.db
    .insertInto('posts')
    .values({ source_id: source.id, external_id: 'z1', url: 'https://zalo.example/g/1', title: TITLE, body: BODY, content_hash: 'z1', raw: JSON.stringify({}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const text = postText({ title: TITLE, body: BODY });
  const start = text.indexOf('bồi thường');
  await context.db
    .insertInto('analyses')
    .values({
      post_id: post.id,
      flag: true,
      categories: ['phan_anh_kien_nghi'],
      about: true,
      sentiment_label: 'negative',
      sentiment_score: -0.6,
      offensive: false,
      severity: 'high',
      matches: JSON.stringify([{ rule: 'gpmb', category: 'phan_anh_kien_nghi', start, end: start + 'bồi thường'.length, text: 'bồi thường' }]),
      rule_pack_version: null,
    })
    .execute();
  await context.db.insertInto('incident_posts').values({ incident_id: ids[0]!.id, post_id: post.id, reason: 'opened' }).execute();
});
afterAll(async () => {
  await harness?.close();
});

describe('incident page and queue in Chromium', () => {
  it('works an incident from the queue to resolved, filters the queue and bulk-assigns two incidents on a 375 px phone', async () => {
    const { page, errors } = await signInOnPhone(browser, base, 'ctv');
    // Nearest deadline first (acknowledging comes first while not done).
    await expect(page.locator('.incident-title').allTextContents()).resolves.toEqual([
      'Tập trung đông người trước UBND xã',
      'Lũ quét ở thôn Khuổi Mạn',
      'Bài đăng về bồi thường GPMB thôn Nà Pài',
    ]);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-queue-filters-375.png`, fullPage: true });

    // Open the incident from the queue.
    await Promise.all([page.waitForURL(/\/incidents\/\d+$/), page.click('a.incident-title:has-text("GPMB")')]);
    await expect(page.locator('h1.incident-heading').textContent()).resolves.toBe('Bài đăng về bồi thường GPMB thôn Nà Pài');
    await expect(page.locator('.post-text mark').allTextContents()).resolves.toEqual(['bồi thường']);
    await expect(page.locator('.post-text').textContent()).resolves.toContain('<script>alert(1)</script>');
    await expect(page.locator('.post-text img, .post-text script').count()).resolves.toBe(0);
    await expect(page.locator('a.original').getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow');
    await expect(page.locator('.ack-due').textContent()).resolves.toMatch(/còn (1 giờ|2 giờ)/);
    await expectNoHorizontalScroll(page);

    // Acknowledge.
    await Promise.all([page.waitForURL(/done=acknowledge/), page.click('button.act-acknowledge')]);
    await expect(page.locator('.flash').textContent()).resolves.toBe('Đã tiếp nhận vụ việc.');
    await expect(page.locator('.badge.status').textContent()).resolves.toBe('Đã tiếp nhận');
    await expect(page.locator('button.act-acknowledge').count()).resolves.toBe(0);

    // A note.
    await page.click('details.action-form summary:has-text("Ghi chú")');
    await page.fill('form.note-form textarea[name=note]', 'Đã liên hệ trưởng thôn Nà Pài để xác minh');
    await Promise.all([page.waitForURL(/done=note/), page.click('form.note-form button[type=submit]')]);
    await expect(page.locator('.flash').textContent()).resolves.toBe('Đã thêm ghi chú.');

    // An action recorded.
    await page.click('details.action-form summary:has-text("Ghi nhận việc đã làm")');
    await page.selectOption('form.action-record-form select[name=type]', 'replied_on_fanpage');
    await page.fill('form.action-record-form textarea[name=description]', 'Trả lời bình luận trên trang của xã');
    await Promise.all([page.waitForURL(/done=action/), page.click('form.action-record-form button[type=submit]')]);
    await expect(page.locator('.action-list li').first().textContent()).resolves.toContain('Trả lời trên trang của xã');
    // Who did it, by the name people know them by; the login name as a tooltip.
    await expect(page.locator('.action-list li .person').first().textContent()).resolves.toBe('Chị Mai');
    await expect(page.locator('.action-list li').first().textContent()).resolves.not.toContain('ctv');
    await expect(page.locator('.action-list li .person').first().getAttribute('title')).resolves.toBe('ctv');

    // Resolve.
    await page.fill('form.resolve-form textarea[name=note]', 'Đã trả lời, người dân đồng tình');
    await Promise.all([page.waitForURL(/done=resolve/), page.click('button.act-resolve')]);
    await expect(page.locator('.badge.status').textContent()).resolves.toBe('Đã xử lý');
    await expect(page.locator('button.act-reopen').count()).resolves.toBe(1);
    const timeline = await page.locator('.event-list .event-what').allTextContents();
    expect(timeline).toEqual(['Đã xử lý xong · Đã tiếp nhận → Đã xử lý', 'Ghi nhận việc đã làm · Trả lời trên trang của xã', 'Ghi chú', 'Tiếp nhận · Mới → Đã tiếp nhận']);
    await expect(page.locator('.event-list .event-note').allTextContents()).resolves.toEqual(['Đã trả lời, người dân đồng tình', 'Đã liên hệ trưởng thôn Nà Pài để xác minh']);
    const who = await page.locator('.event-list .hint').allTextContents();
    expect(who).toHaveLength(4);
    for (const line of who) expect(line).toMatch(/ · Chị Mai$/);
    await expect(page.locator('.event-list .hint .person').evaluateAll((els) => els.map((el) => el.getAttribute('title')))).resolves.toEqual(['ctv', 'ctv', 'ctv', 'ctv']);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-incident-375.png`, fullPage: true });

    // Filters narrow the queue.
    await page.click('a:has-text("Về hàng chờ")');
    await page.waitForURL(`${base}/`);
    await expect(page.locator('.incident-title').count()).resolves.toBe(2);
    await page.click('details.filters summary');
    await page.selectOption('select[name=category]', 'thien_tai_dich_benh');
    await Promise.all([page.waitForURL(/category=thien_tai_dich_benh/), page.click('form.filter-form button[type=submit]')]);
    await expect(page.locator('.incident-title').allTextContents()).resolves.toEqual(['Lũ quét ở thôn Khuổi Mạn']);
    await page.selectOption('select[name=category]', '');
    await page.selectOption('select[name=status]', 'resolved');
    await Promise.all([page.waitForURL(/status=resolved/), page.click('form.filter-form button[type=submit]')]);
    await expect(page.locator('.incident-title').allTextContents()).resolves.toEqual(['Bài đăng về bồi thường GPMB thôn Nà Pài']);
    await expectNoHorizontalScroll(page);

    // Bulk-assign the two open incidents.
    await page.click('a.clear-filters');
    await page.waitForURL(`${base}/`);
    const boxes = page.locator('input[name=ids]');
    await expect(boxes.count()).resolves.toBe(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.selectOption('form.bulk-form select[name=username]', 'ctv2');
    await Promise.all([page.waitForURL(/bulk=done/), page.click('button.bulk-assign')]);
    await expect(page.locator('.flash').textContent()).resolves.toBe('Đã cập nhật 2 vụ việc.');
    await expect(page.locator('.incident .assignee').allTextContents()).resolves.toEqual(['Giao cho: Anh Tuấn', 'Giao cho: Anh Tuấn']);
    await expect(page.locator('.incident .assignee .person').evaluateAll((els) => els.map((el) => el.getAttribute('title')))).resolves.toEqual(['ctv2', 'ctv2']);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-queue-bulk-375.png`, fullPage: true });

    expect(errors, errors.join('\n')).toEqual([]);
  });
});
