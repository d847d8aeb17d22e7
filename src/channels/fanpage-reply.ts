// Replying on the commune fanpage from an incident: `POST /{object-id}/comments` with the page's
// token (its source's sealed token), behind the SSRF guard. The same use case serves the API and
// the incident page.
//
// Exactly once, whatever the clicks: every attempt is a fanpage_replies row keyed by the form's
// idempotency key, claimed before Graph is asked. A second submit of the key finds the row: sent →
// the same answer; being sent → waits for the outcome; failed → may try again. A 5xx (or a lost
// answer) is retried, but only after reading the object's comments back: Graph may have created the
// comment before failing, and a blind retry would post it twice. Nothing is recorded as sent
// unless Graph answered with the comment id (or the comment is read back from Graph).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import type { FanpageReplyStatus } from '../db/schema.js';
import { openConfigSecrets, SecretError } from '../config/secrets.js';
import { facebookConfigSchema, graphTime } from '../collectors/facebook.collector.js';
import { callGraph, graphErrorLabel, graphErrorOf, graphSucceeded, type GraphEndpoint } from '../collectors/graph-api.js';
import { FetchError } from '../collectors/safe-fetch.js';
import { IncidentNotFoundError, recordActionIn, VersionConflictError, type Actor } from '../incidents/workflow.js';

/** The longest comment Facebook takes. */
export const MAX_REPLY_CHARS = 8_000;
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,200}$/, '8–200 letters, digits, _ or -');

export const replyBodySchema = z.object({
  post_id: z.string().regex(/^\d{1,18}$/, 'a numeric post id'),
  message: z.string().trim().min(1, 'the reply is empty').max(MAX_REPLY_CHARS),
  version: z.number().int().min(1).optional(),
});

export const REPLY_ERROR_CODES = [
  'not_repliable',
  'token_unavailable',
  'token_expired',
  'permission_missing',
  'comment_deleted',
  'rate_limited',
  'graph_unavailable',
  'graph_error',
  'reply_in_progress',
  'idempotency_key_reused',
] as const;
export type ReplyErrorCode = (typeof REPLY_ERROR_CODES)[number];

const HTTP_STATUS: Record<ReplyErrorCode, 409 | 422 | 502> = {
  not_repliable: 422,
  token_unavailable: 422,
  token_expired: 502,
  permission_missing: 502,
  comment_deleted: 502,
  rate_limited: 502,
  graph_unavailable: 502,
  graph_error: 502,
  reply_in_progress: 409,
  idempotency_key_reused: 422,
};

/** A reply that was not sent; `detail` says why in English (Graph's own words), for logs and the API. */
export class ReplyError extends Error {
  readonly httpStatus: 409 | 422 | 502;
  constructor(
    readonly code: ReplyErrorCode,
    readonly detail: string,
    readonly graphCode?: number,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ReplyError';
    this.httpStatus = HTTP_STATUS[code];
  }
}

const RATE_LIMITED = new Set([4, 17, 32, 368, 613]);

/** What a Graph refusal means for the person replying (README "The commune's own channels"). */
export function replyErrorCode(graphCode: number): ReplyErrorCode {
  if (graphCode === 190) return 'token_expired';
  if (graphCode === 10 || (graphCode >= 200 && graphCode <= 299)) return 'permission_missing';
  if (graphCode === 100) return 'comment_deleted';
  if (RATE_LIMITED.has(graphCode) || (graphCode >= 80_000 && graphCode <= 80_014)) return 'rate_limited';
  return 'graph_error';
}

// --- Which member posts may be answered ---------------------------------------------------------

export interface ReplyTarget {
  readonly postId: string;
  readonly externalId: string;
  readonly sourceId: string;
  readonly sourceName: string;
  /** Replies Graph confirmed, oldest first. */
  readonly sent: readonly { readonly message: string; readonly sentAt: Date; readonly actor: string }[];
}

