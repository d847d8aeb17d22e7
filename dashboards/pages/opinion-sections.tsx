// Charts and the tables beneath them for public opinion over time (src/trends/opinion.ts): the Dư
// luận page draws them, and the public-opinion PDF reuses the tables. Every chart is SVG drawn
// here; every table repeats its figures so they read without the chart.
import type { BucketFigures, OpinionFigures, Story } from '../../src/trends/opinion.js';
import { fmtInt, fmtShare } from '../../src/reports/format.js';
import { label, vi } from '../i18n.js';
import { seriesColor, StackedBars } from './svg-charts.js';

const t = vi.trends;
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

const dm = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
/** "03/11" for a day, "03/11 – 09/11" for a longer bucket. */
export const bucketLabel = (b: Pick<BucketFigures, 'start' | 'end'>) => (b.start === b.end ? dm(b.start) : t.week(dm(b.start), dm(b.end)));

export const categoryLabel = (key: string) => label(vi.categories, key);
export const sourceTypeLabel = (key: string) => (vi.sources.types as Record<string, string>)[key] ?? vi.responseTime.unknownSource;

/** Keys of a breakdown across buckets, heaviest first (as the totals order them). */
const keysOf = (totals: Record<string, number>) => Object.keys(totals);

function Table({ head, rows, group }: { head: readonly string[]; rows: readonly (readonly (string | number | null)[])[]; group: string }) {
  return (
    <div class="table-scroll">
      <table class="report-table" data-group={group}>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th class={i > 0 ? 'num' : undefined} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td class="num">{cell ?? vi.responseTime.none}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type BreakdownKey = 'by_category' | 'by_source_type';
const labelOf = (breakdown: BreakdownKey) => (breakdown === 'by_category' ? categoryLabel : sourceTypeLabel);

/** Volume per bucket stacked by category or source type, and its table (one column per key). */
export function BreakdownChart({ buckets, totals, breakdown }: { buckets: readonly BucketFigures[]; totals: OpinionFigures; breakdown: BreakdownKey }) {
  const keys = keysOf(totals[breakdown]);
  const name = labelOf(breakdown);
  return (
    <StackedBars
      title={breakdown === 'by_category' ? t.chartCategory : t.chartSource}
      series={keys.map((k) => ({ label: name(k), color: seriesColor(k) }))}
      rows={buckets.map((b) => ({ label: bucketLabel(b), values: keys.map((k) => b[breakdown][k] ?? 0) }))}
      format={fmtInt}
    />
  );
}

export function BreakdownTable({ buckets, totals, breakdown }: { buckets: readonly BucketFigures[]; totals: OpinionFigures; breakdown: BreakdownKey }) {
  const keys = keysOf(totals[breakdown]);
  const name = labelOf(breakdown);
  const row = (first: string, f: OpinionFigures) => [first, ...keys.map((k) => fmtInt(f[breakdown][k] ?? 0)), fmtInt(f.posts)];
  return <Table group={breakdown} head={[t.period, ...keys.map(name), t.posts]} rows={[...buckets.map((b) => row(bucketLabel(b), b)), row(t.total, totals)]} />;
}

/** Sentiment shares of the posts about the commune, per bucket (100% bars). */
export function SentimentChart({ buckets }: { buckets: readonly BucketFigures[] }) {
  return (
    <StackedBars
      title={t.chartSentiment}
      series={SENTIMENTS.map((s) => ({ label: vi.sentiments[s], color: seriesColor(s) }))}
      rows={buckets.map((b) => ({
        label: bucketLabel(b),
        values: SENTIMENTS.map((s) => b.sentiment_shares[s] ?? 0),
        note: b.about_commune ? fmtShare(b.sentiment_shares.positive) : vi.responseTime.none,
      }))}
      max={1}
    />
  );
}

export function SentimentTable({ buckets, totals }: { buckets: readonly BucketFigures[]; totals: OpinionFigures }) {
  const row = (first: string, f: OpinionFigures) => [
    first,
    fmtInt(f.about_commune),
    ...SENTIMENTS.map((s) => `${fmtInt(f.sentiment[s])} (${fmtShare(f.sentiment_shares[s])})`),
  ];
  return <Table group="sentiment" head={[t.period, t.aboutCommune, ...SENTIMENTS.map((s) => vi.sentiments[s])]} rows={[...buckets.map((b) => row(bucketLabel(b), b)), row(t.total, totals)]} />;
}

/** The "phủ xanh" share per bucket. */
export function PositiveShareChart({ buckets }: { buckets: readonly BucketFigures[] }) {
  return (
    <StackedBars
      title={t.chartPositive}
      legend={false}
      series={[{ label: t.positiveShare, color: seriesColor('tich_cuc') }]}
      rows={buckets.map((b) => ({ label: bucketLabel(b), values: [b.positive_share ?? 0], note: fmtShare(b.positive_share) }))}
      max={1}
    />
  );
}

export function PositiveShareTable({ buckets, totals }: { buckets: readonly BucketFigures[]; totals: OpinionFigures }) {
  const row = (first: string, f: OpinionFigures) => [first, fmtInt(f.about_commune), fmtInt(f.positive_posts), fmtShare(f.positive_share)];
  return <Table group="positive_share" head={[t.period, t.aboutCommune, t.positivePosts, t.positiveShare]} rows={[...buckets.map((b) => row(bucketLabel(b), b)), row(t.total, totals)]} />;
}

/** How a story was handled, in words: the incident's status (and dismissal reason, actions), or not an incident. */
export function handlingText(story: Pick<Story, 'status' | 'dismiss_reason' | 'actions' | 'flagged' | 'incident_id'>): string {
  if (!story.status) return `${t.notIncident} (${story.flagged ? t.flagged : t.notFlagged})`;
  const parts = [label(vi.statuses, story.status)];
  if (story.dismiss_reason) parts.push(label(vi.incident.dismissReasons, story.dismiss_reason));
  if (story.actions.length) parts.push(`${t.actions}: ${story.actions.map((a) => label(vi.incident.actionTypes, a)).join('; ')}`);
  return parts.join(' · ');
}

export function StoriesChart({ stories }: { stories: readonly Story[] }) {
  return (
    <StackedBars
      title={t.chartStories}
      series={[
        { label: t.storyPosts, color: '#455a64' },
        { label: t.engagement, color: '#90a4ae' },
      ]}
      rows={stories.map((s, i) => ({ label: `${i + 1}. ${s.title}`, values: [s.posts, s.engagement] }))}
      format={fmtInt}
      labelWidth={130}
    />
  );
}

export function StoriesTable({ stories, linkIncidents = false }: { stories: readonly Story[]; linkIncidents?: boolean }) {
  return (
    <div class="table-scroll">
      <table class="report-table" data-group="top_stories">
        <thead>
          <tr>
            <th scope="col">{vi.responseTime.rowNumber}</th>
            <th scope="col">{t.story}</th>
            <th scope="col" class="num">
              {t.storyPosts}
            </th>
            <th scope="col" class="num">
              {t.engagement}
            </th>
            <th scope="col">{t.handling}</th>
          </tr>
        </thead>
        <tbody>
          {stories.map((s, i) => (
            <tr>
              <td class="num">{i + 1}</td>
              <td class="story-title">
                {s.title || vi.incident.purgedContent}
                {s.categories.length ? <div class="hint">{s.categories.map(categoryLabel).join('; ')}</div> : null}
              </td>
              <td class="num">{fmtInt(s.posts)}</td>
              <td class="num">{fmtInt(s.engagement)}</td>
              <td>
                {linkIncidents && s.incident_id ? <a href={`/incidents/${s.incident_id}`}>{vi.search.incident(s.incident_id)}</a> : null}
                {linkIncidents && s.incident_id ? ' · ' : null}
                {handlingText(s)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
