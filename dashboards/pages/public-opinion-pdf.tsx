// "Báo cáo tình hình dư luận xã hội" as a Party-committee report, in the same A4 layout, header and
// signature as the response-time report (party-report.tsx, report_settings).
import { vi } from '../i18n.js';
import type { PublicOpinionReport } from '../../src/reports/public-opinion.js';
import { OPINION_DEFINITIONS } from '../../src/reports/public-opinion-format.js';
import type { ReportSettings } from '../../src/reports/settings.js';
import { fmtChange, fmtDateTime, fmtInt, fmtShare } from '../../src/reports/format.js';
import { committeeInText, PartyReport } from './party-report.js';
import { bucketLabel, categoryLabel, handlingText, sourceTypeLabel } from './opinion-sections.js';
import { seriesColor, StackedBars } from './svg-charts.js';

const t = vi.trends;
const p = vi.publicOpinion;

export interface PublicOpinionDocumentProps {
  readonly report: PublicOpinionReport;
  readonly settings: ReportSettings;
  readonly issuedAt: Date;
}

/** The head of a table comparing the period with the previous one: what, this period, the previous, the change. */
function ComparisonHead({ report, first }: { report: PublicOpinionReport; first: string }) {
  return (
    <thead>
      <tr>
        <th>{first}</th>
        <th>{report.period.label}</th>
        <th>{`${p.previous} (${report.previous.period.label})`}</th>
        <th>{p.change}</th>
      </tr>
    </thead>
  );
}

type Breakdown = 'by_category' | 'by_source_type';

const breakdownName = (breakdown: Breakdown) => (breakdown === 'by_category' ? categoryLabel : sourceTypeLabel);

/** The period's posts by category or by source type as bars; nothing when there are none. */
function BreakdownChart({ report, breakdown }: { report: PublicOpinionReport; breakdown: Breakdown }) {
  const name = breakdownName(breakdown);
  const keys = Object.keys(report[breakdown]);
  if (!keys.length) return null;
  return (
    <div class="chart">
      <StackedBars
        title={breakdown === 'by_category' ? t.chartCategory : t.chartSource}
        legend={false}
        series={[{ label: t.posts, color: '#455a64' }]}
        rows={keys.map((k) => ({ label: name(k), values: [report[breakdown][k]!] }))}
        format={fmtInt}
        labelWidth={150}
        width={480}
      />
    </div>
  );
}

function BreakdownTable({ report, breakdown }: { report: PublicOpinionReport; breakdown: Breakdown }) {
  const name = breakdownName(breakdown);
  const keys = [...new Set([...Object.keys(report[breakdown]), ...Object.keys(report.previous[breakdown])])];
  return (
    <table class="report-table" data-group={breakdown}>
      <ComparisonHead report={report} first={breakdown === 'by_category' ? vi.columns.category : vi.sources.type} />
      <tbody>
        {keys.map((k) => {
          const now = report[breakdown][k] ?? 0;
          const before = report.previous[breakdown][k] ?? 0;
          return (
            <tr>
              <td>{name(k)}</td>
              <td class="num">{fmtInt(now)}</td>
              <td class="num">{fmtInt(before)}</td>
              <td class="num">{fmtChange(now - before, 'count')}</td>
            </tr>
          );
        })}
        <tr>
          <td>
            <b>{t.posts}</b>
          </td>
          <td class="num">{fmtInt(report.posts)}</td>
          <td class="num">{fmtInt(report.previous.posts)}</td>
          <td class="num">{fmtChange(report.change.posts, 'count')}</td>
        </tr>
      </tbody>
    </table>
  );
}

