// SLA settings through the API (admin writes, everyone signed in reads), applied to incidents
// opened afterwards; and a severity raise that moves deadlines clears the due-soon / breached
// marks they no longer justify, so the SLA check marks them again against the new deadlines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analysis/types.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { correlateFlaggedPost } from '../src/incidents/correlate.js';
import { runSlaCheck } from '../src/sla/sla-check.js';
import { DEFAULT_SLA_POLICY } from '../src/sla/policy.js';
import { loadSlaSettings } from '../src/sla/sla-settings.repository.js';
import { DEFAULT_WORKING_CALENDAR } from '../src/sla/working-time.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createApiToken } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let app: App;
let admin: string;
let collaborator: string;
let reviewer: string;
let sourceId: string;

beforeAll(async () => {
  services = await createTestServices('sla_api');
  context = await openContext(services.config);
  app = createApp(context);
  admin = (await createApiToken(context.db, { name: 'admin', role: 'admin' })).token;
  collaborator = (await createApiToken(context.db, { name: 'ctv', role: 'collaborator' })).token;
  reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  sourceId = (await upsertSource(context.db, { name: 's', type: 'manual', config: {} })).id;
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

const call = (token: string | null, method: string, url: string, body?: unknown) =>
  app.request(url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const analysis = (severity: Analysis['severity'], categories: Analysis['categories'] = ['phan_anh_kien_nghi']): Analysis => ({
  flag: true,
  categories,
  about: true,
  sentiment: { label: 'negative', score: -0.5 },
  offensive: false,
  severity,
  matches: [],
});

let seq = 0;
async function file(url: string, body: string, severity: Analysis['severity'], now: Date, sla?: Awaited<ReturnType<typeof loadSlaSettings>>) {
  seq++;
  const post = await context.db
    .insertInto('posts')
    .values({ source_id: sourceId, external_id: `p${seq}`, url, canonical_url: url, body, content_hash: `h${seq}`, raw: '{}' })
    .returning(['id', 'canonical_url', 'title', 'body'])
    .executeTakeFirstOrThrow();
  const result = await context.db.transaction().execute((tx) => correlateFlaggedPost(tx, { post, analysis: analysis(severity), now, ...(sla ? { options: { sla } } : {}) }));
  return result!;
}

describe('SLA policy API', () => {
  it('is readable by every signed-in role and writable by an administrator only', async () => {
    const read = await call(reviewer, 'GET', '/api/sla/policy');
    expect(read.status).toBe(200);
    const { policy } = (await read.json()) as { policy: Record<string, { ack_minutes: number; resolve_minutes: number; clock: string; due_soon_ratio: number }> };
    expect(policy.critical).toMatchObject({ ack_minutes: 60, resolve_minutes: 1440, clock: 'calendar' });
    expect(policy.medium).toMatchObject({ ack_minutes: 480, resolve_minutes: 2400, clock: 'working_hours' });
    expect((await call(collaborator, 'GET', '/api/sla/policy')).status).toBe(200);
    expect((await call(null, 'GET', '/api/sla/policy')).status).toBe(401);

    const change = { medium: { ack_minutes: 120, resolve_minutes: 960, clock: 'calendar' } };
    expect((await call(reviewer, 'PUT', '/api/sla/policy', change)).status).toBe(403);
    expect((await call(collaborator, 'PUT', '/api/sla/policy', change)).status).toBe(403);
    expect((await call(null, 'PUT', '/api/sla/policy', change)).status).toBe(401);
  });

  it('refuses an invalid policy with the field named', async () => {
    const bad = async (body: unknown) => {
      const response = await call(admin, 'PUT', '/api/sla/policy', body);
      expect(response.status).toBe(400);
      return ((await response.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    };
    expect(await bad({ high: { ack_minutes: 600, resolve_minutes: 60, clock: 'calendar' } })).toEqual(['high.resolve_minutes']);
    expect(await bad({ high: { ack_minutes: 0, resolve_minutes: 60, clock: 'calendar' } })).toContain('high.ack_minutes');
    expect(await bad({ high: { ack_minutes: 60, resolve_minutes: 600, clock: 'lunar' } })).toContain('high.clock');
    expect(await bad({ high: { ack_minutes: 60, resolve_minutes: 600, clock: 'calendar', due_soon_ratio: 1 } })).toContain('high.due_soon_ratio');
    expect(await bad({ urgent: { ack_minutes: 60, resolve_minutes: 600, clock: 'calendar' } })).toBeDefined();
    expect(await bad({})).toBeDefined();
  });

  it('round-trips a change, which applies to incidents opened afterwards only', async () => {
    const t0 = new Date('2026-11-02T02:00:00Z'); // Monday 09:00 in Hà Nội
    const before = await file('https://a.example/1', 'Phản ánh đường liên thôn hỏng nặng', 'medium', t0);
    const change = { medium: { ack_minutes: 120, resolve_minutes: 960, clock: 'calendar', due_soon_ratio: 0.5 } };
    const response = await call(admin, 'PUT', '/api/sla/policy', change);
    expect(response.status).toBe(200);
    const { policy } = (await response.json()) as { policy: Record<string, Record<string, unknown>> };
    expect(policy.medium).toMatchObject(change.medium);
    expect(policy.critical).toMatchObject({ ack_minutes: 60, clock: 'calendar' }); // untouched
    expect(((await (await call(reviewer, 'GET', '/api/sla/policy')).json()) as { policy: unknown }).policy).toEqual(policy);
    expect((await loadSlaSettings(context.db)).policy.medium).toEqual({ ackMinutes: 120, resolveMinutes: 960, clock: 'calendar', dueSoonRatio: 0.5 });

    const after = await file('https://a.example/2', 'Phản ánh trạm y tế xã đóng cửa sớm', 'medium', t0);
    const rows = await context.db.selectFrom('incidents').select(['id', 'ack_due_at', 'resolve_due_at', 'ack_warn_at']).where('id', 'in', [before.incidentId, after.incidentId]).execute();
    const old = rows.find((r) => r.id === before.incidentId)!;
    const fresh = rows.find((r) => r.id === after.incidentId)!;
    // Opened before: one working day (8 working hours) from Monday 09:00 is Tuesday 09:30, unchanged.
    expect(old.ack_due_at?.toISOString()).toBe('2026-11-03T02:30:00.000Z');
    // Opened after: two calendar hours, due soon at half of it.
    expect(fresh.ack_due_at?.toISOString()).toBe('2026-11-02T04:00:00.000Z');
    expect(fresh.ack_warn_at?.toISOString()).toBe('2026-11-02T03:00:00.000Z');
    expect(fresh.resolve_due_at?.toISOString()).toBe('2026-11-02T18:00:00.000Z');
  });
});

describe('working periods API', () => {
  const week = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
    { weekday, start: '08:00', end: '12:00' },
    { weekday, start: '13:00', end: '17:00' },
  ]);

  it('lists the default week and replaces it (admin only)', async () => {
    const read = (await (await call(collaborator, 'GET', '/api/sla/working-periods')).json()) as { items: { weekday: number; start: string; end: string }[] };
    expect(read.items).toHaveLength(10);
    expect(read.items[0]).toEqual({ weekday: 1, start: '07:30', end: '11:30' });
    expect((await call(reviewer, 'PUT', '/api/sla/working-periods', { items: week })).status).toBe(403);
    const response = await call(admin, 'PUT', '/api/sla/working-periods', { items: week });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: unknown[] }).items).toEqual(week);
    expect(((await (await call(reviewer, 'GET', '/api/sla/working-periods')).json()) as { items: unknown[] }).items).toEqual(week);
    const settings = await loadSlaSettings(context.db);
    expect(settings.calendar.weekdayPeriods?.get(6)).toEqual([
      [480, 720],
      [780, 1020],
    ]);
  });

  it('refuses an empty week, overlaps and inverted periods', async () => {
    const bad = async (items: unknown) => (await call(admin, 'PUT', '/api/sla/working-periods', { items })).status;
    expect(await bad([])).toBe(400);
    expect(await bad([{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '13:00' }])).toBe(400);
    expect(await bad([{ weekday: 1, start: '12:00', end: '08:00' }])).toBe(400);
    expect(await bad([{ weekday: 8, start: '08:00', end: '12:00' }])).toBe(400);
    expect(await bad([{ weekday: 1, start: '8h', end: '12:00' }])).toBe(400);
    // Nothing changed.
    expect(((await (await call(admin, 'GET', '/api/sla/working-periods')).json()) as { items: unknown[] }).items).toEqual(week);
  });
});

