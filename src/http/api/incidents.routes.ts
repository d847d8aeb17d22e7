import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { listIncidents } from '../../incidents/incident.repository.js';
import type { AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

const statusSchema = z.enum(['new', 'acknowledged', 'in_progress', 'on_hold', 'resolved', 'dismissed']);
const listQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parsed = z.array(statusSchema).safeParse(s.split(','));
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `status must be a comma-separated list of ${statusSchema.options.join(', ')}` });
        return z.NEVER;
      }
      return parsed.data;
    }),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export function incidentsApi(db: Db) {
  return new Hono<AuthEnv>().get('/', zValidator('query', listQuery, invalidInput), async (c) => {
    const query = c.req.valid('query');
    const incidents = await listIncidents(db, { status: query.status, limit: query.limit });
    return c.json({
      items: incidents.map((i) => ({
        id: i.id,
        title: i.title,
        category: i.category,
        severity: i.severity,
        status: i.status,
        created_at: i.created_at.toISOString(),
        post_count: i.post_count,
        ack_due_at: i.ack_due_at?.toISOString() ?? null,
        resolve_due_at: i.resolve_due_at?.toISOString() ?? null,
      })),
    });
  });
}