function HeadlineTable({ report }: { report: PublicOpinionReport }) {
  const rows: [string, string, string, string][] = [
    [t.posts, fmtInt(report.posts), fmtInt(report.previous.posts), fmtChange(report.change.posts, 'count')],
    [t.aboutCommune, fmtInt(report.about_commune), fmtInt(report.previous.about_commune), fmtChange(report.change.about_commune, 'count')],
    [vi.sentiments.positive, fmtInt(report.sentiment.positive), fmtInt(report.previous.sentiment.positive), fmtChange(report.change.positive, 'count')],
    [vi.sentiments.negative, fmtInt(report.sentiment.negative), fmtInt(report.previous.sentiment.negative), fmtChange(report.change.negative, 'count')],
    [vi.sentiments.neutral, fmtInt(report.sentiment.neutral), fmtInt(report.previous.sentiment.neutral), fmtChange(report.change.neutral, 'count')],
    [t.positiveShare, fmtShare(report.positive_share), fmtShare(report.previous.positive_share), fmtChange(report.change.positive_share, 'share')],
  ];
  return (
    <table class="report-table" data-group="headline">
      <ComparisonHead report={report} first={p.indicator} />
      <tbody>
        {rows.map(([name, ...cells]) => (
          <tr>
            <td>{name}</td>
            {cells.map((c) => (
              <td class="num">{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MovementTable({ report }: { report: PublicOpinionReport }) {
  return (
    <table class="report-table" data-group="buckets">
      <thead>
        <tr>
          <th>{report.bucket === 'week' ? t.buckets.week : t.buckets.day}</th>
          <th>{t.posts}</th>
          <th>{t.aboutCommune}</th>
          <th>{vi.sentiments.positive}</th>
          <th>{vi.sentiments.negative}</th>
          <th>{vi.sentiments.neutral}</th>
          <th>{t.positiveShare}</th>
        </tr>
      </thead>
      <tbody>
        {report.buckets.map((b) => (
          <tr>
            <td>{bucketLabel(b)}</td>
            <td class="num">{fmtInt(b.posts)}</td>
            <td class="num">{fmtInt(b.about_commune)}</td>
            <td class="num">{fmtInt(b.sentiment.positive)}</td>
            <td class="num">{fmtInt(b.sentiment.negative)}</td>
            <td class="num">{fmtInt(b.sentiment.neutral)}</td>
            <td class="num">{fmtShare(b.positive_share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StoriesTable({ report }: { report: PublicOpinionReport }) {
  if (!report.top_stories.length) return <p>{t.none}</p>;
  return (
    <table class="report-table" data-group="top_stories">
      <thead>
        <tr>
          <th>{vi.responseTime.rowNumber}</th>
          <th>{t.story}</th>
          <th>{t.storyPosts}</th>
          <th>{t.engagement}</th>
          <th>{t.handling}</th>
        </tr>
      </thead>
      <tbody>
        {report.top_stories.map((s, i) => (
          <tr>
            <td class="num">{i + 1}</td>
            <td>
              {s.title || vi.incident.purgedContent}
              {s.incident_id ? ` (${vi.search.incident(s.incident_id)})` : ''}
            </td>
            <td class="num">{fmtInt(s.posts)}</td>
            <td class="num">{fmtInt(s.engagement)}</td>
            <td>{handlingText(s)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PublicOpinionReportDocument({ report, settings, issuedAt }: PublicOpinionDocumentProps) {
  const top = report.top_stories[0];
  return (
    <PartyReport title={`${p.title} ${report.period.label}`} subtitle="TÌNH HÌNH DƯ LUẬN XÃ HỘI" periodLabel={report.period.label} settings={settings} issuedAt={issuedAt}>
      <p>
        Thực hiện nhiệm vụ nắm bắt, tổng hợp tình hình dư luận xã hội trên không gian mạng, {committeeInText(settings.committee)} báo cáo tình hình dư luận xã hội liên quan đến
        địa phương {report.period.label} (số liệu tính đến {fmtDateTime(report.as_of)}), như sau:
      </p>

      <h2>I. TÌNH HÌNH CHUNG</h2>
      <p>
        Trong kỳ, hệ thống thu thập <b>{fmtInt(report.posts)}</b> bài viết, bình luận; trong đó <b>{fmtInt(report.about_commune)}</b> bài viết về địa phương, gồm{' '}
        <b>{fmtInt(report.sentiment.positive)}</b> bài tích cực, <b>{fmtInt(report.sentiment.negative)}</b> bài tiêu cực và <b>{fmtInt(report.sentiment.neutral)}</b> bài trung tính. Tỷ
        lệ thông tin tích cực («phủ xanh») đạt <b>{fmtShare(report.positive_share)}</b>.
      </p>
      <HeadlineTable report={report} />

      <h2>II. DƯ LUẬN THEO LĨNH VỰC</h2>
      <BreakdownChart report={report} breakdown="by_category" />
      <BreakdownTable report={report} breakdown="by_category" />

      <h2>III. DƯ LUẬN THEO LOẠI NGUỒN TIN</h2>
      <BreakdownChart report={report} breakdown="by_source_type" />
      <BreakdownTable report={report} breakdown="by_source_type" />

      <h2>IV. DIỄN BIẾN TRONG KỲ</h2>
      <div class="chart">
        <StackedBars
          title={t.chartSentiment}
          series={(['positive', 'neutral', 'negative'] as const).map((s) => ({ label: vi.sentiments[s], color: seriesColor(s) }))}
          rows={report.buckets.map((b) => ({
            label: bucketLabel(b),
            values: [b.sentiment_shares.positive ?? 0, b.sentiment_shares.neutral ?? 0, b.sentiment_shares.negative ?? 0],
            note: b.about_commune ? fmtShare(b.sentiment_shares.positive) : vi.responseTime.none,
          }))}
          max={1}
          width={480}
          labelWidth={100}
        />
      </div>
      <MovementTable report={report} />

      <h2>V. CÁC VẤN ĐỀ ĐƯỢC DƯ LUẬN QUAN TÂM</h2>
      <p>
        {top
          ? `Câu chuyện lan rộng nhất trong kỳ có ${fmtInt(top.posts)} bài viết và ${fmtInt(top.engagement)} lượt tương tác. Các câu chuyện lan rộng nhất và kết quả xử lý:`
          : t.none}
      </p>
      <StoriesTable report={report} />

      <h2>VI. SO SÁNH VỚI KỲ TRƯỚC</h2>
      <p>
        So với {report.previous.period.label}: số bài viết {fmtInt(report.previous.posts)} → {fmtInt(report.posts)} ({fmtChange(report.change.posts, 'count')}); bài viết về địa
        phương {fmtInt(report.previous.about_commune)} → {fmtInt(report.about_commune)}; bài tiêu cực {fmtInt(report.previous.sentiment.negative)} →{' '}
        {fmtInt(report.sentiment.negative)}; tỷ lệ thông tin tích cực {fmtShare(report.previous.positive_share)} → {fmtShare(report.positive_share)} (
        {fmtChange(report.change.positive_share, 'share')}).
      </p>

      <h2>VII. CÁCH TÍNH SỐ LIỆU</h2>
      <ol class="defs">
        {OPINION_DEFINITIONS.map((d) => (
          <li>{d}</li>
        ))}
      </ol>
    </PartyReport>
  );
}
