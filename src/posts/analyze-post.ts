// Use case: analyse one stored post, keep the analysis, and file it into an incident when flagged.
import type { Analysis } from '../analysis/types.js';
import type { AppConfig } from '../config/env.js';
import type { AppContext } from '../context.js';
import { enqueueEvidenceCapture } from '../evidence/evidence.repository.js';
import { correlateFlaggedPost } from '../incidents/correlate.js';
import { getPostWithSource, type PostWithSource } from './post.repository.js';

const ENQUEUE_TIMEOUT_MS = 5_000;

export interface AnalyzePostResult {
  readonly postId: string;
  readonly analysis: Analysis | null;
  readonly incidentId: string | null;
}

/** The text the analyzer reads: title and body, once each. */
export function postText(post: Pick<PostWithSource, 'title' | 'body'>): string {
  const title = post.title?.trim();
  const body = post.body.trim();
  if (!title || body.startsWith(title)) return body;
  return `${title}\n${body}`;
}

/**
 * Idempotent: running it twice stores the same analysis and never files the post twice. With
 * `queues`, a post that opened an incident or joined one gets its evidence captured: the job is
 * enqueued after the transaction commits, and failing to enqueue it is logged, never fatal (the
 * capture can be asked for again: POST /api/incidents/:id/evidence).
 */
export async function analyzePost(
  deps: Pick<AppContext, 'db' | 'analyzers'> & {
    config?: Pick<AppConfig, 'NEAR_DUPLICATE_MIN_SIMILARITY' | 'NEAR_DUPLICATE_WINDOW_DAYS'>;
    queues?: Pick<AppContext['queues'], 'enqueueMany'>;
    logger?: Pick<AppContext['logger'], 'warn'>;
  },
  postId: string,
): Promise<AnalyzePostResult> {
  const { db, analyzers, config } = deps;
  const options = config
    ? { minSimilarity: config.NEAR_DUPLICATE_MIN_SIMILARITY, windowMs: config.NEAR_DUPLICATE_WINDOW_DAYS * 86_400_000 }
    : {};
  const post = await getPostWithSource(db, postId);
  if (!post) return { postId, analysis: null, incidentId: null };
  const { analyzer, rulePackVersion } = await analyzers.get();
  const analysis = analyzer.analyze(postText(post), { fromCommuneChannel: post.is_commune_channel, engagement: post.engagement });

  const correlation = await db.transaction().execute(async (tx) => {
    const row = {
      post_id: post.id,
      flag: analysis.flag,
      categories: analysis.categories,
      about: analysis.about,
      sentiment_label: analysis.sentiment.label,
      sentiment_score: analysis.sentiment.score,
      offensive: analysis.offensive,
      severity: analysis.severity,
      matches: JSON.stringify(analysis.matches),
      rule_pack_version: rulePackVersion,
      analyzed_at: new Date(),
    };
    await tx
      .insertInto('analyses')
      .values(row)
      .onConflict((oc) => oc.column('post_id').doUpdateSet(row))
      .execute();
    return correlateFlaggedPost(tx, { post, analysis, options });
  });
  // `reason` is set only when this run filed the post (opened the incident or joined it).
  if (correlation?.reason && deps.queues) {
    try {
      // With Redis away a command waits for the reconnection: bounded here, the analysis is done.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from the queue within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
      });
      await Promise.race([enqueueEvidenceCapture(deps.queues, correlation.incidentId, [post.id]), timeout]).finally(() => clearTimeout(timer));
    } catch (error) {
      deps.logger?.warn({ err: error, post: post.id, incident: correlation.incidentId }, 'could not enqueue evidence capture');
    }
  }
  return { postId, analysis, incidentId: correlation?.incidentId ?? null };
}
