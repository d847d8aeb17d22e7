import { Hono, type Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { enqueueEvidenceCapture, memberPostIds } from '../../evidence/evidence.repository.js';
import { appendIncidentEvent } from '../../incidents/incident-events.js';
import type { JobQueues } from '../../queue/queue.js';
import { getIncidentDetail, listIncidents, type IncidentDetail } from '../../incidents/incident.repository.js';
import {
  ACTION_TYPES,
  addNote,
  assignIncident,
  changeStatus,
  INCIDENT_STATUSES,
  IncidentNotFoundError,
  lockIncident,
  reclassifyIncident,
  recordAction,
  unlockIncident,
  WorkflowError,
  type Actor,
} from '../../incidents/workflow.js';
import { requireRole, type AuthEnv } from '../auth.js';
import { severitySchema } from '../../analysis/types.js';
import { invalidInput } from './validation.js';

const statusSchema = z.enum(INCIDENT_STATUSES);
const listQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parsed = z.array(statusSchema).safeParse(s.split(','));
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `status must be a comma-separated list of ${statusSchema.options.join(', ')}` });
        return z.NEVER;
      }
      return parsed.data;
    }),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const idParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'a numeric incident id') });
const version = z.number().int().min(1).optional();
const statusBody = z.object({
  to: statusSchema,
  reason: z.string().max(1000).optional(),
  note: z.string().max(4000).optional(),
  version,
});
const assignBody = z.object({ username: z.string().min(1).max(64).nullable(), version });
const noteBody = z.object({ note: z.string().trim().min(1).max(4000) });
const actionBody = z.object({
  type: z.enum(ACTION_TYPES),
  done_at: z.iso.datetime({ offset: true }).optional(),
  description: z.string().max(4000).optional(),
});
const holdBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(1000), note: z.string().max(4000).optional(), version });
const resumeBody = z.object({ note: z.string().max(4000).optional(), version });
const lockBody = z.object({ force: z.boolean().optional() });
const evidenceBody = z.object({ post_id: z.string().regex(/^\d{1,18}$/, 'a numeric post id').optional() });
// The category is checked by the use case: an unknown one is a 422 naming the known ones.
const classifyBody = z.object({ category: z.string().min(1).max(100), severity: severitySchema.optional(), note: z.string().max(4000).optional(), version });

export interface IncidentsApiOptions {
  /** How long a soft lock lasts. */
  readonly lockMinutes: number;
  /** Where on-demand evidence captures are enqueued (POST /:id/evidence answers 503 without). */
  readonly queues?: Pick<JobQueues, 'enqueueMany'>;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The incident as the API shows it: the fields of the issue-5 contract first, then the rest. */
export function incidentJson(detail: IncidentDetail) {
  const { incident: i, posts, events, actions, holds, evidence } = detail;
  return {
    id: i.id,
    title: i.title,
    status: i.status,
    severity: i.severity,
    category: i.category,
    assignee: i.assignee,
    version: i.version,
    created_at: i.created_at.toISOString(),
    ack_due_at: iso(i.ack_due_at),
    resolve_due_at: iso(i.resolve_due_at),
    posts: posts.map((p) => ({
      id: p.id,
      url: p.url,
      title: p.title,
      body: p.body,
      source: p.source,
      source_type: p.source_type,
      published_at: iso(p.published_at),
      collected_at: iso(p.collected_at),
      parent_external_id: p.parent_external_id,
      reason: p.reason,
      added_at: iso(p.added_at),
      categories: p.categories ?? [],
      severity: p.severity,
      matches: p.matches ?? [],
      // Set when retention or a forget-post request deleted the content (title, body emptied).
      content_purged_at: iso(p.content_purged_at),
    })),
    // `actor` is the name stored with the event (username, token:<name> or system); `actor_name` the person's display name.
    events: events.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actor, actor_name: e.actor_name, type: e.type, before: e.before, after: e.after, note: e.note })),
    // Every capture of every member post, failures included (`error` set, no blob).
    evidence: evidence.map((e) => ({
      id: e.id,
      post_id: e.post_id,
      kind: e.kind,
      sha256: e.sha256,
      bytes: e.bytes,
      content_type: e.content_type,
      source_url: e.source_url,
      captured_at: e.captured_at.toISOString(),
      error: e.error,
      href: e.sha256 ? `/api/evidence/${e.sha256}` : null,
    })),
    detected_at: i.detected_at.toISOString(),
    acknowledged_at: iso(i.acknowledged_at),
    resolved_at: iso(i.resolved_at),
    dismissed_at: iso(i.dismissed_at),
    dismiss_reason: i.dismiss_reason,
    hold_reason: i.hold_reason,
    assignee_name: i.assignee_name,
    sla: {
      ack_warn_at: iso(i.ack_warn_at),
      resolve_warn_at: iso(i.resolve_warn_at),
      ack_due_soon_at: iso(i.ack_due_soon_at),
      ack_breached_at: iso(i.ack_breached_at),
      resolve_due_soon_at: iso(i.resolve_due_soon_at),
      resolve_breached_at: iso(i.resolve_breached_at),
    },
    lock: i.locked_until && i.locked_until > new Date() ? { by: i.locked_by, until: i.locked_until.toISOString() } : null,
    actions: actions.map((a) => ({ id: a.id, type: a.type, done_at: a.done_at.toISOString(), description: a.description, actor: a.actor, actor_name: a.actor_name })),
    holds: holds.map((h) => ({ reason: h.reason, started_at: h.started_at.toISOString(), ended_at: iso(h.ended_at) })),
  };
}

