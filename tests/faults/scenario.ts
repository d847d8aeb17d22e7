// What every fault test does around its fault: stories of posts stored the way collectors store
// them and handed to analysis the one way there is (enqueueAnalysis), a worker as a real process,
// and the invariants checked on the database afterwards. Black-box: it holds whether analysis
// runs one job per post or batches.
import { sql } from 'kysely';
import type { AppConfig } from '../../src/config/env.js';
import type { CollectedItem } from '../../src/collectors/collector.js';
import type { Db } from '../../src/db/database.js';
import { saveCommuneProfile } from '../../src/commune/profile.repository.js';
import { upsertSource } from '../../src/sources/source.repository.js';
import { storeCollectedItems } from '../../src/posts/post.repository.js';
import { enqueueAnalysis } from '../../src/posts/enqueue-analysis.js';
import type { JobQueues } from '../../src/queue/queue.js';

/** A complaint about the commune: flagged, and about a story of its own (its link, its own words). */
const COMPLAINT = 'Dân thôn Nà Pài xã Phủ Thông bức xúc vì chưa được bồi thường giải phóng mặt bằng dự án đường';
const NEUTRAL = 'Tối nay đội tuyển đá rất hay, cả xóm hò reo, mai đi làm muộn mất thôi';
const SHARE_PREFIXES = ['', 'Chia sẻ: ', 'Mọi người xem: ', 'Tin nóng: ', 'Đọc đi: '];

/**
 * Deterministic words unique to one story, so two stories are never near-duplicates of each other.
 * Letters only: a digit would split a word into teencode ("7k" reads as "7 nghìn") and give the
 * analyzer words to weigh; these give it none.
 */
function storyWords(story: number, count: number): string {
  let state = (story + 1) * 2_654_435_761;
  const letters = (n: number) => {
    let out = '';
    do {
      out += String.fromCharCode(97 + (n % 26));
      n = Math.floor(n / 26);
    } while (n > 0);
    return out;
  };
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0;
    words.push(`zq${letters(story)}x${letters(state % 100_000)}`);
  }
  return words.join(' ');
}

export interface Corpus {
  readonly items: CollectedItem[];
  /** externalId → story number, for the posts that must be filed. */
  readonly storyOf: ReadonlyMap<string, number>;
  readonly stories: number;
}

/**
 * `stories` stories of `postsPerStory` near-duplicate posts (shares of one link), and `neutral`
 * posts nobody files. No post has a URL of its own: evidence is then text and raw only, no browser.
 */
export function buildCorpus(stories: number, postsPerStory: number, neutral: number): Corpus {
  const items: CollectedItem[] = [];
  const storyOf = new Map<string, number>();
  for (let s = 0; s < stories; s++) {
    const words = storyWords(s, 40);
    for (let p = 0; p < postsPerStory; p++) {
      const externalId = `s${s}p${p}`;
      storyOf.set(externalId, s);
      items.push(item(externalId, `${SHARE_PREFIXES[p % SHARE_PREFIXES.length]}${COMPLAINT}. Hồ sơ ${words}. https://bao.example.vn/tin/${s}`));
    }
  }
  for (let n = 0; n < neutral; n++) items.push(item(`n${n}`, `${NEUTRAL} ${storyWords(100_000 + n, 10)}`));
  // Interleaved, like a real stream: posts of one story arrive far apart.
  const shuffled = items.map((value, i) => ({ value, key: (Math.imul(i + 1, 0x9e3779b1) >>> 0) })).sort((a, b) => a.key - b.key).map((x) => x.value);
  return { items: shuffled, storyOf, stories };
}

function item(externalId: string, body: string): CollectedItem {
  return { externalId, url: null, title: null, body, author: `u${externalId.length}`, publishedAt: new Date(), engagement: 0, parentExternalId: null, raw: { id: externalId } };
}

export async function prepareCommune(db: Db): Promise<{ id: string; type: string }> {
  await saveCommuneProfile(db, { commune: 'Phủ Thông', aliases: ['xã Phủ Thông'], places: ['thôn Nà Pài'] });
  const source = await upsertSource(db, { name: 'Nguồn thử lỗi', type: 'manual', config: {} });
  return { id: source.id, type: source.type };
}

