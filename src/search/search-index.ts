// Keeps posts.search_vector filled in: posts stored before the search migration, or by an older
// worker during an upgrade, are indexed by the scheduled `search-index` job; `search-index --all`
// (CLI) recomputes every vector after the normalizer changed (a new teencode entry). Idempotent:
// a vector is a function of the post's text; a purged post is never indexed again.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { postText } from '../posts/post-text.js';
import { searchVectorOf } from './search-vector.js';

const CHUNK = 500;

async function writeVectors(db: Db, posts: readonly { id: string; title: string | null; body: string }[]): Promise<void> {
  if (posts.length === 0) return;
  const ids = posts.map((p) => p.id);
  const vectors = posts.map((p) => searchVectorOf(postText(p)));
  // A post purged meanwhile keeps no vector: the row is re-checked under its lock.
  await sql`
    UPDATE posts SET search_vector = data.vector
    FROM unnest(${ids}::bigint[], ${vectors}::tsvector[]) AS data (id, vector)
    WHERE posts.id = data.id AND posts.content_purged_at IS NULL`.execute(db);
}

/** Indexes posts that have no vector yet, oldest first; at most `maxPosts` per call. Returns how many. */
export async function indexPendingPosts(db: Db, maxPosts = 20_000): Promise<number> {
  let done = 0;
  while (done < maxPosts) {
    const posts = await db
      .selectFrom('posts')
      .select(['id', 'title', 'body'])
      .where('search_vector', 'is', null)
      .where('content_purged_at', 'is', null)
      .orderBy('id')
      .limit(Math.min(CHUNK, maxPosts - done))
      .execute();
    if (posts.length === 0) break;
    await writeVectors(db, posts);
    done += posts.length;
  }
  return done;
}

/** Recomputes the vector of every post not purged, in id order. Returns how many. */
export async function reindexAllPosts(db: Db, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  let after = '0';
  for (;;) {
    const posts = await db
      .selectFrom('posts')
      .select(['id', 'title', 'body'])
      .where('id', '>', after)
      .where('content_purged_at', 'is', null)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    if (posts.length === 0) return done;
    await writeVectors(db, posts);
    done += posts.length;
    after = posts[posts.length - 1]!.id;
    onProgress?.(done);
  }
}
