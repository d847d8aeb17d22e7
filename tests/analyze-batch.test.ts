// The analyze-batch use case and job: the same analyses as the single-post path, idempotent
// re-runs, one incident per story within a batch and across concurrent batches, bad ids skipped.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { analyzeBatch, AnalyzeBatchError } from '../src/posts/analyze-batch.js';
import { analyzePost } from '../src/posts/analyze-post.js';
import { correlateFlaggedPost, correlateFlaggedPosts } from '../src/incidents/correlate.js';
import { ANALYZE_BATCH_SIZE, enqueueAnalysis } from '../src/posts/enqueue-analysis.js';
import { jobIds } from '../src/queue/jobs.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { startWorkerPool } from '../workers/workers.js';
import { createTestServices, waitFor, type TestServices } from './support/services.js';

const fixtures = readFileSync(new URL('./fixtures/commune-posts.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; text: string });
const profile = JSON.parse(readFileSync(new URL('./fixtures/commune-profile.json', import.meta.url), 'utf8')) as {
  commune: string;
  aliases: string[];
  places: string[];
};

let services: TestServices;
let context: OpenedContext;

beforeAll(async () => {
  services = await createTestServices('analyze_batch', { WORKER_QUEUES: 'analyze' });
  context = await openContext(services.config);
  await saveCommuneProfile(context.db, profile);
});

afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

let sourceCount = 0;
async function newSource(): Promise<string> {
  sourceCount++;
  return (await upsertSource(context.db, { name: `batch ${sourceCount}`, type: 'manual', config: {} })).id;
}

async function insertPosts(sourceId: string, posts: readonly { externalId: string; body: string; url?: string | null }[]): Promise<string[]> {
  const rows = await context.db
    .insertInto('posts')
    .values(
      posts.map((p) => ({
        source_id: sourceId,
        external_id: p.externalId,
        url: p.url ?? null,
        canonical_url: p.url ?? null,
        body: p.body,
        content_hash: `${sourceId}-${p.externalId}`,
        raw: '{}',
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

async function analysesOf(sourceId: string) {
  return context.db
    .selectFrom('analyses')
    .innerJoin('posts', 'posts.id', 'analyses.post_id')
    .select([
      'posts.external_id',
      'analyses.flag',
      'analyses.categories',
      'analyses.about',
      'analyses.sentiment_label',
      'analyses.sentiment_score',
      'analyses.offensive',
      'analyses.severity',
      'analyses.matches',
      'analyses.rule_pack_version',
    ])
    .where('posts.source_id', '=', sourceId)
    .orderBy('posts.external_id')
    .execute();
}

async function incidentOf(postId: string): Promise<string | undefined> {
  const row = await context.db.selectFrom('incident_posts').select('incident_id').where('post_id', '=', postId).executeTakeFirst();
  return row?.incident_id;
}

async function counts() {
  const { rows } = await sql<{ incidents: string; members: string; distinct_members: string; events: string; analyses: string }>`
    SELECT (SELECT count(*) FROM incidents) AS incidents,
           (SELECT count(*) FROM incident_posts) AS members,
           (SELECT count(DISTINCT post_id) FROM incident_posts) AS distinct_members,
           (SELECT count(*) FROM incident_events) AS events,
           (SELECT count(*) FROM analyses) AS analyses`.execute(context.db);
  return rows[0]!;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const noDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

describe('analyzeBatch', () => {
  let batchSource: string;
  let batchIds: string[];

  it('stores the same analyses as the single-post path for the fixture posts', async () => {
    const singleSource = await newSource();
    batchSource = await newSource();
    const posts = fixtures.map((f) => ({ externalId: f.id, body: f.text }));
    const singleIds = await insertPosts(singleSource, posts);
    batchIds = await insertPosts(batchSource, posts);

    for (const id of singleIds) await analyzePost(context, id);
    let flagged = 0;
    for (const batch of chunks(batchIds, 100)) flagged += (await analyzeBatch(context, batch)).flagged;

    const single = await analysesOf(singleSource);
    const batched = await analysesOf(batchSource);
    expect(batched).toHaveLength(fixtures.length);
    expect(batched).toEqual(single);
    expect(flagged).toBe(single.filter((a) => a.flag).length);
    expect(flagged).toBeGreaterThan(50);
    // Every flagged post with an incident category is filed, and only those.
    const filed = await context.db
      .selectFrom('incident_posts')
      .innerJoin('posts', 'posts.id', 'incident_posts.post_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('posts.source_id', '=', batchSource)
      .executeTakeFirstOrThrow();
    const fileable = batched.filter((a) => a.flag && a.severity && a.categories.some((c) => c !== 'tich_cuc')).length;
    expect(Number(filed.n)).toBe(fileable);
  });

  it('a re-run of the batches changes nothing: no new incident, no second filing, no new event', async () => {
    const before = await counts();
    const analysesBefore = await analysesOf(batchSource);
    for (const batch of chunks(batchIds, 100)) {
      const result = await analyzeBatch(context, batch);
      expect(result.filed).toBe(0);
    }
    // Differently cut, concurrently: still nothing.
    await Promise.all(chunks([...batchIds].reverse(), 70).map((batch) => analyzeBatch(context, batch)));
    const after = await counts();
    expect(after).toEqual(before);
    expect(after.members).toBe(after.distinct_members);
    expect(await analysesOf(batchSource)).toEqual(analysesBefore);
  });

  const STORIES = [
    'Nhiều hộ dân thôn Nà Hin, xã Phủ Thông phản ánh đã hơn một năm mà chưa nhận được tiền bồi thường khi thu hồi đất làm khu tái định cư, đề nghị chính quyền xã sớm giải quyết dứt điểm',
    'Đường liên thôn Pác Châu xã Phủ Thông xuống cấp nghiêm trọng, ổ gà khắp nơi sau mưa lũ, học sinh đi học bị ngã xe nhiều lần, bà con bức xúc đề nghị xã sửa chữa ngay',
    'Nghe nói cán bộ địa chính xã Phủ Thông nhận tiền của dân để làm nhanh sổ đỏ ở thôn Cốc Lùng, ai không đưa thì hồ sơ bị treo cả năm trời, đề nghị cấp trên vào cuộc làm rõ',
  ];
  const retellings = (story: string): string[] => [
    story,
    `Chia sẻ: ${story}`,
    noDiacritics(story),
    `${story}!!! mọi người chia sẻ giúp`,
    `Mọi người ơi, ${noDiacritics(story)} 😡`,
    `${story.replace('xã Phủ Thông', 'xã PT Phủ Thông')}, ai biết thì nói với`,
  ];

  it('files near-duplicates of one batch into one incident', async () => {
    const source = await newSource();
    const ids = await insertPosts(
      source,
      retellings(STORIES[0]!).map((body, i) => ({ externalId: `one-${i}`, body, url: `https://facebook.example.vn/p/one-${i}` })),
    );
    const result = await analyzeBatch(context, ids);
    expect(result.flagged).toBe(ids.length);
    expect(result.filed).toBe(ids.length);
    expect(result.incidentIds).toHaveLength(1);
    const incidents = await Promise.all(ids.map(incidentOf));
    expect(new Set(incidents)).toEqual(new Set(result.incidentIds));
  });

  it('files near-duplicates spread over concurrent batches into one incident per story', async () => {
    const source = await newSource();
    // Each story's retellings are dealt to three batches, mixed with everyday posts; the three run at once.
    const perStory = await Promise.all(
      STORIES.slice(1).map((story, s) =>
        insertPosts(source, retellings(story).map((body, i) => ({ externalId: `s${s}-${i}`, body, url: `https://facebook.example.vn/p/s${s}-${i}` }))),
      ),
    );
    const plain = await insertPosts(
      source,
      fixtures.slice(0, 30).map((f) => ({ externalId: `plain-${f.id}`, body: `${f.text} hôm nay` })),
    );
    const batches: string[][] = [[], [], []];
    perStory.flat().forEach((id, i) => batches[i % 3]!.push(id));
    plain.forEach((id, i) => batches[i % 3]!.push(id));
    await Promise.all(batches.map((batch) => analyzeBatch(context, batch)));

    for (const ids of perStory) {
      const incidents = await Promise.all(ids.map(incidentOf));
      expect(incidents.every((i) => i !== undefined)).toBe(true);
      expect(new Set(incidents).size).toBe(1);
      const opened = await context.db.selectFrom('incident_posts').select('post_id').where('incident_id', '=', incidents[0]!).where('reason', '=', 'opened').execute();
      expect(opened).toHaveLength(1);
    }
    expect(new Set(await Promise.all(perStory.map((ids) => incidentOf(ids[0]!)))).size).toBe(perStory.length);
  });

  it('skips malformed and missing ids without blocking the rest', async () => {
    const source = await newSource();
    const ids = await insertPosts(source, fixtures.slice(40, 50).map((f) => ({ externalId: f.id, body: f.text })));
    const bad = ['abc', '', '-1', '99999999999999999999999', '9000000000000'];
    const result = await analyzeBatch(context, [bad[0]!, ids[0]!, bad[1]!, ...ids.slice(1, 5), bad[2]!, bad[3]!, ...ids.slice(5), bad[4]!, ids[0]!]);
    expect(result.analysed).toBe(ids.length);
    expect([...result.skipped].sort()).toEqual([...bad].sort());
    expect(await analysesOf(source)).toHaveLength(ids.length);
  });

  it('finishes the batch when one post cannot be analysed, then names it', async () => {
    const source = await newSource();
    const ids = await insertPosts(source, [
      { externalId: 'ok-1', body: fixtures[0]!.text },
      { externalId: 'boom', body: 'BOOM this text breaks the analyzer' },
      { externalId: 'ok-2', body: STORIES[0]! },
    ]);
    const real = await context.analyzers.get();
    const analyzers = {
      get: async () => ({
        rulePackVersion: real.rulePackVersion,
        modelVersion: real.modelVersion,
        analyzer: {
          analyze: (text: string, options: Parameters<typeof real.analyzer.analyze>[1]) => {
            if (text.startsWith('BOOM')) throw new Error('analyzer bug');
            return real.analyzer.analyze(text, options);
          },
        } as typeof real.analyzer,
      }),
    };
    const error = await analyzeBatch({ ...context, analyzers }, ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalyzeBatchError);
    expect((error as AnalyzeBatchError).failedPostIds).toEqual([ids[1]]);
    expect((error as AnalyzeBatchError).message).toMatch(/analyzer bug/);
    const stored = await analysesOf(source);
    expect(stored.map((a) => a.external_id)).toEqual(['ok-1', 'ok-2']);
    expect(await incidentOf(ids[2]!)).toBeDefined();
  });
});

describe('enqueueAnalysis and the analyze-batch job', () => {
  it('cuts posts into batches with ids derived from the set, and the worker analyses them', async () => {
    const source = await newSource();
    const posts = Array.from({ length: ANALYZE_BATCH_SIZE + 50 }, (_, i) => ({ externalId: `q${i}`, body: `${fixtures[i % fixtures.length]!.text} #${i}` }));
    const ids = await insertPosts(source, posts);
    await enqueueAnalysis(context.queues, ids);
    await enqueueAnalysis(context.queues, [...ids]); // the same posts again: the same jobs
    const queue = context.queues.queue('analyze');
    const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.map((j) => j.id).sort()).toEqual([jobIds.analyzeBatch(ids.slice(0, ANALYZE_BATCH_SIZE)), jobIds.analyzeBatch(ids.slice(ANALYZE_BATCH_SIZE))].sort());
    expect(jobIds.analyzeBatch([...ids.slice(0, 3)].reverse())).toBe(jobIds.analyzeBatch(ids.slice(0, 3)));
    expect(jobIds.analyzeBatch(ids.slice(0, 3))).not.toBe(jobIds.analyzeBatch(ids.slice(1, 4)));

    // A job carrying an id that is no post, and a malformed one, completes with the others analysed.
    const extra = await insertPosts(source, [{ externalId: 'extra', body: STORY_FOR_JOB }]);
    await context.queues.enqueue('analyze-batch', { postIds: ['123456789012', extra[0]!, 'x1'] }, { jobId: 'analyze-batch-test-bad-ids' });

    const pool = await startWorkerPool(context);
    try {
      await waitFor(async () => ((await analysesOf(source)).length === ids.length + 1 ? true : undefined), 60_000, 'every post analysed');
      const done = await waitFor(async () => {
        const job = await queue.getJob('analyze-batch-test-bad-ids');
        return (await job?.isCompleted()) ? job : undefined;
      }, 30_000, 'the job with bad ids completed');
      expect(done.returnvalue).toMatchObject({ analysed: 1, skipped: ['123456789012', 'x1'] });
    } finally {
      await pool.close();
    }
  });
});

const STORY_FOR_JOB = 'Dân thôn Tổng Nẻng xã Phủ Thông bức xúc vì nước sinh hoạt bị cắt cả tuần nay không ai giải thích, đề nghị xã trả lời';

describe('correlateFlaggedPosts (a group in one transaction)', () => {
  // The same posts filed one by one (correlateFlaggedPost) in one database and by groups in
  // another, over the same existing incidents: the same rows, ids included.
  const SEVERITY_OF = { low: 'bau_cu', medium: 'phan_anh_kien_nghi', high: 'tham_nhung_tieu_cuc', critical: 'an_ninh_trat_tu' } as const;
  type Sev = keyof typeof SEVERITY_OF;
  const SEVERITIES: Sev[] = ['medium', 'low', 'high', 'medium', 'critical', 'medium', 'high'];
  const analysisFor = (i: number, severity: Sev = SEVERITIES[i % SEVERITIES.length]!) => ({
    flag: true,
    categories: [SEVERITY_OF[severity]],
    about: true,
    sentiment: { label: 'negative' as const, score: -0.5 },
    offensive: false,
    severity,
    matches: [],
  });

  function corpus() {
    const stories = fixtures.filter((_, i) => i % 9 === 4).slice(0, 8);
    const posts: { externalId: string; body: string; url: string | null; parent: string | null; severity?: Sev }[] = [];
    stories.forEach((story, s) => {
      const link = `https://baomoi.example.vn/tin/${s}`;
      posts.push({ externalId: `st${s}`, body: story.text, url: link, parent: null });
      posts.push({ externalId: `st${s}-share`, body: `Xem ${link}?utm_source=fb đi mọi người`, url: `https://facebook.example.vn/share/${s}`, parent: null });
      posts.push({ externalId: `st${s}-retold`, body: `Chia sẻ: ${noDiacritics(story.text)}`, url: `https://facebook.example.vn/r/${s}`, parent: null });
      posts.push({ externalId: `st${s}-again`, body: `${story.text} 😡 ai biết không`, url: `https://zalo.example.vn/r/${s}`, parent: null });
      // Comments in the story's thread (too short for a fingerprint), one per severity so some match the category.
      posts.push({ externalId: `st${s}-c1`, body: 'Đúng vậy', url: null, parent: `st${s}`, severity: 'medium' });
      posts.push({ externalId: `st${s}-c2`, body: 'Chuẩn luôn', url: null, parent: `st${s}`, severity: 'critical' });
      posts.push({ externalId: `st${s}-c1-r`, body: 'Thật à', url: null, parent: `st${s}-c1`, severity: 'medium' });
      // Two stories' links in one post: the older incident wins.
      if (s > 0) posts.push({ externalId: `st${s}-both`, body: `Hai tin https://baomoi.example.vn/tin/${s} và https://baomoi.example.vn/tin/${s - 1}`, url: null, parent: null });
    });
    return posts;
  }

  async function fileAll(label: string, grouped: boolean) {
    const svc = await createTestServices(label);
    const ctx = await openContext(svc.config);
    try {
      const source = (await upsertSource(ctx.db, { name: 'g', type: 'manual', config: {} })).id;
      const posts = corpus();
      const rows = await ctx.db
        .insertInto('posts')
        .values(posts.map((p) => ({ source_id: source, external_id: p.externalId, url: p.url, canonical_url: p.url, body: p.body, parent_external_id: p.parent, content_hash: p.externalId, raw: '{}' })))
        .returning(['id', 'canonical_url', 'title', 'body', 'source_id', 'external_id', 'parent_external_id'])
        .execute();
      const now = new Date('2026-11-23T03:00:00Z');
      const inputs = rows.map((post, i) => ({ post, analysis: analysisFor(i, posts[i]!.severity), now }));
      // Existing state, filed one by one in both: the first story's posts, then one incident resolved and one marked due soon.
      const before = inputs.slice(0, 7);
      for (const input of before) await ctx.db.transaction().execute((tx) => correlateFlaggedPost(tx, input));
      const first = await ctx.db.selectFrom('incidents').select('id').orderBy('id').executeTakeFirstOrThrow();
      await ctx.db.updateTable('incidents').set({ ack_due_soon_at: new Date('2026-11-23T02:59:00Z') }).where('id', '=', first.id).execute();
      const rest = inputs.slice(7);
      if (grouped) {
        for (const group of chunks(rest, 6)) await ctx.db.transaction().execute((tx) => correlateFlaggedPosts(tx, [...group, group[0]!]));
      } else {
        for (const input of rest) await ctx.db.transaction().execute((tx) => correlateFlaggedPost(tx, input));
      }
      return {
        incidents: await ctx.db
          .selectFrom('incidents')
          .select(['id', 'title', 'category', 'severity', 'status', 'link_key', 'version', 'detected_at', 'ack_due_at', 'resolve_due_at', 'ack_warn_at', 'resolve_warn_at', 'ack_due_soon_at'])
          .orderBy('id')
          .execute(),
        members: await ctx.db.selectFrom('incident_posts').select(['incident_id', 'post_id', 'reason']).orderBy('post_id').execute(),
        events: await ctx.db.selectFrom('incident_events').select(['incident_id', 'type', 'before', 'after', 'actor']).orderBy('id').execute(),
        prints: await ctx.db.selectFrom('post_fingerprints').select(['post_id', 'incident_id', 'seen_at']).orderBy('post_id').execute(),
      };
    } finally {
      await ctx.close();
      await svc.cleanup();
    }
  }

  it('files a group exactly as one post after the other', async () => {
    const [sequential, grouped] = await Promise.all([fileAll('corr_seq', false), fileAll('corr_grp', true)]);
    expect(sequential.members.length).toBe(corpus().length);
    // The corpus exercises every way in, and severity raises.
    expect(new Set(sequential.members.map((m) => m.reason))).toEqual(new Set(['opened', 'same_link', 'near_duplicate', 'same_thread']));
    expect(sequential.events.some((e) => e.type === 'severity_raised')).toBe(true);
    expect(grouped).toEqual(sequential);
  });
});
