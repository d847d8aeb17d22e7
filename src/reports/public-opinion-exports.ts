// The public-opinion report as PDF (the Party-committee layout, rendered by Chromium like the
// response-time report: src/reports/pdf.ts) and as XLSX (exceljs): the headline figures with the
// previous period, each breakdown, the movement within the period and the top stories.
import ExcelJS from 'exceljs';
import { label, vi } from '../../dashboards/i18n.js';
import { bucketLabel, categoryLabel, handlingText, sourceTypeLabel } from '../../dashboards/pages/opinion-sections.js';
import { PublicOpinionReportDocument } from '../../dashboards/pages/public-opinion-pdf.js';
import { escapeHtml } from '../alerts/message.js';
import type { Db } from '../db/database.js';
import { fmtDateTime, fmtInt, fmtShare } from './format.js';
import type { ReportPeriod } from './period.js';
import { renderReportPdf } from './pdf.js';
import { buildPublicOpinionReport, publicOpinionFileName, type PublicOpinionReport } from './public-opinion.js';
import { OPINION_DEFINITIONS } from './public-opinion-format.js';
import { getReportSettings, type ReportSettings } from './settings.js';

const t = vi.trends;
const p = vi.publicOpinion;

export async function publicOpinionHtml(report: PublicOpinionReport, settings: ReportSettings, issuedAt: Date): Promise<string> {
  return `<!doctype html>${await PublicOpinionReportDocument({ report, settings, issuedAt }).toString()}`;
}

/** `known`: the report header and signature, when the caller has them already. */
export async function publicOpinionPdf(db: Db, chromiumPath: string, report: PublicOpinionReport, issuedAt: Date = new Date(), known?: ReportSettings): Promise<Buffer> {
  const settings = known ?? (await getReportSettings(db));
  return renderReportPdf(await publicOpinionHtml(report, settings, issuedAt), chromiumPath);
}

const SHARE_FORMAT = '0.0%';

