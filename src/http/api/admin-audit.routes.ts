// GET /api/admin/audit: the configuration audit trail (admin only), newest first.
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { ADMIN_ACTIONS, listAdminEvents } from '../../audit/admin-audit.js';
import { requireRole, type AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(/^\d{1,18}$/).optional(),
  action: z.enum(ADMIN_ACTIONS).optional(),
});

export function adminAuditApi(db: Db) {
  return new Hono<AuthEnv>().get('/', requireRole('admin'), zValidator('query', auditQuery, invalidInput), async (c) => {
    const { limit, before, action } = c.req.valid('query');
    const events = await listAdminEvents(db, { limit, ...(before ? { beforeId: before } : {}), ...(action ? { action } : {}) });
    return c.json({
      items: events.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actor, action: e.action, target_type: e.targetType, target_id: e.targetId, details: e.details })),
      next_before: events.length === limit ? events[events.length - 1]!.id : null,
    });
  });
}

export const adminAuditApiSchemas = { auditQuery };
