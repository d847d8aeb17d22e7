// Issue 13, reclassify: POST /api/incidents/:id/classify through the real app and Postgres —
// who may, stale versions, unknown categories, the audited `reclassified` event, deadlines
// recomputed from detected_at (with the commune's own SLA settings) only when the severity
// changes, and the response-time report counting the incident under its new category.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import type { Severity } from '../src/analysis/types.js';
import { createApp, type App } from '../src/http/app.js';
import { buildResponseTimeReport } from '../src/reports/response-time.js';
import { makePeriod } from '../src/reports/period.js';
import { computeDeadlines } from '../src/sla/deadlines.js';
import { loadPauses, loadSlaSettings, updateSlaPolicy } from '../src/sla/sla-settings.repository.js';
import { deadlineColumns } from '../src/incidents/correlate.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let app: App;
const tokens = { admin: '', collaborator: '', reviewer: '' };

beforeAll(async () => {
  services = await createTestServices('reclassify');
  context = await openContext(services.config);
  app = createApp(context);
  const ctv = await upsertUser(context.db, { username: 'ctv', displayName: 'CTV', password: 'mat-khau-dai-du', role: 'collaborator' });
  const qt = await upsertUser(context.db, { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-dai-du', role: 'admin' });
  tokens.collaborator = (await createApiToken(context.db, { name: 'ctv', role: 'collaborator', userId: ctv.id })).token;
  tokens.admin = (await createApiToken(context.db, { name: 'quantri', role: 'admin', userId: qt.id })).token;
  tokens.reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  // The commune's own SLA, unlike the defaults, so a recompute with the wrong settings shows.
  await updateSlaPolicy(context.db, {
    critical: { ack_minutes: 20, resolve_minutes: 300, clock: 'calendar', due_soon_ratio: 0.5 },
    high: { ack_minutes: 90, resolve_minutes: 900, clock: 'calendar', due_soon_ratio: 0.75 },
    low: { ack_minutes: 3000, resolve_minutes: 9000, clock: 'calendar', due_soon_ratio: 0.9 },
  });
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

const call = (token: string | null, path: string, body: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

interface IncidentJson {
  id: string;
  category: string;
  severity: Severity;
  version: number;
  ack_due_at: string | null;
  resolve_due_at: string | null;
  detected_at: string;
  sla: Record<string, string | null>;
  events: { type: string; actor: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; note: string | null }[];
}

/** An incident detected at `detectedAt`, with the deadlines its severity gives under the stored SLA. */
async function newIncident(input: { category?: string; severity?: Severity; detectedAt?: Date } = {}) {
  const severity = input.severity ?? 'high';
  const detectedAt = input.detectedAt ?? new Date(Date.now() - 3_600_000);
  const sla = await loadSlaSettings(context.db);
  const row = await context.db
    .insertInto('incidents')
    .values({
      title: 'Tin đồn thu hồi đất thôn Nà Pài',
      category: input.category ?? 'tin_sai_su_that',
      severity,
      detected_at: detectedAt,
      ...deadlineColumns(computeDeadlines(detectedAt, severity, sla.policy, sla.calendar)),
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return row;
}

const incidentRow = (id: string) => context.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventTypes = async (id: string) => (await context.db.selectFrom('incident_events').select('type').where('incident_id', '=', id).orderBy('id').execute()).map((e) => e.type);

describe('POST /api/incidents/:id/classify', () => {
  it('lets collaborators and admins reclassify, answering 200 with the incident; reviewers get 403, no token 401', async () => {
    const { id } = await newIncident();
    const byCollaborator = await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'xuyen_tac', version: 1 });
    expect(byCollaborator.status).toBe(200);
    expect(await byCollaborator.json()).toMatchObject({ id, category: 'xuyen_tac', severity: 'high', version: 2 });

    const byAdmin = await call(tokens.admin, `/api/incidents/${id}/classify`, { category: 'an_ninh_trat_tu' });
    expect(byAdmin.status).toBe(200);
    expect(await byAdmin.json()).toMatchObject({ id, category: 'an_ninh_trat_tu', version: 3 });

    expect((await call(tokens.reviewer, `/api/incidents/${id}/classify`, { category: 'bau_cu' })).status).toBe(403);
    expect((await call(null, `/api/incidents/${id}/classify`, { category: 'bau_cu' })).status).toBe(401);
    const after = await incidentRow(id);
    expect(after).toMatchObject({ category: 'an_ninh_trat_tu', version: 3 });
    expect(await eventTypes(id)).toEqual(['reclassified', 'reclassified']);
  });

  it('answers 409 on a stale version and changes nothing', async () => {
    const { id } = await newIncident();
    expect((await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'bau_cu', version: 1 })).status).toBe(200);
    const stale = await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'xuyen_tac', severity: 'critical', version: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: 'version_conflict', expected: 1, current: 2 });
    expect(await incidentRow(id)).toMatchObject({ category: 'bau_cu', severity: 'high', version: 2 });
    expect(await eventTypes(id)).toEqual(['reclassified']);
  });

  it('answers 422 on an unknown category, naming the known ones; 400 on a bad severity; 404 on an unknown incident', async () => {
    const { id } = await newIncident();
    const unknown = await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'chuyen_linh_tinh', version: 1 });
    expect(unknown.status).toBe(422);
    const body = (await unknown.json()) as { error: string; message: string; allowed: string[] };
    expect(body.error).toBe('unknown_category');
    expect(body.message).toMatch(/chuyen_linh_tinh/);
    expect(body.allowed).toContain('phan_anh_kien_nghi');
    expect((await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'bau_cu', severity: 'urgent' })).status).toBe(400);
    expect((await call(tokens.collaborator, `/api/incidents/${id}/classify`, {})).status).toBe(400);
    expect((await call(tokens.collaborator, '/api/incidents/999999/classify', { category: 'bau_cu' })).status).toBe(404);
    expect(await incidentRow(id)).toMatchObject({ category: 'tin_sai_su_that', version: 1 });
    expect(await eventTypes(id)).toEqual([]);
  });

  it('writes a reclassified event with before and after, the actor and the note', async () => {
    const { id } = await newIncident({ severity: 'high' });
    const response = await call(tokens.collaborator, `/api/incidents/${id}/classify`, {
      category: 'phan_anh_kien_nghi',
      severity: 'low',
      note: '  Chỉ là kiến nghị của bà con, không phải tin sai  ',
      version: 1,
    });
    expect(response.status).toBe(200);
    const incident = (await response.json()) as IncidentJson;
    const events = incident.events.filter((e) => e.type === 'reclassified');
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.actor).toBe('token:ctv');
    expect(event.note).toBe('Chỉ là kiến nghị của bà con, không phải tin sai');
    expect(event.before).toMatchObject({ category: 'tin_sai_su_that', severity: 'high', version: 1 });
    expect(event.after).toMatchObject({ category: 'phan_anh_kien_nghi', severity: 'low', version: 2 });
    // The deadlines that moved are in the record too.
    expect(event.before?.ack_due_at).not.toEqual(event.after?.ack_due_at);
  });

  it('a severity change recomputes the deadlines from detected_at with the stored SLA settings, holds excluded', async () => {
    const detectedAt = new Date(Date.now() - 5 * 3_600_000);
    const { id } = await newIncident({ severity: 'low', detectedAt });
    // An hour on hold, already over: the new deadlines leave it out as a raise would.
    await context.db
      .insertInto('incident_holds')
      .values({ incident_id: id, reason: 'chờ huyện trả lời', started_at: new Date(detectedAt.getTime() + 600_000), ended_at: new Date(detectedAt.getTime() + 4_200_000) })
      .execute();
    const response = await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'an_ninh_trat_tu', severity: 'critical', version: 1 });
    expect(response.status).toBe(200);
    const incident = (await response.json()) as IncidentJson;
    const sla = await loadSlaSettings(context.db);
    const expected = computeDeadlines(detectedAt, 'critical', sla.policy, sla.calendar, await loadPauses(context.db, id));
    expect(incident).toMatchObject({ severity: 'critical', category: 'an_ninh_trat_tu', detected_at: detectedAt.toISOString() });
    expect(incident.ack_due_at).toBe(expected.ackDueAt.toISOString());
    expect(incident.resolve_due_at).toBe(expected.resolveDueAt.toISOString());
    expect(incident.sla.ack_warn_at).toBe(expected.ackWarnAt.toISOString());
    expect(incident.sla.resolve_warn_at).toBe(expected.resolveWarnAt.toISOString());
    // The commune's 20 minutes plus the hour on hold, not the default hour.
    expect(expected.ackDueAt.getTime() - detectedAt.getTime()).toBe((20 + 60) * 60_000);
    const row = await incidentRow(id);
    expect(row.ack_due_at?.toISOString()).toBe(expected.ackDueAt.toISOString());
    expect(row.resolve_due_at?.toISOString()).toBe(expected.resolveDueAt.toISOString());
  });

  it('a severity lowered clears a breach mark the later deadline no longer justifies', async () => {
    const detectedAt = new Date(Date.now() - 2 * 3_600_000);
    const { id } = await newIncident({ severity: 'critical', detectedAt });
    await context.db.updateTable('incidents').set({ ack_due_soon_at: new Date(detectedAt.getTime() + 600_000), ack_breached_at: new Date(detectedAt.getTime() + 1_200_000) }).where('id', '=', id).execute();
    const response = await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'phan_anh_kien_nghi', severity: 'low', version: 1 });
    expect(response.status).toBe(200);
    const incident = (await response.json()) as IncidentJson;
    const sla = await loadSlaSettings(context.db);
    const expected = computeDeadlines(detectedAt, 'low', sla.policy, sla.calendar);
    expect(incident.ack_due_at).toBe(expected.ackDueAt.toISOString());
    expect(incident.resolve_due_at).toBe(expected.resolveDueAt.toISOString());
    // 3000 calendar minutes after detection is still ahead: neither mark holds any more.
    expect(incident.sla.ack_breached_at).toBeNull();
    expect(incident.sla.ack_due_soon_at).toBeNull();
  });

  it('the severity unchanged (left out or given again) keeps the deadlines as they are', async () => {
    const { id } = await newIncident({ severity: 'high' });
    // Deadlines no recompute would give: any recompute shows.
    const ackDueAt = new Date('2031-01-02T03:04:05.000Z');
    const resolveDueAt = new Date('2031-02-03T04:05:06.000Z');
    await context.db.updateTable('incidents').set({ ack_due_at: ackDueAt, resolve_due_at: resolveDueAt }).where('id', '=', id).execute();
    const omitted = (await (await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'bau_cu', version: 1 })).json()) as IncidentJson;
    expect(omitted).toMatchObject({ category: 'bau_cu', severity: 'high', version: 2, ack_due_at: ackDueAt.toISOString(), resolve_due_at: resolveDueAt.toISOString() });
    const same = (await (await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'xuyen_tac', severity: 'high', version: 2 })).json()) as IncidentJson;
    expect(same).toMatchObject({ category: 'xuyen_tac', severity: 'high', version: 3, ack_due_at: ackDueAt.toISOString(), resolve_due_at: resolveDueAt.toISOString() });
    const event = same.events.filter((e) => e.type === 'reclassified').at(-1)!;
    expect(event.before).toMatchObject({ category: 'bau_cu' });
    expect(event.after).toMatchObject({ category: 'xuyen_tac' });
    expect(event.after).not.toHaveProperty('ack_due_at');
  });

  it('a closed incident keeps its SLA record: its category can be corrected, its severity only after reopening (409)', async () => {
    const detectedAt = new Date(Date.now() - 2 * 3_600_000);
    const { id } = await newIncident({ severity: 'critical', detectedAt });
    const breachedAt = new Date(detectedAt.getTime() + 1_200_000);
    await context.db.updateTable('incidents').set({ status: 'resolved', resolved_at: new Date(), ack_breached_at: breachedAt }).where('id', '=', id).execute();
    const before = await incidentRow(id);
    const refused = await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'phan_anh_kien_nghi', severity: 'low', version: 1 });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'closed_severity', status: 'resolved' });
    expect(await incidentRow(id)).toMatchObject({ category: 'tin_sai_su_that', severity: 'critical', version: 1 });

    const corrected = await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'phan_anh_kien_nghi', severity: 'critical', version: 1 });
    expect(corrected.status).toBe(200);
    const row = await incidentRow(id);
    expect(row).toMatchObject({ category: 'phan_anh_kien_nghi', severity: 'critical', status: 'resolved', version: 2 });
    // The breach stands, on the deadlines it was measured against.
    expect(row.ack_breached_at?.toISOString()).toBe(breachedAt.toISOString());
    expect(row.ack_due_at?.toISOString()).toBe(before.ack_due_at?.toISOString());
    expect(row.resolve_due_at?.toISOString()).toBe(before.resolve_due_at?.toISOString());
  });

  it('the same category and severity again change nothing: 200 with the incident as it was, no event, no example', async () => {
    const { id } = await newIncident({ category: 'bau_cu', severity: 'high' });
    const response = await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'bau_cu', severity: 'high', version: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, category: 'bau_cu', severity: 'high', version: 1 });
    expect(await eventTypes(id)).not.toContain('reclassified');
    expect(await context.db.selectFrom('training_examples').select('id').where('incident_id', '=', id).execute()).toEqual([]);
    // A stale version is still a conflict, even for no change.
    await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'xuyen_tac', version: 1 });
    expect((await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'xuyen_tac', version: 1 })).status).toBe(409);
  });

  it('the response-time report counts the incident under its new category (and severity)', async () => {
    // Alone in its month, so the report's groups are this incident's.
    const detectedAt = new Date('2026-03-10T02:00:00Z');
    const { id } = await newIncident({ category: 'tin_sai_su_that', severity: 'high', detectedAt });
    const period = makePeriod('2026-03-01', '2026-03-31');
    const before = await buildResponseTimeReport(context.db, period);
    expect(Object.keys(before.by_category)).toEqual(['tin_sai_su_that']);

    expect((await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'bau_cu', severity: 'critical', version: 1 })).status).toBe(200);
    const response = await app.request('/api/reports/response-time?from=2026-03-01&to=2026-03-31', { headers: { authorization: `Bearer ${tokens.reviewer}` } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { detected: number; by_category: Record<string, { detected: number }>; by_severity: Record<string, { detected: number }> };
    expect(report.detected).toBe(1);
    expect(Object.keys(report.by_category)).toEqual(['bau_cu']);
    expect(report.by_category.bau_cu!.detected).toBe(1);
    expect(report.by_severity.critical!.detected).toBe(1);
    expect(report.by_severity.high?.detected ?? 0).toBe(0);
  });

  it('the public-opinion report counts the posts of a reclassified incident under its new category', async () => {
    // Alone in its month: a post the analyzer called hostile, which the team calls good news.
    const source = await context.db.insertInto('sources').values({ name: 'Fanpage xã', type: 'manual', config: '{}', fetch_state: '{}' }).returning('id').executeTakeFirstOrThrow();
    const at = new Date('2026-04-14T03:00:00Z');
    const post = await context.db
      .insertInto('posts')
      .values({ source_id: source.id, external_id: 'opinion-1', body: 'Xã Phủ Thông trồng mới 20 ha rừng', content_hash: 'opinion-1', raw: '{}', published_at: at, collected_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await context.db
      .insertInto('analyses')
      .values({ post_id: post.id, flag: true, categories: ['xuyen_tac'], about: true, sentiment_label: 'positive', sentiment_score: 0.5, offensive: false, severity: 'high', matches: '[]' })
      .execute();
    const { id } = await newIncident({ category: 'xuyen_tac', detectedAt: at });
    await context.db.insertInto('incident_posts').values({ incident_id: id, post_id: post.id, reason: 'opened' }).execute();
    const opinion = async () => {
      const response = await app.request('/api/reports/public-opinion?from=2026-04-01&to=2026-04-30', { headers: { authorization: `Bearer ${tokens.reviewer}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as { posts: number; by_category: Record<string, number>; positive_share: number | null };
    };
    expect(await opinion()).toMatchObject({ posts: 1, by_category: { xuyen_tac: 1 }, positive_share: 0 });
    expect((await call(tokens.collaborator, `/api/incidents/${id}/classify`, { category: 'tich_cuc', version: 1 })).status).toBe(200);
    const after = await opinion();
    expect(after.by_category).toEqual({ tich_cuc: 1 });
    expect(after.positive_share).toBe(1);
  });
});