function actorOf(c: Context<AuthEnv>): Actor {
  const principal = c.get('principal');
  // requireRole ran before every handler that calls this.
  if (!principal) throw new Error('no principal');
  return { name: principal.name, userId: principal.userId };
}

function workflowError(c: Context<AuthEnv>, error: unknown) {
  if (error instanceof WorkflowError) return c.json({ error: error.code, message: error.message, ...error.details }, error.httpStatus);
  throw error;
}

export function incidentsApi(db: Db, options: IncidentsApiOptions = { lockMinutes: 15 }) {
  const act = requireRole('collaborator', 'admin');
  const respond = async (c: Context<AuthEnv>, id: string, status: 200 | 201 = 200) => {
    const detail = await getIncidentDetail(db, id);
    if (!detail) return workflowError(c, new IncidentNotFoundError(id));
    return c.json(incidentJson(detail), status);
  };
  // Each use case throws a WorkflowError for a refused change; anything else is a 500.
  const attempt = async (c: Context<AuthEnv>, id: string, run: () => Promise<unknown>, status: 200 | 201 = 200) => {
    try {
      await run();
    } catch (error) {
      return workflowError(c, error);
    }
    return respond(c, id, status);
  };

  return new Hono<AuthEnv>()
    .get('/', zValidator('query', listQuery, invalidInput), async (c) => {
      const query = c.req.valid('query');
      const incidents = await listIncidents(db, { status: query.status, limit: query.limit });
      return c.json({
        items: incidents.map((i) => ({
          id: i.id,
          title: i.title,
          category: i.category,
          severity: i.severity,
          status: i.status,
          created_at: i.created_at.toISOString(),
          post_count: i.post_count,
          ack_due_at: i.ack_due_at?.toISOString() ?? null,
          resolve_due_at: i.resolve_due_at?.toISOString() ?? null,
        })),
      });
    })
    .get('/:id', zValidator('param', idParam, invalidInput), (c) => respond(c, c.req.valid('param').id))
    .post('/:id/status', act, zValidator('param', idParam, invalidInput), zValidator('json', statusBody, invalidInput), (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return attempt(c, id, () => changeStatus(db, { incidentId: id, actor: actorOf(c), version: body.version, request: body }));
    })
    .post('/:id/classify', act, zValidator('param', idParam, invalidInput), zValidator('json', classifyBody, invalidInput), (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return attempt(c, id, () =>
        reclassifyIncident(db, { incidentId: id, actor: actorOf(c), version: body.version, category: body.category, ...(body.severity ? { severity: body.severity } : {}), note: body.note ?? null }),
      );
    })
    .post('/:id/hold', act, zValidator('param', idParam, invalidInput), zValidator('json', holdBody, invalidInput), (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return attempt(c, id, () =>
        changeStatus(db, { incidentId: id, actor: actorOf(c), version: body.version, request: { to: 'on_hold', reason: body.reason, note: body.note ?? null } }),
      );
    })
    .post('/:id/resume', act, zValidator('param', idParam, invalidInput), zValidator('json', resumeBody, invalidInput), (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return attempt(c, id, () => changeStatus(db, { incidentId: id, actor: actorOf(c), version: body.version, request: { to: 'in_progress', note: body.note ?? null } }));
    })
    .post('/:id/assign', act, zValidator('param', idParam, invalidInput), zValidator('json', assignBody, invalidInput), (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return attempt(c, id, () => assignIncident(db, { incidentId: id, actor: actorOf(c), version: body.version, username: body.username }));
    })
    .post('/:id/notes', act, zValidator('param', idParam, invalidInput), zValidator('json', noteBody, invalidInput), (c) => {
      const { id } = c.req.valid('param');
      return attempt(c, id, () => addNote(db, { incidentId: id, actor: actorOf(c), note: c.req.valid('json').note }), 201);
    })
    .post('/:id/actions', act, zValidator('param', idParam, invalidInput), zValidator('json', actionBody, invalidInput), (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      return attempt(
        c,
        id,
        () =>
          recordAction(db, {
            incidentId: id,
            actor: actorOf(c),
            type: body.type,
            ...(body.done_at ? { doneAt: new Date(body.done_at) } : {}),
            description: body.description ?? null,
          }),
        201,
      );
    })
    .post('/:id/lock', act, zValidator('param', idParam, invalidInput), zValidator('json', lockBody, invalidInput), (c) => {
      const { id } = c.req.valid('param');
      return attempt(c, id, () => lockIncident(db, { incidentId: id, actor: actorOf(c), minutes: options.lockMinutes, force: c.req.valid('json').force ?? false }));
    })
    .delete('/:id/lock', act, zValidator('param', idParam, invalidInput), (c) => {
      const { id } = c.req.valid('param');
      return attempt(c, id, () => unlockIncident(db, { incidentId: id, actor: actorOf(c), force: c.req.query('force') === 'true' }));
    })
    .post('/:id/evidence', act, zValidator('param', idParam, invalidInput), zValidator('json', evidenceBody, invalidInput), async (c) => {
      // Captures again every member post (or the one given), in the evidence workers; 202 with the jobs.
      const { id } = c.req.valid('param');
      const { post_id: postId } = c.req.valid('json');
      const incident = await db.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst();
      if (!incident) return workflowError(c, new IncidentNotFoundError(id));
      const posts = await memberPostIds(db, id, postId);
      if (postId !== undefined && !posts.length) return c.json({ error: 'not_found', message: `post ${postId} is not a member of incident ${id}` }, 404);
      if (!options.queues) return c.json({ error: 'unavailable', message: 'evidence capture is not available here' }, 503);
      const jobs = await enqueueEvidenceCapture(options.queues, id, posts, Math.floor(Date.now() / 60_000));
      const actor = actorOf(c);
      await appendIncidentEvent(db, { incidentId: id, actor: actor.name, actorUserId: actor.userId, type: 'evidence_requested', after: { post_ids: posts } });
      return c.json({ incident_id: id, post_ids: posts, jobs }, 202);
    });
}

/** The request schemas, for the OpenAPI description (src/http/api/docs.routes.ts). */
export const incidentsApiSchemas = { listQuery, idParam, statusBody, classifyBody, assignBody, noteBody, actionBody, holdBody, resumeBody, lockBody, evidenceBody };
