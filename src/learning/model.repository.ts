// Learned model versions, in Postgres like rule packs: a retrain stores a candidate; an admin
// activates one (rollback = activating an older one, or going back to the shipped model). A model
// row is immutable once trained, so a loaded model is cached by id.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { LearnedModel } from '../analysis/model/model.js';
import { communeFiguresSchema, parseModelFile, type CommuneFigures, type ModelFile } from '../analysis/model/model-file.js';
import type { Db } from '../db/database.js';
import type { ModelOrigin, ModelStatus } from '../db/schema.js';
import { recordAdminEvent, type AdminActor } from '../audit/admin-audit.js';
import { jsonb } from '../db/jsonb.js';

export interface ModelVersionSummary {
  readonly id: string;
  readonly origin: ModelOrigin;
  readonly status: ModelStatus;
  readonly error: string | null;
  readonly examples: number | null;
  readonly added_examples: number | null;
  readonly cv: { readonly flag_f1: number; readonly category_micro_f1: number; readonly polarity_acc: number } | null;
  /** The version and the shipped model on the commune's own examples; null without any. */
  readonly commune_figures: CommuneFigures | null;
  readonly note: string | null;
  readonly created_at: Date;
  readonly trained_at: Date | null;
  readonly active: boolean;
  readonly activated_at: Date | null;
}

export class ModelVersionError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_ready',
    message: string,
  ) {
    super(message);
    this.name = 'ModelVersionError';
  }
}

const SUMMARY_COLUMNS = [
  'id',
  'origin',
  'status',
  'error',
  'examples',
  'added_examples',
  'cv_flag_f1',
  'cv_category_micro_f1',
  'cv_polarity_acc',
  'commune_figures',
  'note',
  'created_at',
  'trained_at',
  'active',
  'activated_at',
] as const;

type SummaryRow = {
  id: string;
  origin: ModelOrigin;
  status: ModelStatus;
  error: string | null;
  examples: number | null;
  added_examples: number | null;
  cv_flag_f1: number | null;
  cv_category_micro_f1: number | null;
  cv_polarity_acc: number | null;
  commune_figures: unknown;
  note: string | null;
  created_at: Date;
  trained_at: Date | null;
  active: boolean;
  activated_at: Date | null;
};

function summary(row: SummaryRow): ModelVersionSummary {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    id: row.id,
    origin: row.origin,
    status: row.status,
    error: row.error,
    examples: row.examples,
    added_examples: row.added_examples,
    cv:
      row.cv_flag_f1 === null || row.cv_category_micro_f1 === null || row.cv_polarity_acc === null
        ? null
        : { flag_f1: round(row.cv_flag_f1), category_micro_f1: round(row.cv_category_micro_f1), polarity_acc: round(row.cv_polarity_acc) },
    // Written by this code only, read back through the schema all the same.
    commune_figures: communeFiguresSchema.nullable().catch(null).parse(row.commune_figures ?? null),
    note: row.note,
    created_at: row.created_at,
    trained_at: row.trained_at,
    active: row.active,
    activated_at: row.activated_at,
  };
}

/** Newest first, and the active version even when it is older than the newest `limit`. */
export async function listModelVersions(db: Db, limit = 50): Promise<ModelVersionSummary[]> {
  const rows = await db.selectFrom('model_versions').select(SUMMARY_COLUMNS).orderBy('id', 'desc').limit(limit).execute();
  if (!rows.some((r) => r.active)) {
    const active = await db.selectFrom('model_versions').select(SUMMARY_COLUMNS).where('active', '=', true).executeTakeFirst();
    if (active) rows.push(active);
  }
  return rows.map(summary);
}

export async function getModelVersion(db: Db, id: string): Promise<ModelVersionSummary | undefined> {
  const row = await db.selectFrom('model_versions').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? summary(row) : undefined;
}

export async function activeModelVersionId(db: Db): Promise<string | null> {
  const row = await db.selectFrom('model_versions').select('id').where('active', '=', true).executeTakeFirst();
  return row?.id ?? null;
}

const loaded = new Map<string, LearnedModel>();
/** A trained version as a model (cached: a trained row never changes). */
export async function loadModelVersion(db: Db, id: string): Promise<LearnedModel> {
  const cached = loaded.get(id);
  if (cached) return cached;
  const row = await db.selectFrom('model_versions').select(['model', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new ModelVersionError('not_found', `no model version ${id}`);
  if (row.status !== 'ready' || row.model === null) throw new ModelVersionError('not_ready', `model version ${id} is ${row.status}`);
  const model = new LearnedModel(parseModelFile(row.model));
  // Keep a few: an activation and a rollback should not re-read megabytes.
  if (loaded.size >= 4) loaded.delete(loaded.keys().next().value!);
  loaded.set(id, model);
  return model;
}

/** A retrain asked from the rules page: a queued row; the job trains it. */
export async function requestModelTraining(db: Db, actor: AdminActor, note: string | null): Promise<ModelVersionSummary> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('model_versions')
      .values({ request_key: `manual:${randomUUID()}`, origin: 'manual', note, requested_by: actor.userId })
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAdminEvent(tx, actor, { action: 'model.retrain_requested', targetType: 'model_version', targetId: row.id, details: { note } });
    return summary(row);
  });
}

