// Alerts (issue 8): each channel against a local server speaking its protocol (HTTP fakes for
// Telegram, Zalo and the webhook checking the exact request shapes and answering the real error
// formats; smtp-server for e-mail), and the chain incident event -> scan -> notify -> deliver.
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelWithRule } from '../src/alerts/alert.repository.js';
import { deliverAlert, planAlert, scanAlertEvents } from '../src/alerts/alerts.js';
import { ChannelError, type AlertMessage } from '../src/alerts/channels/channel.js';
import { emailChannel } from '../src/alerts/channels/email.js';
import { telegramChannel } from '../src/alerts/channels/telegram.js';
import { webhookChannel } from '../src/alerts/channels/webhook.js';
import { zaloChannel } from '../src/alerts/channels/zalo.js';
import { buildAlertMessage } from '../src/alerts/message.js';
import { quietHoursEnd } from '../src/alerts/quiet-hours.js';
import type { Analysis } from '../src/analysis/types.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { correlateFlaggedPost } from '../src/incidents/correlate.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from './support/recording-server.js';

const run = promisify(execFile);
const SECRET = 'webhook-secret-0123456789abcdef';
const TOKEN = '123456:ABC-telegram-token';

const seen: RecordedRequest[] = [];
const mail: { from: string; to: string[]; data: string }[] = [];
let server: RecordingServer;
let smtp: SMTPServer;
let base: string;
let smtpPort: number;
let services: TestServices;
let context: OpenedContext;
let app: App;
let sourceId: string;
let admin: string;
let reviewer: string;
let collaborator: string;

