// The Dư luận page (GET /trends, every signed-in role) and the public-opinion report's exports
// (GET /reports/public-opinion.pdf | .xlsx ?from=&to=: a session or an API token of any role —
// the team compiles it, the board reads it).
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import type { Role } from '../db/schema.js';
import { lastCompleted } from '../reports/period.js';
import { buildPublicOpinionReport, publicOpinionFileName } from '../reports/public-opinion.js';
import { publicOpinionPdf, publicOpinionXlsx } from '../reports/public-opinion-exports.js';
import { buildTrends, trendsPeriod, trendsQuerySchema } from '../trends/trends.js';
import { TrendsPage } from '../../dashboards/pages/trends.js';
import type { Preset } from '../../dashboards/pages/period-form.js';
import { vi } from '../../dashboards/i18n.js';
import type { AuthEnv } from './auth.js';
import { pageSession } from './page-guard.js';
import { download, exportRefusal, queryPeriod } from './response-time-pages.routes.js';

const EVERY_ROLE: readonly Role[] = ['admin', 'collaborator', 'reviewer'];

function presets(now: Date): Preset[] {
  const recent = trendsPeriod({}, now);
  const month = lastCompleted('month', now);
  const quarter = lastCompleted('quarter', now);
  const p = vi.trends.presets;
  return [
    { label: p.days30, from: recent.from, to: recent.to },
    { label: p.month, from: month.from, to: month.to },
    { label: p.quarter, from: quarter.from, to: quarter.to },
  ];
}

export function trendsPageRoutes(context: AppContext) {
  const { db, config } = context;
  return new Hono<AuthEnv>()
    .get('/trends', async (c) => {
      const { session, refusal } = pageSession(c);
      if (refusal) return refusal;
      const user = { displayName: session.displayName, csrfToken: session.csrfToken, role: session.role };
      const now = new Date();
      const raw = { from: c.req.query('from') || undefined, to: c.req.query('to') || undefined, bucket: c.req.query('bucket') || undefined };
      const parsed = trendsQuerySchema.safeParse(raw);
      if (!parsed.success) {
        return c.html(<TrendsPage user={user} from={raw.from ?? ''} to={raw.to ?? ''} bucket={raw.bucket ?? 'day'} presets={presets(now)} error={vi.trends.badPeriod} />, 400);
      }
      const period = trendsPeriod(parsed.data, now);
      const report = await buildTrends(db, period, parsed.data.bucket, now);
      return c.html(<TrendsPage user={user} report={report} from={period.from} to={period.to} bucket={parsed.data.bucket} presets={presets(now)} />);
    })
    .get('/reports/public-opinion.pdf', async (c) => {
      const refusal = exportRefusal(c, EVERY_ROLE);
      if (refusal) return refusal;
      const period = queryPeriod(c);
      if (!period) return c.json({ error: 'invalid_input', message: vi.responseTime.badPeriod }, 400);
      const report = await buildPublicOpinionReport(db, period);
      return download(c, await publicOpinionPdf(db, config.CHROMIUM_PATH, report), 'application/pdf', publicOpinionFileName(period, 'pdf'));
    })
    .get('/reports/public-opinion.xlsx', async (c) => {
      const refusal = exportRefusal(c, EVERY_ROLE);
      if (refusal) return refusal;
      const period = queryPeriod(c);
      if (!period) return c.json({ error: 'invalid_input', message: vi.responseTime.badPeriod }, 400);
      const report = await buildPublicOpinionReport(db, period);
      return download(c, await publicOpinionXlsx(report), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', publicOpinionFileName(period, 'xlsx'));
    });
}

