// Engagement grows after a post is first collected. Storing it again keeps the higher count; a
// post that crosses HIGH_ENGAGEMENT is analysed again, and its open incident is raised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIGH_ENGAGEMENT } from '../src/analysis/index.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import type { CollectedItem } from '../src/collectors/collector.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { analyzeBatch } from '../src/posts/analyze-batch.js';
import { storeCollectedItems } from '../src/posts/post.repository.js';
import { jobIds } from '../src/queue/jobs.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let source: { id: string; type: string };

const COMPLAINT = 'Dân thôn Nà Pài xã Phủ Thông bức xúc vì chưa được bồi thường giải phóng mặt bằng dự án đường, đề nghị xã trả lời';

beforeAll(async () => {
  services = await createTestServices('engagement');
  context = await openContext(services.config);
  await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: [], places: ['thôn Nà Pài'] });
  source = await upsertSource(context.db, { name: 'Trang cộng đồng', type: 'manual', config: {} });
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

const item = (externalId: string, engagement: number, body = COMPLAINT): CollectedItem => ({
  externalId,
  url: null,
  title: null,
  body,
  author: 'ai-do',
  publishedAt: null,
  engagement,
  parentExternalId: null,
  raw: { externalId, engagement },
});

const store = (items: CollectedItem[]) => storeCollectedItems(context.db, source, items, services.config.SECRET_KEY);
const engagementOf = async (externalId: string) =>
  (await context.db.selectFrom('posts').select('engagement').where('external_id', '=', externalId).executeTakeFirstOrThrow()).engagement;

describe('engagement of stored posts', () => {
  it('keeps the highest count and names posts that newly spread widely', async () => {
    const first = await store([item('e1', 10), item('e2', HIGH_ENGAGEMENT + 100)]);
    expect(first.inserted).toBe(2);
    expect(first.spreading).toEqual([]);
    await analyzeBatch(context, first.pendingAnalysis);

    const again = await store([item('e1', HIGH_ENGAGEMENT + 1), item('e2', HIGH_ENGAGEMENT + 500)]);
    expect(again.inserted).toBe(0);
    expect(await engagementOf('e1')).toBe(HIGH_ENGAGEMENT + 1);
    expect(await engagementOf('e2')).toBe(HIGH_ENGAGEMENT + 500);
    // e1 crossed the line; e2 was already past it.
    const e1 = (await context.db.selectFrom('posts').select('id').where('external_id', '=', 'e1').executeTakeFirstOrThrow()).id;
    expect(again.spreading).toEqual([e1]);

    // A lower count (a deleted share) never lowers it, and crossing is told once.
    const later = await store([item('e1', 3), item('e2', 0)]);
    expect(await engagementOf('e1')).toBe(HIGH_ENGAGEMENT + 1);
    expect(later.spreading).toEqual([]);
  });

  it('raises the open incident when its post, analysed again, spreads widely', async () => {
    // Another story (not a near-duplicate of the posts above, one of which spread from the start).
    const body = 'Đường liên thôn Phiêng Lầu xã Phủ Thông xuống cấp nghiêm trọng, ổ gà khắp nơi, bà con đi lại khó khăn, đề nghị xã sửa chữa';
    const first = await store([item('v1', 3, body)]);
    const analysed = await analyzeBatch(context, first.pendingAnalysis);
    const incidentId = analysed.incidentIds[0]!;
    const before = await context.db.selectFrom('incidents').select(['severity', 'resolve_due_at']).where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(before.severity).toBe('medium');

    const again = await store([item('v1', HIGH_ENGAGEMENT * 3, body)]);
    expect(again.spreading).toHaveLength(1);
    await analyzeBatch(context, again.spreading);
    const after = await context.db.selectFrom('incidents').select(['severity', 'resolve_due_at']).where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(after.severity).toBe('high');
    expect(after.resolve_due_at!.getTime()).not.toBe(before.resolve_due_at!.getTime());
    const events = await context.db.selectFrom('incident_events').select(['type', 'after']).where('incident_id', '=', incidentId).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'severity_raised']);
    expect((await context.db.selectFrom('incident_posts').select('post_id').where('incident_id', '=', incidentId).execute()).length).toBe(1);

    // Analysed once more (a retry): nothing new.
    await analyzeBatch(context, again.spreading);
    expect((await context.db.selectFrom('incident_events').select('id').where('incident_id', '=', incidentId).execute()).length).toBe(2);
  });

  it('gives a re-analysis its own job id', () => {
    expect(jobIds.analyzeBatch(['7'], 'engagement')).not.toBe(jobIds.analyzeBatch(['7']));
    expect(jobIds.analyzeBatch(['7', '8'], 'engagement')).toBe(jobIds.analyzeBatch(['8', '7'], 'engagement'));
  });
});
