// The incident workflow: a pure transition table, then use cases that apply one change in a
// transaction with an optimistic version check and write it to the audit trail.
import { sql, type Kysely } from 'kysely';
import type { Database, Incident, IncidentStatus } from '../db/schema.js';
import { computeDeadlines, type Pause } from '../sla/deadlines.js';
import { loadPauses, loadSlaSettings, type SlaSettings } from '../sla/sla-settings.repository.js';
import { staleSlaMarks } from '../sla/marks.js';
import { deadlineColumns } from './correlate.js';
import { appendIncidentEvent } from './incident-events.js';
import { recordIncidentExamples, revertClosingExamples } from '../learning/example.repository.js';
import { CATEGORIES, categorySchema, severityRank, type Category, type Severity } from '../analysis/types.js';

export const INCIDENT_STATUSES = ['new', 'acknowledged', 'in_progress', 'on_hold', 'resolved', 'dismissed'] as const satisfies readonly IncidentStatus[];
/** Resolved or dismissed: its handling is on record (reopening makes it open again). */
export const isClosedStatus = (status: IncidentStatus): boolean => status === 'resolved' || status === 'dismissed';
export const DISMISS_REASONS = ['false_positive', 'duplicate', 'out_of_scope', 'other'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];
export const ACTION_TYPES = ['replied_on_fanpage', 'official_clarification', 'reported_to_platform', 'forwarded_to_agency', 'met_citizen', 'other'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Where each status may go. Reopening (resolved | dismissed → in_progress) is the only way back. */
export const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  new: ['acknowledged', 'in_progress', 'dismissed'],
  acknowledged: ['in_progress', 'on_hold', 'resolved', 'dismissed'],
  in_progress: ['on_hold', 'resolved', 'dismissed'],
  on_hold: ['in_progress', 'resolved', 'dismissed'],
  resolved: ['in_progress'],
  dismissed: ['in_progress'],
};

export type TransitionKind = 'acknowledge' | 'start' | 'hold' | 'resume' | 'resolve' | 'dismiss' | 'reopen';

export interface TransitionRequest {
  readonly to: IncidentStatus;
  /** Required to dismiss (one of DISMISS_REASONS) and to put on hold (free text). */
  readonly reason?: string | null;
  readonly note?: string | null;
}

export interface TransitionPlan {
  readonly from: IncidentStatus;
  readonly to: IncidentStatus;
  readonly kind: TransitionKind;
  readonly dismissReason?: DismissReason;
  readonly holdReason?: string;
}

// Typed errors: each says what went wrong in words a collaborator understands, and maps to HTTP.
export class WorkflowError extends Error {
  constructor(
    readonly code: 'illegal_transition' | 'reason_required' | 'version_conflict' | 'not_found' | 'locked' | 'unknown_user' | 'unknown_category' | 'closed_severity',
    message: string,
    readonly httpStatus: 404 | 409 | 422,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'WorkflowError';
  }
}
export class IllegalTransitionError extends WorkflowError {
  constructor(from: IncidentStatus, to: IncidentStatus) {
    const allowed = TRANSITIONS[from];
    super(
      'illegal_transition',
      `cannot go from ${from} to ${to}; from ${from} an incident may go to ${allowed.length ? allowed.join(', ') : 'nothing'}`,
      422,
      { from, to, allowed },
    );
  }
}
export class ReasonRequiredError extends WorkflowError {
  constructor(message: string) {
    super('reason_required', message, 422);
  }
}
export class VersionConflictError extends WorkflowError {
  constructor(expected: number, current: number | null) {
    super('version_conflict', `the incident was changed by someone else (your version ${expected}, now ${current ?? 'changed'}); reload and try again`, 409, {
      expected,
      current,
    });
  }
}
export class IncidentNotFoundError extends WorkflowError {
  constructor(id: string) {
    super('not_found', `incident ${id} not found`, 404);
  }
}

