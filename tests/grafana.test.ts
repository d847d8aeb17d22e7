// Grafana dashboards (dashboards/grafana/): every target of every panel is expanded as Grafana
// would (tests/support/grafana-macros.ts), run against a migrated database with seeded incidents
// as the read-only grafana_reader role of dashboards/grafana/grafana-reader.sql, and checked for
// the shape its panel needs; the report panels give the same figures as the response-time report.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from '../dashboards/i18n.js';
import { createDb, type Db } from '../src/db/database.js';
import { makePeriod } from '../src/reports/period.js';
import { figuresOf, periodFacts } from '../src/reports/response-time.js';
import { expandMacros, grafanaSql, interpolateVariables } from './support/grafana-macros.js';
import { createTestServices, type TestServices } from './support/services.js';

const GRAFANA_DIR = path.resolve(import.meta.dirname, '../dashboards/grafana');
const DASHBOARD_DIR = path.join(GRAFANA_DIR, 'dashboards');
const READER_SCRIPT = readFileSync(path.join(GRAFANA_DIR, 'grafana-reader.sql'), 'utf8');

interface Target {
  refId: string;
  datasource: { type: string; uid: string };
  format: 'time_series' | 'table';
  rawQuery: boolean;
  rawSql: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource: { type: string; uid: string };
  targets: Target[];
  options?: { xField?: string };
}
interface Dashboard {
  uid: string;
  title: string;
  timezone: string;
  schemaVersion: number;
  templating: { list: unknown[] };
  panels: Panel[];
}

const dashboards: { file: string; dashboard: Dashboard }[] = readdirSync(DASHBOARD_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, dashboard: JSON.parse(readFileSync(path.join(DASHBOARD_DIR, file), 'utf8')) as Dashboard }));
const targets = dashboards.flatMap(({ file, dashboard }) =>
  dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ file, dashboard, panel, target }))),
);

// Times are written in Asia/Ho_Chi_Minh (+07:00). The dashboards' time range in every query.
const at = (local: string) => new Date(`${local}+07:00`);
const RANGE = { from: at('2026-06-01T00:00:00'), to: at('2026-11-01T00:00:00') };

// PostgreSQL type OIDs, as Grafana's converter sees them.
const TIME_TYPES = new Set([1082, 1114, 1184]); // date, timestamp, timestamptz
const NUMERIC_TYPES = new Set([20, 21, 23, 700, 701, 1700]); // int8, int2, int4, float4, float8, numeric
const TEXT_TYPES = new Set([25, 1043, 18, 19]); // text, varchar, char, name

let services: TestServices;
let db: Db;
let client: pg.Client;

/** Runs a panel's SQL as grafana_reader, read-only, in a transaction rolled back (the role included). */
async function runAsReader(text: string): Promise<pg.QueryResult> {
  await client.query('BEGIN');
  try {
    await client.query(READER_SCRIPT);
    await client.query('SET LOCAL ROLE grafana_reader');
    await client.query('SET LOCAL transaction_read_only = on');
    return await client.query(text);
  } finally {
    await client.query('ROLLBACK');
  }
}

function findTarget(dashboardUid: string, title: string): Target {
  const found = targets.find((t) => t.dashboard.uid === dashboardUid && t.panel.title === title);
  if (!found) throw new Error(`no panel «${title}» in ${dashboardUid}`);
  return found.target;
}

