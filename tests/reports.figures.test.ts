// The response-time figures against the hand-computed September 2026 fixture
// (tests/fixtures/reports/september-2026.ts explains every number), the SQL working-time
// function against src/sla/working-time.ts, the periods, and the JSON API contract.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { classifyPeriod, lastCompleted, makePeriod, periodLabel, previousPeriod } from '../src/reports/period.js';
import { buildResponseTimeReport, percentile, periodFacts } from '../src/reports/response-time.js';
import { DEFAULT_WORKING_CALENDAR, workingMsBetween } from '../src/sla/working-time.js';
import { createApiToken } from '../src/users/user.repository.js';
import { AS_OF, EXPECTED, seedSeptember2026 } from './fixtures/reports/september-2026.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let app: App;
let ids: Record<string, string>;
const SEPTEMBER = makePeriod('2026-09-01', '2026-09-30');

beforeAll(async () => {
  services = await createTestServices('reports_figures');
  context = await openContext(services.config);
  app = createApp(context);
  ids = await seedSeptember2026(context.db);
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

describe('response-time report of the fixture period', () => {
  it('has the hand-computed headline figures', async () => {
    const report = await buildResponseTimeReport(context.db, SEPTEMBER, AS_OF);
    expect(report.period).toEqual({ kind: 'month', from: '2026-09-01', to: '2026-09-30', label: 'tháng 9/2026' });
    const { share_in_time, ...counts } = EXPECTED;
    expect(report).toMatchObject(counts);
    expect(report.share_in_time).toBeCloseTo(share_in_time, 10);
    expect(report.target_share).toBe(1);
  });

  it('has the per-incident facts: paused time, holiday-aware working minutes, dismissal as handling', async () => {
    const facts = new Map((await periodFacts(context.db, SEPTEMBER, AS_OF)).map((f) => [f.incident_id, f]));
    const fact = (key: string) => facts.get(ids[key]!)!;
    // G was detected in August: not a September incident although it was resolved on 1 September.
    expect(facts.has(ids.G!)).toBe(false);
    // F was detected on 30/09 23:00 and resolved in October: a September incident, handled in time.
    expect(fact('F')).toMatchObject({ handled: true, handled_in_time: true, resolve_minutes: 600 });
    expect(fact('B')).toMatchObject({ clock: 'calendar', hold_minutes: 1440, paused_minutes: 1440, ack_minutes: 30, resolve_minutes: 1800, handled_in_time: true, breached: false });
    expect(fact('C')).toMatchObject({ clock: 'working_hours', ack_minutes: 90, resolve_minutes: 2910, handled_in_time: false, breached: true, breach_reason: 'resolve_late', resolve_late_minutes: 4380 });
    expect(fact('D')).toMatchObject({ handled: true, handled_in_time: true, ack_minutes: 150, resolve_minutes: 150, source_type: 'web_page', assignee_name: null });
    expect(fact('E')).toMatchObject({ is_open: true, ack_breached: true, resolve_breached: true, breach_reason: 'overdue_open', ack_late_minutes: 60, resolve_late_minutes: 11700 });
    expect(fact('I')).toMatchObject({ is_open: true, on_hold: true, breached: false, resolve_breached: false, ack_in_time: true, ack_minutes: 60, hold_minutes: 8880 });
  });

  it('breaks the figures down by category, severity, source type and assignee', async () => {
    const report = await buildResponseTimeReport(context.db, SEPTEMBER, AS_OF);
    // an_ninh_trat_tu: A (in time) and E (open, overdue) → decided 2, in time 1 → 0.5.
    expect(report.by_category.an_ninh_trat_tu).toMatchObject({ detected: 2, handled: 1, handled_in_time: 1, share_in_time: 0.5, open: 1, breached: 1 });
    // phan_anh_kien_nghi: B (in time) and C (late) → 0.5; G belongs to August.
    expect(report.by_category.phan_anh_kien_nghi).toMatchObject({ detected: 2, handled: 2, handled_in_time: 1, share_in_time: 0.5, breached: 1 });
    // thien_tai_dich_benh: I only, open on hold and not overdue → nothing decided yet.
    expect(report.by_category.thien_tai_dich_benh).toMatchObject({ detected: 1, handled: 0, open: 1, share_in_time: null, breached: 0 });
    expect(Object.keys(report.by_category).sort()).toEqual(['an_ninh_trat_tu', 'bau_cu', 'phan_anh_kien_nghi', 'tham_nhung_tieu_cuc', 'thien_tai_dich_benh']);
    expect(Object.keys(report.by_severity)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(Object.keys(report.by_assignee)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'unassigned']);
    expect(report.by_severity.critical).toMatchObject({ detected: 2, handled_in_time: 2, median_ack_minutes: 25, median_resolve_minutes: 480 });
    expect(report.by_severity.medium).toMatchObject({ detected: 2, handled: 1, handled_in_time: 0, share_in_time: 0, open: 1 });
    expect(report.by_source_type).toMatchObject({ rss: { detected: 3 }, facebook_page: { detected: 2 }, web_page: { detected: 1 }, manual: { detected: 1 } });
    expect(report.by_assignee['Nguyễn Văn An']).toMatchObject({ detected: 3, handled_in_time: 3, share_in_time: 1 });
    expect(report.by_assignee['Trần Thị Bình']).toMatchObject({ detected: 3, handled: 1, handled_in_time: 0, breached: 2 });
    expect(report.by_assignee.unassigned).toMatchObject({ detected: 1, handled_in_time: 1 });
  });

  it('lists the breaches with their reasons, counts positive and negative posts, and compares with August', async () => {
    const report = await buildResponseTimeReport(context.db, SEPTEMBER, AS_OF);
    expect(report.breaches.map((b) => [b.incident_id, b.breach_reason, b.resolve_late_minutes])).toEqual([
      [ids.C, 'resolve_late', 4380],
      [ids.E, 'overdue_open', 11700],
    ]);
    expect(report.sentiment).toEqual({ about_commune: 5, positive: 3, negative: 1, neutral: 1 });
    expect(report.previous).toMatchObject({
      period: { kind: 'month', from: '2026-08-01', to: '2026-08-31' },
      detected: 1,
      handled_in_time: 1,
      share_in_time: 1,
      median_ack_minutes: 30,
      median_resolve_minutes: 210,
      sentiment: { about_commune: 1, positive: 1, negative: 0, neutral: 0 },
    });
    expect(report.change).toMatchObject({ detected: 6, handled: 4, breached: 2, share_in_time: -0.333, positive: 2, negative: 1, median_resolve_minutes: 390 });
  });

  it('counts an incident put on hold after its deadline as overdue, late until the hold began', async () => {
    // March 2026, apart from the fixture: high (calendar), resolve due 12/03 08:00, on hold since
    // 13/03 09:00 and still on hold at 20/03: overdue by 12/03 08:00 → 13/03 09:00 = 25 h = 1500 min.
    const at = (s: string) => new Date(`${s}:00+07:00`);
    const row = await context.db
      .insertInto('incidents')
      .values({ title: 'Hold after the deadline', category: 'khac', severity: 'high', status: 'on_hold', detected_at: at('2026-03-10T08:00'), ack_due_at: at('2026-03-10T12:00'), resolve_due_at: at('2026-03-12T08:00'), acknowledged_at: at('2026-03-10T08:30') })
      .returning('id')
      .executeTakeFirstOrThrow();
    await context.db.insertInto('incident_holds').values({ incident_id: row.id, reason: 'Chờ công an huyện', started_at: at('2026-03-13T09:00') }).execute();
    const report = await buildResponseTimeReport(context.db, makePeriod('2026-03-01', '2026-03-31'), at('2026-03-20T10:00'));
    expect(report).toMatchObject({ detected: 1, handled: 0, open: 1, breached: 1, share_in_time: 0 });
    expect(report.breaches).toEqual([expect.objectContaining({ breach_reason: 'overdue_open', resolve_late_minutes: 1500, hold_reasons: 'Chờ công an huyện', ack_late_minutes: null })]);
  });

  it('agrees with the older incident_facts view on "handled in time"', async () => {
    const report = await context.db.selectFrom('incident_report_facts').select(['incident_id', 'handled_in_time']).orderBy('incident_id').execute();
    const older = await context.db.selectFrom('incident_facts').select(['id', 'handled_in_time']).orderBy('id').execute();
    expect(report.map((r) => [r.incident_id, r.handled_in_time])).toEqual(older.map((r) => [r.id, r.handled_in_time]));
    expect(report.filter((r) => r.handled_in_time)).toHaveLength(5); // A B D F (September) and G (August)
    expect(report.length).toBeGreaterThanOrEqual(8);
  });

  it('evaluates the facts at as_of: before C was resolved it was open and overdue', async () => {
    const report = await buildResponseTimeReport(context.db, SEPTEMBER, new Date('2026-09-12T12:00:00+07:00'));
    // At 12/09 12:00 only A and C are detected (B comes on 14/09). A handled in time; C open and past
    // its 11/09 09:00 deadline → decided 2, in time 1 → 0.5.
    expect(report).toMatchObject({ detected: 2, handled: 1, handled_in_time: 1, open: 1, breached: 1, share_in_time: 0.5 });
    expect(report.breaches[0]).toMatchObject({ incident_id: ids.C, breach_reason: 'overdue_open' });
  });
});

describe('working minutes in SQL', () => {
  it('match src/sla/working-time.ts with the holidays of the table', async () => {
    const holidays = new Set((await context.db.selectFrom('holidays').select(sql<string>`day::text`.as('day')).execute()).map((r) => r.day));
    const calendar = { ...DEFAULT_WORKING_CALENDAR, holidays };
    const base = Date.parse('2026-08-25T00:00:00+07:00');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 40 * 24 * 60 }), fc.integer({ min: 0, max: 20 * 24 * 60 }), async (startMin, lengthMin) => {
        const from = new Date(base + startMin * 60_000);
        const to = new Date(from.getTime() + lengthMin * 60_000);
        const { rows } = await sql<{ m: number }>`SELECT working_minutes_between(${from}, ${to}) AS m`.execute(context.db);
        expect(rows[0]!.m).toBeCloseTo(workingMsBetween(from, to, calendar) / 60_000, 6);
      }),
      { numRuns: 60 },
    );
  });
});