describe('holidays API', () => {
  it('lists by year, adds, renames and deletes a day off (admin only)', async () => {
    const list = async (year: number) => ((await (await call(reviewer, 'GET', `/api/sla/holidays?year=${year}`)).json()) as { items: { day: string; name: string }[] }).items;
    const y2026 = await list(2026);
    expect(y2026).toContainEqual({ day: '2026-02-17', name: 'Tết Nguyên Đán' });
    expect(y2026.every((h) => h.day.startsWith('2026-'))).toBe(true);

    const day = { day: '2026-11-20', name: 'Nghỉ thử nghiệm' };
    expect((await call(reviewer, 'POST', '/api/sla/holidays', day)).status).toBe(403);
    expect((await call(collaborator, 'POST', '/api/sla/holidays', day)).status).toBe(403);
    expect((await call(admin, 'POST', '/api/sla/holidays', day)).status).toBe(201);
    expect((await call(admin, 'POST', '/api/sla/holidays', { ...day, name: 'Ngày Nhà giáo (nghỉ bù)' })).status).toBe(200);
    expect(await list(2026)).toContainEqual({ day: '2026-11-20', name: 'Ngày Nhà giáo (nghỉ bù)' });
    expect((await loadSlaSettings(context.db)).calendar.holidays.has('2026-11-20')).toBe(true);

    expect((await call(admin, 'POST', '/api/sla/holidays', { day: '2026-02-30', name: 'x' })).status).toBe(400);
    expect((await call(admin, 'POST', '/api/sla/holidays', { day: '2026-11-21', name: ' ' })).status).toBe(400);
    expect((await call(reviewer, 'DELETE', '/api/sla/holidays/2026-11-20')).status).toBe(403);
    expect((await call(admin, 'DELETE', '/api/sla/holidays/2026-11-20')).status).toBe(204);
    expect((await call(admin, 'DELETE', '/api/sla/holidays/2026-11-20')).status).toBe(404);
    expect((await call(admin, 'DELETE', '/api/sla/holidays/tomorrow')).status).toBe(400);
    expect(await list(2026)).not.toContainEqual(expect.objectContaining({ day: '2026-11-20' }));
  });
});