const transitionKind = (from: IncidentStatus, to: IncidentStatus): TransitionKind => {
  switch (to) {
    case 'acknowledged':
      return 'acknowledge';
    case 'on_hold':
      return 'hold';
    case 'resolved':
      return 'resolve';
    case 'dismissed':
      return 'dismiss';
    case 'in_progress':
      return from === 'on_hold' ? 'resume' : isClosedStatus(from) ? 'reopen' : 'start';
    case 'new':
      throw new IllegalTransitionError(from, to);
  }
};

/** Pure: checks a requested change against the table and its required reasons. */
export function planTransition(from: IncidentStatus, request: TransitionRequest): TransitionPlan {
  const { to } = request;
  if (!TRANSITIONS[from].includes(to)) throw new IllegalTransitionError(from, to);
  const kind = transitionKind(from, to);
  const reason = request.reason?.trim() || undefined;
  if (kind === 'dismiss') {
    if (!reason) throw new ReasonRequiredError(`dismissing needs a reason: one of ${DISMISS_REASONS.join(', ')}`);
    if (!(DISMISS_REASONS as readonly string[]).includes(reason)) {
      throw new ReasonRequiredError(`unknown dismiss reason "${reason}": use one of ${DISMISS_REASONS.join(', ')}`);
    }
    if (reason === 'other' && !request.note?.trim()) throw new ReasonRequiredError('dismissing for "other" needs a note saying why');
    return { from, to, kind, dismissReason: reason as DismissReason };
  }
  if (kind === 'hold') {
    if (!reason) throw new ReasonRequiredError('putting on hold needs a reason (which agency or answer it waits for)');
    return { from, to, kind, holdReason: reason };
  }
  return { from, to, kind };
}

export interface Actor {
  /** Shown in the audit trail: a username or token:NAME or 'system'. */
  readonly name: string;
  readonly userId: string | null;
}

type Db = Kysely<Database>;

interface ChangeContext {
  readonly incidentId: string;
  readonly actor: Actor;
  /** The version the actor saw; without it the version read here is used (still atomic). */
  readonly version?: number | undefined;
  readonly now?: Date;
}

async function loadIncident(db: Db, id: string): Promise<Incident> {
  const incident = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!incident) throw new IncidentNotFoundError(id);
  return incident;
}

function checkVersion(incident: Incident, version: number | undefined): void {
  if (version !== undefined && version !== incident.version) throw new VersionConflictError(version, incident.version);
}

/** UPDATE … WHERE id = ? AND version = ?: of two actors working from one version, one wins. */
async function updateVersioned(db: Db, incident: Incident, patch: Record<string, unknown>, now: Date): Promise<Incident> {
  const updated = await db
    .updateTable('incidents')
    .set({ ...patch, version: incident.version + 1, updated_at: now })
    .where('id', '=', incident.id)
    .where('version', '=', incident.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) {
    const current = await db.selectFrom('incidents').select('version').where('id', '=', incident.id).executeTakeFirst();
    throw new VersionConflictError(incident.version, current?.version ?? null);
  }
  return updated;
}

const pick = (row: Incident, keys: readonly (keyof Incident)[]) => Object.fromEntries(keys.map((k) => [k, row[k]]));

export interface ChangeStatusInput extends ChangeContext {
  readonly request: TransitionRequest;
  readonly sla?: SlaSettings;
}

