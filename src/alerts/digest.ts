// The daily digest: one message per day (rules of kind daily_digest), at DIGEST_HOUR local time
// (Asia/Ho_Chi_Minh), summarising the last 24 hours instead of many messages: new incidents by
// severity, SLA breaches, incidents open now, posts collected, spikes. Idempotent per local day:
// the alert key is 'digest-YYYY-MM-DD'; a worker that was down at the hour catches up within
// DIGEST_CATCH_UP_HOURS, later it waits for the next day.
import type { AppContext } from '../context.js';
import { OPEN_STATUSES } from '../incidents/incident-queue.js';
import { planStandaloneAlert } from './alerts.js';
import { digestMessage, seriesLabel } from './message.js';

type Ctx = Pick<AppContext, 'db' | 'config' | 'queues' | 'logger'>;

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
export const DIGEST_CATCH_UP_HOURS = 3;

/** The local date (YYYY-MM-DD) and hour in Viet Nam (UTC+7, no daylight saving time). */
export function localDayAndHour(now: Date): { day: string; hour: number } {
  const local = new Date(now.getTime() + OFFSET_MS);
  return { day: local.toISOString().slice(0, 10), hour: local.getUTCHours() };
}

/** Sends today's digest when it is time and it has not been sent; returns its alert key, or null. */
export async function runDigest(ctx: Ctx, now = new Date(), options: { force?: boolean } = {}): Promise<string | null> {
  const { day, hour } = localDayAndHour(now);
  const digestHour = ctx.config.DIGEST_HOUR;
  if (!options.force && (hour < digestHour || hour >= digestHour + DIGEST_CATCH_UP_HOURS)) return null;
  const key = `digest-${day}`;
  const exists = await ctx.db.selectFrom('alerts').select('alert_key').where('alert_key', '=', key).executeTakeFirst();
  if (exists) return null;
  const from = new Date(now.getTime() - DAY_MS);
  const [created, breached, open, posts, spikes] = await Promise.all([
    ctx.db.selectFrom('incidents').select(['severity', (eb) => eb.fn.countAll<string>().as('n')]).where('created_at', '>=', from).where('created_at', '<', now).groupBy('severity').execute(),
    ctx.db.selectFrom('incident_events').select((eb) => eb.fn.countAll<string>().as('n')).where('type', '=', 'sla_breached').where('at', '>=', from).where('at', '<', now).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('incidents').select((eb) => eb.fn.countAll<string>().as('n')).where('status', 'in', OPEN_STATUSES).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('posts').select((eb) => eb.fn.countAll<string>().as('n')).where('collected_at', '>=', from).where('collected_at', '<', now).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('spikes').select(['series', 'observed', 'expected']).where('started_at', '>=', from).where('started_at', '<', now).orderBy('started_at').limit(20).execute(),
  ]);
  const sourceIds = spikes.map((s) => s.series.split(':')).filter(([k, v]) => k === 'source' && v && /^\d+$/.test(v)).map(([, v]) => v!);
  const names = new Map(sourceIds.length ? (await ctx.db.selectFrom('sources').select(['id', 'name']).where('id', 'in', sourceIds).execute()).map((s) => [s.id, s.name]) : []);
  const message = digestMessage(
    {
      day,
      from,
      to: now,
      newBySeverity: Object.fromEntries(created.map((r) => [r.severity, Number(r.n)])),
      breached: Number(breached.n),
      open: Number(open.n),
      posts: Number(posts.n),
      spikes: spikes.map((s) => ({ series: s.series, label: seriesLabel(s.series, names.get(s.series.split(':')[1] ?? '')), observed: s.observed, expected: Math.round(s.expected * 10) / 10 })),
    },
    ctx.config.PUBLIC_URL,
  );
  await planStandaloneAlert(ctx, { key, kind: 'daily_digest', subject: null, message }, now);
  return key;
}