beforeAll(async () => {
  server = await startRecordingServer(seen, ({ path, body, headers }, res) => {
    const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (path.startsWith('/bot')) {
      const parsed = JSON.parse(body) as { chat_id: string };
      if (parsed.chat_id === 'flood') return json(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
      if (parsed.chat_id === 'unknown') return json(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
      return json(200, { ok: true, result: { message_id: 1 } });
    }
    if (path === '/v3.0/oa/message/cs') {
      if (headers.access_token !== 'zalo-token') return json(200, { error: -216, message: 'Access token is invalid' });
      const parsed = JSON.parse(body) as { recipient: { user_id: string } };
      if (parsed.recipient.user_id === 'stranger') return json(200, { error: -213, message: 'User has not followed OA' });
      return json(200, { error: 0, message: 'Success', data: { message_id: 'm1', user_id: parsed.recipient.user_id } });
    }
    if (path.startsWith('/hook')) return void res.writeHead(204).end();
    res.writeHead(404).end();
  });
  base = server.base;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mail.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  services = await createTestServices('alerts', { FETCH_ALLOW_HOSTS: '127.0.0.1', TELEGRAM_API_URL: base, ZALO_API_URL: base, PUBLIC_URL: 'https://langnghe.example' });
  context = await openContext(services.config);
  app = createApp(context);
  sourceId = (await upsertSource(context.db, { name: 'Báo cáo', type: 'manual', config: {} })).id;
  admin = (await createApiToken(context.db, { name: 'admin', role: 'admin' })).token;
  reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  collaborator = (await createApiToken(context.db, { name: 'ctv', role: 'collaborator' })).token;
});
afterAll(async () => {
  await context?.close();
  await server?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await services?.cleanup();
});

const deps = () => ({ allowHosts: ['127.0.0.1'] });
const incident = { id: '42', title: 'Tin đồn <script>alert(1)</script> & "bồi thường"', severity: 'critical', category: 'an_ninh_trat_tu', status: 'new', acknowledged_at: null, ack_due_at: new Date('2026-11-22T03:00:00Z'), resolve_due_at: new Date('2026-11-23T02:00:00Z') };
const message: AlertMessage = buildAlertMessage({ kind: 'incident_created', eventId: '7', incident, at: new Date('2026-11-22T02:00:00Z') }, 'https://langnghe.example');
const hits = (prefix: string) => seen.filter((s) => s.path.startsWith(prefix));

describe('the message', () => {
  it('says what happened in Vietnamese, with labels, the deadline in Viet Nam time and the link', () => {
    expect(message.text).toContain('Phát hiện vụ việc mới');
    expect(message.text).toContain('Mức độ: Khẩn cấp');
    expect(message.text).toContain('Lĩnh vực: An ninh, trật tự');
    expect(message.text).toContain('10:00');
    expect(message.text).toContain('https://langnghe.example/incidents/42');
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;bồi thường&quot;');
    expect(message.html).not.toContain('<script>');
  });
});

describe('channels against local servers', () => {
  it('Telegram: sendMessage with the HTML-escaped text; 429 retry_after and 400 are understood', async () => {
    const channel = telegramChannel({ baseUrl: base, token: TOKEN }, deps());
    await channel.send(message, '-1001');
    const hit = hits(`/bot${TOKEN}/sendMessage`).at(-1)!;
    expect(hit.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(hit.body)).toEqual({ chat_id: '-1001', text: message.html, parse_mode: 'HTML', disable_web_page_preview: true });
    const flood = await channel.send(message, 'flood').catch((e: unknown) => e);
    expect(flood).toBeInstanceOf(ChannelError);
    expect((flood as ChannelError).retryAfterMs).toBe(7000);
    expect((flood as ChannelError).permanent).toBe(false);
    const unknown = await channel.send(message, 'unknown').catch((e: unknown) => e);
    expect((unknown as ChannelError).permanent).toBe(true);
    expect((unknown as ChannelError).message).toContain('chat not found');
    expect((unknown as ChannelError).message).not.toContain(TOKEN);
  });

  it('Zalo OA: message/cs with the access_token header; an error in a 200 answer is a failure', async () => {
    const channel = zaloChannel({ baseUrl: base, accessToken: 'zalo-token' }, deps());
    await channel.send(message, '8421');
    const hit = hits('/v3.0/oa/message/cs').at(-1)!;
    expect(hit.headers.access_token).toBe('zalo-token');
    expect(JSON.parse(hit.body)).toEqual({ recipient: { user_id: '8421' }, message: { text: message.text } });
    const stranger = await channel.send(message, 'stranger').catch((e: unknown) => e);
    expect(stranger).toBeInstanceOf(ChannelError);
    expect((stranger as ChannelError).message).toContain('-213');
    const badToken = await zaloChannel({ baseUrl: base, accessToken: 'wrong' }, deps()).send(message, '8421').catch((e: unknown) => e);
    expect((badToken as ChannelError).permanent).toBe(true);
  });

  it('webhook: JSON body signed with HMAC-SHA256 of "<timestamp>.<body>"', async () => {
    await webhookChannel({ secret: SECRET }, deps()).send(message, `${base}/hook/direct`);
    const hit = hits('/hook/direct').at(-1)!;
    const timestamp = hit.headers['x-langnghe-timestamp'] as string;
    expect(timestamp).toMatch(/^\d+$/);
    expect(hit.headers['x-langnghe-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${hit.body}`).digest('hex')}`);
    const body = JSON.parse(hit.body) as { event: string; incident: { id: string; url: string } };
    expect(body.event).toBe('incident_created');
    expect(body.incident.url).toBe('https://langnghe.example/incidents/42');
  });

  it('webhook: a private address outside the allow-list is refused', async () => {
    const refused = await webhookChannel({ secret: SECRET }, { allowHosts: [] }).send(message, `${base}/hook/x`).catch((e: unknown) => e);
    expect((refused as ChannelError).permanent).toBe(true);
  });

  it('e-mail: the SMTP server receives the message', async () => {
    await emailChannel({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'langnghe@xa.example' }, deps()).send(message, 'chutich@xa.example');
    const got = mail.at(-1)!;
    expect(got.from).toBe('langnghe@xa.example');
    expect(got.to).toEqual(['chutich@xa.example']);
    expect(got.data).toMatch(/Subject: /);
    expect(got.data.replace(/=\r?\n/g, '')).toContain('https://langnghe.example/incidents/42');
  });
});

let seq = 0;
async function openIncident(severity: 'critical' | 'high') {
  seq++;
  const post = await context.db
    .insertInto('posts')
    .values({ source_id: sourceId, external_id: `a${seq}`, url: null, canonical_url: null, title: null, body: `Tin số ${seq} về tụ tập đông người ở thôn ${seq}-${Math.random()}`, content_hash: `h${seq}`, raw: '{}' })
    .returning(['id', 'canonical_url', 'title', 'body'])
    .executeTakeFirstOrThrow();
  const analysis: Analysis = { flag: true, categories: ['an_ninh_trat_tu'], about: true, sentiment: { label: 'negative', score: -0.6 }, offensive: false, severity, matches: [] };
  return (await context.db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis })))!.incidentId;
}

/** scan -> notify -> deliver, as the workers would, with every deliver job run twice. */
async function pump(now = new Date()) {
  const fresh = await scanAlertEvents(context, now);
  const outcomes: string[] = [];
  // Deliveries already planned (e.g. waiting for quiet hours to end) are delivered again too.
  const events = [...new Set([...fresh, ...(await context.db.selectFrom('alert_deliveries').select('event_id').where('status', '=', 'pending').execute()).map((r) => r.event_id!)])];
  for (const e of events) {
    for (const d of await planAlert(context, e, now)) {
      outcomes.push(await deliverAlert(context, d.id, now).catch((error: unknown) => `error: ${String(error)}`));
      outcomes.push(await deliverAlert(context, d.id, now).catch((error: unknown) => `error: ${String(error)}`));
    }
  }
  return outcomes;
}

describe('incident events to deliveries', () => {
  it('a new critical incident gives exactly one signed webhook call, even when deliver runs twice', async () => {
    await createChannelWithRule(context.db, services.config.SECRET_KEY, { type: 'webhook', config: { url: `${base}/hook/e2e`, secret: SECRET }, minSeverity: 'high' });
    const incidentId = await openIncident('critical');
    await pump();
    await pump();
    const calls = hits('/hook/e2e');
    expect(calls).toHaveLength(1);
    const body = JSON.parse(calls[0]!.body) as { incident: { id: string } };
    expect(body.incident.id).toBe(incidentId);
    const rows = await context.db.selectFrom('alert_deliveries').selectAll().where('incident_id', '=', incidentId).execute();
    expect(rows.map((r) => r.status)).toEqual(['sent']);
    expect(rows[0]!.attempts).toBe(1);
    const stored = await context.db.selectFrom('alert_channels').select('config').orderBy('id').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.config)).not.toContain(SECRET);
  });

  it('quiet hours delay a high alert but not a critical one', async () => {
    const now = new Date();
    const local = Math.floor(((now.getTime() + 7 * 3_600_000) % 86_400_000) / 60_000);
    const hhmm = (m: number) => `${String(Math.floor((((m % 1440) + 1440) % 1440) / 60)).padStart(2, '0')}:${String((((m % 1440) + 1440) % 1440) % 60).padStart(2, '0')}`;
    const { ruleId } = await createChannelWithRule(context.db, services.config.SECRET_KEY, { type: 'webhook', name: 'quiet', config: { url: `${base}/hook/quiet`, secret: SECRET }, minSeverity: 'high' });
    await context.db.updateTable('alert_rules').set({ quiet_start: hhmm(local - 60), quiet_end: hhmm(local + 60) }).where('id', '=', ruleId).execute();
    expect(quietHoursEnd(now, hhmm(local - 60), hhmm(local + 60))).not.toBeNull();
    const high = await openIncident('high');
    const outcomes = await pump(now);
    expect(outcomes).toContain('waiting');
    const highRow = await context.db.selectFrom('alert_deliveries').selectAll().where('incident_id', '=', high).where('rule_id', '=', ruleId).executeTakeFirstOrThrow();
    expect(highRow.status).toBe('pending');
    expect(highRow.not_before!.getTime()).toBeGreaterThan(now.getTime());
    expect(hits('/hook/quiet')).toHaveLength(0);
    const critical = await openIncident('critical');
    await pump(now);
    expect(hits('/hook/quiet')).toHaveLength(1);
    expect((JSON.parse(hits('/hook/quiet')[0]!.body) as { incident: { id: string } }).incident.id).toBe(critical);
    // When the quiet hours are over, the high alert goes out, once.
    await pump(new Date(highRow.not_before!.getTime() + 1000));
    expect(hits('/hook/quiet')).toHaveLength(2);
    await context.db.updateTable('alert_rules').set({ enabled: false }).where('id', '=', ruleId).execute();
  });

  it('the CLI adds a webhook channel; a new incident reaches it', async () => {
    const env = { ...process.env, DATABASE_URL: services.config.DATABASE_URL, REDIS_URL: services.config.REDIS_URL, QUEUE_PREFIX: services.config.QUEUE_PREFIX, SECRET_KEY: services.config.SECRET_KEY, LOG_LEVEL: 'silent' };
    const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', 'add-channel', '--type', 'webhook', '--url', `${base}/hook/cli`, '--secret', SECRET, '--min-severity', 'critical'], { env });
    expect(stdout).toMatch(/^channel \d+ \(webhook\) with rule \d+\n$/);
    await openIncident('high');
    await pump();
    expect(hits('/hook/cli')).toHaveLength(0);
    await openIncident('critical');
    await pump();
    await pump();
    expect(hits('/hook/cli')).toHaveLength(1);
  }, 60_000);

  it('the delivery log is in the API (reviewer, admin); "send test" is for administrators', async () => {
    const call = (token: string, method: string, url: string) => app.request(url, { method, headers: { authorization: `Bearer ${token}` } });
    const log = await call(reviewer, 'GET', '/api/alerts/deliveries');
    expect(log.status).toBe(200);
    const items = ((await log.json()) as { items: { status: string; channel_type: string }[] }).items;
    expect(items.some((i) => i.status === 'sent' && i.channel_type === 'webhook')).toBe(true);
    expect((await call(collaborator, 'GET', '/api/alerts/deliveries')).status).toBe(403);
    const { channelId, ruleId } = await createChannelWithRule(context.db, services.config.SECRET_KEY, { type: 'telegram', config: { token: TOKEN, chat_id: '-77' }, minSeverity: 'critical' });
    await context.db.updateTable('alert_rules').set({ enabled: false }).where('id', '=', ruleId).execute();
    expect((await call(reviewer, 'POST', `/api/alerts/channels/${channelId}/test`)).status).toBe(403);
    const test = await call(admin, 'POST', `/api/alerts/channels/${channelId}/test`);
    expect(test.status).toBe(200);
    expect(JSON.parse(hits(`/bot${TOKEN}/sendMessage`).at(-1)!.body).chat_id).toBe('-77');
    const channels = await call(admin, 'GET', '/api/alerts/channels');
    expect(JSON.stringify(await channels.json())).not.toContain(TOKEN);
  });
});