describe('severity raise and SLA marks', () => {
  it('clears the marks the new deadlines no longer justify, and the check marks them again', async () => {
    // A policy where the raise gives more time (an administrator's choice): medium 1 h, high 4 h.
    const sla = {
      policy: {
        ...DEFAULT_SLA_POLICY,
        medium: { ackMinutes: 60, resolveMinutes: 600, clock: 'calendar' as const },
        high: { ackMinutes: 240, resolveMinutes: 2880, clock: 'calendar' as const },
      },
      calendar: DEFAULT_WORKING_CALENDAR,
    };
    const t0 = new Date('2030-03-04T01:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const { incidentId } = await file('https://b.example/story', 'Phản ánh về việc cấp nước sạch ở thôn', 'medium', t0, sla);
    const marks = () =>
      context.db
        .selectFrom('incidents')
        .select(['ack_due_soon_at', 'ack_breached_at', 'resolve_due_soon_at', 'resolve_breached_at', 'ack_due_at', 'severity'])
        .where('id', '=', incidentId)
        .executeTakeFirstOrThrow();

    await runSlaCheck(context.db, at(50));
    await runSlaCheck(context.db, at(70));
    expect(await marks()).toMatchObject({ ack_due_soon_at: at(50), ack_breached_at: at(70), resolve_due_soon_at: null });

    const joined = await file('https://b.example/story', 'Chia sẻ lại phản ánh cấp nước', 'high', at(75), sla);
    expect(joined).toMatchObject({ incidentId, created: false, reason: 'same_link' });
    expect(await marks()).toMatchObject({ severity: 'high', ack_due_at: at(240), ack_due_soon_at: null, ack_breached_at: null });
    const raised = await context.db
      .selectFrom('incident_events')
      .select(['before', 'after'])
      .where('incident_id', '=', incidentId)
      .where('type', '=', 'severity_raised')
      .executeTakeFirstOrThrow();
    expect(raised.after).toMatchObject({ severity: 'high', sla_marks_reset: ['ack_due_soon_at', 'ack_breached_at'], ack_due_soon_at: null, ack_breached_at: null });
    expect(raised.before).toMatchObject({ severity: 'medium', ack_due_soon_at: at(50).toISOString(), ack_breached_at: at(70).toISOString() });

    // Marked again when the new deadlines are reached, once each.
    await runSlaCheck(context.db, at(100));
    expect(await marks()).toMatchObject({ ack_due_soon_at: null, ack_breached_at: null });
    await runSlaCheck(context.db, at(200));
    await runSlaCheck(context.db, at(241));
    expect(await marks()).toMatchObject({ ack_due_soon_at: at(200), ack_breached_at: at(241) });
    const checks = await context.db.selectFrom('incident_events').select('type').where('incident_id', '=', incidentId).where('type', 'like', 'sla_%').execute();
    expect(checks.map((e) => e.type)).toEqual(['sla_due_soon', 'sla_breached', 'sla_due_soon', 'sla_breached']);
  });

  it('keeps the marks that still hold', async () => {
    const t0 = new Date('2030-03-05T01:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const sla = await loadSlaSettings(context.db);
    const { incidentId } = await file('https://b.example/other', 'Phản ánh đèn đường hỏng', 'high', t0, sla);
    await runSlaCheck(context.db, at(200)); // due soon at 80% of 4 h
    await file('https://b.example/other', 'Đèn đường hỏng gây tai nạn', 'critical', at(210), sla); // critical: 1 h, already past
    const row = await context.db.selectFrom('incidents').select(['ack_due_soon_at', 'severity']).where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(row).toEqual({ ack_due_soon_at: at(200), severity: 'critical' });
  });
});
