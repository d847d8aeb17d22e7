// Use case: analyse one stored post, keep the analysis, and file it into an incident when flagged.
import type { Analysis } from '../analysis/types.js';
import type { AppConfig } from '../config/env.js';
import type { AppContext } from '../context.js';
import { enqueueEvidenceCapture } from '../evidence/evidence.repository.js';
import { correlateFlaggedPost, type CorrelationOptions } from '../incidents/correlate.js';
import { getPostWithSource } from './post.repository.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { postText } from './post-text.js';
import type { ActiveAnalyzer } from './analyzer-provider.js';
import { jsonb } from '../db/jsonb.js';

const ENQUEUE_TIMEOUT_MS = 5_000;

export interface AnalyzePostResult {
  readonly postId: string;
  readonly analysis: Analysis | null;
  readonly incidentId: string | null;
}

export { postText };

/**
 * Idempotent: running it twice stores the same analysis and never files the post twice. With
 * `queues`, a post that opened an incident or joined one gets its evidence captured: the job is
 * enqueued after the transaction commits, and failing to enqueue it is logged, never fatal (the
 * capture can be asked for again: POST /api/incidents/:id/evidence).
 */
export async function analyzePost(
  deps: Pick<AppContext, 'db' | 'analyzers'> & {
    config?: Pick<AppConfig, 'NEAR_DUPLICATE_MIN_SIMILARITY' | 'NEAR_DUPLICATE_WINDOW_DAYS' | 'NEAR_DUPLICATE_ABSORB_SIMILARITY'>;
    queues?: Pick<AppContext['queues'], 'enqueueMany'>;
    logger?: Pick<AppContext['logger'], 'warn'>;
  },
  postId: string,
): Promise<AnalyzePostResult> {
  const { db, analyzers } = deps;
  const post = await getPostWithSource(db, postId);
  if (!post) return { postId, analysis: null, incidentId: null };
  const active = await analyzers.get();
  const { analyzer } = active;
  const analysis = analyzer.analyze(postText(post), { fromCommuneChannel: post.is_commune_channel, engagement: post.engagement });

  const correlation = await db.transaction().execute(async (tx) => {
    await upsertAnalyses(tx, [analysisRow(post.id, analysis, active, new Date())]);
    return correlateFlaggedPost(tx, { post, analysis, options: correlationOptions(deps.config) });
  });
  // `reason` is set only when this run filed the post (opened the incident or joined it).
  if (correlation?.reason) await enqueueEvidenceOf(deps, [{ incidentId: correlation.incidentId, postId: post.id }]);
  return { postId, analysis, incidentId: correlation?.incidentId ?? null };
}

/** The analyses row of a post (one shape for the single and the batch use case). */
export function analysisRow(postId: string, analysis: Analysis, versions: Pick<ActiveAnalyzer, 'rulePackVersion' | 'modelVersion'>, analyzedAt: Date) {
  return {
    post_id: postId,
    flag: analysis.flag,
    categories: analysis.categories,
    about: analysis.about,
    sentiment_label: analysis.sentiment.label,
    sentiment_score: analysis.sentiment.score,
    offensive: analysis.offensive,
    severity: analysis.severity,
    matches: jsonb(analysis.matches),
    rule_pack_version: versions.rulePackVersion,
    model_version: versions.modelVersion,
    // What the model saw is kept where a reader may ask why: posts with a category.
    model: analysis.model && (analysis.categories.length > 0 || analysis.model.dropped.length > 0) ? jsonb(analysis.model) : null,
    analyzed_at: analyzedAt,
  };
}

export function correlationOptions(config: Pick<AppConfig, 'NEAR_DUPLICATE_MIN_SIMILARITY' | 'NEAR_DUPLICATE_WINDOW_DAYS' | 'NEAR_DUPLICATE_ABSORB_SIMILARITY'> | undefined): Partial<CorrelationOptions> {
  return config
    ? {
        minSimilarity: config.NEAR_DUPLICATE_MIN_SIMILARITY,
        windowMs: config.NEAR_DUPLICATE_WINDOW_DAYS * 86_400_000,
        absorbSimilarity: config.NEAR_DUPLICATE_ABSORB_SIMILARITY,
      }
    : {};
}

/**
 * Evidence capture of posts this run filed, enqueued after their transactions committed. Failing
 * to enqueue is logged, never fatal: the analysis is done, and the capture can be asked for again
 * (POST /api/incidents/:id/evidence).
 */
export async function enqueueEvidenceOf(
  deps: { queues?: Pick<AppContext['queues'], 'enqueueMany'>; logger?: Pick<AppContext['logger'], 'warn'> },
  filed: readonly { incidentId: string; postId: string }[],
): Promise<void> {
  if (!deps.queues || filed.length === 0) return;
  const queues = deps.queues;
  const byIncident = new Map<string, string[]>();
  for (const { incidentId, postId } of filed) byIncident.set(incidentId, [...(byIncident.get(incidentId) ?? []), postId]);
  // With Redis away a command waits for the reconnection: bounded here.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the queue within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.all([...byIncident].map(([incidentId, postIds]) => enqueueEvidenceCapture(queues, incidentId, postIds))), timeout]);
  } catch (error) {
    deps.logger?.warn({ err: error, posts: filed.map((f) => f.postId), incidents: [...byIncident.keys()] }, 'could not enqueue evidence capture');
  } finally {
    clearTimeout(timer);
  }
}

/** One statement; ids must be unique in `rows`, as ON CONFLICT DO UPDATE requires. */
export async function upsertAnalyses(db: Kysely<Database>, rows: readonly ReturnType<typeof analysisRow>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('analyses')
    .values(rows)
    .onConflict((oc) =>
      oc.column('post_id').doUpdateSet((eb) => ({
        flag: eb.ref('excluded.flag'),
        categories: eb.ref('excluded.categories'),
        about: eb.ref('excluded.about'),
        sentiment_label: eb.ref('excluded.sentiment_label'),
        sentiment_score: eb.ref('excluded.sentiment_score'),
        offensive: eb.ref('excluded.offensive'),
        severity: eb.ref('excluded.severity'),
        matches: eb.ref('excluded.matches'),
        rule_pack_version: eb.ref('excluded.rule_pack_version'),
        model_version: eb.ref('excluded.model_version'),
        model: eb.ref('excluded.model'),
        analyzed_at: eb.ref('excluded.analyzed_at'),
      })),
    )
    .execute();
}
