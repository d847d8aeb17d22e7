// The triage queue (GET /, filters as query parameters; POST /incidents/bulk) and the incident page
// (GET /incidents/:id; POST /incidents/:id/<action>). Any signed-in role reads; collaborators and
// admins act, through the same use cases as the JSON API, each change checked against the version
// the form was rendered with. Every POST answers 303 back to the page with a flash message.
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from '../context.js';
import type { IncidentStatus } from '../db/schema.js';
import { ruleIdSchema } from '../analysis/rules.js';
import { SEVERITIES } from '../analysis/types.js';
import { assignableUsers, queryQueue, sourceOptions, type QueueFilter } from '../incidents/incident-queue.js';
import { getIncidentDetail } from '../incidents/incident.repository.js';
import {
  ACTION_TYPES,
  addNote,
  assignIncident,
  changeStatus,
  IllegalTransitionError,
  IncidentNotFoundError,
  VersionConflictError,
  INCIDENT_STATUSES,
  lockIncident,
  reclassifyIncident,
  recordAction,
  unlockIncident,
  WorkflowError,
  type ActionType,
  type Actor,
} from '../incidents/workflow.js';
import type { SessionPrincipal } from '../users/user.repository.js';
import { idempotencyKeySchema, MAX_REPLY_CHARS, ReplyError, replyOnFanpage, replyTargets } from '../channels/fanpage-reply.js';
import { IncidentPage, type Flash } from '../../dashboards/pages/incident.js';
import type { ReplyDraft, ReplyForms } from '../../dashboards/pages/fanpage-reply.js';
import { QueuePage } from '../../dashboards/pages/queue.js';
import { label, vi } from '../../dashboards/i18n.js';
import { sessionOf, type AuthEnv } from './auth.js';
import { csrfRefusal, field, pageSession } from './page-guard.js';

const ACTORS = ['collaborator', 'admin'] as const;
const ID = /^\d{1,18}$/;
const BULK_MAX = 200;
const TAKEABLE: readonly IncidentStatus[] = ['new', 'acknowledged', 'in_progress', 'on_hold'];

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** The queue filter from the query string; unknown values are ignored. */
export function parseQueueFilter(query: Record<string, string | undefined>): QueueFilter {
  const status = query.status === 'all' ? 'all' : (oneOf(INCIDENT_STATUSES, query.status) ?? 'open');
  const category = oneOf(Object.keys(vi.categories), query.category);
  const severity = oneOf(Object.keys(vi.severities), query.severity);
  const source = query.source && ID.test(query.source) ? query.source : undefined;
  const rule = query.rule && query.rule.length <= 100 && ruleIdSchema.safeParse(query.rule).success ? query.rule : undefined;
  const assignee = query.assignee === 'none' || (query.assignee && /^[0-9a-f-]{1,40}$/i.test(query.assignee)) ? query.assignee : undefined;
  return { status, category, severity, source, rule, assignee, dueSoon: query.due_soon === '1', breached: query.breached === '1' };
}

type ErrorCode = Exclude<keyof typeof vi.incident.errors, 'illegal_transition'> | 'illegal_transition';
const ERROR_CODES = Object.keys(vi.incident.errors) as ErrorCode[];

/** A refused change as query parameters (a code, never free text, so a link cannot put words on the page). */
function errorParams(error: WorkflowError | FormError): URLSearchParams {
  if (error instanceof FormError) return new URLSearchParams({ error: error.code });
  if (error instanceof IllegalTransitionError) {
    return new URLSearchParams({ error: 'illegal_transition', from: String(error.details.from), to: String(error.details.to) });
  }
  const code = (ERROR_CODES as string[]).includes(error.code) ? error.code : 'invalid';
  return new URLSearchParams({ error: code });
}

/** The Vietnamese sentence for an error code from the query string (undefined when unknown). */
function errorMessage(query: Record<string, string | undefined>): string | undefined {
  const code = oneOf(ERROR_CODES, query.error);
  if (!code) return undefined;
  const e = vi.incident.errors;
  if (code === 'illegal_transition') {
    const from = oneOf(INCIDENT_STATUSES, query.from);
    const to = oneOf(INCIDENT_STATUSES, query.to);
    return from && to ? e.illegal_transition(label(vi.statuses, from), label(vi.statuses, to)) : e.invalid;
  }
  return e[code];
}