/** Members of the incident that are posts or comments of a Facebook page that is a commune channel. */
export async function replyTargets(db: Db, incidentId: string): Promise<ReplyTarget[]> {
  const rows = await db
    .selectFrom('incident_posts as ip')
    .innerJoin('posts as p', 'p.id', 'ip.post_id')
    .innerJoin('sources as s', 's.id', 'p.source_id')
    .select(['p.id as postId', 'p.external_id as externalId', 's.id as sourceId', 's.name as sourceName'])
    .where('ip.incident_id', '=', incidentId)
    .where('s.type', '=', 'facebook_page')
    .where('s.is_commune_channel', '=', true)
    .orderBy('ip.added_at')
    .orderBy('p.id')
    .execute();
  if (!rows.length) return [];
  const sent = await db
    .selectFrom('fanpage_replies')
    .select(['post_id', 'message', 'sent_at', 'actor'])
    .where('incident_id', '=', incidentId)
    .where('status', '=', 'sent')
    .orderBy('sent_at')
    .execute();
  return rows.map((r) => ({ ...r, sent: sent.filter((s) => s.post_id === r.postId).map((s) => ({ message: s.message, sentAt: s.sent_at!, actor: s.actor })) }));
}

// --- The use case ----------------------------------------------------------------------------------

export interface ReplyInput {
  readonly incidentId: string;
  readonly postId: string;
  readonly message: string;
  /** The incident version the actor saw; a stale one is refused (409) before anything is sent. */
  readonly version?: number | undefined;
  /** One per form (or API request): the same key never posts twice. Default: derived from the reply itself. */
  readonly idempotencyKey?: string | undefined;
  readonly actor: Actor;
}

export interface ReplyOutcome {
  readonly actionId: string;
  readonly externalReplyId: string;
  /** True when an earlier request with the same key had sent it already. */
  readonly replayed: boolean;
}

export interface ReplyOptions {
  /** Waits before each retry of a 5xx or lost answer (so attempts = length + 1). */
  readonly retryDelaysMs?: readonly number[];
  /** How long a second submit waits for the first one's outcome. */
  readonly waitForOtherMs?: number;
}

type Ctx = Pick<AppContext, 'db' | 'config' | 'logger'>;

const DEFAULT_RETRY_DELAYS_MS = [500, 2_000];
const GRAPH_TIMEOUT_MS = 20_000;
/** A claim older than this belongs to a request that died: it may be taken again (after reading back). */
const STALE_CLAIM_MS = 3 * 60_000;
/** Read-back window: a comment with the reply's text created since the claim, less this margin (clock skew). */
const READ_BACK_MARGIN_MS = 2 * 60_000;

/** The default key: the same actor sending the same text to the same member post is one reply. */
export function derivedIdempotencyKey(input: Pick<ReplyInput, 'incidentId' | 'postId' | 'actor' | 'message'>): string {
  return `auto-${createHash('sha256').update([input.incidentId, input.postId, input.actor.name, input.message.trim()].join('\u0000')).digest('hex').slice(0, 40)}`;
}

interface Claimed {
  readonly id: string;
  readonly attempts: number;
  /** When the key was first claimed: a comment read back must be younger. */
  readonly firstClaimedAt: Date;
}

export async function replyOnFanpage(ctx: Ctx, input: ReplyInput, options: ReplyOptions = {}): Promise<ReplyOutcome> {
  const { db } = ctx;
  const message = input.message.trim();
  const incident = await db.selectFrom('incidents').select(['id', 'version']).where('id', '=', input.incidentId).executeTakeFirst();
  if (!incident) throw new IncidentNotFoundError(input.incidentId);
  if (input.version !== undefined && input.version !== incident.version) throw new VersionConflictError(input.version, incident.version);
  const target = await db
    .selectFrom('incident_posts as ip')
    .innerJoin('posts as p', 'p.id', 'ip.post_id')
    .innerJoin('sources as s', 's.id', 'p.source_id')
    .select(['p.id', 'p.external_id', 's.config', 's.type', 's.is_commune_channel'])
    .where('ip.incident_id', '=', input.incidentId)
    .where('ip.post_id', '=', input.postId)
    .executeTakeFirst();
  if (!target || target.type !== 'facebook_page' || !target.is_commune_channel) {
    throw new ReplyError('not_repliable', `post ${input.postId} is not a post or comment of a commune fanpage in incident ${input.incidentId}`);
  }

  const key = input.idempotencyKey ?? derivedIdempotencyKey({ ...input, message });
  const claimed = await claim(db, key, { ...input, message });
  if (!claimed) return otherRequestsOutcome(db, key, { ...input, message }, options.waitForOtherMs ?? 25_000);

  try {
    const endpoint = endpointOf(ctx, target.config);
    const externalReplyId = await sendOnce(endpoint, target.external_id, message, claimed, options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS);
    const sentAt = new Date();
    const actionId = await db.transaction().execute(async (tx) => {
      const action = await recordActionIn(tx, {
        incidentId: input.incidentId,
        actor: input.actor,
        type: 'replied_on_fanpage',
        doneAt: sentAt,
        description: message,
        reply: { postId: input.postId, externalReplyId },
      });
      await tx
        .updateTable('fanpage_replies')
        .set({ status: 'sent', external_reply_id: externalReplyId, action_id: action.id, sent_at: sentAt, error: null, error_code: null })
        .where('id', '=', claimed.id)
        .execute();
      return action.id;
    });
    ctx.logger.info({ incident: input.incidentId, post: input.postId, reply: externalReplyId }, 'replied on the fanpage');
    return { actionId, externalReplyId, replayed: false };
  } catch (error) {
    if (!(error instanceof ReplyError)) throw error;
    await db
      .updateTable('fanpage_replies')
      .set({ status: 'failed', error_code: error.code, error: error.detail.slice(0, 2_000) })
      .where('id', '=', claimed.id)
      .execute();
    ctx.logger.warn({ incident: input.incidentId, post: input.postId, code: error.code, detail: error.detail }, 'fanpage reply not sent');
    throw error;
  }
}