export async function changeStatus(db: Db, input: ChangeStatusInput): Promise<Incident> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (tx) => {
    const incident = await loadIncident(tx, input.incidentId);
    checkVersion(incident, input.version);
    const plan = planTransition(incident.status, input.request);
    const patch: Record<string, unknown> = { status: plan.to };
    if (plan.kind !== 'dismiss' && plan.kind !== 'reopen' && !incident.acknowledged_at) patch.acknowledged_at = now;
    if (plan.kind === 'resolve') patch.resolved_at = now;
    if (plan.kind === 'dismiss') Object.assign(patch, { dismissed_at: now, dismiss_reason: plan.dismissReason });
    if (plan.kind === 'reopen') Object.assign(patch, { resolved_at: null, dismissed_at: null, dismiss_reason: null });
    if (plan.kind === 'hold') patch.hold_reason = plan.holdReason;
    // Closing ends the work: nobody is working on it any more, so the soft lock goes with it.
    if ((plan.kind === 'resolve' || plan.kind === 'dismiss') && incident.locked_by !== null) Object.assign(patch, { locked_by: null, locked_by_user_id: null, locked_until: null });
    const leavingHold = plan.from === 'on_hold';
    if (leavingHold) {
      // The clock resumes: deadlines move by the time spent on hold (in the severity's clock).
      patch.hold_reason = null;
      const holds = await tx.selectFrom('incident_holds').select(['started_at', 'ended_at']).where('incident_id', '=', incident.id).execute();
      const pauses: Pause[] = holds.map((h) => ({ start: h.started_at, end: h.ended_at ?? now }));
      const sla = input.sla ?? (await loadSlaSettings(tx));
      const deadlines = computeDeadlines(incident.detected_at, incident.severity, sla.policy, sla.calendar, pauses, now);
      Object.assign(patch, deadlineColumns(deadlines));
      // A mark set before the hold that the pushed-back deadlines no longer justify is cleared.
      for (const mark of staleSlaMarks(incident, deadlines, now)) patch[mark] = null;
    }
    const updated = await updateVersioned(tx, incident, patch, now);
    if (plan.kind === 'hold') {
      await tx.insertInto('incident_holds').values({ incident_id: incident.id, reason: plan.holdReason!, started_at: now }).execute();
    }
    if (leavingHold) {
      await tx.updateTable('incident_holds').set({ ended_at: now }).where('incident_id', '=', incident.id).where('ended_at', 'is', null).execute();
    }
    // Every closing decision teaches the analyzer; reopening takes it back.
    if (plan.kind === 'resolve') await recordIncidentExamples(tx, { incidentId: incident.id, decision: { kind: 'resolved', category: updated.category as Category }, decidedBy: input.actor.name });
    if (plan.dismissReason === 'false_positive' || plan.dismissReason === 'out_of_scope') {
      await recordIncidentExamples(tx, { incidentId: incident.id, decision: { kind: plan.dismissReason }, decidedBy: input.actor.name });
    }
    if (plan.kind === 'reopen') {
      // What a reclassification or a manual filing taught still stands: the incident keeps that category.
      const reclassified = await tx.selectFrom('incident_events').select('actor').where('incident_id', '=', incident.id).where('type', '=', 'reclassified').orderBy('id', 'desc').executeTakeFirst();
      await revertClosingExamples(tx, { incidentId: incident.id, category: updated.category as Category, reclassifiedBy: reclassified?.actor ?? null });
    }
    const changed = Object.keys(patch) as (keyof Incident)[];
    await appendIncidentEvent(tx, {
      incidentId: incident.id,
      actor: input.actor.name,
      actorUserId: input.actor.userId,
      type: 'status_changed',
      before: { ...pick(incident, changed), version: incident.version },
      after: { ...pick(updated, changed), version: updated.version, transition: plan.kind, ...(plan.holdReason ? { reason: plan.holdReason } : {}) },
      note: input.request.note?.trim() || null,
    });
    return updated;
  });
}

export interface AssignInput extends ChangeContext {
  /** Username of the assignee, or null to unassign. */
  readonly username: string | null;
}

export async function assignIncident(db: Db, input: AssignInput): Promise<Incident> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (tx) => {
    const incident = await loadIncident(tx, input.incidentId);
    checkVersion(incident, input.version);
    let assignee: { id: string; username: string } | null = null;
    if (input.username !== null) {
      const user = await tx.selectFrom('users').select(['id', 'username']).where('username', '=', input.username.trim().toLowerCase()).where('disabled_at', 'is', null).executeTakeFirst();
      if (!user) throw new WorkflowError('unknown_user', `no active user named ${input.username}`, 422);
      assignee = user;
    }
    const before = incident.assignee_id
      ? await tx.selectFrom('users').select('username').where('id', '=', incident.assignee_id).executeTakeFirst()
      : undefined;
    const updated = await updateVersioned(tx, incident, { assignee_id: assignee?.id ?? null }, now);
    await appendIncidentEvent(tx, {
      incidentId: incident.id,
      actor: input.actor.name,
      actorUserId: input.actor.userId,
      type: 'assigned',
      before: { assignee: before?.username ?? null, version: incident.version },
      after: { assignee: assignee?.username ?? null, version: updated.version },
    });
    return updated;
  });
}

