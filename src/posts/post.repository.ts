import { sql } from 'kysely';
import { HIGH_ENGAGEMENT } from '../analysis/index.js';
import type { Db } from '../db/database.js';
import type { Post } from '../db/schema.js';
import type { CollectedItem } from '../collectors/collector.js';
import { contentHash, pseudonymise } from '../collectors/text.js';
import { jsonb } from '../db/jsonb.js';

const INSERT_CHUNK = 500;

export interface StoredItems {
  /** Ids of posts among the given items that have no analysis yet (new ones, or left over by a crash). */
  readonly pendingAnalysis: string[];
  readonly inserted: number;
  /**
   * Posts stored and analysed before whose engagement has since crossed HIGH_ENGAGEMENT (a story
   * spreading widely is one step more severe): to analyse again. Each post crosses once.
   */
  readonly spreading: string[];
}

/**
 * Stores collected items idempotently on (source_id, external_id) and returns every post of
 * the batch still waiting for analysis — so a collect job that died after inserting, and runs
 * again, still enqueues what it had not enqueued.
 */
export async function storeCollectedItems(
  db: Db,
  source: { id: string; type: string },
  items: readonly CollectedItem[],
  secretKey: string,
): Promise<StoredItems> {
  let inserted = 0;
  const pendingAnalysis: string[] = [];
  const spreading: string[] = [];
  for (let offset = 0; offset < items.length; offset += INSERT_CHUNK) {
    const chunk = items.slice(offset, offset + INSERT_CHUNK);
    const rows = chunk.map((item) => ({
      source_id: source.id,
      external_id: item.externalId,
      url: item.url,
      canonical_url: item.url,
      title: item.title,
      body: item.body,
      author_hash: pseudonymise(secretKey, source.type, item.author),
      published_at: item.publishedAt,
      content_hash: contentHash(item.title, item.body),
      engagement: item.engagement,
      parent_external_id: item.parentExternalId,
      raw: jsonb(item.raw),
    }));
    // What is stored already, read once: its engagement (kept current, never lowered: it grows
    // after the first collection) and whether it waits for analysis (a collect that died after
    // storing it). A post analysed between this read and the insert is enqueued once more:
    // harmless, analysis is idempotent and job ids deduplicate.
    const before = new Map(
      (
        await db
          .selectFrom('posts')
          .leftJoin('analyses', 'analyses.post_id', 'posts.id')
          .select(['posts.id', 'posts.external_id', 'posts.engagement', sql<boolean>`analyses.post_id IS NULL`.as('unanalysed')])
          .where('posts.source_id', '=', source.id)
          .where('posts.external_id', 'in', chunk.map((i) => i.externalId))
          .execute()
      ).map((p) => [p.external_id, p]),
    );
    const result = await db
      .insertInto('posts')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['source_id', 'external_id'])
          .doUpdateSet({ engagement: (eb) => eb.ref('excluded.engagement') })
          .where(sql<boolean>`excluded.engagement > posts.engagement`),
      )
      .returning(['id', 'external_id', 'engagement'])
      .execute();
    const pending = [...before.values()].filter((p) => p.unanalysed).map((p) => p.id);
    for (const row of result) {
      const old = before.get(row.external_id);
      if (!old) {
        inserted++;
        pending.push(row.id);
      } else if (old.engagement <= HIGH_ENGAGEMENT && row.engagement > HIGH_ENGAGEMENT) spreading.push(row.id);
    }
    pendingAnalysis.push(...pending.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)));
  }
  // Those not analysed yet are analysed anyway; the rest only if they have an analysis to revise.
  const pending = new Set(pendingAnalysis);
  return { pendingAnalysis, inserted, spreading: spreading.filter((id) => !pending.has(id)) };
}

export async function getPostWithSource(db: Db, id: string) {
  return db
    .selectFrom('posts')
    .innerJoin('sources', 'sources.id', 'posts.source_id')
    .selectAll('posts')
    .select(['sources.type as source_type', 'sources.is_commune_channel', 'sources.name as source_name'])
    .where('posts.id', '=', id)
    .executeTakeFirst();
}

/** The posts among `ids` that exist, with their source, in one query (order by id). */
export async function getPostsWithSource(db: Db, ids: readonly string[]): Promise<PostWithSource[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('posts')
    .innerJoin('sources', 'sources.id', 'posts.source_id')
    .selectAll('posts')
    .select(['sources.type as source_type', 'sources.is_commune_channel', 'sources.name as source_name'])
    .where('posts.id', 'in', ids)
    .orderBy('posts.id')
    .execute();
}

export type PostWithSource = NonNullable<Awaited<ReturnType<typeof getPostWithSource>>>;
export type { Post };
