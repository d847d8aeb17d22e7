// CSV (UTF-8 with BOM, so Excel opens Vietnamese correctly) and XLSX (exceljs) of a report: the
// headline figures, each breakdown, the breaches and the per-incident facts behind them.
import ExcelJS from 'exceljs';
import { vi } from '../../dashboards/i18n.js';
import { DEFINITIONS, fmtDateTime, groupLabel, type GroupKey } from './format.js';
import type { GroupFigures, IncidentFact, ResponseTimeReport } from './response-time.js';
import type { ChannelsReport } from '../channels/channels-report.js';
import { addChannelsSheet } from '../channels/channels-export.js';

const t = vi.responseTime;
const FIGURE_KEYS: (keyof GroupFigures)[] = [
  'detected',
  'handled',
  'handled_in_time',
  'share_in_time',
  'open',
  'breached',
  'median_ack_minutes',
  'p90_ack_minutes',
  'median_resolve_minutes',
  'p90_resolve_minutes',
];
const GROUPS: GroupKey[] = ['by_category', 'by_severity', 'by_source_type', 'by_assignee'];

type Cell = string | number | null;

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would be run as a formula by Excel: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n;]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows shared by CSV and XLSX: one table, blank rows between sections. Minutes stay numbers. */
export function reportRows(report: ResponseTimeReport, facts: readonly IncidentFact[]): Cell[][] {
  const rows: Cell[][] = [];
  rows.push([t.title, report.period.label], ['from', report.period.from], ['to', report.period.to], [t.asOf, fmtDateTime(report.as_of)], []);
  rows.push(['figure', t.indicator, report.period.label, `${t.previous} (${report.previous.period.label})`, t.change]);
  for (const key of FIGURE_KEYS) rows.push([key, t.figures[key], report[key], report.previous[key], report.change[key]]);
  rows.push(['target_share', t.target, 1, 1, null]);
  rows.push(['positive', t.positive, report.sentiment.positive, report.previous.sentiment.positive, report.change.positive]);
  rows.push(['negative', t.negative, report.sentiment.negative, report.previous.sentiment.negative, report.change.negative]);
  rows.push(['neutral', t.neutral, report.sentiment.neutral, report.previous.sentiment.neutral, null]);
  for (const group of GROUPS) {
    rows.push([], [group, t.groups[group], ...FIGURE_KEYS]);
    for (const [key, g] of Object.entries(report[group])) rows.push([key, groupLabel(group, key), ...FIGURE_KEYS.map((k) => g[k])]);
  }
  rows.push([], ['breaches', t.breaches]);
  rows.push(['incident_id', 'title', 'category', 'severity', 'detected_at', 'breach_reason', 'ack_late_minutes', 'resolve_late_minutes', 'assignee', 'hold_reasons']);
  for (const b of report.breaches)
    rows.push([b.incident_id, b.title, b.category, b.severity, b.detected_at, t.breachReasons[b.breach_reason], b.ack_late_minutes, b.resolve_late_minutes, b.assignee, b.hold_reasons]);
  rows.push([], ['incidents', t.incidentRows]);
  rows.push(FACT_COLUMNS);
  for (const f of facts) rows.push(factRow(f));
  rows.push([], [t.definitions], ...DEFINITIONS.map((d) => [d]));
  return rows;
}

const FACT_COLUMNS = [
  'incident_id', 'title', 'category', 'severity', 'clock', 'source_type', 'assignee', 'status', 'detected_at', 'acknowledged_at', 'handled_at',
  'dismiss_reason', 'ack_due_at', 'resolve_due_at', 'paused_minutes', 'ack_minutes', 'resolve_minutes', 'ack_in_time', 'handled_in_time', 'breached', 'breach_reason',
];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const yesNo = (b: boolean | null) => (b === null ? null : b ? 'true' : 'false');