/** Takes the key for this request: a new row, or a failed (or abandoned) one of the same reply. */
async function claim(db: Db, key: string, input: ReplyInput): Promise<Claimed | undefined> {
  const now = new Date();
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
  const row = await db
    .insertInto('fanpage_replies')
    .values({
      idempotency_key: key,
      incident_id: input.incidentId,
      post_id: input.postId,
      message: input.message,
      status: 'sending',
      claimed_at: now,
      actor: input.actor.name,
      actor_user_id: input.actor.userId,
    })
    .onConflict((oc) =>
      oc
        .column('idempotency_key')
        .doUpdateSet({ status: 'sending', attempts: sql`fanpage_replies.attempts + 1`, claimed_at: now, error: null, error_code: null, actor: input.actor.name, actor_user_id: input.actor.userId })
        .where((eb) =>
          eb.and([
            eb('fanpage_replies.incident_id', '=', input.incidentId),
            eb('fanpage_replies.post_id', '=', input.postId),
            eb('fanpage_replies.message', '=', input.message),
            eb.or([eb('fanpage_replies.status', '=', 'failed'), eb.and([eb('fanpage_replies.status', '=', 'sending'), eb('fanpage_replies.claimed_at', '<', staleBefore)])]),
          ]),
        ),
    )
    .returning(['id', 'attempts', 'created_at'])
    .executeTakeFirst();
  return row ? { id: row.id, attempts: row.attempts, firstClaimedAt: row.created_at } : undefined;
}

/** Another request holds (or held) the key: its answer, once it has one. */
async function otherRequestsOutcome(db: Db, key: string, input: ReplyInput, waitMs: number): Promise<ReplyOutcome> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await db.selectFrom('fanpage_replies').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
    if (row.incident_id !== input.incidentId || row.post_id !== input.postId || row.message !== input.message) {
      throw new ReplyError('idempotency_key_reused', 'this idempotency key was used for another reply');
    }
    const status: FanpageReplyStatus = row.status;
    if (status === 'sent') return { actionId: row.action_id!, externalReplyId: row.external_reply_id!, replayed: true };
    if (status === 'failed') {
      // Failed between our claim attempt and this read: the caller may submit again.
      const code = (REPLY_ERROR_CODES as readonly string[]).includes(row.error_code ?? '') ? (row.error_code as ReplyErrorCode) : 'graph_error';
      throw new ReplyError(code, row.error ?? 'the reply was not sent');
    }
    if (Date.now() >= deadline) throw new ReplyError('reply_in_progress', 'the same reply is being sent by another request');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function endpointOf(ctx: Ctx, sealedConfig: Record<string, unknown>): GraphEndpoint {
  let config;
  try {
    config = facebookConfigSchema.safeParse(openConfigSecrets(ctx.config.SECRET_KEY, sealedConfig));
  } catch (error) {
    if (error instanceof SecretError) throw new ReplyError('token_unavailable', error.message);
    throw error;
  }
  if (!config.success) throw new ReplyError('token_unavailable', `the page's source config is not valid: ${config.error.issues[0]?.message ?? 'bad config'}`);
  return {
    baseUrl: config.data.graphUrl ?? ctx.config.GRAPH_API_URL,
    version: config.data.graphVersion ?? ctx.config.GRAPH_API_VERSION,
    token: config.data.token,
    allowHosts: ctx.config.FETCH_ALLOW_HOSTS,
  };
}

