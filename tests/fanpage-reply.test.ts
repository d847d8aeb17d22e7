// Replying on the commune fanpage from an incident (issue 15), against the local Graph stand-in
// speaking the real protocol: success (recorded, in the timeline, first response in the report),
// each Graph error in Vietnamese with nothing recorded, a double submit posting once, a retry
// after a 5xx (with and without the comment created before the failure), and the page form.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { vi } from '../dashboards/i18n.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { runSlaCheck } from '../src/sla/sla-check.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { COMPLAINT_EXT, PAGE_ID, POST_EXT, seedFanpageIncident, type FanpageFixture } from './support/fanpage-fixture.js';
import { SAME_ORIGIN, signInForm } from './support/http-session.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let app: App;
let fx: FanpageFixture;
let ctv: string;
let reviewer: string;

beforeAll(async () => {
  services = await createTestServices('fanpage_reply', { FETCH_ALLOW_HOSTS: '127.0.0.1' });
  context = await openContext(services.config);
  app = createApp(context);
  fx = await seedFanpageIncident(context.db, services.config.SECRET_KEY);
  ctv = (await createApiToken(context.db, { name: 'ctv-bot', role: 'collaborator' })).token;
  reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  await upsertUser(context.db, { username: 'mai', displayName: 'Chị Mai', password: 'mat-khau-dai-du', role: 'collaborator' });
});
afterAll(async () => {
  await fx?.graph.close();
  await context?.close();
  await services?.cleanup();
});
beforeEach(async () => {
  await fx.useToken('good');
  fx.graph.options.writeFailures.length = 0;
  fx.graph.requests.length = 0;
});

function reply(body: Record<string, unknown>, options: { token?: string; key?: string; incidentId?: string } = {}) {
  return app.request(`/api/incidents/${options.incidentId ?? fx.incidentId}/replies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token ?? ctv}`, 'content-type': 'application/json', ...(options.key ? { 'idempotency-key': options.key } : {}) },
    body: JSON.stringify(body),
  });
}

const posts = () => fx.graph.requests.filter((r) => r.method === 'POST');
const pageComments = (objectId: string) => fx.graph.commentsOf(objectId).filter((c) => c.from?.id === PAGE_ID);
const actions = () => context.db.selectFrom('incident_actions').selectAll().where('incident_id', '=', fx.incidentId).where('external_reply_id', 'is not', null).orderBy('id').execute();

