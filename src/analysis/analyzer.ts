// The analyzer: one post in, one Analysis out. Tokenizes once and hands the same tokens to
// the rules, the gazetteer, sentiment and offensive-language detection. Build it once per
// rule pack and profile (compiling is the expensive part) and call analyze() per post.
//
// With a learned model (model/), the model decides the categories and the polarity from the
// post's words and what the rules and lexicons found; the rules still give `matches`, and a
// category no rule gave is explained by the model's strongest features.
import { compileRules, type CompiledRuleSet, type RuleHit, type RuleInput } from './rules.js';
import { diacriticlessSentences, tokenize } from './normalize.js';
import { detectOffensive, isOffensive } from './offensive.js';
import { buildGazetteer, type GazetteerSource } from './profile.js';
import { scoreSentiment } from './sentiment.js';
import { CATEGORIES, CATEGORY_DEFAULT_SEVERITY, severityFromRank, severityRank, type Analysis, type Category, type ModelInsight, type PostContext, type RuleMatch, type Sentiment, type SentimentLabel, type Severity } from './types.js';
import type { LearnedModel } from './model/model.js';
import type { FeatureInput } from './model/features.js';
import { DEFAULT_WINDOW_POLICY, modelWindows, textCategoryMask, type TokenWindow, type WindowPolicy } from './model/windows.js';

export interface AnalyzerOptions {
  readonly rules: readonly RuleInput[];
  readonly profile: GazetteerSource;
  /** The learned model; without it, categories come from the rules and polarity from the lexicon. */
  readonly model?: LearnedModel | null;
  /** Names the model in each analysis (a model_versions id, or "default"). */
  readonly modelVersion?: string | null;
  /** How a long text is cut for the model (model/windows.ts); the default is what `npm run eval` measures. */
  readonly windowPolicy?: WindowPolicy;
}

export interface Analyzer {
  analyze(text: string, context?: PostContext): Analysis;
  /** Enabled rules compiled into this analyzer. */
  readonly ruleCount: number;
  /** Whether a learned model decides categories and polarity. */
  readonly usesModel: boolean;
}

/** How many of the model's strongest features explain a category it added. */
const REASONS_PER_CATEGORY = 5;

/** Longer texts are analysed on their first this-many characters (offsets stay valid). */
export const MAX_ANALYZED_LENGTH = 50_000;
/** Engagement (shares + reactions + comments) above which a flagged post is raised a step. */
export const HIGH_ENGAGEMENT = 500;
/** Sentiment score at or under which a post counts as strongly negative. */
export const STRONGLY_NEGATIVE = -0.5;

const CATEGORY_ORDER = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));
/** The bit of tich_cuc in a category mask: good news alone never flags a post. */
const GOOD_NEWS_BIT = 1 << CATEGORIES.indexOf('tich_cuc');

/** Throws RuleCompileError when a rule does not compile. */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const ruleSet: CompiledRuleSet = compileRules(options.rules);
  const gazetteer = buildGazetteer(options.profile);

  const model = options.model ?? null;
  const modelVersion = options.modelVersion ?? 'default';
  const windowPolicy = options.windowPolicy ?? DEFAULT_WINDOW_POLICY;

  return {
    ruleCount: ruleSet.rules.length,
    usesModel: model !== null,
    analyze(text: string, context: PostContext = {}): Analysis {
      const analysed = text.length > MAX_ANALYZED_LENGTH ? text.slice(0, MAX_ANALYZED_LENGTH) : text;
      const tokens = tokenize(analysed);
      const plainSentences = diacriticlessSentences(tokens);
      const about = context.fromCommuneChannel === true || gazetteer.isAbout(tokens, plainSentences, analysed);
      const lexicon = scoreSentiment(tokens);
      const matches: RuleMatch[] = [];
      if (model === null) {
        const offensive = isOffensive(tokens, analysed);
        const hits = ruleSet.match(tokens, plainSentences, analysed, { about });
        const categories = distinctCategories(hits);
        const flag = about && categories.some((c) => c !== 'tich_cuc');
        const severity = flag ? severityOf(hits, lexicon, offensive, context.engagement ?? 0) : null;
        for (const hit of hits) for (const match of hit.matches) matches.push(match);
        return { flag, categories, about, sentiment: lexicon, offensive, severity, matches };
      }
      // The model reads the offensive score itself, not only the verdict: the full scan.
      const { offensive, score: offensiveScore } = detectOffensive(tokens, analysed);
      const hits = ruleSet.match(tokens, plainSentences, analysed, { about });
      const whole: FeatureInput = { tokens, hits, lexiconScore: lexicon.score, offensive, offensiveScore, text: analysed };
      const windows = modelWindows(tokens, analysed.length, windowPolicy);
      // A post as short as those the model learned from is scored whole (the hot path: no verdict object).
      if (windows === null) model.score(whole);
      const windowed = windows === null ? null : scoreWindows(model, whole, windows);
      const mask = windowed?.mask ?? model.categoryMask();
      const categories: Category[] = [];
      for (let k = 0; k < CATEGORIES.length; k++) if ((mask & (1 << k)) !== 0) categories.push(CATEGORIES[k]!);
      const sentiment = windowed?.sentiment ?? model.polarity();
      const flag = about && (mask & ~GOOD_NEWS_BIT) !== 0;
      const severity = flag ? severityOfCategories(categories, hits, sentiment, offensive, context.engagement ?? 0) : null;
      let ruled = 0;
      for (const hit of hits) {
        ruled |= 1 << CATEGORY_ORDER.get(hit.rule.category)!;
        for (const match of hit.matches) matches.push(match);
      }
      // What the model saw is kept only where someone may ask why: a post it gave a category.
      if (mask === 0) return { flag, categories, about, sentiment, offensive, severity, matches };
      const insight: ModelInsight = {
        version: modelVersion,
        category_scores: windowed?.categoryScores ?? model.categoryScores(),
        concern: windowed?.concern ?? model.concern(),
        polarity: windowed?.polarity ?? model.polarityProbabilities(),
        added: categories
          .filter((c) => (ruled & (1 << CATEGORY_ORDER.get(c)!)) === 0)
          .map((category) => ({ category, reasons: (windowed?.reasons(category) ?? model.reasons(category, REASONS_PER_CATEGORY)).map(({ text: t, feature, weight, start, end }) => ({ text: t, feature, weight, start, end })) })),
        dropped: CATEGORIES.filter((c, k) => (ruled & (1 << k)) !== 0 && (mask & (1 << k)) === 0),
      };
      return { flag, categories, about, sentiment, offensive, severity, matches, model: insight };
    },
  };
}

