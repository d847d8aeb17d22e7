// Correlation against 100,000 open incidents, each with a fingerprinted member: how many flagged
// posts per second are filed (half near-duplicates of an open incident, half new stories), with
// the real use case — advisory locks, LSH candidate lookup, deadlines — on real Postgres.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import type { Analysis } from '../src/analysis/types.js';
import { createDb, ensureDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { correlateFlaggedPost } from '../src/incidents/correlate.js';
import { fingerprint } from '../src/incidents/fingerprint.js';

const OPEN_INCIDENTS = 100_000;
const SYLLABLES = (
  'xã thôn bản dân bà con cán bộ chính quyền ủy ban đường làng đất rừng ruộng nương bồi thường giải phóng mặt bằng dự án trường học trạm y tế ' +
  'nước sạch điện lưới cầu treo suối lũ lụt sạt lở mùa màng phân bón giống lúa ngô sắn chè quế hồi keo trâu bò lợn gà vịt cá ao hồ ' +
  'chợ phiên xe khách học sinh giáo viên bác sĩ y tá công an dân quân bí thư chủ tịch phó trưởng ban hội nông dân phụ nữ đoàn thanh niên ' +
  'cựu chiến binh mặt trận tổ quốc hộ nghèo cận nghèo trợ cấp hỗ trợ vay vốn ngân hàng chính sách thuế phí lệ họp tiếp dân phản ánh kiến nghị ' +
  'khiếu nại tố cáo tin đồn sai sự thật mạng xã hội chia sẻ bình luận video ảnh clip tối qua sáng nay hôm kia tuần trước tháng này năm ngoái ' +
  'nhiều ít rất quá không chưa đã sẽ đang vẫn còn mới cũ to nhỏ xa gần cao thấp tốt xấu nhanh chậm'
).split(' ');

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}

function story(random: () => number): string {
  const length = 25 + Math.floor(random() * 20);
  return Array.from({ length }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(' ');
}

/** The same story retold: diacritics dropped, a word changed, a prefix added. */
function retell(text: string, random: () => number): string {
  const words = text.split(' ');
  words[Math.floor(random() * words.length)] = SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
  return `chia se ${words.join(' ')}`.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}

const analysis: Analysis = {
  flag: true,
  categories: ['tin_sai_su_that'],
  about: true,
  sentiment: { label: 'negative', score: -0.5 },
  offensive: false,
  severity: 'high',
  matches: [],
};

export async function benchCorrelate(): Promise<Record<string, unknown>> {
  const posts = Number(process.env.BENCH_CORRELATE_POSTS ?? 2000);
  const concurrency = Number(process.env.BENCH_CORRELATE_CONCURRENCY ?? 8);
  const name = `langnghe_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const db = createDb(databaseUrl, { max: concurrency + 2 });
  try {
    const random = rng(42);
    const source = await db.insertInto('sources').values({ name: 'bench', type: 'manual', config: '{}', fetch_state: '{}' }).returning('id').executeTakeFirstOrThrow();
    const seededAt = new Date();
    // 100,000 open incidents, one fingerprinted member each, spread over the last 6 days.
    await sql`INSERT INTO posts (source_id, external_id, body, content_hash)
              SELECT ${source.id}, 'seed-' || g, 'seed', 'seed-' || g FROM generate_series(1, ${OPEN_INCIDENTS}) AS g`.execute(db);
    await sql`INSERT INTO incidents (title, category, severity, detected_at)
              SELECT 'seed ' || g, 'tin_sai_su_that', 'high', now() - (g % 8640) * interval '1 minute' FROM generate_series(1, ${OPEN_INCIDENTS}) AS g`.execute(db);
    await sql`INSERT INTO incident_posts (incident_id, post_id, reason)
              SELECT i.id, p.id, 'opened' FROM
                (SELECT id, row_number() OVER (ORDER BY id) AS n FROM incidents) i
                JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM posts) p USING (n)`.execute(db);
    const mapping = await db.selectFrom('incident_posts').select(['incident_id', 'post_id']).orderBy('post_id').execute();
    const texts: string[] = [];
    const prints: { post_id: string; incident_id: string; signature: number[]; bands: number[]; seen_at: Date }[] = [];
    for (const [index, row] of mapping.entries()) {
      const text = story(random);
      texts.push(text);
      const print = fingerprint(text)!;
      prints.push({ post_id: row.post_id, incident_id: row.incident_id, signature: [...print.signature], bands: [...print.bands], seen_at: new Date(seededAt.getTime() - (index % 8640) * 60_000) });
      if (prints.length === 2000) await db.insertInto('post_fingerprints').values(prints.splice(0)).execute();
    }
    if (prints.length) await db.insertInto('post_fingerprints').values(prints.splice(0)).execute();
    await sql`ANALYZE`.execute(db);
    const open = await db.selectFrom('post_fingerprints').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();

    // The posts to file: every other one retells a seeded story.
    const work: { id: string; expected: string | null }[] = [];
    for (let i = 0; i < posts; i++) {
      const target = Math.floor(random() * OPEN_INCIDENTS);
      const duplicate = i % 2 === 0;
      const body = duplicate ? retell(texts[target]!, random) : story(random);
      const row = await db
        .insertInto('posts')
        .values({ source_id: source.id, external_id: `b${i}`, body, content_hash: `b${i}`, raw: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      work.push({ id: row.id, expected: duplicate ? mapping[target]!.incident_id : null });
    }
    const rows = new Map((await db.selectFrom('posts').select(['id', 'canonical_url', 'title', 'body', 'source_id', 'external_id', 'parent_external_id']).where('external_id', 'like', 'b%').execute()).map((r) => [r.id, r]));

    let next = 0;
    let joined = 0;
    let expectedJoins = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < work.length) {
          const item = work[next++]!;
          const result = await db.transaction().execute((tx) => correlateFlaggedPost(tx, { post: rows.get(item.id)!, analysis }));
          if (item.expected) {
            expectedJoins++;
            if (result?.incidentId === item.expected) joined++;
          }
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      bench: 'correlate',
      posts_per_s: Math.round(posts / seconds),
      open_fingerprints: Number(open.n),
      posts,
      concurrency,
      near_duplicate_recall: Math.round((joined / Math.max(1, expectedJoins)) * 1000) / 1000,
      ms_per_post: Math.round(((seconds * 1000) / posts) * concurrency * 100) / 100,
    };
  } finally {
    await db.destroy();
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
