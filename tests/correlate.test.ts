import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analysis/types.js';
import { createDb, type Db } from '../src/db/database.js';
import { correlateFlaggedPost, incidentTitle, primaryCategory, storyLinks } from '../src/incidents/correlate.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let db: Db;
let sourceId: string;

beforeAll(async () => {
  services = await createTestServices('correlate');
  db = createDb(services.config.DATABASE_URL);
  sourceId = (await upsertSource(db, { name: 's', type: 'manual', config: {} })).id;
});
afterAll(async () => {
  await db?.destroy();
  await services?.cleanup();
});

const flagged = (over: Partial<Analysis> = {}): Analysis => ({
  flag: true,
  categories: ['tin_sai_su_that'],
  about: true,
  sentiment: { label: 'negative', score: -0.5 },
  offensive: false,
  severity: 'high',
  matches: [],
  ...over,
});

let counter = 0;
async function insertPost(canonicalUrl: string | null, body = 'Tin đồn ở thôn Nà Pài') {
  counter++;
  return db
    .insertInto('posts')
    .values({ source_id: sourceId, external_id: `p${counter}`, canonical_url: canonicalUrl, url: canonicalUrl, body, content_hash: `h${counter}`, raw: '{}' })
    .returning(['id', 'canonical_url', 'title', 'body'])
    .executeTakeFirstOrThrow();
}

describe('correlation helpers', () => {
  it('finds the story links of a post, canonicalised', () => {
    expect(storyLinks({ canonical_url: 'https://a.vn/x', body: 'xem https://www.b.vn/y?utm_source=z. và http://a.vn/x' })).toEqual([
      'http://a.vn/x',
      'https://a.vn/x',
      'https://b.vn/y',
    ]);
  });
  it('picks the most severe category, never good news', () => {
    expect(primaryCategory(flagged({ categories: ['phan_anh_kien_nghi', 'an_ninh_trat_tu', 'tich_cuc'] }))).toBe('an_ninh_trat_tu');
    expect(primaryCategory(flagged({ categories: ['tich_cuc'] }))).toBeUndefined();
  });
  it('titles an incident from the post, shortened', () => {
    expect(incidentTitle({ title: null, body: 'a'.repeat(300) })).toHaveLength(140);
    expect(incidentTitle({ title: '  Tiêu đề  ', body: 'x' })).toBe('Tiêu đề');
  });
});

describe('correlateFlaggedPost', () => {
  it('opens one incident for two shares of one link handled at the same moment', async () => {
    const [a, b] = await Promise.all([insertPost('https://news.vn/story-1'), insertPost('https://news.vn/story-1')]);
    const results = await Promise.all(
      [a, b].map((post) => db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged() }))),
    );
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    expect(results[0]?.incidentId).toBe(results[1]?.incidentId);
    const members = await db.selectFrom('incident_posts').select('post_id').where('incident_id', '=', results[0]!.incidentId).execute();
    expect(members).toHaveLength(2);
  });

  it('is idempotent: the same post twice stays in one incident', async () => {
    const post = await insertPost('https://news.vn/story-2');
    const first = await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged() }));
    const second = await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged() }));
    expect(second).toEqual({ incidentId: first!.incidentId, created: false });
    const events = await db.selectFrom('incident_events').select('type').where('incident_id', '=', first!.incidentId).execute();
    expect(events.map((e) => e.type)).toEqual(['created']);
  });

  it('raises the severity when a more severe post joins, recomputing deadlines, as an event', async () => {
    const now = new Date('2026-11-23T01:00:00Z');
    const first = await insertPost('https://news.vn/story-3');
    const opened = await db.transaction().execute((tx) =>
      correlateFlaggedPost(tx, { post: first, analysis: flagged({ categories: ['phan_anh_kien_nghi'], severity: 'medium' }), now }),
    );
    const second = await insertPost(null, 'Dân kéo đến trụ sở, xem https://news.vn/story-3');
    await db.transaction().execute((tx) =>
      correlateFlaggedPost(tx, { post: second, analysis: flagged({ categories: ['an_ninh_trat_tu'], severity: 'critical' }), now }),
    );
    const incident = await db.selectFrom('incidents').selectAll().where('id', '=', opened!.incidentId).executeTakeFirstOrThrow();
    expect(incident.severity).toBe('critical');
    expect(incident.ack_due_at?.toISOString()).toBe('2026-11-23T02:00:00.000Z'); // critical: 1 h of calendar time
    const events = await db.selectFrom('incident_events').select(['type', 'before', 'after']).where('incident_id', '=', opened!.incidentId).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'post_added', 'severity_raised']);
    expect(events[2]?.before).toEqual({ severity: 'medium' });
  });

  it('does nothing for a post that is not flagged or only good news', async () => {
    const post = await insertPost('https://news.vn/story-4');
    expect(await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged({ flag: false }) }))).toBeNull();
    expect(await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: flagged({ categories: ['tich_cuc'] }) }))).toBeNull();
  });
});
