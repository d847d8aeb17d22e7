import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analysis/types.js';
import { createDb, type Db } from '../src/db/database.js';
import { correlateFlaggedPost, incidentTitle, primaryCategory, storyLinks } from '../src/incidents/correlate.js';
import { fingerprint, similarity } from '../src/incidents/fingerprint.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let db: Db;
let sourceId: string;

beforeAll(async () => {
  services = await createTestServices('correlate');
  db = createDb(services.config.DATABASE_URL);
  sourceId = (await upsertSource(db, { name: 's', type: 'manual', config: {} })).id;
});
afterAll(async () => {
  await db?.destroy();
  await services?.cleanup();
});

const flagged = (over: Partial<Analysis> = {}): Analysis => ({
  flag: true,
  categories: ['tin_sai_su_that'],
  about: true,
  sentiment: { label: 'negative', score: -0.5 },
  offensive: false,
  severity: 'high',
  matches: [],
  ...over,
});

let counter = 0;
async function insertPost(canonicalUrl: string | null, body = 'Tin đồn ở thôn Nà Pài') {
  counter++;
  return db
    .insertInto('posts')
    .values({ source_id: sourceId, external_id: `p${counter}`, canonical_url: canonicalUrl, url: canonicalUrl, body, content_hash: `h${counter}`, raw: '{}' })
    .returning(['id', 'canonical_url', 'title', 'body'])
    .executeTakeFirstOrThrow();
}

describe('correlation helpers', () => {
  it('finds the story links of a post, canonicalised', () => {
    expect(storyLinks({ canonical_url: 'https://a.vn/x', body: 'xem https://www.b.vn/y?utm_source=z. và http://a.vn/x' })).toEqual([
      'http://a.vn/x',
      'https://a.vn/x',
      'https://b.vn/y',
    ]);
  });
  it('picks the most severe category, never good news', () => {
    expect(primaryCategory(flagged({ categories: ['phan_anh_kien_nghi', 'an_ninh_trat_tu', 'tich_cuc'] }))).toBe('an_ninh_trat_tu');
    expect(primaryCategory(flagged({ categories: ['tich_cuc'] }))).toBeUndefined();
  });
  it('titles an incident from the post, shortened', () => {
    expect(incidentTitle({ title: null, body: 'a'.repeat(300) })).toHaveLength(140);
    expect(incidentTitle({ title: '  Tiêu đề  ', body: 'x' })).toBe('Tiêu đề');
  });
});

describe('correlateFlaggedPost', () => {
  it('opens one incident for two shares of one link handled at the same moment', async () => {
    const [a, b] = await Promise.all([insertPost('https://news.vn/story-1'), insertPost('https://news.vn/story-1')]);
    const results = await Promise.all(
      [a, b].map((post) => db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged() }))),
    );
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    expect(results[0]?.incidentId).toBe(results[1]?.incidentId);
    const members = await db.selectFrom('incident_posts').select('post_id').where('incident_id', '=', results[0]!.incidentId).execute();
    expect(members).toHaveLength(2);
  });

  it('is idempotent: the same post twice stays in one incident', async () => {
    const post = await insertPost('https://news.vn/story-2');
    const first = await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged() }));
    const second = await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged() }));
    expect(second).toEqual({ incidentId: first!.incidentId, created: false });
    const events = await db.selectFrom('incident_events').select('type').where('incident_id', '=', first!.incidentId).execute();
    expect(events.map((e) => e.type)).toEqual(['created']);
  });

  it('raises the severity when a more severe post joins, recomputing deadlines, as an event', async () => {
    const now = new Date('2026-11-23T01:00:00Z');
    const first = await insertPost('https://news.vn/story-3');
    const opened = await db.transaction().execute((tx) =>
      correlateFlaggedPost(tx, { post: first, analysis: flagged({ categories: ['phan_anh_kien_nghi'], severity: 'medium' }), now }),
    );
    const second = await insertPost(null, 'Dân kéo đến trụ sở, xem https://news.vn/story-3');
    await db.transaction().execute((tx) =>
      correlateFlaggedPost(tx, { post: second, analysis: flagged({ categories: ['an_ninh_trat_tu'], severity: 'critical' }), now }),
    );
    const incident = await db.selectFrom('incidents').selectAll().where('id', '=', opened!.incidentId).executeTakeFirstOrThrow();
    expect(incident.severity).toBe('critical');
    expect(incident.ack_due_at?.toISOString()).toBe('2026-11-23T02:00:00.000Z'); // critical: 1 h of calendar time
    const events = await db.selectFrom('incident_events').select(['type', 'before', 'after']).where('incident_id', '=', opened!.incidentId).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'post_added', 'severity_raised']);
    expect(events[2]?.before).toEqual({ severity: 'medium' });
  });

  it('does nothing for a post that is not flagged or only good news', async () => {
    const post = await insertPost('https://news.vn/story-4');
    expect(await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged({ flag: false }) }))).toBeNull();
    expect(await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged({ categories: ['tich_cuc'] }) }))).toBeNull();
  });
});

