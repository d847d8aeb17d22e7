// The commune's own channels in the JSON API:
//   POST /api/incidents/:id/replies            reply on the fanpage (collaborator, admin)
//   GET/POST /api/units, PATCH/DELETE /api/units/:id   the units (admin writes)
//   PATCH /api/sources/:id {"unit_id"}         the unit a source belongs to (admin)
//   GET /api/reports/channels                  the channels report; GET/PUT …/settings (admin writes)
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { vi } from '../../../dashboards/i18n.js';
import type { AppContext } from '../../context.js';
import { buildChannelsReport, channelsReportJson } from '../../channels/channels-report.js';
import { idempotencyKeySchema, replyBodySchema, ReplyError, replyOnFanpage } from '../../channels/fanpage-reply.js';
import {
  channelSettingsSchema,
  createUnit,
  deleteUnit,
  getChannelSettings,
  listUnits,
  saveChannelSettings,
  setSourceUnit,
  unitInputSchema,
  UnitError,
  unitPatchSchema,
  updateUnit,
  type UnitRow,
} from '../../channels/units.js';
import { WorkflowError } from '../../incidents/workflow.js';
import { periodFromQuery, periodQuerySchema } from '../../reports/period.js';
import { requireRole, type AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

const numericId = (what: string) => z.object({ id: z.string().regex(/^\d{1,18}$/, `a numeric ${what} id`) });
const incidentParam = numericId('incident');
const unitParam = numericId('unit');
const sourceParam = numericId('source');
const sourcePatch = z.object({ unit_id: z.string().regex(/^\d{1,18}$/, 'a numeric unit id').nullable() });
const JSON_LIMIT = bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'too_large', message: 'at most 64 KB' }, 413) });

function actorOf(c: Context<AuthEnv>) {
  const principal = c.get('principal');
  // requireRole ran before every handler that calls this.
  if (!principal) throw new Error('no principal');
  return { name: principal.name, userId: principal.userId };
}

/** A refused reply as the API says it: the code, the Vietnamese sentence a person reads, Graph's own words. */
export function replyErrorJson(error: ReplyError) {
  return { error: error.code, message: vi.channels.reply.errors[error.code] ?? error.detail, detail: error.detail, ...(error.graphCode !== undefined ? { graph_code: error.graphCode } : {}) };
}

export function fanpageRepliesApi(context: AppContext) {
  return new Hono<AuthEnv>().post(
    '/:id/replies',
    requireRole('collaborator', 'admin'),
    JSON_LIMIT,
    zValidator('param', incidentParam, invalidInput),
    zValidator('json', replyBodySchema, invalidInput),
    async (c) => {
      const header = c.req.header('idempotency-key');
      const key = header === undefined ? undefined : idempotencyKeySchema.safeParse(header);
      if (key && !key.success) return c.json({ error: 'invalid_input', issues: [{ path: 'Idempotency-Key', message: key.error.issues[0]?.message ?? 'invalid' }] }, 400);
      const body = c.req.valid('json');
      try {
        const sent = await replyOnFanpage(context, {
          incidentId: c.req.valid('param').id,
          postId: body.post_id,
          message: body.message,
          version: body.version,
          idempotencyKey: key?.data,
          actor: actorOf(c),
        });
        return c.json({ action_id: sent.actionId, external_reply_id: sent.externalReplyId }, 201);
      } catch (error) {
        if (error instanceof ReplyError) return c.json(replyErrorJson(error), error.httpStatus);
        if (error instanceof WorkflowError) return c.json({ error: error.code, message: error.message, ...error.details }, error.httpStatus);
        throw error;
      }
    },
  );
}

const unitJson = (u: UnitRow) => ({ id: u.id, name: u.name, kind: u.kind, pages: u.pages });

function unitError(c: Context<AuthEnv>, error: unknown) {
  if (error instanceof UnitError) return c.json({ error: error.code, message: error.message }, error.httpStatus);
  throw error;
}

export function unitsApi(context: AppContext) {
  const { db } = context;
  const admin = requireRole('admin');
  return new Hono<AuthEnv>()
    .get('/', async (c) => c.json({ items: (await listUnits(db)).map(unitJson) }))
    .post('/', admin, JSON_LIMIT, zValidator('json', unitInputSchema, invalidInput), async (c) => {
      try {
        return c.json(unitJson(await createUnit(db, actorOf(c), c.req.valid('json'))), 201);
      } catch (error) {
        return unitError(c, error);
      }
    })
    .patch('/:id', admin, JSON_LIMIT, zValidator('param', unitParam, invalidInput), zValidator('json', unitPatchSchema, invalidInput), async (c) => {
      const { id } = c.req.valid('param');
      try {
        await updateUnit(db, actorOf(c), id, c.req.valid('json'));
      } catch (error) {
        return unitError(c, error);
      }
      return c.json(unitJson((await listUnits(db)).find((u) => u.id === id)!));
    })
    .delete('/:id', admin, zValidator('param', unitParam, invalidInput), async (c) => {
      try {
        await deleteUnit(db, actorOf(c), c.req.valid('param').id);
      } catch (error) {
        return unitError(c, error);
      }
      return c.body(null, 204);
    });
}

export function sourceUnitApi(context: AppContext) {
  return new Hono<AuthEnv>().patch('/:id', requireRole('admin'), JSON_LIMIT, zValidator('param', sourceParam, invalidInput), zValidator('json', sourcePatch, invalidInput), async (c) => {
    const { id } = c.req.valid('param');
    try {
      await setSourceUnit(context.db, actorOf(c), id, c.req.valid('json').unit_id);
    } catch (error) {
      return unitError(c, error);
    }
    const source = await context.db
      .selectFrom('sources')
      .leftJoin('units', 'units.id', 'sources.unit_id')
      .select(['sources.id', 'sources.name', 'sources.type', 'units.id as unit_id', 'units.name as unit_name', 'units.kind as unit_kind'])
      .where('sources.id', '=', id)
      .executeTakeFirstOrThrow();
    return c.json({ id: source.id, name: source.name, type: source.type, unit: source.unit_id ? { id: source.unit_id, name: source.unit_name, kind: source.unit_kind } : null });
  });
}

export function channelsReportApi(context: AppContext) {
  const { db } = context;
  return new Hono<AuthEnv>()
    .get('/', zValidator('query', periodQuerySchema, invalidInput), async (c) => c.json(channelsReportJson(await buildChannelsReport(db, periodFromQuery(c.req.valid('query'))))))
    .get('/settings', async (c) => c.json({ silent_days: (await getChannelSettings(db)).silentDays }))
    .put('/settings', requireRole('admin'), JSON_LIMIT, zValidator('json', channelSettingsSchema, invalidInput), async (c) => {
      await saveChannelSettings(db, actorOf(c), { silentDays: c.req.valid('json').silent_days });
      return c.json({ silent_days: (await getChannelSettings(db)).silentDays });
    });
}

/** The request schemas, for the OpenAPI description (docs.routes.tsx). */
export const channelsApiSchemas = { incidentParam, unitParam, sourceParam, sourcePatch, replyBody: replyBodySchema, unitInput: unitInputSchema, unitPatch: unitPatchSchema, settings: channelSettingsSchema };
