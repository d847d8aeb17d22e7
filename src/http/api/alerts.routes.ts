// /api/alerts — the delivery log (reviewers and administrators), channels and "send test", and
// the rules: list, create, edit, delete (administrators).
// Channel secrets never leave: they are shown as "[set]".
import { Hono, type Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { createRule, deleteRule, getRule, listChannels, listDeliveries, listRules, RuleError, ruleCreateSchema, ruleUpdateSchema, updateRule } from '../../alerts/alert.repository.js';
import { sendTestAlert } from '../../alerts/alerts.js';
import { requireRole, type AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'suppressed']).optional(),
});

const ruleParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'a numeric id') });
export const alertsApiSchemas = { ruleParam, ruleCreate: ruleCreateSchema, ruleUpdate: ruleUpdateSchema, deliveriesQuery };

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
    if (!/^\d{1,18}$/.test(id)) return c.json({ error: 'not_found' }, 404); // beyond bigint: no such channel
    const exists = await context.db.selectFrom('alert_channels').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) return c.json({ error: 'not_found' }, 404);
    const results = await sendTestAlert(context, id);
    const ok = results.every((r) => r.status === 'sent');
    return c.json({ status: ok ? 'sent' : 'failed', results }, ok ? 200 : 502);
  });
  // Rules: channels, recipients, escalation list, quiet hours, cooldown (administrators).
  const refused = (c: Context, error: unknown) => {
    if (error instanceof RuleError) return c.json({ error: error.code, message: error.message }, 400);
    throw error;
  };
  api.get('/rules', admin, async (c) => c.json({ items: await listRules(context.db) }));
  api.get('/rules/:id', admin, zValidator('param', ruleParam, invalidInput), async (c) => {
    const rule = await getRule(context.db, c.req.valid('param').id);
    return rule ? c.json(rule) : c.json({ error: 'not_found' }, 404);
  });
  api.post('/rules', admin, zValidator('json', ruleCreateSchema, invalidInput), async (c) => {
    try {
      return c.json(await createRule(context.db, c.req.valid('json')), 201);
    } catch (error) {
      return refused(c, error);
    }
  });
  api.patch('/rules/:id', admin, zValidator('param', ruleParam, invalidInput), zValidator('json', ruleUpdateSchema, invalidInput), async (c) => {
    try {
      const rule = await updateRule(context.db, c.req.valid('param').id, c.req.valid('json'));
      return rule ? c.json(rule) : c.json({ error: 'not_found' }, 404);
    } catch (error) {
      return refused(c, error);
    }
  });
  api.delete('/rules/:id', admin, zValidator('param', ruleParam, invalidInput), async (c) => {
    if (!(await deleteRule(context.db, c.req.valid('param').id))) return c.json({ error: 'not_found' }, 404);
    return c.body(null, 204);
  });
  return api;
}
