// The alert channel screen and the delivery log over HTTP (real app, real Postgres and Redis):
// an admin adds a webhook through the form and "send test" reaches a local fake with a valid
// signature; roles and CSRF; the release-lock button of the incident page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { webhookSignature } from '../src/alerts/channels/webhook.js';
import { maskRecipient } from '../src/alerts/alert.repository.js';
import { createApp, type App } from '../src/http/app.js';
import { upsertUser } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';
import { SAME_ORIGIN, signInForm, type FormSession } from './support/http-session.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from './support/recording-server.js';

const PASSWORD = 'mat-khau-dai-du';
const SECRET = 'bi-mat-webhook-0123456789';

let server: RecordingServer;
let base: string;
const seen: RecordedRequest[] = [];
let services: TestServices;
let context: OpenedContext;
let app: App;

beforeAll(async () => {
  server = await startRecordingServer(seen, ({ path }, res) => void res.writeHead(path.startsWith('/hook') ? 204 : 500).end());
  base = server.base;
  services = await createTestServices('alert_pages', { FETCH_ALLOW_HOSTS: '127.0.0.1' });
  context = await openContext(services.config);
  app = createApp(context);
  for (const [username, role] of [
    ['quantri', 'admin'],
    ['ctv', 'collaborator'],
    ['ctv2', 'collaborator'],
    ['xemxet', 'reviewer'],
  ] as const) {
    await upsertUser(context.db, { username, displayName: `Người ${username}`, password: PASSWORD, role });
  }
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
  await server?.close();
});

const signIn = (username: string) => signInForm(app, username, PASSWORD, '/');
const get = (path: string, who?: FormSession) => app.request(path, { headers: who ? { cookie: who.cookie } : {} });
function post(path: string, who: FormSession, fields: Record<string, string>, withCsrf = true) {
  return app.request(path, {
    method: 'POST',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN },
    body: new URLSearchParams({ ...fields, ...(withCsrf ? { _csrf: who.csrf } : {}) }).toString(),
  });
}

