// Dư luận: public opinion over a period, by day or week — volume by category and by source type,
// sentiment of the posts about the commune, the "phủ xanh" share, the stories that spread furthest
// and how each was handled; the public-opinion report of the same period to download.
import type { TrendsReport } from '../../src/trends/trends.js';
import { fmtDateTime, fmtInt, fmtShare } from '../../src/reports/format.js';
import { vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';
import { PeriodForm, type Preset } from './period-form.js';
import {
  BreakdownChart,
  BreakdownTable,
  PositiveShareChart,
  PositiveShareTable,
  SentimentChart,
  SentimentTable,
  StoriesChart,
  StoriesTable,
} from './opinion-sections.js';

const t = vi.trends;

export interface TrendsPageProps {
  readonly user: LayoutProps['user'];
  readonly report?: TrendsReport | undefined;
  readonly from: string;
  readonly to: string;
  readonly bucket: string;
  readonly presets: readonly Preset[];
  readonly error?: string | undefined;
}

export function TrendsPage({ user, report, from, to, bucket, presets, error }: TrendsPageProps) {
  const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <Layout title={t.title} user={user}>
      <link rel="stylesheet" href="/assets/reports.css" />
      <h1>{t.title}</h1>
      <p class="note">{t.intro}</p>
      <PeriodForm action="/trends" from={from} to={to} presets={presets} error={error} submitLabel={t.show} presetQuery={`&bucket=${bucket === 'week' ? 'week' : 'day'}`}>
        <label>
          {t.bucket}
          <select name="bucket">
            {(['day', 'week'] as const).map((b) => (
              <option value={b} selected={bucket === b}>
                {t.buckets[b]}
              </option>
            ))}
          </select>
        </label>
      </PeriodForm>
      {report ? (
        <>
          <section class="card">
            <h2>
              {t.title} {report.period.label}
            </h2>
            <p class="muted">
              {vi.responseTime.asOf} {fmtDateTime(report.as_of)}
            </p>
            <div class="actions">
              <span>{t.report}:</span>
              <a href={`/reports/public-opinion.pdf?${period}`}>PDF</a>
              <a href={`/reports/public-opinion.xlsx?${period}`}>Excel (XLSX)</a>
              <a href={`/api/reports/public-opinion?${period}`}>JSON</a>
              <a href={`/api/trends?${period}&bucket=${report.bucket}`}>{t.title} (JSON)</a>
            </div>
            <dl class="facts trend-headline">
              <dt>{t.posts}</dt>
              <dd data-figure="posts">{fmtInt(report.totals.posts)}</dd>
              <dt>{t.aboutCommune}</dt>
              <dd data-figure="about_commune">{fmtInt(report.totals.about_commune)}</dd>
              <dt>{vi.sentiments.positive}</dt>
              <dd>{`${fmtInt(report.totals.sentiment.positive)} (${fmtShare(report.totals.sentiment_shares.positive)})`}</dd>
              <dt>{vi.sentiments.negative}</dt>
              <dd>{`${fmtInt(report.totals.sentiment.negative)} (${fmtShare(report.totals.sentiment_shares.negative)})`}</dd>
              <dt>{t.positiveShare}</dt>
              <dd data-figure="positive_share">
                <strong>{fmtShare(report.totals.positive_share)}</strong>
              </dd>
            </dl>
            {report.totals.posts === 0 ? <p class="empty">{t.none}</p> : null}
          </section>
          <section class="card" id="linh-vuc">
            <h2>{t.chartCategory}</h2>
            <div class="report-chart">
              <BreakdownChart buckets={report.buckets} totals={report.totals} breakdown="by_category" />
            </div>
            <BreakdownTable buckets={report.buckets} totals={report.totals} breakdown="by_category" />
          </section>
          <section class="card" id="nguon-tin">
            <h2>{t.chartSource}</h2>
            <div class="report-chart">
              <BreakdownChart buckets={report.buckets} totals={report.totals} breakdown="by_source_type" />
            </div>
            <BreakdownTable buckets={report.buckets} totals={report.totals} breakdown="by_source_type" />
          </section>
          <section class="card" id="sac-thai">
            <h2>{t.chartSentiment}</h2>
            <div class="report-chart">
              <SentimentChart buckets={report.buckets} />
            </div>
            <SentimentTable buckets={report.buckets} totals={report.totals} />
          </section>
          <section class="card" id="phu-xanh">
            <h2>{t.chartPositive}</h2>
            <div class="report-chart">
              <PositiveShareChart buckets={report.buckets} />
            </div>
            <PositiveShareTable buckets={report.buckets} totals={report.totals} />
          </section>
          <section class="card" id="cau-chuyen">
            <h2>{t.chartStories}</h2>
            <p class="note">{t.storiesIntro}</p>
            {report.top_stories.length ? (
              <div class="report-chart">
                <StoriesChart stories={report.top_stories} />
              </div>
            ) : null}
            <StoriesTable stories={report.top_stories} linkIncidents />
          </section>
        </>
      ) : null}
    </Layout>
  );
}
