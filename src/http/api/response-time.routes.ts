// GET /api/reports/response-time?from=YYYY-MM-DD&to=YYYY-MM-DD — the response-time report as JSON
// (every signed-in role); GET/PUT …/settings — the report header, signature and delivery channels (admin).
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import type { AppContext } from '../../context.js';
import { periodFromQuery, periodQuerySchema } from '../../reports/period.js';
import { buildResponseTimeReport } from '../../reports/response-time.js';
import { getReportSettings, reportSettingsInputSchema, saveReportSettings, type ReportSettings } from '../../reports/settings.js';
import { requireRole, type AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

/** The settings as they apply (defaults filled in), in the PUT body's names. */
const settingsJson = (s: ReportSettings) => ({
  parent_committee: s.parentCommittee,
  committee: s.committee,
  place: s.place,
  signer_title: s.signerTitle.join('\n'),
  signer_name: s.signerName,
  channel_ids: s.channelIds,
});

export function responseTimeApi(context: AppContext) {
  const { db } = context;
  return new Hono<AuthEnv>()
    .get('/', zValidator('query', periodQuerySchema, invalidInput), async (c) => c.json(await buildResponseTimeReport(db, periodFromQuery(c.req.valid('query')))))
    .get('/settings', requireRole('admin'), async (c) => c.json(settingsJson(await getReportSettings(db))))
    .put('/settings', requireRole('admin'), zValidator('json', reportSettingsInputSchema, invalidInput), async (c) => {
      await saveReportSettings(db, c.req.valid('json'));
      return c.json(settingsJson(await getReportSettings(db)));
    });
}
