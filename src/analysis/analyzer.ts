// The analyzer: one post in, one Analysis out. Tokenizes once and hands the same tokens to
// the rules, the gazetteer, sentiment and offensive-language detection. Build it once per
// rule pack and profile (compiling is the expensive part) and call analyze() per post.
import { compileRules, type CompiledRuleSet, type RuleHit, type RuleInput } from './rules.js';
import { diacriticlessSentences, tokenize } from './normalize.js';
import { isOffensive } from './offensive.js';
import { buildGazetteer, type GazetteerSource } from './profile.js';
import { scoreSentiment } from './sentiment.js';
import { CATEGORIES, severityFromRank, severityRank, type Analysis, type Category, type PostContext, type RuleMatch, type Sentiment, type Severity } from './types.js';

export interface AnalyzerOptions {
  readonly rules: readonly RuleInput[];
  readonly profile: GazetteerSource;
}

export interface Analyzer {
  analyze(text: string, context?: PostContext): Analysis;
  /** Enabled rules compiled into this analyzer. */
  readonly ruleCount: number;
}

/** Longer texts are analysed on their first this-many characters (offsets stay valid). */
export const MAX_ANALYZED_LENGTH = 50_000;
/** Engagement (shares + reactions + comments) above which a flagged post is raised a step. */
export const HIGH_ENGAGEMENT = 500;
/** Sentiment score at or under which a post counts as strongly negative. */
export const STRONGLY_NEGATIVE = -0.5;

const CATEGORY_ORDER = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));

/** Throws RuleCompileError when a rule does not compile. */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const ruleSet: CompiledRuleSet = compileRules(options.rules);
  const gazetteer = buildGazetteer(options.profile);

  return {
    ruleCount: ruleSet.rules.length,
    analyze(text: string, context: PostContext = {}): Analysis {
      const analysed = text.length > MAX_ANALYZED_LENGTH ? text.slice(0, MAX_ANALYZED_LENGTH) : text;
      const tokens = tokenize(analysed);
      const plainSentences = diacriticlessSentences(tokens);
      const about = context.fromCommuneChannel === true || gazetteer.isAbout(tokens, plainSentences);
      const hits = ruleSet.match(tokens, plainSentences, analysed, { about });
      const categories = distinctCategories(hits);
      const sentiment = scoreSentiment(tokens);
      const offensive = isOffensive(tokens, analysed);
      const flag = about && categories.some((c) => c !== 'tich_cuc');
      const severity = flag ? severityOf(hits, sentiment, offensive, context.engagement ?? 0) : null;
      const matches: RuleMatch[] = [];
      for (const hit of hits) for (const match of hit.matches) matches.push(match);
      return { flag, categories, about, sentiment, offensive, severity, matches };
    },
  };
}

function distinctCategories(hits: readonly RuleHit[]): Category[] {
  const categories: Category[] = [];
  for (const hit of hits) if (!categories.includes(hit.rule.category)) categories.push(hit.rule.category);
  return categories.length > 1 ? categories.sort((a, b) => CATEGORY_ORDER.get(a)! - CATEGORY_ORDER.get(b)!) : categories;
}

/**
 * The highest severity among the incident rules that matched, then one step up when the post
 * is strongly negative and offensive or spreads widely, one step down when it is only a
 * complaint (phan_anh_kien_nghi) written without negative sentiment.
 */
export function severityOf(hits: readonly RuleHit[], sentiment: Sentiment, offensive: boolean, engagement: number): Severity | null {
  let highest = 0;
  let onlyComplaints = true;
  for (const hit of hits) {
    if (hit.rule.severity === null) continue;
    highest = Math.max(highest, severityRank(hit.rule.severity));
    if (hit.rule.category !== 'phan_anh_kien_nghi') onlyComplaints = false;
  }
  if (highest === 0) return null;
  let adjusted = highest;
  if ((sentiment.score <= STRONGLY_NEGATIVE && offensive) || engagement > HIGH_ENGAGEMENT) adjusted++;
  if (onlyComplaints && sentiment.label !== 'negative') adjusted--;
  return severityFromRank(adjusted);
}
