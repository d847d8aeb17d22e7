// Labelled examples in Postgres: every triage decision becomes one (a resolved incident's posts
// are flagged with its current category; a false positive is not flagged; out of scope is not
// about the commune; a reclassification gives the new category), and admins import more. One
// example per post — its latest decision — or per imported text. Text only, with who decided it
// for the admin list; nothing about a post's author is kept or learned from.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Category } from '../analysis/types.js';
import type { TrainingExample } from '../analysis/model/train.js';
import type { Database, ExampleOrigin } from '../db/schema.js';
import { postText } from '../posts/post-text.js';
import { normalizeText } from '../analysis/normalize.js';
import { aboutOf, MAX_EXAMPLE_TEXT, type ExampleLine } from './example-line.js';

type Db = Kysely<Database>;

/** What a decision about an incident says of its posts. */
export type IncidentDecision =
  | { readonly kind: 'resolved'; readonly category: Category }
  | { readonly kind: 'reclassified'; readonly category: Category }
  | { readonly kind: 'false_positive' }
  | { readonly kind: 'out_of_scope' }
  | { readonly kind: 'manual_incident'; readonly category: Category };

interface Labels {
  readonly flag: boolean;
  readonly categories: Category[] | null;
  readonly about: boolean | null;
}

/** The labels a decision gives each post of the incident. */
export function labelsOf(decision: IncidentDecision): Labels {
  switch (decision.kind) {
    case 'resolved':
    case 'reclassified':
    case 'manual_incident':
      // Good news is never flagged, even when someone filed it.
      return { flag: decision.category !== 'tich_cuc', categories: [decision.category], about: true };
    case 'false_positive':
      return { flag: false, categories: [], about: null };
    case 'out_of_scope':
      return { flag: false, categories: null, about: false };
  }
}

const clip = (text: string) => (text.length > MAX_EXAMPLE_TEXT ? text.slice(0, MAX_EXAMPLE_TEXT) : text);

/**
 * Records the decision's example for each post of the incident (or only `postIds`), in the
 * caller's transaction. Posts whose content was purged or erased give none.
 */
