// The learned model at run time: a linear model over the features of features.ts, one row of
// weights per feature. Words and word pairs are found through the tokenizer's syllable ids
// (normalize.ts registerSyllable), so scoring a post hashes no strings; a token whose id the
// registry does not know falls back to a look-up by name.
import { hasCurrentSyllableIds, registerSyllable, syllableId } from '../normalize.js';
import { CATEGORIES, type AnalysisToken, type Category, type SentimentLabel } from '../types.js';
import { exactFeature, pairFeature, visitFeatures, wordFeature, wordOf, type FeatureInput, type FeatureLookup } from './features.js';
import { CONCERN_OUTPUT, OUTPUT_COUNT, POLARITIES, POLARITY_OUTPUT, type ModelFile, type Platt } from './model-file.js';

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
  readonly polarity: { readonly label: SentimentLabel; readonly score: number; readonly probabilities: Readonly<Record<SentimentLabel, number>> };
  /** The strongest features behind a category (computed on demand). */
  reasons(category: Category, limit?: number): ModelReason[];
}

/** Weight key of a pair of syllable ids (the registry stays far below 2^22). */
const PAIR_STRIDE = 4_194_304;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
export function calibrated(platt: Platt, z: number): number {
  return sigmoid(platt.a * z + platt.b);
}

export class LearnedModel {
  readonly featureCount: number;
  readonly trainingExamples: number;
  private readonly weights: Float32Array;
  private readonly names: readonly string[];
  /** Row of each registered syllable id (-1: no word feature). */
  private rowOfId: Int32Array;
  private readonly rowOfName = new Map<string, number>();
  private readonly rowOfPair = new Map<number, number>();
  private readonly categoryPlatt: readonly Platt[];
  private readonly concernPlatt: Platt;
  private readonly temperature: number;
  /** Scratch of the post being scored. */
  private stamp = 0;
  private seen: Uint32Array;
  private readonly rows: number[] = [];
  /** Per row of `rows`: the tokens it comes from (-1: not words). */
  private readonly rowFrom: number[] = [];
  private readonly rowTo: number[] = [];
  private readonly z = new Float64Array(OUTPUT_COUNT);

  constructor(readonly file: ModelFile) {
    this.names = file.features;
    this.featureCount = file.features.length;
    this.trainingExamples = file.training.examples;
    this.weights = dequantize(file);
    this.categoryPlatt = CATEGORIES.map((c) => file.calibration.categories[c]!);
    this.concernPlatt = file.calibration.concern;
    this.temperature = file.calibration.polarity_temperature;
    this.seen = new Uint32Array(this.featureCount);

    const wordRows: Array<[number, number]> = [];
    file.features.forEach((name, row) => {
      this.rowOfName.set(name, row);
      if (name.startsWith('w:')) {
        const word = name.slice(2);
        if (!word.startsWith('#')) wordRows.push([registerSyllable(word), row]);
      } else if (name.startsWith('p:')) {
        const space = name.indexOf(' ');
        const left = name.slice(2, space);
        const right = name.slice(space + 1);
        if (!left.startsWith('#') && !right.startsWith('#')) this.rowOfPair.set(registerSyllable(left) * PAIR_STRIDE + registerSyllable(right), row);
      }
    });
    const maxId = wordRows.reduce((m, [id]) => Math.max(m, id), -1);
    this.rowOfId = new Int32Array(maxId + 1).fill(-1);
    for (const [id, row] of wordRows) this.rowOfId[id] = row;
  }

  /** Scores a post from what the analyzer computed for it. */
  predict(input: FeatureInput, text: string): ModelVerdict {
    const rows = this.collect(input);
    const z = this.z;
    z.fill(0);
    const w = this.weights;
    for (const row of rows) {
      const base = row * OUTPUT_COUNT;
      for (let k = 0; k < OUTPUT_COUNT; k++) z[k] = z[k]! + w[base + k]!;
    }
    const categoryScores = {} as Record<Category, number>;
    const categories: Category[] = [];
    for (let k = 0; k < CATEGORIES.length; k++) {
      const platt = this.categoryPlatt[k]!;
      const p = calibrated(platt, z[k]!);
      categoryScores[CATEGORIES[k]!] = round(p);
      if (p >= platt.threshold) categories.push(CATEGORIES[k]!);
    }
    const concern = calibrated(this.concernPlatt, z[CONCERN_OUTPUT]!);
    const polarity = softmaxPolarity(z, this.temperature);
    const reasonRows = rows.slice();
    const reasonFrom = this.rowFrom.slice();
    const reasonTo = this.rowTo.slice();
    return {
      categoryScores,
      categories,
      concern: round(concern),
      polarity,
      reasons: (category, limit = 5) => this.reasons(category, { rows: reasonRows, from: reasonFrom, to: reasonTo }, input.tokens, text, limit),
    };
  }