/** Hanoi wall-clock "yyyy-mm-ddThh:mm" (datetime-local) → instant; UTC+7 all year. */
function parseLocalTime(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}:00+07:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

type Form = Record<string, unknown>;
/** One action of the incident page: runs the use case(s), returns the flash key on success. */
type Op = (input: { id: string; version: number | undefined; actor: Actor; session: SessionPrincipal; form: Form }) => Promise<string>;

export function incidentPagesRoutes(context: AppContext) {
  const { db, config } = context;

  const ops: Record<string, Op> = {
    acknowledge: async ({ id, version, actor }) => {
      await changeStatus(db, { incidentId: id, actor, version, request: { to: 'acknowledged' } });
      return 'acknowledge';
    },
    take: async ({ id, version, actor, session }) => {
      // Assign to me, then start (unless already in progress), then say so with the soft lock.
      // Checked first, so a refused start leaves no assignment behind.
      const current = await db.selectFrom('incidents').select(['status', 'version']).where('id', '=', id).executeTakeFirst();
      if (!current) throw new IncidentNotFoundError(id);
      if (version !== undefined && version !== current.version) throw new VersionConflictError(version, current.version);
      if (!TAKEABLE.includes(current.status)) throw new IllegalTransitionError(current.status, 'in_progress');
      const assigned = await assignIncident(db, { incidentId: id, actor, version, username: session.username });
      if (assigned.status !== 'in_progress') await changeStatus(db, { incidentId: id, actor, version: assigned.version, request: { to: 'in_progress' } });
      await lockIncident(db, { incidentId: id, actor, minutes: config.INCIDENT_LOCK_MINUTES, force: true });
      return 'take';
    },
    assign: async ({ id, version, actor, form }) => {
      const username = field(form, 'username').trim();
      await assignIncident(db, { incidentId: id, actor, version, username: username || null });
      return 'assign';
    },
    note: async ({ id, actor, form }) => {
      const note = field(form, 'note').trim().slice(0, 4000);
      if (!note) throw new FormError('note_empty');
      await addNote(db, { incidentId: id, actor, note });
      return 'note';
    },
    action: async ({ id, actor, form }) => {
      const type = oneOf<ActionType>(ACTION_TYPES, field(form, 'type'));
      const when = field(form, 'done_at');
      const doneAt = when ? parseLocalTime(when) : undefined;
      if (!type || (when && !doneAt) || (doneAt && doneAt.getTime() > Date.now() + 5 * 60_000)) throw new FormError('invalid');
      await recordAction(db, { incidentId: id, actor, type, ...(doneAt ? { doneAt } : {}), description: field(form, 'description').slice(0, 4000) || null });
      return 'action';
    },
    hold: async ({ id, version, actor, form }) => {
      await changeStatus(db, { incidentId: id, actor, version, request: { to: 'on_hold', reason: field(form, 'reason').slice(0, 1000) } });
      return 'hold';
    },
    resume: async ({ id, version, actor }) => {
      await changeStatus(db, { incidentId: id, actor, version, request: { to: 'in_progress' } });
      return 'resume';
    },
    resolve: async ({ id, version, actor, form }) => {
      await changeStatus(db, { incidentId: id, actor, version, request: { to: 'resolved', note: field(form, 'note').slice(0, 4000) || null } });
      return 'resolve';
    },
    dismiss: async ({ id, version, actor, form }) => {
      const request = { to: 'dismissed' as const, reason: field(form, 'reason'), note: field(form, 'note').slice(0, 4000) || null };
      await changeStatus(db, { incidentId: id, actor, version, request });
      return 'dismiss';
    },
    reopen: async ({ id, version, actor }) => {
      await changeStatus(db, { incidentId: id, actor, version, request: { to: 'in_progress' } });
      return 'reopen';
    },
    classify: async ({ id, version, actor, form }) => {
      const severity = oneOf(SEVERITIES, field(form, 'severity'));
      const after = await reclassifyIncident(db, { incidentId: id, actor, version, category: field(form, 'category'), ...(severity ? { severity } : {}), note: field(form, 'note').slice(0, 4000) || null });
      // The version the form was rendered with (checked above) unchanged: nothing was decided.
      return after.version === version ? 'classify_unchanged' : 'classify';
    },
    unlock: async ({ id, actor, session }) => {
      // The holder releases their own lock; an admin may force anyone's (unlockIncident refuses others).
      await unlockIncident(db, { incidentId: id, actor, force: session.role === 'admin' });
      return 'unlock';
    },
  };

  const notFound = (c: Context<AuthEnv>) => c.text(vi.incident.notFound, 404);

  /** The incident page; after a refused reply, with the text kept in its form (same key: sending again is safe). */
  const showIncident = async (c: Context<AuthEnv>, session: SessionPrincipal, id: string, extra: { flash?: Flash | undefined; draft?: ReplyDraft; status?: 200 | 400 | 409 | 422 | 502 } = {}) => {
    const canAct = (ACTORS as readonly string[]).includes(session.role);
    const [detail, users, targets] = await Promise.all([getIncidentDetail(db, id), assignableUsers(db), replyTargets(db, id)]);
    if (!detail) return notFound(c);
    // One idempotency key per form, fresh for every page view: a double submit of one form posts once.
    const replies: ReplyForms = { targets, keys: Object.fromEntries(targets.map((t) => [t.postId, extra.draft?.postId === t.postId ? extra.draft.key : randomUUID()])), draft: extra.draft, canReply: canAct };
    c.header('cache-control', 'no-store');
    return c.html(
      <IncidentPage user={session} detail={detail} users={users} canAct={canAct} now={new Date()} flash={extra.flash} unlock={unlockMode(session, detail.incident)} replies={replies} />,
      extra.status ?? 200,
    );
  };

  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      if (!sessionOf(c)) return c.redirect('/login', 302);
      const { session, refusal } = pageSession(c);
      if (refusal) return refusal;
      const filter = parseQueueFilter(c.req.query());
      const now = new Date();
      const [result, sources, users] = await Promise.all([queryQueue(db, filter, now), sourceOptions(db), assignableUsers(db)]);
      const ok = Number(c.req.query('ok'));
      const failed = Number(c.req.query('failed'));
      let flash: Flash | undefined;
      if (c.req.query('bulk') === 'none') flash = { kind: 'error', text: vi.queue.bulkNone };
      else if (c.req.query('bulk') === 'done' && Number.isInteger(ok) && Number.isInteger(failed)) {
        flash = { kind: failed ? 'error' : 'ok', text: vi.queue.bulkResult(ok, failed) };
      }
      const url = new URL(c.req.url);
      for (const key of ['bulk', 'ok', 'failed']) url.searchParams.delete(key);
      return c.html(
        <QueuePage
          user={session}
          result={result}
          filter={filter}
          sources={sources}
          users={users}
          canAct={(ACTORS as readonly string[]).includes(session.role)}
          now={now}
          query={url.search}
          flash={flash}
        />,
      );
    })
    .post('/incidents/bulk', async (c) => {
      const { session, refusal } = pageSession(c, ACTORS);
      if (refusal) return refusal;
      const form = await c.req.parseBody({ all: true });
      const refused = csrfRefusal(c, session, form);
      if (refused) return refused;
      const raw = form.ids;
      const picks = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
        .filter((v): v is string => typeof v === 'string')
        .map((v) => /^(\d{1,18}):(\d{1,9})$/.exec(v))
        .filter((m): m is RegExpExecArray => m !== null)
        .slice(0, BULK_MAX)
        .map((m) => ({ id: m[1]!, version: Number(m[2]) }));
      const back = field(form, 'back');
      const params = new URLSearchParams(back.startsWith('?') ? back.slice(1) : '');
      if (!picks.length) {
        params.set('bulk', 'none');
        return c.redirect(`/?${params}#thong-bao`, 303);
      }
      const op = field(form, 'op');
      const to = oneOf<IncidentStatus>(INCIDENT_STATUSES, field(form, 'to'));
      const actor: Actor = { name: session.name, userId: session.userId };
      let ok = 0;
      let failed = 0;
      // One by one, each through the use case with its own version check: one refusal stops none.
      for (const pick of picks) {
        try {
          if (op === 'assign') {
            await assignIncident(db, { incidentId: pick.id, actor, version: pick.version, username: field(form, 'username').trim() || null });
          } else if (op === 'status' && to) {
            const reason = to === 'dismissed' ? field(form, 'dismiss_reason') : to === 'on_hold' ? field(form, 'reason').slice(0, 1000) : null;
            const note = to === 'dismissed' ? field(form, 'reason').slice(0, 4000) || null : null;
            await changeStatus(db, { incidentId: pick.id, actor, version: pick.version, request: { to, reason, note } });
          } else {
            failed++;
            continue;
          }
          ok++;
        } catch (error) {
          if (!(error instanceof WorkflowError)) throw error;
          failed++;
        }
      }
      params.set('bulk', 'done');
      params.set('ok', String(ok));
      params.set('failed', String(failed));
      return c.redirect(`/?${params}#thong-bao`, 303);
    })
    .get('/incidents/:id', async (c) => {
      const { session, refusal } = pageSession(c);
      if (refusal) return refusal;
      const id = c.req.param('id');
      if (!ID.test(id)) return notFound(c);
      const done = c.req.query('done');
      const error = errorMessage(c.req.query());
      let flash: Flash | undefined;
      if (done && vi.incident.flash[done]) flash = { kind: 'ok', text: vi.incident.flash[done]! };
      else if (error) flash = { kind: 'error', text: error };
      return showIncident(c, session, id, { flash });
    })
    .post('/incidents/:id/reply', bodyLimit({ maxSize: 128 * 1024, onError: (c) => c.text('Payload Too Large', 413) }), async (c) => {
      const { session, refusal } = pageSession(c, ACTORS);
      if (refusal) return refusal;
      const form = await c.req.parseBody();
      const refused = csrfRefusal(c, session, form);
      if (refused) return refused;
      const id = c.req.param('id');
      const postId = field(form, 'post_id');
      if (!ID.test(id) || !ID.test(postId)) return notFound(c);
      const message = field(form, 'message').trim();
      const key = idempotencyKeySchema.safeParse(field(form, 'idempotency_key'));
      const draft: ReplyDraft = { postId, message, key: key.success ? key.data : randomUUID() };
      const refuse = (code: string, status: 400 | 409 | 422 | 502) =>
        showIncident(c, session, id, { flash: { kind: 'error', text: vi.channels.reply.errors[code] ?? vi.incident.errors.invalid }, draft, status });
      if (!message || message.length > MAX_REPLY_CHARS) return refuse('empty', 400);
      if (!key.success) return refuse('idempotency_key_reused', 400);
      try {
        await replyOnFanpage(context, { incidentId: id, postId, message, idempotencyKey: key.data, actor: { name: session.name, userId: session.userId } });
      } catch (error) {
        if (error instanceof WorkflowError && error.code === 'not_found') return notFound(c);
        if (error instanceof ReplyError) return refuse(error.code, error.httpStatus);
        throw error;
      }
      return c.redirect(`/incidents/${id}?done=reply#thong-bao`, 303);
    })
    .post('/incidents/:id/:op', async (c) => {
      const { session, refusal } = pageSession(c, ACTORS);
      if (refusal) return refusal;
      const form = await c.req.parseBody();
      const refused = csrfRefusal(c, session, form);
      if (refused) return refused;
      const id = c.req.param('id');
      const op = ops[c.req.param('op')];
      if (!ID.test(id) || !op) return notFound(c);
      const versionField = field(form, 'version');
      const version = /^\d{1,9}$/.test(versionField) ? Number(versionField) : undefined;
      const page = `/incidents/${id}`;
      try {
        const done = await op({ id, version, actor: { name: session.name, userId: session.userId }, session, form });
        return c.redirect(`${page}?done=${done}#thong-bao`, 303);
      } catch (error) {
        if (error instanceof WorkflowError && error.code === 'not_found') return notFound(c);
        if (!(error instanceof WorkflowError || error instanceof FormError)) throw error;
        // The fresh page says why, in Vietnamese, from the code (the i18n table).
        return c.redirect(`${page}?${errorParams(error)}#thong-bao`, 303);
      }
    });
}

/** Whether the page offers to release the soft lock: to its holder, and to admins as "force". */
function unlockMode(session: SessionPrincipal, incident: { locked_by: string | null; locked_until: Date | null }): 'own' | 'force' | undefined {
  if (!incident.locked_by || !incident.locked_until || incident.locked_until <= new Date()) return undefined;
  if (incident.locked_by === session.name) return 'own';
  return session.role === 'admin' ? 'force' : undefined;
}

class FormError extends Error {
  constructor(readonly code: 'invalid' | 'note_empty') {
    super(code);
  }
}
