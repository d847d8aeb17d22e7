// The learned model at run time: a linear model over the features of features.ts, one row of
// weights per feature. Words and word pairs are found through the tokenizer's syllable ids
// (normalize.ts registerSyllable), so scoring a post builds no strings and allocates nothing: the
// analyzer runs it on every post.
// `collect` walks a post exactly as visitFeatures does (a test holds them equal), written out
// here because callbacks per token cost more than the arithmetic they serve.
import { hasCurrentSyllableIds, registerSyllable, syllableId } from '../normalize.js';
import { CATEGORIES, type AnalysisToken, type Category, type Sentiment, type SentimentLabel } from '../types.js';
import {
  BIAS,
  categoryFeature,
  EXCLAMATION_FEATURE,
  lengthBin,
  lexiconBin,
  LEXICON_STEPS,
  lexiconStepIndex,
  OFFENSIVE_FEATURE,
  OFFENSIVE_STEPS,
  offensiveStepIndex,
  QUESTION_FEATURE,
  ruleFeature,
  spanHas,
  wordOf,
  type FeatureInput,
} from './features.js';
import { CONCERN_OUTPUT, INCIDENT_MASK, OUTPUT_COUNT, POLARITY_OUTPUT, rescuedCategory, type ModelFile, type Platt } from './model-file.js';

/** Why the model gave a category: the features of the post that pushed it most. */
export interface ModelReason {
  /** The words of the post (as written) or the rule behind the feature. */
  readonly text: string;
  /** The feature as the model names it ("w:boi", "p:boi thuong", "r:gpmb-boi-thuong"). */
  readonly feature: string;
  /** Its contribution to the category's raw score. */
  readonly weight: number;
  /** Offsets into the post of the words, when the feature is words. */
  readonly start?: number;
  readonly end?: number;
}

export interface ModelVerdict {
  /** Calibrated probability of each category. */
  readonly categoryScores: Readonly<Record<Category, number>>;
  /** The categories at or above their thresholds, in CATEGORIES order. */
  readonly categories: readonly Category[];
  /** Calibrated probability that the post carries some incident category. */
  readonly concern: number;
  readonly polarity: PolarityVerdict;
  /** The strongest features behind a category. */
  reasons(category: Category, limit?: number): ModelReason[];
}

export interface PolarityVerdict {
  readonly label: SentimentLabel;
  /** p(positive) − p(negative), in [-1, 1]. */
  readonly score: number;
  readonly probabilities: Readonly<Record<SentimentLabel, number>>;
}

/** The raw score at which a calibrated head reaches `threshold` (its own by default). */
function rawCut(p: Platt, threshold = p.threshold): number {
  return (Math.log(threshold / (1 - threshold)) - p.b) / (p.a === 0 ? Number.MIN_VALUE : p.a);
}

/**
 * How sure a window of a long text must be of a category for the text to keep it
 * (windows.ts, textCategoryMask). Chosen on the base data's 108 long texts, each half scored by
 * models trained on the other half (`npx tsx scripts/long-text-categories.ts`): categories 0.78–0.80
 * → 0.81–0.83 over three seeds, level from 0.7 to 0.9.
 */
export const WINDOW_CATEGORY_SCORE = 0.8;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
function calibrated(platt: Platt, z: number): number {
  return sigmoid(platt.a * z + platt.b);
}
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Rows of word pairs keyed by two syllable ids: open addressing over typed arrays (a Map keyed by
 * a * 2^22 + b would hash a heap number per look-up).
 */
class PairTable {
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;

  constructor(entries: readonly (readonly [number, number, number])[]) {
    let size = 16;
    while (size < entries.length * 2) size *= 2;
    this.mask = size - 1;
    this.left = new Int32Array(size).fill(-1);
    this.right = new Int32Array(size);
    this.rows = new Int32Array(size);
    for (const [a, b, row] of entries) {
      let at = this.slot(a, b);
      while (this.left[at] !== -1) at = (at + 1) & this.mask;
      this.left[at] = a;
      this.right[at] = b;
      this.rows[at] = row;
    }
  }

  private slot(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.mask;
  }

  get(a: number, b: number): number {
    let at = this.slot(a, b);
    for (;;) {
      const l = this.left[at]!;
      if (l === -1) return -1;
      if (l === a && this.right[at] === b) return this.rows[at]!;
      at = (at + 1) & this.mask;
    }
  }
}

