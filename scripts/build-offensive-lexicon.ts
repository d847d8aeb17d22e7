// Regenerates what the offensive-language detector ships from ViHOS (MIT; phusroyal/ViHOS,
// "ViHOS: Hate Speech Spans Detection for Vietnamese", EACL 2023):
//   src/analysis/data/offensive-lexicon.json — terms and phrases mined from the offensive spans
//     of the train split (support and precision filtered; never whole comments), merged with the
//     hand-written base list of src/analysis/data/offensive-base.ts;
//   src/analysis/data/offensive-model.json — a logistic regression over hashed syllable
//     uni/bi-gram features (folded and exact forms) and lexicon-hit features, trained with
//     FTRL-proximal (L1 + L2) on train; the decision threshold is the one with the best F1 on dev.
// Deterministic: seeded shuffles, fixed hyper-parameters, weights rounded to 4 decimals.
//
//   npm run build:offensive            build and write both files
//   npm run build:offensive -- --search   print dev F1 over a small hyper-parameter grid, write nothing
//   npm run build:offensive -- --cv       5-fold cross-validated F1 over train + dev, write nothing
// Reads VIHOS_DIR, else ../shared/datasets/vihos next to the repository root.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLEAN_PHRASES, NEVER_LEXICON, OFFENSIVE_BASE, OFFENSIVE_RAW_FORMS } from '../src/analysis/data/offensive-base.js';
import { foldDiacritics, looksVietnamese, tokenize } from '../src/analysis/normalize.js';
import {
  BIAS_FEATURE,
  buildResources,
  EDGE,
  F_CENTER,
  F_CENTER_EXACT,
  F_LEFT,
  F_NAMED,
  F_PAIR,
  F_RIGHT,
  markPost,
  PAIR_SEPARATOR,
  tokenFeatures,
  type OffensiveLexiconData,
  type OffensiveResources,
} from '../src/analysis/offensive-features.js';
import { plainSentences } from '../src/analysis/syllable-trie.js';
import type { AnalysisToken } from '../src/analysis/types.js';
import { mulberry32, prf, readVihos, shuffle, vihosDir, type VihosRow } from './vihos.js';

const SEED = 20250;
const FOLDS = 5;

/**
 * Lexicon mining: a phrase must be marked offensive in at least this many comments, and the
 * Wilson lower bound (95%) of the share of its comments where it lies inside a span must reach
 * the minimum. One syllable needs more evidence than a phrase: most single syllables are
 * ordinary words that ViHOS annotators marked inside an insult.
 */
const MIN_SPAN_DOCS_UNIGRAM = 6;
const MIN_LOWER_BOUND_UNIGRAM = 0.55;
const MIN_SPAN_DOCS_PHRASE = 3;
const MIN_LOWER_BOUND_PHRASE = 0.35;
const MAX_NGRAM = 3;

function wilsonLowerBound(successes: number, trials: number): number {
  if (trials === 0) return 0;
  const z = 1.96;
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = p + (z * z) / (2 * trials);
  const margin = z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  return (centre - margin) / denominator;
}

export interface TrainParams {
  readonly alpha: number;
  readonly beta: number;
  readonly l1: number;
  readonly l2: number;
  readonly epochs: number;
}
const PARAMS: TrainParams = { alpha: 0.2, beta: 1, l1: 2, l2: 1, epochs: 8 };

interface Doc {
  readonly row: VihosRow;
  readonly tokens: AnalysisToken[];
  readonly plain: readonly boolean[];
}

function toDocs(rows: readonly VihosRow[]): Doc[] {
  return rows.map((row) => {
    const tokens = tokenize(row.content);
    return { row, tokens, plain: plainSentences(tokens) };
  });
}

// ---------------------------------------------------------------------------
// Lexicon mining

function phraseOf(term: string): { norm: string; folded: string; syllables: number } {
  const toks = tokenize(term);
  return { norm: toks.map((t) => t.norm).join(' '), folded: toks.map((t) => t.folded).join(' '), syllables: toks.length };
}

/** NEVER_LEXICON phrases and every contiguous part of them, exact and folded. */
const neverLexicon = new Set<string>();
const neverFolded = new Set<string>();
for (const phrase of NEVER_LEXICON) {
  const toks = tokenize(phrase);
  for (let i = 0; i < toks.length; i++) {
    for (let j = i + 1; j <= toks.length; j++) {
      neverLexicon.add(toks.slice(i, j).map((t) => t.norm).join(' '));
      neverFolded.add(toks.slice(i, j).map((t) => t.folded).join(' '));
    }
  }
}

