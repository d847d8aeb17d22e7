// Evidence of an incident (issue 5, item 5): a post with a URL served by a local page (allow-listed
// 127.0.0.1) is captured by the real Chromium through the SSRF guard — screenshot, HTML snapshot,
// raw payload and text, stored under their sha256 — listed on the incident and served by the API.
// Refused URLs, server errors and a full disk are recorded and never touch the incident.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analysis/types.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { closeSharedBrowser } from '../src/collectors/web.collector.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { captureEvidence, EVIDENCE_AREA } from '../src/evidence/capture-evidence.js';
import { createApp, type App } from '../src/http/app.js';
import { correlateFlaggedPost } from '../src/incidents/correlate.js';
import { analyzePost } from '../src/posts/analyze-post.js';
import { jobIds } from '../src/queue/jobs.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { ContentStore, ContentStoreError, type StoredBlob } from '../src/storage/content-store.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { captureEvidenceJob } from '../workers/capture-evidence.job.js';
import { startWorkerPool } from '../workers/workers.js';
import { CHROMIUM_PATH } from './support/browser.js';
import { createTestServices, waitFor, type TestServices } from './support/services.js';

const RENDERED = 'Đoạn này do JavaScript hiển thị sau khi trang tải';
const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><title>Bài viết về thôn Nà Pài</title></head>
<body><h1>Dân thôn Nà Pài chưa được bồi thường</h1><p id="late"></p>
<script>setTimeout(() => { document.getElementById('late').textContent = ${JSON.stringify(RENDERED)}; }, 150);</script></body></html>`;

let services: TestServices;
let context: OpenedContext;
let app: App;
let server: http.Server;
let port: number;
let base: string;
let sourceId: string;
let collaborator: string;
let reviewer: string;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${req.headers.host?.split(':')[0]} ${url.pathname}`);
    if (url.pathname === '/article') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    if (url.pathname === '/broken') return void res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>500</h1>');
    if (url.pathname === '/gone') return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  services = await createTestServices('evidence', { FETCH_ALLOW_HOSTS: '127.0.0.1', WEB_POLITENESS_MS: '0', WEB_NAV_TIMEOUT_MS: '8000', CHROMIUM_PATH });
  context = await openContext(services.config);
  app = createApp(context);
  await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: ['xã Phủ Thông'], places: ['thôn Nà Pài'] });
  sourceId = (await upsertSource(context.db, { name: 'Báo cáo', type: 'manual', config: {} })).id;
  const user = await upsertUser(context.db, { username: 'ctv1', displayName: 'CTV 1', password: 'mat-khau-dai-du', role: 'collaborator' });
  collaborator = (await createApiToken(context.db, { name: 'ctv1', role: 'collaborator', userId: user.id })).token;
  reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
});
afterAll(async () => {
  await closeSharedBrowser();
  await context?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await services?.cleanup();
});

let seq = 0;
async function insertPost(url: string | null, body: string) {
  seq++;
  return context.db
    .insertInto('posts')
    .values({
      source_id: sourceId,
      external_id: `e${seq}`,
      url,
      canonical_url: url,
      title: null,
      body,
      content_hash: `h${seq}`,
      raw: JSON.stringify({ kind: 'test', link: url, seq, note: 'bản gốc từ nguồn' }),
    })
    .returning(['id', 'canonical_url', 'title', 'body'])
    .executeTakeFirstOrThrow();
}

const flagged: Analysis = {
  flag: true,
  categories: ['tin_sai_su_that'],
  about: true,
  sentiment: { label: 'negative', score: -0.5 },
  offensive: false,
  severity: 'high',
  matches: [],
};

/** A post in an incident of its own (filed by correlation with a given analysis). */
async function openIncident(url: string | null, body: string) {
  const post = await insertPost(url, body);
  const result = await context.db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged }));
  return { postId: post.id, incidentId: result!.incidentId };
}

const incidentState = (id: string) =>
  context.db.selectFrom('incidents').select(['status', 'version', 'severity', 'ack_due_at', 'resolve_due_at']).where('id', '=', id).executeTakeFirstOrThrow();
