// Source health alerts: a source turning failing (after BACKOFF_AFTER_FAILURES failures in a row,
// not on one hiccup), turning silent (nothing new for longer than isSilent allows), and coming
// back. One alert per change: the last alerted state is kept in source_alert_state, changed and
// recorded together with the alert (alerts row) in one transaction; the deliveries are planned
// after the commit, and alerts left unplanned by a crash are planned on the next run.
import type { AppContext } from '../context.js';
import { BACKOFF_AFTER_FAILURES, isSilent } from '../sources/source.repository.js';
import { planStandaloneAlert } from './alerts.js';
import type { AlertMessage } from './channels/channel.js';
import { sourceHealthMessage } from './message.js';
import { jsonb } from '../db/jsonb.js';

type Ctx = Pick<AppContext, 'db' | 'config' | 'queues' | 'logger'>;

const CATCH_UP_MS = 6 * 3_600_000;

interface Pending {
  key: string;
  kind: 'source_failing' | 'source_silent';
  subject: string;
  message: AlertMessage;
}

export async function runSourceAlerts(ctx: Ctx, now = new Date()): Promise<{ alerts: string[] }> {
  const sources = await ctx.db.selectFrom('sources').selectAll().where('type', '<>', 'manual').orderBy('id').execute();
  const states = new Map((await ctx.db.selectFrom('source_alert_state').selectAll().execute()).map((r) => [r.source_id, r]));
  const created: string[] = [];
  for (const source of sources) {
    const failing = source.enabled && source.health === 'failing' && source.consecutive_failures >= BACKOFF_AFTER_FAILURES;
    const silent = !failing && isSilent(source, now);
    const before = states.get(source.id) ?? { failing: false, silent: false };
    // Failing stays failing until a success (health ok); a disabled source is simply dropped.
    const nextFailing = failing || (before.failing && source.enabled && source.health !== 'ok');
    if (before.failing === nextFailing && before.silent === silent) continue;
    const pending: Pending[] = [];
    const message = (kind: 'failing' | 'silent' | 'recovered') => sourceHealthMessage({ kind, source, at: now }, ctx.config.PUBLIC_URL);
    if (nextFailing && !before.failing) pending.push({ key: `source-${source.id}-failing-${now.getTime()}`, kind: 'source_failing', subject: `source:${source.id}`, message: message('failing') });
    if (!nextFailing && before.failing && source.enabled) pending.push({ key: `source-${source.id}-recovered-${now.getTime()}`, kind: 'source_failing', subject: `source:${source.id}:recovered`, message: message('recovered') });
    if (silent && !before.silent) pending.push({ key: `source-${source.id}-silent-${now.getTime()}`, kind: 'source_silent', subject: `source:${source.id}`, message: message('silent') });
    if (!silent && before.silent && source.enabled && !nextFailing) pending.push({ key: `source-${source.id}-heard-${now.getTime()}`, kind: 'source_silent', subject: `source:${source.id}:recovered`, message: message('recovered') });
    await ctx.db.transaction().execute(async (tx) => {
      // Only the run that changes the stored state records the alerts (concurrent runs: one wins).
      const changed = states.has(source.id)
        ? await tx
            .updateTable('source_alert_state')
            .set({ failing: nextFailing, silent, updated_at: now })
            .where('source_id', '=', source.id)
            .where('failing', '=', before.failing)
            .where('silent', '=', before.silent)
            .returning('source_id')
            .executeTakeFirst()
        : await tx
            .insertInto('source_alert_state')
            .values({ source_id: source.id, failing: nextFailing, silent, updated_at: now })
            .onConflict((oc) => oc.column('source_id').doNothing())
            .returning('source_id')
            .executeTakeFirst();
      if (!changed || !pending.length) return;
      await tx
        .insertInto('alerts')
        .values(pending.map((p) => ({ alert_key: p.key, kind: p.kind, subject: p.subject, message: jsonb(p.message) })))
        .onConflict((oc) => oc.column('alert_key').doNothing())
        .execute();
      created.push(...pending.map((p) => p.key));
    });
  }
  await planUnplannedAlerts(ctx, ['source_failing', 'source_silent'], now);
  return { alerts: created };
}

/** Plans stored alerts of these kinds that have no delivery yet (idempotent; rules decide who gets them). */
export async function planUnplannedAlerts(ctx: Ctx, kinds: readonly ('source_failing' | 'source_silent' | 'daily_digest' | 'spike')[], now = new Date()): Promise<number> {
  const rows = await ctx.db
    .selectFrom('alerts as a')
    .selectAll('a')
    .where('a.kind', 'in', kinds)
    .where('a.created_at', '>=', new Date(now.getTime() - CATCH_UP_MS))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('alert_deliveries as d').select('d.id').whereRef('d.alert_key', '=', 'a.alert_key'))))
    .orderBy('a.created_at')
    .execute();
  for (const row of rows) await planStandaloneAlert(ctx, { key: row.alert_key, kind: row.kind, subject: row.subject, message: row.message }, now);
  return rows.length;
}

/** Exported for tests: the stored state. */
export const sourceAlertState = (ctx: Pick<AppContext, 'db'>, sourceId: string) =>
  ctx.db.selectFrom('source_alert_state').selectAll().where('source_id', '=', sourceId).executeTakeFirst();
