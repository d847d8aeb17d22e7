// Issue 16, end to end: a canary listens on loopback (127.0.0.1, 127.0.0.2 and ::1, one port) and
// counts every TCP connection. Every loopback notation — as the URL, as a redirect target, and as
// the resolver's answer for a name (tests/support/fake-dns.ts, a hosts entry in effect) — must be
// refused with the guard's reason and leave the canary unconnected, through: preview-source (the CLI
// process for the issue's reproduction and a sample of each kind of case — a process costs seconds
// of CPU — and the use case behind it, in-process, for every case), a scheduled RSS collect (the
// worker), a web-page source in Chromium (the page itself, and a page making every kind of request
// to every case), an evidence capture, a manual report, a webhook channel, the Telegram, Zalo and
// Graph API base URLs, and an e-mail channel. Each path then reaches the canary through an
// allow-listed name (FETCH_ALLOW_HOSTS), so a path that could not reach it would fail the test.
import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlertMessage } from '../src/alerts/message.js';
import type { AlertMessage } from '../src/alerts/channels/channel.js';
import { createChannelWithRule } from '../src/alerts/alert.repository.js';
import { sendTestAlert } from '../src/alerts/alerts.js';
import { buildChannel } from '../src/alerts/channels/index.js';
import { emailChannel } from '../src/alerts/channels/email.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { collectPreview } from '../src/cli/preview-source.js';
import { collectContextFrom } from '../src/collectors/collector.js';
import { facebookCollector, facebookConfigSchema } from '../src/collectors/facebook.collector.js';
import { closeSharedBrowser, gotoGuarded, newRefusals, openGuardedContext, sharedBrowser, webCollector, webConfigSchema } from '../src/collectors/web.collector.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { captureEvidence } from '../src/evidence/capture-evidence.js';
import { createApp, type App } from '../src/http/app.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken } from '../src/users/user.repository.js';
import { startWorkerPool, type RunningWorkerPool } from '../workers/workers.js';
import { CHROMIUM_PATH } from './support/browser.js';
import { FAKE_HOSTS_ENV, installFakeHosts, type FakeHosts } from './support/fake-dns.js';
import { createTestServices, waitFor, type TestServices } from './support/services.js';

const REFUSED = /refused: \S+ (is|resolves to) a private or reserved address/;
const ORIGIN_NAME = 'origin.langnghe.test'; // allow-listed: the redirector and the page with subresources
const CANARY_NAME = 'canary.langnghe.test'; // allow-listed: the control, the canary through an allowed name
const MAIL_NAME = 'mail.langnghe.test'; // allow-listed: a real SMTP server, known only to the fake resolver
const COMPLAINT = 'Dân thôn Nà Pài xã Phủ Thông bức xúc vì hơn một năm chưa được bồi thường giải phóng mặt bằng, đề nghị xã giải quyết';

/** Hosts that name loopback in a URL (each with the canary's port). */
const URL_HOSTS = [
  '127.0.0.1', '127.0.0.2', '127.1', '127.0.1', '127.000.000.001', '2130706433', '0x7f000001', '0x7f.1', '0177.0.0.1', '017700000001',
  '0', '0.0.0.0', 'localhost', 'LocalHost', '[::1]', '[::]', '[0:0:0:0:0:0:0:1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]',
  '[0:0:0:0:0:ffff:7f00:1]', '[::ffff:0:127.0.0.1]', '[::127.0.0.1]', '[::7f00:1]', '[64:ff9b::127.0.0.1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::]', '[2002:7f00:1::1]',
];
/** What a resolver may answer for a name, each naming loopback. */
const DNS_ANSWERS = [
  ['127.0.0.1'], ['127.0.0.2'], ['127.255.255.254'], ['::1'], ['::'], ['0.0.0.0'], ['::ffff:127.0.0.1'], ['::ffff:7f00:1'], ['0:0:0:0:0:ffff:7f00:1'],
  ['::ffff:0:7f00:1'], ['::127.0.0.1'], ['::7f00:1'], ['64:ff9b::7f00:1'], ['2002:7f00:1::1'], ['::1', '127.0.0.1'],
];