describe('periods', () => {
  it('knows months, quarters, halves, years and custom ranges, and the one before', () => {
    expect(classifyPeriod('2026-07-01', '2026-09-30')).toBe('quarter');
    expect(classifyPeriod('2026-01-01', '2026-06-30')).toBe('half');
    expect(classifyPeriod('2026-01-01', '2026-12-31')).toBe('year');
    expect(classifyPeriod('2026-02-01', '2026-02-28')).toBe('month');
    expect(classifyPeriod('2026-09-05', '2026-09-14')).toBe('custom');
    expect(previousPeriod(makePeriod('2026-01-01', '2026-03-31'))).toMatchObject({ kind: 'quarter', from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod(makePeriod('2026-03-01', '2026-03-31'))).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(makePeriod('2026-09-05', '2026-09-14'))).toMatchObject({ kind: 'custom', from: '2026-08-26', to: '2026-09-04' });
    expect(periodLabel(makePeriod('2026-10-01', '2026-12-31'))).toBe('quý IV/2026');
    expect(makePeriod('2026-09-01', '2026-09-30').startsAt.toISOString()).toBe('2026-08-31T17:00:00.000Z');
    // 1 October 00:05 local is still 30 September in UTC: the last month is September, the last quarter Q3.
    expect(lastCompleted('month', new Date('2026-09-30T17:05:00Z'))).toMatchObject({ from: '2026-09-01', to: '2026-09-30' });
    expect(lastCompleted('quarter', new Date('2026-09-30T17:05:00Z'))).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
    expect(lastCompleted('month', new Date('2026-01-01T01:00:00Z'))).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('interpolates percentiles like percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});

describe('GET /api/reports/response-time', () => {
  it('answers the JSON contract to any signed-in token and refuses anonymous callers', async () => {
    const anonymous = await app.request('/api/reports/response-time?from=2026-09-01&to=2026-09-30');
    expect(anonymous.status).toBe(401);
    const { token } = await createApiToken(context.db, { name: 'ctv', role: 'collaborator' });
    const response = await app.request('/api/reports/response-time?from=2026-09-01&to=2026-09-30', { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    for (const key of ['detected', 'handled', 'handled_in_time', 'share_in_time', 'open', 'breached', 'median_ack_minutes', 'p90_ack_minutes', 'median_resolve_minutes', 'p90_resolve_minutes', 'by_category'])
      expect(body).toHaveProperty(key);
    // Evaluated now (after every fixture event): the same as at AS_OF except E's overdue time.
    expect(body).toMatchObject({ detected: 7, handled: 5, handled_in_time: 4, breached: 2 });
    expect(Object.keys(body.by_category as object)).toContain('bau_cu');
    const bad = await app.request('/api/reports/response-time?from=2026-09-30&to=2026-09-01', { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    const tooLong = await app.request('/api/reports/response-time?from=2000-01-01&to=2026-09-01', { headers: { authorization: `Bearer ${token}` } });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(await tooLong.json())).toContain('ten years');
    // The manual link report API is still where it was.
    const manual = await app.request('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(manual.status).toBe(400);
  });
});
