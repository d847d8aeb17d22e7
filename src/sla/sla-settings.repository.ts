// The editable SLA settings (sla_policies, working_periods, holidays) read into the pure types.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { SEVERITIES, type Severity } from '../analysis/types.js';
import { DEFAULT_DUE_SOON_RATIO, DEFAULT_SLA_POLICY, type ClockMode, type SlaPolicy, type SlaTarget } from './policy.js';
import { DEFAULT_WORKING_CALENDAR, type Period, type WorkingCalendar } from './working-time.js';
import type { Pause } from './deadlines.js';

export interface SlaSettings {
  readonly policy: SlaPolicy;
  readonly calendar: WorkingCalendar;
}

const minutesOf = (time: string): number => {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
};

/** Falls back to the DESIGN.md defaults for anything the tables do not say. */
export async function loadSlaSettings(db: Kysely<Database>): Promise<SlaSettings> {
  const [policies, periods, holidays] = await Promise.all([
    db.selectFrom('sla_policies').selectAll().execute(),
    db.selectFrom('working_periods').select(['weekday', 'start_time', 'end_time']).orderBy('weekday').orderBy('start_time').execute(),
    db.selectFrom('holidays').select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day')).execute(),
  ]);
  const policy: Record<string, SlaTarget> = { ...DEFAULT_SLA_POLICY };
  for (const row of policies) {
    policy[row.severity] = { ackMinutes: row.ack_minutes, resolveMinutes: row.resolve_minutes, clock: row.clock, dueSoonRatio: row.due_soon_ratio };
  }
  for (const severity of SEVERITIES) if (!policy[severity]) throw new Error(`no SLA policy for ${severity}`);
  const weekdayPeriods = new Map<number, Period[]>();
  for (const row of periods) {
    const list = weekdayPeriods.get(row.weekday) ?? [];
    list.push([minutesOf(row.start_time), minutesOf(row.end_time)]);
    weekdayPeriods.set(row.weekday, list);
  }
  return {
    policy: policy as SlaPolicy,
    calendar: {
      ...DEFAULT_WORKING_CALENDAR,
      holidays: new Set(holidays.map((h) => h.day)),
      ...(periods.length ? { weekdayPeriods } : {}),
    },
  };
}

/** An incident's holds as pauses of its SLA clock. */
export async function loadPauses(db: Kysely<Database>, incidentId: string): Promise<Pause[]> {
  const rows = await db.selectFrom('incident_holds').select(['started_at', 'ended_at']).where('incident_id', '=', incidentId).orderBy('started_at').execute();
  return rows.map((r) => ({ start: r.started_at, end: r.ended_at }));
}

// --- Editing (GET/PUT /api/sla/*): the settings apply to deadlines computed afterwards -----------

export interface SlaPolicyItem {
  readonly ack_minutes: number;
  readonly resolve_minutes: number;
  readonly clock: ClockMode;
  readonly due_soon_ratio: number;
}

/** The policy in force per severity: the table's rows, DESIGN.md defaults for a missing one. */
export async function getSlaPolicy(db: Kysely<Database>): Promise<Record<Severity, SlaPolicyItem & { updated_at: Date | null }>> {
  const rows = await db.selectFrom('sla_policies').selectAll().execute();
  const policy = {} as Record<Severity, SlaPolicyItem & { updated_at: Date | null }>;
  for (const severity of SEVERITIES) {
    const row = rows.find((r) => r.severity === severity);
    const fallback = DEFAULT_SLA_POLICY[severity];
    policy[severity] = row
      ? { ack_minutes: row.ack_minutes, resolve_minutes: row.resolve_minutes, clock: row.clock, due_soon_ratio: row.due_soon_ratio, updated_at: row.updated_at }
      : { ack_minutes: fallback.ackMinutes, resolve_minutes: fallback.resolveMinutes, clock: fallback.clock, due_soon_ratio: fallback.dueSoonRatio ?? DEFAULT_DUE_SOON_RATIO, updated_at: null };
  }
  return policy;
}

/** Sets the policy of the severities given (the others keep theirs), in one transaction. */
export async function updateSlaPolicy(db: Kysely<Database>, items: Partial<Record<Severity, SlaPolicyItem>>, now = new Date()): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const severity of SEVERITIES) {
      const item = items[severity];
      if (!item) continue;
      const values = { ack_minutes: item.ack_minutes, resolve_minutes: item.resolve_minutes, clock: item.clock, due_soon_ratio: item.due_soon_ratio, updated_at: now };
      await tx
        .insertInto('sla_policies')
        .values({ severity, ...values })
        .onConflict((oc) => oc.column('severity').doUpdateSet(values))
        .execute();
    }
  });
}

export interface WorkingPeriodItem {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** Local time, HH:MM. */
  readonly start: string;
  readonly end: string;
}

export async function listWorkingPeriods(db: Kysely<Database>): Promise<WorkingPeriodItem[]> {
  return db
    .selectFrom('working_periods')
    .select(['weekday', sql<string>`to_char(start_time, 'HH24:MI')`.as('start'), sql<string>`to_char(end_time, 'HH24:MI')`.as('end')])
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
}

/** Replaces the whole working week in one transaction (readers see the old week or the new one). */
export async function replaceWorkingPeriods(db: Kysely<Database>, periods: readonly WorkingPeriodItem[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('working_periods').execute();
    if (periods.length) {
      await tx
        .insertInto('working_periods')
        .values(periods.map((p) => ({ weekday: p.weekday, start_time: p.start, end_time: p.end })))
        .execute();
    }
  });
}

export interface HolidayItem {
  /** Local date, YYYY-MM-DD. */
  readonly day: string;
  readonly name: string;
}

export async function listHolidays(db: Kysely<Database>, filter: { year?: number } = {}): Promise<HolidayItem[]> {
  let query = db.selectFrom('holidays').select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'name']).orderBy('holidays.day');
  if (filter.year !== undefined) query = query.where(sql<number>`extract(year FROM day)`, '=', filter.year);
  return query.execute();
}

/** Adds a day off, or renames it; `created` says which. */
export async function upsertHoliday(db: Kysely<Database>, holiday: HolidayItem): Promise<{ created: boolean }> {
  const row = await db
    .insertInto('holidays')
    .values({ day: holiday.day, name: holiday.name })
    .onConflict((oc) => oc.column('day').doUpdateSet({ name: holiday.name }))
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  return { created: row.created };
}

export async function deleteHoliday(db: Kysely<Database>, day: string): Promise<boolean> {
  const result = await db.deleteFrom('holidays').where('day', '=', sql<Date>`${day}::date`).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