/** Stores the corpus like a collector and hands every post to analysis; returns the post count. */
export async function injectCorpus(db: Db, queues: JobQueues, config: Pick<AppConfig, 'SECRET_KEY'>, source: { id: string; type: string }, corpus: Corpus): Promise<number> {
  const stored = await storeCollectedItems(db, source, corpus.items, config.SECRET_KEY);
  for (let i = 0; i < stored.pendingAnalysis.length; i += 500) await enqueueAnalysis(queues, stored.pendingAnalysis.slice(i, i + 500));
  return stored.pendingAnalysis.length;
}

export async function analysedCount(db: Db): Promise<number> {
  const row = await db.selectFrom('analyses').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Environment of a worker process for these services (a short stalled interval: a killed worker's jobs come back fast). */
export function workerEnv(config: AppConfig, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    QUEUE_PREFIX: config.QUEUE_PREFIX,
    DATA_DIR: config.DATA_DIR,
    SECRET_KEY: config.SECRET_KEY,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: '8',
    WORKER_STALLED_INTERVAL_MS: '5000',
    // Nothing scheduled fires during a test.
    SLA_CHECK_INTERVAL_SECONDS: '3600',
    ALERTS_SCAN_INTERVAL_SECONDS: '3600',
    ...extra,
  };
}

export interface Invariants {
  posts: number;
  analyses: number;
  /** Posts with more than one analysis row (the key forbids it; counted to prove it). */
  doubleAnalysed: number;
  flaggedStoryPosts: number;
  filedPosts: number;
  /** incident_posts rows minus distinct posts in them. */
  duplicateFilings: number;
  incidents: number;
  /** Stories whose posts ended in more than one incident. */
  splitStories: number[];
  /** Story posts not filed into any incident. */
  unfiledStoryPosts: number;
  /** Incidents holding posts of more than one story. */
  mergedIncidents: number;
}

export async function invariants(db: Db, corpus: Corpus): Promise<Invariants> {
  const posts = await db.selectFrom('posts').select(['id', 'external_id']).execute();
  const analyses = await db.selectFrom('analyses').select(['post_id', 'flag']).execute();
  const filings = await db.selectFrom('incident_posts').select(['incident_id', 'post_id']).execute();
  const incidents = await db.selectFrom('incidents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const perPost = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT post_id FROM analyses GROUP BY post_id HAVING count(*) > 1) d`.execute(db);
  const externalOf = new Map(posts.map((p) => [p.id, p.external_id]));
  const flagged = new Set(analyses.filter((a) => a.flag).map((a) => a.post_id));
  const incidentsOfStory = new Map<number, Set<string>>();
  const storiesOfIncident = new Map<string, Set<number>>();
  const filedPosts = new Set<string>();
  for (const filing of filings) {
    filedPosts.add(filing.post_id);
    const story = corpus.storyOf.get(externalOf.get(filing.post_id) ?? '');
    if (story === undefined) continue;
    (incidentsOfStory.get(story) ?? incidentsOfStory.set(story, new Set()).get(story)!).add(filing.incident_id);
    (storiesOfIncident.get(filing.incident_id) ?? storiesOfIncident.set(filing.incident_id, new Set()).get(filing.incident_id)!).add(story);
  }
  const storyPosts = posts.filter((p) => corpus.storyOf.has(p.external_id));
  return {
    posts: posts.length,
    analyses: analyses.length,
    doubleAnalysed: Number(perPost.rows[0]?.n ?? 0),
    flaggedStoryPosts: storyPosts.filter((p) => flagged.has(p.id)).length,
    filedPosts: filedPosts.size,
    duplicateFilings: filings.length - filedPosts.size,
    incidents: Number(incidents.n),
    splitStories: [...incidentsOfStory].filter(([, ids]) => ids.size > 1).map(([story]) => story),
    unfiledStoryPosts: storyPosts.filter((p) => !filedPosts.has(p.id)).length,
    mergedIncidents: [...storiesOfIncident.values()].filter((s) => s.size > 1).length,
  };
}

/** What a run with no fault gives: every post analysed once, every story one incident. */
export function expectedInvariants(corpus: Corpus): Invariants {
  const storyPosts = corpus.storyOf.size;
  return {
    posts: corpus.items.length,
    analyses: corpus.items.length,
    doubleAnalysed: 0,
    flaggedStoryPosts: storyPosts,
    filedPosts: storyPosts,
    duplicateFilings: 0,
    incidents: corpus.stories,
    splitStories: [],
    unfiledStoryPosts: 0,
    mergedIncidents: 0,
  };
}
