// Units (the commune, its party cells, its agencies): a small admin list; a source names the unit
// whose page it is. Every change is recorded in the configuration audit trail, in its transaction.
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAdminEvent, type AdminActor } from '../audit/admin-audit.js';
import type { Db } from '../db/database.js';
import type { UnitKind } from '../db/schema.js';

export const UNIT_KINDS = ['commune', 'party_cell', 'agency'] as const satisfies readonly UnitKind[];

const unitName = z.string().trim().min(1, 'a name is required').max(200);
export const unitInputSchema = z.object({ name: unitName, kind: z.enum(UNIT_KINDS) });
export const unitPatchSchema = z.object({ name: unitName.optional(), kind: z.enum(UNIT_KINDS).optional() });
export type UnitInput = z.infer<typeof unitInputSchema>;
export type UnitPatch = z.infer<typeof unitPatchSchema>;

export const channelSettingsSchema = z.object({ silent_days: z.number().int().min(1).max(365) });

export class UnitError extends Error {
  constructor(
    readonly code: 'duplicate' | 'not_found' | 'unknown_unit' | 'source_not_found',
    message: string,
    readonly httpStatus: 404 | 409 | 422,
  ) {
    super(message);
    this.name = 'UnitError';
  }
}

export interface UnitRow {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  /** Names of the sources that name this unit. */
  readonly pages: readonly { id: string; name: string; type: string }[];
}

export async function listUnits(db: Db): Promise<UnitRow[]> {
  const [units, pages] = await Promise.all([
    db.selectFrom('units').select(['id', 'name', 'kind']).orderBy(sql`CASE kind WHEN 'commune' THEN 0 WHEN 'party_cell' THEN 1 ELSE 2 END`).orderBy('name').execute(),
    db.selectFrom('sources').select(['id', 'name', 'type', 'unit_id']).where('unit_id', 'is not', null).where('type', '<>', 'manual').orderBy('id').execute(),
  ]);
  return units.map((u) => ({ ...u, pages: pages.filter((p) => p.unit_id === u.id).map(({ id, name, type }) => ({ id, name, type })) }));
}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
const duplicate = (name: string) => new UnitError('duplicate', `a unit named "${name}" exists already`, 409);

export async function createUnit(db: Db, actor: AdminActor, input: UnitInput): Promise<UnitRow> {
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await tx.insertInto('units').values({ name: input.name, kind: input.kind }).returning(['id', 'name', 'kind']).executeTakeFirstOrThrow();
      await recordAdminEvent(tx, actor, { action: 'unit.created', targetType: 'unit', targetId: row.id, details: { name: row.name, kind: row.kind } });
      return { ...row, pages: [] };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(input.name);
    throw error;
  }
}

export async function updateUnit(db: Db, actor: AdminActor, id: string, patch: UnitPatch): Promise<void> {
  try {
    await db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('units').select(['name', 'kind']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw new UnitError('not_found', `unit ${id} not found`, 404);
      const set = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.kind !== undefined ? { kind: patch.kind } : {}) };
      if (!Object.keys(set).length) return;
      await tx.updateTable('units').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
      await recordAdminEvent(tx, actor, { action: 'unit.updated', targetType: 'unit', targetId: id, details: { before, after: { ...before, ...set } } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(patch.name ?? '');
    throw error;
  }
}

/** The unit with this name (any case), created when missing — for idempotent set-up (the demo). */
export async function ensureUnit(db: Db, input: UnitInput): Promise<string> {
  const find = () => db.selectFrom('units').select('id').where(sql`lower(btrim(name))`, '=', input.name.trim().toLowerCase()).executeTakeFirst();
  const existing = await find();
  if (existing) return existing.id;
  await db.insertInto('units').values({ name: input.name.trim(), kind: input.kind }).onConflict((oc) => oc.expression(sql`lower(btrim(name))`).doNothing()).execute();
  return (await find())!.id;
}

/** Its pages stay, without a unit (the foreign key sets them NULL). */
export async function deleteUnit(db: Db, actor: AdminActor, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.deleteFrom('units').where('id', '=', id).returning(['name', 'kind']).executeTakeFirst();
    if (!row) throw new UnitError('not_found', `unit ${id} not found`, 404);
    await recordAdminEvent(tx, actor, { action: 'unit.deleted', targetType: 'unit', targetId: id, details: row });
  });
}

/** Names the unit a source belongs to (null: none). The built-in manual source has no unit. */
export async function setSourceUnit(db: Db, actor: AdminActor, sourceId: string, unitId: string | null): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (unitId !== null && !(await tx.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst())) {
      throw new UnitError('unknown_unit', `unit ${unitId} not found`, 422);
    }
    const source = await tx.selectFrom('sources').select(['id', 'unit_id']).where('id', '=', sourceId).where('type', '<>', 'manual').forUpdate().executeTakeFirst();
    if (!source) throw new UnitError('source_not_found', `source ${sourceId} not found`, 404);
    if (source.unit_id === unitId) return;
    await tx.updateTable('sources').set({ unit_id: unitId, updated_at: new Date() }).where('id', '=', sourceId).execute();
    await recordAdminEvent(tx, actor, { action: 'source.unit_changed', targetType: 'source', targetId: sourceId, details: { before: source.unit_id, after: unitId } });
  });
}

export interface ChannelSettings {
  /** A unit page with no post of its own for this many days alerts. */
  readonly silentDays: number;
}

export async function getChannelSettings(db: Db): Promise<ChannelSettings> {
  const row = await db.selectFrom('channel_settings').select('silent_days').where('id', '=', 1).executeTakeFirst();
  return { silentDays: row?.silent_days ?? 7 };
}

export async function saveChannelSettings(db: Db, actor: AdminActor, settings: ChannelSettings): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await getChannelSettings(tx);
    await tx
      .insertInto('channel_settings')
      .values({ id: 1, silent_days: settings.silentDays, updated_at: new Date() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ silent_days: settings.silentDays, updated_at: new Date() }))
      .execute();
    await recordAdminEvent(tx, actor, { action: 'channels.settings_changed', targetType: 'channel_settings', details: { before: before.silentDays, after: settings.silentDays } });
  });
}
