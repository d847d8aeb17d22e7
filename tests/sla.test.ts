import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/database.js';
import { computeDeadlines, deadlineWithPauses } from '../src/sla/deadlines.js';
import { lunarToSolar, tetDate } from '../src/sla/lunar.js';
import { runSlaCheck } from '../src/sla/sla-check.js';
import { loadSlaSettings, type SlaSettings } from '../src/sla/sla-settings.repository.js';
import { addWorkingMinutes, DEFAULT_WORKING_CALENDAR, workingMsBetween } from '../src/sla/working-time.js';
import { vietnameseHolidays } from '../scripts/vn-holidays.js';
import { createTestServices, type TestServices } from './support/services.js';

// Times are written in Asia/Ho_Chi_Minh (+07:00).
const at = (local: string) => new Date(`${local}+07:00`);
const iso = (local: string) => at(local).toISOString();

describe('lunar calendar', () => {
  it.each([
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    // The new moon falls at 23:08 in Hanoi on 2 February (00:08 on the 3rd in Beijing): Vietnam's
    // Tết Canh Tuất is one day before China's Spring Festival.
    [2030, '2030-02-02'],
  ])('Tết %i falls on %s', (year, date) => {
    expect(tetDate(year)).toBe(date);
  });
  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương %i falls on %s', (year, date) => {
    expect(lunarToSolar(10, 3, year)).toBe(date);
  });
});

describe('working time', () => {
  it.each([
    ['2026-11-23T11:00:00', '2026-11-23T14:00:00', 30 + 30], // across lunch
    ['2026-11-27T16:00:00', '2026-11-30T08:30:00', 60 + 60], // across a weekend
    ['2026-11-28T09:00:00', '2026-11-29T17:00:00', 0], // a weekend
  ])('between %s and %s: %i working minutes', (from, to, minutes) => {
    expect(workingMsBetween(at(from), at(to)) / 60_000).toBe(minutes);
  });

  it('clock pauses: the remaining time resumes when the hold ends (working hours)', () => {
    // 8 working hours from Monday 08:00 is Tuesday 08:30; a hold Monday 09:00–14:00 takes 3 working hours.
    const target = { clock: 'working_hours' as const };
    expect(deadlineWithPauses(at('2026-11-23T08:00:00'), 480, target, DEFAULT_WORKING_CALENDAR).toISOString()).toBe(iso('2026-11-24T08:30:00'));
    const pauses = [{ start: at('2026-11-23T09:00:00'), end: at('2026-11-23T14:00:00') }];
    expect(deadlineWithPauses(at('2026-11-23T08:00:00'), 480, target, DEFAULT_WORKING_CALENDAR, pauses).toISOString()).toBe(iso('2026-11-24T11:30:00'));
  });

  it('clock pauses: calendar time, two holds, and a hold after the deadline changes nothing', () => {
    const target = { clock: 'calendar' as const };
    const start = at('2026-11-23T08:00:00');
    const pauses = [
      { start: at('2026-11-23T09:00:00'), end: at('2026-11-23T10:00:00') },
      { start: at('2026-11-23T12:00:00'), end: at('2026-11-23T12:30:00') },
      { start: at('2026-11-25T12:00:00'), end: at('2026-11-25T18:00:00') },
    ];
    expect(deadlineWithPauses(start, 24 * 60, target, DEFAULT_WORKING_CALENDAR, pauses).toISOString()).toBe(iso('2026-11-24T09:30:00'));
  });
});

let services: TestServices;
let db: Db;
let sla: SlaSettings;

beforeAll(async () => {
  services = await createTestServices('sla');
  db = createDb(services.config.DATABASE_URL);
  sla = await loadSlaSettings(db);
});
afterAll(async () => {
  await db?.destroy();
  await services?.cleanup();
});

describe('SLA settings from the database', () => {
  it('ships the holidays of 2025–2030 exactly as scripts/vn-holidays.ts computes them, Tết included', async () => {
    const rows = await db.selectFrom('holidays').select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'name']).orderBy('day').execute();
    const expected = [2025, 2026, 2027, 2028, 2029, 2030].flatMap((y) => [...vietnameseHolidays(y)].map(([day, name]) => ({ day, name })));
    expect(rows).toEqual(expected);
    for (const year of [2027, 2028, 2029, 2030]) expect(sla.calendar.holidays.has(tetDate(year))).toBe(true);
    expect(sla.calendar.holidays.has('2026-02-17')).toBe(true);
  });

  it('has the DESIGN.md policy: calendar time for critical/high, working hours for medium/low', () => {
    expect(sla.policy.critical).toMatchObject({ ackMinutes: 60, resolveMinutes: 1440, clock: 'calendar' });
    expect(sla.policy.high).toMatchObject({ ackMinutes: 240, resolveMinutes: 2880, clock: 'calendar' });
    expect(sla.policy.medium).toMatchObject({ ackMinutes: 480, resolveMinutes: 2400, clock: 'working_hours' });
    expect(sla.policy.low).toMatchObject({ ackMinutes: 1440, resolveMinutes: 4800, clock: 'working_hours' });
    expect(sla.policy.medium.dueSoonRatio).toBeCloseTo(0.8);
  });

  it('a medium incident detected the Friday before Tết Bính Ngọ is due after the break', () => {
    // Friday 13/2/2026 16:00: 1 h that day, then the Tết break (14–22/2), then 7 h from Monday 23/2.
    const d = computeDeadlines(at('2026-02-13T16:00:00'), 'medium', sla.policy, sla.calendar);
    expect(d.ackDueAt.toISOString()).toBe(iso('2026-02-23T16:30:00'));
    // Without the holidays it would have been the Monday of Tết.
    expect(computeDeadlines(at('2026-02-13T16:00:00'), 'medium').ackDueAt.toISOString()).toBe(iso('2026-02-16T16:30:00'));
    // Critical runs on calendar time through Tết.
    expect(computeDeadlines(at('2026-02-17T00:30:00'), 'critical', sla.policy, sla.calendar).ackDueAt.toISOString()).toBe(iso('2026-02-17T01:30:00'));
    // Due soon at 80 % of the allowed working time (6 h 24 min): 1 h Friday + 4 h + 1 h 24 min on Monday.
    expect(d.ackWarnAt.toISOString()).toBe(iso('2026-02-23T14:54:00'));
  });

  it('working periods are editable: a Saturday morning shift counts', async () => {
    await db.insertInto('working_periods').values({ weekday: 6, start_time: '07:30', end_time: '11:30' }).execute();
    try {
      const edited = await loadSlaSettings(db);
      expect(addWorkingMinutes(at('2026-11-27T16:00:00'), 120, edited.calendar).toISOString()).toBe(iso('2026-11-28T08:30:00'));
    } finally {
      await db.deleteFrom('working_periods').where('weekday', '=', 6).execute();
    }
  });
});

