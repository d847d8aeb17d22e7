// The response-time report as a Party-committee report (party-report.tsx): numbered sections,
// tables and charts within the shared header, title and signature block.
import { vi } from '../i18n.js';
import type { ResponseTimeReport } from '../../src/reports/response-time.js';
import type { ReportSettings } from '../../src/reports/settings.js';
import { DEFINITIONS, fmtDateTime, fmtFigure, fmtInt, fmtMinutes, fmtShare } from '../../src/reports/format.js';
import { CategoryChart, SentimentChart, ShareChart } from './response-time-charts.js';
import { BreachTable, GROUP_KEYS, GroupTable, HeadlineTable, SentimentTable } from './response-time-sections.js';
import type { ChannelsReport } from '../../src/channels/channels-report.js';
import { ChannelsSection } from './channels-pdf-section.js';
import { committeeInText, PartyReport } from './party-report.js';

const t = vi.responseTime;

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
    <PartyReport
      title={`Báo cáo ${report.period.label}`}
      subtitle="Kết quả tiếp nhận, xử lý thông tin trên không gian mạng"
      periodLabel={report.period.label}
      settings={settings}
      issuedAt={issuedAt}
    >
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
    </PartyReport>
  );
}
