// The response-time report as a Party-committee report (Hướng dẫn 36-HD/VPTW layout): header
// block, place and date line, title, numbered sections, tables, signature block. A4, rendered to
// PDF by Chromium from this HTML alone (no network, fonts installed on the machine).
import { vi } from '../i18n.js';
import type { ResponseTimeReport } from '../../src/reports/response-time.js';
import type { ReportSettings } from '../../src/reports/settings.js';
import { dateLine, DEFINITIONS, fmtDateTime, fmtFigure, fmtInt, fmtMinutes, fmtShare } from '../../src/reports/format.js';
import { CategoryChart, SentimentChart, ShareChart } from './response-time-charts.js';
import { BreachTable, GROUP_KEYS, GroupTable, HeadlineTable, SentimentTable } from './response-time-sections.js';
import type { ChannelsReport } from '../../src/channels/channels-report.js';
import { ChannelsSection } from './channels-pdf-section.js';

const t = vi.responseTime;

/** The A4 layout of every Party-committee report (the public-opinion report uses it too). */
export const PARTY_REPORT_CSS = `
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
export function ReportHeader({ settings, issuedAt }: { settings: ReportSettings; issuedAt: Date }) {
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
export function ReportSignature({ settings }: { settings: ReportSettings }) {
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

export interface ReportDocumentProps {
  readonly report: ResponseTimeReport;
  readonly settings: ReportSettings;
  readonly issuedAt: Date;
  /** The units' pages (issue 15): section VII when given. */
  readonly channels?: ChannelsReport | undefined;
}

export function ResponseTimeReportDocument({ report, settings, issuedAt, channels }: ReportDocumentProps) {
  const share = fmtShare(report.share_in_time);
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <title>{`Báo cáo ${report.period.label}`}</title>
        {/* Our own constant CSS: not escaped, so quoted font names survive. */}
        <style dangerouslySetInnerHTML={{ __html: PARTY_REPORT_CSS }} />
      </head>
      <body>
        <ReportHeader settings={settings} issuedAt={issuedAt} />
        <h1>BÁO CÁO</h1>
        <div class="subtitle">
          Kết quả tiếp nhận, xử lý thông tin trên không gian mạng
          <br />
          {report.period.label}
        </div>
        <p>
          Thực hiện nhiệm vụ bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch, {committeeInText(settings.committee)} báo cáo kết quả tiếp nhận,
          xử lý thông tin trên không gian mạng liên quan đến địa phương {report.period.label} (số liệu tính đến {fmtDateTime(report.as_of)}), như sau:
        </p>

        <h2>I. KẾT QUẢ CHUNG</h2>
        <p>
          Trong kỳ, hệ thống phát hiện <b>{fmtInt(report.detected)}</b> vụ việc; đã xử lý xong <b>{fmtInt(report.handled)}</b> vụ việc, trong đó xử lý đúng hạn{' '}
          <b>{fmtInt(report.handled_in_time)}</b> vụ việc. Tỷ lệ xử lý đúng hạn đạt <b>{share}</b> so với mục tiêu 100%. Còn <b>{fmtInt(report.open)}</b> vụ việc đang xử lý;{' '}
          <b>{fmtInt(report.breached)}</b> vụ việc quá hạn.
        </p>
        <div class="chart">
          <ShareChart report={report} />
        </div>
        <HeadlineTable report={report} />

        <h2>II. THỜI GIAN PHẢN HỒI</h2>
        <p>
          Thời gian tiếp nhận: trung vị {fmtMinutes(report.median_ack_minutes)}, 90% vụ việc trong vòng {fmtMinutes(report.p90_ack_minutes)}. Thời gian xử lý xong: trung vị{' '}
          {fmtMinutes(report.median_resolve_minutes)}, 90% vụ việc trong vòng {fmtMinutes(report.p90_resolve_minutes)}.
        </p>

        <h2>III. KẾT QUẢ THEO LĨNH VỰC, MỨC ĐỘ, NGUỒN TIN VÀ NGƯỜI XỬ LÝ</h2>
        <div class="chart">
          <CategoryChart report={report} />
        </div>
        {GROUP_KEYS.map((group, i) => (
          <>
            <h3>
              {i + 1}. {t.groups[group]}
            </h3>
            <GroupTable report={report} group={group} />
          </>
        ))}

        <h2>IV. CÁC VỤ VIỆC QUÁ HẠN</h2>
        <BreachTable report={report} />

        <h2>V. THÔNG TIN TÍCH CỰC VÀ TIÊU CỰC VỀ ĐỊA PHƯƠNG</h2>
        <p>
          Trong kỳ có {fmtInt(report.sentiment.about_commune)} bài viết về xã, trong đó {fmtInt(report.sentiment.positive)} bài tích cực ("phủ xanh") và{' '}
          {fmtInt(report.sentiment.negative)} bài tiêu cực.
        </p>
        <div class="chart">
          <SentimentChart report={report} />
        </div>
        <SentimentTable report={report} />

        <h2>VI. SO SÁNH VỚI KỲ TRƯỚC</h2>
        <p>
          So với {report.previous.period.label}: số vụ việc phát hiện {fmtFigure('detected', report.previous.detected)} → {fmtFigure('detected', report.detected)}; tỷ lệ xử lý đúng hạn{' '}
          {fmtShare(report.previous.share_in_time)} → {share}; số vụ việc quá hạn {fmtFigure('breached', report.previous.breached)} → {fmtFigure('breached', report.breached)}.
        </p>

        {channels ? <ChannelsSection channels={channels} number="VII" /> : null}

        <h2>{channels ? 'VIII' : 'VII'}. CÁCH TÍNH SỐ LIỆU</h2>
        <ol class="defs">
          {DEFINITIONS.map((d) => (
            <li>{d}</li>
          ))}
          {channels ? vi.channels.report.definitions.map((d) => <li>{d}</li>) : null}
        </ol>

        <ReportSignature settings={settings} />
      </body>
    </html>
  );
}
