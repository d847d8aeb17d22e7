// The editable SLA settings (sla_policies, working_periods, holidays) read into the pure types.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { SEVERITIES } from '../analysis/types.js';
import { DEFAULT_SLA_POLICY, type SlaPolicy, type SlaTarget } from './policy.js';
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