describe('POST /api/incidents/:id/replies', () => {
  it('posts the reply as the page, records replied_on_fanpage, shows it in the timeline and counts it as the first response', async () => {
    // An SLA check that runs after the reply must not call the incident unacknowledged.
    await context.db.updateTable('incidents').set({ ack_warn_at: new Date(Date.now() - 60_000) }).where('id', '=', fx.incidentId).execute();
    const res = await reply({ post_id: fx.complaintId, message: '  Chào anh, xã sẽ chi trả vào thứ Hai tuần sau tại nhà văn hoá thôn.  ' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { action_id: string; external_reply_id: string };
    expect(Object.keys(body).sort()).toEqual(['action_id', 'external_reply_id']);

    // Graph was asked once, with the page token in a header and the text as a form field.
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ path: `/v21.0/${COMPLAINT_EXT}/comments`, authorization: 'Bearer good', body: { message: 'Chào anh, xã sẽ chi trả vào thứ Hai tuần sau tại nhà văn hoá thôn.' } });
    // The reply is on the stand-in, in the citizen's thread, as the page.
    const onGraph = pageComments(COMPLAINT_EXT);
    expect(onGraph.map((c) => [c.id, c.message, c.parent])).toEqual([[body.external_reply_id, 'Chào anh, xã sẽ chi trả vào thứ Hai tuần sau tại nhà văn hoá thôn.', COMPLAINT_EXT]]);

    const [action] = await actions();
    expect(action).toMatchObject({
      id: body.action_id,
      type: 'replied_on_fanpage',
      post_id: fx.complaintId,
      external_reply_id: body.external_reply_id,
      description: 'Chào anh, xã sẽ chi trả vào thứ Hai tuần sau tại nhà văn hoá thôn.',
      actor: 'token:ctv-bot',
    });
    expect(Math.abs(action!.done_at.getTime() - Date.now())).toBeLessThan(60_000);

    const detail = (await (await app.request(`/api/incidents/${fx.incidentId}`, { headers: { authorization: `Bearer ${reviewer}` } })).json()) as { events: { type: string; after: Record<string, unknown> }[] };
    const event = detail.events.find((e) => e.type === 'action_recorded');
    expect(event?.after).toMatchObject({ action_id: body.action_id, type: 'replied_on_fanpage', external_reply_id: body.external_reply_id, post_id: fx.complaintId });

    // First response in the report: acknowledged at the reply, and no "due soon" mark afterwards.
    const facts = await sql<{ acknowledged_at: Date; ack_in_time: boolean }>`SELECT acknowledged_at, ack_in_time FROM incident_report_facts WHERE incident_id = ${fx.incidentId}`.execute(context.db);
    expect(facts.rows[0]!.acknowledged_at.getTime()).toBe(action!.done_at.getTime());
    expect(facts.rows[0]!.ack_in_time).toBe(true);
    await runSlaCheck(context.db);
    const marks = await context.db.selectFrom('incidents').select(['ack_due_soon_at', 'status']).where('id', '=', fx.incidentId).executeTakeFirstOrThrow();
    expect(marks).toEqual({ ack_due_soon_at: null, status: 'new' });
  });

  it('a double submit (same key, at once) posts one comment and both get the same answer', async () => {
    const before = pageComments(POST_EXT).length;
    const key = 'form-7f3a9c21-double';
    const [a, b] = await Promise.all([reply({ post_id: fx.postId, message: 'Lịch chi trả đã được niêm yết tại UBND xã.' }, { key }), reply({ post_id: fx.postId, message: 'Lịch chi trả đã được niêm yết tại UBND xã.' }, { key })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [ja, jb] = [await a.json(), await b.json()];
    expect(ja).toEqual(jb);
    expect(posts()).toHaveLength(1);
    expect(pageComments(POST_EXT)).toHaveLength(before + 1);
    // Without a key, the same text to the same post by the same person is the same reply.
    const again = await reply({ post_id: fx.postId, message: 'Lịch chi trả đã được niêm yết tại UBND xã.' });
    const again2 = await reply({ post_id: fx.postId, message: 'Lịch chi trả đã được niêm yết tại UBND xã.' });
    expect(await again2.json()).toEqual(await again.json());
    expect(posts()).toHaveLength(2);
    // The key of one reply cannot carry another.
    const reused = await reply({ post_id: fx.postId, message: 'Một nội dung khác' }, { key });
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: string }).error).toBe('idempotency_key_reused');
  });

  it('retries after a 5xx: one comment, whether or not Graph had created it before failing', async () => {
    fx.graph.options.writeFailures.push('server_error');
    const first = await reply({ post_id: fx.complaintId, message: 'Xã đã chuyển ý kiến của anh tới Ban bồi thường.' });
    expect(first.status).toBe(201);
    expect(posts()).toHaveLength(2);
    expect(pageComments(COMPLAINT_EXT).filter((c) => c.message === 'Xã đã chuyển ý kiến của anh tới Ban bồi thường.')).toHaveLength(1);

    // Created, then a 500: read back before retrying finds it, so nothing is posted twice.
    fx.graph.requests.length = 0;
    fx.graph.options.writeFailures.push('server_error_after_create');
    const second = await reply({ post_id: fx.complaintId, message: 'Mời anh đến UBND xã sáng thứ Hai để nhận.' });
    expect(second.status).toBe(201);
    const { external_reply_id: id } = (await second.json()) as { external_reply_id: string };
    expect(posts()).toHaveLength(1);
    const created = pageComments(COMPLAINT_EXT).filter((c) => c.message === 'Mời anh đến UBND xã sáng thứ Hai để nhận.');
    expect(created.map((c) => c.id)).toEqual([id]);
    expect((await actions()).filter((a) => a.external_reply_id === id)).toHaveLength(1);
  });

  it('gives up after repeated 5xx without recording anything as sent', async () => {
    fx.graph.options.writeFailures.push('server_error', 'server_error', 'server_error');
    const before = (await actions()).length;
    const res = await reply({ post_id: fx.complaintId, message: 'Phản hồi khi Facebook đang lỗi' });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: 'graph_unavailable', message: vi.channels.reply.errors.graph_unavailable });
    expect(posts()).toHaveLength(3);
    expect(await actions()).toHaveLength(before);
    expect(pageComments(COMPLAINT_EXT).filter((c) => c.message === 'Phản hồi khi Facebook đang lỗi')).toHaveLength(0);
  });

  it.each([
    ['old', 190, 'token_expired'],
    ['readonly', 200, 'permission_missing'],
    ['noapp', 10, 'permission_missing'],
  ] as const)('token %s: Graph error %i is "%s" in Vietnamese, and nothing is recorded', async (token, code, error) => {
    await fx.useToken(token);
    const before = (await actions()).length;
    const key = `key-${token}-0123456789`;
    const res = await reply({ post_id: fx.complaintId, message: `Trả lời với token ${token}` }, { key });
    expect(res.status).toBe(502);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error, graph_code: code, message: vi.channels.reply.errors[error] });
    expect(String(body.detail)).toContain(`Graph API error ${code}`);
    expect(await actions()).toHaveLength(before);
    const row = await context.db.selectFrom('fanpage_replies').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error_code: error, external_reply_id: null, action_id: null });
    // Once the admin fixes the token, the same form sends (the failed key is taken again).
    await fx.useToken('good');
    const retried = await reply({ post_id: fx.complaintId, message: `Trả lời với token ${token}` }, { key });
    expect(retried.status).toBe(201);
    expect(pageComments(COMPLAINT_EXT).filter((c) => c.message === `Trả lời với token ${token}`)).toHaveLength(1);
  });

  it('a comment deleted on Facebook is Graph error 100: "comment_deleted"', async () => {
    const post = fx.graph.options.pages[PAGE_ID]![0]!;
    const kept = post.comments!;
    post.comments = kept.filter((c) => c.id !== COMPLAINT_EXT && c.parent !== COMPLAINT_EXT);
    try {
      const res = await reply({ post_id: fx.complaintId, message: 'Trả lời bình luận đã bị xoá' });
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ error: 'comment_deleted', graph_code: 100, message: vi.channels.reply.errors.comment_deleted });
      expect((await actions()).some((a) => a.description === 'Trả lời bình luận đã bị xoá')).toBe(false);
    } finally {
      post.comments = kept;
    }
  });

  it('refuses what cannot be answered from here, a reviewer, a stale version and an empty text', async () => {
    const notPage = await reply({ post_id: fx.feedPostId, message: 'Trả lời báo' });
    expect(notPage.status).toBe(422);
    expect(await notPage.json()).toMatchObject({ error: 'not_repliable', message: vi.channels.reply.errors.not_repliable });
    expect((await reply({ post_id: '999999', message: 'x' })).status).toBe(422);
    expect((await reply({ post_id: fx.complaintId, message: 'x' }, { token: reviewer })).status).toBe(403);
    const version = (await context.db.selectFrom('incidents').select('version').where('id', '=', fx.incidentId).executeTakeFirstOrThrow()).version;
    const stale = await reply({ post_id: fx.complaintId, message: 'x', version: version + 5 });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toBe('version_conflict');
    expect((await reply({ post_id: fx.complaintId, message: '   ' })).status).toBe(400);
    expect((await reply({ post_id: fx.complaintId, message: 'x' }, { incidentId: '987654' })).status).toBe(404);
    expect(posts()).toHaveLength(0);
  });
});