describe('alert channels screen', () => {
  it('admin adds a webhook through the form; "send test" reaches it signed; the log shows the row', async () => {
    const admin = await signIn('quantri');
    const page = await get('/admin/alerts', admin);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Kênh cảnh báo');
    expect(html).toContain('href="/admin/alerts"');
    expect(html).not.toMatch(/style=/);

    const short = await post('/admin/alerts/channels', admin, { type: 'webhook', name: 'Hook', url: `${base}/hook`, secret: 'ngan', min_severity: 'high' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('Khóa ký');

    const created = await post('/admin/alerts/channels', admin, { type: 'webhook', name: 'Hook <b>xã</b>', url: `${base}/hook/abc-token`, secret: SECRET, min_severity: 'medium' });
    expect(created.status).toBe(303);
    const channel = await context.db.selectFrom('alert_channels').selectAll().where('type', '=', 'webhook').executeTakeFirstOrThrow();
    expect(JSON.stringify(channel.config)).not.toContain(SECRET); // sealed at rest
    const rule = await context.db.selectFrom('alert_rules').selectAll().executeTakeFirstOrThrow();
    expect(rule.channel_ids).toEqual([channel.id]);
    expect(rule.min_severity).toBe('medium');

    const list = await (await get('/admin/alerts', admin)).text();
    expect(list).toContain('Hook &lt;b&gt;xã&lt;/b&gt;');
    expect(list).not.toContain(SECRET);

    const test = await post(`/admin/alerts/channels/${channel.id}/test`, admin, {});
    expect(test.status).toBe(303);
    expect(test.headers.get('location')).toContain('done=test_sent');
    const hit = seen.find((s) => s.path === '/hook/abc-token');
    expect(hit).toBeDefined();
    const timestamp = String(hit!.headers['x-langnghe-timestamp']);
    expect(hit!.headers['x-langnghe-signature']).toBe(webhookSignature(SECRET, timestamp, hit!.body));

    const after = await (await get('/admin/alerts', admin)).text();
    expect(after).toContain('data-status="sent"');
    expect(after).toContain(maskRecipient(`${base}/hook/abc-token`));
    expect(after).not.toContain('abc-token');

    // The reviewer reads the log, not the channels.
    const reviewer = await signIn('xemxet');
    const log = await get('/alerts/deliveries', reviewer);
    expect(log.status).toBe(200);
    const logHtml = await log.text();
    expect(logHtml).toContain('data-status="sent"');
    expect(logHtml).toContain('Đã gửi');
    expect((await get('/admin/alerts', reviewer)).status).toBe(403);

    // Disable, then enable again.
    expect((await post(`/admin/alerts/channels/${channel.id}/enabled`, admin, { enabled: 'false' })).status).toBe(303);
    expect((await context.db.selectFrom('alert_channels').select('enabled').where('id', '=', channel.id).executeTakeFirstOrThrow()).enabled).toBe(false);
    expect((await post(`/admin/alerts/channels/${channel.id}/enabled`, admin, { enabled: 'true' })).status).toBe(303);
    expect((await context.db.selectFrom('alert_channels').select('enabled').where('id', '=', channel.id).executeTakeFirstOrThrow()).enabled).toBe(true);
  });

  it('refuses collaborators (403) and POSTs without the CSRF token (403)', async () => {
    const admin = await signIn('quantri');
    const ctv = await signIn('ctv');
    expect((await get('/admin/alerts', ctv)).status).toBe(403);
    expect((await get('/alerts/deliveries', ctv)).status).toBe(403);
    expect((await get('/admin/alerts')).headers.get('location')).toMatch(/^\/login/);
    const fields = { type: 'webhook', url: `${base}/hook/x`, secret: SECRET, min_severity: 'high' };
    for (const [path, body] of [
      ['/admin/alerts/channels', fields],
      ['/admin/alerts/channels/1/enabled', { enabled: 'false' }],
      ['/admin/alerts/channels/1/test', {}],
    ] as const) {
      expect((await post(path, ctv, body)).status, path).toBe(403);
      const noCsrf = await post(path, admin, body, false);
      expect(noCsrf.status, path).toBe(403);
      expect(await noCsrf.text()).toContain('Biểu mẫu đã hết hạn');
    }
    expect(await context.db.selectFrom('alert_channels').select('id').where('config', '@>', JSON.stringify({ url: `${base}/hook/x` }) as never).execute()).toHaveLength(0);
  });
});

describe('release-lock button', () => {
  it('the holder releases the lock; another collaborator cannot; an admin sees "force"', async () => {
    const id = (
      await context.db
        .insertInto('incidents')
        .values({ title: 'Khóa thử', category: 'tin_sai_su_that', severity: 'high', ack_due_at: new Date(Date.now() + 3_600_000), resolve_due_at: new Date(Date.now() + 48 * 3_600_000) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const ctv = await signIn('ctv');
    const ctv2 = await signIn('ctv2');
    const admin = await signIn('quantri');
    const version = async () => String((await context.db.selectFrom('incidents').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
    expect((await post(`/incidents/${id}/take`, ctv, { version: await version() })).status).toBe(303);
    const lockedBy = async () => (await context.db.selectFrom('incidents').select('locked_by').where('id', '=', id).executeTakeFirstOrThrow()).locked_by;
    expect(await lockedBy()).not.toBeNull();

    expect(await (await get(`/incidents/${id}`, ctv)).text()).toContain('Thôi nhận xử lý (mở khóa)');
    expect(await (await get(`/incidents/${id}`, ctv2)).text()).not.toContain(`/incidents/${id}/unlock`);
    expect(await (await get(`/incidents/${id}`, admin)).text()).toContain('Buộc mở khóa');

    const refused = await post(`/incidents/${id}/unlock`, ctv2, {});
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toContain('error=locked');
    expect(await lockedBy()).not.toBeNull();
    expect((await post(`/incidents/${id}/unlock`, ctv, {}, false)).status).toBe(403);
    expect(await lockedBy()).not.toBeNull();

    const released = await post(`/incidents/${id}/unlock`, ctv, {});
    expect(released.headers.get('location')).toContain('done=unlock');
    expect(await lockedBy()).toBeNull();
    expect(await (await get(released.headers.get('location')!, ctv)).text()).toContain('Đã mở khóa vụ việc.');

    // An admin forces someone else's lock.
    expect((await post(`/incidents/${id}/take`, ctv, { version: await version() })).status).toBe(303);
    expect(await lockedBy()).not.toBeNull();
    expect((await post(`/incidents/${id}/unlock`, admin, {})).headers.get('location')).toContain('done=unlock');
    expect(await lockedBy()).toBeNull();
  });
});