export interface LockInput {
  readonly incidentId: string;
  readonly actor: Actor;
  readonly minutes: number;
  /** Take over a lock someone else holds (it is only a courtesy, not a permission). */
  readonly force?: boolean;
  readonly now?: Date;
}

/** The soft lock: says who is working on it until it expires; never blocks a change. */
export async function lockIncident(db: Db, input: LockInput): Promise<Incident> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (tx) => {
    const incident = await tx.selectFrom('incidents').selectAll().where('id', '=', input.incidentId).forUpdate().executeTakeFirst();
    if (!incident) throw new IncidentNotFoundError(input.incidentId);
    const heldByOther = incident.locked_by && incident.locked_by !== input.actor.name && incident.locked_until && incident.locked_until > now;
    if (heldByOther && !input.force) {
      throw new WorkflowError('locked', `${incident.locked_by} is working on this incident until ${incident.locked_until!.toISOString()}`, 409, {
        locked_by: incident.locked_by,
        locked_until: incident.locked_until,
      });
    }
    const lockedUntil = new Date(now.getTime() + input.minutes * 60_000);
    const updated = await tx
      .updateTable('incidents')
      .set({ locked_by: input.actor.name, locked_by_user_id: input.actor.userId, locked_until: lockedUntil })
      .where('id', '=', incident.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendIncidentEvent(tx, {
      incidentId: incident.id,
      actor: input.actor.name,
      actorUserId: input.actor.userId,
      type: 'locked',
      before: heldByOther ? { locked_by: incident.locked_by, locked_until: incident.locked_until } : null,
      after: { locked_by: input.actor.name, locked_until: lockedUntil },
    });
    return updated;
  });
}

export async function unlockIncident(db: Db, input: Omit<LockInput, 'minutes'>): Promise<Incident> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (tx) => {
    const incident = await tx.selectFrom('incidents').selectAll().where('id', '=', input.incidentId).forUpdate().executeTakeFirst();
    if (!incident) throw new IncidentNotFoundError(input.incidentId);
    if (!incident.locked_by) return incident;
    const active = incident.locked_until !== null && incident.locked_until > now;
    if (active && incident.locked_by !== input.actor.name && !input.force) {
      throw new WorkflowError('locked', `${incident.locked_by} holds the lock; use force to release it`, 409, { locked_by: incident.locked_by });
    }
    const updated = await tx
      .updateTable('incidents')
      .set({ locked_by: null, locked_by_user_id: null, locked_until: null })
      .where('id', '=', incident.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendIncidentEvent(tx, {
      incidentId: incident.id,
      actor: input.actor.name,
      actorUserId: input.actor.userId,
      type: 'unlocked',
      before: { locked_by: incident.locked_by, locked_until: incident.locked_until },
      after: null,
    });
    return updated;
  });
}

export async function addNote(db: Db, input: { incidentId: string; actor: Actor; note: string }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await loadIncident(tx, input.incidentId);
    await appendIncidentEvent(tx, { incidentId: input.incidentId, actor: input.actor.name, actorUserId: input.actor.userId, type: 'note', note: input.note.trim() });
  });
}

export interface RecordActionInput {
  readonly incidentId: string;
  readonly actor: Actor;
  readonly type: ActionType;
  /** When it was done (defaults to now). */
  readonly doneAt?: Date;
  readonly description?: string | null;
  /** A reply Graph confirmed on the fanpage (src/channels/fanpage-reply.ts): the member post it answered and the comment id. */
  readonly reply?: { readonly postId: string; readonly externalReplyId: string };
}

export async function recordAction(db: Db, input: RecordActionInput) {
  return db.transaction().execute((tx) => recordActionIn(tx, input));
}

