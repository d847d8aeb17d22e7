// The commune's own channels on the dashboard: "Kênh của đơn vị" (/reports/channels, every role)
// and the units admin page (/admin/units: list, add, rename, delete, the silent-page setting).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from '../context.js';
import { buildChannelsReport } from '../channels/channels-report.js';
import { readDailyStats } from '../channels/daily-stats.js';
import { createUnit, deleteUnit, getChannelSettings, listUnits, saveChannelSettings, unitInputSchema, UnitError, updateUnit } from '../channels/units.js';
import { localDay } from '../reports/period.js';
import type { SessionPrincipal } from '../users/user.repository.js';
import { ChannelsPage, UnitsPage } from '../../dashboards/pages/channels.js';
import { vi } from '../../dashboards/i18n.js';
import type { AuthEnv } from './auth.js';
import { field, guardedForm, pageRoles, pageSession } from './page-guard.js';
import { queryPeriod, reportPresets } from './response-time-pages.routes.js';

const u = vi.channels.units;
const ID = /^\d{1,18}$/;
const FORM_LIMIT = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('Payload Too Large', 413) });
const DAY_MS = 86_400_000;
const DAILY_DAYS = 7;

export function channelsPageRoutes(context: AppContext) {
  const { db } = context;

  const unitsPage = async (
    c: Context<AuthEnv>,
    session: SessionPrincipal,
    extra: { notice?: string; errors?: string[]; values?: { name: string; kind: string } } = {},
    status: 200 | 400 | 404 | 409 = 200,
  ) => {
    const [units, settings] = await Promise.all([listUnits(db), getChannelSettings(db)]);
    c.header('cache-control', 'no-store');
    return c.html(<UnitsPage user={session} units={units} silentDays={settings.silentDays} {...extra} />, status);
  };

  const unitErrorText = (error: UnitError) => (error.code === 'duplicate' ? u.errors.duplicate : u.errors.notFound);

  return new Hono<AuthEnv>()
    .get('/reports/channels', async (c) => {
      const { session, refusal } = pageSession(c);
      if (refusal) return refusal;
      const now = new Date();
      const period = queryPeriod(c);
      // This month so far first: a unit page's activity is followed while the month runs.
      const today = localDay(now);
      const presets = [{ label: vi.channels.report.thisMonth, from: `${today.slice(0, 8)}01`, to: today }, ...reportPresets(now)];
      if (!period) return c.html(<ChannelsPage user={session} from={c.req.query('from') ?? ''} to={c.req.query('to') ?? ''} presets={presets} error={vi.responseTime.badPeriod} />, 400);
      const days = Array.from({ length: DAILY_DAYS }, (_, i) => localDay(new Date(now.getTime() - (DAILY_DAYS - 1 - i) * DAY_MS)));
      const [report, stats] = await Promise.all([buildChannelsReport(db, period, now), readDailyStats(db, days[0]!, today)]);
      const pages = report.rows.filter((r) => r.sourceId !== null).map((r) => ({ id: r.sourceId!, name: r.sourceName ?? '', unit: r.unit }));
      return c.html(<ChannelsPage user={session} report={report} from={period.from} to={period.to} presets={presets} daily={{ days, stats, pages }} />);
    })
    .get('/admin/units', async (c) => {
      const { session, refusal } = pageSession(c, ['admin']);
      if (refusal) return refusal;
      const done = c.req.query('done');
      const notice = done === 'created' ? u.created : done === 'saved' ? u.saved : done === 'deleted' ? u.deleted : done === 'settings' ? u.settingsSaved : undefined;
      return unitsPage(c, session, notice ? { notice } : {});
    })
    .post('/admin/units/settings', pageRoles('admin'), FORM_LIMIT, async (c) => {
      const guarded = await guardedForm(c, ['admin']);
      if ('refusal' in guarded) return guarded.refusal;
      const days = Number(field(guarded.form, 'silent_days'));
      if (!Number.isInteger(days) || days < 1 || days > 365) return unitsPage(c, guarded.session, { errors: [u.errors.silentDays] }, 400);
      await saveChannelSettings(db, guarded.session, { silentDays: days });
      return c.redirect('/admin/units?done=settings#thong-bao', 303);
    })
    .post('/admin/units', pageRoles('admin'), FORM_LIMIT, async (c) => {
      const guarded = await guardedForm(c, ['admin']);
      if ('refusal' in guarded) return guarded.refusal;
      const values = { name: field(guarded.form, 'name'), kind: field(guarded.form, 'kind') };
      const parsed = unitInputSchema.safeParse(values);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => (i.path[0] === 'kind' ? u.errors.kind : u.errors.name));
        return unitsPage(c, guarded.session, { errors: [...new Set(errors)], values }, 400);
      }
      try {
        await createUnit(db, guarded.session, parsed.data);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        return unitsPage(c, guarded.session, { errors: [unitErrorText(error)], values }, 409);
      }
      return c.redirect('/admin/units?done=created#thong-bao', 303);
    })
    .post('/admin/units/:id', pageRoles('admin'), FORM_LIMIT, async (c) => {
      const guarded = await guardedForm(c, ['admin']);
      if ('refusal' in guarded) return guarded.refusal;
      const id = c.req.param('id');
      if (!ID.test(id)) return unitsPage(c, guarded.session, { errors: [u.errors.notFound] }, 404);
      const parsed = unitInputSchema.safeParse({ name: field(guarded.form, 'name'), kind: field(guarded.form, 'kind') });
      if (!parsed.success) return unitsPage(c, guarded.session, { errors: [parsed.error.issues[0]?.path[0] === 'kind' ? u.errors.kind : u.errors.name] }, 400);
      try {
        await updateUnit(db, guarded.session, id, parsed.data);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        return unitsPage(c, guarded.session, { errors: [unitErrorText(error)] }, error.httpStatus === 404 ? 404 : 409);
      }
      return c.redirect('/admin/units?done=saved#thong-bao', 303);
    })
    .post('/admin/units/:id/delete', pageRoles('admin'), FORM_LIMIT, async (c) => {
      const guarded = await guardedForm(c, ['admin']);
      if ('refusal' in guarded) return guarded.refusal;
      const id = c.req.param('id');
      try {
        if (!ID.test(id)) throw new UnitError('not_found', `unit ${id} not found`, 404);
        await deleteUnit(db, guarded.session, id);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        return unitsPage(c, guarded.session, { errors: [u.errors.notFound] }, 404);
      }
      return c.redirect('/admin/units?done=deleted#thong-bao', 303);
    });
}