export async function publicOpinionXlsx(report: PublicOpinionReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = vi.appName;
  workbook.created = new Date(report.as_of);
  const head = [p.indicator, report.period.label, `${p.previous} (${report.previous.period.label})`, p.change];

  const summary = workbook.addWorksheet('Tổng hợp');
  summary.columns = [{ width: 22 }, { width: 44 }, { width: 18 }, { width: 26 }, { width: 14 }];
  summary.addRow([p.title, report.period.label]).font = { bold: true, size: 14 };
  summary.addRow([vi.responseTime.asOf, fmtDateTime(report.as_of)]);
  summary.addRow([]);
  summary.addRow(['figure', ...head]).font = { bold: true };
  const figures: [string, string, number | null, number | null, number | null][] = [
    ['posts', t.posts, report.posts, report.previous.posts, report.change.posts],
    ['about_commune', t.aboutCommune, report.about_commune, report.previous.about_commune, report.change.about_commune],
    ['positive', vi.sentiments.positive, report.sentiment.positive, report.previous.sentiment.positive, report.change.positive],
    ['negative', vi.sentiments.negative, report.sentiment.negative, report.previous.sentiment.negative, report.change.negative],
    ['neutral', vi.sentiments.neutral, report.sentiment.neutral, report.previous.sentiment.neutral, report.change.neutral],
    ['positive_share', t.positiveShare, report.positive_share, report.previous.positive_share, report.change.positive_share],
  ];
  for (const figure of figures) {
    const row = summary.addRow(figure);
    if (figure[0] === 'positive_share') for (const c of [3, 4, 5]) row.getCell(c).numFmt = SHARE_FORMAT;
  }
  summary.addRow([]);
  summary.addRow([p.definitions]).font = { bold: true };
  for (const d of OPINION_DEFINITIONS) summary.addRow(['', d]);

  for (const [breakdown, title, name] of [
    ['by_category', t.chartCategory, categoryLabel],
    ['by_source_type', t.chartSource, sourceTypeLabel],
  ] as const) {
    const sheet = workbook.addWorksheet(title.slice(0, 31));
    sheet.columns = [{ width: 22 }, { width: 40 }, { width: 16 }, { width: 24 }, { width: 12 }];
    sheet.addRow(['key', ...head]).font = { bold: true };
    const keys = [...new Set([...Object.keys(report[breakdown]), ...Object.keys(report.previous[breakdown])])];
    for (const k of keys) {
      const now = report[breakdown][k] ?? 0;
      const before = report.previous[breakdown][k] ?? 0;
      sheet.addRow([k, name(k), now, before, now - before]);
    }
  }

  const movement = workbook.addWorksheet('Diễn biến');
  movement.columns = [{ width: 12 }, { width: 12 }, { width: 18 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 16 }];
  movement.addRow(['start', 'end', t.period, t.posts, t.aboutCommune, vi.sentiments.positive, vi.sentiments.negative, vi.sentiments.neutral, t.positiveShare]).font = { bold: true };
  for (const b of report.buckets) {
    const row = movement.addRow([b.start, b.end, bucketLabel(b), b.posts, b.about_commune, b.sentiment.positive, b.sentiment.negative, b.sentiment.neutral, b.positive_share]);
    row.getCell(9).numFmt = SHARE_FORMAT;
  }

  const stories = workbook.addWorksheet('Câu chuyện nổi bật');
  stories.columns = [{ width: 6 }, { width: 60 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 18 }, { width: 50 }];
  stories.addRow([vi.responseTime.rowNumber, t.story, t.storyPosts, t.engagement, t.reach, 'incident_id', vi.columns.status, t.handling]).font = { bold: true };
  report.top_stories.forEach((s, i) =>
    stories.addRow([i + 1, s.title, s.posts, s.engagement, s.reach, s.incident_id === null ? null : Number(s.incident_id), s.status ? label(vi.statuses, s.status) : null, handlingText(s)]),
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * What the monthly and quarterly delivery adds for the public-opinion report (src/reports/delivery.ts):
 * its PDF and XLSX as attachments, and its headline figures as message lines.
 */
export async function publicOpinionForDelivery(db: Db, chromiumPath: string, period: ReportPeriod, asOf: Date, settings: ReportSettings) {
  const report = await buildPublicOpinionReport(db, period, asOf);
  const [pdf, xlsx] = await Promise.all([publicOpinionPdf(db, chromiumPath, report, asOf, settings), publicOpinionXlsx(report)]);
  const lines: [string, string][] = [
    [`${p.title}: ${t.posts.toLowerCase()}`, fmtInt(report.posts)],
    [t.aboutCommune, `${fmtInt(report.about_commune)} (${vi.sentiments.positive.toLowerCase()} ${fmtInt(report.sentiment.positive)}, ${vi.sentiments.negative.toLowerCase()} ${fmtInt(report.sentiment.negative)})`],
    [t.positiveShare, fmtShare(report.positive_share)],
  ];
  return {
    report,
    lines,
    attachments: [
      { filename: publicOpinionFileName(period, 'pdf'), content: pdf, contentType: 'application/pdf' },
      { filename: publicOpinionFileName(period, 'xlsx'), content: xlsx, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ],
  };
}

/** The delivery message with the public-opinion report's lines added (and its figures in `data`). */
export function withPublicOpinion<M extends { text: string; html: string; data: Record<string, unknown> }>(message: M, opinion: { report: PublicOpinionReport; lines: readonly [string, string][] }): M {
  return {
    ...message,
    text: [message.text, '', ...opinion.lines.map(([k, v]) => `${k}: ${v}`)].join('\n'),
    html: [message.html, '', ...opinion.lines.map(([k, v]) => `<b>${escapeHtml(k)}:</b> ${escapeHtml(v)}`)].join('\n'),
    data: { ...message.data, public_opinion: opinion.report },
  };
}
