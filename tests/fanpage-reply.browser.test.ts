// Replying on the commune fanpage from an incident in a real Chromium at 375 px: open the incident,
// "Trả lời trên fanpage" under the citizen's comment, type, send (three times: one comment), read
// it under the comment and in the timeline, and on the Graph stand-in's page; then the
// "Kênh của đơn vị" page and the units admin page on the same phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../src/users/user.repository.js';
import { startDashboardHarness, type DashboardHarness } from './support/dashboard-harness.js';
import { COMPLAINT_EXT, PAGE_ID, seedFanpageIncident, type FanpageFixture } from './support/fanpage-fixture.js';
import { expectNoHorizontalScroll } from './support/phone-session.js';

const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';
const REPLY = 'Chào anh, xã sẽ chi trả tiền bồi thường vào sáng thứ Hai tại nhà văn hoá thôn Nà Pài.';

let harness: DashboardHarness;
let fx: FanpageFixture;

beforeAll(async () => {
  harness = await startDashboardHarness('fanpage_reply_browser', { FETCH_ALLOW_HOSTS: '127.0.0.1' });
  const { db } = harness.context;
  fx = await seedFanpageIncident(db, harness.services.config.SECRET_KEY);
  await upsertUser(db, { username: 'mai', displayName: 'Chị Mai', password: 'mat-khau-dai-du', role: 'collaborator' });
  await upsertUser(db, { username: 'qtv', displayName: 'Quản trị', password: 'mat-khau-dai-du', role: 'admin' });
  const unit = await db.insertInto('units').values({ name: 'UBND xã Phủ Thông', kind: 'commune' }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('sources').set({ unit_id: unit.id }).where('id', '=', fx.sourceId).execute();
});
afterAll(async () => {
  await fx?.graph.close();
  await harness?.close();
});

async function signIn(page: Page, base: string, username: string, next: string) {
  await page.goto(`${base}${next}`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'mat-khau-dai-du');
  await Promise.all([page.waitForURL(`${base}${next}`), page.click('button[type=submit]')]);
}

describe('replying on the fanpage in Chromium', () => {
  it('a collaborator answers the citizen from the incident page on a 375 px phone; the form sent three times posts once', async () => {
    const { browser, base } = harness;
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    await signIn(page, base, 'mai', `/incidents/${fx.incidentId}`);
    // The form is offered under the fanpage's post and comment, not under the newspaper item.
    await expect(page.locator('.member-post .fanpage-reply').count()).resolves.toBe(2);
    await expect(page.locator(`li.member-post[data-post-id="${fx.feedPostId}"] .fanpage-reply`).count()).resolves.toBe(0);
    const member = page.locator(`li.member-post[data-post-id="${fx.complaintId}"]`);
    await member.locator('summary:has-text("Trả lời trên fanpage")').click();
    await member.locator('textarea[name=message]').fill(REPLY);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-fanpage-reply-form-375.png`, fullPage: true });

    // The same form sent twice at once (what a double tap on a slow line does), then sent again by its button.
    const twice = await member.locator('form.reply-form').evaluate(async (form: HTMLFormElement) => {
      const body = new URLSearchParams([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
      const send = () => fetch(form.action, { method: 'POST', body, redirect: 'manual' }).then((r) => (r.type === 'opaqueredirect' ? 'redirect' : String(r.status)));
      return Promise.all([send(), send()]);
    });
    expect(twice).toEqual(['redirect', 'redirect']);
    await Promise.all([page.waitForURL(/done=reply/), member.locator('button.act-reply').click()]);
    await expect(page.locator('.flash').textContent()).resolves.toBe('Đã gửi trả lời lên fanpage.');
    const sent = page.locator(`li.member-post[data-post-id="${fx.complaintId}"] .sent-reply`);
    await expect(sent.count()).resolves.toBe(1);
    await expect(sent.locator('.reply-text').textContent()).resolves.toBe(REPLY);
    await expect(sent.textContent()).resolves.toContain('mai');
    const first = page.locator('.event-list .event').first();
    await expect(first.locator('.event-what').textContent()).resolves.toBe('Ghi nhận việc đã làm · Trả lời trên trang của xã · đã đăng lên fanpage');
    await expect(first.locator('.reply-text').textContent()).resolves.toBe(REPLY);
    await expect(page.locator('.action-list li').first().textContent()).resolves.toContain('Trả lời trên trang của xã');
    // The acknowledgement deadline is met by the reply: no countdown any more.
    await expect(page.locator('.ack-due .due').count()).resolves.toBe(0);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-fanpage-reply-sent-375.png`, fullPage: true });

    // One comment on the page, in the citizen's thread.
    const onGraph = fx.graph.commentsOf(COMPLAINT_EXT).filter((c) => c.from?.id === PAGE_ID);
    expect(onGraph.map((c) => c.message)).toEqual([REPLY]);
    // The stand-in's own page shows it too.
    await page.goto(fx.graph.url);
    await expect(page.locator(`li[data-comment-id="${COMPLAINT_EXT}"] li.reply`).textContent()).resolves.toContain(REPLY);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('"Kênh của đơn vị", the units page and the sources page fit a 375 px phone', async () => {
    const { browser, base } = harness;
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await signIn(page, base, 'qtv', '/reports/channels');
    await expect(page.locator('h1').textContent()).resolves.toBe('Kênh của đơn vị');
    await expect(page.locator('.channels-report tr[data-unit="UBND xã Phủ Thông"]').count()).resolves.toBe(1);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-channels-375.png`, fullPage: true });
    await page.click('nav.mainnav a[href="/admin/units"]');
    await page.waitForURL(`${base}/admin/units`);
    await expect(page.locator('.admin-item input[name=name]').inputValue()).resolves.toBe('UBND xã Phủ Thông');
    await expectNoHorizontalScroll(page);
    // The sources page: each source's unit, and the note that only organisational pages are followed.
    await page.click('nav.mainnav a[href="/sources"]');
    await page.waitForURL(`${base}/sources`);
    await expect(page.locator(`li.source[data-source-id="${fx.sourceId}"] .source-unit`).textContent()).resolves.toBe('Đơn vị: UBND xã Phủ Thông');
    await page.selectOption('select.source-type', 'facebook_page');
    await expect(page.locator('.org-only').isVisible()).resolves.toBe(true);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-sources-units-375.png`, fullPage: true });
    await page.close();
  });
});