const KIND_WORDS = ['number', 'url', 'mention', 'hashtag'] as const;
if (OUTPUT_COUNT !== 13) throw new Error('LearnedModel.score is written for 13 outputs');

export class LearnedModel {
  readonly featureCount: number;
  readonly trainingExamples: number;
  /** The int16 steps as stored (half the memory of floats: the rows a post reads stay in cache). */
  private readonly steps: Int16Array;
  private readonly scales: Float64Array;
  private readonly names: readonly string[];
  /** 1 for features a reader can check in the post: words, word pairs, rules (reasons() shows them). */
  private readonly explainable: Uint8Array;
  /** Row of each registered syllable id (-1: no word feature). */
  private readonly rowOfId: Int32Array;
  /** Rows of features looked up by name: rules, categories, bins, kinds. */
  private readonly rowOfName = new Map<string, number>();
  private readonly pairs: PairTable;
  private readonly kindRow: Record<string, number> = {};
  private readonly fixedRow: Record<string, number> = {};
  /** Rows of the fine lexicon and offensive bins, by position (-1: a model trained before them). */
  private readonly lexiconStepRows: Int32Array;
  private readonly offensiveStepRows: Int32Array;
  private readonly categoryPlatt: readonly Platt[];
  private readonly rawCut: Float64Array;
  private readonly rawAbove: Uint8Array;
  /** rawCut at WINDOW_CATEGORY_SCORE. */
  private readonly sureCut: Float64Array;
  private readonly concernPlatt: Platt;
  private readonly concernCut: number;
  private readonly concernAbove: boolean;
  private readonly temperature: number;
  // Scratch of the post scored last (reasons() reads it).
  /** 1 for the rows of the post being collected; cleared again after each post. */
  private readonly seen: Uint8Array;
  private rows = new Int32Array(512);
  private rowFrom = new Int32Array(512);
  private rowTo = new Int32Array(512);
  private rowCount = 0;
  private readonly z = new Float64Array(OUTPUT_COUNT);
  private readonly softmax: [number, number, number] = [0, 0, 0];
  private lastTokens: readonly AnalysisToken[] = [];
  private lastText = '';
  /** Categories of the rules that matched the post scored last and that the model never saw. */
  private unknownRules = 0;

  constructor(readonly file: ModelFile) {
    this.names = file.features;
    this.explainable = Uint8Array.from(file.features, (name) => (name.startsWith('w:') || name.startsWith('p:') || name.startsWith('r:') ? 1 : 0));
    this.featureCount = file.features.length;
    this.trainingExamples = file.training.examples;
    this.steps = int16Steps(file);
    this.scales = Float64Array.from(file.scales);
    this.categoryPlatt = CATEGORIES.map((c) => file.calibration.categories[c]!);
    this.concernPlatt = file.calibration.concern;
    this.temperature = file.calibration.polarity_temperature;
    this.seen = new Uint8Array(this.featureCount);
    // sigmoid(a·z + b) ≥ t  ⇔  a·z ≥ logit(t) − b: for a > 0, z ≥ cut; for a < 0, z ≤ cut.
    this.rawCut = Float64Array.from(this.categoryPlatt, (p) => rawCut(p));
    this.sureCut = Float64Array.from(this.categoryPlatt, (p) => rawCut(p, WINDOW_CATEGORY_SCORE));
    this.rawAbove = Uint8Array.from(this.categoryPlatt, (p) => (p.a >= 0 ? 1 : 0));
    this.concernCut = rawCut(this.concernPlatt);
    this.concernAbove = this.concernPlatt.a >= 0;

    const wordRows: Array<[number, number]> = [];
    const pairRows: Array<[number, number, number]> = [];
    file.features.forEach((name, row) => {
      if (name.startsWith('w:') && !name.startsWith('w:#')) wordRows.push([registerSyllable(name.slice(2)), row]);
      else if (name.startsWith('p:')) {
        const space = name.indexOf(' ');
        const left = name.slice(2, space);
        const right = name.slice(space + 1);
        if (!left.startsWith('#') && !right.startsWith('#')) pairRows.push([registerSyllable(left), registerSyllable(right), row]);
        else this.rowOfName.set(name, row);
      } else this.rowOfName.set(name, row);
    });
    const maxId = wordRows.reduce((m, [id]) => Math.max(m, id), -1);
    this.rowOfId = new Int32Array(maxId + 1).fill(-1);
    for (const [id, row] of wordRows) this.rowOfId[id] = row;
    this.pairs = new PairTable(pairRows);
    for (const kind of KIND_WORDS) this.kindRow[kind] = this.rowOfName.get(`w:${wordOf({ kind } as AnalysisToken)}`) ?? -1;
    for (const name of [BIAS, OFFENSIVE_FEATURE, QUESTION_FEATURE, EXCLAMATION_FEATURE]) this.fixedRow[name] = this.rowOfName.get(name) ?? -1;
    this.lexiconStepRows = Int32Array.from(LEXICON_STEPS, (name) => this.rowOfName.get(name) ?? -1);
    this.offensiveStepRows = Int32Array.from(OFFENSIVE_STEPS, (name) => this.rowOfName.get(name) ?? -1);
  }