interface Counts {
  spanDocs: number;
  allDocs: number;
}

function bump(map: Map<string, Counts>, key: string, field: keyof Counts): void {
  let c = map.get(key);
  if (c === undefined) map.set(key, (c = { spanDocs: 0, allDocs: 0 }));
  c[field]++;
}

const MINABLE = new Set<AnalysisToken['kind']>(['word', 'number', 'emoji']);

/** Phrases (norm and folded) that ViHOS annotators mark offensive far more often than not. */
export function mineLexicon(docs: readonly Doc[]): { exact: Map<string, number>; folded: Map<string, number> } {
  const exact = new Map<string, Counts>();
  const folded = new Map<string, Counts>();
  for (const doc of docs) {
    const toks = doc.tokens.filter((t) => MINABLE.has(t.kind));
    const spanSet = new Set(doc.row.spans);
    const inSpan = toks.map((t) => {
      let inside = 0;
      for (let k = t.start; k < t.end; k++) if (spanSet.has(k)) inside++;
      return t.end > t.start && inside * 2 >= t.end - t.start;
    });
    const seenAll = new Set<string>();
    const seenSpanExact = new Set<string>();
    const seenSpanFolded = new Set<string>();
    for (let i = 0; i < toks.length; i++) {
      let normKey = '';
      let foldKey = '';
      let allInside = true;
      for (let n = 1; n <= MAX_NGRAM && i + n <= toks.length; n++) {
        const t = toks[i + n - 1]!;
        if (n > 1 && t.sentence !== toks[i]!.sentence) break;
        normKey = n === 1 ? t.norm : `${normKey} ${t.norm}`;
        foldKey = n === 1 ? t.folded : `${foldKey} ${t.folded}`;
        allInside = allInside && inSpan[i + n - 1]!;
        seenAll.add(`e${normKey}`);
        seenAll.add(`f${foldKey}`);
        if (allInside) {
          seenSpanExact.add(normKey);
          seenSpanFolded.add(foldKey);
        }
      }
    }
    for (const key of seenAll) {
      if (key[0] === 'e') bump(exact, key.slice(1), 'allDocs');
      else bump(folded, key.slice(1), 'allDocs');
    }
    for (const key of seenSpanExact) bump(exact, key, 'spanDocs');
    for (const key of seenSpanFolded) bump(folded, key, 'spanDocs');
  }
  // Folded phrases that are also the folded form of an exact phrase ViHOS uses cleanly
  // ("mat cho": mặt chó, but also mất cho) are ambiguous in text typed without diacritics.
  const cleanReadings = new Set<string>();
  for (const [key, c] of exact) {
    if (c.allDocs >= 2 && c.spanDocs / c.allDocs < 0.3) cleanReadings.add(foldDiacritics(key));
  }
  const select = (counts: Map<string, Counts>, isFolded: boolean): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [key, c] of counts) {
      const unigram = !key.includes(' ');
      if (c.spanDocs < (unigram ? MIN_SPAN_DOCS_UNIGRAM : MIN_SPAN_DOCS_PHRASE)) continue;
      const lowerBound = wilsonLowerBound(c.spanDocs, c.allDocs);
      if (lowerBound < (unigram ? MIN_LOWER_BOUND_UNIGRAM : MIN_LOWER_BOUND_PHRASE)) continue;
      if (!/\p{L}/u.test(key) && !/\p{Extended_Pictographic}/u.test(key)) continue;
      if (unigram && key.length === 1) continue; // "m", "t", "đ": letters, not words
      // A folded syllable of Vietnamese shape stands for several words ("thang": tháng, thằng,
      // thang); only teencode-shaped folded syllables ("vl", "loz") are mined.
      if (isFolded && unigram && looksVietnamese(key)) continue;
      if (isFolded && cleanReadings.has(key)) continue;
      if (neverLexicon.has(key) || neverFolded.has(key)) continue;
      // 1 at the minimum evidence, 3 for a phrase that is (nearly) always marked offensive.
      out.set(key, round(Math.min(3, 1 + (2.5 * Math.max(0, lowerBound - 0.35)) / 0.65), 2));
    }
    return out;
  };
  return { exact: select(exact, false), folded: select(folded, true) };
}


