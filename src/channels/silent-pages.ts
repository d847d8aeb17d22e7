// A unit's page with no post of its own for N days (channel_settings.silent_days, default 7)
// alerts through the existing alert rules — kind source_silent, the message by the unit's name —
// and again when it posts. As with source health (src/alerts/source-alerts.ts): the last alerted
// state is kept (unit_page_alert_state), changed together with the stored alert in one
// transaction, and the alert is planned after the commit; one left unplanned by a crash is planned
// by the next run (planUnplannedAlerts covers source_silent).
import type { AppContext } from '../context.js';
import { planStandaloneAlert } from '../alerts/alerts.js';
import { unitPageMessage } from '../alerts/message.js';
import { getChannelSettings } from './units.js';
import { jsonb } from '../db/jsonb.js';

type Ctx = Pick<AppContext, 'db' | 'config' | 'queues' | 'logger'>;

const DAY_MS = 86_400_000;

/** Silent: collected at least once, and no own post (else since the source was added) for `silentDays`. */
export function isUnitPageSilent(page: { last_success_at: Date | null; created_at: Date }, lastPostAt: Date | null, silentDays: number, now: Date): boolean {
  if (!page.last_success_at) return false;
  return now.getTime() - (lastPostAt ?? page.created_at).getTime() > silentDays * DAY_MS;
}

export async function runUnitPageAlerts(ctx: Ctx, now = new Date()): Promise<{ alerts: string[] }> {
  const { silentDays } = await getChannelSettings(ctx.db);
  const [pages, lastPosts, states] = await Promise.all([
    ctx.db
      .selectFrom('sources as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select(['s.id', 's.name', 's.last_success_at', 's.created_at', 'u.id as unit_id', 'u.name as unit_name', 'u.kind as unit_kind'])
      .where('s.enabled', '=', true)
      .where('s.type', '<>', 'manual')
      .orderBy('s.id')
      .execute(),
    ctx.db.selectFrom('unit_page_posts').select(['source_id', (eb) => eb.fn.max('at').as('last')]).groupBy('source_id').execute(),
    ctx.db.selectFrom('unit_page_alert_state').selectAll().execute(),
  ]);
  const lastOf = new Map(lastPosts.map((r) => [r.source_id, r.last as Date | null]));
  const stateOf = new Map(states.map((s) => [s.source_id, s.silent]));
  const created: { key: string; subject: string; message: ReturnType<typeof unitPageMessage> }[] = [];
  for (const page of pages) {
    const lastPostAt = lastOf.get(page.id) ?? null;
    const silent = isUnitPageSilent(page, lastPostAt, silentDays, now);
    const before = stateOf.get(page.id);
    if ((before ?? false) === silent) continue;
    // A page first seen active needs no alert; one first seen silent does.
    const kind = silent ? 'silent' : 'posting';
    const alert =
      before === undefined && !silent
        ? undefined
        : {
            key: `unit-page-${page.id}-${kind}-${now.getTime()}`,
            subject: `unit-page:${page.id}${silent ? '' : ':recovered'}`,
            message: unitPageMessage(
              { kind, unit: { id: page.unit_id, name: page.unit_name, kind: page.unit_kind }, source: { id: page.id, name: page.name }, lastPostAt, silentDays, at: now },
              ctx.config.PUBLIC_URL,
            ),
          };
    await ctx.db.transaction().execute(async (tx) => {
      // Only the run that changes the stored state records the alert (concurrent runs: one wins).
      const changed =
        before === undefined
          ? await tx.insertInto('unit_page_alert_state').values({ source_id: page.id, silent, updated_at: now }).onConflict((oc) => oc.column('source_id').doNothing()).returning('source_id').executeTakeFirst()
          : await tx.updateTable('unit_page_alert_state').set({ silent, updated_at: now }).where('source_id', '=', page.id).where('silent', '=', before).returning('source_id').executeTakeFirst();
      if (!changed || !alert) return;
      await tx
        .insertInto('alerts')
        .values({ alert_key: alert.key, kind: 'source_silent', subject: alert.subject, message: jsonb(alert.message) })
        .onConflict((oc) => oc.column('alert_key').doNothing())
        .execute();
      created.push(alert);
    });
  }
  for (const alert of created) await planStandaloneAlert(ctx, { key: alert.key, kind: 'source_silent', subject: alert.subject, message: alert.message }, now);
  return { alerts: created.map((a) => a.key) };
}