interface WindowedVerdict {
  readonly mask: number;
  readonly sentiment: Sentiment;
  readonly categoryScores: Record<Category, number>;
  readonly concern: number;
  readonly polarity: Record<SentimentLabel, number>;
  reasons(category: Category): ReturnType<LearnedModel['reasons']>;
}

/**
 * The model's verdict on a text longer than the posts it learned from, window by window
 * (model/windows.ts): a category a window is sure of is the text's (textCategoryMask), with its
 * best window's score and reasons; the polarity is the windows' mean, weighed by their words.
 */
function scoreWindows(model: LearnedModel, whole: FeatureInput, windows: readonly TokenWindow[]): WindowedVerdict {
  const inputs = windows.map((w): FeatureInput => {
    const tokens = whole.tokens.slice(w.from, w.to);
    const hits: RuleHit[] = [];
    for (const hit of whole.hits) {
      const inside = hit.matches.filter((m) => m.start >= w.start && m.start < w.end);
      if (inside.length > 0) hits.push({ rule: hit.rule, matches: inside });
    }
    const { offensive, score: offensiveScore } = detectOffensive(tokens, whole.text);
    return { tokens, hits, lexiconScore: scoreSentiment(tokens).score, offensive, offensiveScore, text: whole.text, span: { start: w.start, end: w.end } };
  });
  let found = 0;
  let sure = 0;
  const foundBest = new Float64Array(CATEGORIES.length);
  let concern = 0;
  const categoryScores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const bestWindow = new Map<Category, number>();
  const polarity: Record<SentimentLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  let words = 0;
  inputs.forEach((input, i) => {
    model.score(input);
    const windowMask = model.windowCategoryMask();
    found |= windowMask;
    sure |= model.withoutUnsure(windowMask);
    concern = Math.max(concern, model.concern());
    const scores = model.categoryScores();
    CATEGORIES.forEach((category, k) => {
      const score = scores[category];
      if ((windowMask & (1 << k)) !== 0) foundBest[k] = Math.max(foundBest[k]!, score);
      if (score > categoryScores[category]) {
        categoryScores[category] = score;
        bestWindow.set(category, i);
      }
    });
    const weight = Math.max(1, windows[i]!.words);
    const p = model.polarityProbabilities();
    polarity.negative += p.negative * weight;
    polarity.neutral += p.neutral * weight;
    polarity.positive += p.positive * weight;
    words += weight;
  });
  for (const label of ['negative', 'neutral', 'positive'] as const) polarity[label] = Math.round((polarity[label] / words) * 1000) / 1000;
  const label: SentimentLabel =
    polarity.negative >= polarity.neutral && polarity.negative >= polarity.positive ? 'negative' : polarity.neutral >= polarity.positive ? 'neutral' : 'positive';
  return {
    mask: textCategoryMask(found, sure, foundBest),
    sentiment: { label, score: Math.round((polarity.positive - polarity.negative) * 1000) / 1000 },
    categoryScores,
    concern,
    polarity,
    reasons: (category) => {
      model.score(inputs[bestWindow.get(category) ?? 0]!);
      return model.reasons(category, REASONS_PER_CATEGORY);
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
  return adjustSeverity(highest, onlyComplaints, sentiment, offensive, engagement);
}

/**
 * severityOf for categories the model decided: the rules that matched in those categories, and
 * a category's default severity where no rule of it matched; the same adjustments.
 */
export function severityOfCategories(categories: readonly Category[], hits: readonly RuleHit[], sentiment: Sentiment, offensive: boolean, engagement: number): Severity | null {
  const kept = hits.filter((hit) => categories.includes(hit.rule.category));
  const ruled = new Set(kept.map((hit) => hit.rule.category));
  let highest = 0;
  for (const hit of kept) if (hit.rule.severity !== null) highest = Math.max(highest, severityRank(hit.rule.severity));
  for (const category of categories) {
    const fallback = CATEGORY_DEFAULT_SEVERITY[category];
    if (!ruled.has(category) && fallback !== null) highest = Math.max(highest, severityRank(fallback));
  }
  if (highest === 0) return null;
  const onlyComplaints = categories.every((c) => c === 'phan_anh_kien_nghi' || c === 'tich_cuc');
  return adjustSeverity(highest, onlyComplaints, sentiment, offensive, engagement);
}

function adjustSeverity(rank: number, onlyComplaints: boolean, sentiment: Sentiment, offensive: boolean, engagement: number): Severity {
  let adjusted = rank;
  if ((sentiment.score <= STRONGLY_NEGATIVE && offensive) || engagement > HIGH_ENGAGEMENT) adjusted++;
  if (onlyComplaints && sentiment.label !== 'negative') adjusted--;
  return severityFromRank(adjusted);
}