/** The sample the CLI processes, the evidence captures and the reason-level page check run (ids as built in beforeAll). */
const SAMPLE_CASES = new Set([
  'url [::7f00:1]', 'url [64:ff9b::7f00:1]', 'url [2002:7f00:1::]', 'url 0x7f.1',
  'dns ::ffff:7f00:1', 'dns 64:ff9b::7f00:1',
  'redirect to url [::ffff:127.0.0.1]', 'redirect to dns ::ffff:127.0.0.1',
]);

interface Case {
  readonly id: string;
  /** Where a request for this case goes (scheme and authority; a path is appended). */
  readonly base: string;
  /** The allow-listed origin redirects to `base` (url() is the origin's), or url() goes to `base` itself. */
  readonly redirected: boolean;
  url(path: string): string;
}

interface Canary {
  readonly port: number;
  connections: number;
  readonly requests: string[];
  reset(): void;
  close(): Promise<void>;
}

/** One port on every loopback address we can bind; every TCP connection counts, HTTP or not. */
async function startCanary(): Promise<Canary> {
  const servers: http.Server[] = [];
  const canary: Canary = {
    port: 0,
    connections: 0,
    requests: [],
    reset() {
      canary.connections = 0;
      canary.requests.length = 0;
    },
    async close() {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
  const listen = (host: string, port: number) =>
    new Promise<http.Server>((resolve, reject) => {
      const server = http.createServer((req, res) => {
        canary.requests.push(`${req.method} ${req.headers.host} ${req.url}`);
        req.resume();
        const json = req.method === 'POST' || /graph|bot|v3\.0/.test(req.url ?? '');
        if (json) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"error":0,"data":[]}');
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>canary</title><item><guid>c1</guid><title>canary</title><description>canary</description></item></channel></rss>');
      });
      server.on('connection', () => canary.connections++);
      server.on('upgrade', (req, socket) => {
        canary.requests.push(`UPGRADE ${req.url}`);
        socket.destroy();
      });
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  const first = await listen('127.0.0.1', 0);
  servers.push(first);
  Object.assign(canary, { port: (first.address() as AddressInfo).port });
  for (const host of ['127.0.0.2', '::1']) servers.push(await listen(host, canary.port));
  return canary;
}

let canary: Canary;
let origin: http.Server;
let originBase: string;
let smtp: SMTPServer;
let smtpPort: number;
const mail: string[] = [];
let services: TestServices;
let context: OpenedContext;
let app: App;
let collaborator: string;
let uninstallFakeHosts: () => void;
const hosts: Record<string, string[]> = {};
let cases: Case[] = [];
let message: AlertMessage;

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A page whose every kind of request (and a WebSocket, a worker, a form) goes to every case. */
function pageWithSubresources(targets: readonly string[]): string {
  const tags = targets
    .map((t, i) => `<img src="${html(`${t}/img/${i}`)}"><link rel="stylesheet" href="${html(`${t}/css/${i}`)}"><script async src="${html(`${t}/js/${i}`)}"></script>` +
      `<iframe src="${html(`${t}/frame/${i}`)}"></iframe><link rel="prefetch" href="${html(`${t}/prefetch/${i}`)}"><link rel="preconnect" href="${html(t)}"><video src="${html(`${t}/video/${i}`)}"></video>` +
      `<form method="post" action="${html(`${t}/form/${i}`)}" target="sink${i}"></form><iframe name="sink${i}"></iframe><a ping="${html(`${t}/ping/${i}`)}" href="#x${i}">x</a>`)
    .join('\n');
  // The script runs at DOMContentLoaded, which no stylesheet or subresource holds back.
  return `<!doctype html><html><head><meta charset="utf-8"><title>Trang thử</title><link rel="icon" href="${html(`${targets[0]}/favicon.ico`)}">
<script>
addEventListener('DOMContentLoaded', () => {
  const targets = ${JSON.stringify(targets)};
  // Every one of these settles by itself once the guard refuses it; the timer is only a backstop.
  const settle = (p) => Promise.race([Promise.resolve(p).catch(() => undefined), new Promise((r) => setTimeout(r, 20000))]);
  const jobs = [];
  targets.forEach((t, i) => {
    jobs.push(settle(fetch(t + '/fetch/' + i, { mode: 'no-cors' })));
    jobs.push(settle(fetch(t + '/post/' + i, { method: 'POST', mode: 'no-cors', body: 'x', keepalive: true })));
    jobs.push(settle(new Promise((resolve) => { const x = new XMLHttpRequest(); x.open('GET', t + '/xhr/' + i); x.onloadend = resolve; x.send(); })));
    jobs.push(settle(new Promise((resolve) => { const es = new EventSource(t + '/sse/' + i); es.onerror = () => { es.close(); resolve(); }; })));
    jobs.push(settle(new Promise((resolve) => { const ws = new WebSocket(t.replace(/^http/, 'ws') + '/ws/' + i); ws.onerror = resolve; ws.onclose = resolve; })));
    try { navigator.sendBeacon(t + '/beacon/' + i, 'x'); } catch (e) {}
    document.forms[i].submit();
    document.querySelectorAll('a[ping]')[i].click();
  });
  const worker = new Worker('/worker.js');
  jobs.push(settle(new Promise((resolve) => { worker.onmessage = resolve; worker.onerror = resolve; worker.postMessage(targets); })));
  Promise.all(jobs).then(() => { const d = document.createElement('div'); d.className = 'done'; d.textContent = 'Đã thử mọi yêu cầu'; document.body.append(d); });
});
</script></head><body>
${tags}
<iframe src="/meta-refresh?u=${encodeURIComponent(`${targets[0]}/refresh`)}"></iframe>
</body></html>`;
}

beforeAll(async () => {
  canary = await startCanary();
  origin = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://origin');
    const to = url.searchParams.get('u') ?? '';
    if (url.pathname === '/to') return void res.writeHead(302, { location: to }).end();
    if (url.pathname === '/page') {
      const targets = (url.searchParams.has('sample') ? cases.filter((c) => SAMPLE_CASES.has(c.id)) : cases).map((c) => c.url(''));
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageWithSubresources(targets));
    }
    if (url.pathname === '/meta-refresh') return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<meta http-equiv="refresh" content="0;url=${html(to)}">`);
    if (url.pathname === '/worker.js') {
      return void res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(`onmessage = async (e) => { await Promise.all(e.data.map((t, i) => fetch(t + '/worker/' + i).catch(() => undefined))); postMessage('done'); };`);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  originBase = `http://${ORIGIN_NAME}:${(origin.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        mail.push('delivered');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  hosts[ORIGIN_NAME] = ['127.0.0.1'];
  hosts[CANARY_NAME] = ['127.0.0.1'];
  hosts[MAIL_NAME] = ['127.0.0.1'];
  const direct: Case[] = URL_HOSTS.map((host) => {
    const base = `http://${host}:${canary.port}`;
    return { id: `url ${host}`, base, redirected: false, url: (path) => `${base}${path}` };
  });
  const resolved: Case[] = DNS_ANSWERS.map((answers, i) => {
    const name = `a${i}.dns.langnghe.test`;
    hosts[name] = answers;
    const base = `http://${name}:${canary.port}`;
    return { id: `dns ${answers.join(',')}`, base, redirected: false, url: (path) => `${base}${path}` };
  });
  const redirected: Case[] = [...direct, ...resolved].map((c) => ({
    id: `redirect to ${c.id}`,
    base: c.base,
    redirected: true,
    url: (path) => `${originBase}/to?u=${encodeURIComponent(c.url(path))}`,
  }));
  cases = [...direct, ...resolved, ...redirected];
  uninstallFakeHosts = installFakeHosts(hosts);

  services = await createTestServices('ssrf_guard', {
    FETCH_ALLOW_HOSTS: [ORIGIN_NAME, CANARY_NAME, MAIL_NAME].join(','),
    WORKER_QUEUES: 'collect-rss',
    WEB_POLITENESS_MS: '0',
    // Generous: the page with every kind of request to every case makes about a thousand of them.
    WEB_NAV_TIMEOUT_MS: '60000',
    CHROMIUM_PATH,
  });
  context = await openContext(services.config);
  app = createApp(context);
  await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: ['xã Phủ Thông'], places: ['thôn Nà Pài'] });
  collaborator = (await createApiToken(context.db, { name: 'ctv', role: 'collaborator' })).token;
  message = buildAlertMessage(
    { kind: 'incident_created', eventId: '1', incident: { id: '1', title: 'thử', severity: 'high', category: 'khac', status: 'new', acknowledged_at: null, ack_due_at: null, resolve_due_at: null }, at: new Date() },
    services.config.PUBLIC_URL,
  );
}, 120_000);