  /** Scores a post; the verdict's reasons() stay valid until the next call. */
  score(input: FeatureInput): void {
    this.collect(input);
    // Thirteen accumulators in registers (OUTPUT_COUNT is 13), of int16 steps, scaled once at the
    // end: the hottest loop of the model.
    const w = this.steps;
    const rows = this.rows;
    let z0 = 0, z1 = 0, z2 = 0, z3 = 0, z4 = 0, z5 = 0, z6 = 0, z7 = 0, z8 = 0, z9 = 0, z10 = 0, z11 = 0, z12 = 0; // prettier-ignore
    for (let r = 0; r < this.rowCount; r++) {
      const b = rows[r]! * 13;
      z0 += w[b]!;
      z1 += w[b + 1]!;
      z2 += w[b + 2]!;
      z3 += w[b + 3]!;
      z4 += w[b + 4]!;
      z5 += w[b + 5]!;
      z6 += w[b + 6]!;
      z7 += w[b + 7]!;
      z8 += w[b + 8]!;
      z9 += w[b + 9]!;
      z10 += w[b + 10]!;
      z11 += w[b + 11]!;
      z12 += w[b + 12]!;
    }
    const z = this.z;
    const s = this.scales;
    z[0] = z0 * s[0]!;
    z[1] = z1 * s[1]!;
    z[2] = z2 * s[2]!;
    z[3] = z3 * s[3]!;
    z[4] = z4 * s[4]!;
    z[5] = z5 * s[5]!;
    z[6] = z6 * s[6]!;
    z[7] = z7 * s[7]!;
    z[8] = z8 * s[8]!;
    z[9] = z9 * s[9]!;
    z[10] = z10 * s[10]!;
    z[11] = z11 * s[11]!;
    z[12] = z12 * s[12]!;
    this.lastTokens = input.tokens;
    this.lastText = input.text;
  }

  /**
   * Bit k set: CATEGORIES[k] is at or above its threshold for the post scored last, or a rule of it
   * matched that the model was not trained with: a rule an admin has just written takes effect
   * before any retraining has learned how far to trust it. With `rescue`, a post the concern head
   * calls an incident gets its likeliest incident category when none reached its threshold
   * (rescuedCategory); a window of a long text does without (windowCategoryMask).
   */
  categoryMask(rescue = true): number {
    let mask = this.unknownRules;
    const z = this.z;
    // The calibrated thresholds as raw scores: no exp per category and post.
    for (let k = 0; k < CATEGORIES.length; k++) {
      const cut = this.rawCut[k]!;
      if (this.rawAbove[k] === 1 ? z[k]! >= cut : z[k]! <= cut) mask |= 1 << k;
    }
    if (!rescue || (mask & INCIDENT_MASK) !== 0) return mask;
    const rescued = rescuedCategory(mask, this.concernIsIncident(), (k) => calibrated(this.categoryPlatt[k]!, z[k]!));
    return rescued < 0 ? mask : mask | (1 << rescued);
  }

  /**
   * The categories of one window of a long text: an incident category counts only when the
   * window's concern head also calls it an incident. A text of ten windows has ten chances to
   * raise a false alarm, so one window must convince both heads (a rule the model was never
   * trained with still counts, as in categoryMask).
   */
  windowCategoryMask(): number {
    const mask = this.categoryMask(false);
    return this.concernIsIncident() ? mask : (mask & ~INCIDENT_MASK) | this.unknownRules;
  }

  /**
   * `mask` without the categories the post scored last is less than `minScore` sure of; a rule
   * the model was never trained with still counts.
   */
  withoutUnsure(mask: number, minScore = WINDOW_CATEGORY_SCORE): number {
    let kept = mask;
    const z = this.z;
    for (let k = 0; k < CATEGORIES.length; k++) {
      const bit = 1 << k;
      if ((mask & bit) === 0 || (this.unknownRules & bit) !== 0) continue;
      const cut = minScore === WINDOW_CATEGORY_SCORE ? this.sureCut[k]! : rawCut(this.categoryPlatt[k]!, minScore);
      if (this.rawAbove[k] === 1 ? z[k]! < cut : z[k]! > cut) kept &= ~bit;
    }
    return kept;
  }