describe('correlation by text and thread', () => {
  const STORY =
    'Nhiều hộ dân thôn Nà Pài, xã Phủ Thông phản ánh đã hơn một năm mà chưa nhận được tiền bồi thường khi thu hồi đất làm đường liên thôn, đề nghị chính quyền xã sớm giải quyết dứt điểm.';
  // The same story retold: no diacritics, teencode, a prefix and a word changed.
  const RETOLD =
    'Chia se: nhieu ho dan thon Na Pai, xa Phu Thong phan anh da hon 1 nam ma ko nhan duoc tien boi thuong khi thu hoi dat lam duong lien thon, de nghi cq xa som giai quyet dut diem!!!';
  const OTHER = 'Đường liên thôn Phiêng Lầu xuống cấp nghiêm trọng, ổ gà khắp nơi sau mưa lũ, người dân đi lại rất khó khăn, đề nghị xã sửa chữa.';

  let n = 0;
  async function post(over: { body: string; url?: string | null; external_id?: string; parent_external_id?: string | null }) {
    n++;
    return db
      .insertInto('posts')
      .values({
        source_id: sourceId,
        external_id: over.external_id ?? `t${n}`,
        parent_external_id: over.parent_external_id ?? null,
        canonical_url: over.url ?? null,
        url: over.url ?? null,
        body: over.body,
        content_hash: `t${n}`,
        raw: '{}',
      })
      .returning(['id', 'canonical_url', 'title', 'body', 'source_id', 'external_id', 'parent_external_id'])
      .executeTakeFirstOrThrow();
  }
  const complaint = flagged({ categories: ['phan_anh_kien_nghi'], severity: 'medium' });
  const file = (p: Awaited<ReturnType<typeof post>>, analysis = complaint, now?: Date) =>
    db.transaction().execute((tx) => correlateFlaggedPost(tx, { post: p, analysis, ...(now ? { now } : {}) }));

  it('a near-duplicate written without diacritics and a share of the same link end in one incident', async () => {
    const a = await file(await post({ body: STORY, url: 'https://bao.vn/na-pai-boi-thuong' }));
    const b = await file(await post({ body: RETOLD }));
    const c = await file(await post({ body: 'Xem bài này https://bao.vn/na-pai-boi-thuong?utm_source=fb' }));
    const d = await file(await post({ body: OTHER }));
    expect(a).toMatchObject({ created: true, reason: 'opened' });
    expect(b).toEqual({ incidentId: a!.incidentId, created: false, reason: 'near_duplicate' });
    expect(c).toEqual({ incidentId: a!.incidentId, created: false, reason: 'same_link' });
    expect(d).toMatchObject({ created: true });
  });

  it('near-duplicates older than the window do not join', async () => {
    const text = 'Cầu treo bản Nà Nọi xã Phủ Thông bị hỏng một nhịp sau trận lũ, học sinh phải lội suối đến trường rất nguy hiểm';
    const old = await file(await post({ body: text }), complaint, new Date(Date.now() - 8 * 86_400_000));
    const again = await file(await post({ body: `${text}!` }));
    expect(again?.incidentId).not.toBe(old?.incidentId);
  });

  it('a comment under a post with an open incident of the same category joins it; another category does not', async () => {
    const parent = await post({ body: 'Trạm y tế xã Phủ Thông đóng cửa giờ hành chính, dân đến khám phải về không, đề nghị xem xét.', external_id: 'fb-100' });
    const opened = await file(parent);
    const comment = await file(await post({ body: 'Đúng vậy, hôm qua tôi cũng phải về', external_id: 'fb-100_1', parent_external_id: 'fb-100' }));
    expect(comment).toEqual({ incidentId: opened!.incidentId, created: false, reason: 'same_thread' });
    const rumour = await file(
      await post({ body: 'Nghe nói cán bộ trạm ăn chặn tiền thuốc', external_id: 'fb-100_2', parent_external_id: 'fb-100' }),
      flagged({ categories: ['tham_nhung_tieu_cuc'], severity: 'high' }),
    );
    expect(rumour?.created).toBe(true);
  });

  it('two near-duplicates filed at the same moment open one incident', async () => {
    const text = 'Tin đồn lan truyền trên mạng rằng xã Phủ Thông sắp thu hồi toàn bộ đất rừng của bà con thôn Bản Cháo để giao cho doanh nghiệp';
    const posts = await Promise.all([post({ body: text }), post({ body: text.normalize('NFD').replace(/\p{M}/gu, '') }), post({ body: `${text}, mọi người chia sẻ gấp` })]);
    const results = await Promise.all(posts.map((p) => file(p, flagged())));
    expect(new Set(results.map((r) => r?.incidentId)).size).toBe(1);
    expect(results.filter((r) => r?.created)).toHaveLength(1);
  });

  it('a worker killed during correlation leaves no incident and no lost post; the retry files it once', async () => {
    const text = 'Có tin đồn nước giếng ở thôn Khuổi Slưn xã Phủ Thông bị nhiễm độc do bãi rác, dân hoang mang không dám dùng';
    const first = await post({ body: text });
    const second = await post({ body: `${text}. Ai biết thật không?` });
    // Worker 1 files the first post and is killed before it commits; worker 2 waits on the story lock meanwhile.
    let pid = 0;
    const killed = db.transaction().execute(async (tx) => {
      await correlateFlaggedPost(tx, { post: first, analysis: flagged() });
      pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx)).rows[0]!.pid;
      await sql`SELECT pg_sleep(30)`.execute(tx);
    });
    await waitUntil(() => pid !== 0);
    const waiting = file(second, flagged());
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sql`SELECT pg_terminate_backend(${pid})`.execute(db);
    await expect(killed).rejects.toThrow();
    const filedSecond = await waiting;
    expect(filedSecond?.created).toBe(true);
    // The job is retried: the first post joins the incident the second one opened.
    const retried = await file(first, flagged());
    expect(retried).toEqual({ incidentId: filedSecond!.incidentId, created: false, reason: 'near_duplicate' });
    expect(await file(first, flagged())).toEqual({ incidentId: filedSecond!.incidentId, created: false });
    const members = await db.selectFrom('incident_posts').select('post_id').where('incident_id', '=', filedSecond!.incidentId).orderBy('post_id').execute();
    expect(members.map((m) => m.post_id)).toEqual([first.id, second.id].sort((x, y) => Number(x) - Number(y)));
    const events = await db.selectFrom('incident_events').select('type').where('incident_id', '=', filedSecond!.incidentId).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'post_added']);
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('fingerprint (pure)', () => {
  const base = 'Nghe nói cán bộ xã Phủ Thông không chịu giải quyết đơn của bà con thôn Nà Pài về tiền hỗ trợ lũ lụt';
  it.each([
    ['without diacritics', 'Nghe noi can bo xa Phu Thong khong chiu giai quyet don cua ba con thon Na Pai ve tien ho tro lu lut'],
    ['in NFD', base.normalize('NFD')],
    ['with teencode and emoji', 'Nghe nói cán bộ xã Phủ Thông ko chịu giải quyết đơn của bà con thôn Nà Pài về tiền hỗ trợ lũ lụt 😡😡'],
    ['in capitals', base.toUpperCase()],
  ])('is the same %s', (_label, text) => {
    expect(similarity(fingerprint(base)!.signature, fingerprint(text)!.signature)).toBe(1);
  });
  it('scores a retelling above the default threshold and another story far below it', () => {
    const retold = `Chia sẻ gấp: ${base.replace('giải quyết', 'xử lý')}`;
    const other = 'Trường mầm non thôn Bản Cháo xã Phủ Thông được khánh thành, các cháu vui mừng đến lớp mới khang trang';
    expect(similarity(fingerprint(base)!.signature, fingerprint(retold)!.signature)).toBeGreaterThanOrEqual(0.5);
    expect(similarity(fingerprint(base)!.signature, fingerprint(other)!.signature)).toBeLessThan(0.2);
  });
  it('gives no fingerprint to texts too short to tell a story', () => {
    expect(fingerprint('chia sẻ gấp mọi người ơi')).toBeNull();
  });
});

