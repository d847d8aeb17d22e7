// Offensive-language detection (profanity, insults, hate). A lexicon pass marks tokens (exact
// forms, folded forms in sentences typed without diacritics, and obfuscations read from the raw
// text: "đ.m", "đ!t", "n g u", "l0n"); then a logistic regression scores every token — "is it part
// of something offensive?", trained on the ViHOS spans — from its syllable, its neighbours, the
// pairs it forms with them and the lexicon marks on and near it. A post scores as its most
// offensive token, so a long clean post never adds up to an offensive one. A post is offensive at
// OFFENSIVE_THRESHOLD (best F1 on ViHOS dev) when the lexicon found something in it, else only at
// the higher OFFENSIVE_THRESHOLD_WITHOUT_HIT. Lexicon and weights are generated from ViHOS (MIT,
// phusroyal/ViHOS) plus the project's base list by `npm run build:offensive`.
// Pure: the data is imported, nothing is read at run time.
import lexiconJson from './data/offensive-lexicon.json' with { type: 'json' };
import modelJson from './data/offensive-model.json' with { type: 'json' };
import { foldDiacritics, hasCurrentSyllableIds, intern, registerSyllable } from './normalize.js';
import {
  BIAS_FEATURE,
  buildResources,
  EDGE,
  F_CENTER,
  F_CENTER_EXACT,
  F_LEFT,
  F_NAMED,
  F_RIGHT,
  MARK_CLEAN,
  MARK_FEATURES,
  MARK_OBFUSCATED,
  markPost,
  NEAR,
  NEAR_FEATURES,
  obfuscationHits,
  pairFeature,
  SparseWeights,
  tokenFeatures,
  tokenHits,
  type LexiconHit,
  type OffensiveLexiconData,
  type OffensiveResources,
} from './offensive-features.js';
import { plainSentences } from './syllable-trie.js';
import type { AnalysisToken } from './types.js';

interface ModelData {
  readonly threshold: number;
  /** Score a post needs when the lexicon found nothing in it. */
  readonly thresholdWithoutHit: number;
  readonly named: Readonly<Record<string, number>>;
  /** Weights of "no left neighbour" and "no right neighbour". */
  readonly edge: readonly [number, number];
  readonly syllables: readonly string[];
  /** Five per syllable: center, as left neighbour, as right neighbour, first of a run, last of a run. */
  readonly unigram: readonly number[];
  /** Exact spellings (with diacritics) → weight as the scored token, added to the folded one. */
  readonly exact: ReadonlyArray<readonly [string, number]>;
  /** Triples: left syllable index, right syllable index, weight. */
  readonly pairs: readonly number[];
}

export interface OffensiveResult {
  readonly offensive: boolean;
  /** Probability-like score in [0, 1]. */
  readonly score: number;
}

const model = modelJson as unknown as ModelData;
const resources: OffensiveResources = buildResources(lexiconJson as unknown as OffensiveLexiconData);

/** Score at or above which a post is offensive (best F1 on ViHOS dev)… */
export const OFFENSIVE_THRESHOLD = model.threshold;
/** …or, when the lexicon found nothing in it, this higher score (model-only evidence transfers worst). */
export const OFFENSIVE_THRESHOLD_WITHOUT_HIT = model.thresholdWithoutHit;

// ---------------------------------------------------------------------------
// The weights, per syllable of the model's vocabulary (a syllable it never saw weighs nothing
// in any feature). Syllables are registered with the tokenizer, so a token's `foldedId` leads
// to its row without hashing a string; tokens without current ids go through a Map.

