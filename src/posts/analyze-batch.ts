// Use case: analyse a batch of stored posts — one query to load them, one multi-row upsert for the
// analyses of posts that need no incident — and file the flagged ones into incidents, a group of
// them per transaction together with their analyses (see analyzeBatch).
import type { Analysis } from '../analysis/types.js';
import type { AppConfig } from '../config/env.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { correlateFlaggedPosts, type CorrelationOptions, type CorrelationResult } from '../incidents/correlate.js';
import { loadSlaSettings } from '../sla/sla-settings.repository.js';
import { analysisRow, correlationOptions, enqueueEvidenceOf, postText, upsertAnalyses } from './analyze-post.js';
import { getPostsWithSource, type PostWithSource } from './post.repository.js';
import type { ActiveAnalyzer } from './analyzer-provider.js';

/**
 * Flagged posts filed per transaction: a batch of 200 at a usual flagged share is one group (one
 * commit, one read of each story), while a group's story locks (about 18 per post) stay well
 * within Postgres' shared lock table (64 × max_connections).
 */
const FLAGGED_PER_TRANSACTION = 40;

/** A post id as the posts table holds it (bigint). */
const POST_ID = /^[1-9]\d{0,17}$/;

export interface AnalyzeBatchResult {
  /** Posts analysed and stored by this run. */
  readonly analysed: number;
  readonly flagged: number;
  /** Posts this run filed into an incident (opened or joined); a re-run files none. */
  readonly filed: number;
  readonly incidentIds: readonly string[];
  /** Ids skipped: malformed, or no such post (deleted since). */
  readonly skipped: readonly string[];
}

export class AnalyzeBatchError extends Error {
  constructor(
    readonly failedPostIds: readonly string[],
    readonly result: AnalyzeBatchResult,
    cause: unknown,
  ) {
    super(`${failedPostIds.length} post(s) of the batch not analysed (${failedPostIds.slice(0, 5).join(', ')}): ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

interface Analysed {
  readonly post: PostWithSource;
  readonly analysis: Analysis;
}

type BatchDeps = Pick<AppContext, 'db' | 'analyzers'> & {
  config?: Pick<AppConfig, 'NEAR_DUPLICATE_MIN_SIMILARITY' | 'NEAR_DUPLICATE_WINDOW_DAYS' | 'NEAR_DUPLICATE_ABSORB_SIMILARITY'>;
  queues?: Pick<AppContext['queues'], 'enqueueMany'>;
  logger?: Pick<AppContext['logger'], 'warn'>;
};

/**
 * Idempotent like analyzePost: a re-run (retry, a stalled job after its worker died) stores the
 * same analyses and files no post twice. The analysis of a flagged post is written in the same
 * transaction as its filing, so "has an analysis" always means "is filed if it should be": a
 * worker killed midway leaves the unfiled posts without analysis, and the retry — or the next
 * collect, which re-enqueues posts without analysis — files them. Flagged posts are filed one
 * after the other, so near-duplicates within the batch end in one incident; across concurrent
 * batches (and single-post analyses) the story locks of correlateFlaggedPost do the same.
 *
 * A post that cannot be analysed or filed does not stop the others: they are all done first, then
 * AnalyzeBatchError names the failed ones (the job is retried; the done ones cost a re-check only).
 */
export async function analyzeBatch(deps: BatchDeps, postIds: readonly string[]): Promise<AnalyzeBatchResult> {
  const { db, analyzers } = deps;
  const ids = [...new Set(postIds)];
  const wellFormed = ids.filter((id) => POST_ID.test(id));
  const posts = await getPostsWithSource(db, wellFormed);
  const found = new Set(posts.map((p) => p.id));
  const skipped = ids.filter((id) => !found.has(id));
  if (skipped.length) deps.logger?.warn({ posts: skipped }, 'analyze batch: malformed or missing post ids skipped');
  if (posts.length === 0) return { analysed: 0, flagged: 0, filed: 0, incidentIds: [], skipped };

  const versions = await analyzers.get();
  const { analyzer } = versions;
  const analysedAt = new Date();
  const plain: Analysed[] = [];
  const flagged: Analysed[] = [];
  const failed: string[] = [];
  let firstError: unknown;
  for (const post of posts) {
    try {
      const analysis = analyzer.analyze(postText(post), { fromCommuneChannel: post.is_commune_channel, engagement: post.engagement });
      (analysis.flag ? flagged : plain).push({ post, analysis });
    } catch (error) {
      failed.push(post.id);
      firstError ??= error;
    }
  }

  await upsertAnalyses(db, plain.map(({ post, analysis }) => analysisRow(post.id, analysis, versions, analysedAt)));

  const filed: { incidentId: string; postId: string }[] = [];
  const incidentIds = new Set<string>();
  if (flagged.length) {
    // Read once per batch: the SLA settings apply to deadlines computed afterwards.
    const options = { ...correlationOptions(deps.config), sla: await loadSlaSettings(db) };
    const record = (postId: string, correlation: CorrelationResult | null) => {
      if (correlation) incidentIds.add(correlation.incidentId);
      if (correlation?.reason) filed.push({ incidentId: correlation.incidentId, postId });
    };
    for (let offset = 0; offset < flagged.length; offset += FLAGGED_PER_TRANSACTION) {
      const group = flagged.slice(offset, offset + FLAGGED_PER_TRANSACTION);
      let results: (CorrelationResult | null)[];
      try {
        results = await fileGroup(db, group, versions, options);
      } catch (groupError) {
        // A deadlock between two groups reaching one incident by different stories, or one bad
        // post: the group again, post by post, so that one failure stays one post's.
        deps.logger?.warn({ err: groupError, posts: group.map((g) => g.post.id) }, 'analyze batch: group not filed, filing post by post');
        results = [];
        for (const item of group) {
          try {
            results.push((await fileGroup(db, [item], versions, options))[0]!);
          } catch (error) {
            failed.push(item.post.id);
            firstError ??= error;
            results.push(null);
          }
        }
      }
      group.forEach(({ post }, i) => record(post.id, results[i]!));
    }
  }
  await enqueueEvidenceOf(deps, filed);

  const result: AnalyzeBatchResult = {
    analysed: posts.length - failed.length,
    flagged: flagged.length,
    filed: filed.length,
    incidentIds: [...incidentIds],
    skipped,
  };
  if (failed.length) throw new AnalyzeBatchError(failed, result, firstError);
  return result;
}

/**
 * Flagged posts filed in one transaction (correlateFlaggedPosts: their story locks first, in one
 * sorted statement, then each post in order), then their analyses, last, so that analyzed_at is
 * when the whole group is done.
 */
async function fileGroup(db: Db, group: readonly Analysed[], versions: Pick<ActiveAnalyzer, 'rulePackVersion' | 'modelVersion'>, options: Partial<CorrelationOptions>): Promise<(CorrelationResult | null)[]> {
  return db.transaction().execute(async (tx) => {
    const results = await correlateFlaggedPosts(tx, group.map(({ post, analysis }) => ({ post, analysis, options })));
    await upsertAnalyses(tx, group.map(({ post, analysis }) => analysisRow(post.id, analysis, versions, new Date())));
    return results;
  });
}