/** The row of a scheduled retrain (one per key: a rerun of the job finds it). */
export async function ensureModelRequest(db: Db, requestKey: string, origin: ModelOrigin): Promise<{ id: string; status: ModelStatus }> {
  await db.insertInto('model_versions').values({ request_key: requestKey, origin }).onConflict((oc) => oc.column('request_key').doNothing()).execute();
  return db.selectFrom('model_versions').select(['id', 'status']).where('request_key', '=', requestKey).executeTakeFirstOrThrow();
}

export async function markTraining(db: Db, id: string): Promise<void> {
  await db.updateTable('model_versions').set({ status: 'training', error: null }).where('id', '=', id).where('status', '!=', 'ready').execute();
}

export async function storeTrainedModel(db: Db, id: string, file: ModelFile, rulePackVersion: string | null, communeFigures: CommuneFigures | null = null): Promise<void> {
  await db
    .updateTable('model_versions')
    .set({
      status: 'ready',
      error: null,
      model: jsonb(file),
      examples: file.training.examples,
      added_examples: file.training.added_examples,
      cv_flag_f1: file.cv.flag_f1,
      cv_category_micro_f1: file.cv.category_micro_f1,
      cv_polarity_acc: file.cv.polarity_acc,
      commune_figures: communeFigures === null ? null : jsonb(communeFigures),
      rule_pack_version: rulePackVersion,
      trained_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    // A trained row never changes (workers cache it by id): a stalled rerun of the job keeps it.
    .where('status', '!=', 'ready')
    .execute();
}

export async function markFailed(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('model_versions').set({ status: 'failed', error: error.slice(0, 2000) }).where('id', '=', id).where('status', '!=', 'ready').execute();
}

/** Stores a model file trained elsewhere (the CLI), ready to activate. */
export async function storeModelFile(db: Db, file: ModelFile, actor: AdminActor, note: string | null): Promise<ModelVersionSummary> {
  const json = jsonb(file);
  const key = `cli:${createHash('sha256').update(json).digest('hex')}`;
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto('model_versions')
      .values({ request_key: key, origin: 'cli', note, requested_by: actor.userId })
      .onConflict((oc) => oc.column('request_key').doNothing())
      .execute();
    const row = await tx.selectFrom('model_versions').select('id').where('request_key', '=', key).executeTakeFirstOrThrow();
    await storeTrainedModel(tx, row.id, file, null);
    await recordAdminEvent(tx, actor, { action: 'model.stored', targetType: 'model_version', targetId: row.id, details: { note, cv: file.cv } });
    return summary(await tx.selectFrom('model_versions').select(SUMMARY_COLUMNS).where('id', '=', row.id).executeTakeFirstOrThrow());
  });
}

const ACTIVATION_LOCK_KEY = 7_263_514_130; // arbitrary, constant: "langnghe model activation"

/** Makes a trained version the active one (also how a rollback is done). */
export async function activateModelVersion(db: Db, id: string, actor: AdminActor): Promise<ModelVersionSummary> {
  return db.transaction().execute(async (tx) => {
    // Two admins activating at once take turns (the one-active index would refuse the second).
    await sql`SELECT pg_advisory_xact_lock(${ACTIVATION_LOCK_KEY})`.execute(tx);
    const row = await tx.selectFrom('model_versions').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new ModelVersionError('not_found', `no model version ${id}`);
    if (row.status !== 'ready') throw new ModelVersionError('not_ready', `model version ${id} is ${row.status}, not trained`);
    await tx.updateTable('model_versions').set({ active: false }).where('active', '=', true).execute();
    await tx.updateTable('model_versions').set({ active: true, activated_at: sql<Date>`now()` }).where('id', '=', id).execute();
    await recordAdminEvent(tx, actor, { action: 'model.activated', targetType: 'model_version', targetId: id });
    return summary(await tx.selectFrom('model_versions').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** Goes back to the model shipped with langnghe. */
export async function restoreDefaultModel(db: Db, actor: AdminActor): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${ACTIVATION_LOCK_KEY})`.execute(tx);
    await tx.updateTable('model_versions').set({ active: false }).where('active', '=', true).execute();
    await recordAdminEvent(tx, actor, { action: 'model.default_restored', targetType: 'model_version' });
  });
}
