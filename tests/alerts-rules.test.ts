// Alerts, second half (issue 8), end to end: something happens in the database -> the alert
// checks / scan -> deliveries -> the local fake channel received exactly one correctly shaped
// message. Spike, source failing (and recovered), source silent, daily digest, SLA breach with an
// escalation list, rule editing through the API, and the "done when": a webhook channel added by
// the CLI gets exactly one signed call for a new critical incident.
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelWithRule } from '../src/alerts/alert.repository.js';
import { deliverAlert, planAlert, scanAlertEvents } from '../src/alerts/alerts.js';
import { runAlertChecks } from '../src/alerts/alert-checks.js';
import { runDigest } from '../src/alerts/digest.js';
import { runSourceAlerts } from '../src/alerts/source-alerts.js';
import { runSpikeScan } from '../src/alerts/spike-scan.js';
import type { Analysis } from '../src/analysis/types.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { correlateFlaggedPost } from '../src/incidents/correlate.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { SAME_ORIGIN, signInForm } from './support/http-session.js';
import { createTestServices, type TestServices } from './support/services.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from './support/recording-server.js';

const run = promisify(execFile);
const SECRET = 'rules-webhook-secret-0123456789';
const TOKEN = '654321:XYZ-telegram-token';

const seen: RecordedRequest[] = [];
let server: RecordingServer;
let base: string;
let services: TestServices;
let context: OpenedContext;
let app: App;
let admin: string;
let reviewer: string;

beforeAll(async () => {
  server = await startRecordingServer(seen, ({ path }, res) => {
    if (path.startsWith('/bot')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: 1 } }));
    res.writeHead(204).end();
  });
  base = server.base;
  services = await createTestServices('alert_rules', { FETCH_ALLOW_HOSTS: '127.0.0.1', TELEGRAM_API_URL: base, PUBLIC_URL: 'https://langnghe.example', DIGEST_HOUR: '7' });
  context = await openContext(services.config);
  app = createApp(context);
  admin = (await createApiToken(context.db, { name: 'admin', role: 'admin' })).token;
  reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
});
afterAll(async () => {
  await context?.close();
  await server?.close();
  await services?.cleanup();
});

