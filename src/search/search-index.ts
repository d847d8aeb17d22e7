// Keeps post_search filled in (migrations/20261202001000_post_search.sql): the scheduled
// `search-index` job indexes new posts a few seconds after they are stored, in batches, and merges
// the GIN pending list right after, so that neither collection nor search pays for the index;
// a sweep finds what the quick pass could have missed (posts stored before search existed, a
// transaction that committed late). `search-index --all` (CLI) recomputes every vector after the
// normalizer changed (a new teencode entry). Idempotent: a vector is a function of the post's text.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { postText } from '../posts/post-text.js';
import { searchVectorOf } from './search-vector.js';

const CHUNK = 500;
/** The quick pass looks again this far below the newest indexed post (a batch that committed late). */
const RECENT_IDS = 5_000;

interface Unindexed {
  id: string;
  title: string | null;
  body: string;
  posted_at: Date;
}

/**
 * Writes the vectors of these posts (replacing any), one statement. Each post is locked first and
 * skipped when purged: a purge (src/retention/purge.ts) either happened before and is seen, or
 * waits and then deletes the row.
 */
async function writeVectors(db: Db, posts: readonly Unindexed[]): Promise<number> {
  if (posts.length === 0) return 0;
  return db.transaction().execute(async (tx) => {
    const live = await tx
      .selectFrom('posts')
      .select('id')
      .where('id', 'in', posts.map((p) => p.id))
      .where('content_purged_at', 'is', null)
      .forShare()
      .execute();
    const keep = new Set(live.map((r) => r.id));
    const rows = posts.filter((p) => keep.has(p.id)).map((p) => ({ post_id: p.id, posted_at: p.posted_at, vector: searchVectorOf(postText(p)) }));
    if (rows.length === 0) return 0;
    await tx
      .insertInto('post_search')
      .values(rows)
      .onConflict((oc) => oc.column('post_id').doUpdateSet((eb) => ({ vector: eb.ref('excluded.vector'), posted_at: eb.ref('excluded.posted_at') })))
      .execute();
    return rows.length;
  });
}

/** Merges the GIN index's pending list into the index (what an insert would otherwise do in the foreground). */
async function mergePendingList(db: Db): Promise<void> {
  await sql`SELECT gin_clean_pending_list('post_search_vector_idx'::regclass)`.execute(db);
}

const unindexed = (db: Db) =>
  db
    .selectFrom('posts')
    .select(['posts.id', 'posts.title', 'posts.body', sql<Date>`coalesce(posts.published_at, posts.collected_at)`.as('posted_at')])
    .where('posts.content_purged_at', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('post_search').select('post_search.post_id').whereRef('post_search.post_id', '=', 'posts.id'))))
    .orderBy('posts.id')
    .limit(CHUNK);

/**
 * Indexes posts that have no vector yet, oldest first, at most `maxPosts`. `sweep`: every post (after
 * the migration, and now and then); otherwise only the newest ones. Returns how many.
 */
export async function indexPendingPosts(db: Db, options: { maxPosts?: number; sweep?: boolean } = {}): Promise<number> {
  const maxPosts = options.maxPosts ?? 20_000;
  let floor = '0';
  if (!options.sweep) {
    const newest = await db.selectFrom('post_search').select('post_id').orderBy('post_id', 'desc').limit(1).executeTakeFirst();
    if (newest) floor = String(Math.max(0, Number(newest.post_id) - RECENT_IDS));
  }
  let done = 0;
  let after = floor;
  while (done < maxPosts) {
    const posts = await unindexed(db).where('posts.id', '>', after).execute();
    if (posts.length === 0) break;
    done += await writeVectors(db, posts);
    after = posts[posts.length - 1]!.id;
  }
  if (done) await mergePendingList(db);
  return done;
}

/** Recomputes the vector of every post not purged, in id order. Returns how many. */
export async function reindexAllPosts(db: Db, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  let after = '0';
  for (;;) {
    const posts = await db
      .selectFrom('posts')
      .select(['id', 'title', 'body', sql<Date>`coalesce(published_at, collected_at)`.as('posted_at')])
      .where('id', '>', after)
      .where('content_purged_at', 'is', null)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    if (posts.length === 0) break;
    done += await writeVectors(db, posts);
    after = posts[posts.length - 1]!.id;
    onProgress?.(done);
  }
  await mergePendingList(db);
  return done;
}