/** recordAction inside the caller's transaction. */
export async function recordActionIn(tx: Db, input: RecordActionInput) {
  await loadIncident(tx, input.incidentId);
  const action = await tx
    .insertInto('incident_actions')
    .values({
      incident_id: input.incidentId,
      type: input.type,
      done_at: input.doneAt ?? sql<Date>`now()`,
      description: input.description?.trim() || null,
      actor: input.actor.name,
      actor_user_id: input.actor.userId,
      ...(input.reply ? { post_id: input.reply.postId, external_reply_id: input.reply.externalReplyId } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendIncidentEvent(tx, {
    incidentId: input.incidentId,
    actor: input.actor.name,
    actorUserId: input.actor.userId,
    type: 'action_recorded',
    after: {
      action_id: action.id,
      type: action.type,
      done_at: action.done_at,
      description: action.description,
      ...(input.reply ? { post_id: input.reply.postId, external_reply_id: input.reply.externalReplyId } : {}),
    },
  });
  return action;
}

export interface ReclassifyInput extends ChangeContext {
  /** One of CATEGORIES; anything else is refused (422). */
  readonly category: string;
  /** Omitted: the severity stays. */
  readonly severity?: Severity;
  readonly note?: string | null;
  readonly sla?: SlaSettings;
}

/**
 * A collaborator corrects the analyzer: the incident's category (and severity) becomes what they
 * say. A severity change recomputes the deadlines from detected_at, holds excluded, and clears
 * the due-soon / breached marks they no longer justify, as a severity raise does. The decision
 * becomes a training example of each post; reports count the category the incident has now.
 */
export async function reclassifyIncident(db: Db, input: ReclassifyInput): Promise<Incident> {
  const parsed = categorySchema.safeParse(input.category);
  if (!parsed.success) {
    throw new WorkflowError('unknown_category', `unknown category "${input.category}": use one of ${CATEGORIES.join(', ')}`, 422, { allowed: CATEGORIES });
  }
  const category = parsed.data;
  const now = input.now ?? new Date();
  return db.transaction().execute(async (tx) => {
    const incident = await loadIncident(tx, input.incidentId);
    checkVersion(incident, input.version);
    const severity = input.severity ?? incident.severity;
    // A closed incident's deadlines are its SLA record: recomputing them would rewrite a breach
    // the reports already counted. Its category may still be corrected.
    if (isClosedStatus(incident.status) && severity !== incident.severity) {
      throw new WorkflowError('closed_severity', `incident ${incident.id} is ${incident.status}: reopen it to change its severity`, 409, { status: incident.status });
    }
    // The same category and severity again decide nothing: no event, no example, no new version.
    if (category === incident.category && severity === incident.severity) return incident;
    const patch: Record<string, unknown> = { category, severity };
    if (severity !== incident.severity) {
      const sla = input.sla ?? (await loadSlaSettings(tx));
      const deadlines = computeDeadlines(incident.detected_at, severity, sla.policy, sla.calendar, await loadPauses(tx, incident.id), now);
      Object.assign(patch, deadlineColumns(deadlines));
      for (const mark of staleSlaMarks(incident, deadlines, now)) patch[mark] = null;
    }
    const updated = await updateVersioned(tx, incident, patch, now);
    // A dismissal as a false positive or out of scope still stands (its posts stay unflagged);
    // reopening the incident brings the new category into its examples.
    const dismissedAsNotConcern = incident.status === 'dismissed' && (incident.dismiss_reason === 'false_positive' || incident.dismiss_reason === 'out_of_scope');
    if (!dismissedAsNotConcern) await recordIncidentExamples(tx, { incidentId: incident.id, decision: { kind: 'reclassified', category }, decidedBy: input.actor.name });
    const changed = Object.keys(patch) as (keyof Incident)[];
    await appendIncidentEvent(tx, {
      incidentId: incident.id,
      actor: input.actor.name,
      actorUserId: input.actor.userId,
      type: 'reclassified',
      before: { ...pick(incident, changed), version: incident.version },
      after: { ...pick(updated, changed), version: updated.version, severity_direction: Math.sign(severityRank(severity) - severityRank(incident.severity)) },
      note: input.note?.trim() || null,
    });
    return updated;
  });
}