const hits = (prefix: string) => seen.filter((s) => s.path.startsWith(prefix));
const bodies = (prefix: string) => hits(prefix).map((h) => JSON.parse(h.body) as Record<string, unknown> & { text: string });
const api = (token: string, method: string, url: string, body?: unknown) =>
  app.request(url, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

/** A webhook channel (no rule of its own) posting to /hook/<path>. */
async function webhookChannel(path: string): Promise<string> {
  const { channelId, ruleId } = await createChannelWithRule(context.db, services.config.SECRET_KEY, { type: 'webhook', name: path, config: { url: `${base}/hook/${path}`, secret: SECRET } });
  await context.db.deleteFrom('alert_rules').where('id', '=', ruleId).execute();
  return channelId;
}

async function createRule(body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await api(admin, 'POST', '/api/alerts/rules', body);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

/** Every pending delivery, delivered twice as a retried job would be. */
async function deliverPending(now = new Date()) {
  const rows = await context.db.selectFrom('alert_deliveries').select('id').where('status', '=', 'pending').orderBy('id').execute();
  for (const row of rows) {
    await deliverAlert(context, row.id, now);
    await deliverAlert(context, row.id, now);
  }
}

/** created_at is never written by the app; a test that needs an older source sets it in SQL. */
const backdateSource = (id: string, days: number) => sql`UPDATE sources SET created_at = ${new Date(Date.now() - days * 86_400_000)} WHERE id = ${id}`.execute(context.db);

let seq = 0;
async function insertPost(sourceId: string, at: Date, analysis?: { categories: string[]; rules: string[] }) {
  seq++;
  const post = await context.db
    .insertInto('posts')
    .values({ source_id: sourceId, external_id: `r${seq}`, url: null, canonical_url: null, title: null, body: `Bài số ${seq}`, content_hash: `rh${seq}`, raw: '{}', published_at: at, collected_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (analysis) {
    await context.db
      .insertInto('analyses')
      .values({
        post_id: post.id,
        flag: true,
        categories: analysis.categories,
        about: true,
        sentiment_label: 'negative',
        sentiment_score: -0.5,
        offensive: false,
        severity: 'medium',
        matches: JSON.stringify(analysis.rules.map((rule) => ({ rule, category: analysis.categories[0], start: 0, end: 3, text: 'Bài' }))),
        rule_pack_version: null,
      })
      .execute();
  }
  return post.id;
}

async function openIncident(severity: 'critical' | 'high', sourceId: string) {
  seq++;
  const post = await context.db
    .insertInto('posts')
    .values({ source_id: sourceId, external_id: `i${seq}`, url: null, canonical_url: null, title: null, body: `Tin ${seq} về tụ tập đông người ở thôn ${seq}-${Math.random()}`, content_hash: `ih${seq}`, raw: '{}' })
    .returning(['id', 'canonical_url', 'title', 'body'])
    .executeTakeFirstOrThrow();
  const analysis: Analysis = { flag: true, categories: ['an_ninh_trat_tu'], about: true, sentiment: { label: 'negative', score: -0.6 }, offensive: false, severity, matches: [] };
  return (await context.db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis })))!.incidentId;
}

describe('spike', () => {
  it('a burst of posts gives one alert per spiking series: what, observed vs normal, the link; a rerun sends nothing more', async () => {
    const channel = await webhookChannel('spike');
    await createRule({ name: 'Tăng đột biến', event_kind: 'spike', channel_ids: [channel] });
    const source = await upsertSource(context.db, { name: 'Trang tin huyện', type: 'rss', config: { url: 'https://tin.example/rss' } });
    // The source exists since 9 days: one post an hour, each about public order and matching one rule.
    await backdateSource(source.id, 9);
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const hour = 3_600_000;
    for (let h = 8 * 24; h >= 1; h--) await insertPost(source.id, new Date(now.getTime() - h * hour + 20 * 60_000), { categories: ['an_ninh_trat_tu'], rules: ['tu-tap-dong-nguoi'] });
    // Quiet: no spike.
    expect((await runSpikeScan(context, now)).started).toEqual([]);
    // Then 14 in ten minutes.
    for (let i = 0; i < 14; i++) await insertPost(source.id, new Date(now.getTime() + 60_000 + i * 40_000), { categories: ['an_ninh_trat_tu'], rules: ['tu-tap-dong-nguoi'] });
    const later = new Date(now.getTime() + 11 * 60_000);
    const scan = await runSpikeScan(context, later);
    expect(scan.started).toHaveLength(4);
    await deliverPending(later);
    const messages = bodies('/hook/spike');
    expect(messages.map((m) => m.series).sort()).toEqual(['all', 'category:an_ninh_trat_tu', 'rule:tu-tap-dong-nguoi', `source:${source.id}`].sort());
    const category = messages.find((m) => m.series === 'category:an_ninh_trat_tu')!;
    expect(category).toMatchObject({ event: 'spike', window_minutes: 15, observed: 14, url: 'https://langnghe.example/?status=all&category=an_ninh_trat_tu' });
    expect(category.expected as number).toBeGreaterThan(0);
    expect(category.ratio as number).toBeGreaterThan(10);
    expect(category.text).toContain('Tăng đột biến: Lĩnh vực «An ninh, trật tự»');
    expect(category.text).toContain('Số tin trong 15 phút qua: 14');
    expect(category.text).toContain('Bình thường khoảng');
    expect(messages.find((m) => m.series === `source:${source.id}`)!.text).toContain('Nguồn «Trang tin huyện»');
    expect(messages.find((m) => m.series === `source:${source.id}`)!.url).toBe(`https://langnghe.example/?status=all&source=${source.id}`);
    // Still elevated a minute later, and after a restart (state in the database): no second alert.
    await runSpikeScan(context, new Date(later.getTime() + 60_000));
    await runSpikeScan(context, new Date(later.getTime() + 120_000));
    await deliverPending(later);
    expect(hits('/hook/spike')).toHaveLength(4);
    const state = await context.db.selectFrom('spike_series').selectAll().where('series', '=', 'all').executeTakeFirstOrThrow();
    expect(state.in_spike).toBe(true);
    // Two hours on, calm: the spike ends (and its hours stay out of the baseline).
    const calm = new Date(later.getTime() + 2 * hour);
    const ended = await runSpikeScan(context, calm);
    const end = await runSpikeScan(context, new Date(calm.getTime() + 25 * 60_000));
    expect([...ended.ended, ...end.ended]).toContain('all');
    const spike = await context.db.selectFrom('spikes').selectAll().where('series', '=', 'all').executeTakeFirstOrThrow();
    expect(spike.ended_at).not.toBeNull();
  }, 60_000);
});

describe('sources', () => {
  it('a source turning failing gives one alert with its error; its recovery one more', async () => {
    const channel = await webhookChannel('source-failing');
    await createRule({ name: 'Nguồn lỗi', event_kind: 'source_failing', channel_ids: [channel] });
    const source = await upsertSource(context.db, { name: 'Fanpage xã', type: 'rss', config: { url: 'https://xa.example/rss' } });
    await context.db.updateTable('sources').set({ health: 'failing', consecutive_failures: 1, last_error: 'HTTP 503', last_success_at: new Date(Date.now() - 3_600_000) }).where('id', '=', source.id).execute();
    await runSourceAlerts(context);
    await deliverPending();
    expect(hits('/hook/source-failing')).toHaveLength(0); // one failure is not "failing"
    await context.db.updateTable('sources').set({ consecutive_failures: 3 }).where('id', '=', source.id).execute();
    await runSourceAlerts(context);
    await runSourceAlerts(context);
    await deliverPending();
    const [failing, ...rest] = bodies('/hook/source-failing');
    expect(rest).toHaveLength(0);
    expect(failing).toMatchObject({ event: 'source_failing', source: { id: source.id, name: 'Fanpage xã', last_error: 'HTTP 503' }, url: 'https://langnghe.example/sources' });
    expect(failing!.text).toContain('Nguồn thu thập bị lỗi: Fanpage xã');
    expect(failing!.text).toContain('Lỗi: HTTP 503');
    await context.db.updateTable('sources').set({ health: 'ok', consecutive_failures: 0, last_error: null, last_success_at: new Date() }).where('id', '=', source.id).execute();
    await runSourceAlerts(context);
    await runSourceAlerts(context);
    await deliverPending();
    const all = bodies('/hook/source-failing');
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ event: 'source_recovered' });
    expect(all[1]!.text).toContain('Nguồn thu thập đã hoạt động lại: Fanpage xã');
  });

  it('the cooldown holds back a second failure of the same source (logged as suppressed)', async () => {
    const channel = await webhookChannel('source-cooldown');
    const rule = await createRule({ name: 'Nguồn lỗi, chờ 60 phút', event_kind: 'source_failing', channel_ids: [channel], cooldown_minutes: 60 });
    const source = await upsertSource(context.db, { name: 'Cổng thông tin', type: 'rss', config: { url: 'https://cong.example/rss' } });
    const fail = () => context.db.updateTable('sources').set({ health: 'failing', consecutive_failures: 3, last_error: 'timeout' }).where('id', '=', source.id).execute();
    const recover = () => context.db.updateTable('sources').set({ health: 'ok', consecutive_failures: 0, last_error: null, last_success_at: new Date() }).where('id', '=', source.id).execute();
    await fail();
    await runSourceAlerts(context);
    await recover();
    await runSourceAlerts(context);
    await fail();
    await runSourceAlerts(context);
    await deliverPending();
    const events = bodies('/hook/source-cooldown').map((b) => b.event);
    expect(events).toEqual(['source_failing', 'source_recovered']);
    const statuses = await context.db.selectFrom('alert_deliveries').select(['status', 'error']).where('rule_id', '=', rule.id).orderBy('id').execute();
    expect(statuses.map((r) => r.status)).toEqual(['sent', 'sent', 'suppressed']);
    expect(statuses[2]!.error).toContain('cooldown 60 min');
  });

  it('a source silent for longer than expected gives one alert', async () => {
    const channel = await webhookChannel('source-silent');
    await createRule({ name: 'Nguồn im lặng', event_kind: 'source_silent', channel_ids: [channel] });
    const source = await upsertSource(context.db, { name: 'Báo tỉnh', type: 'rss', config: { url: 'https://bao.example/rss' } });
    await context.db
      .updateTable('sources')
      .set({ health: 'ok', interval_seconds: 900, last_success_at: new Date(), last_new_item_at: new Date(Date.now() - 8 * 86_400_000) })
      .where('id', '=', source.id)
      .execute();
    await backdateSource(source.id, 30);
    await runSourceAlerts(context);
    await runSourceAlerts(context);
    await deliverPending();
    const messages = bodies('/hook/source-silent');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ event: 'source_silent', source: { id: source.id, name: 'Báo tỉnh' } });
    expect(messages[0]!.text).toContain('Nguồn thu thập im lặng bất thường: Báo tỉnh');
  });
});

