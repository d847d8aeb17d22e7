// The units' pages as a sheet of the monthly XLSX report (src/reports/exports.ts): one row per unit
// page with the figures as numbers, the posts of each week, and the share of units with an active page.
import type ExcelJS from 'exceljs';
import { vi } from '../../dashboards/i18n.js';
import type { ChannelsReport } from './channels-report.js';
import { fmtDateTime } from '../reports/format.js';

const t = vi.channels.report;

export function addChannelsSheet(workbook: ExcelJS.Workbook, report: ChannelsReport): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(t.sheet.slice(0, 31));
  sheet.columns = [{ width: 32 }, { width: 32 }, { width: 10 }, { width: 10 }, { width: 22 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 12 }, ...report.weeks.map(() => ({ width: 9 }))];
  sheet.addRow([t.title, report.period.label]).font = { bold: true, size: 14 };
  const share = sheet.addRow([t.share, report.activeShare]);
  share.getCell(2).numFmt = '0.0%';
  sheet.addRow([t.headline(report.unitsActive, report.unitsTotal), t.target]);
  sheet.addRow([]);
  const c = t.columns;
  sheet.addRow([c.unit, c.page, 'source_id', c.posts, c.lastPost, c.engagement, c.comments, c.answered, `${c.medianReply} (phút)`, c.active, ...report.weeks.map((_, i) => t.week(i + 1))]).font = { bold: true };
  for (const r of report.rows) {
    sheet.addRow([
      r.unit,
      r.sourceName ?? t.noPage,
      r.sourceId === null ? null : Number(r.sourceId),
      r.posts,
      r.lastPostAt ? fmtDateTime(r.lastPostAt) : null,
      r.engagement,
      r.citizenComments,
      r.answeredComments,
      r.medianReplyMinutes,
      r.active ? vi.yes : vi.no,
      ...r.weeklyPosts,
    ]);
  }
  sheet.addRow([]);
  for (const d of t.definitions) sheet.addRow([d]);
  return sheet;
}