const V = model.syllables.length;
const bias = model.named['bias'] ?? 0;
const edgeAsLeft = model.edge[0];
const edgeAsRight = model.edge[1];
const center = new Float64Array(V);
const asLeft = new Float64Array(V);
const asRight = new Float64Array(V);
const asFirst = new Float64Array(V);
const asLast = new Float64Array(V);
/** Upper bounds of the pairs a syllable forms with a right / left neighbour (0 when it forms none). */
const maxPairAsLeft = new Float64Array(V);
const maxPairAsRight = new Float64Array(V);
/** Exact spellings of each syllable with a weight of their own: [start, end) in exactNorms. */
const exactStart = new Int32Array(V + 1);
const exactNorms: string[] = [];
const exactWeights: number[] = [];
const indexOfSyllable = new Map<string, number>();
for (let v = 0; v < V; v++) {
  indexOfSyllable.set(model.syllables[v]!, v);
  center[v] = model.unigram[v * 5]!;
  asLeft[v] = model.unigram[v * 5 + 1]!;
  asRight[v] = model.unigram[v * 5 + 2]!;
  asFirst[v] = model.unigram[v * 5 + 3]!;
  asLast[v] = model.unigram[v * 5 + 4]!;
}
{
  const grouped: Array<Array<readonly [string, number]>> = Array.from({ length: V }, () => []);
  for (const [norm, weight] of model.exact) {
    const v = indexOfSyllable.get(foldDiacritics(norm));
    if (v !== undefined) grouped[v]!.push([norm, weight]);
  }
  for (let v = 0; v < V; v++) {
    exactStart[v] = exactNorms.length;
    for (const [norm, weight] of grouped[v]!) {
      exactNorms.push(intern(norm));
      exactWeights.push(weight);
    }
  }
  exactStart[V] = exactNorms.length;
}
const pairKeys: number[] = [];
const pairValues: number[] = [];
for (let k = 0; k + 2 < model.pairs.length; k += 3) {
  const a = model.pairs[k]!;
  const b = model.pairs[k + 1]!;
  const w = model.pairs[k + 2]!;
  pairKeys.push(a * V + b);
  pairValues.push(w);
  if (w > maxPairAsLeft[a]!) maxPairAsLeft[a] = w;
  if (w > maxPairAsRight[b]!) maxPairAsRight[b] = w;
}
if (V * V >= 2 ** 31) throw new Error('offensive model: vocabulary too large for int32 pair keys');
const pairs = new SparseWeights(pairKeys, pairValues);
/** Model row of each registered syllable id (-1: not in the model). */
const rowOfId = ((): Int32Array => {
  const ids = model.syllables.map((s) => registerSyllable(s));
  const rows = new Int32Array(Math.max(0, ...ids) + 1).fill(-1);
  ids.forEach((id, v) => (rows[id] = v));
  return rows;
})();
const markWeights = MARK_FEATURES.map((name) => (name === '' ? 0 : (model.named[name] ?? 0)));
const nearWeights = NEAR_FEATURES.map((name) => (name === '' ? 0 : (model.named[name] ?? 0)));

// The hot loops below read only module-local bindings: where a loader turns modules into
// CommonJS, an imported binding becomes a getter call that costs more than the arithmetic
// around it.
const CLEAN = MARK_CLEAN;
const OBFUSCATED = MARK_OBFUSCATED;
const NEAR_REACH = NEAR;

function isScored(t: AnalysisToken): boolean {
  const kind = t.kind;
  return kind === 'word' || kind === 'number' || kind === 'emoji';
}

/** Per-token scratch of the post being scored (reused; grown when a post is longer). */
let rowScratch = new Int32Array(256);
let nearScratch = new Int8Array(256);
let marksScratch = new Int8Array(256);

function growScratch(n: number): void {
  if (n <= rowScratch.length) return;
  const size = Math.max(n, rowScratch.length * 2);
  rowScratch = new Int32Array(size);
}

/** nearMark of offensive-features.ts for every token at once, from the (few) marked tokens. */
function nearMarks(tokens: readonly AnalysisToken[], marks: Int8Array): Int8Array {
  const n = tokens.length;
  if (nearScratch.length < n) nearScratch = new Int8Array(Math.max(n, nearScratch.length * 2));
  const near = nearScratch;
  near.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    const m = marks[i]!;
    if (m <= 0) continue;
    const sentence = tokens[i]!.sentence;
    const from = Math.max(0, i - NEAR_REACH);
    const to = Math.min(n - 1, i + NEAR_REACH);
    for (let j = from; j <= to; j++) {
      if (j === i || tokens[j]!.sentence !== sentence) continue;
      const current = near[j]!;
      if (current === OBFUSCATED) continue;
      near[j] = m === OBFUSCATED || m > current ? m : current;
    }
  }
  return near;
}

