// The analyzer's public vocabulary. Pure data: no I/O anywhere under src/analysis.
import { z } from 'zod';

/** Categories of DESIGN.md (the Ban công tác 35 duties). */
export const CATEGORIES = [
  'xuyen_tac',
  'tin_sai_su_that',
  'phan_anh_kien_nghi',
  'tham_nhung_tieu_cuc',
  'dan_toc_ton_giao',
  'an_ninh_trat_tu',
  'bau_cu',
  'thien_tai_dich_benh',
  'tich_cuc',
] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** 1 (low) … 4 (critical): the one ordering of severities, used by the analyzer, SLA and alerts. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/** The severity of a rank, clamped to low … critical. */
export function severityFromRank(rank: number): Severity {
  const clamped = Math.min(SEVERITIES.length, Math.max(1, rank));
  return SEVERITIES[SEVERITIES.length - clamped]!;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** Default severity of each category (DESIGN.md); tich_cuc is never an incident. */
export const CATEGORY_DEFAULT_SEVERITY: Readonly<Record<Category, Severity | null>> = {
  xuyen_tac: 'high',
  tin_sai_su_that: 'high',
  phan_anh_kien_nghi: 'medium',
  tham_nhung_tieu_cuc: 'high',
  dan_toc_ton_giao: 'high',
  an_ninh_trat_tu: 'critical',
  bau_cu: 'high',
  thien_tai_dich_benh: 'critical',
  tich_cuc: null,
};

export const communeProfileSchema = z.object({
  commune: z.string().min(1).max(200),
  aliases: z.array(z.string().min(1).max(200)).max(500).default([]),
  places: z.array(z.string().min(1).max(200)).max(5000).default([]),
});
export type CommuneProfile = z.infer<typeof communeProfileSchema>;

/**
 * One syllable-level token of normalized text.
 * `norm`: NFC, lower case, tone mark placed canonically (as Unikey types it by default:
 *         "hòa", "thúy", "khỏe", "quỳ" — see normalize.ts), stretched letters squeezed,
 *         teencode expanded (an abbreviation that expands to several syllables yields
 *         several tokens sharing the same original offsets).
 * `folded`: `norm` with diacritics removed and đ → d.
 * `start`/`end`: UTF-16 offsets into the ORIGINAL text (end exclusive).
 * `kind`: 'word' for syllables; 'url' | 'mention' | 'hashtag' | 'emoji' | 'number' for the rest.
 */
export interface AnalysisToken {
  readonly norm: string;
  readonly folded: string;
  readonly start: number;
  readonly end: number;
  readonly kind: 'word' | 'url' | 'mention' | 'hashtag' | 'emoji' | 'number';
  /** Index of the sentence the token belongs to (sentences split on . ! ? ; newline). */
  readonly sentence: number;
  /** True when the token comes from a teencode/abbreviation expansion ("ko" → "không"). */
  readonly expanded?: boolean;
  /**
   * Id of `folded` in the analyzer's syllable registry (normalize.ts registerSyllable), or -1
   * when no index registered it: lets indexes find a syllable without hashing a string.
   * Set by tokenize; absent on hand-made tokens.
   */
  readonly foldedId?: number;
}

export interface RuleMatch {
  readonly rule: string;
  readonly category: Category;
  readonly start: number;
  readonly end: number;
  /** The slice of the original text between start and end. */
  readonly text: string;
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export interface Sentiment {
  readonly label: SentimentLabel;
  /** In [-1, 1]. */
  readonly score: number;
}

/** A feature of the post that pushed the learned model toward a category. */
export interface ModelReasonRecord {
  readonly text: string;
  readonly feature: string;
  readonly weight: number;
  readonly start?: number | undefined;
  readonly end?: number | undefined;
}

/** What the learned model saw in a post, kept with the analysis so a reader can see why. */
export interface ModelInsight {
  /** The model_versions id, or "default" for the shipped model. */
  readonly version: string;
  /** Calibrated probability of each category. */
  readonly category_scores: Readonly<Record<Category, number>>;
  /** Calibrated probability of some incident category. */
  readonly concern: number;
  readonly polarity: Readonly<Record<SentimentLabel, number>>;
  /** Categories the model gave that no rule matched, each with its strongest features. */
  readonly added: readonly { readonly category: Category; readonly reasons: readonly ModelReasonRecord[] }[];
  /** Categories of matched rules that the model did not keep. */
  readonly dropped: readonly Category[];
}

/**
 * What the analyzer returns for a post: the fields of the `analyze` CLI contract, minus `id`,
 * and, when a learned model took part, what it saw (not part of the CLI contract).
 */
export interface Analysis {
  readonly flag: boolean;
  readonly categories: Category[];
  readonly about: boolean;
  readonly sentiment: Sentiment;
  readonly offensive: boolean;
  readonly severity: Severity | null;
  readonly matches: RuleMatch[];
  readonly model?: ModelInsight;
}

/** Facts about a post beyond its text that the analyzer may weigh. */
export interface PostContext {
  /** The post comes from one of the commune's own channels (fanpage, portal). */
  readonly fromCommuneChannel?: boolean;
  /** Shares + reactions + comments, when the source reports them. */
  readonly engagement?: number;
}
