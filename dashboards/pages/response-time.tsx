// The response-time report page: pick a period, read the figures and charts, download the exports.
import { vi } from '../i18n.js';
import type { ResponseTimeReport } from '../../src/reports/response-time.js';
import { DEFINITIONS, fmtDateTime, fmtFigure } from '../../src/reports/format.js';
import { Layout, type LayoutProps } from './layout.js';
import { PeriodForm, type Preset } from './period-form.js';
import { CategoryChart, SentimentChart, ShareChart } from './response-time-charts.js';
import { BreachTable, GROUP_KEYS, GroupTable, HeadlineTable, SentimentTable } from './response-time-sections.js';

const t = vi.responseTime;

export interface ResponseTimePageProps {
  readonly user: LayoutProps['user'];
  readonly report?: ResponseTimeReport;
  readonly from: string;
  readonly to: string;
  readonly presets: readonly Preset[];
  readonly error?: string;
}

export function ResponseTimePage({ user, report, from, to, presets, error }: ResponseTimePageProps) {
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return (
    <Layout title={t.title} user={user}>
      {/* The report's own styles: tables and charts (dashboards/assets/reports.css). */}
      <link rel="stylesheet" href="/assets/reports.css" />
      <h1>{t.title}</h1>
      <PeriodForm action="/reports/response-time" from={from} to={to} presets={presets} error={error} />
      {report ? (
        <>
          <section class="card">
            <h2>
              {t.title} {report.period.label}
            </h2>
            <p class="muted">
              {t.asOf} {fmtDateTime(report.as_of)}
            </p>
            <div class="actions">
              <span>{t.download}:</span>
              <a href={`/reports/response-time.pdf?${query}`}>PDF</a>
              <a href={`/reports/response-time.xlsx?${query}`}>Excel (XLSX)</a>
              <a href={`/reports/response-time.csv?${query}`}>CSV</a>
              <a href={`/api/reports/response-time?${query}`}>JSON</a>
            </div>
            <p class="report-headline" data-figure="share_in_time">
              <strong>
                {t.figures.share_in_time}: {fmtFigure('share_in_time', report.share_in_time)}
              </strong>{' '}
              ({t.target})
            </p>
            <div class="report-chart">
              <ShareChart report={report} />
            </div>
            <HeadlineTable report={report} />
          </section>
          <section class="card">
            <h2>{t.chartCategory}</h2>
            <div class="report-chart">
              <CategoryChart report={report} />
            </div>
            {GROUP_KEYS.map((group) => (
              <>
                <h3>{t.groups[group]}</h3>
                <GroupTable report={report} group={group} />
              </>
            ))}
          </section>
          <section class="card">
            <h2>{t.breaches}</h2>
            <BreachTable report={report} linkIncidents />
          </section>
          <section class="card">
            <h2>{t.sentiment}</h2>
            <div class="report-chart">
              <SentimentChart report={report} />
            </div>
            <SentimentTable report={report} />
          </section>
          <section class="card">
            <h2>{t.definitions}</h2>
            <ul class="report-defs">
              {DEFINITIONS.map((d) => (
                <li>{d}</li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </Layout>
  );
}
