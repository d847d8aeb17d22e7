// Issue 9, item 6: the retention job purges the content of old posts in no incident and of old
// dismissed incidents' posts (with their evidence files), keeps every count the reports read, and
// does nothing the second time; forget-post deletes one post's content on request. Real Postgres,
// real files under the test's DATA_DIR, the CLI as a child process.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { recordEvidence } from '../src/evidence/evidence.repository.js';
import { createApp } from '../src/http/app.js';
import { purgeExpiredContent, forgetPost, findPostsToForget, EVIDENCE_STORE_AREA, UPLOADS_STORE_AREA } from '../src/retention/purge.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { ContentStore } from '../src/storage/content-store.js';
import { upsertUser } from '../src/users/user.repository.js';
import { retentionPurgeJob } from '../workers/retention.job.js';
import type { Job } from 'bullmq';
import { signInForm } from './support/http-session.js';
import { createTestServices, type TestServices } from './support/services.js';

const DAY = 86_400_000;
const NOW = new Date();
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

let services: TestServices;
let context: OpenedContext;
let sourceId: string;
let evidenceStore: ContentStore;
let uploadStore: ContentStore;

beforeAll(async () => {
  services = await createTestServices('retention');
  context = await openContext(services.config);
  sourceId = (await upsertSource(context.db, { name: 'Fanpage thử', type: 'manual', config: {} })).id;
  evidenceStore = ContentStore.forDataDir(services.config.DATA_DIR, EVIDENCE_STORE_AREA);
  uploadStore = ContentStore.forDataDir(services.config.DATA_DIR, UPLOADS_STORE_AREA);
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

let seq = 0;
async function insertPost(options: { collectedAt: Date; title?: string; body?: string; raw?: Record<string, unknown>; url?: string }) {
  seq += 1;
  const post = await context.db
    .insertInto('posts')
    .values({
      source_id: sourceId,
      external_id: `p${seq}`,
      url: options.url ?? `https://facebook.com/nguoidan${seq}/posts/${seq}`,
      canonical_url: options.url ?? `https://facebook.com/nguoidan${seq}/posts/${seq}`,
      title: options.title ?? null,
      body: options.body ?? `Bài ${seq}: rác thải đổ trộm ở thôn Nà Pài, ông Nguyễn Văn A phản ánh`,
      author_hash: `author-${seq}`,
      content_hash: `hash-${seq}`,
      collected_at: options.collectedAt,
      raw: JSON.stringify(options.raw ?? { message: 'raw text', from: { name: 'Nguyễn Văn A' } }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await context.db
    .insertInto('analyses')
    .values({
      post_id: post.id,
      flag: true,
      categories: ['moi_truong'],
      about: true,
      sentiment_label: 'negative',
      sentiment_score: -0.6,
      offensive: false,
      severity: 'medium',
      matches: JSON.stringify([{ rule: 'rac-thai', category: 'moi_truong', start: 6, end: 14, text: 'rác thải' }]),
    })
    .execute();
  return post.id;
}

async function insertIncident(options: { status?: 'new' | 'dismissed'; dismissedAt?: Date; title?: string }) {
  const row = await context.db
    .insertInto('incidents')
    .values({
      title: options.title ?? `Vụ việc ${++seq}`,
      category: 'moi_truong',
      severity: 'medium',
      status: options.status ?? 'new',
      detected_at: daysAgo(300),
      ...(options.status === 'dismissed' ? { dismissed_at: options.dismissedAt ?? daysAgo(1), dismiss_reason: 'false_positive' } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function link(incidentId: string, postId: string, addedAt = daysAgo(250)) {
  await context.db.insertInto('incident_posts').values({ incident_id: incidentId, post_id: postId, reason: 'opened', added_at: addedAt }).execute();
}

async function evidenceOf(incidentId: string, postId: string, kind: 'text' | 'raw' | 'html', content: string) {
  const blob = await evidenceStore.put(Buffer.from(content, 'utf8'));
  await recordEvidence(context.db, { incidentId, postId, kind, capturedAt: daysAgo(250), blob: { sha256: blob.sha256, bytes: blob.bytes, contentType: 'text/plain' } });
  return blob.sha256;
}

const post = (id: string) => context.db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const analysis = (id: string) => context.db.selectFrom('analyses').selectAll().where('post_id', '=', id).executeTakeFirstOrThrow();
const reportCounts = async () => ({
  facts: await context.db.selectFrom('incident_facts').select(['id', 'category', 'severity', 'status', 'sla_outcome', 'dismissed_at']).orderBy('id').execute(),
  analyses: (
    await sql<{ category: string; sentiment_label: string; severity: string | null; n: string }>`
      SELECT c AS category, sentiment_label, severity, count(*) AS n FROM analyses, unnest(categories) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(context.db)
  ).rows,
  members: (await sql<{ n: string }>`SELECT count(*) AS n FROM incident_posts`.execute(context.db)).rows[0]!.n,
});

describe('retention job', () => {
  const ids: Record<string, string> = {};
  const blobs: Record<string, string> = {};

  beforeAll(async () => {
    const screenshot = await uploadStore.put(Buffer.from('fake png of a reported screenshot'));
    blobs.upload = screenshot.sha256;
    ids.oldUnlinked = await insertPost({ collectedAt: daysAgo(100), title: 'Tiêu đề riêng tư', raw: { screenshot: { sha256: screenshot.sha256 } } });
    ids.oldUnlinked2 = await insertPost({ collectedAt: daysAgo(95) });
    ids.oldUnlinked3 = await insertPost({ collectedAt: daysAgo(91) });
    ids.recentUnlinked = await insertPost({ collectedAt: daysAgo(10) });

    ids.openIncident = await insertIncident({});
    ids.openPost = await insertPost({ collectedAt: daysAgo(300) });
    await link(ids.openIncident, ids.openPost);
    blobs.shared = await evidenceOf(ids.openIncident, ids.openPost, 'html', '<p>same page captured twice</p>');
    blobs.openText = await evidenceOf(ids.openIncident, ids.openPost, 'text', 'text of the open incident post');

    ids.oldDismissed = await insertIncident({ status: 'dismissed', dismissedAt: daysAgo(200), title: 'Bài 99: rác thải' });
    ids.oldDismissedPost = await insertPost({ collectedAt: daysAgo(210) });
    await link(ids.oldDismissed, ids.oldDismissedPost);
    blobs.dismissedText = await evidenceOf(ids.oldDismissed, ids.oldDismissedPost, 'text', 'text of the dismissed incident post');
    await evidenceOf(ids.oldDismissed, ids.oldDismissedPost, 'html', '<p>same page captured twice</p>');

    ids.recentDismissed = await insertIncident({ status: 'dismissed', dismissedAt: daysAgo(30) });
    ids.recentDismissedPost = await insertPost({ collectedAt: daysAgo(200) });
    await link(ids.recentDismissed, ids.recentDismissedPost);
  });

  it('purges old unlinked posts and old dismissed incidents, keeps the rest and every count', async () => {
    const before = await reportCounts();
    // Batches of 2: the three old unlinked posts take two statements.
    const outcome = await purgeExpiredContent(
      { db: context.db, dataDir: services.config.DATA_DIR },
      { unlinkedPostDays: 90, dismissedDays: 180, now: NOW, batchSize: 2 },
    );
    expect(outcome).toEqual({ unlinkedPosts: 3, dismissedPosts: 1, incidents: 1, evidenceRows: 2, filesDeleted: 2 });

    for (const id of [ids.oldUnlinked!, ids.oldUnlinked2!, ids.oldUnlinked3!]) {
      const purged = await post(id);
      expect(purged).toMatchObject({ title: null, body: '', raw: {}, author_hash: null, purge_reason: 'retention_unlinked' });
      expect(purged.content_purged_at).toBeInstanceOf(Date);
      // The tombstone keeps what stops a second collection, and the analysis keeps its counts.
      expect(purged.external_id).toMatch(/^p\d+$/);
      const kept = await analysis(id);
      expect(kept).toMatchObject({ categories: ['moi_truong'], sentiment_label: 'negative', severity: 'medium', flag: true });
      expect(kept.matches).toEqual([{ rule: 'rac-thai', category: 'moi_truong', start: 6, end: 14 }]);
    }
    expect(await uploadStore.get(blobs.upload!)).toBeUndefined();

    const recent = await post(ids.recentUnlinked!);
    expect(recent.content_purged_at).toBeNull();
    expect(recent.body).toContain('rác thải');

    const open = await post(ids.openPost!);
    expect(open.content_purged_at).toBeNull();
    expect(open.raw).toEqual({ message: 'raw text', from: { name: 'Nguyễn Văn A' } });
    expect(await evidenceStore.get(blobs.openText!)).toBeDefined();
    // Shared with the open incident's evidence: the file stays.
    expect(await evidenceStore.get(blobs.shared!)).toBeDefined();

    const dismissed = await post(ids.oldDismissedPost!);
    expect(dismissed).toMatchObject({ body: '', raw: {}, purge_reason: 'retention_dismissed' });
    expect(await context.db.selectFrom('evidence').select('id').where('post_id', '=', ids.oldDismissedPost!).execute()).toEqual([]);
    expect(await evidenceStore.get(blobs.dismissedText!)).toBeUndefined();
    const dismissedIncident = await context.db.selectFrom('incidents').selectAll().where('id', '=', ids.oldDismissed!).executeTakeFirstOrThrow();
    expect(dismissedIncident.title).toBe(`#${ids.oldDismissed}`);
    expect(dismissedIncident.content_purged_at).toBeInstanceOf(Date);
    expect(dismissedIncident.status).toBe('dismissed');

    const recentDismissed = await post(ids.recentDismissedPost!);
    expect(recentDismissed.content_purged_at).toBeNull();

    expect(await reportCounts()).toEqual(before);
  });

  it('runs as the scheduled job with the configured days (90 and 180 by default)', async () => {
    expect(services.config).toMatchObject({ RETENTION_UNLINKED_POST_DAYS: 90, RETENTION_DISMISSED_DAYS: 180 });
    const due = await insertPost({ collectedAt: daysAgo(120) });
    const notDue = await insertPost({ collectedAt: daysAgo(60) });
    const outcome = await retentionPurgeJob(context)({}, {} as Job);
    expect(outcome).toMatchObject({ unlinkedPosts: 1, dismissedPosts: 0 });
    expect((await post(due)).purge_reason).toBe('retention_unlinked');
    expect((await post(notDue)).content_purged_at).toBeNull();
  });

  it('does nothing the second time', async () => {
    const again = await purgeExpiredContent({ db: context.db, dataDir: services.config.DATA_DIR }, { unlinkedPostDays: 90, dismissedDays: 180, now: NOW });
    expect(again).toEqual({ unlinkedPosts: 0, dismissedPosts: 0, incidents: 0, evidenceRows: 0, filesDeleted: 0 });
  });

  it('shows a purged post as purged on the incident page', async () => {
    await upsertUser(context.db, { username: 'bxd', displayName: 'BXD', password: 'mat-khau-dai-du', role: 'reviewer' });
    const app = createApp(context);
    const { cookie } = await signInForm(app, 'bxd', 'mat-khau-dai-du');
    const response = await app.request(`/incidents/${ids.oldDismissed}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Nội dung đã được xoá theo chính sách lưu trữ');
    expect(html).toContain(`Vụ việc #${ids.oldDismissed}`);
    const json = (await (await app.request(`/api/incidents/${ids.oldDismissed}`, { headers: { cookie } })).json()) as { posts: { body: string; content_purged_at: string | null }[] };
    expect(json.posts).toEqual([expect.objectContaining({ body: '', content_purged_at: expect.any(String) })]);
  });
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { config } = services;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'forget-post', ...args],
      {
        env: { ...process.env, DATABASE_URL: config.DATABASE_URL, REDIS_URL: config.REDIS_URL, DATA_DIR: config.DATA_DIR, QUEUE_PREFIX: config.QUEUE_PREFIX, SECRET_KEY: config.SECRET_KEY, LOG_LEVEL: 'silent' },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('forget-post', () => {
  it('deletes one post of an open incident on request, keeps a tombstone and an audit record', async () => {
    const incidentId = await insertIncident({ title: 'Ông Nguyễn Văn A tố cáo cán bộ thôn' });
    const forgotten = await insertPost({ collectedAt: daysAgo(2), body: 'Ông Nguyễn Văn A tố cáo cán bộ thôn' });
    const other = await insertPost({ collectedAt: daysAgo(1), body: 'Bà con thôn Nà Pài bàn tán về vụ việc' });
    await link(incidentId, forgotten, daysAgo(2));
    await link(incidentId, other, daysAgo(1));
    const text = await evidenceOf(incidentId, forgotten, 'text', 'Ông Nguyễn Văn A tố cáo cán bộ thôn (evidence)');
    const otherText = await evidenceOf(incidentId, other, 'text', 'Bà con thôn Nà Pài (evidence)');

    const { code, stdout, stderr } = await cli([forgotten, '--reason', 'yêu cầu của người đăng', '--by', 'can-bo-xa']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`post ${forgotten} forgotten\n`);

    expect(await post(forgotten)).toMatchObject({ title: null, body: '', raw: {}, url: null, canonical_url: null, author_hash: null, purge_reason: 'request' });
    expect(await context.db.selectFrom('evidence').select('id').where('post_id', '=', forgotten).execute()).toEqual([]);
    expect(await evidenceStore.get(text)).toBeUndefined();
    expect(await evidenceStore.get(otherText)).toBeDefined();
    // Still a member (the incident's counts stand), and the incident no longer shows its words.
    expect(await context.db.selectFrom('incident_posts').select('post_id').where('incident_id', '=', incidentId).orderBy('post_id').execute()).toHaveLength(2);
    const incident = await context.db.selectFrom('incidents').select(['title', 'content_purged_at']).where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(incident).toEqual({ title: 'Bà con thôn Nà Pài bàn tán về vụ việc', content_purged_at: null });
    const audit = await context.db.selectFrom('post_erasures').selectAll().where('post_id', '=', forgotten).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ requested_by: 'can-bo-xa', reason: 'yêu cầu của người đăng', files_deleted: 1 });
    // The audit trail of erasures cannot be rewritten.
    await expect(context.db.deleteFrom('post_erasures').execute()).rejects.toThrow(/append-only/);
  });

  it('finds the post by URL, and says so when there is none', async () => {
    const id = await insertPost({ collectedAt: daysAgo(3), url: 'https://vnexpress.net/bai-viet-123.html' });
    expect(await findPostsToForget(context.db, { url: 'https://vnexpress.net/bai-viet-123.html' })).toEqual([id]);
    const { code, stdout } = await cli(['--url', 'https://vnexpress.net/bai-viet-123.html']);
    expect(code).toBe(0);
    expect(stdout).toBe(`post ${id} forgotten\n`);
    expect((await post(id)).purge_reason).toBe('request');

    const missing = await cli(['999999']);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('no post 999999');
    const usage = await cli([]);
    expect(usage.code).toBe(64);
  });

  it('forgetting twice is harmless', async () => {
    const id = await insertPost({ collectedAt: daysAgo(3) });
    const first = await forgetPost({ db: context.db, dataDir: services.config.DATA_DIR }, id, { requestedBy: 'test' });
    const second = await forgetPost({ db: context.db, dataDir: services.config.DATA_DIR }, id, { requestedBy: 'test' });
    expect(first).toMatchObject({ postId: id, incidentId: null, filesDeleted: 0 });
    expect(second).toMatchObject({ postId: id, evidenceRows: 0, filesDeleted: 0 });
    expect(await forgetPost({ db: context.db, dataDir: services.config.DATA_DIR }, '999998', { requestedBy: 'test' })).toBeUndefined();
  });
});
