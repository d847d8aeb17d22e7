// Issue 13, labelled examples from triage: each decision of the workflow becomes the example of
// every member post (resolve, false positive, out of scope, reclassify), a reopen takes the
// closing one back, other dismissals teach nothing, purged or forgotten text is never kept;
// `examples-import` through the real CLI; the admin API lists and deletes.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { fileMissedPost } from '../src/incidents/manual-filing.js';
import { changeStatus, reclassifyIncident, type Actor } from '../src/incidents/workflow.js';
import { postText } from '../src/posts/post-text.js';
import { forgetPost, purgeExpiredContent } from '../src/retention/purge.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { runCli } from './support/cli.js';
import { signInForm } from './support/http-session.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let app: App;
let sourceId: string;
const tokens = { admin: '', collaborator: '', reviewer: '' };
const mai: Actor = { name: 'mai', userId: null };

beforeAll(async () => {
  services = await createTestServices('training_examples');
  context = await openContext(services.config);
  app = createApp(context);
  const qt = await upsertUser(context.db, { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-dai-du', role: 'admin' });
  tokens.admin = (await createApiToken(context.db, { name: 'quantri', role: 'admin', userId: qt.id })).token;
  tokens.collaborator = (await createApiToken(context.db, { name: 'ctv', role: 'collaborator' })).token;
  tokens.reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  sourceId = (await context.db.insertInto('sources').values({ name: 'Nhóm Zalo thôn', type: 'manual', config: '{}', fetch_state: '{}' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

let seq = 0;
interface PostSpec {
  readonly title?: string | null;
  readonly body: string;
  readonly purged?: boolean;
}

/** An incident of `category` with these member posts (a purged one keeps no text). */
async function incidentWith(category: string, posts: readonly PostSpec[]) {
  const incident = await context.db.insertInto('incidents').values({ title: 'Vụ việc thử', category, severity: 'high' }).returning('id').executeTakeFirstOrThrow();
  const postIds: string[] = [];
  for (const spec of posts) {
    seq++;
    const row = await context.db
      .insertInto('posts')
      .values({
        source_id: sourceId,
        external_id: `p${seq}`,
        title: spec.title ?? null,
        body: spec.purged ? '' : spec.body,
        content_hash: `h${seq}`,
        raw: '{}',
        ...(spec.purged ? { content_purged_at: new Date(), purge_reason: 'request' } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await context.db.insertInto('incident_posts').values({ incident_id: incident.id, post_id: row.id, reason: postIds.length ? 'near_duplicate' : 'opened' }).execute();
    postIds.push(row.id);
  }
  return { id: incident.id, postIds };
}

const examplesOf = (incidentId: string) =>
  context.db.selectFrom('training_examples').selectAll().where('incident_id', '=', incidentId).orderBy('post_id').execute();
const examplesOfPost = (postId: string) => context.db.selectFrom('training_examples').selectAll().where('post_id', '=', postId).execute();
const move = (incidentId: string, to: 'acknowledged' | 'in_progress' | 'resolved' | 'dismissed', reason?: string, note?: string) =>
  changeStatus(context.db, { incidentId, actor: mai, request: { to, ...(reason ? { reason } : {}), ...(note ? { note } : {}) } });

const COMPLAINT = { title: 'Chưa được bồi thường', body: 'Bà con thôn Nà Pài phản ánh đã hơn một năm chưa được bồi thường tiền đất làm đường.' };
const SAME_THREAD = { body: 'Nhà tôi cũng chưa nhận được tiền bồi thường, đề nghị xã trả lời.' };

describe('examples from triage decisions', () => {
  it('resolve: every member post is flagged with the incident’s category; a purged post gives none', async () => {
    const { id, postIds } = await incidentWith('phan_anh_kien_nghi', [COMPLAINT, SAME_THREAD, { body: 'đã xoá', purged: true }]);
    await move(id, 'acknowledged');
    expect(await examplesOf(id)).toEqual([]);
    await move(id, 'resolved');
    const examples = await examplesOf(id);
    expect(examples.map((e) => e.post_id)).toEqual(postIds.slice(0, 2));
    expect(examples[0]).toMatchObject({ text: postText({ title: COMPLAINT.title, body: COMPLAINT.body }), flag: true, categories: ['phan_anh_kien_nghi'], about: true, polarity: null, origin: 'resolved', decided_by: 'mai' });
    expect(examples[1]).toMatchObject({ text: SAME_THREAD.body, flag: true, categories: ['phan_anh_kien_nghi'], about: true, origin: 'resolved' });
    expect(await examplesOfPost(postIds[2]!)).toEqual([]);
  });

  it('resolve of good news: categorised, never flagged', async () => {
    const { id } = await incidentWith('tich_cuc', [{ body: 'Xã Phủ Thông khánh thành cầu mới, bà con phấn khởi.' }]);
    await move(id, 'in_progress');
    await move(id, 'resolved');
    expect(await examplesOf(id)).toEqual([expect.objectContaining({ flag: false, categories: ['tich_cuc'], origin: 'resolved' })]);
  });

  it('dismiss as false positive: not flagged, no category', async () => {
    const { id, postIds } = await incidentWith('tin_sai_su_that', [COMPLAINT, SAME_THREAD]);
    await move(id, 'dismissed', 'false_positive');
    const examples = await examplesOf(id);
    expect(examples.map((e) => e.post_id)).toEqual(postIds);
    for (const e of examples) expect(e).toMatchObject({ flag: false, categories: [], about: null, origin: 'false_positive', decided_by: 'mai' });
  });

  it('dismiss as out of scope: not about the commune, categories unknown', async () => {
    const { id } = await incidentWith('an_ninh_trat_tu', [{ body: 'Tai nạn giao thông ở một tỉnh khác, không liên quan đến xã.' }]);
    await move(id, 'dismissed', 'out_of_scope');
    expect(await examplesOf(id)).toEqual([expect.objectContaining({ flag: false, categories: null, about: false, origin: 'out_of_scope' })]);
  });

  it('dismiss as duplicate or other: nothing is learned', async () => {
    const duplicate = await incidentWith('xuyen_tac', [COMPLAINT]);
    await move(duplicate.id, 'dismissed', 'duplicate');
    const other = await incidentWith('xuyen_tac', [SAME_THREAD]);
    await move(other.id, 'dismissed', 'other', 'tin của huyện khác');
    expect(await examplesOf(duplicate.id)).toEqual([]);
    expect(await examplesOf(other.id)).toEqual([]);
  });

  it('reclassify gives the new category; a later resolve records the current one, one example per post', async () => {
    const { id, postIds } = await incidentWith('tin_sai_su_that', [COMPLAINT, SAME_THREAD]);
    await reclassifyIncident(context.db, { incidentId: id, actor: { name: 'tuan', userId: null }, category: 'phan_anh_kien_nghi' });
    let examples = await examplesOf(id);
    expect(examples.map((e) => e.post_id)).toEqual(postIds);
    for (const e of examples) expect(e).toMatchObject({ flag: true, categories: ['phan_anh_kien_nghi'], about: true, origin: 'reclassified', decided_by: 'tuan' });

    await reclassifyIncident(context.db, { incidentId: id, actor: mai, category: 'tham_nhung_tieu_cuc', severity: 'critical' });
    await move(id, 'in_progress');
    await move(id, 'resolved');
    examples = await examplesOf(id);
    expect(examples).toHaveLength(2);
    for (const e of examples) expect(e).toMatchObject({ flag: true, categories: ['tham_nhung_tieu_cuc'], origin: 'resolved', decided_by: 'mai' });
  });

  it('reclassifying as good news labels the posts, unflagged', async () => {
    const { id } = await incidentWith('xuyen_tac', [{ body: 'Xã Phủ Thông trồng mới 20 ha rừng, phủ xanh đồi trọc.' }]);
    await reclassifyIncident(context.db, { incidentId: id, actor: mai, category: 'tich_cuc' });
    expect(await examplesOf(id)).toEqual([expect.objectContaining({ flag: false, categories: ['tich_cuc'], origin: 'reclassified' })]);
  });

  it('reopening withdraws the closing example (resolved and dismissed alike)', async () => {
    const resolved = await incidentWith('phan_anh_kien_nghi', [COMPLAINT]);
    await move(resolved.id, 'in_progress');
    await move(resolved.id, 'resolved');
    expect(await examplesOf(resolved.id)).toHaveLength(1);
    await move(resolved.id, 'in_progress');
    expect(await examplesOf(resolved.id)).toEqual([]);
    // Resolved again: learned again.
    await move(resolved.id, 'resolved');
    expect(await examplesOf(resolved.id)).toEqual([expect.objectContaining({ origin: 'resolved' })]);

    const dismissed = await incidentWith('xuyen_tac', [SAME_THREAD]);
    await move(dismissed.id, 'dismissed', 'false_positive');
    expect(await examplesOf(dismissed.id)).toHaveLength(1);
    await move(dismissed.id, 'in_progress');
    expect(await examplesOf(dismissed.id)).toEqual([]);
  });

  it('reopening after a reclassification keeps what the reclassification taught (the category still stands)', async () => {
    const { id } = await incidentWith('tin_sai_su_that', [COMPLAINT]);
    await reclassifyIncident(context.db, { incidentId: id, actor: mai, category: 'phan_anh_kien_nghi' });
    await move(id, 'in_progress');
    await move(id, 'resolved');
    await move(id, 'in_progress');
    const incident = await context.db.selectFrom('incidents').select('category').where('id', '=', id).executeTakeFirstOrThrow();
    expect(incident.category).toBe('phan_anh_kien_nghi');
    expect(await examplesOf(id)).toEqual([expect.objectContaining({ flag: true, categories: ['phan_anh_kien_nghi'], origin: 'reclassified' })]);
  });

  it('reclassifying an incident dismissed as a false positive keeps its posts unflagged; reopening brings the new category', async () => {
    const { id } = await incidentWith('xuyen_tac', [COMPLAINT]);
    await move(id, 'dismissed', 'false_positive');
    await reclassifyIncident(context.db, { incidentId: id, actor: { name: 'tuan', userId: null }, category: 'phan_anh_kien_nghi' });
    expect(await examplesOf(id)).toEqual([expect.objectContaining({ flag: false, categories: [], origin: 'false_positive', decided_by: 'mai' })]);
    await move(id, 'in_progress');
    expect(await examplesOf(id)).toEqual([expect.objectContaining({ flag: true, categories: ['phan_anh_kien_nghi'], about: true, origin: 'reclassified', decided_by: 'tuan' })]);
  });

  it('reopening keeps the example of a post filed by hand (and who filed it); the analyzer’s own members go', async () => {
    const { id, postIds } = await incidentWith('phan_anh_kien_nghi', [COMPLAINT]);
    seq++;
    const missed = await context.db
      .insertInto('posts')
      .values({ source_id: sourceId, external_id: `p${seq}`, body: 'Đường vào thôn Nà Pài vẫn chưa có tiền bồi thường, dân lại kêu.', content_hash: `h${seq}`, raw: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await fileMissedPost(context.db, { postId: missed.id, actor: { name: 'lan', userId: null }, target: { kind: 'existing', incidentId: id } });
    await move(id, 'in_progress');
    await move(id, 'resolved');
    expect((await examplesOf(id)).map((e) => e.origin)).toEqual(['resolved', 'resolved']);
    await move(id, 'in_progress');
    const examples = await examplesOf(id);
    expect(examples).toEqual([expect.objectContaining({ post_id: missed.id, flag: true, categories: ['phan_anh_kien_nghi'], origin: 'manual_incident', decided_by: 'lan' })]);
    expect(await examplesOfPost(postIds[0]!)).toEqual([]);
  });

  it('an example an admin deleted stays deleted when the incident is reopened', async () => {
    const { id, postIds } = await incidentWith('tin_sai_su_that', [COMPLAINT, SAME_THREAD]);
    await reclassifyIncident(context.db, { incidentId: id, actor: mai, category: 'phan_anh_kien_nghi' });
    await move(id, 'in_progress');
    await move(id, 'resolved');
    const [first] = await examplesOfPost(postIds[0]!);
    const deleted = await app.request(`/api/examples/${first!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(deleted.status).toBe(204);
    await move(id, 'in_progress');
    expect(await examplesOfPost(postIds[0]!)).toEqual([]);
    expect(await examplesOfPost(postIds[1]!)).toEqual([expect.objectContaining({ categories: ['phan_anh_kien_nghi'], origin: 'reclassified' })]);
  });

  it('forgetting a post deletes its example; so does the retention purge of a dismissed incident', async () => {
    const { id, postIds } = await incidentWith('phan_anh_kien_nghi', [COMPLAINT, SAME_THREAD]);
    await move(id, 'in_progress');
    await move(id, 'resolved');
    expect(await examplesOf(id)).toHaveLength(2);
    await forgetPost({ db: context.db, dataDir: services.config.DATA_DIR }, postIds[0]!, { requestedBy: 'test', reason: 'người đăng yêu cầu' });
    expect(await examplesOfPost(postIds[0]!)).toEqual([]);
    expect(await examplesOfPost(postIds[1]!)).toHaveLength(1);

    const dismissed = await incidentWith('xuyen_tac', [{ body: 'Bài viết bị báo nhầm về xã Phủ Thông.' }]);
    await move(dismissed.id, 'dismissed', 'false_positive');
    expect(await examplesOf(dismissed.id)).toHaveLength(1);
    await purgeExpiredContent({ db: context.db, dataDir: services.config.DATA_DIR }, { unlinkedPostDays: 3650, dismissedDays: 30, now: new Date(Date.now() + 31 * 86_400_000) });
    expect(await examplesOfPost(dismissed.postIds[0]!)).toEqual([]);
    // The resolved incident's remaining example is untouched by the purge of dismissed posts.
    expect(await examplesOfPost(postIds[1]!)).toHaveLength(1);
  });
});

describe('npm run cli -- examples-import', () => {
  it('stores the good lines, names the bad one by its number, and a second import stores nothing new', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-examples-'));
    const file = path.join(dir, 'examples.jsonl');
    const lines = [
      JSON.stringify({ text: 'Dân thôn Khuổi Mạn phản ánh đường đất sạt lở chưa được sửa', flag: true, categories: ['phan_anh_kien_nghi'], polarity: 'negative' }),
      JSON.stringify({ text: 'Lễ hội mùa vàng xã Phủ Thông thu hút đông du khách', flag: false, categories: ['tich_cuc'], polarity: 'positive', about: true }),
      '{"text": "dòng hỏng", "flag": tru',
      JSON.stringify({ text: 'Giá vàng hôm nay tăng mạnh', flag: false, categories: [], about: false }),
      '',
      JSON.stringify({ text: 'Tin đồn xã ăn chặn tiền hỗ trợ lũ lụt', flag: true, categories: ['tin_sai_su_that', 'tham_nhung_tieu_cuc'] }),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const env = { DATABASE_URL: services.config.DATABASE_URL };
    const cli = (f: string) => runCli(['examples-import', '--file', f], { env });
    const countImported = async () => Number((await context.db.selectFrom('training_examples').select((eb) => eb.fn.countAll<string>().as('n')).where('origin', '=', 'import').executeTakeFirstOrThrow()).n);

    const first = await cli(file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('examples imported: 4; lines refused: 1\n');
    expect(first.stderr).toMatch(/line 3: not JSON/);
    expect(first.stderr).not.toMatch(/line [1245]:/);
    const stored = await context.db.selectFrom('training_examples').selectAll().where('origin', '=', 'import').orderBy('id').execute();
    expect(stored.map((e) => [e.text, e.flag, e.categories, e.polarity, e.about])).toEqual([
      ['Dân thôn Khuổi Mạn phản ánh đường đất sạt lở chưa được sửa', true, ['phan_anh_kien_nghi'], 'negative', true],
      ['Lễ hội mùa vàng xã Phủ Thông thu hút đông du khách', false, ['tich_cuc'], 'positive', true],
      ['Giá vàng hôm nay tăng mạnh', false, [], null, false],
      ['Tin đồn xã ăn chặn tiền hỗ trợ lũ lụt', true, ['tin_sai_su_that', 'tham_nhung_tieu_cuc'], null, true],
    ]);
    for (const e of stored) expect(e).toMatchObject({ post_id: null, incident_id: null });

    expect((await cli(file)).code).toBe(0);
    expect(await countImported()).toBe(4);
    const audit = await context.db.selectFrom('admin_events').select(['action']).where('action', '=', 'examples.imported').execute();
    expect(audit).toHaveLength(2);

    // A file with nothing usable is bad input (exit 65), and stores nothing.
    const bad = path.join(dir, 'bad.jsonl');
    await writeFile(bad, '{"text": "", "flag": false, "categories": []}\nnot json\n');
    const failure = await cli(bad);
    expect(failure).toMatchObject({ code: 65, stdout: 'examples imported: 0; lines refused: 2\n' });
    expect(failure.stderr).toMatch(/line 1: .*text/);
    expect(failure.stderr).toMatch(/line 2: not JSON/);
    expect(await countImported()).toBe(4);
  }, 120_000);
});

describe('GET and DELETE /api/examples', () => {
  const call = (token: string, method: string, url: string) => app.request(url, { method, headers: { authorization: `Bearer ${token}` } });

  it('lists the examples to admins only, and deletes one (404 after)', async () => {
    const { id } = await incidentWith('bau_cu', [{ body: 'Kêu gọi tẩy chay bầu cử đại biểu HĐND xã Phủ Thông.' }]);
    await move(id, 'in_progress');
    await move(id, 'resolved');
    expect((await call(tokens.collaborator, 'GET', '/api/examples')).status).toBe(403);
    expect((await call(tokens.reviewer, 'GET', '/api/examples')).status).toBe(403);
    expect((await app.request('/api/examples')).status).toBe(401);

    const response = await call(tokens.admin, 'GET', '/api/examples?origin=resolved&limit=500');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { id: string; text: string; origin: string; incident_id: string | null; categories: string[] | null }[]; counts: Record<string, number> };
    const mine = body.items.find((e) => e.incident_id === id);
    expect(mine).toMatchObject({ text: 'Kêu gọi tẩy chay bầu cử đại biểu HĐND xã Phủ Thông.', origin: 'resolved', categories: ['bau_cu'] });
    expect(body.items.every((e) => e.origin === 'resolved')).toBe(true);
    expect(body.counts.resolved).toBe(body.items.length);
    // Newest first.
    expect(body.items[0]!.id).toBe(mine!.id);

    expect((await call(tokens.collaborator, 'DELETE', `/api/examples/${mine!.id}`)).status).toBe(403);
    expect((await call(tokens.admin, 'DELETE', `/api/examples/${mine!.id}`)).status).toBe(204);
    expect((await call(tokens.admin, 'DELETE', `/api/examples/${mine!.id}`)).status).toBe(404);
    expect((await call(tokens.admin, 'DELETE', '/api/examples/abc')).status).toBe(400);
    const after = (await (await call(tokens.admin, 'GET', '/api/examples?limit=500')).json()) as { items: { id: string }[] };
    expect(after.items.map((e) => e.id)).not.toContain(mine!.id);
    expect(await examplesOf(id)).toEqual([]);
  });

  it('names who decided by their display name (the username kept in decided_by and as a tooltip), an API token by its name', async () => {
    const thu = await upsertUser(context.db, { username: 'thu', displayName: 'Chị Thu <i>Phó</i>', password: 'mat-khau-dai-du', role: 'collaborator' });
    const byUser = await incidentWith('bau_cu', [{ body: 'Có người rủ không đi bầu cử ở thôn Khuổi Mạn.' }]);
    const byToken = await incidentWith('bau_cu', [{ body: 'Tin nhắn kêu gọi bỏ phiếu trắng lan trong nhóm Zalo.' }]);
    for (const [id, actor] of [
      [byUser.id, { name: 'thu', userId: thu.id }],
      [byToken.id, { name: 'token:tich-hop', userId: null }],
    ] as const) {
      await changeStatus(context.db, { incidentId: id, actor, request: { to: 'in_progress' } });
      await changeStatus(context.db, { incidentId: id, actor, request: { to: 'resolved' } });
    }

    const body = (await (await call(tokens.admin, 'GET', '/api/examples?limit=500')).json()) as { items: { incident_id: string | null; decided_by: string; decided_by_name: string }[] };
    expect(body.items.find((e) => e.incident_id === byUser.id)).toMatchObject({ decided_by: 'thu', decided_by_name: 'Chị Thu <i>Phó</i>' });
    expect(body.items.find((e) => e.incident_id === byToken.id)).toMatchObject({ decided_by: 'token:tich-hop', decided_by_name: 'token:tich-hop' });

    const admin = await signInForm(app, 'quantri', 'mat-khau-dai-du', '/');
    const response = await app.request('/admin/examples?origin=resolved', { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const itemOf = (incidentId: string) => {
      const start = html.indexOf(`href="/incidents/${incidentId}"`);
      expect(start).toBeGreaterThan(-1);
      return html.slice(start, html.indexOf('</li>', start));
    };
    expect(itemOf(byUser.id)).toContain('Người quyết định: <span class="person" title="thu">Chị Thu &lt;i&gt;Phó&lt;/i&gt;</span>');
    expect(itemOf(byToken.id)).toContain('Người quyết định: <span class="person">token:tich-hop</span>');
  });
});
