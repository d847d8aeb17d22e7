// Units and their pages (issue 15): the units API and a source's unit; the channels report over
// hand-counted fixtures (October 2026, weeks 1–7, 8–14, 15–21, 22–31); the daily stats; a unit
// page silent for N days alerting through the existing source_silent rules, by unit name; the
// section in the monthly PDF (HTML) and XLSX.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelWithRule } from '../src/alerts/alert.repository.js';
import { deliverAlert } from '../src/alerts/alerts.js';
import { runAlertChecks } from '../src/alerts/alert-checks.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { buildChannelsReport, channelsReportJson, periodWeeks, weekIndex } from '../src/channels/channels-report.js';
import { computeDailyStats, readDailyStats } from '../src/channels/daily-stats.js';
import { runUnitPageAlerts } from '../src/channels/silent-pages.js';
import { createApp, type App } from '../src/http/app.js';
import { makePeriod } from '../src/reports/period.js';
import { reportHtml } from '../src/reports/pdf.js';
import { reportBundle, reportPdf, reportXlsxOf } from '../src/reports/service.js';
import { getReportSettings } from '../src/reports/settings.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken } from '../src/users/user.repository.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from './support/recording-server.js';
import { createTestServices, type TestServices } from './support/services.js';

const local = (s: string) => new Date(`${s}+07:00`);

describe('periodWeeks (pure)', () => {
  const weeksOf = (from: string, to: string, asOf?: string) =>
    periodWeeks(makePeriod(from, to).startsAt, makePeriod(from, to).endsAt, asOf ? local(asOf) : undefined).map((w) => [w.startsAt.toISOString(), w.endsAt.toISOString()]);
  it.each([
    // A 31-day month: three weeks of 7 days and a last one of 10.
    ['2026-10-01', '2026-10-31', undefined, [['2026-09-30T17:00:00.000Z', '2026-10-07T17:00:00.000Z'], ['2026-10-07T17:00:00.000Z', '2026-10-14T17:00:00.000Z'], ['2026-10-14T17:00:00.000Z', '2026-10-21T17:00:00.000Z'], ['2026-10-21T17:00:00.000Z', '2026-10-31T17:00:00.000Z']]],
    // February 2027: four whole weeks.
    ['2027-02-01', '2027-02-28', undefined, [['2027-01-31T17:00:00.000Z', '2027-02-07T17:00:00.000Z'], ['2027-02-07T17:00:00.000Z', '2027-02-14T17:00:00.000Z'], ['2027-02-14T17:00:00.000Z', '2027-02-21T17:00:00.000Z'], ['2027-02-21T17:00:00.000Z', '2027-02-28T17:00:00.000Z']]],
    // Three days: one "week".
    ['2026-10-01', '2026-10-03', undefined, [['2026-09-30T17:00:00.000Z', '2026-10-03T17:00:00.000Z']]],
    // A month still running on the 10th: judged up to the end of that day, one week of 10 days.
    ['2026-12-01', '2026-12-31', '2026-12-10T08:00:00', [['2026-11-30T17:00:00.000Z', '2026-12-10T17:00:00.000Z']]],
  ])('%s … %s (as of %s)', (from, to, asOf, expected) => {
    expect(weeksOf(from, to, asOf)).toEqual(expected);
  });
  it('weekIndex places an instant, -1 outside', () => {
    const weeks = periodWeeks(local('2026-10-01T00:00:00'), local('2026-11-01T00:00:00'));
    expect([local('2026-10-01T00:00:00'), local('2026-10-07T23:59:59'), local('2026-10-08T00:00:00'), local('2026-10-31T23:00:00'), local('2026-11-01T00:00:00')].map((d) => weekIndex(weeks, d))).toEqual([0, 0, 1, 3, -1]);
  });
});

let services: TestServices;
let context: OpenedContext;
let app: App;
let admin: string;
let reviewer: string;
let hook: RecordingServer;
const seen: RecordedRequest[] = [];

beforeAll(async () => {
  hook = await startRecordingServer(seen, (_r, res) => void res.writeHead(204).end());
  services = await createTestServices('channels', { FETCH_ALLOW_HOSTS: '127.0.0.1', PUBLIC_URL: 'https://langnghe.example' });
  context = await openContext(services.config);
  app = createApp(context);
  admin = (await createApiToken(context.db, { name: 'qtv', role: 'admin' })).token;
  reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
});
afterAll(async () => {
  await context?.close();
  await hook?.close();
  await services?.cleanup();
});

