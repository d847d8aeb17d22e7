import { communeProfileSchema, type CommuneProfile } from '../analysis/types.js';
import type { Db } from '../db/database.js';
import { jsonb } from '../db/jsonb.js';

export async function getCommuneProfile(db: Db): Promise<(CommuneProfile & { updatedAt: Date }) | undefined> {
  const row = await db.selectFrom('commune_profile').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return undefined;
  return { ...communeProfileSchema.parse({ commune: row.commune, aliases: row.aliases, places: row.places }), updatedAt: row.updated_at };
}

export async function saveCommuneProfile(db: Db, input: CommuneProfile): Promise<void> {
  const profile = communeProfileSchema.parse(input);
  await db
    .insertInto('commune_profile')
    .values({ id: 1, commune: profile.commune, aliases: jsonb(profile.aliases), places: jsonb(profile.places) })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        commune: eb.ref('excluded.commune'),
        aliases: eb.ref('excluded.aliases'),
        places: eb.ref('excluded.places'),
        updated_at: new Date(),
      })),
    )
    .execute();
}
