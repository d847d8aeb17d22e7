// /api/alerts — the delivery log (reviewers and administrators), channels and "send test" (administrators).
// Channel secrets never leave: they are shown as "[set]".
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { listChannels, listDeliveries } from '../../alerts/alert.repository.js';
import { sendTestAlert } from '../../alerts/alerts.js';
import { requireRole, type AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'suppressed']).optional(),
});

export function alertsApi(context: AppContext) {
  const api = new Hono<AuthEnv>();
  const admin = requireRole('admin');
  api.get('/deliveries', requireRole('reviewer', 'admin'), zValidator('query', deliveriesQuery, invalidInput), async (c) => {
    const q = c.req.valid('query');
    return c.json({ items: await listDeliveries(context.db, { limit: q.limit, ...(q.status ? { status: q.status } : {}) }) });
  });
  api.get('/channels', admin, async (c) => c.json({ items: await listChannels(context.db) }));
  api.post('/channels/:id/test', admin, async (c) => {
    const id = c.req.param('id');
    if (!/^\d+$/.test(id)) return c.json({ error: 'not_found' }, 404);
    const exists = await context.db.selectFrom('alert_channels').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) return c.json({ error: 'not_found' }, 404);
    const results = await sendTestAlert(context, id);
    const ok = results.every((r) => r.status === 'sent');
    return c.json({ status: ok ? 'sent' : 'failed', results }, ok ? 200 : 502);
  });
  return api;
}
