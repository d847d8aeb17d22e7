// GET /api/reports/public-opinion?from=YYYY-MM-DD&to=YYYY-MM-DD — the public-opinion report as
// JSON (every signed-in role); without from/to, last month. The PDF and XLSX are page routes
// (src/http/trends-pages.routes.tsx), like the response-time report's.
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import type { Db } from '../../db/database.js';
import { periodFromQuery, periodQuerySchema } from '../../reports/period.js';
import { buildPublicOpinionReport } from '../../reports/public-opinion.js';
import type { AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

export function publicOpinionApi(db: Db) {
  return new Hono<AuthEnv>().get('/', zValidator('query', periodQuerySchema, invalidInput), async (c) =>
    c.json(await buildPublicOpinionReport(db, periodFromQuery(c.req.valid('query')))),
  );
}