afterAll(async () => {
  uninstallFakeHosts?.();
  await closeSharedBrowser();
  await context?.close();
  await services?.cleanup();
  await canary?.close();
  origin?.closeAllConnections();
  await new Promise<void>((resolve) => (origin ? origin.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

/** Nothing reached the canary, not even a TCP connection (a preconnect, a proxy-less escape). */
function expectCanaryUntouched(): void {
  expect({ connections: canary.connections, requests: canary.requests }).toEqual({ connections: 0, requests: [] });
}

/** The control: the same path, to the canary through an allow-listed name, does reach it. */
function expectCanaryReached(tag: string): void {
  expect(canary.requests.some((r) => r.includes(tag)), `${tag} in ${JSON.stringify(canary.requests)}`).toBe(true);
}

/** The guard's refusal; for a channel (a POST is never redirected), also a redirect left unfollowed. */
const refused = (_c: Case, outcome: string) => REFUSED.test(outcome);
const refusedOrNotFollowed = (c: Case, outcome: string) => REFUSED.test(outcome) || (c.redirected && /HTTP 302\b/.test(outcome));

/** Runs `run` on every case of `list`, a few at a time; returns the cases whose outcome was not a refusal. */
async function forEachCase(list: readonly Case[], run: (c: Case, i: number) => Promise<string>, concurrency = 8, accept = refused): Promise<string[]> {
  const wrong: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < list.length; i = next++) {
      const c = list[i]!;
      const outcome = await run(c, i).catch((error: unknown) => `threw ${(error as Error).message}`);
      if (!accept(c, outcome)) wrong.push(`${c.id}: ${outcome}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return wrong;
}

function cli(args: string[], options: { npm?: boolean; allowHosts?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    FETCH_ALLOW_HOSTS: options.allowHosts ?? [ORIGIN_NAME, CANARY_NAME].join(','),
    [FAKE_HOSTS_ENV]: JSON.stringify(hosts satisfies FakeHosts),
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    LOG_LEVEL: 'silent',
  };
  // Through npm only literal addresses are tried: the fake resolver is loaded by the direct form.
  const [file, argv] = options.npm
    ? ['npm', ['run', '--silent', 'cli', '--', 'preview-source', ...args]]
    : [process.execPath, ['--import', 'tsx', '--import', './tests/support/fake-dns.preload.ts', 'src/cli/main.ts', 'preview-source', ...args]];
  return new Promise((resolve) => {
    execFile(file, argv, { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('every loopback notation, as URL, redirect target and DNS answer, leaves the canary untouched', () => {
  it('the preview-source CLI (npm run cli, as the issue reproduced it)', async () => {
    canary.reset();
    for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]']) {
      const { code, stdout, stderr } = await cli(['--type', 'rss', '--url', `http://${host}:${canary.port}/feed`], { npm: true });
      expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
      expect(stderr).toMatch(new RegExp(`^langnghe: preview-source: ${REFUSED.source}`));
    }
    expectCanaryUntouched();
    // The control, literal too: 127.0.0.1 allowed by the administrator.
    const control = await cli(['--type', 'rss', '--url', `http://127.0.0.1:${canary.port}/control/npm`], { npm: true, allowHosts: '127.0.0.1' });
    expect(control.code).toBe(0);
    expectCanaryReached('/control/npm');
  }, 120_000);

  it('the preview-source CLI process: the sample (URLs, DNS answers, redirect targets)', async () => {
    // A process costs seconds of CPU: every case goes through the same use case in-process below.
    canary.reset();
    const picked = cases.filter((c) => SAMPLE_CASES.has(c.id));
    expect(picked).toHaveLength(SAMPLE_CASES.size);
    const wrong = await forEachCase(picked, async (c, i) => {
      const { code, stdout, stderr } = await cli(['--type', 'rss', '--url', c.url(`/cli/${i}`)]);
      return code === 1 && stdout === '' && stderr.startsWith('langnghe: preview-source: refused:') ? stderr : `exit ${code}: ${stderr}${stdout}`;
    }, 2);
    expect(wrong).toEqual([]);
    expectCanaryUntouched();
    const control = await cli(['--type', 'rss', '--url', `http://${CANARY_NAME}:${canary.port}/control/cli`]);
    expect(control.code).toBe(0);
    expectCanaryReached('/control/cli');
  }, 300_000);

  it('the preview-source use case (the CLI and the "add source" preview run it), every case', async () => {
    canary.reset();
    const wrong = await forEachCase(cases, async (c, i) => {
      const rss = await collectPreview(services.config, { type: 'rss', url: c.url(`/preview/${i}`) }).then((posts) => `${posts.length} posts`, (e: Error) => e.message);
      return rss;
    });
    expect(wrong).toEqual([]);
    expectCanaryUntouched();
    await collectPreview(services.config, { type: 'rss', url: `http://${CANARY_NAME}:${canary.port}/control/preview` });
    expectCanaryReached('/control/preview');
  }, 300_000);

  it('a scheduled RSS collect (the worker, on its own schedule), every case', async () => {
    canary.reset();
    const ids = new Map<string, Case>();
    for (const [i, c] of cases.entries()) ids.set((await upsertSource(context.db, { name: `rss ${i}`, type: 'rss', config: { url: c.url(`/rss/${i}`) }, intervalSeconds: 3600 })).id, c);
    const control = await upsertSource(context.db, { name: 'control', type: 'rss', config: { url: `http://${CANARY_NAME}:${canary.port}/control/rss` }, intervalSeconds: 3600 });
    let pool: RunningWorkerPool | undefined = await startWorkerPool(context); // schedules every source; first runs start within seconds
    try {
      const rows = await waitFor(async () => {
        const all = await context.db.selectFrom('sources').select(['id', 'last_error', 'health', 'last_success_at']).where('type', '=', 'rss').execute();
        return all.every((r) => r.last_error || r.last_success_at) ? all : undefined;
      }, 120_000, 'every RSS source run once');
      await pool.close();
      pool = undefined;
      const wrong = rows.filter((r) => ids.has(r.id) && !REFUSED.test(r.last_error ?? '')).map((r) => `${ids.get(r.id)!.id}: ${r.last_error ?? 'collected'}`);
      expect(wrong).toEqual([]);
      expect(rows.find((r) => r.id === control.id)).toMatchObject({ last_error: null, health: 'ok' });
    } finally {
      await pool?.close();
    }
    expect(canary.requests.filter((r) => !r.includes('/control/'))).toEqual([]);
    expectCanaryReached('/control/rss');
    expect(canary.connections).toBe(canary.requests.length); // one connection per request: none but the control's
  }, 180_000);

  it('a web-page source in Chromium: the page at every case', async () => {
    canary.reset();
    const ctx = collectContextFrom(services.config);
    const wrong = await forEachCase(cases, async (c, i) => {
      const config = webConfigSchema.parse({ url: c.url(`/web/${i}`), selectors: { item: '.x' } });
      const outcome = await webCollector.collect(config, {}, ctx);
      return `collected ${outcome.items.length} items`;
    }, 4);
    expect(wrong).toEqual([]);
    expectCanaryUntouched();
  }, 300_000);

  it('a web-page source in Chromium: every request the page makes, of every kind, to every case', async () => {
    canary.reset();
    const config = webConfigSchema.parse({ url: `${originBase}/page`, selectors: { item: '.done' } });
    const outcome = await webCollector.collect(config, {}, collectContextFrom(services.config));
    expect(outcome.items.map((i) => i.body)).toEqual(['Đã thử mọi yêu cầu']); // the page ran all its requests
    // Each case was asked for by fetch, XHR, EventSource, a script, a stylesheet…: each refused by the guard.
    expect(outcome.skipped['requests refused (private address or error)']).toBeGreaterThanOrEqual(cases.length * 5);
    expectCanaryUntouched();

    // The same guarded page the collector and evidence use, with the reason of each refusal: the guard's,
    // never a failed connection (an address the guard let through that happens not to route here).
    const refusals = newRefusals();
    const browser = await sharedBrowser.get(CHROMIUM_PATH);
    const guarded = await openGuardedContext(browser, services.config.FETCH_ALLOW_HOSTS, refusals);
    try {
      const tab = await guarded.newPage();
      await gotoGuarded(tab, `${originBase}/page?sample=1`, refusals, 60_000);
      await tab.waitForSelector('.done', { state: 'attached', timeout: 60_000 });
    } finally {
      await guarded.close();
    }
    const sample = cases.filter((c) => SAMPLE_CASES.has(c.id));
    for (const [i, c] of sample.entries()) {
      // As the page asks (the path after the case's URL), as Chromium writes it (0x7f.1 is 127.0.0.1).
      for (const kind of ['fetch', 'xhr', 'sse', 'js', 'css', 'frame', 'worker']) expect(refusals.all.has(new URL(`${c.url('')}/${kind}/${i}`).href), `${c.id} ${kind}`).toBe(true);
    }
    expect([...refusals.all.values()].filter((reason) => !REFUSED.test(reason))).toEqual([]);
    expectCanaryUntouched();

    await webCollector.collect(webConfigSchema.parse({ url: `http://${CANARY_NAME}:${canary.port}/control/web`, selectors: { item: 'item' } }), {}, collectContextFrom(services.config));
    expectCanaryReached('/control/web');
  }, 300_000);

  const reported: { c: Case; postId: string; incidentId: string }[] = [];
  const report = async (url: string, text: string) => {
    const response = await app.request('/api/reports', {
      method: 'POST',
      headers: { authorization: `Bearer ${collaborator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url, text }),
    });
    return { status: response.status, body: (await response.json()) as { post_id: string; incident_id: string | null } };
  };

  it('a manual report (POST /api/reports), every case', async () => {
    canary.reset();
    const wrong = await forEachCase(cases, async (c, i) => {
      const { status, body } = await report(c.url(`/report/${i}`), `${COMPLAINT} (${i})`);
      if (status !== 201) return `HTTP ${status}`;
      const post = await context.db.selectFrom('posts').select('raw').where('id', '=', body.post_id).executeTakeFirstOrThrow();
      if (body.incident_id) reported.push({ c, postId: body.post_id, incidentId: body.incident_id });
      return String((post.raw as { preview?: { error?: string } }).preview?.error);
    });
    expect(wrong).toEqual([]);
    expect(reported).toHaveLength(cases.length); // each opened or joined an incident: evidence is captured below
    expectCanaryUntouched();
    await report(`http://${CANARY_NAME}:${canary.port}/control/report`, `${COMPLAINT} (control)`);
    expectCanaryReached('/control/report');
  }, 300_000);

  it('an evidence capture in Chromium: the reported page (the sample), and a page making every kind of request to the sample', async () => {
    // Evidence navigates with the web collector's guarded page (every case above): a sample here.
    canary.reset();
    const wrong: string[] = [];
    for (const r of reported.filter((x) => SAMPLE_CASES.has(x.c.id))) {
      const outcome = await captureEvidence(context, { incidentId: r.incidentId, postId: r.postId });
      const failure = outcome.failures.find((f) => f.kind === 'screenshot');
      if (!failure || !REFUSED.test(failure.error) || failure.retryable) wrong.push(`${r.c.id}: ${JSON.stringify(outcome.failures)}`);
    }
    expect(wrong).toEqual([]);
    expectCanaryUntouched();

    // Evidence loads images too: every kind of request of the page (to the sample), refused; the page captured.
    const page = await report(`${originBase}/page?sample=1`, `${COMPLAINT} (trang)`);
    const captured = await captureEvidence(context, { incidentId: page.body.incident_id!, postId: page.body.post_id });
    expect(captured).toMatchObject({ status: 'captured', captured: expect.arrayContaining(['screenshot', 'html']) });
    expectCanaryUntouched();

    const control = await report(`http://${CANARY_NAME}:${canary.port}/control/evidence`, `${COMPLAINT} (control evidence)`);
    canary.reset();
    await captureEvidence(context, { incidentId: control.body.incident_id!, postId: control.body.post_id });
    expectCanaryReached('/control/evidence'); // Chromium through the guard, to an allowed name
  }, 300_000);

  it('a webhook channel ("send test"), every case', async () => {
    canary.reset();
    const wrong = await forEachCase(cases, async (c, i) => {
      const { channelId } = await createChannelWithRule(context.db, services.config.SECRET_KEY, { type: 'webhook', name: `hook ${i}`, config: { url: c.url(`/hook/${i}`), secret: 'webhook-secret-0123456789' } });
      const [result] = await sendTestAlert(context, channelId);
      return result?.status === 'failed' ? String(result.error) : `status ${result?.status}`;
    }, 8, refusedOrNotFollowed);
    expect(wrong).toEqual([]);
    expectCanaryUntouched();
    const { channelId } = await createChannelWithRule(context.db, services.config.SECRET_KEY, { type: 'webhook', name: 'control', config: { url: `http://${CANARY_NAME}:${canary.port}/control/hook`, secret: 'webhook-secret-0123456789' } });
    expect((await sendTestAlert(context, channelId))[0]).toMatchObject({ status: 'sent' });
    expectCanaryReached('/control/hook');
  }, 120_000);

  it('the Telegram and Zalo API base URLs and the Graph API base URL, every case', async () => {
    canary.reset();
    const ctx = collectContextFrom(services.config);
    const channel = (type: 'telegram' | 'zalo', baseUrl: string) =>
      buildChannel({ ...services.config, TELEGRAM_API_URL: baseUrl, ZALO_API_URL: baseUrl }, { id: '1', type, config: { token: 'tok', chat_id: '1', user_id: '1' } }).channel;
    const wrong = await forEachCase(cases, async (c, i) => {
      const telegram = await channel('telegram', c.url(`/tg/${i}`)).send(message, '1').then(() => 'sent', (e: Error) => e.message);
      const zalo = await channel('zalo', c.url(`/zalo/${i}`)).send(message, '1').then(() => 'sent', (e: Error) => e.message);
      const graph = await facebookCollector
        .collect(facebookConfigSchema.parse({ pageId: '42', token: 'tok', graphUrl: c.url(`/graph/${i}`) }), {}, ctx)
        .then(() => 'collected', (e: Error) => e.message);
      return refusedOrNotFollowed(c, telegram) && refusedOrNotFollowed(c, zalo) && refused(c, graph) ? telegram : `telegram: ${telegram}; zalo: ${zalo}; graph: ${graph}`;
    }, 8, refusedOrNotFollowed);
    expect(wrong).toEqual([]);
    expectCanaryUntouched();
    await channel('telegram', `http://${CANARY_NAME}:${canary.port}/control/tg`).send(message, '1');
    await channel('zalo', `http://${CANARY_NAME}:${canary.port}/control/zalo`).send(message, '1');
    await facebookCollector.collect(facebookConfigSchema.parse({ pageId: '42', token: 'tok', graphUrl: `http://${CANARY_NAME}:${canary.port}/control/graph` }), {}, ctx).catch(() => undefined);
    for (const tag of ['/control/tg', '/control/zalo', '/control/graph']) expectCanaryReached(tag);
  }, 120_000);

  it('an e-mail channel: every loopback SMTP host is refused; an allowed name is dialled at the address it was checked at', async () => {
    canary.reset();
    const allowHosts = services.config.FETCH_ALLOW_HOSTS;
    // smtp: URLs are not "special": their numeric hosts reach the resolver as written (inet_aton reads them).
    const smtpHosts = [...URL_HOSTS, ...DNS_ANSWERS.map((_, i) => `a${i}.dns.langnghe.test`)];
    const wrong: string[] = [];
    for (const host of smtpHosts) {
      const outcome = await emailChannel({ smtpUrl: `smtp://${host}:${canary.port}`, from: 'langnghe@xa.example' }, { allowHosts })
        .send(message, 'chutich@xa.example')
        .then(() => 'sent', (e: Error) => e.message);
      if (!REFUSED.test(outcome)) wrong.push(`${host}: ${outcome}`);
    }
    expect(wrong).toEqual([]);
    expectCanaryUntouched();
    // mail.langnghe.test exists only for dns.lookup: nodemailer, resolving it again by itself, would fail.
    await emailChannel({ smtpUrl: `smtp://${MAIL_NAME}:${smtpPort}`, from: 'langnghe@xa.example' }, { allowHosts }).send(message, 'chutich@xa.example');
    expect(mail).toEqual(['delivered']);
  }, 120_000);
});

describe('the harness', () => {
  it('the canary counts a bare TCP connection on each loopback address it holds', async () => {
    canary.reset();
    for (const host of ['127.0.0.1', '127.0.0.2', '::1']) {
      await new Promise<void>((resolve, reject) => net.connect(canary.port, host, function (this: net.Socket) { this.end(); resolve(); }).once('error', reject));
    }
    await waitFor(async () => (canary.connections === 3 ? true : undefined), 5_000, 'three connections');
  });
});