  /** Whether the concern head calls the post scored last an incident (at its threshold). */
  private concernIsIncident(): boolean {
    const concern = this.z[CONCERN_OUTPUT]!;
    return this.concernAbove ? concern >= this.concernCut : concern <= this.concernCut;
  }

  categoryScores(): Record<Category, number> {
    const scores = {} as Record<Category, number>;
    for (let k = 0; k < CATEGORIES.length; k++) scores[CATEGORIES[k]!] = round(calibrated(this.categoryPlatt[k]!, this.z[k]!));
    return scores;
  }

  concern(): number {
    return round(calibrated(this.concernPlatt, this.z[CONCERN_OUTPUT]!));
  }

  /** Polarity of the post scored last: the likeliest label, and p(positive) − p(negative). */
  polarity(): Sentiment {
    const [negative, neutral, positive] = this.polaritySoftmax();
    const label: SentimentLabel = negative >= neutral && negative >= positive ? 'negative' : neutral >= positive ? 'neutral' : 'positive';
    return { label, score: round(positive - negative) };
  }

  polarityProbabilities(): Record<SentimentLabel, number> {
    const [negative, neutral, positive] = this.polaritySoftmax();
    return { negative: round(negative), neutral: round(neutral), positive: round(positive) };
  }

  private polaritySoftmax(): [number, number, number] {
    const t = this.temperature;
    const z = this.z;
    const a = z[POLARITY_OUTPUT]! / t;
    const b = z[POLARITY_OUTPUT + 1]! / t;
    const c = z[POLARITY_OUTPUT + 2]! / t;
    const max = Math.max(a, b, c);
    const ea = Math.exp(a - max);
    const eb = Math.exp(b - max);
    const ec = Math.exp(c - max);
    const sum = ea + eb + ec;
    const scratch = this.softmax;
    scratch[0] = ea / sum;
    scratch[1] = eb / sum;
    scratch[2] = ec / sum;
    return scratch;
  }

  /** Everything at once: for tests, the eval and explanations. */
  predict(input: FeatureInput): ModelVerdict {
    this.score(input);
    const mask = this.categoryMask();
    return {
      categoryScores: this.categoryScores(),
      categories: CATEGORIES.filter((_, k) => (mask & (1 << k)) !== 0),
      concern: this.concern(),
      polarity: { ...this.polarity(), probabilities: this.polarityProbabilities() },
      reasons: (category, limit = 5) => this.reasons(category, limit),
    };
  }

  /**
   * The strongest features of the post scored last that pushed `category` up; for a category the
   * concern head gave (rescuedCategory) with no feature of its own, those that made it an incident.
   */
  reasons(category: Category, limit = 5): ModelReason[] {
    const own = this.reasonsOf(CATEGORIES.indexOf(category), limit);
    return own.length > 0 ? own : this.reasonsOf(CONCERN_OUTPUT, limit);
  }