  /** The model's rows for the post's features, deduplicated, with the first token of each. */
  private collect(input: FeatureInput): number[] {
    const rows = this.rows;
    const rowFrom = this.rowFrom;
    const rowTo = this.rowTo;
    rows.length = 0;
    rowFrom.length = 0;
    rowTo.length = 0;
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const seen = this.seen;
    const trustIds = hasCurrentSyllableIds(input.tokens);
    const lookup: FeatureLookup = {
      word: (token) => this.wordRow(token, trustIds),
      exact: (token) => this.rowOfName.get(exactFeature(token.norm)) ?? -1,
      pair: (left, right) => this.pairRow(left, right, trustIds),
      named: (name) => this.rowOfName.get(name) ?? -1,
    };
    visitFeatures(input, lookup, (row, from, to) => {
      if (row < 0 || seen[row] === stamp) return;
      seen[row] = stamp;
      rows.push(row);
      rowFrom.push(from);
      rowTo.push(to);
    });
    return rows;
  }

  private idOf(token: AnalysisToken, trustIds: boolean): number {
    // A token made outside tokenize, or before a registration, may lack a current id.
    return trustIds && token.foldedId !== undefined && token.foldedId >= 0 ? token.foldedId : syllableId(token.folded);
  }

  private wordRow(token: AnalysisToken, trustIds: boolean): number {
    if (token.kind !== 'word' && token.kind !== 'emoji') return this.rowOfName.get(wordFeature(wordOf(token))) ?? -1;
    const id = this.idOf(token, trustIds);
    return id >= 0 && id < this.rowOfId.length ? this.rowOfId[id]! : -1;
  }

  private pairRow(left: AnalysisToken, right: AnalysisToken, trustIds: boolean): number {
    const leftWord = left.kind === 'word' || left.kind === 'emoji';
    const rightWord = right.kind === 'word' || right.kind === 'emoji';
    if (!leftWord || !rightWord) return this.rowOfName.get(pairFeature(wordOf(left), wordOf(right))) ?? -1;
    const a = this.idOf(left, trustIds);
    if (a < 0) return -1;
    const b = this.idOf(right, trustIds);
    if (b < 0) return -1;
    return this.rowOfPair.get(a * PAIR_STRIDE + b) ?? -1;
  }

  private reasons(category: Category, post: { rows: readonly number[]; from: readonly number[]; to: readonly number[] }, tokens: readonly AnalysisToken[], text: string, limit: number): ModelReason[] {
    const k = CATEGORIES.indexOf(category);
    const scored: ModelReason[] = [];
    post.rows.forEach((row, i) => {
      const name = this.names[row]!;
      const weight = this.weights[row * OUTPUT_COUNT + k]!;
      // Bias, bins and category flags say nothing a reader can check in the post.
      if (weight <= 0 || !(name.startsWith('w:') || name.startsWith('x:') || name.startsWith('p:') || name.startsWith('r:'))) return;
      const first = tokens[post.from[i]!];
      const last = tokens[post.to[i]!];
      if (first !== undefined && last !== undefined) scored.push({ text: text.slice(first.start, last.end), feature: name, weight: round(weight), start: first.start, end: last.end });
      else scored.push({ text: name.slice(2), feature: name, weight: round(weight) });
    });
    scored.sort((a, b) => b.weight - a.weight || (a.start ?? 0) - (b.start ?? 0));
    const out: ModelReason[] = [];
    const texts = new Set<string>();
    for (const reason of scored) {
      const key = reason.text.toLowerCase();
      if (texts.has(key)) continue;
      texts.add(key);
      out.push(reason);
      if (out.length >= limit) break;
    }
    return out;
  }
}

function softmaxPolarity(z: Float64Array, temperature: number): ModelVerdict['polarity'] {
  const logits = POLARITIES.map((_, i) => z[POLARITY_OUTPUT + i]! / temperature);
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const p = exps.map((e) => e / sum);
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  const probabilities = { negative: round(p[0]!), neutral: round(p[1]!), positive: round(p[2]!) };
  return { label: POLARITIES[best]!, score: round(p[2]! - p[0]!), probabilities };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function dequantize(file: ModelFile): Float32Array {
  const bytes = Buffer.from(file.weights, 'base64');
  const count = file.features.length * OUTPUT_COUNT;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = bytes.readInt16LE(i * 2) * file.scales[i % OUTPUT_COUNT]!;
  return out;
}
