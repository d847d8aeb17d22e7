// The layout every Party-committee report shares (Hướng dẫn 36-HD/VPTW): A4 page, header block,
// place and date line, "BÁO CÁO" and its subtitle, then the report's own sections, then the
// recipients and the signature block from report_settings. Rendered to PDF by Chromium from this
// HTML alone (no network, fonts installed on the machine).
import type { Child } from 'hono/jsx';
import type { ReportSettings } from '../../src/reports/settings.js';
import { dateLine } from '../../src/reports/format.js';

/** The A4 page and styles of every Party-committee report. */
const PARTY_REPORT_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Serif', 'DejaVu Serif', serif; font-size: 13pt; line-height: 1.4; color: #000; margin: 0; }
.header { width: 100%; border-collapse: collapse; margin-bottom: 6mm; }
.header td { vertical-align: top; text-align: center; border: none; padding: 0; }
.header .left { width: 45%; font-size: 13pt; }
.header .right { width: 55%; }
.upper { text-transform: none; }
.bold { font-weight: bold; }
.star { margin: 0; }
.national { font-weight: bold; font-size: 14pt; text-decoration: underline; }
.dateline { font-style: italic; margin-top: 4mm; font-size: 13pt; }
h1 { text-align: center; font-size: 15pt; margin: 6mm 0 0; }
.subtitle { text-align: center; font-weight: bold; margin: 0 0 6mm; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; }
h3 { font-size: 13pt; font-style: italic; font-weight: normal; margin: 3mm 0 1mm; }
h2, h3 { page-break-after: avoid; break-after: avoid; }
p { text-align: justify; margin: 1.5mm 0; text-indent: 10mm; }
.report-table { width: 100%; border-collapse: collapse; font-size: 10pt; margin: 2mm 0 3mm; page-break-inside: auto; }
.report-table th, .report-table td { border: 0.5pt solid #000; padding: 1mm 1.5mm; }
.report-table th { font-weight: bold; text-align: center; background: #f2f2f2; font-size: 9pt; }
.report-table td:first-child, .report-table th:first-child { min-width: 34mm; }
.report-table[data-group="breaches"] td:first-child, .report-table[data-group="breaches"] th:first-child { min-width: 0; }
.report-table tr { page-break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.chart { text-align: center; margin: 2mm 0; }
.chart svg { width: 140mm; max-width: 100%; }
.defs { font-size: 11pt; }
.week { display: inline-block; min-width: 5mm; text-align: center; }
.report-table .hint { font-size: 8pt; }
.defs li { margin: 1mm 0; }
.signature { width: 100%; border-collapse: collapse; margin-top: 8mm; page-break-inside: avoid; }
.signature td { vertical-align: top; border: none; }
.recipients { width: 50%; font-size: 11pt; }
.signer { width: 50%; text-align: center; font-weight: bold; }
.signer .name { margin-top: 22mm; }
`;

/** "ĐẢNG ỦY XÃ PHÚ ĐÔ" → "Đảng ủy xã Phú Đô", as the committee is named inside a sentence. */
export function committeeInText(committee: string): string {
  const lower = committee.toLocaleLowerCase('vi-VN');
  const match = /^(đảng ủy|đảng uỷ)\s+(xã|phường|thị trấn)\s+(.+)$/u.exec(lower);
  if (!match) return committee;
  const name = match[3]!.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toLocaleUpperCase('vi-VN'));
  return `Đảng ủy ${match[2]} ${name}`;
}

/** Header block of a Party-committee report: committees, number, national title, place and date. */
function ReportHeader({ settings, issuedAt }: { settings: ReportSettings; issuedAt: Date }) {
  return (
    <table class="header">
      <tr>
        <td class="left">
          <div>{settings.parentCommittee}</div>
          <div class="bold">{settings.committee}</div>
          <div class="star">*</div>
          <div>Số: &nbsp;&nbsp;&nbsp;&nbsp;-BC/ĐU</div>
        </td>
        <td class="right">
          <div class="national">ĐẢNG CỘNG SẢN VIỆT NAM</div>
          <div class="dateline">{dateLine(settings.place, issuedAt)}</div>
        </td>
      </tr>
    </table>
  );
}

/** Recipients and the signature block, from the report settings. */
function ReportSignature({ settings }: { settings: ReportSettings }) {
  return (
    <table class="signature">
      <tr>
        <td class="recipients">
          <div>
            <b>
              <i>Nơi nhận:</i>
            </b>
          </div>
          <div>- Thường trực cấp ủy cấp trên (b/c),</div>
          <div>- Ban Chỉ đạo 35 (b/c),</div>
          <div>- Lưu Văn phòng.</div>
        </td>
        <td class="signer">
          {settings.signerTitle.map((line) => (
            <div>{line}</div>
          ))}
          <div class="name">{settings.signerName || '\u00a0'}</div>
        </td>
      </tr>
    </table>
  );
}

export interface PartyReportProps {
  /** The document's <title>. */
  readonly title: string;
  /** The subtitle's first line; the period's label is its second. */
  readonly subtitle: string;
  readonly periodLabel: string;
  readonly settings: ReportSettings;
  readonly issuedAt: Date;
  /** The numbered sections between the title and the signature. */
  readonly children?: Child;
}

export function PartyReport({ title, subtitle, periodLabel, settings, issuedAt, children }: PartyReportProps) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <title>{title}</title>
        {/* Our own constant CSS: not escaped, so quoted font names survive. */}
        <style dangerouslySetInnerHTML={{ __html: PARTY_REPORT_CSS }} />
      </head>
      <body>
        <ReportHeader settings={settings} issuedAt={issuedAt} />
        <h1>BÁO CÁO</h1>
        <div class="subtitle">
          {subtitle}
          <br />
          {periodLabel}
        </div>
        {children}
        <ReportSignature settings={settings} />
      </body>
    </html>
  );
}
