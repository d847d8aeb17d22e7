// The incident page and the queue's filters and bulk actions through the HTTP app: roles, CSRF,
// the workflow through plain forms (303 + flash), version conflicts, escaping and highlighting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { highlightSegments } from '../src/incidents/highlight.js';
import { postText } from '../src/posts/analyze-post.js';
import { upsertUser } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';
import { SAME_ORIGIN, signInForm, type FormSession } from './support/http-session.js';

const PASSWORD = 'mat-khau-dai-du';
const ORIGIN = SAME_ORIGIN;
const TITLE = 'Tin <script>alert(1)</script> về GPMB';
const BODY = 'Dân thôn Nà Pài <img src=x onerror=alert(2)> chưa được bồi thường';

let services: TestServices;
let context: OpenedContext;
let app: App;
let sourceId: string;

type Signed = FormSession;

function signIn(username: string): Promise<Signed> {
  return signInForm(app, username, PASSWORD, '/');
}

function postForm(who: Signed, url: string, fields: Record<string, string> | URLSearchParams) {
  return app.request(url, {
    method: 'POST',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...ORIGIN },
    body: new URLSearchParams(fields).toString(),
  });
}

async function page(who: Signed, url: string) {
  const response = await app.request(url, { headers: { cookie: who.cookie } });
  return { status: response.status, html: await response.text() };
}

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