async function seed(): Promise<void> {
  const user = await db
    .insertInto('users')
    .values({ username: 'ctv.lan', display_name: 'Nguyễn Thị Lan', password_hash: 'x', role: 'collaborator' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const source = await db.insertInto('sources').values({ name: 'Báo tỉnh', type: 'rss', config: '{}', fetch_state: '{}' }).returning('id').executeTakeFirstOrThrow();
  const post = async (externalId: string, published: string, analysis: { flag: boolean; categories: string[]; about: boolean; sentiment: 'negative' | 'neutral' | 'positive' }) => {
    const row = await db
      .insertInto('posts')
      .values({ source_id: source.id, external_id: externalId, body: `bài ${externalId}`, content_hash: externalId, published_at: at(published), collected_at: at(published), raw: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('analyses')
      .values({
        post_id: row.id,
        analyzed_at: at(published),
        flag: analysis.flag,
        categories: analysis.categories,
        about: analysis.about,
        sentiment_label: analysis.sentiment,
        sentiment_score: analysis.sentiment === 'negative' ? -0.8 : 0.5,
        offensive: false,
        severity: analysis.flag ? 'high' : null,
        matches: JSON.stringify([]),
      })
      .execute();
    return row.id;
  };
  const p1 = await post('p1', '2026-07-06T08:50:00', { flag: true, categories: ['tin_sai_su_that'], about: true, sentiment: 'negative' });
  await post('p2', '2026-07-06T10:00:00', { flag: false, categories: ['tich_cuc'], about: true, sentiment: 'positive' });
  await post('p3', '2026-08-03T08:40:00', { flag: true, categories: ['tin_sai_su_that', 'phan_anh_kien_nghi'], about: true, sentiment: 'negative' });

  const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);
  const incident = async (values: {
    category: string;
    severity: 'critical' | 'high';
    status: 'acknowledged' | 'resolved' | 'dismissed';
    detected: Date;
    ackDueHours: number;
    resolveDueHours: number;
    acknowledged?: Date;
    resolved?: Date;
    dismissed?: Date;
  }) => {
    const row = await db
      .insertInto('incidents')
      .values({
        title: `vụ việc ${values.category}`,
        category: values.category,
        severity: values.severity,
        status: values.status,
        assignee_id: user.id,
        detected_at: values.detected,
        ack_due_at: hours(values.detected, values.ackDueHours),
        resolve_due_at: hours(values.detected, values.resolveDueHours),
        acknowledged_at: values.acknowledged ?? null,
        resolved_at: values.resolved ?? null,
        dismissed_at: values.dismissed ?? null,
        dismiss_reason: values.dismissed ? 'false_positive' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  // July: three handled, two of them in time (one dismissed with a reason, never acknowledged).
  const i1 = await incident({ category: 'tin_sai_su_that', severity: 'high', status: 'resolved', detected: at('2026-07-06T09:00:00'), ackDueHours: 4, resolveDueHours: 48, acknowledged: at('2026-07-06T09:30:00'), resolved: at('2026-07-06T15:00:00') });
  await incident({ category: 'phan_anh_kien_nghi', severity: 'high', status: 'resolved', detected: at('2026-07-10T08:00:00'), ackDueHours: 4, resolveDueHours: 48, acknowledged: at('2026-07-10T10:00:00'), resolved: at('2026-07-13T08:00:00') });
  await incident({ category: 'xuyen_tac', severity: 'critical', status: 'dismissed', detected: at('2026-07-20T20:00:00'), ackDueHours: 1, resolveDueHours: 24, dismissed: at('2026-07-20T21:00:00') });
  // August: one handled in time, one still open long past its deadline.
  await incident({ category: 'tin_sai_su_that', severity: 'high', status: 'acknowledged', detected: at('2026-08-03T09:00:00'), ackDueHours: 4, resolveDueHours: 48, acknowledged: at('2026-08-03T10:00:00') });
  await incident({ category: 'an_ninh_trat_tu', severity: 'critical', status: 'resolved', detected: at('2026-08-15T10:00:00'), ackDueHours: 1, resolveDueHours: 24, acknowledged: at('2026-08-15T10:15:00'), resolved: at('2026-08-15T15:00:00') });
  // Detected two hours ago (outside the range): open, not yet due.
  const recent = new Date(Date.now() - 2 * 3_600_000);
  await incident({ category: 'bau_cu', severity: 'high', status: 'acknowledged', detected: recent, ackDueHours: 4, resolveDueHours: 48, acknowledged: hours(recent, 0.5) });
  await db.insertInto('incident_posts').values({ incident_id: i1, post_id: p1, reason: 'opened', added_at: at('2026-07-06T09:00:00') }).execute();
}

beforeAll(async () => {
  services = await createTestServices('grafana');
  db = createDb(services.config.DATABASE_URL);
  client = new pg.Client({ connectionString: services.config.DATABASE_URL });
  await client.connect();
  await seed();
});
afterAll(async () => {
  await client?.end();
  await db?.destroy();
  await services?.cleanup();
});

describe('macro expander', () => {
  const range = { from: new Date('2026-06-30T17:00:00Z'), to: new Date('2026-07-31T17:00:00.500Z') };
  it('expands the macros as Grafana does', () => {
    expect(expandMacros('WHERE $__timeFilter(f.detected_at)', range)).toBe(
      "WHERE f.detected_at BETWEEN '2026-06-30T17:00:00Z' AND '2026-07-31T17:00:00.500Z'",
    );
    expect(expandMacros("SELECT $__timeGroupAlias(a.at, '5m'), 1", range)).toBe('SELECT floor(extract(epoch from a.at)/300)*300 AS "time", 1');
    // Pre-5.3 compatibility: $__timeGroup followed by a comma gets its alias.
    expect(expandMacros("SELECT $__timeGroup(a.at, '1h'), 1 GROUP BY $__timeGroup(a.at, '1h')", range)).toBe(
      'SELECT floor(extract(epoch from a.at)/3600)*3600 AS "time", 1 GROUP BY floor(extract(epoch from a.at)/3600)*3600',
    );
    expect(expandMacros('$__timeFrom() < $__timeTo()', range)).toBe("'2026-06-30T17:00:00Z' < '2026-07-31T17:00:00.500Z'");
    expect(interpolateVariables('$__timeGroupAlias(x, $__interval), $__interval_ms', range, '2h')).toBe('$__timeGroupAlias(x, 2h), 7200000');
  });
  it('refuses what Grafana refuses', () => {
    expect(() => expandMacros('$__timeFiltr(x)', range)).toThrow(/unknown macro/);
    expect(() => expandMacros('$__timeGroup(x)', range)).toThrow(/needs time column and interval/);
    expect(() => interpolateVariables('$__intervall', range, '1h')).toThrow(/unknown variable/);
  });
});

describe('dashboard files', () => {
  const datasourceYaml = readFileSync(path.join(GRAFANA_DIR, 'provisioning/datasources/postgres.yml'), 'utf8');
  const uid = /^\s+uid:\s*(\S+)\s*$/m.exec(datasourceYaml)?.[1];
  const type = /^\s+type:\s*(\S+)\s*$/m.exec(datasourceYaml)?.[1];

  it('there are dashboards, each panel on the provisioned datasource, with unique ids', () => {
    expect(uid).toBe('langnghe-postgres');
    expect(dashboards.length).toBeGreaterThanOrEqual(2);
    expect(new Set(dashboards.map((d) => d.dashboard.uid)).size).toBe(dashboards.length);
    for (const { file, dashboard } of dashboards) {
      expect(dashboard.schemaVersion, file).toBe(39);
      expect(dashboard.timezone, file).toBe('Asia/Ho_Chi_Minh');
      // The macro expander knows no dashboard variables: teach it before adding one.
      expect(dashboard.templating.list, file).toEqual([]);
      expect(new Set(dashboard.panels.map((p) => p.id)).size, file).toBe(dashboard.panels.length);
      for (const panel of dashboard.panels) {
        expect(panel.datasource, `${file}: ${panel.title}`).toEqual({ type, uid });
        expect(panel.targets.length, `${file}: ${panel.title}`).toBeGreaterThan(0);
        for (const target of panel.targets) {
          expect(target.datasource, `${file}: ${panel.title}`).toEqual({ type, uid });
          expect(target.rawQuery).toBe(true);
          expect(['time_series', 'table']).toContain(target.format);
        }
      }
    }
  });

  it('category and severity labels are the dashboard\'s Vietnamese ones', () => {
    for (const { panel, target } of targets) {
      if (target.rawSql.includes('AS cl (category, label)')) {
        for (const [key, label] of Object.entries(vi.categories)) expect(target.rawSql, panel.title).toContain(`('${key}', '${label}')`);
      }
      if (target.rawSql.includes('AS sl (severity, label)')) {
        for (const [key, label] of Object.entries(vi.severities)) expect(target.rawSql, panel.title).toContain(`('${key}', '${label}')`);
      }
    }
  });
});

describe('every panel query, as grafana_reader', () => {
  it.each(targets.map((t) => [`${t.file}: ${t.panel.title} (${t.target.refId})`, t] as const))('%s', async (_label, { panel, target }) => {
    const result = await runAsReader(grafanaSql(target.rawSql, RANGE, '1h'));
    const fields = result.fields.map((f) => ({ name: f.name, type: f.dataTypeID }));
    const numeric = fields.filter((f) => NUMERIC_TYPES.has(f.type));
    // Every panel shows something for the seeded incidents.
    expect(result.rows.length).toBeGreaterThan(0);
    expect(new Set(fields.map((f) => f.name)).size).toBe(fields.length);

    if (target.format === 'time_series') {
      // Grafana needs a "time" column (a timestamp, or epoch seconds as $__timeGroup gives) and
      // numeric values; `metric` (text) names the series in long form.
      const time = fields.find((f) => f.name === 'time');
      expect(time && (TIME_TYPES.has(time.type) || NUMERIC_TYPES.has(time.type))).toBe(true);
      const others = fields.filter((f) => f.name !== 'time' && f.name !== 'metric');
      expect(others.length).toBeGreaterThan(0);
      for (const f of others) expect(NUMERIC_TYPES.has(f.type), `${f.name} is numeric`).toBe(true);
      const metric = fields.find((f) => f.name === 'metric');
      if (metric) expect(TEXT_TYPES.has(metric.type)).toBe(true);
      // Sorted by time; every time inside the range (Grafana drops the others anyway).
      const times = result.rows.map((r) => (r.time instanceof Date ? r.time.getTime() : Number(r.time) * 1000));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const t of times) expect(t >= RANGE.from.getTime() && t <= RANGE.to.getTime()).toBe(true);
    } else {
      expect(fields.length).toBeGreaterThan(0);
      if (panel.type === 'stat' || panel.type === 'barchart') expect(numeric.length).toBeGreaterThan(0);
      if (panel.type === 'barchart') {
        const x = fields.find((f) => f.name === panel.options?.xField);
        expect(x && TEXT_TYPES.has(x.type), `xField ${panel.options?.xField}`).toBe(true);
      }
    }
  });
});

describe('the report panels give the report\'s figures', () => {
  const months = [
    { from: '2026-07-01', to: '2026-07-31' },
    { from: '2026-08-01', to: '2026-08-31' },
  ];
  const num = (v: unknown) => (v === null ? null : Number(v));

  it('share handled in time and the percentiles, per month', async () => {
    const share = await runAsReader(grafanaSql(findTarget('langnghe-response-time', 'Tỷ lệ xử lý đúng hạn theo tháng').rawSql, RANGE));
    const times = await runAsReader(grafanaSql(findTarget('langnghe-response-time', 'Thời gian tiếp nhận và xử lý (trung vị, p90)').rawSql, RANGE));
    expect(share.rows.map((r) => (r.time as Date).toISOString())).toEqual(months.map((m) => at(`${m.from}T00:00:00`).toISOString()));
    // By hand: July 2 in time of 3 handled; August 1 in time of 1 handled + 1 open and overdue.
    expect(share.rows.map((r) => num(r['Tỷ lệ đúng hạn (%)']))).toEqual([66.7, 50]);
    for (const [index, month] of months.entries()) {
      const figures = figuresOf(await periodFacts(db, makePeriod(month.from, month.to), new Date()));
      expect(num(share.rows[index]['Tỷ lệ đúng hạn (%)'])).toBeCloseTo(figures.share_in_time! * 100, 1);
      const row = times.rows[index];
      expect(num(row['Tiếp nhận — trung vị'])).toBeCloseTo(figures.median_ack_minutes!, 1);
      expect(num(row['Tiếp nhận — p90'])).toBeCloseTo(figures.p90_ack_minutes!, 1);
      expect(num(row['Xử lý — trung vị'])).toBeCloseTo(figures.median_resolve_minutes!, 1);
      expect(num(row['Xử lý — p90'])).toBeCloseTo(figures.p90_resolve_minutes!, 1);
    }
    // July by hand: acknowledged after 30, 120 and (dismissed) 60 minutes; handled after 360, 4320, 60.
    expect(num(times.rows[0]['Tiếp nhận — trung vị'])).toBe(60);
    expect(num(times.rows[0]['Xử lý — p90'])).toBe(3528);
  });

  it('the headline and the per-category table add up to the report', async () => {
    const headline = await runAsReader(grafanaSql(findTarget('langnghe-response-time', 'Tổng hợp trong khoảng thời gian').rawSql, RANGE));
    expect(headline.rows[0]).toMatchObject({ 'Phát hiện': '5', 'Đã xử lý': '4', 'Xử lý đúng hạn': '3', 'Đang mở': '1', 'Vi phạm thời hạn': '2' });
    expect(num(headline.rows[0]['Tỷ lệ đúng hạn'])).toBe(60);
    const table = await runAsReader(grafanaSql(findTarget('langnghe-response-time', 'Theo lĩnh vực').rawSql, RANGE));
    const falseInfo = table.rows.find((r) => r['Lĩnh vực'] === vi.categories.tin_sai_su_that);
    expect(falseInfo).toMatchObject({ 'Phát hiện': '2', 'Đã xử lý': '1', 'Đúng hạn': '1', 'Đang mở': '1' });
    expect(num(falseInfo!['Tỷ lệ đúng hạn (%)'])).toBe(50);
  });

  it('open incidents by age and the overdue list', async () => {
    const ages = await runAsReader(grafanaSql(findTarget('langnghe-incidents', 'Sự cố đang mở theo thời gian tồn tại').rawSql, RANGE));
    const byAge = Object.fromEntries(ages.rows.map((r) => [r['Thời gian tồn tại'], r[vi.severities.high]]));
    expect(byAge).toEqual({ '< 1 giờ': '0', '1–4 giờ': '1', '4–24 giờ': '0', '1–3 ngày': '0', '3–7 ngày': '0', '> 7 ngày': '1' });
    const overdue = await runAsReader(grafanaSql(findTarget('langnghe-incidents', 'Sự cố đang mở đã quá hạn').rawSql, RANGE));
    expect(overdue.rows).toHaveLength(1);
    expect(overdue.rows[0]).toMatchObject({ 'Lĩnh vực': vi.categories.tin_sai_su_that, 'Mức độ': vi.severities.high, 'Người xử lý': 'Nguyễn Thị Lan' });
  });

  it('volume per category names its series in Vietnamese', async () => {
    const incidents = await runAsReader(grafanaSql(findTarget('langnghe-incidents', 'Sự cố mới theo lĩnh vực (theo ngày)').rawSql, RANGE));
    expect(incidents.rows.map((r) => [(r.time as Date).toISOString(), r.metric, r.value])).toContainEqual([
      at('2026-07-20T00:00:00').toISOString(),
      vi.categories.xuyen_tac,
      '1',
    ]);
    const posts = await runAsReader(grafanaSql(findTarget('langnghe-incidents', 'Bài viết bị gắn cờ theo lĩnh vực').rawSql, RANGE));
    // The unflagged good-news post is not counted; the post in two categories counts in both.
    expect(posts.rows.map((r) => r.metric).sort()).toEqual([vi.categories.phan_anh_kien_nghi, vi.categories.tin_sai_su_that, vi.categories.tin_sai_su_that].sort());
  });

  it('grafana_reader cannot read secrets or write', async () => {
    await expect(runAsReader('SELECT password_hash FROM users')).rejects.toThrow(/permission denied/);
    await expect(runAsReader('SELECT config FROM sources')).rejects.toThrow(/permission denied/);
    await expect(runAsReader('SELECT body FROM posts')).rejects.toThrow(/permission denied/);
    await expect(runAsReader("UPDATE incidents SET title = 'x'")).rejects.toThrow(/read-only|permission denied/);
  });
});
