// POST /api/reports — a link or a text reported by hand; answered with the analysis at once.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { zValidator } from '@hono/zod-validator';
import type { AppContext } from '../../context.js';
import { manualReportSchema, submitManualReport } from '../../posts/manual-report.js';
import { requireRole, type AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

export function reportsApi(context: AppContext) {
  return new Hono<AuthEnv>().post(
    '/',
    requireRole('collaborator', 'admin'),
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'too_large', message: 'a report is at most 64 KB' }, 413) }),
    zValidator('json', manualReportSchema, invalidInput),
    async (c) => {
      const principal = c.get('principal');
      const result = await submitManualReport(context, c.req.valid('json'), { userId: principal?.userId ?? null, name: principal?.name ?? 'unknown' });
      return c.json({ post_id: result.postId, analysis: result.analysis, incident_id: result.incidentId }, 201);
    },
  );
}