/** Rows of every token (-1: outside the model or unknown to it; -2: not scored / clean). */
function rowsOf(tokens: readonly AnalysisToken[], marks: Int8Array): Int32Array {
  const n = tokens.length;
  growScratch(n);
  const rows = rowScratch;
  const byId = hasCurrentSyllableIds(tokens);
  const table = rowOfId;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (!isScored(t) || marks[i] === CLEAN) {
      rows[i] = -2;
      continue;
    }
    if (byId) {
      const id = t.foldedId!;
      rows[i] = id >= 0 && id < table.length ? table[id]! : -1;
    } else rows[i] = indexOfSyllable.get(t.folded) ?? -1;
  }
  return rows;
}

function exactWeight(v: number, t: AnalysisToken): number {
  const from = exactStart[v]!;
  const to = exactStart[v + 1]!;
  if (from === to || t.kind !== 'word') return 0;
  const norm = t.norm;
  if (norm === t.folded) return 0;
  for (let k = from; k < to; k++) if (exactNorms[k] === norm) return exactWeights[k]!;
  return 0;
}

/**
 * The highest token log-odds of a post — the same sums as over tokenFeatures (a test holds them
 * equal) — skipping every token that cannot reach `floor`: a token's unigram and neighbour
 * weights are summed first, and the pairs it forms (the only look-ups that miss the cache)
 * are read only when that sum plus the best pairs its syllable forms could reach the floor or
 * the best so far. Returns -Infinity when no token can reach `floor`.
 * With `stopAt`, returns as soon as a token reaches it.
 */
function bestLogit(tokens: readonly AnalysisToken[], marks: Int8Array, anyMarks: boolean, floor: number, stopAt: number): number {
  const n = tokens.length;
  const rows = rowsOf(tokens, marks);
  const near = anyMarks ? nearMarks(tokens, marks) : undefined;
  let best = -Infinity;
  let bound = floor;
  let any = false;
  for (let i = 0; i < n; i++) {
    const v = rows[i]!;
    if (v === -2) continue;
    any = true;
    const sentence = tokens[i]!.sentence;
    const left = i > 0 && rows[i - 1]! !== -2 && tokens[i - 1]!.sentence === sentence ? rows[i - 1]! : -2;
    const right = i + 1 < n && rows[i + 1]! !== -2 && tokens[i + 1]!.sentence === sentence ? rows[i + 1]! : -2;
    let dot = bias;
    // Neighbours: -2 is the edge, -1 a syllable the model never saw (weight 0).
    dot += left === -2 ? edgeAsLeft : left >= 0 ? asLeft[left]! : 0;
    dot += right === -2 ? edgeAsRight : right >= 0 ? asRight[right]! : 0;
    let pairBound = 0;
    if (v >= 0) {
      dot += center[v]! + exactWeight(v, tokens[i]!);
      if (left === -2) dot += asFirst[v]!;
      else if (left >= 0) pairBound += maxPairAsRight[v]!;
      if (right === -2) dot += asLast[v]!;
      else if (right >= 0) pairBound += maxPairAsLeft[v]!;
    }
    if (near !== undefined) {
      const own = marks[i]!;
      if (own > 0) dot += markWeights[own]!;
      const around = near[i]!;
      if (around > 0) dot += nearWeights[around]!;
    }
    if (dot + pairBound < bound) continue;
    if (v >= 0) {
      if (left >= 0) dot += pairs.get(left * V + v);
      if (right >= 0) dot += pairs.get(v * V + right);
    }
    if (dot > best) {
      best = dot;
      if (best > bound) bound = best;
      if (best >= stopAt) return best;
    }
  }
  if (!any) return bias >= floor ? bias : -Infinity;
  return best;
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}
/** The decision thresholds as log-odds, a hair lower so rounding never skips a token on the line. */
const LOGIT_MARGIN = 1e-9;
const floorWithHit = logit(OFFENSIVE_THRESHOLD) - LOGIT_MARGIN;
const floorWithoutHit = logit(Math.max(OFFENSIVE_THRESHOLD, OFFENSIVE_THRESHOLD_WITHOUT_HIT)) - LOGIT_MARGIN;

function readMarks(tokens: readonly AnalysisToken[], text: string): boolean {
  if (marksScratch.length < tokens.length) marksScratch = new Int8Array(Math.max(tokens.length, marksScratch.length * 2));
  else marksScratch.fill(0, 0, tokens.length);
  return markPost(tokens, text, resources, plainSentences(tokens), marksScratch).count > 0;
}

