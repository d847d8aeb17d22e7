// The public-opinion report of a period ("Báo cáo tình hình dư luận xã hội"): GET
// /api/reports/public-opinion, its PDF and XLSX, and the monthly / quarterly delivery. Every figure
// is defined once in src/trends/opinion.ts (README "Trends and the public-opinion report").
import type { Db } from '../db/database.js';
import { opinionByBucket, topStories, totalOf, type Bucket, type BucketFigures, type OpinionFigures, type Story } from '../trends/opinion.js';
import { periodLabel, previousPeriod, type ReportPeriod } from './period.js';

export const REPORT_TOP_STORIES = 10;

type PeriodInfo = { kind: ReportPeriod['kind']; from: string; to: string; label: string };

export interface PublicOpinionStory {
  title: string;
  posts: number;
  engagement: number;
  incident_id: string | null;
  /** The incident's status; null: not an incident. */
  status: Story['status'];
  reach: number;
  categories: string[];
  dismiss_reason: string | null;
  /** Kinds of action recorded on the incident. */
  actions: string[];
  flagged: boolean;
}

export interface PublicOpinionHeadline {
  posts: number;
  about_commune: number;
  by_category: Record<string, number>;
  by_source_type: Record<string, number>;
  sentiment: { positive: number; negative: number; neutral: number };
  /** Good news (tich_cuc) among the posts about the commune: the "phủ xanh" share; null when none. */
  positive_share: number | null;
}

export interface PublicOpinionReport extends PublicOpinionHeadline {
  period: PeriodInfo;
  top_stories: PublicOpinionStory[];
  previous: { period: PeriodInfo } & PublicOpinionHeadline;
  /** This period minus the previous one; positive_share in share points (0.05 = 5 points). */
  change: { posts: number; about_commune: number; positive: number; negative: number; neutral: number; positive_share: number | null };
  as_of: string;
  /** Week by week (day by day for a period of two weeks or less): how opinion moved within the period. */
  bucket: Bucket;
  buckets: BucketFigures[];
}

const periodInfo = (p: ReportPeriod): PeriodInfo => ({ kind: p.kind, from: p.from, to: p.to, label: periodLabel(p) });

function headline(f: OpinionFigures): PublicOpinionHeadline {
  return { posts: f.posts, about_commune: f.about_commune, by_category: f.by_category, by_source_type: f.by_source_type, sentiment: f.sentiment, positive_share: f.positive_share };
}

function storyOf(s: Story): PublicOpinionStory {
  return {
    title: s.title,
    posts: s.posts,
    engagement: s.engagement,
    incident_id: s.incident_id,
    status: s.status,
    reach: s.reach,
    categories: s.categories,
    dismiss_reason: s.dismiss_reason,
    actions: s.actions,
    flagged: s.flagged,
  };
}

export async function buildPublicOpinionReport(db: Db, period: ReportPeriod, asOf: Date = new Date()): Promise<PublicOpinionReport> {
  const prev = previousPeriod(period);
  const range = (p: ReportPeriod) => ({ startsAt: p.startsAt, endsAt: p.endsAt, asOf });
  const days = Math.round((period.endsAt.getTime() - period.startsAt.getTime()) / 86_400_000);
  const bucket: Bucket = days <= 14 ? 'day' : 'week';
  const [buckets, previousBuckets, stories] = await Promise.all([
    opinionByBucket(db, range(period), bucket),
    opinionByBucket(db, range(prev), 'period'),
    topStories(db, range(period), REPORT_TOP_STORIES),
  ]);
  const current = headline(totalOf(buckets));
  const previous = headline(totalOf(previousBuckets));
  return {
    period: periodInfo(period),
    ...current,
    top_stories: stories.map(storyOf),
    previous: { period: periodInfo(prev), ...previous },
    change: {
      posts: current.posts - previous.posts,
      about_commune: current.about_commune - previous.about_commune,
      positive: current.sentiment.positive - previous.sentiment.positive,
      negative: current.sentiment.negative - previous.sentiment.negative,
      neutral: current.sentiment.neutral - previous.sentiment.neutral,
      positive_share: current.positive_share === null || previous.positive_share === null ? null : Math.round((current.positive_share - previous.positive_share) * 10_000) / 10_000,
    },
    as_of: asOf.toISOString(),
    bucket,
    buckets,
  };
}

/** "bao-cao-tinh-hinh-du-luan-xa-hoi_2026-10-01_2026-10-31" (ASCII, safe in a Content-Disposition). */
export function publicOpinionFileName(period: ReportPeriod, extension: 'pdf' | 'xlsx'): string {
  return `bao-cao-tinh-hinh-du-luan-xa-hoi_${period.from}_${period.to}.${extension}`;
}