const createdSchema = z.object({ id: z.string().min(1).max(200) });
const commentsSchema = z.object({ data: z.array(z.object({ id: z.string(), message: z.string().optional(), created_time: z.string() })) });

type Attempt = { readonly kind: 'sent'; readonly id: string } | { readonly kind: 'retry'; readonly detail: string } | { readonly kind: 'refused'; readonly error: ReplyError };

/** One POST: sent, refused for good, or worth retrying (5xx, Graph's transient codes, no answer). */
async function post(endpoint: GraphEndpoint, objectId: string, message: string): Promise<Attempt> {
  let answer;
  try {
    answer = await callGraph(endpoint, { method: 'POST', path: `${objectId}/comments`, form: { message }, timeoutMs: GRAPH_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof FetchError && !error.permanent) return { kind: 'retry', detail: error.message };
    throw new ReplyError('graph_unavailable', error instanceof Error ? error.message : String(error));
  }
  if (graphSucceeded(answer)) {
    const created = createdSchema.safeParse(answer.body);
    // 200 without an id: Graph did not say a comment exists, so nothing is recorded as sent.
    if (created.success) return { kind: 'sent', id: created.data.id };
    return { kind: 'refused', error: new ReplyError('graph_error', `Graph API answered HTTP ${answer.status} without a comment id`) };
  }
  const error = graphErrorOf(answer.body);
  if (answer.status >= 500 || error?.code === 1 || error?.code === 2) return { kind: 'retry', detail: error ? graphErrorLabel(error) : `Graph API answered HTTP ${answer.status}` };
  if (!error) return { kind: 'refused', error: new ReplyError('graph_error', `Graph API answered HTTP ${answer.status} without an error object`) };
  return { kind: 'refused', error: new ReplyError(replyErrorCode(error.code), graphErrorLabel(error), error.code) };
}

/**
 * The comment with this text the page created since `since`, read back from Graph; undefined when
 * there is none; throws when Graph cannot be read (then nobody knows, and nothing is sent again).
 */
async function readBack(endpoint: GraphEndpoint, objectId: string, message: string, since: Date): Promise<string | undefined> {
  const answer = await callGraph(endpoint, {
    path: `${objectId}/comments`,
    params: { filter: 'stream', order: 'reverse_chronological', fields: 'id,message,created_time', limit: '50' },
    timeoutMs: GRAPH_TIMEOUT_MS,
  }).catch((error: unknown) => {
    throw new ReplyError('graph_unavailable', `could not read the comments back to check for a duplicate: ${error instanceof Error ? error.message : String(error)}`);
  });
  const list = commentsSchema.safeParse(answer.body);
  if (!graphSucceeded(answer) || !list.success) {
    const error = graphErrorOf(answer.body);
    if (error && error.code !== 1 && error.code !== 2 && answer.status < 500) throw new ReplyError(replyErrorCode(error.code), graphErrorLabel(error), error.code);
    throw new ReplyError('graph_unavailable', `could not read the comments back to check for a duplicate (HTTP ${answer.status})`);
  }
  const found = list.data.data.find((c) => (c.message ?? '').trim() === message && (graphTime(c.created_time)?.getTime() ?? 0) >= since.getTime() - READ_BACK_MARGIN_MS);
  return found?.id;
}

async function sendOnce(endpoint: GraphEndpoint, objectId: string, message: string, claimed: Claimed, delays: readonly number[]): Promise<string> {
  // A key taken again (an earlier attempt failed, or its request died): was it posted after all?
  if (claimed.attempts > 1) {
    const existing = await readBack(endpoint, objectId, message, claimed.firstClaimedAt);
    if (existing) return existing;
  }
  let last = '';
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) {
      await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
      const existing = await readBack(endpoint, objectId, message, claimed.firstClaimedAt);
      if (existing) return existing;
    }
    const result = await post(endpoint, objectId, message);
    if (result.kind === 'sent') return result.id;
    if (result.kind === 'refused') throw result.error;
    last = result.detail;
  }
  const existing = await readBack(endpoint, objectId, message, claimed.firstClaimedAt);
  if (existing) return existing;
  throw new ReplyError('graph_unavailable', `no answer from Graph after ${delays.length + 1} attempts: ${last}`);
}
