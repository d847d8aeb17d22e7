// Issue 14, defect: in the demo, the evidence of its own sample pages was "Không lưu được" — the
// sample items linked to made-up sites and the sample server had no pages. The demo now serves an
// article page for each item, points the feeds at them, and allows its own (loopback) sample host:
// the whole demo runs here and its incidents get a real screenshot and HTML snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb, type Db } from '../src/db/database.js';
import { runDemo } from '../src/demo/run-demo.js';
import { SAMPLE_FEEDS, startSampleServer } from '../src/demo/sample-server.js';
import { EVIDENCE_AREA } from '../src/evidence/capture-evidence.js';
import { ContentStore } from '../src/storage/content-store.js';
import { createTestServices, waitFor, type TestServices } from './support/services.js';

describe('the demo sample server', () => {
  it('serves each item page, and feeds that link to them', async () => {
    const samples = await startSampleServer();
    try {
      const rss = await (await fetch(samples.urlOf(SAMPLE_FEEDS[0]!))).text();
      const atom = await (await fetch(samples.urlOf(SAMPLE_FEEDS[1]!))).text();
      expect(rss).toContain(`<link>${samples.baseUrl}/site/phuthong.example.vn/tin-tuc/hoi-nghi-doi-thoai-gpmb-na-pai-na-hin</link>`);
      // Ids stay as they are: posts keep their identity from one demo run to the next.
      expect(rss).toContain('<guid isPermaLink="true">https://phuthong.example.vn/tin-tuc/hoi-nghi-doi-thoai-gpmb-na-pai-na-hin</guid>');
      expect(atom).toContain(`href="${samples.baseUrl}/site/nhom-cudan-phuthong.example.vn/bai/125"`);
      // Every item link (links quoted inside an item's text are its content, left as written).
      expect(`${rss}${atom}`).not.toMatch(/(<link>|<link rel="alternate" href=")https:/);
      const page = await fetch(`${samples.baseUrl}/site/phuthong.example.vn/tin-tuc/hoi-nghi-doi-thoai-gpmb-na-pai-na-hin`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<h1>Đối thoại với Nhân dân Nà Pài, Nà Hin về giải phóng mặt bằng</h1>');
      expect((await fetch(`${samples.baseUrl}/site/phuthong.example.vn/khong-co`)).status).toBe(404);
    } finally {
      await samples.close();
    }
  });
});

describe('npm run demo', () => {
  let services: TestServices;
  let stop: (() => Promise<void>) | undefined;
  let db: Db;
  const printed: string[] = [];

  beforeAll(async () => {
    services = await createTestServices('demo_evidence', { WORKER_CONCURRENCY: '2' });
    stop = await runDemo(services.config, (line) => printed.push(line));
    db = createDb(services.config.DATABASE_URL, { max: 2 });
  }, 120_000);
  afterAll(async () => {
    await stop?.();
    await db?.destroy();
    await services?.cleanup();
  });

  it('captures the screenshot and HTML of its sample pages', async () => {
    expect(printed.some((l) => l.startsWith('Sample feeds: http://127.0.0.1:'))).toBe(true);
    // The incidents of the demo, each with a page evidence of its member posts, among them a
    // feed's article page (the sample fanpage's posts may be captured first: wait for both).
    const captured = await waitFor(
      async () => {
        const rows = await sql<{ post_id: string; kinds: string[]; articles: number }>`
          SELECT post_id, array_agg(kind ORDER BY kind) AS kinds, count(*) FILTER (WHERE source_url LIKE '%/site/%')::int AS articles
          FROM evidence WHERE kind IN ('screenshot', 'html') AND sha256 IS NOT NULL GROUP BY post_id`.execute(db);
        const complete = rows.rows.filter((r) => r.kinds.length === 2);
        return complete.length >= 2 && complete.some((r) => r.articles === 2) ? rows.rows : undefined;
      },
      150_000,
      'page evidence of two demo posts, one of them a feed article',
    );
    expect(captured.length).toBeGreaterThanOrEqual(2);
    const failures = await db.selectFrom('evidence').select(['kind', 'error', 'source_url']).where('error', 'is not', null).execute();
    expect(failures).toEqual([]);

    const store = ContentStore.forDataDir(services.config.DATA_DIR, EVIDENCE_AREA);
    // Every capture is of the demo's own pages: the feeds' articles and the sample fanpage's posts.
    const sources = await db.selectFrom('evidence').select('source_url').where('kind', 'in', ['screenshot', 'html']).execute();
    for (const { source_url } of sources) expect(source_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/(site\/[a-z.-]+\.example\.vn|posts)\//);
    const screenshot = await db
      .selectFrom('evidence')
      .select(['sha256', 'source_url'])
      .where('kind', '=', 'screenshot')
      .where('sha256', 'is not', null)
      .where('source_url', 'like', '%/site/%')
      .executeTakeFirstOrThrow();
    expect(screenshot.source_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/site\/[a-z.-]+\.example\.vn\//);
    const png = await store.get(screenshot.sha256!);
    expect(png?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const html = await db
      .selectFrom('evidence')
      .innerJoin('posts', 'posts.id', 'evidence.post_id')
      .select(['evidence.sha256', 'posts.title'])
      .where('evidence.kind', '=', 'html')
      .where('evidence.sha256', 'is not', null)
      .where('evidence.source_url', 'like', '%/site/%')
      .executeTakeFirstOrThrow();
    const snapshot = (await store.get(html.sha256!))?.toString('utf8');
    expect(snapshot).toContain(`<h1>${html.title}</h1>`);
  }, 200_000);
});
