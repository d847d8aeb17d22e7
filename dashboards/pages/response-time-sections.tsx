// The tables of the response-time report, shared by the dashboard page and the PDF document.
import { vi } from '../i18n.js';
import type { GroupFigures, ResponseTimeReport } from '../../src/reports/response-time.js';
import { fmtChange, fmtDateTime, fmtFigure, fmtInt, fmtLate, fmtMinutes, FIGURE_KINDS, groupLabel, type GroupKey } from '../../src/reports/format.js';

const t = vi.responseTime;
export const HEADLINE_KEYS = Object.keys(FIGURE_KINDS) as (keyof GroupFigures)[];
export const GROUP_KEYS: readonly GroupKey[] = ['by_category', 'by_severity', 'by_source_type', 'by_assignee'];

/** Headline figures of the period, the previous period and the change. */
export function HeadlineTable({ report }: { report: ResponseTimeReport }) {
  return (
    <div class="table-scroll">
      <table class="report-table">
        <thead>
          <tr>
            <th>{t.indicator}</th>
            <th>{report.period.label}</th>
            <th>
              {t.previous} ({report.previous.period.label})
            </th>
            <th>{t.change}</th>
          </tr>
        </thead>
        <tbody>
          {HEADLINE_KEYS.map((key) => (
            <tr data-figure={key}>
              <td>{t.figures[key]}</td>
              <td class="num">{fmtFigure(key, report[key])}</td>
              <td class="num">{fmtFigure(key, report.previous[key])}</td>
              <td class="num">{fmtChange(report.change[key], FIGURE_KINDS[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One breakdown (category, severity, source type or assignee). */
export function GroupTable({ report, group }: { report: ResponseTimeReport; group: GroupKey }) {
  const entries = Object.entries(report[group]);
  if (!entries.length) return <p class="muted">{t.none}</p>;
  return (
    <div class="table-scroll">
      <table class="report-table" data-group={group}>
        <thead>
          <tr>
            <th>{t.groups[group]}</th>
            <th>{t.figures.detected}</th>
            <th>{t.figures.handled}</th>
            <th>{t.figures.handled_in_time}</th>
            <th>{t.figures.share_in_time}</th>
            <th>{t.figures.open}</th>
            <th>{t.figures.breached}</th>
            <th>{t.figures.median_ack_minutes}</th>
            <th>{t.figures.median_resolve_minutes}</th>
            <th>{t.figures.p90_resolve_minutes}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([key, g]) => (
            <tr>
              <td>{groupLabel(group, key)}</td>
              <td class="num">{fmtInt(g.detected)}</td>
              <td class="num">{fmtInt(g.handled)}</td>
              <td class="num">{fmtInt(g.handled_in_time)}</td>
              <td class="num">{fmtFigure('share_in_time', g.share_in_time)}</td>
              <td class="num">{fmtInt(g.open)}</td>
              <td class="num">{fmtInt(g.breached)}</td>
              <td class="num">{fmtMinutes(g.median_ack_minutes)}</td>
              <td class="num">{fmtMinutes(g.median_resolve_minutes)}</td>
              <td class="num">{fmtMinutes(g.p90_resolve_minutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BreachTable({ report, linkIncidents }: { report: ResponseTimeReport; linkIncidents?: boolean }) {
  if (!report.breaches.length) return <p>{t.noBreaches}</p>;
  return (
    <div class="table-scroll">
      <table class="report-table" data-group="breaches">
        <thead>
          <tr>
            <th>{t.rowNumber}</th>
            <th>{vi.columns.title}</th>
            <th>{vi.columns.category}</th>
            <th>{vi.columns.severity}</th>
            <th>{vi.columns.detected}</th>
            <th>{t.breachReason}</th>
            <th>{vi.queue.assignee}</th>
          </tr>
        </thead>
        <tbody>
          {report.breaches.map((b, i) => (
            <tr>
              <td class="num">{i + 1}</td>
              <td>{linkIncidents ? <a href={`/incidents/${b.incident_id}`}>{b.title}</a> : b.title}</td>
              <td>{groupLabel('by_category', b.category)}</td>
              <td>{groupLabel('by_severity', b.severity)}</td>
              <td>{fmtDateTime(b.detected_at)}</td>
              <td>
                {t.breachReasons[b.breach_reason]}
                {b.resolve_late_minutes !== null ? ` (${t.lateBy} ${fmtLate(b.resolve_late_minutes)})` : b.ack_late_minutes !== null ? ` (${t.lateBy} ${fmtLate(b.ack_late_minutes)})` : ''}
                {b.hold_reasons ? `. ${t.holdReasons}: ${b.hold_reasons}` : ''}
              </td>
              <td>{b.assignee ?? t.unassigned}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SentimentTable({ report }: { report: ResponseTimeReport }) {
  const rows: [string, number, number, 'count'][] = [
    [t.aboutCommune, report.sentiment.about_commune, report.previous.sentiment.about_commune, 'count'],
    [t.positive, report.sentiment.positive, report.previous.sentiment.positive, 'count'],
    [t.negative, report.sentiment.negative, report.previous.sentiment.negative, 'count'],
    [t.neutral, report.sentiment.neutral, report.previous.sentiment.neutral, 'count'],
  ];
  return (
    <div class="table-scroll">
      <table class="report-table" data-group="sentiment">
        <thead>
          <tr>
            <th>{t.sentiment}</th>
            <th>{report.period.label}</th>
            <th>{t.previous}</th>
            <th>{t.change}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, now, before, kind]) => (
            <tr>
              <td>{label}</td>
              <td class="num">{fmtInt(now)}</td>
              <td class="num">{fmtInt(before)}</td>
              <td class="num">{fmtChange(now - before, kind)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