/** Mined phrases merged with the base list (the base list wins where it is stronger). */
export function mergeLexicon(mined: { exact: Map<string, number>; folded: Map<string, number> }): OffensiveLexiconData {
  const exact = new Map(mined.exact);
  const folded = new Map(mined.folded);
  for (const base of OFFENSIVE_BASE) {
    const p = phraseOf(base.term);
    if (p.norm === '') continue;
    exact.set(p.norm, Math.max(exact.get(p.norm) ?? 0, base.weight));
    // One folded syllable of Vietnamese shape is ambiguous ("tao": tạo, "cu": cũ) unless flagged.
    if (p.syllables > 1 || base.folded === true || (p.norm === p.folded && !looksVietnamese(p.folded))) {
      folded.set(p.folded, Math.max(folded.get(p.folded) ?? 0, base.weight));
    }
  }
  // Clean phrases last: weight 0 hides their syllables from the lexicon and the model.
  for (const phrase of CLEAN_PHRASES) {
    const p = phraseOf(phrase);
    if (p.norm === '') continue;
    exact.set(p.norm, 0);
    folded.set(p.folded, 0);
  }
  const raw = new Map<string, number>();
  for (const [form, term] of Object.entries(OFFENSIVE_RAW_FORMS)) {
    const p = phraseOf(term);
    raw.set(form, exact.get(p.norm) ?? folded.get(p.folded) ?? 2);
  }
  const sorted = (m: Map<string, number>): Array<[string, number]> =>
    [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { version: 1, exact: sorted(exact), folded: sorted(folded), raw: sorted(raw) };
}

// ---------------------------------------------------------------------------
// Features and training: one example per token, labelled by the ViHOS spans

interface Example {
  readonly index: Int32Array;
  readonly value: Float64Array;
  readonly label: number;
}

/** A post read for the model: one feature list per model token (null for the others). */
interface PostFeatures {
  readonly tokens: ReadonlyArray<Int32Array | null>;
  readonly labels: readonly number[];
}

function marksOf(doc: Doc, res: OffensiveResources): Int8Array {
  const marks = new Int8Array(doc.tokens.length);
  markPost(doc.tokens, doc.row.content, res, doc.plain, marks);
  return marks;
}

/** A token is offensive when at least half of its characters lie inside a span. */
function tokenLabels(doc: Doc): number[] {
  const spans = new Set(doc.row.spans);
  return doc.tokens.map((t) => {
    let inside = 0;
    for (let k = t.start; k < t.end; k++) if (spans.has(k)) inside++;
    return t.end > t.start && inside * 2 >= t.end - t.start ? 1 : 0;
  });
}

/** Feature names interned to dense ids (the columns of the weight table). */
export class FeatureSpace {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}

export function postFeatures(doc: Doc, marks: Int8Array, space: FeatureSpace): PostFeatures {
  const bias = space.intern(BIAS_FEATURE);
  const labels = tokenLabels(doc);
  const tokens: Array<Int32Array | null> = [];
  const scratch: string[] = [];
  for (let i = 0; i < doc.tokens.length; i++) {
    scratch.length = 0;
    if (!tokenFeatures(doc.tokens, i, marks, scratch)) {
      tokens.push(null);
      continue;
    }
    const ids = new Int32Array(scratch.length + 1);
    ids[0] = bias;
    for (let k = 0; k < scratch.length; k++) ids[k + 1] = space.intern(scratch[k]!);
    tokens.push(ids);
  }
  return { tokens, labels };
}

function examplesOf(posts: readonly PostFeatures[]): Example[] {
  const out: Example[] = [];
  for (const post of posts) {
    post.tokens.forEach((features, i) => {
      if (features === null) return;
      const counts = new Map<number, number>();
      for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
      const sorted = [...counts.entries()].sort((a, b) => a[0] - b[0]);
      out.push({ index: Int32Array.from(sorted.map((e) => e[0])), value: Float64Array.from(sorted.map((e) => e[1])), label: post.labels[i]! });
    });
  }
  return out;
}

/** Whether the lexicon found anything in a post (a hit of weight ≥ 1 on the tokens or raw text). */
function hasHit(doc: Doc, res: OffensiveResources): boolean {
  return markPost(doc.tokens, doc.row.content, res, doc.plain, new Int8Array(doc.tokens.length)).count > 0;
}

/**
 * The score a post without any lexicon hit needs: model-only evidence is what transfers worst
 * to other text (commune posts are longer and use ViHOS's insult words for floods and cattle),
 * so it must be surer. The highest threshold that costs at most MAX_F1_COST of dev F1.
 */
const MAX_F1_COST = 0.02;
function thresholdWithoutHit(probs: readonly number[], hits: readonly boolean[], gold: readonly boolean[], threshold: number): number {
  const f1At = (high: number): number => prf(probs.map((p, i) => p >= threshold && (hits[i]! || p >= high)), gold).f1;
  const base = f1At(threshold);
  let best = threshold;
  for (let k = Math.ceil(threshold * 100); k <= 99; k++) {
    if (f1At(k / 100) >= base - MAX_F1_COST) best = k / 100;
  }
  return best;
}

/** A post's score: the probability of its most offensive token. */
function postScore(weights: Float64Array, post: PostFeatures, bias: number): number {
  let best = -Infinity;
  for (const features of post.tokens) {
    if (features === null) continue;
    let dot = 0;
    for (const f of features) dot += weights[f] ?? 0;
    if (dot > best) best = dot;
  }
  if (best === -Infinity) best = weights[bias]!;
  return 1 / (1 + Math.exp(-best));
}

/** FTRL-proximal logistic regression (McMahan et al. 2013). Returns the weight table. */
export function trainFtrl(examples: readonly Example[], p: TrainParams, seed: number, dim: number): Float64Array {
  const z = new Float64Array(dim);
  const n = new Float64Array(dim);
  const weightOf = (i: number): number => {
    const zi = z[i]!;
    if (Math.abs(zi) <= p.l1) return 0;
    return -(zi - Math.sign(zi) * p.l1) / ((p.beta + Math.sqrt(n[i]!)) / p.alpha + p.l2);
  };
  const random = mulberry32(seed);
  const order = examples.map((_, i) => i);
  const w = new Float64Array(64);
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    shuffle(order, random);
    for (const e of order) {
      const ex = examples[e]!;
      const len = ex.index.length;
      const ws = len <= w.length ? w : new Float64Array(len);
      let dot = 0;
      for (let k = 0; k < len; k++) {
        ws[k] = weightOf(ex.index[k]!);
        dot += ws[k]! * ex.value[k]!;
      }
      const prob = 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, dot))));
      const g = prob - ex.label;
      for (let k = 0; k < len; k++) {
        const i = ex.index[k]!;
        const gi = g * ex.value[k]!;
        const sigma = (Math.sqrt(n[i]! + gi * gi) - Math.sqrt(n[i]!)) / p.alpha;
        z[i]! += gi - sigma * ws[k]!;
        n[i]! += gi * gi;
      }
    }
  }
  const weights = new Float64Array(dim);
  for (let i = 0; i < dim; i++) weights[i] = round(weightOf(i), 4);
  return weights;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** How much smoothed F1 the threshold may give up for precision. */