function factRow(f: IncidentFact): Cell[] {
  return [
    f.incident_id, f.title, f.category, f.severity, f.clock, f.source_type, f.assignee_name, f.status, iso(f.detected_at), iso(f.acknowledged_at), iso(f.handled_at),
    f.dismiss_reason, iso(f.ack_due_at), iso(f.resolve_due_at), round1(f.paused_minutes), round1(f.ack_minutes), round1(f.resolve_minutes),
    yesNo(f.ack_in_time), yesNo(f.handled_in_time), yesNo(f.breached), f.breach_reason,
  ];
}

export function reportCsv(report: ResponseTimeReport, facts: readonly IncidentFact[]): Buffer {
  const text = reportRows(report, facts).map((row) => row.map(csvCell).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

export async function reportXlsx(report: ResponseTimeReport, facts: readonly IncidentFact[], channels?: ChannelsReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = vi.appName;
  workbook.created = new Date(report.as_of);

  const summary = workbook.addWorksheet('Tổng hợp');
  summary.columns = [{ width: 22 }, { width: 44 }, { width: 18 }, { width: 24 }, { width: 14 }];
  summary.addRow([t.title, report.period.label]).font = { bold: true, size: 14 };
  summary.addRow([t.asOf, fmtDateTime(report.as_of)]);
  summary.addRow([]);
  const head = summary.addRow(['figure', t.indicator, report.period.label, `${t.previous} (${report.previous.period.label})`, t.change]);
  head.font = { bold: true };
  for (const key of FIGURE_KEYS) {
    const row = summary.addRow([key, t.figures[key], report[key], report.previous[key], report.change[key]]);
    if (key === 'share_in_time') for (const c of [3, 4, 5]) row.getCell(c).numFmt = '0.0%';
  }
  summary.addRow(['target_share', t.target, 1]).getCell(3).numFmt = '0%';
  summary.addRow(['positive', t.positive, report.sentiment.positive, report.previous.sentiment.positive, report.change.positive]);
  summary.addRow(['negative', t.negative, report.sentiment.negative, report.previous.sentiment.negative, report.change.negative]);
  summary.addRow(['neutral', t.neutral, report.sentiment.neutral, report.previous.sentiment.neutral]);
  summary.addRow([]);
  summary.addRow([t.definitions]).font = { bold: true };
  for (const d of DEFINITIONS) summary.addRow(['', d]);

  for (const group of GROUPS) {
    const sheet = workbook.addWorksheet(t.groups[group].slice(0, 31));
    sheet.columns = [{ width: 20 }, { width: 36 }, ...FIGURE_KEYS.map(() => ({ width: 16 }))];
    sheet.addRow(['key', t.groups[group], ...FIGURE_KEYS.map((k) => t.figures[k])]).font = { bold: true };
    for (const [key, g] of Object.entries(report[group])) {
      const row = sheet.addRow([key, groupLabel(group, key), ...FIGURE_KEYS.map((k) => g[k])]);
      row.getCell(2 + FIGURE_KEYS.indexOf('share_in_time') + 1).numFmt = '0.0%';
    }
  }

  const breaches = workbook.addWorksheet('Quá hạn');
  breaches.columns = [{ width: 10 }, { width: 50 }, { width: 22 }, { width: 12 }, { width: 22 }, { width: 28 }, { width: 14 }, { width: 14 }, { width: 20 }, { width: 40 }];
  breaches.addRow(['incident_id', vi.columns.title, vi.columns.category, vi.columns.severity, vi.columns.detected, t.breachReason, 'ack_late_minutes', 'resolve_late_minutes', vi.queue.assignee, t.holdReasons]).font = { bold: true };
  for (const b of report.breaches)
    breaches.addRow([Number(b.incident_id), b.title, groupLabel('by_category', b.category), groupLabel('by_severity', b.severity), fmtDateTime(b.detected_at), t.breachReasons[b.breach_reason], b.ack_late_minutes, b.resolve_late_minutes, b.assignee ?? t.unassigned, b.hold_reasons]);

  const incidents = workbook.addWorksheet('Vụ việc');
  incidents.addRow(FACT_COLUMNS).font = { bold: true };
  for (const f of facts) incidents.addRow(factRow(f));
  if (channels) addChannelsSheet(workbook, channels);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
