// "Tạo vụ việc": a post the analyzer missed, found by a collaborator (the search page, or
// POST /api/posts/:id/incident), opens an incident with the category and severity the person
// chose, or joins an open incident the person picked. The same story locks and fingerprint as
// correlation (correlate.ts), so reposts the analyzer does flag later join this incident; the
// membership reason is 'manual' and the audit event names the person. Evidence is captured as for
// any filed post.
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { CATEGORIES, type Category, type Severity } from '../analysis/types.js';
import { enqueueEvidenceOf } from '../posts/analyze-post.js';
import { postText } from '../posts/post-text.js';
import { computeDeadlines } from '../sla/deadlines.js';
import { loadSlaSettings, type SlaSettings } from '../sla/sla-settings.repository.js';
import { addMember, deadlineColumns, incidentTitle, lockStories, OPEN_STATUSES, storyLinks, storyLockKeys, threadRootOf } from './correlate.js';
import { fingerprint } from './fingerprint.js';
import type { Actor } from './workflow.js';
import { recordIncidentExamples } from '../learning/example.repository.js';

/** What a person may open an incident as: every category but good news ("phủ xanh" is never an incident). */
export const MANUAL_CATEGORIES = CATEGORIES.filter((c): c is Exclude<Category, 'tich_cuc'> => c !== 'tich_cuc');
export type ManualCategory = (typeof MANUAL_CATEGORIES)[number];

export type ManualTarget =
  | { readonly kind: 'new'; readonly category: ManualCategory; readonly severity: Severity }
  | { readonly kind: 'existing'; readonly incidentId: string };

export type ManualFilingCode = 'post_not_found' | 'post_purged' | 'already_filed' | 'incident_not_found' | 'incident_closed';

export class ManualFilingError extends Error {
  override readonly name = 'ManualFilingError';
  constructor(
    readonly code: ManualFilingCode,
    message: string,
    readonly httpStatus: 404 | 409,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface ManualFilingResult {
  readonly incidentId: string;
  readonly created: boolean;
  /** The incident's category: the one chosen, or the joined incident's. */
  readonly category: string;
}

export interface ManualFilingInput {
  readonly postId: string;
  readonly actor: Actor;
  readonly target: ManualTarget;
  readonly now?: Date;
  readonly sla?: SlaSettings;
}

/** One transaction; a post already in an incident is refused (409 already_filed, naming it). */
export async function fileMissedPost(db: Db, input: ManualFilingInput): Promise<ManualFilingResult> {
  const now = input.now ?? new Date();
  const { actor, target } = input;
  return db.transaction().execute(async (tx) => {
    const post = await tx
      .selectFrom('posts')
      .select(['id', 'title', 'body', 'canonical_url', 'source_id', 'external_id', 'parent_external_id', 'content_purged_at'])
      .where('id', '=', input.postId)
      .executeTakeFirst();
    if (!post) throw new ManualFilingError('post_not_found', `post ${input.postId} not found`, 404);
    if (post.content_purged_at) throw new ManualFilingError('post_purged', `the content of post ${post.id} was purged: nothing left to file`, 409);
    const links = storyLinks(post);
    const print = fingerprint(postText(post));
    // As correlation does: a flagged repost being filed right now waits, then finds this incident.
    await lockStories(tx, storyLockKeys(links, threadRootOf(post), print));
    const filed = await tx.selectFrom('incident_posts').select('incident_id').where('post_id', '=', post.id).executeTakeFirst();
    if (filed) throw new ManualFilingError('already_filed', `post ${post.id} is already in incident ${filed.incident_id}`, 409, { incident_id: filed.incident_id });

    let result: ManualFilingResult;
    if (target.kind === 'existing') {
      const incident = await tx.selectFrom('incidents').select(['id', 'status', 'category']).where('id', '=', target.incidentId).forUpdate().executeTakeFirst();
      if (!incident) throw new ManualFilingError('incident_not_found', `incident ${target.incidentId} not found`, 404);
      if (!(OPEN_STATUSES as readonly string[]).includes(incident.status)) {
        throw new ManualFilingError('incident_closed', `incident ${incident.id} is ${incident.status}: a post joins only an open incident (reopen it first)`, 409, { status: incident.status });
      }
      await addMember(tx, { incidentId: incident.id, postId: post.id, reason: 'manual', print, now, actor, event: { type: 'post_added', after: { post_id: post.id, reason: 'manual' } } });
      result = { incidentId: incident.id, created: false, category: incident.category };
    } else {
      const sla = input.sla ?? (await loadSlaSettings(tx));
      const deadlines = computeDeadlines(now, target.severity, sla.policy, sla.calendar);
      const incident = await tx
        .insertInto('incidents')
        .values({ title: incidentTitle(post), category: target.category, severity: target.severity, link_key: links[0] ?? null, detected_at: now, ...deadlineColumns(deadlines) })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await addMember(tx, {
        incidentId: incident.id,
        postId: post.id,
        reason: 'manual',
        print,
        now,
        actor,
        event: {
          type: 'created',
          after: { category: target.category, severity: target.severity, post_id: post.id, reason: 'manual', ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt },
        },
      });
      result = { incidentId: incident.id, created: true, category: target.category };
    }
    // The analyzer missed this post: it becomes a flagged example of the incident's category.
    await recordIncidentExamples(tx, { incidentId: result.incidentId, decision: { kind: 'manual_incident', category: result.category as Category }, decidedBy: actor.name, postIds: [post.id] });
    return result;
  });
}

/** fileMissedPost, then the post's evidence capture (after the commit; failing to enqueue is logged). */
export async function fileMissedPostWithEvidence(
  deps: Pick<AppContext, 'db'> & { queues?: Pick<AppContext['queues'], 'enqueueMany'>; logger?: Pick<AppContext['logger'], 'warn'> },
  input: ManualFilingInput,
): Promise<ManualFilingResult> {
  const result = await fileMissedPost(deps.db, input);
  await enqueueEvidenceOf(deps, [{ incidentId: result.incidentId, postId: input.postId }]);
  return result;
}