const F1_TOLERANCE = 0.003;

/**
 * The decision threshold: F1 is averaged over a window of ±0.05 around each candidate (the
 * curve is flat near its top and its plain argmax wanders with a few comments); among the
 * candidates within F1_TOLERANCE of the best, the highest wins, because a false positive costs
 * a collaborator's time.
 */
function bestThreshold(probs: readonly number[], gold: readonly boolean[]): { threshold: number; f1: number } {
  const grid: number[] = [];
  for (let k = 10; k <= 90; k++) grid.push(k / 100);
  const f1 = grid.map((th) => prf(probs.map((p) => p >= th), gold).f1);
  const smoothed: Array<{ threshold: number; f1: number }> = [];
  for (let k = 5; k < grid.length - 5; k++) {
    let sum = 0;
    for (let d = -5; d <= 5; d++) sum += f1[k + d]!;
    smoothed.push({ threshold: grid[k]!, f1: sum / 11 });
  }
  const top = Math.max(...smoothed.map((c) => c.f1));
  return smoothed.filter((c) => c.f1 >= top - F1_TOLERANCE).at(-1)!;
}

// ---------------------------------------------------------------------------

interface Built {
  readonly lexicon: OffensiveLexiconData;
  readonly weights: Float64Array;
  readonly space: FeatureSpace;
  readonly threshold: number;
  readonly thresholdWithoutHit: number;
  readonly dev: ReturnType<typeof prf>;
}

