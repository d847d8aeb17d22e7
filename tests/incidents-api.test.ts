// Issue 5 "done when": a manual report, a near-duplicate of it written without diacritics and a
// comment on the same fanpage post end in one incident, walked to resolved through the API, with
// deadlines and a complete audit trail. Real analyzer, real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { createApp, type App } from '../src/http/app.js';
import { analyzePost } from '../src/posts/analyze-post.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let app: App;
let collaborator: string;
let reviewer: string;
let manualSource: string;
let fanpageSource: string;

beforeAll(async () => {
  services = await createTestServices('incidents_api');
  context = await openContext(services.config);
  app = createApp(context);
  await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: ['xã Phủ Thông'], places: ['thôn Nà Pài'] });
  const user = await upsertUser(context.db, { username: 'ctv1', displayName: 'CTV 1', password: 'mat-khau-dai-du', role: 'collaborator' });
  collaborator = (await createApiToken(context.db, { name: 'ctv1', role: 'collaborator', userId: user.id })).token;
  reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  manualSource = (await upsertSource(context.db, { name: 'Báo cáo thủ công', type: 'manual', config: {} })).id;
  fanpageSource = (await upsertSource(context.db, { name: 'Fanpage xã', type: 'manual', config: {} })).id;
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

let seq = 0;
async function collect(sourceId: string, body: string, over: { url?: string; external_id?: string; parent_external_id?: string } = {}) {
  seq++;
  const row = await context.db
    .insertInto('posts')
    .values({
      source_id: sourceId,
      external_id: over.external_id ?? `m${seq}`,
      parent_external_id: over.parent_external_id ?? null,
      url: over.url ?? null,
      canonical_url: over.url ?? null,
      body,
      content_hash: `h${seq}`,
      raw: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return analyzePost(context, row.id);
}

const call = (token: string, method: string, path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

interface IncidentJson {
  id: string;
  status: string;
  version: number;
  assignee: string | null;
  ack_due_at: string;
  resolve_due_at: string;
  posts: { id: string; reason: string }[];
  events: { type: string; actor: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
  evidence: unknown[];
  actions: { type: string }[];
  lock: { by: string } | null;
}

describe('incident API', () => {
  let incidentId: string;

  it('files a manual report, its near-duplicate without diacritics and a comment on the fanpage post into one incident', async () => {
    const text =
      'Bà con thôn Nà Pài, xã Phủ Thông phản ánh đã hơn một năm vẫn chưa được bồi thường tiền đất bị thu hồi làm đường, đề nghị chính quyền xã giải quyết sớm.';
    const fanpagePost = await collect(fanpageSource, text, { external_id: '100', url: 'https://www.facebook.com/xaphuthong/posts/100' });
    const report = await collect(manualSource, `Người dân gửi báo cáo: ${text}`);
    const plain = await collect(manualSource, text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'));
    const comment = await collect(fanpageSource, 'Nhà tôi ở thôn Nà Pài cũng chưa được bồi thường tiền đất, đề nghị xã giải quyết dứt điểm', {
      external_id: '100_7',
      parent_external_id: '100',
    });
    for (const result of [fanpagePost, report, plain, comment]) expect(result.analysis?.flag).toBe(true);
    incidentId = fanpagePost.incidentId!;
    expect([report.incidentId, plain.incidentId, comment.incidentId]).toEqual([incidentId, incidentId, incidentId]);

    const response = await call(reviewer, 'GET', `/api/incidents/${incidentId}`);
    expect(response.status).toBe(200);
    const incident = (await response.json()) as IncidentJson;
    expect(Object.keys(incident)).toEqual(
      expect.arrayContaining(['id', 'title', 'status', 'severity', 'category', 'assignee', 'version', 'created_at', 'ack_due_at', 'resolve_due_at', 'posts', 'events', 'evidence']),
    );
    expect(incident.posts.map((p) => p.reason).sort()).toEqual(['near_duplicate', 'near_duplicate', 'opened', 'same_thread']);
    expect(incident.ack_due_at).not.toBeNull();
    expect(incident.resolve_due_at).not.toBeNull();
    // The list keeps its contract.
    const list = (await (await call(reviewer, 'GET', '/api/incidents')).json()) as { items: { id: string; post_count: number }[] };
    expect(list.items).toEqual([expect.objectContaining({ id: incidentId, post_count: 4 })]);
  });

  it('reviewers read only; bad input is a 400, an unknown incident a 404', async () => {
    expect((await call(reviewer, 'POST', `/api/incidents/${incidentId}/status`, { to: 'acknowledged' })).status).toBe(403);
    expect((await call(collaborator, 'POST', `/api/incidents/${incidentId}/status`, { to: 'closed' })).status).toBe(400);
    expect((await call(collaborator, 'GET', '/api/incidents/abc')).status).toBe(400);
    expect((await call(collaborator, 'GET', '/api/incidents/999999')).status).toBe(404);
  });

  it('walks the incident to resolved through the API, refusing what the workflow forbids', async () => {
    const path = `/api/incidents/${incidentId}`;
    const illegal = await call(collaborator, 'POST', `${path}/status`, { to: 'resolved' });
    expect(illegal.status).toBe(422);
    expect(await illegal.json()).toMatchObject({ error: 'illegal_transition', from: 'new', to: 'resolved' });

    const ack = await call(collaborator, 'POST', `${path}/status`, { to: 'acknowledged', version: 1 });
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({ status: 'acknowledged', version: 2 });

    const stale = await call(collaborator, 'POST', `${path}/status`, { to: 'in_progress', version: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: 'version_conflict', current: 2 });

    const noReason = await call(collaborator, 'POST', `${path}/status`, { to: 'dismissed', version: 2 });
    expect(noReason.status).toBe(422);
    expect(await noReason.json()).toMatchObject({ error: 'reason_required' });

    expect((await call(collaborator, 'POST', `${path}/assign`, { username: 'ctv1', version: 2 })).status).toBe(200);
    const locked = (await (await call(collaborator, 'POST', `${path}/lock`, {})).json()) as IncidentJson;
    expect(locked.lock?.by).toBe('token:ctv1');
    expect((await call(collaborator, 'POST', `${path}/status`, { to: 'in_progress', version: 3, note: 'Đang xác minh với địa chính xã' })).status).toBe(200);
    expect((await call(collaborator, 'POST', `${path}/hold`, { reason: 'Chờ Ban bồi thường GPMB huyện trả lời', version: 4 })).status).toBe(200);
    expect((await call(collaborator, 'POST', `${path}/resume`, { version: 5 })).status).toBe(200);
    expect((await call(collaborator, 'POST', `${path}/notes`, { note: 'Huyện hẹn chi trả trong tháng' })).status).toBe(201);
    expect((await call(collaborator, 'POST', `${path}/actions`, { type: 'replied_on_fanpage', description: 'Trả lời công khai dưới bài viết' })).status).toBe(201);
    expect((await call(collaborator, 'POST', `${path}/actions`, { type: 'met_citizen', done_at: '2026-11-20T09:00:00+07:00' })).status).toBe(201);
    expect((await call(collaborator, 'POST', `${path}/actions`, { type: 'sent_pigeon' })).status).toBe(400);
    expect((await call(collaborator, 'DELETE', `${path}/lock`)).status).toBe(200);

    const resolved = await call(collaborator, 'POST', `${path}/status`, { to: 'resolved', version: 6 });
    expect(resolved.status).toBe(200);
    const incident = (await resolved.json()) as IncidentJson;
    expect(incident).toMatchObject({ status: 'resolved', version: 7, assignee: 'ctv1', lock: null });
    expect(incident.actions.map((a) => a.type)).toEqual(['met_citizen', 'replied_on_fanpage']);
    expect(incident.events.map((e) => e.type)).toEqual([
      'created',
      'post_added',
      'post_added',
      'post_added',
      'status_changed',
      'assigned',
      'locked',
      'status_changed',
      'status_changed',
      'status_changed',
      'note',
      'action_recorded',
      'action_recorded',
      'unlocked',
      'status_changed',
    ]);
    expect(incident.events.filter((e) => e.type === 'status_changed').map((e) => `${e.before?.status}>${e.after?.status}`)).toEqual([
      'new>acknowledged',
      'acknowledged>in_progress',
      'in_progress>on_hold',
      'on_hold>in_progress',
      'in_progress>resolved',
    ]);
    expect(incident.events.filter((e) => e.type !== 'created' && e.type !== 'post_added').every((e) => e.actor === 'token:ctv1')).toBe(true);

    const fact = await context.db.selectFrom('incident_facts').select(['handled_in_time', 'sla_outcome']).where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(fact).toEqual({ handled_in_time: true, sla_outcome: 'in_time' });
  });

  it('counts false-positive dismissals per rule in GET /api/rules/stats', async () => {
    const other = await collect(manualSource, 'Dân thôn Nà Pài xã Phủ Thông bức xúc vì chưa được bồi thường khi giải phóng mặt bằng làm trường học mới');
    expect(other.incidentId).not.toBe(incidentId);
    const dismissed = await call(collaborator, 'POST', `/api/incidents/${other.incidentId}/status`, { to: 'dismissed', reason: 'false_positive' });
    expect(dismissed.status).toBe(200);
    const response = await call(reviewer, 'GET', '/api/rules/stats');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { rule: string; hits: number; reviewed: number; false_positives: number; precision: number | null }[] };
    const rules = new Set(other.analysis!.matches.map((m) => m.rule));
    const stats = items.filter((i) => rules.has(i.rule));
    expect(stats.length).toBeGreaterThan(0);
    for (const s of stats) {
      expect(s.false_positives).toBe(1);
      expect(s.precision).toBe(Math.round(((s.reviewed - 1) / s.reviewed) * 1000) / 1000);
    }
  });
});
