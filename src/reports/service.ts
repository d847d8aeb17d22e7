// One entry for every report output (JSON, page, CSV, XLSX, PDF, scheduled e-mail): the report of
// a period and the per-incident facts it was aggregated from, evaluated at the same instant.
import type { Db } from '../db/database.js';
import { reportCsv, reportXlsx } from './exports.js';
import type { ReportPeriod } from './period.js';
import { renderReportPdf, reportHtml } from './pdf.js';
import { buildReportWithFacts, type IncidentFact, type ResponseTimeReport } from './response-time.js';
import { getReportSettings, type ReportSettings } from './settings.js';
import { buildChannelsReport, type ChannelsReport } from '../channels/channels-report.js';

export interface ReportBundle {
  readonly report: ResponseTimeReport;
  readonly facts: IncidentFact[];
  /** The units' pages over the same period (a section of the PDF and XLSX), when units are listed. */
  readonly channels?: ChannelsReport;
}

export async function reportBundle(db: Db, period: ReportPeriod, asOf: Date = new Date()): Promise<ReportBundle> {
  const [base, channels] = await Promise.all([buildReportWithFacts(db, period, asOf), buildChannelsReport(db, period, asOf)]);
  // Only where units are kept: a commune that lists none has no such section.
  return channels.unitsTotal ? { ...base, channels } : base;
}

/** "bao-cao-thoi-gian-phan-hoi_2026-10-01_2026-10-31" (ASCII, safe in a Content-Disposition). */
export function reportFileName(period: ReportPeriod, extension: 'pdf' | 'csv' | 'xlsx'): string {
  return `bao-cao-thoi-gian-phan-hoi_${period.from}_${period.to}.${extension}`;
}

/** `settings`: the report header and signature, when the caller has them already. */
export async function reportPdf(db: Db, chromiumPath: string, bundle: ReportBundle, issuedAt: Date = new Date(), known?: ReportSettings): Promise<Buffer> {
  const settings = known ?? (await getReportSettings(db));
  return renderReportPdf(await reportHtml(bundle.report, settings, issuedAt, bundle.channels), chromiumPath);
}

export const reportCsvOf = (bundle: ReportBundle) => reportCsv(bundle.report, bundle.facts);
export const reportXlsxOf = (bundle: ReportBundle) => reportXlsx(bundle.report, bundle.facts, bundle.channels);
