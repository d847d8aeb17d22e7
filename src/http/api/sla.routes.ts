// /api/sla — the SLA policy per severity, the working week and the days off. Every signed-in
// principal may read; only an administrator may change them. A change applies to deadlines
// computed afterwards: incidents opened from then on, and an open incident's deadlines when they
// are recomputed (its severity is raised, it resumes from hold). Deadlines already stored are
// not rewritten, so the "handled in time" of past incidents never moves.
import { Hono, type Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/database.js';
import { SEVERITIES } from '../../analysis/types.js';
import { recordAdminEvent, type AdminActor } from '../../audit/admin-audit.js';
import { DEFAULT_DUE_SOON_RATIO } from '../../sla/policy.js';
import {
  deleteHoliday,
  getSlaPolicy,
  listHolidays,
  listWorkingPeriods,
  replaceWorkingPeriods,
  updateSlaPolicy,
  upsertHoliday,
  type SlaPolicyItem,
} from '../../sla/sla-settings.repository.js';
import { requireRole, type AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

const YEAR_OF_MINUTES = 366 * 24 * 60;
const minutes = z.number().int().min(1).max(YEAR_OF_MINUTES);
const policyItem = z
  .object({
    ack_minutes: minutes,
    resolve_minutes: minutes,
    clock: z.enum(['calendar', 'working_hours']),
    due_soon_ratio: z.number().gt(0).lt(1).default(DEFAULT_DUE_SOON_RATIO),
  })
  .strict()
  .refine((p) => p.resolve_minutes >= p.ack_minutes, { message: 'resolve_minutes must be at least ack_minutes', path: ['resolve_minutes'] });
const policyBody = z
  .object(Object.fromEntries(SEVERITIES.map((s) => [s, policyItem.optional()])) as Record<(typeof SEVERITIES)[number], z.ZodOptional<typeof policyItem>>)
  .strict()
  .refine((body) => SEVERITIES.some((s) => body[s] !== undefined), { message: `give the policy of at least one of ${SEVERITIES.join(', ')}` });

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const periodsBody = z
  .object({
    items: z
      .array(z.object({ weekday: z.number().int().min(1).max(7), start: clockTime, end: clockTime }).strict())
      .min(1, 'at least one working period (without any, no working-hours deadline exists)')
      .max(7 * 8),
  })
  .strict()
  .superRefine((body, ctx) => {
    body.items.forEach((p, i) => {
      if (toMinutes(p.start) >= toMinutes(p.end)) ctx.addIssue({ code: 'custom', path: ['items', i, 'end'], message: 'end must be after start' });
    });
    for (let weekday = 1; weekday <= 7; weekday++) {
      const day = body.items
        .map((p, i) => ({ ...p, i }))
        .filter((p) => p.weekday === weekday)
        .sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
      for (let k = 1; k < day.length; k++) {
        const before = day[k - 1]!;
        const current = day[k]!;
        if (toMinutes(current.start) < toMinutes(before.end)) {
          ctx.addIssue({ code: 'custom', path: ['items', current.i], message: `overlaps ${before.start}–${before.end} on weekday ${weekday}` });
        }
      }
    }
  });

const isoDay = z.iso.date();
const holidayBody = z.object({ day: isoDay, name: z.string().trim().min(1).max(200) }).strict();
const holidayQuery = z.object({ year: z.coerce.number().int().min(1900).max(2200).optional() });
const dayParam = z.object({ day: isoDay });

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function slaApi(db: Db, logger: Logger) {
  const admin = requireRole('admin');
  const who = (c: Context<AuthEnv>) => c.get('principal')?.name ?? 'unknown';
  const actorOf = (c: Context<AuthEnv>): AdminActor => ({ userId: c.get('principal')?.userId ?? null, name: who(c) });
  const policyJson = async () => {
    const policy = await getSlaPolicy(db);
    return { policy: Object.fromEntries(SEVERITIES.map((s) => [s, { ...policy[s], updated_at: iso(policy[s].updated_at) }])) };
  };

  return new Hono<AuthEnv>()
    .get('/policy', async (c) => c.json(await policyJson()))
    .put('/policy', admin, zValidator('json', policyBody, invalidInput), async (c) => {
      const body = c.req.valid('json') as Partial<Record<(typeof SEVERITIES)[number], SlaPolicyItem>>;
      await updateSlaPolicy(db, body);
      logger.info({ actor: who(c), policy: body }, 'SLA policy changed');
      await recordAdminEvent(db, actorOf(c), { action: 'sla.policy_changed', targetType: 'sla_policy', details: { policy: body } });
      return c.json(await policyJson());
    })
    .get('/working-periods', async (c) => c.json({ items: await listWorkingPeriods(db) }))
    .put('/working-periods', admin, zValidator('json', periodsBody, invalidInput), async (c) => {
      const { items } = c.req.valid('json');
      await replaceWorkingPeriods(db, items);
      logger.info({ actor: who(c), periods: items }, 'working periods changed');
      await recordAdminEvent(db, actorOf(c), { action: 'sla.working_periods_changed', targetType: 'working_periods', details: { periods: items } });
      return c.json({ items: await listWorkingPeriods(db) });
    })
    .get('/holidays', zValidator('query', holidayQuery, invalidInput), async (c) => {
      const { year } = c.req.valid('query');
      return c.json({ items: await listHolidays(db, year === undefined ? {} : { year }) });
    })
    .post('/holidays', admin, zValidator('json', holidayBody, invalidInput), async (c) => {
      const holiday = c.req.valid('json');
      const { created } = await upsertHoliday(db, holiday);
      logger.info({ actor: who(c), holiday, created }, 'holiday saved');
      await recordAdminEvent(db, actorOf(c), { action: 'sla.holiday_saved', targetType: 'holiday', targetId: holiday.day, details: { ...holiday, created } });
      return c.json(holiday, created ? 201 : 200);
    })
    .delete('/holidays/:day', admin, zValidator('param', dayParam, invalidInput), async (c) => {
      const { day } = c.req.valid('param');
      if (!(await deleteHoliday(db, day))) return c.json({ error: 'not_found', message: `${day} is not a holiday` }, 404);
      logger.info({ actor: who(c), day }, 'holiday deleted');
      await recordAdminEvent(db, actorOf(c), { action: 'sla.holiday_deleted', targetType: 'holiday', targetId: day });
      return c.body(null, 204);
    });
}

/** The request schemas, for the OpenAPI description (src/http/api/docs.routes.ts). */
export const slaApiSchemas = { policyBody, periodsBody, holidayBody, holidayQuery, dayParam };
