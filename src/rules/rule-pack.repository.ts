// Rule packs are data, versioned in Postgres: every import is a new row; one version is active.
// A pack that does not compile is refused before it is stored, so the workers never load a broken one.
import { sql } from 'kysely';
import { compileRules, loadDefaultRulePack, rulePackSchema, type RulePack } from '../analysis/index.js';
import type { Db } from '../db/database.js';
import { jsonb } from '../db/jsonb.js';

export interface RulePackVersionSummary {
  readonly id: string;
  readonly version: string;
  readonly rules: number;
  readonly active: boolean;
  readonly note: string | null;
  readonly created_at: Date;
}

/** Validates (zod) and compiles the pack, then stores it as a new version; throws ZodError or RuleCompileError. */
export async function saveRulePackVersion(
  db: Db,
  input: unknown,
  options: { note?: string | null; createdBy?: string | null; activate?: boolean } = {},
): Promise<RulePackVersionSummary> {
  const pack: RulePack = rulePackSchema.parse(input);
  compileRules(pack.rules);
  return db.transaction().execute(async (tx) => {
    if (options.activate) await tx.updateTable('rule_pack_versions').set({ active: false }).where('active', '=', true).execute();
    const row = await tx
      .insertInto('rule_pack_versions')
      .values({ pack: jsonb(pack), note: options.note ?? null, created_by: options.createdBy ?? null, active: options.activate ?? false })
      .returning(['id', 'active', 'note', 'created_at'])
      .executeTakeFirstOrThrow();
    return { ...row, version: pack.version, rules: pack.rules.length };
  });
}

/** Makes a stored version the active one (also how a rollback is done). Returns false when there is no such version. */
export async function activateRulePackVersion(db: Db, id: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('rule_pack_versions').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) return false;
    await tx.updateTable('rule_pack_versions').set({ active: false }).where('active', '=', true).execute();
    await tx.updateTable('rule_pack_versions').set({ active: true }).where('id', '=', id).execute();
    return true;
  });
}

/** Goes back to the pack shipped in the repository. */
export async function deactivateRulePacks(db: Db): Promise<void> {
  await db.updateTable('rule_pack_versions').set({ active: false }).where('active', '=', true).execute();
}

export async function listRulePackVersions(db: Db): Promise<RulePackVersionSummary[]> {
  const rows = await db
    .selectFrom('rule_pack_versions')
    .select([
      'id',
      'active',
      'note',
      'created_at',
      sql<string>`pack->>'version'`.as('version'),
      sql<number>`jsonb_array_length(pack->'rules')`.as('rules'),
    ])
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, rules: Number(r.rules) }));
}

/** The pack the analyzer uses now: the active version, else the default pack. */
export async function activeRulePack(db: Db): Promise<{ id: string | null; pack: RulePack }> {
  const row = await db.selectFrom('rule_pack_versions').select(['id', 'pack']).where('active', '=', true).executeTakeFirst();
  return row ? { id: row.id, pack: rulePackSchema.parse(row.pack) } : { id: null, pack: loadDefaultRulePack() };
}