function decide(score: number, hit: boolean): boolean {
  return score >= (hit ? OFFENSIVE_THRESHOLD : Math.max(OFFENSIVE_THRESHOLD, OFFENSIVE_THRESHOLD_WITHOUT_HIT));
}

/** The highest token log-odds of a post (bias alone when no token is scored). */
export function maxTokenLogit(tokens: readonly AnalysisToken[], marks: Int8Array, anyMarks = true): number {
  const best = bestLogit(tokens, marks, anyMarks, -Infinity, Infinity);
  return best === -Infinity ? bias : best;
}

/** Whether a post is offensive, with a score in [0, 1]; `text` is the original text of `tokens`. */
export function detectOffensive(tokens: readonly AnalysisToken[], text: string): OffensiveResult {
  const hit = readMarks(tokens, text);
  const score = 1 / (1 + Math.exp(-maxTokenLogit(tokens, marksScratch, hit)));
  return { offensive: decide(score, hit), score: Math.round(score * 1000) / 1000 };
}

/**
 * detectOffensive(...).offensive, the fast way: tokens that cannot reach the threshold are
 * skipped, and the scan stops at the first token that does. What the analyzer calls per post.
 */
export function isOffensive(tokens: readonly AnalysisToken[], text: string): boolean {
  const hit = readMarks(tokens, text);
  const floor = hit ? floorWithHit : floorWithoutHit;
  const best = bestLogit(tokens, marksScratch, hit, floor, floor + 2 * LOGIT_MARGIN);
  if (best === -Infinity) return false;
  return decide(1 / (1 + Math.exp(-best)), hit);
}

/** Every non-zero weight under its feature name (tokenFeatures' names): the reference scorer's table. */
let namedWeights: Map<string, number> | undefined;
function featureWeights(): Map<string, number> {
  if (namedWeights !== undefined) return namedWeights;
  const m = new Map<string, number>();
  const put = (name: string, w: number): void => {
    if (w !== 0) m.set(name, (m.get(name) ?? 0) + w);
  };
  for (const [name, w] of Object.entries(model.named)) put(F_NAMED + name, w);
  put(F_LEFT + EDGE, edgeAsLeft);
  put(F_RIGHT + EDGE, edgeAsRight);
  for (let v = 0; v < V; v++) {
    const s = model.syllables[v]!;
    put(F_CENTER + s, center[v]!);
    put(F_LEFT + s, asLeft[v]!);
    put(F_RIGHT + s, asRight[v]!);
    put(pairFeature(EDGE, s), asFirst[v]!);
    put(pairFeature(s, EDGE), asLast[v]!);
  }
  for (const [norm, w] of model.exact) put(F_CENTER_EXACT + norm, w);
  for (let k = 0; k + 2 < model.pairs.length; k += 3) put(pairFeature(model.syllables[model.pairs[k]!]!, model.syllables[model.pairs[k + 1]!]!), model.pairs[k + 2]!);
  return (namedWeights = m);
}

/**
 * The same score as detectOffensive, computed the slow way the build script trains with
 * (tokenFeatures' names summed per token): the reference the fast path is tested against.
 */
export function referenceScore(tokens: readonly AnalysisToken[], text: string): number {
  const weights = featureWeights();
  const marks = new Int8Array(tokens.length);
  markPost(tokens, text, resources, plainSentences(tokens), marks);
  let best = -Infinity;
  const features: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    features.length = 0;
    if (!tokenFeatures(tokens, i, marks, features)) continue;
    let dot = weights.get(BIAS_FEATURE) ?? 0;
    for (const f of features) dot += weights.get(f) ?? 0;
    if (dot > best) best = dot;
  }
  return 1 / (1 + Math.exp(-(best === -Infinity ? bias : best)));
}

/** The offensive terms found in a post (offsets into `text`), for explanations and highlighting. */
export function findOffensiveTerms(tokens: readonly AnalysisToken[], text: string): LexiconHit[] {
  const hits: LexiconHit[] = [];
  const onHit = (hit: LexiconHit): void => {
    hits.push(hit);
  };
  tokenHits(tokens, resources, plainSentences(tokens), onHit);
  obfuscationHits(text, resources, onHit);
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  return hits;
}