const eventTypes = async (id: string) =>
  (await context.db.selectFrom('incident_events').select('type').where('incident_id', '=', id).orderBy('id').execute()).map((e) => e.type);
const evidenceOf = (postId: string) => context.db.selectFrom('evidence').selectAll().where('post_id', '=', postId).orderBy('id').execute();
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const blobPath = (sha: string) => path.join(services.config.DATA_DIR, EVIDENCE_AREA, sha.slice(0, 2), sha.slice(2, 4), sha);

const call = (token: string | null, method: string, url: string, body?: unknown) =>
  app.request(url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('evidence capture', () => {
  let incidentId: string;
  let postId: string;

  it('is enqueued after the analysis commits and captures the four kinds through the worker', async () => {
    const text = 'Bà con thôn Nà Pài, xã Phủ Thông phản ánh đã hơn một năm vẫn chưa được bồi thường tiền đất bị thu hồi làm đường, đề nghị chính quyền xã giải quyết sớm.';
    const post = await insertPost(`${base}/article`, text);
    const result = await analyzePost(context, post.id);
    expect(result.incidentId).not.toBeNull();
    incidentId = result.incidentId!;
    postId = post.id;
    const job = await context.queues.queue('evidence').getJob(jobIds.captureEvidence(incidentId, postId));
    expect(job?.data).toEqual({ incidentId, postId });

    seen.length = 0;
    const pool = await startWorkerPool(context);
    try {
      await waitFor(async () => ((await evidenceOf(postId)).length >= 4 ? true : undefined), 45_000, 'four evidence rows');
    } finally {
      await pool.close();
    }
    const rows = await evidenceOf(postId);
    expect(rows.map((r) => r.kind).sort()).toEqual(['html', 'raw', 'screenshot', 'text']);
    for (const row of rows) {
      expect(row).toMatchObject({ incident_id: incidentId, error: null });
      const stored = await readFile(blobPath(row.sha256!));
      expect(sha256(stored)).toBe(row.sha256);
      expect(stored.length).toBe(row.bytes);
      expect(row.captured_at).toBeInstanceOf(Date);
    }
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]));
    const screenshot = await readFile(blobPath(byKind.screenshot!.sha256!));
    expect(screenshot.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(byKind.screenshot).toMatchObject({ content_type: 'image/png', source_url: `${base}/article` });
    // The snapshot is the page as rendered (after its script ran), not the bytes served.
    const html = (await readFile(blobPath(byKind.html!.sha256!))).toString('utf8');
    expect(html).toContain(RENDERED);
    expect(html).toContain('Bài viết về thôn Nà Pài');
    expect(JSON.parse((await readFile(blobPath(byKind.raw!.sha256!))).toString('utf8'))).toMatchObject({ kind: 'test', link: `${base}/article` });
    expect((await readFile(blobPath(byKind.text!.sha256!))).toString('utf8')).toBe(text);
    expect(seen).toContain('127.0.0.1 /article');
    // The incident itself is as correlation left it.
    expect(await eventTypes(incidentId)).toEqual(['created']);
  });

  it('records a refused URL without retrying it; the incident is unaffected', async () => {
    // localhost is not allow-listed: it resolves to a loopback address and the guard refuses it.
    const { incidentId: id, postId: post } = await openIncident(`http://localhost:${port}/article`, 'Tin đồn thất thiệt về cán bộ xã Phủ Thông trên mạng');
    const before = await incidentState(id);
    seen.length = 0;
    const outcome = await captureEvidence(context, { incidentId: id, postId: post });
    expect(outcome.status).toBe('incomplete');
    expect(outcome.captured.slice().sort()).toEqual(['raw', 'text']);
    expect(outcome.failures.map((f) => [f.kind, f.retryable])).toEqual([
      ['screenshot', false],
      ['html', false],
    ]);
    expect(outcome.failures[0]!.error).toMatch(/refused: localhost resolves to a private or reserved address/);
    expect(seen.filter((s) => s.startsWith('localhost'))).toEqual([]);
    const rows = await evidenceOf(post);
    expect(rows.filter((r) => r.error).map((r) => r.kind).sort()).toEqual(['html', 'screenshot']);
    expect(rows.filter((r) => r.error).every((r) => r.sha256 === null && r.bytes === null)).toBe(true);
    expect(await incidentState(id)).toEqual(before);
    expect(await eventTypes(id)).toEqual(['created']);
    // Not worth retrying: the job completes.
    await expect(captureEvidenceJob(context)({ incidentId: id, postId: post }, { timestamp: Date.now() } as Job)).resolves.toMatchObject({ status: 'incomplete' });
  });

  it('records a server error, and the job throws so that BullMQ retries it', async () => {
    const { incidentId: id, postId: post } = await openIncident(`${base}/broken`, 'Bài đăng xuyên tạc chủ trương của xã Phủ Thông về dự án đường');
    const before = await incidentState(id);
    const outcome = await captureEvidence(context, { incidentId: id, postId: post });
    expect(outcome.failures).toEqual([
      { kind: 'screenshot', error: 'page answered HTTP 500', retryable: true },
      { kind: 'html', error: 'page answered HTTP 500', retryable: true },
    ]);
    const started = Date.now();
    await expect(captureEvidenceJob(context)({ incidentId: id, postId: post }, { timestamp: started } as Job)).rejects.toThrow(
      /evidence incomplete: screenshot: page answered HTTP 500; html: page answered HTTP 500/,
    );
    const rows = await evidenceOf(post);
    // Each attempt is listed; the text and the raw payload are stored once (same content).
    expect(rows.filter((r) => r.error).length).toBe(4);
    expect(rows.filter((r) => !r.error).map((r) => r.kind).sort()).toEqual(['raw', 'text']);
    expect(await incidentState(id)).toEqual(before);

    // A 404 is recorded and not retried.
    const gone = await openIncident(`${base}/gone`, 'Video cắt ghép sai sự thật về lễ hội thôn Nà Pài');
    const goneOutcome = await captureEvidence(context, gone);
    expect(goneOutcome.failures.map((f) => [f.error, f.retryable])).toEqual([
      ['page answered HTTP 404', false],
      ['page answered HTTP 404', false],
    ]);
  });

  it('records a full disk or an unwritable store and goes on', async () => {
    const { incidentId: id, postId: post } = await openIncident(`${base}/article?v=disk`, 'Thông tin sai lệch về việc thu hồi đất ở xã Phủ Thông lan truyền trên Zalo');
    const before = await incidentState(id);
    class FullDisk extends ContentStore {
      override async put(): Promise<StoredBlob> {
        throw new ContentStoreError('could not store: ENOSPC: no space left on device, write', 'ENOSPC');
      }
    }
    const outcome = await captureEvidence({ ...context, store: new FullDisk('/nonexistent') }, { incidentId: id, postId: post });
    expect(outcome.captured).toEqual([]);
    expect(outcome.failures.map((f) => f.kind).sort()).toEqual(['html', 'raw', 'screenshot', 'text']);
    expect(outcome.failures.every((f) => f.retryable && f.error.startsWith('disk full (ENOSPC)'))).toBe(true);
    const rows = await evidenceOf(post);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.error?.startsWith('disk full (ENOSPC)') && r.sha256 === null)).toBe(true);
    expect(await incidentState(id)).toEqual(before);

    // A real failure of the file system: DATA_DIR is a file.
    const file = path.join(services.config.DATA_DIR, 'not-a-folder');
    await writeFile(file, 'x');
    const broken = await captureEvidence({ ...context, config: { ...context.config, DATA_DIR: file } }, { incidentId: id, postId: post });
    expect(broken.failures.map((f) => f.error)).toEqual(expect.arrayContaining([expect.stringMatching(/^storage failed \(ENOTDIR\)/)]));
    expect(await incidentState(id)).toEqual(before);
  });

  it('skips a post that is not a member of the incident', async () => {
    const stray = await insertPost(null, 'Không thuộc sự vụ nào');
    expect(await captureEvidence(context, { incidentId, postId: stray.id })).toMatchObject({ status: 'skipped', captured: [] });
    expect(await evidenceOf(stray.id)).toEqual([]);
  });

  it('captures text and raw of a post without a URL, without a browser', async () => {
    const { incidentId: id, postId: post } = await openIncident(null, 'Người dân truyền tay ảnh chụp màn hình tin sai về xã Phủ Thông');
    const outcome = await captureEvidence(context, { incidentId: id, postId: post });
    expect(outcome).toMatchObject({ status: 'captured', failures: [] });
    expect(outcome.captured.slice().sort()).toEqual(['raw', 'text']);
  });

  describe('API', () => {
    it('lists the evidence on the incident', async () => {
      const response = await call(reviewer, 'GET', `/api/incidents/${incidentId}`);
      expect(response.status).toBe(200);
      const incident = (await response.json()) as { evidence: { kind: string; sha256: string; bytes: number; post_id: string; captured_at: string; error: null; href: string }[] };
      expect(incident.evidence.map((e) => e.kind).sort()).toEqual(['html', 'raw', 'screenshot', 'text']);
      for (const e of incident.evidence) {
        expect(e).toMatchObject({ post_id: postId, error: null, href: `/api/evidence/${e.sha256}` });
        expect(Date.parse(e.captured_at)).not.toBeNaN();
      }
    });

    it('serves each blob with a safe content type, to signed-in principals only', async () => {
      const rows = await evidenceOf(postId);
      const expected: Record<string, string> = {
        screenshot: 'image/png',
        html: 'text/plain; charset=utf-8',
        raw: 'application/json',
        text: 'text/plain; charset=utf-8',
      };
      for (const row of rows) {
        const response = await call(reviewer, 'GET', `/api/evidence/${row.sha256}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(expected[row.kind]);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        const disposition = response.headers.get('content-disposition');
        if (row.kind === 'html') expect(disposition).toMatch(/^attachment; filename="evidence-post\d+-[0-9a-f]{12}\.html"$/);
        else expect(disposition).toBeNull();
        expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(row.sha256);
      }
      const some = rows[0]!.sha256!;
      const anonymous = await call(null, 'GET', `/api/evidence/${some}`);
      expect(anonymous.status).toBe(401);
      expect((await call(reviewer, 'GET', '/api/evidence/not-a-hash')).status).toBe(400);
      expect((await call(reviewer, 'GET', `/api/evidence/${'0'.repeat(64)}`)).status).toBe(404);
    });

    it('captures again on demand (collaborator, admin), with an audit event', async () => {
      expect((await call(reviewer, 'POST', `/api/incidents/${incidentId}/evidence`, {})).status).toBe(403);
      expect((await call(null, 'POST', `/api/incidents/${incidentId}/evidence`, {})).status).toBe(401);
      expect((await call(collaborator, 'POST', '/api/incidents/999999/evidence', {})).status).toBe(404);
      expect((await call(collaborator, 'POST', `/api/incidents/${incidentId}/evidence`, { post_id: '999999' })).status).toBe(404);
      const response = await call(collaborator, 'POST', `/api/incidents/${incidentId}/evidence`);
      expect(response.status).toBe(202);
      const body = (await response.json()) as { post_ids: string[]; jobs: string[] };
      expect(body.post_ids).toEqual([postId]);
      const job = await context.queues.queue('evidence').getJob(body.jobs[0]!);
      expect(job?.data).toEqual({ incidentId, postId });
      expect(job?.opts.attempts).toBe(6);
      // The job id is the post's and a minute bucket: a double click is one job.
      expect(body.jobs[0]).toMatch(new RegExp(`^evidence-${incidentId}-${postId}-\\d+$`));
      const again = await call(collaborator, 'POST', `/api/incidents/${incidentId}/evidence`, { post_id: postId });
      expect(again.status).toBe(202);
      const events = await context.db.selectFrom('incident_events').select(['type', 'actor', 'after']).where('incident_id', '=', incidentId).orderBy('id').execute();
      expect(events.at(-1)).toMatchObject({ type: 'evidence_requested', actor: 'token:ctv1', after: { post_ids: [postId] } });
    });
  });
});
