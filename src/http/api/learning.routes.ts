// The learned model and its examples (admin): list and delete the labelled examples the team's
// decisions made; list model versions, retrain (a candidate), activate one, go back to the shipped one.
import { Hono, type Context } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { AuthEnv } from '../auth.js';
import { requireRole } from '../auth.js';
import { invalidInput } from './validation.js';
import { countExamples, deleteExample, listExamples } from '../../learning/example.repository.js';
import { activateModelVersion, listModelVersions, ModelVersionError, restoreDefaultModel, type ModelVersionSummary } from '../../learning/model.repository.js';
import { requestRetrain } from '../../learning/run-training.js';
import { recordAdminEvent, type AdminActor } from '../../audit/admin-audit.js';

const ORIGINS = ['resolved', 'false_positive', 'out_of_scope', 'reclassified', 'manual_incident', 'import'] as const;
const examplesQuery = z.object({
  origin: z.enum(ORIGINS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().regex(/^\d{1,18}$/).optional(),
});
const idParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'a numeric id') });
const retrainBody = z.object({ note: z.string().trim().max(500).optional() });

function actorOf(c: Context<AuthEnv>): AdminActor {
  const principal = c.get('principal');
  if (!principal) throw new Error('no principal');
  return { userId: principal.userId, name: principal.name };
}

export function modelVersionJson(v: ModelVersionSummary) {
  return {
    id: v.id,
    origin: v.origin,
    status: v.status,
    error: v.error,
    examples: v.examples,
    added_examples: v.added_examples,
    cv: v.cv,
    note: v.note,
    created_at: v.created_at.toISOString(),
    trained_at: v.trained_at?.toISOString() ?? null,
    active: v.active,
    activated_at: v.activated_at?.toISOString() ?? null,
    commune_figures: v.commune_figures,
  };
}

export function examplesApi(context: Pick<AppContext, 'db'>) {
  const { db } = context;
  const admin = requireRole('admin');
  return new Hono<AuthEnv>()
    .get('/', admin, zValidator('query', examplesQuery, invalidInput), async (c) => {
      const { origin, limit, before } = c.req.valid('query');
      const [items, counts] = await Promise.all([listExamples(db, { limit, ...(origin ? { origin } : {}), ...(before ? { beforeId: before } : {}) }), countExamples(db)]);
      return c.json({
        items: items.map((e) => ({ ...e, created_at: e.created_at.toISOString(), updated_at: e.updated_at.toISOString() })),
        counts,
        next_before: items.length === limit ? items[items.length - 1]!.id : null,
      });
    })
    .delete('/:id', admin, zValidator('param', idParam, invalidInput), async (c) => {
      const { id } = c.req.valid('param');
      const deleted = await db.transaction().execute(async (tx) => {
        const done = await deleteExample(tx, id);
        if (done) await recordAdminEvent(tx, actorOf(c), { action: 'example.deleted', targetType: 'training_example', targetId: id });
        return done;
      });
      return deleted ? c.body(null, 204) : c.json({ error: 'not_found', message: `no example ${id}` }, 404);
    });
}

export function modelsApi(context: Pick<AppContext, 'db' | 'queues'>) {
  const { db } = context;
  const admin = requireRole('admin');
  return new Hono<AuthEnv>()
    .get('/', admin, async (c) => {
      const versions = await listModelVersions(db);
      return c.json({ items: versions.map(modelVersionJson), active: versions.find((v) => v.active)?.id ?? null });
    })
    .post('/retrain', admin, zValidator('json', retrainBody, invalidInput), async (c) => {
      try {
        const version = await requestRetrain(context, actorOf(c), c.req.valid('json').note || null);
        return c.json(modelVersionJson(version), 202);
      } catch (error) {
        return c.json({ error: 'unavailable', message: `the training could not be queued: ${(error as Error).message}` }, 503);
      }
    })
    .post('/default', admin, async (c) => {
      await restoreDefaultModel(db, actorOf(c));
      return c.json({ active: null });
    })
    .post('/:id/activate', admin, zValidator('param', idParam, invalidInput), async (c) => {
      try {
        return c.json(modelVersionJson(await activateModelVersion(db, c.req.valid('param').id, actorOf(c))));
      } catch (error) {
        if (error instanceof ModelVersionError) return c.json({ error: error.code, message: error.message }, error.code === 'not_found' ? 404 : 409);
        throw error;
      }
    });
}

export const learningApiSchemas = { examplesQuery, idParam, retrainBody };