async function createIncident(fields: { title: string; category?: string; severity?: 'critical' | 'high' | 'medium' | 'low'; resolveInHours?: number; ackInHours?: number }) {
  const row = await context.db
    .insertInto('incidents')
    .values({
      title: fields.title,
      category: fields.category ?? 'tin_sai_su_that',
      severity: fields.severity ?? 'high',
      ack_due_at: new Date(Date.now() + (fields.ackInHours ?? 1) * 3_600_000),
      resolve_due_at: new Date(Date.now() + (fields.resolveInHours ?? 48) * 3_600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function eventsOf(id: string) {
  return context.db.selectFrom('incident_events').select(['type', 'actor', 'after']).where('incident_id', '=', id).orderBy('id').execute();
}

let postIncident: string;

beforeAll(async () => {
  services = await createTestServices('incident_pages');
  context = await openContext(services.config);
  app = createApp(context);
  for (const [username, role] of [['ctv', 'collaborator'], ['ctv2', 'collaborator'], ['bxd', 'reviewer']] as const) {
    await upsertUser(context.db, { username, displayName: username.toUpperCase(), password: PASSWORD, role });
  }
  sourceId = (
    await context.db.insertInto('sources').values({ name: 'Nhóm Zalo thôn', type: 'manual', config: '{}', fetch_state: '{}' }).returning('id').executeTakeFirstOrThrow()
  ).id;
  const post = await context.db
    .insertInto('posts')
    .values({ source_id: sourceId, external_id: 'p1', url: 'https://facebook.example/post/1', title: TITLE, body: BODY, content_hash: 'h1', raw: JSON.stringify({}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const text = postText({ title: TITLE, body: BODY });
  const at = (term: string) => ({ start: text.indexOf(term), end: text.indexOf(term) + term.length, text: term });
  const matches = [
    { rule: 'gpmb', category: 'phan_anh_kien_nghi', ...at('bồi thường') },
    { rule: 'script', category: 'tin_sai_su_that', ...at('<script>') },
  ];
  await context.db
    .insertInto('analyses')
    .values({
      post_id: post.id,
      flag: true,
      categories: ['phan_anh_kien_nghi'],
      about: true,
      sentiment_label: 'negative',
      sentiment_score: -0.5,
      offensive: false,
      severity: 'high',
      matches: JSON.stringify(matches),
      rule_pack_version: null,
    })
    .execute();
  postIncident = await createIncident({ title: 'Bài viết về bồi thường GPMB' });
  await context.db.insertInto('incident_posts').values({ incident_id: postIncident, post_id: post.id, reason: 'opened' }).execute();
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

describe('highlightSegments', () => {
  it('splits at offsets, drops out-of-range, stale and overlapping matches', () => {
    expect(highlightSegments('abc def ghi', [{ start: 4, end: 7, rule: 'r', text: 'def' }, { start: 5, end: 9 }, { start: 9, end: 99 }, { start: 0, end: 1, text: 'x' }])).toEqual([
      { text: 'abc ' },
      { text: 'def', rule: 'r' },
      { text: ' ghi' },
    ]);
    expect(highlightSegments('abc', 'garbage')).toEqual([{ text: 'abc' }]);
  });
});

describe('incident page', () => {
  it('sends the signed-out to /login and lets a reviewer read but not act', async () => {
    const signedOut = await app.request(`/incidents/${postIncident}`);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/incidents/${postIncident}`)}`);

    const bxd = await signIn('bxd');
    const read = await page(bxd, `/incidents/${postIncident}`);
    expect(read.status).toBe(200);
    expect(read.html).toContain('Bài viết về bồi thường GPMB');
    expect(read.html).toContain('Bạn chỉ được xem vụ việc');
    expect(read.html).not.toContain(`action="/incidents/${postIncident}/acknowledge"`);
    const refused = await postForm(bxd, `/incidents/${postIncident}/acknowledge`, { _csrf: bxd.csrf, version: '1' });
    expect(refused.status).toBe(403);
    const bulk = await postForm(bxd, '/incidents/bulk', { _csrf: bxd.csrf, ids: `${postIncident}:1`, op: 'assign', username: 'ctv' });
    expect(bulk.status).toBe(403);
    expect(await eventsOf(postIncident)).toEqual([]);
    expect((await page(bxd, '/incidents/999999')).status).toBe(404);
  });

  it('escapes the collected text and wraps the stored matches in <mark>, links the original safely', async () => {
    const ctv = await signIn('ctv');
    const { html } = await page(ctv, `/incidents/${postIncident}`);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<mark title="gpmb">bồi thường</mark>');
    expect(html).toContain('<mark title="script">&lt;script&gt;</mark>alert(1)&lt;/script&gt;');
    expect(html).toMatch(/<a class="original" href="https:\/\/facebook\.example\/post\/1" target="_blank" rel="noopener noreferrer nofollow">/);
    // Only the buttons a new incident allows.
    expect(html).toContain(`action="/incidents/${postIncident}/acknowledge"`);
    expect(html).toContain(`action="/incidents/${postIncident}/take"`);
    expect(html).not.toContain(`action="/incidents/${postIncident}/resume"`);
    expect(html).not.toContain(`action="/incidents/${postIncident}/reopen"`);
    expect(html).not.toContain(`action="/incidents/${postIncident}/resolve"`);
    // Evidence links go to /api/evidence, which takes the session cookie (404 for an unknown blob, not 401).
    const evidence = await app.request(`/api/evidence/${'a'.repeat(64)}`, { headers: { cookie: ctv.cookie } });
    expect(evidence.status).toBe(404);
  });

  it('refuses a form without the CSRF token (403) and changes nothing', async () => {
    const id = await createIncident({ title: 'CSRF' });
    const ctv = await signIn('ctv');
    const response = await postForm(ctv, `/incidents/${id}/acknowledge`, { version: '1' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Biểu mẫu đã hết hạn');
    const wrong = await postForm(ctv, `/incidents/${id}/acknowledge`, { _csrf: 'nope', version: '1' });
    expect(wrong.status).toBe(403);
    expect(await eventsOf(id)).toEqual([]);
  });

  it('acknowledges, notes, records an action and resolves through the forms, each step an event', async () => {
    const id = await createIncident({ title: 'Tin đồn cắt điện' });
    const ctv = await signIn('ctv');
    let html = (await page(ctv, `/incidents/${id}`)).html;
    const ack = await postForm(ctv, `/incidents/${id}/acknowledge`, { _csrf: ctv.csrf, version: versionOf(html) });
    expect(ack.status).toBe(303);
    expect(ack.headers.get('location')).toBe(`/incidents/${id}?done=acknowledge#thong-bao`);
    html = (await page(ctv, `/incidents/${id}?done=acknowledge`)).html;
    expect(html).toContain('Đã tiếp nhận vụ việc.');
    expect(html).toContain('data-status="acknowledged"');
    expect(html).not.toContain(`action="/incidents/${id}/acknowledge"`);
    expect(html).toContain(`action="/incidents/${id}/resolve"`);

    expect((await postForm(ctv, `/incidents/${id}/note`, { _csrf: ctv.csrf, version: versionOf(html), note: 'Đã gọi trưởng thôn <b>xác minh</b>' })).status).toBe(303);
    const action = await postForm(ctv, `/incidents/${id}/action`, {
      _csrf: ctv.csrf,
      version: versionOf(html),
      type: 'official_clarification',
      done_at: '2026-11-20T09:30',
      description: 'Đăng đính chính trên trang của xã',
    });
    expect(action.headers.get('location')).toBe(`/incidents/${id}?done=action#thong-bao`);
    const recorded = await context.db.selectFrom('incident_actions').select('done_at').where('incident_id', '=', id).executeTakeFirstOrThrow();
    expect(recorded.done_at.toISOString()).toBe('2026-11-20T02:30:00.000Z');

    html = (await page(ctv, `/incidents/${id}`)).html;
    const resolve = await postForm(ctv, `/incidents/${id}/resolve`, { _csrf: ctv.csrf, version: versionOf(html), note: 'Đã trả lời' });
    expect(resolve.headers.get('location')).toBe(`/incidents/${id}?done=resolve#thong-bao`);

    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['status_changed', 'note', 'action_recorded', 'status_changed']);
    expect(events.every((e) => e.actor === 'ctv')).toBe(true);
    expect(events.map((e) => (e.after as { transition?: string } | null)?.transition ?? null)).toEqual(['acknowledge', null, null, 'resolve']);

    html = (await page(ctv, `/incidents/${id}`)).html;
    // Timeline newest first, in Vietnamese; the note escaped.
    const timeline = html.slice(html.indexOf('class="event-list"'));
    expect(timeline.indexOf('Đã xử lý xong')).toBeLessThan(timeline.indexOf('Ghi chú'));
    expect(timeline.indexOf('Ghi chú')).toBeLessThan(timeline.indexOf('Tiếp nhận'));
    expect(html).toContain('Đã gọi trưởng thôn &lt;b&gt;xác minh&lt;/b&gt;');
    expect(html).toContain('Đăng thông tin chính thức, đính chính');
    expect(html).toContain(`action="/incidents/${id}/reopen"`);
    expect(html).not.toContain(`action="/incidents/${id}/resolve"`);

    // Resolving again from a stale page: the typed error, in Vietnamese.
    const again = await postForm(ctv, `/incidents/${id}/resolve`, { _csrf: ctv.csrf });
    expect(again.headers.get('location')).toBe(`/incidents/${id}?error=illegal_transition&from=resolved&to=resolved#thong-bao`);
    expect((await page(ctv, again.headers.get('location')!)).html).toContain('Không thể chuyển vụ việc từ «Đã xử lý» sang «Đã xử lý».');
    // Taking a resolved incident is refused before anything changes (no assignment left behind).
    const take = await postForm(ctv, `/incidents/${id}/take`, { _csrf: ctv.csrf });
    expect(take.headers.get('location')).toBe(`/incidents/${id}?error=illegal_transition&from=resolved&to=in_progress#thong-bao`);
    expect((await context.db.selectFrom('incidents').select('assignee_id').where('id', '=', id).executeTakeFirstOrThrow()).assignee_id).toBeNull();
  });

  it('shows the conflict message and the fresh page when the version is stale', async () => {
    const id = await createIncident({ title: 'Hai người cùng xử lý' });
    const ctv = await signIn('ctv');
    const ctv2 = await signIn('ctv2');
    const seen = versionOf((await page(ctv, `/incidents/${id}`)).html);
    expect((await postForm(ctv2, `/incidents/${id}/take`, { _csrf: ctv2.csrf, version: seen })).status).toBe(303);
    const stale = await postForm(ctv, `/incidents/${id}/acknowledge`, { _csrf: ctv.csrf, version: seen });
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe(`/incidents/${id}?error=version_conflict#thong-bao`);
    const fresh = await page(ctv, stale.headers.get('location')!);
    expect(fresh.html).toContain('Vụ việc vừa được người khác cập nhật, vui lòng xem lại');
    expect(fresh.html).toContain('data-status="in_progress"');
    // People by their display names, the login name as a tooltip.
    expect(fresh.html).toContain('<p class="lock" title="ctv2">Đang xử lý bởi CTV2');
    expect(fresh.html).toContain('<dd class="assignee"><span class="person" title="ctv2">CTV2</span></dd>');
    // A dismissal without a reason for "other" is refused in Vietnamese; a flash from the URL is never free text.
    const dismiss = await postForm(ctv, `/incidents/${id}/dismiss`, { _csrf: ctv.csrf, version: versionOf(fresh.html), reason: 'other' });
    expect(dismiss.headers.get('location')).toBe(`/incidents/${id}?error=reason_required#thong-bao`);
    expect((await page(ctv, `/incidents/${id}?error=Gọi+số+này`)).html).not.toContain('Gọi số này');
  });
});

describe('people by their names', () => {
  it('shows display names in the history, actions, assignee, lock and queue, the login name as a tooltip; system, tokens and deleted users by their stored name', async () => {
    const hoa = await upsertUser(context.db, { username: 'hoa', displayName: 'Nguyễn Thị <b>Hoa</b>', password: PASSWORD, role: 'collaborator' });
    const NAME = 'Nguyễn Thị &lt;b&gt;Hoa&lt;/b&gt;';
    const PERSON = `<span class="person" title="hoa">${NAME}</span>`;
    const id = await createIncident({ title: 'Ai đang xử lý' });
    const signed = await signIn('hoa');
    const seen = versionOf((await page(signed, `/incidents/${id}`)).html);
    expect((await postForm(signed, `/incidents/${id}/take`, { _csrf: signed.csrf, version: seen })).status).toBe(303);
    let html = (await page(signed, `/incidents/${id}`)).html;
    const action = await postForm(signed, `/incidents/${id}/action`, { _csrf: signed.csrf, version: versionOf(html), type: 'met_citizen', done_at: '2026-11-20T09:30' });
    expect(action.status).toBe(303);
    // The SLA check, an API token without a user, a user since deleted: no user to name.
    await context.db
      .insertInto('incident_events')
      .values([
        { incident_id: id, actor: 'system', type: 'sla_due_soon', after: JSON.stringify({ clock: 'calendar' }) },
        { incident_id: id, actor: 'token:tich-hop', type: 'note', note: 'qua API' },
        { incident_id: id, actor: 'nguoicu', type: 'note', note: 'người đã nghỉ' },
      ])
      .execute();

    html = (await page(signed, `/incidents/${id}`)).html;
    expect(html).toContain(`<dd class="assignee">${PERSON}</dd>`);
    expect(html).toContain(`<p class="lock" title="hoa">Đang xử lý bởi ${NAME}`);
    const actions = html.slice(html.indexOf('class="action-list"'), html.indexOf('class="card timeline"'));
    expect(actions).toContain(`Gặp gỡ, đối thoại với người dân</strong> · 09:30 20/11/2026 · ${PERSON}`);
    const hints = [...html.slice(html.indexOf('class="event-list"')).matchAll(/<div class="hint">[^·]*· (.*?)<\/div>/g)].map((m) => m[1]);
    // Newest first: the three inserted, the action, the taking (assignment, status, lock).
    // No user: the stored name, without a tooltip.
    expect(hints).toEqual(['<span class="person">nguoicu</span>', '<span class="person">token:tich-hop</span>', 'Hệ thống', PERSON, PERSON, PERSON, PERSON]);
    expect(html).toContain(`<span class="event-what">Giao việc · ${PERSON}</span>`);
    expect(html).not.toMatch(/· hoa</);

    const queue = (await page(signed, `/?assignee=${hoa.id}`)).html;
    expect(queue).toContain(`<span class="assignee">Giao cho: ${PERSON}</span>`);

    // The API keeps its names and adds the display names.
    const json = (await (await app.request(`/api/incidents/${id}`, { headers: { cookie: signed.cookie } })).json()) as {
      assignee: string;
      assignee_name: string;
      events: { actor: string; actor_name: string }[];
      actions: { actor: string; actor_name: string }[];
    };
    expect(json).toMatchObject({ assignee: 'hoa', assignee_name: 'Nguyễn Thị <b>Hoa</b>' });
    expect(json.actions).toEqual([expect.objectContaining({ actor: 'hoa', actor_name: 'Nguyễn Thị <b>Hoa</b>' })]);
    expect(json.events.map((e) => [e.actor, e.actor_name])).toEqual([
      ...Array.from({ length: 4 }, () => ['hoa', 'Nguyễn Thị <b>Hoa</b>']),
      ['system', 'system'],
      ['token:tich-hop', 'token:tich-hop'],
      ['nguoicu', 'nguoicu'],
    ]);
  });
});

describe('queue filters and bulk actions', () => {
  it('filters by query parameters with counts, nearest deadline first, and bulk-assigns with per-incident versions', async () => {
    const a = await createIncident({ title: 'Lũ quét ở thôn Khuổi Mạn', category: 'thien_tai_dich_benh', severity: 'critical', resolveInHours: 5 });
    const b = await createIncident({ title: 'Tập trung đông người trước UBND', category: 'an_ninh_trat_tu', severity: 'critical', resolveInHours: 2, ackInHours: 0.5 });
    const ctv = await signIn('ctv');

    const all = await page(ctv, '/');
    expect(all.html).toContain(`href="/incidents/${a}"`);
    const critical = await page(ctv, '/?severity=critical');
    const titles = [...critical.html.matchAll(/class="incident-title" href="\/incidents\/\d+">([^<]+)</g)].map((m) => m[1]);
    expect(titles).toEqual(['Tập trung đông người trước UBND', 'Lũ quét ở thôn Khuổi Mạn']);
    expect(critical.html).toMatch(/<option value="critical" selected="">Khẩn cấp \(2\)<\/option>/);
    expect(critical.html).toContain('Thiên tai, dịch bệnh (1)');
    expect((await page(ctv, `/?source=${sourceId}`)).html).toContain(`href="/incidents/${postIncident}"`);
    expect((await page(ctv, `/?source=${sourceId}`)).html).not.toContain(`href="/incidents/${a}"`);
    expect((await page(ctv, '/?breached=1')).html).toContain('Chưa có vụ việc nào');
    // The rule filter (spike alerts on a rule link here): incidents whose posts that rule matched.
    const byRule = (await page(ctv, '/?status=all&rule=gpmb')).html;
    expect(byRule).toContain(`href="/incidents/${postIncident}"`);
    expect(byRule).not.toContain(`href="/incidents/${a}"`);
    expect(byRule).toContain('Quy tắc khớp');
    expect((await page(ctv, '/?status=all&rule=khong-co')).html).toContain('Chưa có vụ việc nào');
    // Not a rule id: ignored, like any unknown filter value.
    expect((await page(ctv, "/?status=all&rule=x'%20OR%201=1")).html).toContain(`href="/incidents/${a}"`);

    const va = /value="(\d+:\d+)"/.exec(critical.html.slice(critical.html.indexOf(`data-incident-id="${a}"`)))![1]!;
    const vb = /value="(\d+:\d+)"/.exec(critical.html.slice(critical.html.indexOf(`data-incident-id="${b}"`)))![1]!;
    const form = new URLSearchParams({ _csrf: ctv.csrf, back: '?severity=critical', op: 'assign', username: 'ctv2' });
    form.append('ids', va);
    form.append('ids', vb);
    const bulk = await postForm(ctv, '/incidents/bulk', form);
    expect(bulk.status).toBe(303);
    expect(bulk.headers.get('location')).toBe('/?severity=critical&bulk=done&ok=2&failed=0#thong-bao');
    const assigned = await context.db.selectFrom('incidents').innerJoin('users', 'users.id', 'incidents.assignee_id').select('users.username').where('incidents.id', 'in', [a, b]).execute();
    expect(assigned.map((r) => r.username)).toEqual(['ctv2', 'ctv2']);
    expect((await page(ctv, bulk.headers.get('location')!)).html).toContain('Đã cập nhật 2 vụ việc.');

    // The same versions again are stale now: each refused by its own version check.
    const again = new URLSearchParams({ _csrf: ctv.csrf, op: 'status', to: 'acknowledged' });
    again.append('ids', va);
    again.append('ids', `${b}:${Number(vb.split(':')[1]) + 1}`);
    const second = await postForm(ctv, '/incidents/bulk', again);
    expect(second.headers.get('location')).toBe('/?bulk=done&ok=1&failed=1#thong-bao');
    expect((await page(ctv, second.headers.get('location')!)).html).toContain('Đã cập nhật 1 vụ việc, 1 vụ việc không cập nhật được');
    const ctv2 = await context.db.selectFrom('users').select('id').where('username', '=', 'ctv2').executeTakeFirstOrThrow();
    const mine = await page(ctv, `/?assignee=${ctv2.id}`);
    expect(mine.html).toContain(`href="/incidents/${b}"`);
    expect(mine.html).not.toContain(`href="/incidents/${postIncident}"`);

    const noCsrf = await postForm(ctv, '/incidents/bulk', { ids: va, op: 'assign', username: 'ctv' });
    expect(noCsrf.status).toBe(403);
  });
});