describe('a much reposted story', () => {
  const STORY =
    'Nóng: cán bộ địa chính xã Phủ Thông bị tố nhận tiền của dân thôn Nà Pài để làm sổ đỏ nhanh, nhiều hộ bức xúc vì chờ cả năm không xong, đề nghị cấp trên vào cuộc làm rõ';
  const PREFIXES = ['', 'Chia sẻ: ', 'Mọi người xem: ', 'Tin nóng: '];
  const SUFFIXES = ['', ' !!!', ' 😡', ' ai biết không'];
  const reposts = (n: number) => Array.from({ length: n }, (_, i) => `${PREFIXES[i % 4]}${STORY}${SUFFIXES[Math.floor(i / 4) % 4]}`);

  it('keeps a bounded set of fingerprints, renewing them, one by one and in a group alike', async () => {
    const { correlateFlaggedPosts } = await import('../src/incidents/correlate.js');
    const printsOf = (incidentId: string) =>
      db.selectFrom('post_fingerprints').select(['signature', 'seen_at']).where('incident_id', '=', incidentId).execute();

    // One by one, each at its own moment.
    const t0 = Date.parse('2026-11-20T02:00:00Z');
    let incidentId = '';
    const texts = reposts(40);
    for (const [i, body] of texts.entries()) {
      const post = await insertPost(null, body);
      const result = await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged(), now: new Date(t0 + i * 60_000) }));
      incidentId ||= result!.incidentId;
      expect(result!.incidentId).toBe(incidentId);
    }
    const single = await printsOf(incidentId);
    expect((await db.selectFrom('incident_posts').select('post_id').where('incident_id', '=', incidentId).execute()).length).toBe(40);
    // Near-identical copies add no fingerprint: far fewer kept than members…
    expect(single.length).toBeLessThan(10);
    // …and the kept ones stay alive while the copies keep coming.
    expect(Math.max(...single.map((p) => p.seen_at.getTime()))).toBe(t0 + 39 * 60_000);
    // A copy that differs enough is kept: it may match posts the others do not.
    expect(single.length).toBeGreaterThan(0);

    // The same reposts again in one group (analyze-batch), once the first incident is closed: the same kept set.
    await db.updateTable('incidents').set({ status: 'resolved', resolved_at: new Date(t0 + 40 * 60_000) }).where('id', '=', incidentId).execute();
    const posts: Awaited<ReturnType<typeof insertPost>>[] = [];
    for (const body of texts) posts.push(await insertPost(null, body));
    const grouped = await db.transaction().execute((tx) => correlateFlaggedPosts(tx, posts.map((post) => ({ post, analysis: flagged(), now: new Date(t0) }))));
    const groupIncident = grouped[0]!.incidentId;
    expect(groupIncident).not.toBe(incidentId);
    expect(new Set(grouped.map((r) => r!.incidentId))).toEqual(new Set([groupIncident]));
    const group = await printsOf(groupIncident);
    expect(group.map((p) => p.signature.join(',')).sort()).toEqual(single.map((p) => p.signature.join(',')).sort());
  });
});
