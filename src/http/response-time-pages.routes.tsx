// The response-time report page (/reports/response-time, every signed-in role) and its exports
// (/reports/response-time.pdf|.xlsx|.csv): a signed-in session, or an API token, of a reviewer
// or an administrator.
import { Hono, type Context } from 'hono';
import type { AppContext } from '../context.js';
import type { Role } from '../db/schema.js';
import { lastCompleted, localDay, makePeriod, periodFromQuery, periodQuerySchema, type ReportPeriod } from '../reports/period.js';
import { buildResponseTimeReport } from '../reports/response-time.js';
import { reportBundle, reportCsvOf, reportFileName, reportPdf, reportXlsxOf } from '../reports/service.js';
import { ResponseTimePage } from '../../dashboards/pages/response-time.js';
import type { Preset } from '../../dashboards/pages/period-form.js';
import { vi } from '../../dashboards/i18n.js';
import type { AuthEnv } from './auth.js';
import { pageSession } from './page-guard.js';

const EXPORT_ROLES: readonly Role[] = ['reviewer', 'admin'];

export function reportPresets(now: Date): Preset[] {
  const month = lastCompleted('month', now);
  const quarter = lastCompleted('quarter', now);
  const year = Number(localDay(now).slice(0, 4));
  const today = localDay(now);
  const half = today.slice(5, 7) <= '06' ? makePeriod(`${year - 1}-07-01`, `${year - 1}-12-31`) : makePeriod(`${year}-01-01`, `${year}-06-30`);
  const p = vi.responseTime.presets;
  return [
    { label: p.month, from: month.from, to: month.to },
    { label: p.quarter, from: quarter.from, to: quarter.to },
    { label: p.half, from: half.from, to: half.to },
    { label: p.year, from: `${year}-01-01`, to: today },
  ];
}

/** The period of the query, or undefined when it is not valid. */
export function queryPeriod(c: Context<AuthEnv>): ReportPeriod | undefined {
  const parsed = periodQuerySchema.safeParse({ from: c.req.query('from') || undefined, to: c.req.query('to') || undefined });
  return parsed.success ? periodFromQuery(parsed.data) : undefined;
}

/** Exports take a token (scripts, the board's tools) or a session (the download links). */
export function exportRefusal(c: Context<AuthEnv>, roles: readonly Role[] = EXPORT_ROLES): Response | Promise<Response> | undefined {
  const principal = c.get('principal');
  if (principal?.kind === 'token') return roles.includes(principal.role) ? undefined : c.json({ error: 'forbidden', message: `requires role ${roles.join(' or ')}` }, 403);
  if (c.req.header('authorization')) return c.json({ error: 'unauthorized', message: 'Authorization: Bearer TOKEN required' }, 401);
  return pageSession(c, roles).refusal;
}

/** An export as an attachment, never cached. */
export function download(c: Context<AuthEnv>, body: Buffer, type: string, name: string) {
  return c.body(new Uint8Array(body), 200, { 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' });
}

export function responseTimePageRoutes(context: AppContext) {
  const { db, config } = context;

  return new Hono<AuthEnv>()
    .get('/reports/response-time', async (c) => {
      const { session, refusal } = pageSession(c);
      if (refusal) return refusal;
      const user = { displayName: session.displayName, csrfToken: session.csrfToken, role: session.role };
      const now = new Date();
      const period = queryPeriod(c);
      const shown = { from: c.req.query('from') ?? '', to: c.req.query('to') ?? '' };
      if (!period) return c.html(<ResponseTimePage user={user} from={shown.from} to={shown.to} presets={reportPresets(now)} error={vi.responseTime.badPeriod} />, 400);
      const report = await buildResponseTimeReport(db, period, now);
      return c.html(<ResponseTimePage user={user} report={report} from={period.from} to={period.to} presets={reportPresets(now)} />);
    })
    .get('/reports/response-time.pdf', async (c) => {
      const refusal = exportRefusal(c);
      if (refusal) return refusal;
      const period = queryPeriod(c);
      if (!period) return c.json({ error: 'invalid_input', message: vi.responseTime.badPeriod }, 400);
      const pdf = await reportPdf(db, config.CHROMIUM_PATH, await reportBundle(db, period));
      return download(c, pdf, 'application/pdf', reportFileName(period, 'pdf'));
    })
    .get('/reports/response-time.xlsx', async (c) => {
      const refusal = exportRefusal(c);
      if (refusal) return refusal;
      const period = queryPeriod(c);
      if (!period) return c.json({ error: 'invalid_input', message: vi.responseTime.badPeriod }, 400);
      const xlsx = await reportXlsxOf(await reportBundle(db, period));
      return download(c, xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', reportFileName(period, 'xlsx'));
    })
    .get('/reports/response-time.csv', async (c) => {
      const refusal = exportRefusal(c);
      if (refusal) return refusal;
      const period = queryPeriod(c);
      if (!period) return c.json({ error: 'invalid_input', message: vi.responseTime.badPeriod }, 400);
      return download(c, reportCsvOf(await reportBundle(db, period)), 'text/csv; charset=utf-8', reportFileName(period, 'csv'));
    });
}
