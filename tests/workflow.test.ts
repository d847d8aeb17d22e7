import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/database.js';
import type { IncidentStatus } from '../src/db/schema.js';
import {
  addNote,
  assignIncident,
  changeStatus,
  IllegalTransitionError,
  INCIDENT_STATUSES,
  lockIncident,
  planTransition,
  ReasonRequiredError,
  recordAction,
  TRANSITIONS,
  unlockIncident,
  VersionConflictError,
  WorkflowError,
} from '../src/incidents/workflow.js';
import { upsertUser } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

// The whole table, written out: every pair not listed here must be refused.
const ALLOWED: readonly [IncidentStatus, IncidentStatus, string][] = [
  ['new', 'acknowledged', 'acknowledge'],
  ['new', 'in_progress', 'start'],
  ['new', 'dismissed', 'dismiss'],
  ['acknowledged', 'in_progress', 'start'],
  ['acknowledged', 'on_hold', 'hold'],
  ['acknowledged', 'resolved', 'resolve'],
  ['acknowledged', 'dismissed', 'dismiss'],
  ['in_progress', 'on_hold', 'hold'],
  ['in_progress', 'resolved', 'resolve'],
  ['in_progress', 'dismissed', 'dismiss'],
  ['on_hold', 'in_progress', 'resume'],
  ['on_hold', 'resolved', 'resolve'],
  ['on_hold', 'dismissed', 'dismiss'],
  ['resolved', 'in_progress', 'reopen'],
  ['dismissed', 'in_progress', 'reopen'],
];
const allowedKey = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`));
const REFUSED = INCIDENT_STATUSES.flatMap((from) => INCIDENT_STATUSES.filter((to) => !allowedKey.has(`${from}>${to}`)).map((to) => [from, to] as const));
const reasonFor = (to: IncidentStatus) => (to === 'dismissed' ? 'false_positive' : to === 'on_hold' ? 'chờ UBND huyện trả lời' : undefined);

describe('transition table (pure)', () => {
  it('is exactly the table above', () => {
    const table = INCIDENT_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => `${from}>${to}`)).sort();
    expect(table).toEqual([...allowedKey].sort());
    expect(REFUSED).toHaveLength(36 - ALLOWED.length);
  });

  it.each(ALLOWED)('allows %s → %s (%s)', (from, to, kind) => {
    expect(planTransition(from, { to, reason: reasonFor(to) })).toMatchObject({ from, to, kind });
  });

  it.each(REFUSED)('refuses %s → %s with a clear message', (from, to) => {
    const attempt = () => planTransition(from, { to, reason: reasonFor(to) });
    expect(attempt).toThrow(IllegalTransitionError);
    expect(attempt).toThrow(new RegExp(`cannot go from ${from} to ${to}`));
  });

  it.each([
    ['acknowledged', 'dismissed', undefined, /dismissing needs a reason/],
    ['acknowledged', 'dismissed', '  ', /dismissing needs a reason/],
    ['acknowledged', 'dismissed', 'vì thích', /unknown dismiss reason/],
    ['acknowledged', 'dismissed', 'other', /needs a note/],
    ['in_progress', 'on_hold', undefined, /on hold needs a reason/],
  ] as const)('%s → %s with reason %j is refused', (from, to, reason, message) => {
    expect(() => planTransition(from, { to, reason })).toThrow(ReasonRequiredError);
    expect(() => planTransition(from, { to, reason })).toThrow(message);
  });

  it('accepts each dismiss reason', () => {
    for (const reason of ['false_positive', 'duplicate', 'out_of_scope'] as const) {
      expect(planTransition('new', { to: 'dismissed', reason }).dismissReason).toBe(reason);
    }
    expect(planTransition('new', { to: 'dismissed', reason: 'other', note: 'tin của xã khác' }).dismissReason).toBe('other');
  });
});

let services: TestServices;
let db: Db;
const alice = { name: 'alice', userId: null };
const bob = { name: 'bob', userId: null };

beforeAll(async () => {
  services = await createTestServices('workflow');
  db = createDb(services.config.DATABASE_URL);
  await upsertUser(db, { username: 'ctv2', displayName: 'CTV 2', password: 'mat-khau-dai-du', role: 'collaborator' });
});
afterAll(async () => {
  await db?.destroy();
  await services?.cleanup();
});

async function newIncident(severity: 'critical' | 'high' | 'medium' | 'low' = 'high', detectedAt = new Date()) {
  return db
    .insertInto('incidents')
    .values({ title: 't', category: 'tin_sai_su_that', severity, detected_at: detectedAt })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}
const eventsOf = (id: string) => db.selectFrom('incident_events').selectAll().where('incident_id', '=', id).orderBy('id').execute();

describe('workflow use cases', () => {
  it('walks new → acknowledged → in_progress → resolved, one audited event per change', async () => {
    const { id } = await newIncident();
    const a = await changeStatus(db, { incidentId: id, actor: alice, version: 1, request: { to: 'acknowledged' } });
    expect(a).toMatchObject({ status: 'acknowledged', version: 2 });
    expect(a.acknowledged_at).toBeInstanceOf(Date);
    await changeStatus(db, { incidentId: id, actor: alice, version: 2, request: { to: 'in_progress', note: 'đang xác minh' } });
    const r = await changeStatus(db, { incidentId: id, actor: bob, version: 3, request: { to: 'resolved' } });
    expect(r).toMatchObject({ status: 'resolved', version: 4 });
    expect(r.resolved_at).toBeInstanceOf(Date);
    const events = await eventsOf(id);
    expect(events.map((e) => [e.type, e.actor, e.before?.status, e.after?.status])).toEqual([
      ['status_changed', 'alice', 'new', 'acknowledged'],
      ['status_changed', 'alice', 'acknowledged', 'in_progress'],
      ['status_changed', 'bob', 'in_progress', 'resolved'],
    ]);
    expect(events[1]?.note).toBe('đang xác minh');
    expect(events[2]?.after).toMatchObject({ version: 4, transition: 'resolve' });
  });

  it('two actors acting on one version at once: exactly one wins, the other gets a version conflict', async () => {
    const { id } = await newIncident();
    const results = await Promise.allSettled([
      changeStatus(db, { incidentId: id, actor: alice, version: 1, request: { to: 'acknowledged' } }),
      changeStatus(db, { incidentId: id, actor: bob, version: 1, request: { to: 'dismissed', reason: 'duplicate' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(VersionConflictError);
    expect((rejected.reason as WorkflowError).httpStatus).toBe(409);
    expect(await eventsOf(id)).toHaveLength(1);
    // A stale version is refused even without a race.
    await expect(changeStatus(db, { incidentId: id, actor: bob, version: 1, request: { to: 'in_progress' } })).rejects.toThrow(VersionConflictError);
  });

  it('dismisses with a reason, reopens clearing the outcome', async () => {
    const { id } = await newIncident();
    const d = await changeStatus(db, { incidentId: id, actor: alice, request: { to: 'dismissed', reason: 'false_positive' } });
    expect(d).toMatchObject({ status: 'dismissed', dismiss_reason: 'false_positive' });
    expect(d.acknowledged_at).toBeNull();
    const r = await changeStatus(db, { incidentId: id, actor: alice, request: { to: 'in_progress', note: 'có thêm thông tin' } });
    expect(r).toMatchObject({ status: 'in_progress', dismiss_reason: null, dismissed_at: null });
    await expect(changeStatus(db, { incidentId: id, actor: alice, request: { to: 'new' } })).rejects.toThrow(IllegalTransitionError);
  });

  it('a hold pauses the clock: resuming pushes the deadlines back by the time on hold', async () => {
    const detected = new Date('2026-11-23T01:00:00Z');
    const { id } = await newIncident('critical', detected);
    await db.updateTable('incidents').set({ ack_due_at: new Date('2026-11-23T02:00:00Z'), resolve_due_at: new Date('2026-11-24T01:00:00Z') }).where('id', '=', id).execute();
    await changeStatus(db, { incidentId: id, actor: alice, request: { to: 'in_progress' }, now: new Date('2026-11-23T01:30:00Z') });
    await expect(changeStatus(db, { incidentId: id, actor: alice, request: { to: 'on_hold' } })).rejects.toThrow(ReasonRequiredError);
    const held = await changeStatus(db, { incidentId: id, actor: alice, request: { to: 'on_hold', reason: 'chờ công an huyện' }, now: new Date('2026-11-23T03:00:00Z') });
    expect(held).toMatchObject({ status: 'on_hold', hold_reason: 'chờ công an huyện' });
    const resumed = await changeStatus(db, { incidentId: id, actor: alice, request: { to: 'in_progress' }, now: new Date('2026-11-23T08:00:00Z') });
    expect(resumed.hold_reason).toBeNull();
    expect(resumed.resolve_due_at?.toISOString()).toBe('2026-11-24T06:00:00.000Z'); // 24 h + 5 h on hold
    const holds = await db.selectFrom('incident_holds').selectAll().where('incident_id', '=', id).execute();
    expect(holds).toHaveLength(1);
    expect(holds[0]?.ended_at?.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });

  it('assigns, notes, records actions and takes a soft lock, each audited', async () => {
    const { id } = await newIncident();
    const assigned = await assignIncident(db, { incidentId: id, actor: alice, username: 'ctv2', version: 1 });
    expect(assigned.version).toBe(2);
    await expect(assignIncident(db, { incidentId: id, actor: alice, username: 'nobody' })).rejects.toMatchObject({ code: 'unknown_user' });
    await addNote(db, { incidentId: id, actor: alice, note: 'Đã gọi trưởng thôn' });
    const action = await recordAction(db, { incidentId: id, actor: alice, type: 'replied_on_fanpage', doneAt: new Date('2026-11-23T02:00:00Z'), description: 'trả lời bình luận' });
    expect(action.done_at.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    const locked = await lockIncident(db, { incidentId: id, actor: alice, minutes: 15 });
    expect(locked.locked_by).toBe('alice');
    await expect(lockIncident(db, { incidentId: id, actor: bob, minutes: 15 })).rejects.toMatchObject({ code: 'locked', httpStatus: 409 });
    await expect(unlockIncident(db, { incidentId: id, actor: bob })).rejects.toMatchObject({ code: 'locked' });
    await lockIncident(db, { incidentId: id, actor: bob, minutes: 15, force: true });
    const expired = new Date(Date.now() + 16 * 60_000);
    await lockIncident(db, { incidentId: id, actor: alice, minutes: 15, now: expired }); // bob's lock has expired
    await unlockIncident(db, { incidentId: id, actor: alice });
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['assigned', 'note', 'action_recorded', 'locked', 'locked', 'locked', 'unlocked']);
    expect(events[0]?.after).toMatchObject({ assignee: 'ctv2' });
    expect(events[1]?.note).toBe('Đã gọi trưởng thôn');
    // Locks and notes never bump the version: they cannot make a colleague's change conflict.
    expect((await db.selectFrom('incidents').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version).toBe(2);
  });

  it('resolving or dismissing releases the soft lock: a closed incident is nobody’s work in progress', async () => {
    for (const close of [{ to: 'resolved' as const }, { to: 'dismissed' as const, reason: 'false_positive' }]) {
      const { id } = await newIncident();
      await changeStatus(db, { incidentId: id, actor: alice, request: { to: 'in_progress' } });
      await lockIncident(db, { incidentId: id, actor: alice, minutes: 30 });
      const closed = await changeStatus(db, { incidentId: id, actor: alice, request: close });
      expect(closed).toMatchObject({ status: close.to, locked_by: null, locked_by_user_id: null, locked_until: null });
      const last = (await eventsOf(id)).at(-1)!;
      expect(last.before).toMatchObject({ locked_by: 'alice' });
      expect(last.after).toMatchObject({ locked_by: null });
    }
  });

  it('an unknown incident is a not_found error', async () => {
    await expect(changeStatus(db, { incidentId: '999999', actor: alice, request: { to: 'acknowledged' } })).rejects.toMatchObject({ code: 'not_found', httpStatus: 404 });
  });
});