function build(train: readonly Doc[], dev: readonly Doc[], params: TrainParams, log: (s: string) => void): Built {
  // Cross-fitted lexicon marks for train: each fold's marks come from a lexicon mined without
  // that fold, so the model learns how far a lexicon hit can be trusted on unseen text.
  const order = shuffle(
    train.map((_, i) => i),
    mulberry32(SEED),
  );
  const foldOf = new Int32Array(train.length);
  order.forEach((docIndex, rank) => (foldOf[docIndex] = rank % FOLDS));
  const trainMarks: Int8Array[] = new Array<Int8Array>(train.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const res = buildResources(mergeLexicon(mineLexicon(train.filter((_, i) => foldOf[i] !== fold))));
    train.forEach((doc, i) => {
      if (foldOf[i] === fold) trainMarks[i] = marksOf(doc, res);
    });
  }
  const lexicon = mergeLexicon(mineLexicon(train));
  const res = buildResources(lexicon);
  log(`lexicon: ${lexicon.exact.length} exact, ${lexicon.folded.length} folded, ${lexicon.raw.length} raw forms`);

  const space = new FeatureSpace();
  const trainPosts = train.map((doc, i) => postFeatures(doc, trainMarks[i]!, space));
  const examples = examplesOf(trainPosts);
  log(`token examples: ${examples.length} (${examples.filter((e) => e.label === 1).length} offensive), ${space.names.length} features`);
  const weights = trainFtrl(examples, params, SEED, space.names.length);
  const bias = space.intern(BIAS_FEATURE);
  const devPosts = dev.map((doc) => postFeatures(doc, marksOf(doc, res), space));
  const probs = devPosts.map((post) => postScore(weights, post, bias));
  const gold = dev.map((d) => d.row.offensive);
  const { threshold } = bestThreshold(probs, gold);
  const hits = dev.map((doc) => hasHit(doc, res));
  const withoutHit = thresholdWithoutHit(probs, hits, gold, threshold);
  const modelOnly = prf(
    probs.map((p) => p >= threshold),
    gold,
  );
  log(`dev, one threshold: precision ${modelOnly.precision.toFixed(4)} recall ${modelOnly.recall.toFixed(4)} F1 ${modelOnly.f1.toFixed(4)} at ${threshold}`);
  const scores = prf(
    probs.map((p, i) => p >= threshold && (hits[i]! || p >= withoutHit)),
    gold,
  );
  return { lexicon, weights, space, threshold, thresholdWithoutHit: withoutHit, dev: scores };
}

/**
 * The non-zero weights, laid out the way the detector reads them: per syllable (as the scored
 * token, as its left / right neighbour, first / last of a run), exact spellings, the pairs of
 * syllables (indices into `syllables`), and the named features.
 */
function encodeModel(built: Built): object {
  const { weights, space, threshold, thresholdWithoutHit: withoutHit, dev } = built;
  const perSyllable = new Map<string, number[]>();
  const slot = (s: string): number[] => {
    let u = perSyllable.get(s);
    if (u === undefined) perSyllable.set(s, (u = [0, 0, 0, 0, 0]));
    return u;
  };
  const named: Record<string, number> = {};
  const exact: Array<[string, number]> = [];
  const pairs: Array<[string, string, number]> = [];
  let edgeLeft = 0;
  let edgeRight = 0;
  for (let id = 0; id < space.names.length; id++) {
    const w = id < weights.length ? weights[id]! : 0;
    if (w === 0) continue;
    const name = space.names[id]!;
    const rest = name.slice(1);
    switch (name[0]) {
      case F_CENTER:
        slot(rest)[0] = w;
        break;
      case F_LEFT:
        if (rest === EDGE) edgeLeft = w;
        else slot(rest)[1] = w;
        break;
      case F_RIGHT:
        if (rest === EDGE) edgeRight = w;
        else slot(rest)[2] = w;
        break;
      case F_PAIR: {
        const [a, b] = rest.split(PAIR_SEPARATOR) as [string, string];
        if (a === EDGE && b !== EDGE) slot(b)[3] = w;
        else if (b === EDGE && a !== EDGE) slot(a)[4] = w;
        else if (a !== EDGE && b !== EDGE) {
          slot(a);
          slot(b);
          pairs.push([a, b, w]);
        }
        break;
      }
      case F_CENTER_EXACT:
        slot(foldDiacritics(rest));
        exact.push([rest, w]);
        break;
      case F_NAMED:
        named[rest] = w;
        break;
      default:
        throw new Error(`unknown feature ${JSON.stringify(name)}`);
    }
  }
  const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const syllables = [...perSyllable.keys()].sort(byString);
  const indexOf = new Map(syllables.map((s, i) => [s, i]));
  pairs.sort((p, q) => indexOf.get(p[0])! - indexOf.get(q[0])! || indexOf.get(p[1])! - indexOf.get(q[1])!);
  exact.sort((p, q) => byString(p[0], q[0]));
  return {
    version: 2,
    source: 'ViHOS train split (MIT, phusroyal/ViHOS); threshold chosen on ViHOS dev',
    model: 'per token (trained on the ViHOS spans); a post scores as its most offensive token',
    features: 'folded syllable, exact syllable with diacritics, left/right neighbours, left/right bigrams, lexicon marks of the token and near it',
    threshold,
    thresholdWithoutHit: withoutHit,
    dev: { precision: round(dev.precision, 4), recall: round(dev.recall, 4), f1: round(dev.f1, 4) },
    named,
    edge: [edgeLeft, edgeRight],
    syllables,
    /** Per syllable: center, as left neighbour, as right neighbour, first of a run, last of a run. */
    unigram: syllables.flatMap((s) => perSyllable.get(s)!),
    exact,
    /** Triples: index of the left syllable, of the right syllable, weight. */
    pairs: pairs.flatMap(([a, b, w]) => [indexOf.get(a)!, indexOf.get(b)!, w]),
  };
}