describe('sla-check', () => {
  it('marks due soon, then breached, once each, with one event each; holds and closed incidents are left alone', async () => {
    const detected = new Date('2026-11-23T00:00:00Z');
    const deadlines = computeDeadlines(detected, 'critical', sla.policy, sla.calendar); // ack 1 h, resolve 24 h
    const insert = (status: 'new' | 'on_hold' | 'resolved') =>
      db
        .insertInto('incidents')
        .values({
          title: status,
          category: 'an_ninh_trat_tu',
          severity: 'critical',
          status,
          detected_at: detected,
          ack_due_at: deadlines.ackDueAt,
          resolve_due_at: deadlines.resolveDueAt,
          ack_warn_at: deadlines.ackWarnAt,
          resolve_warn_at: deadlines.resolveWarnAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const open = await insert('new');
    const held = await insert('on_hold');
    const closed = await insert('resolved');

    expect(await runSlaCheck(db, new Date('2026-11-23T00:30:00Z'))).toEqual({ dueSoon: 0, breached: 0 });
    expect(await runSlaCheck(db, new Date('2026-11-23T00:50:00Z'))).toEqual({ dueSoon: 1, breached: 0 }); // 48 min = 80 % of 1 h
    expect(await runSlaCheck(db, new Date('2026-11-23T00:55:00Z'))).toEqual({ dueSoon: 0, breached: 0 });
    expect(await runSlaCheck(db, new Date('2026-11-23T01:00:00Z'))).toEqual({ dueSoon: 0, breached: 1 });
    // Two checks at once (two worker processes) still mark once.
    const both = await Promise.all([runSlaCheck(db, new Date('2026-11-23T20:00:00Z')), runSlaCheck(db, new Date('2026-11-23T20:00:00Z'))]);
    expect(both.map((r) => r.dueSoon).reduce((a, b) => a + b)).toBe(1);
    expect(await runSlaCheck(db, new Date('2026-11-24T02:00:00Z'))).toEqual({ dueSoon: 0, breached: 1 });
    expect(await runSlaCheck(db, new Date('2026-11-25T02:00:00Z'))).toEqual({ dueSoon: 0, breached: 0 });

    const events = await db.selectFrom('incident_events').select(['incident_id', 'type', 'after']).orderBy('id').execute();
    expect(events.map((e) => [e.incident_id, e.type, e.after?.clock])).toEqual([
      [open.id, 'sla_due_soon', 'ack'],
      [open.id, 'sla_breached', 'ack'],
      [open.id, 'sla_due_soon', 'resolve'],
      [open.id, 'sla_breached', 'resolve'],
    ]);
    const row = await db.selectFrom('incidents').selectAll().where('id', '=', open.id).executeTakeFirstOrThrow();
    expect(row.ack_breached_at?.toISOString()).toBe('2026-11-23T01:00:00.000Z');
    for (const id of [held.id, closed.id]) {
      const other = await db.selectFrom('incidents').select(['ack_due_soon_at', 'resolve_breached_at']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(other).toEqual({ ack_due_soon_at: null, resolve_breached_at: null });
    }
  });

  it('"handled in time" is defined once, in the incident_facts view', async () => {
    const due = new Date('2025-11-30T00:00:00Z'); // in the past, so open ones are overdue
    const rows = [
      { title: 'resolved in time', status: 'resolved' as const, resolved_at: new Date('2025-11-29T00:00:00Z') },
      { title: 'resolved late', status: 'resolved' as const, resolved_at: new Date('2025-12-01T00:00:00Z') },
      { title: 'dismissed with a reason', status: 'dismissed' as const, dismissed_at: new Date('2025-11-29T00:00:00Z'), dismiss_reason: 'duplicate' },
      { title: 'dismissed without a reason', status: 'dismissed' as const, dismissed_at: new Date('2025-11-29T00:00:00Z') },
      { title: 'still open', status: 'in_progress' as const },
    ];
    const ids: string[] = [];
    for (const r of rows) {
      ids.push((await db.insertInto('incidents').values({ category: 'bau_cu', severity: 'high', resolve_due_at: due, ...r }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const facts = await db.selectFrom('incident_facts').select(['id', 'handled_in_time', 'sla_outcome']).where('id', 'in', ids).orderBy('id').execute();
    expect(facts.map((f) => [f.handled_in_time, f.sla_outcome])).toEqual([
      [true, 'in_time'],
      [false, 'late'],
      [true, 'in_time'],
      [false, 'overdue'],
      [false, 'overdue'],
    ]);
  });
});
