// The commune's own channels: the "Kênh của đơn vị" report page (every role), its table (shared
// with the monthly PDF), and the units admin page.
import type { ChannelsReport } from '../../src/channels/channels-report.js';
import type { DailyStat } from '../../src/channels/daily-stats.js';
import type { UnitRow } from '../../src/channels/units.js';
import { UNIT_KINDS } from '../../src/channels/units.js';
import { fmtDateTime, fmtInt, fmtMinutes, fmtShare } from '../../src/reports/format.js';
import { label, vi } from '../i18n.js';
import { CsrfField, FormMessages } from './form-parts.js';
import { Layout, type LayoutProps } from './layout.js';
import { PeriodForm, type Preset } from './period-form.js';

const t = vi.channels;
const c = t.report.columns;

/** One row per unit page (and per unit without one): the figures, the posts of each week, active or not. */
export function ChannelsTable({ report }: { report: ChannelsReport }) {
  if (!report.rows.length) return <p class="empty">{t.report.none}</p>;
  return (
    <div class="table-scroll">
      <table class="report-table channels-table" data-group="channels">
        <thead>
          <tr>
            <th>{c.unit}</th>
            <th>{c.page}</th>
            <th class="num">{c.posts}</th>
            <th>{c.lastPost}</th>
            <th class="num">{c.engagement}</th>
            <th class="num">{c.comments}</th>
            <th class="num">{c.answered}</th>
            <th class="num">{c.medianReply}</th>
            <th>{c.weeks}</th>
            <th>{c.active}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr data-unit={r.unit} data-source-id={r.sourceId ?? ''}>
              <td class="unit-name">
                {r.unit}
                <div class="hint">{label(t.unitKinds, r.unitKind)}</div>
              </td>
              <td class="unit-name">{r.sourceName ?? t.report.noPage}</td>
              <td class="num" data-figure="posts">{fmtInt(r.posts)}</td>
              <td data-figure="last_post_at">{r.lastPostAt ? fmtDateTime(r.lastPostAt) : vi.responseTime.none}</td>
              <td class="num" data-figure="engagement">{fmtInt(r.engagement)}</td>
              <td class="num">{fmtInt(r.citizenComments)}</td>
              <td class="num">{fmtInt(r.answeredComments)}</td>
              <td class="num" data-figure="median_reply_minutes">{fmtMinutes(r.medianReplyMinutes)}</td>
              <td>
                <span class="weeks">
                  {r.weeklyPosts.map((n, i) => (
                    <span class={n > 0 ? 'week has-posts' : 'week'} title={t.report.week(i + 1)}>
                      {String(n)}
                    </span>
                  ))}
                </span>
              </td>
              <td>
                <span class={`badge ${r.active ? 'active-yes' : 'active-no'}`} data-figure="active">
                  {r.active ? vi.yes : vi.no}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "2/3 đơn vị có trang hoạt động đều — 66,7% (mục tiêu 100%)". */
export function ChannelsHeadline({ report }: { report: ChannelsReport }) {
  return (
    <p class="report-headline channels-headline" data-figure="active_share">
      <strong>
        {t.report.share}: {fmtShare(report.activeShare)}
      </strong>{' '}
      ({t.report.headline(report.unitsActive, report.unitsTotal)}; {t.report.target})
    </p>
  );
}

export interface ChannelsPageProps {
  readonly user: LayoutProps['user'];
  readonly report?: ChannelsReport | undefined;
  readonly from: string;
  readonly to: string;
  readonly presets: readonly Preset[];
  readonly error?: string | undefined;
  /** The last days' stored figures, and the names of the pages they are about. */
  readonly daily?: { readonly days: readonly string[]; readonly stats: readonly DailyStat[]; readonly pages: readonly { id: string; name: string; unit: string }[] };
}

export function ChannelsPage({ user, report, from, to, presets, error, daily }: ChannelsPageProps) {
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <Layout title={t.report.title} user={user}>
      <link rel="stylesheet" href="/assets/reports.css" />
      <h1>{t.report.title}</h1>
      <p class="note">{t.report.intro}</p>
      <PeriodForm action="/reports/channels" from={from} to={to} presets={presets} error={error} />
      {report ? (
        <section class="card channels-report">
          <h2>
            {t.report.title} {report.period.label}
          </h2>
          <p class="muted">
            {vi.responseTime.asOf} {fmtDateTime(report.asOf)} · <a href={`/api/reports/channels?${query}`}>JSON</a>
          </p>
          <ChannelsHeadline report={report} />
          <ChannelsTable report={report} />
          <h3>{vi.responseTime.definitions}</h3>
          <ul class="report-defs">
            {t.report.definitions.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {daily ? (
        <section class="card channels-daily">
          <h2>{t.report.daily}</h2>
          <p class="note">{t.report.dailyIntro}</p>
          {daily.stats.length === 0 ? (
            <p class="empty">{t.report.dailyNone}</p>
          ) : (
            <div class="table-scroll">
              <table class="report-table channels-table">
                <thead>
                  <tr>
                    <th>{c.page}</th>
                    {daily.days.map((d) => (
                      <th class="num">{d.slice(8, 10) + '/' + d.slice(5, 7)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {daily.pages.map((p) => (
                    <tr data-source-id={p.id}>
                      <td class="unit-name">
                        {p.name}
                        <div class="hint">{p.unit}</div>
                      </td>
                      {daily.days.map((d) => {
                        const stat = daily.stats.find((s) => s.sourceId === p.id && s.day === d);
                        return (
                          <td class="num" title={stat ? `${c.engagement}: ${fmtInt(stat.engagement)} · ${c.medianReply}: ${fmtMinutes(stat.medianReplyMinutes)}` : undefined}>
                            {stat ? fmtInt(stat.posts) : vi.responseTime.none}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

type Admin = NonNullable<LayoutProps['user']> & { csrfToken: string };

function KindSelect({ value }: { value?: string | undefined }) {
  return (
    <select name="kind" required>
      {UNIT_KINDS.map((k) => (
        <option value={k} selected={k === value}>
          {label(t.unitKinds, k)}
        </option>
      ))}
    </select>
  );
}

export function UnitsPage(props: { user: Admin; units: readonly UnitRow[]; silentDays: number; values?: { name: string; kind: string }; notice?: string | undefined; errors?: readonly string[] | undefined }) {
  const { user, units } = props;
  const u = t.units;
  return (
    <Layout title={u.title} user={user}>
      <h1>{u.title}</h1>
      <p class="note">{u.intro}</p>
      <FormMessages notice={props.notice} errors={props.errors} />
      {units.length === 0 ? <p class="empty">{u.none}</p> : null}
      <ul class="admin-list">
        {units.map((unit) => (
          <li class="admin-item" data-unit-id={unit.id}>
            <form method="post" action={`/admin/units/${unit.id}`} class="row-form unit-edit">
              <CsrfField user={user} />
              <label>
                {u.name}
                <input name="name" required maxlength={200} value={unit.name} />
              </label>
              <label>
                {u.kind}
                <KindSelect value={unit.kind} />
              </label>
              <button type="submit" class="secondary">
                {u.save}
              </button>
            </form>
            <div class="note">
              {u.pages}: {unit.pages.length ? unit.pages.map((p) => p.name).join(', ') : u.noPages}
            </div>
            <form method="post" action={`/admin/units/${unit.id}/delete`} class="inline">
              <CsrfField user={user} />
              <button type="submit" class="secondary" aria-label={`${u.delete}: ${unit.name}`}>
                {u.delete}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <section class="card" id="them-don-vi">
        <h2>{u.add}</h2>
        <form method="post" action="/admin/units" class="unit-create">
          <CsrfField user={user} />
          <label>
            {u.name}
            <input name="name" required maxlength={200} value={props.values?.name ?? ''} />
          </label>
          <label>
            {u.kind}
            <KindSelect value={props.values?.kind} />
          </label>
          <button type="submit">{u.add}</button>
        </form>
      </section>
      <section class="card" id="cai-dat">
        <h2>{u.settings}</h2>
        <form method="post" action="/admin/units/settings" class="unit-settings">
          <CsrfField user={user} />
          <label>
            {u.silentDays}
            <input name="silent_days" type="number" inputmode="numeric" min={1} max={365} required value={String(props.silentDays)} />
            <span class="hint">{u.silentHint}</span>
          </label>
          <button type="submit">{u.save}</button>
        </form>
      </section>
    </Layout>
  );
}