function main(): void {
  const dir = vihosDir();
  const started = Date.now();
  const train = toDocs(readVihos('train', dir));
  const dev = toDocs(readVihos('dev', dir));
  const log = (s: string): void => console.error(s);
  log(`vihos: ${train.length} train, ${dev.length} dev comments from ${dir}`);

  if (process.argv.includes('--cv')) {
    // 5-fold cross-validation over train + dev together (each fold's F1 at its best threshold).
    const all = [...train, ...dev];
    const order = shuffle(
      all.map((_, i) => i),
      mulberry32(SEED + 1),
    );
    const f1s: number[] = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      const heldOut = order.filter((_, rank) => rank % FOLDS === fold).map((i) => all[i]!);
      const rest = order.filter((_, rank) => rank % FOLDS !== fold).map((i) => all[i]!);
      const built = build(rest, heldOut, PARAMS, () => undefined);
      f1s.push(built.dev.f1);
    }
    const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
    console.log(`cv F1 ${mean.toFixed(4)} (${f1s.map((f) => f.toFixed(3)).join(' ')})`);
    return;
  }

  if (process.argv.includes('--search')) {
    {
      for (const l1 of [0.5, 1, 2]) {
        for (const l2 of [0.5, 1, 5]) {
          for (const alpha of [0.05, 0.1, 0.2]) {
            for (const epochs of [4, 8]) {
              const params = { ...PARAMS, l1, l2, alpha, epochs };
              const built = build(train, dev, params, () => undefined);
              const nz = built.weights.reduce((a, w) => a + (w !== 0 ? 1 : 0), 0);
              console.log(JSON.stringify({ ...params, threshold: built.threshold, f1: round(built.dev.f1, 4), p: round(built.dev.precision, 4), r: round(built.dev.recall, 4), nz }));
            }
          }
        }
      }
    }
    return;
  }

  const built = build(train, dev, PARAMS, log);
  const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'analysis', 'data');
  const lexiconJson = {
    ...built.lexicon,
    source: 'Phrases mined from the offensive spans of the ViHOS train split (MIT, phusroyal/ViHOS) merged with src/analysis/data/offensive-base.ts',
  };
  writeFileSync(resolve(dataDir, 'offensive-lexicon.json'), `${JSON.stringify(lexiconJson)}\n`);
  writeFileSync(resolve(dataDir, 'offensive-model.json'), `${JSON.stringify(encodeModel(built))}\n`);
  const d = built.dev;
  log(
    `dev: precision ${d.precision.toFixed(4)} recall ${d.recall.toFixed(4)} F1 ${d.f1.toFixed(4)} at threshold ${built.threshold}, ${built.thresholdWithoutHit} without a lexicon hit ` +
      `(tp ${d.tp} fp ${d.fp} fn ${d.fn} tn ${d.tn}); ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