describe('daily digest', () => {
  it('one message a day at the digest hour, summarising the last 24 hours', async () => {
    const channel = await webhookChannel('digest');
    await createRule({ name: 'Tổng hợp hằng ngày', event_kind: 'daily_digest', channel_ids: [channel] });
    const manual = await upsertSource(context.db, { name: 'Báo cáo tay', type: 'manual', config: {} });
    await openIncident('critical', manual.id);
    await openIncident('high', manual.id);
    // 07:30 in Viet Nam (00:30 UTC) after now: the last 24 hours hold the incidents above.
    const next = new Date();
    next.setUTCHours(0, 30, 0, 0);
    if (next.getTime() <= Date.now()) next.setUTCDate(next.getUTCDate() + 1);
    expect(await runDigest(context, new Date(next.getTime() - 2 * 3_600_000))).toBeNull(); // 05:30: not yet
    const key = await runDigest(context, next);
    expect(key).toMatch(/^digest-\d{4}-\d{2}-\d{2}$/);
    expect(await runDigest(context, new Date(next.getTime() + 30 * 60_000))).toBeNull(); // once a day
    await deliverPending(next);
    const messages = bodies('/hook/digest');
    expect(messages).toHaveLength(1);
    const digest = messages[0]!;
    expect(digest).toMatchObject({ event: 'daily_digest', day: key!.slice('digest-'.length), url: 'https://langnghe.example/' });
    expect((digest.new_incidents as Record<string, number>).critical).toBeGreaterThanOrEqual(1);
    expect((digest.new_incidents as Record<string, number>).high).toBeGreaterThanOrEqual(1);
    expect(digest.open as number).toBeGreaterThanOrEqual(2);
    expect(digest.text).toContain('Tổng hợp 24 giờ qua');
    expect(digest.text).toMatch(/Vụ việc mới: \d+ \(Khẩn cấp \d+, Cao \d+/);
    expect(digest.text).toContain('Tăng đột biến: '); // the spike test's spikes are within the day
  });
});

describe('SLA breached with an escalation list', () => {
  it('the rule\'s channel and the commune leader each get exactly one message, the leader\'s marked as escalation', async () => {
    const channel = await webhookChannel('breach');
    const { channelId: telegram, ruleId } = await createChannelWithRule(context.db, services.config.SECRET_KEY, { type: 'telegram', name: 'Bot', config: { token: TOKEN, chat_id: '-100team' } });
    await context.db.deleteFrom('alert_rules').where('id', '=', ruleId).execute();
    await createRule({ name: 'Quá hạn', event_kind: 'sla_breached', min_severity: 'high', channel_ids: [channel], escalation_recipients: [{ channel_id: telegram, recipient: '-100chutich' }] });
    const manual = await upsertSource(context.db, { name: 'Báo cáo tay', type: 'manual', config: {} });
    const incidentId = await openIncident('high', manual.id);
    await context.db.insertInto('incident_events').values({ incident_id: incidentId, actor: 'system', type: 'sla_breached', after: JSON.stringify({ clock: 'ack' }) }).execute();
    for (let i = 0; i < 2; i++) {
      for (const eventId of await scanAlertEvents(context)) await planAlert(context, eventId);
      await deliverPending();
    }
    const team = bodies('/hook/breach').filter((b) => b.event === 'sla_breached');
    expect(team).toHaveLength(1);
    expect(team[0]).toMatchObject({ escalation: false, incident: { id: incidentId } });
    const leader = hits(`/bot${TOKEN}/sendMessage`).map((h) => JSON.parse(h.body) as { chat_id: string; text: string });
    expect(leader).toHaveLength(1);
    expect(leader[0]!.chat_id).toBe('-100chutich');
    expect(leader[0]!.text).toContain('[Báo cáo lãnh đạo] Vụ việc đã quá hạn xử lý');
    expect(leader[0]!.text).toContain(`/incidents/${incidentId}`);
  });
});

describe('rule editing through the API', () => {
  it('creates, lists, edits and deletes rules; refuses bad input; administrators only', async () => {
    const channel = await webhookChannel('edit');
    expect((await api(reviewer, 'GET', '/api/alerts/rules')).status).toBe(403);
    expect((await api(reviewer, 'POST', '/api/alerts/rules', { name: 'x', event_kind: 'spike', channel_ids: [channel] })).status).toBe(403);
    const created = await api(admin, 'POST', '/api/alerts/rules', { name: 'Khẩn cấp', event_kind: 'incident_created', min_severity: 'critical', channel_ids: [channel], recipients: [`${base}/hook/edit-2`], quiet_start: '22:00', quiet_end: '06:00', cooldown_minutes: 30 });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { id: string; quiet_start: string; cooldown_minutes: number; escalation_recipients: unknown[] };
    expect(rule).toMatchObject({ quiet_start: '22:00', cooldown_minutes: 30, escalation_recipients: [] });
    const bad = await api(admin, 'POST', '/api/alerts/rules', { name: 'x', event_kind: 'spike', channel_ids: [channel], quiet_start: '22:00' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('quiet_hours');
    expect((await api(admin, 'POST', '/api/alerts/rules', { name: 'x', event_kind: 'spike', channel_ids: ['999999'] })).status).toBe(400);
    expect((await api(admin, 'POST', '/api/alerts/rules', { name: 'x', event_kind: 'nonsense', channel_ids: [channel] })).status).toBe(400);
    // Text Postgres cannot store is bad input, not a server error.
    expect((await api(admin, 'POST', '/api/alerts/rules', { name: 'x\u0000y', event_kind: 'spike', channel_ids: [channel] })).status).toBe(400);
    expect((await api(admin, 'POST', '/api/alerts/rules', { name: 'x', event_kind: 'spike', channel_ids: [channel], quiet_start: '25:00', quiet_end: '06:00' })).status).toBe(400);
    const patched = await api(admin, 'PATCH', `/api/alerts/rules/${rule.id}`, { cooldown_minutes: 0, quiet_start: null, quiet_end: null, enabled: false });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: rule.id, cooldown_minutes: 0, quiet_start: null, quiet_end: null, enabled: false, min_severity: 'critical' });
    expect((await api(admin, 'PATCH', `/api/alerts/rules/${rule.id}`, { quiet_end: '06:00' })).status).toBe(400);
    const list = (await (await api(admin, 'GET', '/api/alerts/rules')).json()) as { items: { id: string }[] };
    expect(list.items.map((r) => r.id)).toContain(rule.id);
    expect((await api(admin, 'DELETE', `/api/alerts/rules/${rule.id}`)).status).toBe(204);
    expect((await api(admin, 'DELETE', `/api/alerts/rules/${rule.id}`)).status).toBe(404);
    expect((await api(admin, 'GET', `/api/alerts/rules/${rule.id}`)).status).toBe(404);
  });
});

describe('the scheduled job', () => {
  it('runs the spike scan, the source checks and the digest in one go, idempotently', async () => {
    const first = await runAlertChecks(context);
    expect(first).toMatchObject({ sourceAlerts: 0 });
    expect(first.seriesJudged).toBeGreaterThan(0);
    const before = await context.db.selectFrom('alerts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await runAlertChecks(context);
    const after = await context.db.selectFrom('alerts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('the alert page', () => {
  it('an administrator adds, edits, turns off and deletes a rule through the forms; a bad form is shown again with the reason', async () => {
    const channel = await webhookChannel('page');
    await upsertUser(context.db, { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-dai-du', role: 'admin' });
    const who = await signInForm(app, 'quantri', 'mat-khau-dai-du', '/admin/alerts');
    const post = (path: string, fields: Record<string, string>) =>
      app.request(path, { method: 'POST', headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN }, body: new URLSearchParams({ ...fields, _csrf: who.csrf }).toString() });
    const form = { name: 'Báo chủ tịch khi quá hạn', event_kind: 'sla_breached', min_severity: 'high', [`channel_${channel}`]: 'on', recipients: '', escalation: `${channel} ${base}/hook/page-leader`, quiet_start: '22:00', quiet_end: '06:00', cooldown_minutes: '15' };
    const created = await post('/admin/alerts/rules', form);
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/admin/alerts?done=rule_created#quy-tac');
    const rule = await context.db.selectFrom('alert_rules').selectAll().where('name', '=', 'Báo chủ tịch khi quá hạn').executeTakeFirstOrThrow();
    expect(rule).toMatchObject({ event_kind: 'sla_breached', channel_ids: [channel], quiet_start: '22:00', quiet_end: '06:00', cooldown_minutes: 15, escalation_recipients: [{ channel_id: channel, recipient: `${base}/hook/page-leader` }] });
    const page = await (await app.request('/admin/alerts', { headers: { cookie: who.cookie } })).text();
    expect(page).toContain('Quy tắc cảnh báo');
    expect(page).toContain(`data-rule-id="${rule.id}"`);
    expect(page).toContain('yên lặng 22:00–06:00');
    const refused = await post('/admin/alerts/rules', { ...form, name: 'Thiếu giờ', quiet_end: '' });
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('Giờ yên lặng cần cả giờ bắt đầu và giờ kết thúc.');
    expect(refusedPage).toContain('value="Thiếu giờ"');
    expect((await post(`/admin/alerts/rules/${rule.id}`, { ...form, cooldown_minutes: '0', quiet_start: '', quiet_end: '' })).status).toBe(303);
    expect(await context.db.selectFrom('alert_rules').select(['cooldown_minutes', 'quiet_start']).where('id', '=', rule.id).executeTakeFirstOrThrow()).toEqual({ cooldown_minutes: 0, quiet_start: null });
    expect((await post(`/admin/alerts/rules/${rule.id}/enabled`, { enabled: 'false' })).status).toBe(303);
    expect((await context.db.selectFrom('alert_rules').select('enabled').where('id', '=', rule.id).executeTakeFirstOrThrow()).enabled).toBe(false);
    // Without the CSRF token: refused.
    const forged = await app.request(`/admin/alerts/rules/${rule.id}/delete`, { method: 'POST', headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN }, body: '' });
    expect(forged.status).toBe(403);
    expect((await post(`/admin/alerts/rules/${rule.id}/delete`, {})).status).toBe(303);
    expect(await context.db.selectFrom('alert_rules').select('id').where('id', '=', rule.id).executeTakeFirst()).toBeUndefined();
  });
});

describe('done when', () => {
  it('a webhook channel added by the CLI gets exactly one signed call for a new critical incident', async () => {
    const env = { ...process.env, DATABASE_URL: services.config.DATABASE_URL, REDIS_URL: services.config.REDIS_URL, QUEUE_PREFIX: services.config.QUEUE_PREFIX, SECRET_KEY: services.config.SECRET_KEY, LOG_LEVEL: 'silent' };
    const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', 'add-channel', '--type', 'webhook', '--url', `${base}/hook/done`, '--secret', SECRET, '--min-severity', 'critical'], { env });
    expect(stdout).toMatch(/^channel \d+ \(webhook\) with rule \d+\n$/);
    const manual = await upsertSource(context.db, { name: 'Báo cáo tay', type: 'manual', config: {} });
    const incidentId = await openIncident('critical', manual.id);
    for (let i = 0; i < 2; i++) {
      for (const eventId of await scanAlertEvents(context)) await planAlert(context, eventId);
      await deliverPending();
    }
    const calls = hits('/hook/done');
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    const timestamp = call.headers['x-langnghe-timestamp'] as string;
    expect(call.headers['x-langnghe-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${call.body}`).digest('hex')}`);
    expect(JSON.parse(call.body)).toMatchObject({ event: 'incident_created', incident: { id: incidentId, severity: 'critical' } });
  }, 60_000);
});
