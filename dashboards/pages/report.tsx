// The report-a-link form (a link or a text seen in a Zalo group, a shared screenshot) and its result.
import type { Analysis } from '../../src/analysis/types.js';
import { label, vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';

export interface ReportValues {
  readonly url: string;
  readonly text: string;
}

export interface ReportResult {
  readonly postId: string;
  readonly analysis: Analysis | null;
  readonly incidentId: string | null;
  readonly screenshotSha256: string | null;
}

export interface ReportPageProps {
  readonly user: NonNullable<LayoutProps['user']> & { csrfToken: string };
  readonly values?: ReportValues;
  readonly errors?: readonly string[];
  readonly result?: ReportResult;
  /** Largest screenshot accepted, in bytes (the script warns before sending). */
  readonly maxScreenshotBytes: number;
}

function ResultCard({ result }: { result: ReportResult }) {
  const analysis = result.analysis;
  const terms = analysis ? [...new Set(analysis.matches.map((m) => m.text))].slice(0, 20) : [];
  return (
    <section class="card result" aria-live="polite" data-post-id={result.postId}>
      <h2>{vi.report.result.title}</h2>
      {analysis ? (
        <>
          <p class={analysis.flag ? 'verdict flagged' : 'verdict'}>{analysis.flag ? vi.report.result.flagged : vi.report.result.notFlagged}</p>
          <dl class="facts">
            <dt>{vi.report.result.categories}</dt>
            <dd class="categories">
              {analysis.categories.length === 0
                ? vi.report.result.noCategory
                : analysis.categories.map((category) => <span class="badge category">{label(vi.categories, category)}</span>)}
            </dd>
            <dt>{vi.report.result.severity}</dt>
            <dd>{analysis.severity ? <span class={`badge severity-${analysis.severity}`}>{label(vi.severities, analysis.severity)}</span> : '—'}</dd>
            <dt>{vi.report.result.sentiment}</dt>
            <dd class="sentiment">{label(vi.sentiments, analysis.sentiment.label)}</dd>
            <dt>{vi.report.result.about}</dt>
            <dd>{analysis.about ? vi.yes : vi.no}</dd>
            {terms.length ? (
              <>
                <dt>{vi.report.result.matched}</dt>
                <dd class="terms">
                  {terms.map((term) => (
                    <mark>{term}</mark>
                  ))}
                </dd>
              </>
            ) : null}
            {result.screenshotSha256 ? (
              <>
                <dt>{vi.report.result.screenshotSaved}</dt>
                <dd class="sha">{result.screenshotSha256}</dd>
              </>
            ) : null}
          </dl>
        </>
      ) : null}
      {result.incidentId ? (
        <p class="incident-opened">
          {vi.report.result.incidentOpened} #{result.incidentId}:{' '}
          <a class="incident-link" href={`/incidents/${encodeURIComponent(result.incidentId)}`}>
            {vi.report.result.incidentLink}
          </a>
        </p>
      ) : (
        <p class="no-incident">{vi.report.result.noIncident}</p>
      )}
      <p>
        <a href="/reports/new">{vi.report.result.another}</a>
      </p>
    </section>
  );
}

export function ReportPage({ user, values, errors = [], result, maxScreenshotBytes }: ReportPageProps) {
  return (
    <Layout title={vi.report.title} user={user}>
      <h1>{vi.report.title}</h1>
      {result ? <ResultCard result={result} /> : null}
      <section class="card">
        <p class="note">{vi.report.intro}</p>
        {errors.length ? (
          <ul class="errors" role="alert">
            {errors.map((error) => (
              <li>{error}</li>
            ))}
          </ul>
        ) : null}
        <form method="post" action="/reports/new" enctype="multipart/form-data" class="report-form" data-max-bytes={String(maxScreenshotBytes)}>
          <input type="hidden" name="_csrf" value={user.csrfToken} />
          <label>
            {vi.report.url} <span class="hint">{vi.optional}</span>
            <input name="url" type="url" inputmode="url" maxlength={2000} placeholder="https://" value={values?.url ?? ''} />
            <span class="hint">{vi.report.urlHint}</span>
          </label>
          <label>
            {vi.report.text} <span class="hint">{vi.optional}</span>
            <textarea name="text" rows={6} maxlength={20000}>
              {values?.text ?? ''}
            </textarea>
            <span class="hint">{vi.report.textHint}</span>
          </label>
          <label>
            {vi.report.screenshot} <span class="hint">{vi.optional}</span>
            <input name="screenshot" type="file" accept="image/png,image/jpeg,image/webp" data-too-big={vi.report.errors.imageTooBig} />
            <span class="hint">{vi.report.screenshotHint}</span>
          </label>
          <button type="submit">{vi.report.submit}</button>
        </form>
      </section>
    </Layout>
  );
}
