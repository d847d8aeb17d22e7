// A commune fanpage on the Graph stand-in and an incident whose members are its post, a citizen's
// comment under it and an item of an ordinary feed — what the reply tests (API, page, browser) share.
import type { Db } from '../../src/db/database.js';
import { upsertSource } from '../../src/sources/source.repository.js';
import { startFakeGraph, type FakeGraph, type FakePost } from './fake-graph.js';

export const PAGE_ID = '110000000000001';
export const POST_EXT = `${PAGE_ID}_501`;
export const COMPLAINT_EXT = '501_7001';
export const COMPLAINT = 'Dân thôn Nà Pài chưa nhận được tiền bồi thường GPMB, xã trả lời giúp với';

export interface FanpageFixture {
  readonly graph: FakeGraph;
  readonly sourceId: string;
  readonly feedSourceId: string;
  readonly incidentId: string;
  /** posts.id of the page's post, the citizen's comment, and the feed item. */
  readonly postId: string;
  readonly complaintId: string;
  readonly feedPostId: string;
  /** Points the page's source at another stand-in token (each token behaves its own way). */
  useToken(token: string): Promise<void>;
}

function standInPosts(): FakePost[] {
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
  return [
    {
      id: POST_EXT,
      message: 'UBND xã Phủ Thông thông báo lịch chi trả tiền bồi thường dự án đường liên thôn',
      created: hoursAgo(5),
      reactions: 12,
      comments: [
        { id: COMPLAINT_EXT, message: COMPLAINT, created: hoursAgo(3), from: { id: '55501', name: 'Nguyễn Văn A' } },
        { id: '501_7002', message: 'Cảm ơn xã', created: hoursAgo(2), from: { id: '55502', name: 'Trần Thị B' } },
      ],
    },
  ];
}

export async function seedFanpageIncident(db: Db, secretKey: string): Promise<FanpageFixture> {
  const graph = await startFakeGraph({
    pages: { [PAGE_ID]: standInPosts() },
    tokens: { good: 'ok', old: 'expired', readonly: 'read_only', noapp: 'app_not_allowed', busy: 'throttled' },
    pageNames: { [PAGE_ID]: 'Trang thông tin xã Phủ Thông' },
    profiles: { '100004000000042': 'Nguyễn Văn Cá Nhân' },
  });
  const sourceInput = (token: string) => ({
    name: 'Fanpage UBND xã Phủ Thông',
    type: 'facebook_page' as const,
    config: { pageId: PAGE_ID, token, graphUrl: graph.url },
    intervalSeconds: 3600,
    isCommuneChannel: true,
    enabled: false,
  });
  const source = await upsertSource(db, sourceInput('good'), { secretKey });
  const feed = await upsertSource(db, { name: 'Báo huyện', type: 'rss', config: { url: 'https://bao.example/rss' }, enabled: false });
  const at = (h: number) => new Date(Date.now() - h * 3_600_000);
  const insert = (values: { source_id: string; external_id: string; body: string; parent_external_id: string | null; raw: Record<string, unknown>; published_at: Date; url: string }) =>
    db
      .insertInto('posts')
      .values({ ...values, canonical_url: values.url, title: null, content_hash: `h-${values.external_id}`, raw: JSON.stringify(values.raw) })
      .returning('id')
      .executeTakeFirstOrThrow();
  const post = await insert({ source_id: source.id, external_id: POST_EXT, body: 'UBND xã Phủ Thông thông báo lịch chi trả tiền bồi thường', parent_external_id: null, raw: { kind: 'post' }, published_at: at(5), url: `https://www.facebook.com/${PAGE_ID}/posts/501` });
  const complaint = await insert({ source_id: source.id, external_id: COMPLAINT_EXT, body: COMPLAINT, parent_external_id: POST_EXT, raw: { kind: 'comment', post_id: POST_EXT }, published_at: at(3), url: `https://www.facebook.com/${PAGE_ID}/posts/501?comment_id=${COMPLAINT_EXT}` });
  const feedPost = await insert({ source_id: feed.id, external_id: 'rss-1', body: 'Báo huyện: dân Nà Pài chờ tiền bồi thường', parent_external_id: null, raw: {}, published_at: at(4), url: 'https://bao.example/1' });
  const incident = await db
    .insertInto('incidents')
    .values({ title: 'Chưa nhận tiền bồi thường GPMB thôn Nà Pài', category: 'phan_anh_kien_nghi', severity: 'medium', detected_at: at(2.9), ack_due_at: new Date(Date.now() + 3_600_000), resolve_due_at: new Date(Date.now() + 48 * 3_600_000) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('incident_posts')
    .values([
      { incident_id: incident.id, post_id: complaint.id, reason: 'opened' },
      { incident_id: incident.id, post_id: post.id, reason: 'same_thread' },
      { incident_id: incident.id, post_id: feedPost.id, reason: 'near_duplicate' },
    ])
    .execute();
  return {
    graph,
    sourceId: source.id,
    feedSourceId: feed.id,
    incidentId: incident.id,
    postId: post.id,
    complaintId: complaint.id,
    feedPostId: feedPost.id,
    useToken: async (token) => void (await upsertSource(db, sourceInput(token), { secretKey })),
  };
}