const api = (token: string, method: string, url: string, body?: unknown) =>
  app.request(url, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('units API and the unit of a source', () => {
  it('creates, lists, renames and deletes units; a source names its unit; reviewers only read', async () => {
    const created = await api(admin, 'POST', '/api/units', { name: '  Chi bộ thôn Cốc Lùng ', kind: 'party_cell' });
    expect(created.status).toBe(201);
    const unit = (await created.json()) as { id: string; name: string; kind: string; pages: unknown[] };
    expect(unit).toMatchObject({ name: 'Chi bộ thôn Cốc Lùng', kind: 'party_cell', pages: [] });
    expect((await api(admin, 'POST', '/api/units', { name: 'chi bộ thôn cốc lùng', kind: 'agency' })).status).toBe(409);
    expect((await api(admin, 'POST', '/api/units', { name: 'X', kind: 'person' })).status).toBe(400);
    expect((await api(reviewer, 'POST', '/api/units', { name: 'Y', kind: 'agency' })).status).toBe(403);

    const source = await upsertSource(context.db, { name: 'Trang chi bộ Cốc Lùng', type: 'rss', config: { url: 'https://cocllung.example/rss' }, enabled: false });
    const patched = await api(admin, 'PATCH', `/api/sources/${source.id}`, { unit_id: unit.id });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: source.id, unit: { id: unit.id, name: 'Chi bộ thôn Cốc Lùng', kind: 'party_cell' } });
    expect((await api(admin, 'PATCH', `/api/sources/${source.id}`, { unit_id: '987654' })).status).toBe(422);
    expect((await api(reviewer, 'PATCH', `/api/sources/${source.id}`, { unit_id: null })).status).toBe(403);
    const listed = (await (await api(reviewer, 'GET', '/api/sources')).json()) as { items: { id: string; unit: unknown }[] };
    expect(listed.items.find((s) => s.id === source.id)?.unit).toEqual({ id: unit.id, name: 'Chi bộ thôn Cốc Lùng', kind: 'party_cell' });
    const units = (await (await api(reviewer, 'GET', '/api/units')).json()) as { items: { id: string; pages: { id: string }[] }[] };
    expect(units.items.find((u) => u.id === unit.id)?.pages.map((p) => p.id)).toEqual([source.id]);

    expect((await api(admin, 'PATCH', `/api/units/${unit.id}`, { name: 'Chi bộ Cốc Lùng' })).status).toBe(200);
    expect((await api(admin, 'DELETE', `/api/units/${unit.id}`)).status).toBe(204);
    expect((await api(admin, 'DELETE', `/api/units/${unit.id}`)).status).toBe(404);
    expect((await context.db.selectFrom('sources').select('unit_id').where('id', '=', source.id).executeTakeFirstOrThrow()).unit_id).toBeNull();
    await context.db.deleteFrom('sources').where('id', '=', source.id).execute();

    const audit = await context.db.selectFrom('admin_events').select('action').where('action', 'in', ['unit.created', 'unit.updated', 'unit.deleted', 'source.unit_changed']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['unit.created', 'source.unit_changed', 'unit.updated', 'unit.deleted']);

    expect(await (await api(reviewer, 'GET', '/api/reports/channels/settings')).json()).toEqual({ silent_days: 7 });
    expect((await api(reviewer, 'PUT', '/api/reports/channels/settings', { silent_days: 10 })).status).toBe(403);
    expect((await api(admin, 'PUT', '/api/reports/channels/settings', { silent_days: 0 })).status).toBe(400);
    expect(await (await api(admin, 'PUT', '/api/reports/channels/settings', { silent_days: 10 })).json()).toEqual({ silent_days: 10 });
    expect((await api(admin, 'PUT', '/api/reports/channels/settings', { silent_days: 7 })).status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('describes the reply, units, source unit and channels routes', async () => {
    const doc = (await (await api(reviewer, 'GET', '/api/docs/openapi.json')).json()) as { paths: Record<string, Record<string, { summary?: string; requestBody?: unknown; 'x-roles'?: unknown; responses: Record<string, unknown> }>> };
    const reply = doc.paths['/api/incidents/{id}/replies']?.post;
    expect(reply?.['x-roles']).toEqual(['collaborator', 'admin']);
    expect(reply?.requestBody).toMatchObject({ content: { 'application/json': { schema: { properties: { post_id: {}, message: {}, version: {} } } } } });
    expect(Object.keys(reply?.responses ?? {})).toContain('201');
    for (const [path, method] of [['/api/units', 'get'], ['/api/units', 'post'], ['/api/units/{id}', 'patch'], ['/api/units/{id}', 'delete'], ['/api/sources/{id}', 'patch'], ['/api/reports/channels', 'get'], ['/api/reports/channels/settings', 'put']] as const) {
      expect(doc.paths[path]?.[method]?.summary, `${method} ${path}`).toBeTruthy();
    }
  });
});

// --- Hand-counted fixtures -------------------------------------------------------------------------
//
// October 2026; weeks W1 1–7, W2 8–14, W3 15–21, W4 22–31.
//   UBND xã Phủ Thông (commune), fanpage S1: posts 2, 9, 16, 23, 30/10 (engagement 10+20+5+0+15 = 50),
//     one each week (W4 twice: 23 and 30) → active; also 28/9 (engagement 100) and 2/11: not in the period.
//     Citizens' comments in October: c1 2/10 09:00 answered by the page 09:30 (30 min); c2 3/10 08:00,
//     a citizen answers 08:30, the page 10:00 (120 min); c3 10/10 20:00 never answered; c4 16/10 07:00
//     answered from langnghe at 07:45 (45 min, not collected back yet). The page's own comment 5/10 is
//     not a citizen's; c0 30/9 23:00 (answered 1/10) is before the period. → 4 comments, 3 answered,
//     median of 30, 45, 120 = 45 min. Last post before the end: 30/10.
//   Chi bộ thôn Nà Pài (party cell): S2 posts 1, 5, 20, 31/10 23:30 (3+4+5+6 = 18), nothing in W2 → not
//     active; S3 (its website) posts 3, 12, 19, 25/10 → active; so the unit has an active page.
//   Chi bộ thôn Khuổi Mạn (party cell): no page → a row without source, not active.
//   Trạm Y tế xã (agency): S4, last post 20/9 → 0 posts, not active.
//   A source without a unit (S5) is not in the report.
// active_share = 2 units of 4 = 0.5.

const ids: Record<string, string> = {};
let seq = 0;
async function post(source: string, at: string, options: { engagement?: number; parent?: string; kind?: 'comment' | 'reply'; replyTo?: string; author?: string; ext?: string } = {}) {
  seq++;
  const ext = options.ext ?? `p${seq}`;
  const row = await context.db
    .insertInto('posts')
    .values({
      source_id: ids[source]!,
      external_id: ext,
      title: null,
      body: `Bài ${seq}`,
      content_hash: `ch${seq}`,
      url: null,
      canonical_url: null,
      published_at: local(at),
      collected_at: local(at),
      engagement: options.engagement ?? 0,
      parent_external_id: options.parent ?? null,
      author_hash: options.author ?? (options.parent ? `citizen-${seq}` : `page-${source}`),
      raw: JSON.stringify(options.kind ? { kind: options.kind, ...(options.replyTo ? { reply_to: options.replyTo } : {}) } : { kind: 'post' }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, ext };
}

describe('the channels report over hand-counted fixtures', () => {
  beforeAll(async () => {
    const unit = async (name: string, kind: 'commune' | 'party_cell' | 'agency') => (await context.db.insertInto('units').values({ name, kind }).returning('id').executeTakeFirstOrThrow()).id;
    ids.U1 = await unit('UBND xã Phủ Thông', 'commune');
    ids.U2 = await unit('Chi bộ thôn Nà Pài', 'party_cell');
    ids.U3 = await unit('Trạm Y tế xã', 'agency');
    ids.U4 = await unit('Chi bộ thôn Khuổi Mạn', 'party_cell');
    const source = async (key: string, name: string, type: 'facebook_page' | 'rss', unitId: string | null) => {
      const config = type === 'rss' ? { url: `https://${key.toLowerCase()}.example/rss` } : { pageId: key, token: 'tok' };
      ids[key] = (await upsertSource(context.db, { name, type, config, enabled: true, unitId }, { secretKey: services.config.SECRET_KEY })).id;
      await context.db.updateTable('sources').set({ health: 'ok', last_success_at: new Date() }).where('id', '=', ids[key]!).execute();
    };
    await source('S1', 'Fanpage UBND xã', 'facebook_page', ids.U1!);
    await source('S2', 'Fanpage Chi bộ Nà Pài', 'facebook_page', ids.U2!);
    await source('S3', 'Website Chi bộ Nà Pài', 'rss', ids.U2!);
    await source('S4', 'Fanpage Trạm Y tế', 'facebook_page', ids.U3!);
    await source('S5', 'Báo huyện', 'rss', null);

    const p2 = await post('S1', '2026-10-02T08:00:00', { engagement: 10 });
    await post('S1', '2026-10-09T08:00:00', { engagement: 20 });
    await post('S1', '2026-10-16T08:00:00', { engagement: 5 });
    await post('S1', '2026-10-23T08:00:00', { engagement: 0 });
    await post('S1', '2026-10-30T08:00:00', { engagement: 15 });
    const p928 = await post('S1', '2026-09-28T08:00:00', { engagement: 100 });
    await post('S1', '2026-11-02T08:00:00', { engagement: 7 });
    const c0 = await post('S1', '2026-09-30T23:00:00', { parent: p928.ext, kind: 'comment' });
    await post('S1', '2026-10-01T01:00:00', { parent: p928.ext, kind: 'reply', replyTo: c0.ext, author: 'page-S1' });
    const c1 = await post('S1', '2026-10-02T09:00:00', { parent: p2.ext, kind: 'comment' });
    await post('S1', '2026-10-02T09:30:00', { parent: p2.ext, kind: 'reply', replyTo: c1.ext, author: 'page-S1' });
    const c2 = await post('S1', '2026-10-03T08:00:00', { parent: p2.ext, kind: 'comment' });
    await post('S1', '2026-10-03T08:30:00', { parent: p2.ext, kind: 'reply', replyTo: c2.ext });
    await post('S1', '2026-10-03T10:00:00', { parent: p2.ext, kind: 'reply', replyTo: c2.ext, author: 'page-S1' });
    await post('S1', '2026-10-05T10:00:00', { parent: p2.ext, kind: 'comment', author: 'page-S1' });
    await post('S1', '2026-10-10T20:00:00', { parent: p2.ext, kind: 'comment' });
    const c4 = await post('S1', '2026-10-16T07:00:00', { parent: p2.ext, kind: 'comment' });
    // c4 was answered from langnghe (a sent fanpage reply of an incident it belongs to).
    const incident = await context.db.insertInto('incidents').values({ title: 'c4', category: 'phan_anh_kien_nghi', severity: 'medium', detected_at: local('2026-10-16T07:05:00') }).returning('id').executeTakeFirstOrThrow();
    await context.db
      .insertInto('fanpage_replies')
      .values({ idempotency_key: 'fixture-c4-reply', incident_id: incident.id, post_id: c4.id, message: 'Xã đã nhận', status: 'sent', claimed_at: local('2026-10-16T07:45:00'), external_reply_id: 'x1', sent_at: local('2026-10-16T07:45:00'), actor: 'mai' })
      .execute();

    for (const [at, engagement] of [['2026-10-01T07:00:00', 3], ['2026-10-05T07:00:00', 4], ['2026-10-20T07:00:00', 5], ['2026-10-31T23:30:00', 6]] as const) await post('S2', at, { engagement });
    for (const at of ['2026-10-03T07:00:00', '2026-10-12T07:00:00', '2026-10-19T07:00:00', '2026-10-25T07:00:00', '2026-11-03T07:00:00']) await post('S3', at);
    await post('S4', '2026-09-20T07:00:00', { engagement: 9 });
    for (const at of ['2026-10-02T07:00:00', '2026-10-09T07:00:00', '2026-10-16T07:00:00', '2026-10-23T07:00:00']) await post('S5', at);
  });

  it('GET /api/reports/channels: the contract and the hand-counted figures', async () => {
    const res = await api(reviewer, 'GET', '/api/reports/channels?from=2026-10-01&to=2026-10-31');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { units: Record<string, unknown>[]; active_share: number };
    expect(Object.keys(body).sort()).toEqual(['active_share', 'units']);
    expect(body.units.map((u) => Object.keys(u).sort())[0]).toEqual(['active', 'engagement', 'last_post_at', 'median_reply_minutes', 'posts', 'source_id', 'unit']);
    expect(body.units).toEqual([
      { unit: 'UBND xã Phủ Thông', source_id: ids.S1, posts: 5, last_post_at: local('2026-10-30T08:00:00').toISOString(), engagement: 50, median_reply_minutes: 45, active: true },
      { unit: 'Chi bộ thôn Khuổi Mạn', source_id: null, posts: 0, last_post_at: null, engagement: 0, median_reply_minutes: null, active: false },
      { unit: 'Chi bộ thôn Nà Pài', source_id: ids.S2, posts: 4, last_post_at: local('2026-10-31T23:30:00').toISOString(), engagement: 18, median_reply_minutes: null, active: false },
      { unit: 'Chi bộ thôn Nà Pài', source_id: ids.S3, posts: 4, last_post_at: local('2026-10-25T07:00:00').toISOString(), engagement: 0, median_reply_minutes: null, active: true },
      { unit: 'Trạm Y tế xã', source_id: ids.S4, posts: 0, last_post_at: local('2026-09-20T07:00:00').toISOString(), engagement: 0, median_reply_minutes: null, active: false },
    ]);
    expect(body.active_share).toBe(0.5);
    expect((await api(reviewer, 'GET', '/api/reports/channels?from=2026-10-31&to=2026-10-01')).status).toBe(400);
  });

  it('weekly posts and comment counts behind the figures', async () => {
    const report = await buildChannelsReport(context.db, makePeriod('2026-10-01', '2026-10-31'), local('2026-11-15T00:00:00'));
    const bySource = Object.fromEntries(report.rows.filter((r) => r.sourceId).map((r) => [r.sourceName, [r.weeklyPosts, r.citizenComments, r.answeredComments]]));
    expect(bySource).toEqual({
      'Fanpage UBND xã': [[1, 1, 1, 2], 4, 3],
      'Fanpage Chi bộ Nà Pài': [[2, 0, 1, 1], 0, 0],
      'Website Chi bộ Nà Pài': [[1, 1, 1, 1], 0, 0],
      'Fanpage Trạm Y tế': [[0, 0, 0, 0], 0, 0],
    });
    expect([report.unitsActive, report.unitsTotal]).toEqual([2, 4]);
    expect(channelsReportJson(report).active_share).toBe(0.5);
  });

  it('daily stats: one row per unit page and local day', async () => {
    await computeDailyStats(context.db, local('2026-10-03T23:00:00'), 2);
    const stats = await readDailyStats(context.db, '2026-10-01', '2026-10-03');
    const s1 = stats.filter((s) => s.sourceId === ids.S1).map((s) => [s.day, s.posts, s.engagement, s.citizenComments, s.answeredComments, s.medianReplyMinutes, s.lastPostAt?.toISOString()]);
    expect(s1).toEqual([
      ['2026-10-01', 0, 0, 0, 0, null, local('2026-09-28T08:00:00').toISOString()],
      ['2026-10-02', 1, 10, 1, 1, 30, local('2026-10-02T08:00:00').toISOString()],
      ['2026-10-03', 0, 0, 1, 1, 120, local('2026-10-02T08:00:00').toISOString()],
    ]);
    expect(stats.filter((s) => s.sourceId === ids.S5)).toEqual([]);
    // A rerun changes nothing (upsert).
    await computeDailyStats(context.db, local('2026-10-03T23:00:00'), 2);
    expect(await readDailyStats(context.db, '2026-10-01', '2026-10-03')).toHaveLength(stats.length);
  });

  it('the monthly report carries the section: PDF (its HTML) and XLSX', async () => {
    const bundle = await reportBundle(context.db, makePeriod('2026-10-01', '2026-10-31'), local('2026-11-15T00:00:00'));
    const html = await reportHtml(bundle.report, await getReportSettings(context.db), local('2026-11-15T00:00:00'), bundle.channels);
    expect(html).toContain('VII. KÊNH THÔNG TIN CỦA CÁC ĐƠN VỊ');
    expect(html).toContain('VIII. CÁCH TÍNH SỐ LIỆU');
    expect(html).toContain('đạt <b>50,0%</b> so với mục tiêu 100%');
    expect(html).toContain('Chi bộ thôn Khuổi Mạn');
    // Rendered by Chromium, read back with pdftotext.
    const pdf = await reportPdf(context.db, services.config.CHROMIUM_PATH, bundle, local('2026-11-15T00:00:00'));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'channels-pdf-'));
    try {
      await writeFile(path.join(dir, 'r.pdf'), pdf);
      const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-']);
      const text = stdout.replace(/\s+/g, ' ');
      expect(text).toContain('VII. KÊNH THÔNG TIN CỦA CÁC ĐƠN VỊ');
      expect(text).toContain('Trạm Y tế xã');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsxOf(bundle)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Kênh của đơn vị')!;
    expect(sheet.getRow(2).getCell(2).value).toBe(0.5);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n >= 6 && n <= 10 && rows.push([row.getCell(1).value, row.getCell(4).value, row.getCell(6).value, row.getCell(9).value, row.getCell(10).value]));
    expect(rows).toEqual([
      ['UBND xã Phủ Thông', 5, 50, 45, 'Có'],
      ['Chi bộ thôn Khuổi Mạn', 0, 0, null, 'Không'],
      ['Chi bộ thôn Nà Pài', 4, 18, null, 'Không'],
      ['Chi bộ thôn Nà Pài', 4, 0, null, 'Có'],
      ['Trạm Y tế xã', 0, 0, null, 'Không'],
    ]);
  });
});

describe('silent unit pages', () => {
  async function deliverPending() {
    const rows = await context.db.selectFrom('alert_deliveries').select('id').where('status', '=', 'pending').orderBy('id').execute();
    for (const row of rows) {
      await deliverAlert(context, row.id);
      await deliverAlert(context, row.id);
    }
  }
  const messages = () => seen.filter((s) => s.path === '/hook/unit-pages').map((s) => JSON.parse(s.body) as Record<string, unknown> & { text: string });

  it('a unit page with no post for N days alerts once through the source_silent rules, by unit name; and again when it posts', async () => {
    // A webhook channel, and an ordinary "source silent" rule made through the alert rules API.
    const { channelId, ruleId } = await createChannelWithRule(context.db, services.config.SECRET_KEY, { type: 'webhook', name: 'unit-pages', config: { url: `${hook.base}/hook/unit-pages`, secret: 'unit-pages-secret-0123456789' } });
    await context.db.deleteFrom('alert_rules').where('id', '=', ruleId).execute();
    expect((await api(admin, 'POST', '/api/alerts/rules', { name: 'Trang im lặng', event_kind: 'source_silent', channel_ids: [channelId] })).status).toBe(201);
    // 5/11: S1 posted 3 days ago, S2 5, S3 2; S4 (Trạm Y tế) last posted 20/9.
    const checks = await runAlertChecks(context, local('2026-11-05T09:00:00'));
    expect(checks.unitPageAlerts).toBe(1);
    expect((await runUnitPageAlerts(context, local('2026-11-05T09:05:00'))).alerts).toEqual([]);
    await deliverPending();
    const silent = messages().filter((m) => m.event === 'unit_page_silent');
    expect(silent).toHaveLength(1);
    expect(silent[0]).toMatchObject({ unit: { id: ids.U3, name: 'Trạm Y tế xã', kind: 'agency' }, source: { id: ids.S4, name: 'Fanpage Trạm Y tế' }, silent_days: 7, url: 'https://langnghe.example/reports/channels' });
    expect(silent[0]!.text).toContain('Trang của đơn vị không đăng bài 7 ngày: Trạm Y tế xã');

    // A shorter setting: at 3 days, S1 (3 days 1 hour) and S2 (4 days 10 hours) alert too; S3 (2 days) does not.
    await context.db.updateTable('channel_settings').set({ silent_days: 3 }).execute();
    expect((await runUnitPageAlerts(context, local('2026-11-05T09:10:00'))).alerts.map((k) => k.split('-')[2])).toEqual([ids.S1, ids.S2]);
    await context.db.updateTable('channel_settings').set({ silent_days: 7 }).execute();

    // The health station posts again: "không còn im lặng".
    seq++;
    await post('S4', '2026-11-06T07:00:00');
    await runUnitPageAlerts(context, local('2026-11-06T08:00:00'));
    await deliverPending();
    const back = messages().filter((m) => m.event === 'unit_page_posting' && (m.unit as { name: string }).name === 'Trạm Y tế xã');
    expect(back).toHaveLength(1);
    expect(back[0]!.text).toContain('Trang của đơn vị không còn im lặng: Trạm Y tế xã');
    const state = await sql<{ source_id: string; silent: boolean }>`SELECT source_id::text, silent FROM unit_page_alert_state ORDER BY source_id`.execute(context.db);
    expect(state.rows.find((r) => r.source_id === ids.S4)?.silent).toBe(false);
  });
});