describe('the incident page', () => {
  const form = (cookie: string, fields: Record<string, string>) =>
    app.request(`/incidents/${fx.incidentId}/reply`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN }, body: new URLSearchParams(fields).toString() });

  it('offers "Trả lời trên fanpage" for fanpage members only; one form submitted twice posts once; a refusal keeps the text', async () => {
    const mai = await signInForm(app, 'mai', 'mat-khau-dai-du', `/incidents/${fx.incidentId}`);
    const html = await (await app.request(`/incidents/${fx.incidentId}`, { headers: { cookie: mai.cookie } })).text();
    const forms = [...html.matchAll(/<div class="fanpage-reply" data-reply-post="(\d+)">/g)].map((m) => m[1]);
    expect(forms.sort()).toEqual([fx.postId, fx.complaintId].sort());
    expect(html).toContain('Trả lời trên fanpage');
    const key = new RegExp(`data-reply-post="${fx.complaintId}">[\\s\\S]*?name="idempotency_key" value="([^"]+)"`).exec(html)?.[1];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);

    const fields = { _csrf: mai.csrf, post_id: fx.complaintId, idempotency_key: key!, message: 'Xã đã ghi nhận, cán bộ địa chính sẽ liên hệ anh trong tuần.' };
    const [a, b] = await Promise.all([form(mai.cookie, fields), form(mai.cookie, fields)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.get('location')).toBe(`/incidents/${fx.incidentId}?done=reply#thong-bao`);
    expect(posts()).toHaveLength(1);
    const after = await (await app.request(`/incidents/${fx.incidentId}?done=reply`, { headers: { cookie: mai.cookie } })).text();
    expect(after).toContain(vi.incident.flash.reply);
    expect(after).toContain('Xã đã ghi nhận, cán bộ địa chính sẽ liên hệ anh trong tuần.');
    expect(after).toContain(vi.channels.reply.onFanpage);
    const action = (await actions()).at(-1)!;
    expect(action).toMatchObject({ actor: 'mai', description: 'Xã đã ghi nhận, cán bộ địa chính sẽ liên hệ anh trong tuần.' });

    // The token expired: the page says so in Vietnamese and keeps the text in its form, with the same key.
    await fx.useToken('old');
    const refused = await form(mai.cookie, { ...fields, idempotency_key: 'another-form-key-42', message: 'Câu trả lời <b>chưa gửi được</b>' });
    expect(refused.status).toBe(502);
    const page = await refused.text();
    expect(page).toContain(vi.channels.reply.errors.token_expired);
    expect(page).toContain('Câu trả lời &lt;b&gt;chưa gửi được&lt;/b&gt;</textarea>');
    expect(page).toContain('value="another-form-key-42"');
    // A reviewer cannot post; a form without the CSRF token is refused.
    expect((await form(mai.cookie, { ...fields, _csrf: 'wrong' })).status).toBe(403);
  });
});