export async function recordIncidentExamples(db: Db, input: { incidentId: string; decision: IncidentDecision; decidedBy: string; postIds?: readonly string[] }): Promise<number> {
  let query = db
    .selectFrom('incident_posts')
    .innerJoin('posts', 'posts.id', 'incident_posts.post_id')
    .select(['posts.id', 'posts.title', 'posts.body'])
    .where('incident_posts.incident_id', '=', input.incidentId)
    .where('posts.content_purged_at', 'is', null)
    // A purge waits for this transaction (and then deletes what it wrote) or has already run.
    .forShare('posts');
  if (input.postIds) {
    if (input.postIds.length === 0) return 0;
    query = query.where('posts.id', 'in', [...input.postIds]);
  }
  const posts = (await query.orderBy('posts.id').execute()).filter((p) => postText(p).trim() !== '');
  if (posts.length === 0) return 0;
  const labels = labelsOf(input.decision);
  const origin: ExampleOrigin = input.decision.kind;
  await db
    .insertInto('training_examples')
    .values(
      posts.map((p) => ({
        example_key: `post:${p.id}`,
        text: clip(postText(p)),
        flag: labels.flag,
        categories: labels.categories,
        about: labels.about,
        polarity: null,
        origin,
        post_id: p.id,
        incident_id: input.incidentId,
        decided_by: input.decidedBy,
      })),
    )
    .onConflict((oc) =>
      oc.column('example_key').doUpdateSet((eb) => ({
        text: eb.ref('excluded.text'),
        flag: eb.ref('excluded.flag'),
        categories: eb.ref('excluded.categories'),
        about: eb.ref('excluded.about'),
        origin: eb.ref('excluded.origin'),
        incident_id: eb.ref('excluded.incident_id'),
        decided_by: eb.ref('excluded.decided_by'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
  return posts.length;
}

/**
 * A reopened incident's closing decision no longer stands. Its examples go back to what was
 * decided before it, in place: the reclassified category when someone reclassified the
 * incident, the filed category for a post filed by hand, otherwise nothing. Rows are updated or
 * deleted, never re-inserted, so an example an admin deleted stays deleted.
 */
export async function revertClosingExamples(db: Db, input: { incidentId: string; category: Category; reclassifiedBy: string | null }): Promise<void> {
  const rows = await db
    .selectFrom('training_examples')
    .leftJoin('incident_posts', (join) => join.onRef('incident_posts.post_id', '=', 'training_examples.post_id').on('incident_posts.incident_id', '=', input.incidentId))
    .select(['training_examples.id', 'training_examples.post_id', 'incident_posts.reason'])
    .where('training_examples.incident_id', '=', input.incidentId)
    .where('training_examples.origin', 'in', CLOSING_ORIGINS)
    .orderBy('training_examples.id')
    .execute();
  if (rows.length === 0) return;
  // Rows that get the same labels from the same person are updated together.
  const keep = new Map<string, { kind: 'reclassified' | 'manual_incident'; by: string; ids: string[] }>();
  const drop: string[] = [];
  const filedBy = input.reclassifiedBy === null && rows.some((r) => r.reason === 'manual') ? await manualFilers(db, input.incidentId) : new Map<string, string>();
  for (const row of rows) {
    const kind = row.reason === null ? null : input.reclassifiedBy !== null ? 'reclassified' : row.reason === 'manual' ? 'manual_incident' : null;
    if (kind === null) {
      drop.push(row.id);
      continue;
    }
    const by = kind === 'reclassified' ? input.reclassifiedBy! : (filedBy.get(row.post_id ?? '') ?? 'unknown');
    const key = `${kind} ${by}`;
    let group = keep.get(key);
    if (group === undefined) keep.set(key, (group = { kind, by, ids: [] }));
    group.ids.push(row.id);
  }
  for (const { kind, by, ids } of keep.values()) {
    const labels = labelsOf({ kind, category: input.category });
    await db
      .updateTable('training_examples')
      .set({ flag: labels.flag, categories: labels.categories, about: labels.about, origin: kind, decided_by: by, updated_at: sql<Date>`now()` })
      .where('id', 'in', ids)
      .execute();
  }
  if (drop.length > 0) await db.deleteFrom('training_examples').where('id', 'in', drop).execute();
}

const CLOSING_ORIGINS: ExampleOrigin[] = ['resolved', 'false_positive', 'out_of_scope'];

/** Who filed each of the incident's hand-filed posts, from its events. */
async function manualFilers(db: Db, incidentId: string): Promise<Map<string, string>> {
  const events = await db.selectFrom('incident_events').select(['actor', 'after']).where('incident_id', '=', incidentId).where('type', 'in', ['created', 'post_added']).orderBy('id').execute();
  const byPost = new Map<string, string>();
  for (const event of events) {
    const after = event.after as { post_id?: unknown; reason?: unknown } | null;
    if (after?.reason === 'manual' && typeof after.post_id === 'string') byPost.set(after.post_id, event.actor);
  }
  return byPost;
}

/** Imported examples, keyed by their normalized text (importing a file twice adds nothing). */
export async function importExamples(db: Db, lines: readonly ExampleLine[], decidedBy: string): Promise<number> {
  let stored = 0;
  // Chunks keep one statement's parameters well under Postgres' limit.
  for (let i = 0; i < lines.length; i += 500) {
    const chunk = new Map<string, ExampleLine>();
    for (const line of lines.slice(i, i + 500)) chunk.set(`text:${createHash('sha256').update(normalizeText(line.text)).digest('hex')}`, line);
    await db
      .insertInto('training_examples')
      .values(
        [...chunk].map(([key, line]) => ({
          example_key: key,
          text: clip(line.text),
          flag: line.flag,
          categories: line.categories,
          polarity: line.polarity ?? line.sentiment ?? null,
          about: aboutOf(line),
          origin: 'import' as const,
          decided_by: decidedBy,
        })),
      )
      .onConflict((oc) =>
        oc.column('example_key').doUpdateSet((eb) => ({
          flag: eb.ref('excluded.flag'),
          categories: eb.ref('excluded.categories'),
          polarity: eb.ref('excluded.polarity'),
          about: eb.ref('excluded.about'),
          decided_by: eb.ref('excluded.decided_by'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
    stored += chunk.size;
  }
  return stored;
}

export interface StoredExample {
  readonly id: string;
  readonly text: string;
  readonly flag: boolean;
  readonly categories: string[] | null;
  readonly polarity: string | null;
  readonly about: boolean | null;
  readonly origin: ExampleOrigin;
  readonly post_id: string | null;
  readonly incident_id: string | null;
  readonly decided_by: string;
  /** The decider's display name; `decided_by` itself when no user has that username (the CLI, a token, a deleted user). */
  readonly decided_by_name: string;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** Newest first; `beforeId` pages backwards. */
export async function listExamples(db: Db, options: { origin?: ExampleOrigin; limit?: number; beforeId?: string } = {}): Promise<StoredExample[]> {
  let query = db
    .selectFrom('training_examples')
    .leftJoin('users', 'users.username', 'training_examples.decided_by')
    .select((eb) => [
      'training_examples.id',
      'training_examples.text',
      'training_examples.flag',
      'training_examples.categories',
      'training_examples.polarity',
      'training_examples.about',
      'training_examples.origin',
      'training_examples.post_id',
      'training_examples.incident_id',
      'training_examples.decided_by',
      eb.fn.coalesce('users.display_name', 'training_examples.decided_by').as('decided_by_name'),
      'training_examples.created_at',
      'training_examples.updated_at',
    ])
    .orderBy('training_examples.id', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 500));
  if (options.origin) query = query.where('training_examples.origin', '=', options.origin);
  if (options.beforeId) query = query.where('training_examples.id', '<', options.beforeId);
  return query.execute();
}

export async function countExamples(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('training_examples').select(['origin', sql<string>`count(*)`.as('n')]).groupBy('origin').execute();
  return Object.fromEntries(rows.map((r) => [r.origin, Number(r.n)]));
}

/** Deletes one example; false when there is none. */
export async function deleteExample(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('training_examples').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Every stored example, as training reads it (the commune's own: they weigh more than the base). */
export async function loadStoredExamples(db: Db): Promise<TrainingExample[]> {
  const rows = await db.selectFrom('training_examples').select(['text', 'flag', 'categories', 'polarity', 'about']).orderBy('id').execute();
  return rows.map((r) => ({
    text: r.text,
    flag: r.flag,
    categories: r.categories as Category[] | null,
    polarity: r.polarity,
    about: r.about,
    added: true,
  }));
}