  private reasonsOf(k: number, limit: number): ModelReason[] {
    const tokens = this.lastTokens;
    const scale = this.scales[k]!;
    // Rank first, on numbers; strings and objects only for the few reasons kept.
    const candidates: { weight: number; start: number; r: number }[] = [];
    for (let r = 0; r < this.rowCount; r++) {
      const row = this.rows[r]!;
      // Bias, bins and category flags say nothing a reader can check in the post.
      if (this.explainable[row] !== 1) continue;
      const weight = this.steps[row * OUTPUT_COUNT + k]! * scale;
      if (weight <= 0) continue;
      candidates.push({ weight: round(weight), start: this.wordsOf(r)?.start ?? 0, r });
    }
    candidates.sort((a, b) => b.weight - a.weight || a.start - b.start);
    const out: ModelReason[] = [];
    const texts = new Set<string>();
    for (const { weight, r } of candidates) {
      const name = this.names[this.rows[r]!]!;
      const words = this.wordsOf(r);
      const reason: ModelReason = words ? { text: this.lastText.slice(words.start, words.end), feature: name, weight, start: words.start, end: words.end } : { text: name.slice(2), feature: name, weight };
      const key = reason.text.toLowerCase();
      if (texts.has(key)) continue;
      texts.add(key);
      out.push(reason);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Where in the post scored last the words of its r-th feature are, or null for a feature that is not words. */
  private wordsOf(r: number): { start: number; end: number } | null {
    const from = this.rowFrom[r]!;
    const first = from >= 0 ? this.lastTokens[from] : undefined;
    const last = this.lastTokens[this.rowTo[r]!];
    return first !== undefined && last !== undefined ? { start: first.start, end: last.end } : null;
  }

  /** The rows of the post's features, deduplicated, in visitFeatures' order, with their tokens. */
  private collect(input: FeatureInput): void {
    const tokens = input.tokens;
    if (this.rows.length < tokens.length * 3 + 64) this.grow(tokens.length * 3 + 64);
    this.rowCount = 0;
    // Locals, not fields, in the loop: it runs for every feature of every post.
    const rowOfId = this.rowOfId;
    const idCount = rowOfId.length;
    const pairs = this.pairs;
    const kindRow = this.kindRow;
    const trustIds = hasCurrentSyllableIds(tokens);
    this.push(this.fixedRow[BIAS]!, -1, -1);
    let words = 0;
    let previousId = -1;
    let previous: AnalysisToken | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const kind = token.kind;
      const isWord = kind === 'word' || kind === 'emoji';
      let id = -1;
      if (isWord) {
        id = trustIds && token.foldedId !== undefined ? token.foldedId : syllableId(token.folded);
        if (id >= 0 && id < idCount) this.push(rowOfId[id]!, i, i);
        if (kind === 'word') words++;
      } else this.push(kindRow[kind] ?? -1, i, i);
      if (previous !== undefined && previous.sentence === token.sentence) {
        if (previousId >= 0 && id >= 0) this.push(pairs.get(previousId, id), i - 1, i);
        else if (!isWord || !(previous.kind === 'word' || previous.kind === 'emoji')) this.push(this.rowOfName.get(`p:${wordOf(previous)} ${wordOf(token)}`) ?? -1, i - 1, i);
      }
      previous = token;
      previousId = id;
    }
    let unknownRules = 0;
    for (const hit of input.hits) {
      const rule = this.rowOfName.get(ruleFeature(hit.rule.id));
      if (rule === undefined) unknownRules |= 1 << CATEGORIES.indexOf(hit.rule.category);
      this.push(rule ?? -1, -1, -1);
      this.push(this.rowOfName.get(categoryFeature(hit.rule.category)) ?? -1, -1, -1);
    }
    this.unknownRules = unknownRules;
    this.push(this.rowOfName.get(lexiconBin(input.lexiconScore)) ?? -1, -1, -1);
    this.push(this.lexiconStepRows[lexiconStepIndex(input.lexiconScore)]!, -1, -1);
    if (input.offensive) this.push(this.fixedRow[OFFENSIVE_FEATURE]!, -1, -1);
    this.push(this.offensiveStepRows[offensiveStepIndex(input.offensiveScore)]!, -1, -1);
    this.push(this.rowOfName.get(lengthBin(words)) ?? -1, -1, -1);
    if (spanHas(input, '?')) this.push(this.fixedRow[QUESTION_FEATURE]!, -1, -1);
    if (spanHas(input, '!')) this.push(this.fixedRow[EXCLAMATION_FEATURE]!, -1, -1);
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.kind === 'emoji') this.push(this.rowOfName.get(`e:${last.norm}`) ?? -1, -1, -1);
    const seen = this.seen;
    const rows = this.rows;
    for (let r = 0; r < this.rowCount; r++) seen[rows[r]!] = 0;
  }

  /** Adds a row once per post (-1: a feature outside the vocabulary, ignored). */
  private push(row: number, from: number, to: number): void {
    if (row < 0 || this.seen[row] === 1) return;
    this.seen[row] = 1;
    const at = this.rowCount++;
    this.rows[at] = row;
    this.rowFrom[at] = from;
    this.rowTo[at] = to;
  }

  private grow(size: number): void {
    const grown = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a.subarray(0, Math.min(a.length, size)));
      return b;
    };
    this.rows = grown(this.rows);
    this.rowFrom = grown(this.rowFrom);
    this.rowTo = grown(this.rowTo);
  }
}


function int16Steps(file: ModelFile): Int16Array {
  const bytes = Buffer.from(file.weights, 'base64');
  const out = new Int16Array(file.features.length * OUTPUT_COUNT);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(i * 2);
  return out;
}
