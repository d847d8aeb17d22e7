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
import {
  buildResources,
  EDGE,
  F_CENTER,
  F_CENTER_EXACT,
  F_LEFT,
  F_PAIR,
  F_RIGHT,
  fnv,
  MARK_CLEAN,
  MARK_FEATURES,
  MARK_OBFUSCATED,
  markPost,
  mix,
  namedFeature,
  NEAR,
  NEAR_FEATURES,
  obfuscationHits,
  SparseWeights,
  tokenFeatures,
  tokenHash,
  tokenHits,
  type LexiconHit,
  type OffensiveLexiconData,
  type OffensiveResources,
} from './offensive-features.js';
import { plainSentences } from './syllable-trie.js';
import type { AnalysisToken } from './types.js';

interface ModelData {
  readonly bits: number;
  readonly threshold: number;
  /** Score a post needs when the lexicon found nothing in it. */
  readonly thresholdWithoutHit: number;
  /** Delta-encoded indices of the non-zero weights. */
  readonly index: readonly number[];
  readonly weight: readonly number[];
}

export interface OffensiveResult {
  readonly offensive: boolean;
  /** Probability-like score in [0, 1]. */
  readonly score: number;
}

const model = modelJson as unknown as ModelData;
const resources: OffensiveResources = buildResources(lexiconJson as unknown as OffensiveLexiconData);
const mask = (1 << model.bits) - 1;
const weights = ((): SparseWeights => {
  const indices: number[] = [];
  let at = 0;
  for (const delta of model.index) indices.push((at += delta));
  return new SparseWeights(indices, model.weight);
})();
const bias = weights.get(namedFeature('bias', mask));
/** Score at or above which a post is offensive (best F1 on ViHOS dev)… */
export const OFFENSIVE_THRESHOLD = model.threshold;
/** …or, when the lexicon found nothing in it, this higher score (model-only evidence transfers worst). */
export const OFFENSIVE_THRESHOLD_WITHOUT_HIT = model.thresholdWithoutHit;

// The hot loop below reads only module-local bindings: where a loader turns modules into
// CommonJS, an imported binding becomes a getter call that costs more than the arithmetic
// around it. These are copies of the feature definitions of offensive-features.ts;
// the test "the fast scorer equals the feature sums" holds them equal.
const PAIR = F_PAIR;
const CLEAN = MARK_CLEAN;
const OBFUSCATED = MARK_OBFUSCATED;
const NEAR_REACH = NEAR;

function mixLocal(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** What a token brings to the scores around it, memoised by its text. */
interface TokenEntry {
  readonly hash: number;
  /** Weight as the scored token (folded form, and exact form when it has diacritics). */
  readonly center: number;
  /** Weight as the left / right neighbour of the scored token. */
  readonly asLeft: number;
  readonly asRight: number;
  /** Weight of the pairs (edge, token) and (token, edge): first / last of a run of tokens. */
  readonly asFirst: number;
  readonly asLast: number;
}
const ENTRY_MEMO_LIMIT = 100_000;
const words = new Map<string, TokenEntry>();
const emoji = new Map<string, TokenEntry>();

function entryOf(t: AnalysisToken): TokenEntry {
  const memo = t.kind === 'emoji' ? emoji : words;
  let entry = memo.get(t.norm);
  if (entry === undefined) {
    const hash = tokenHash(t);
    let center = weights.get(mix(F_CENTER, hash) & mask);
    if (t.kind === 'word' && t.norm !== t.folded) center += weights.get(fnv(F_CENTER_EXACT, t.norm) & mask);
    entry = {
      hash,
      center,
      asLeft: weights.get(mix(F_LEFT, hash) & mask),
      asRight: weights.get(mix(F_RIGHT, hash) & mask),
      asFirst: weights.get(mix(mix(F_PAIR, EDGE), hash) & mask),
      asLast: weights.get(mix(mix(F_PAIR, hash), EDGE) & mask),
    };
    if (memo.size >= ENTRY_MEMO_LIMIT) memo.clear();
    memo.set(t.norm, entry);
  }
  return entry;
}
const edgeAsLeft = weights.get(mix(F_LEFT, EDGE) & mask);
const edgeAsRight = weights.get(mix(F_RIGHT, EDGE) & mask);
const markWeights = MARK_FEATURES.map((name) => (name === '' ? 0 : weights.get(namedFeature(name, mask))));
const nearWeights = NEAR_FEATURES.map((name) => (name === '' ? 0 : weights.get(namedFeature(name, mask))));

/** Per-token scratch of the post being scored (reused; grown when a post is longer). */
let usableScratch = new Uint8Array(256);
let hashScratch = new Float64Array(256);
let centerScratch = new Float64Array(256);
let asLeftScratch = new Float64Array(256);
let asRightScratch = new Float64Array(256);
let asFirstScratch = new Float64Array(256);
let asLastScratch = new Float64Array(256);
let pairScratch = new Float64Array(256);

function growScratch(n: number): void {
  if (n <= usableScratch.length) return;
  const size = Math.max(n, usableScratch.length * 2);
  usableScratch = new Uint8Array(size);
  hashScratch = new Float64Array(size);
  centerScratch = new Float64Array(size);
  asLeftScratch = new Float64Array(size);
  asRightScratch = new Float64Array(size);
  asFirstScratch = new Float64Array(size);
  asLastScratch = new Float64Array(size);
  pairScratch = new Float64Array(size);
}

function isScored(t: AnalysisToken): boolean {
  const kind = t.kind;
  return kind === 'word' || kind === 'number' || kind === 'emoji';
}

let nearScratch = new Int8Array(256);

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

/**
 * The highest token log-odds of a post: the same sums as over tokenFeatures' indices (a test
 * holds them equal), with each token's unigram and edge-pair weights memoised, so a token costs
 * one memo look-up and one table look-up for the pair it forms with the next token. `anyMarks` false skips the near-mark scan.
 */
export function maxTokenLogit(tokens: readonly AnalysisToken[], marks: Int8Array, anyMarks = true): number {
  const n = tokens.length;
  growScratch(n);
  const usable = usableScratch;
  const hashes = hashScratch;
  const center = centerScratch;
  const asLeft = asLeftScratch;
  const asRight = asRightScratch;
  const asFirst = asFirstScratch;
  const asLast = asLastScratch;
  const pairWithNext = pairScratch;
  const table = weights;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (isScored(t) && marks[i] !== CLEAN) {
      const e = entryOf(t);
      usable[i] = 1;
      hashes[i] = e.hash;
      center[i] = e.center;
      asLeft[i] = e.asLeft;
      asRight[i] = e.asRight;
      asFirst[i] = e.asFirst;
      asLast[i] = e.asLast;
    } else usable[i] = 0;
  }
  const near = anyMarks ? nearMarks(tokens, marks) : undefined;
  let best = -Infinity;
  let prevSentence = -1;
  for (let i = 0; i < n; i++) {
    const sentence = tokens[i]!.sentence;
    const hasLeft = i > 0 && usable[i - 1] === 1 && prevSentence === sentence;
    prevSentence = sentence;
    if (usable[i] === 0) continue;
    const hasRight = i + 1 < n && usable[i + 1] === 1 && tokens[i + 1]!.sentence === sentence;
    let dot = bias + center[i]!;
    dot += hasLeft ? asLeft[i - 1]! : edgeAsLeft;
    dot += hasRight ? asRight[i + 1]! : edgeAsRight;
    // The pair (i - 1, i) was looked up as token i - 1's pair with its next token.
    dot += hasLeft ? pairWithNext[i - 1]! : asFirst[i]!;
    const next = hasRight ? table.get(mixLocal(mixLocal(PAIR, hashes[i]!), hashes[i + 1]!) & mask) : asLast[i]!;
    pairWithNext[i] = next;
    dot += next;
    if (near !== undefined) {
      const own = marks[i]!;
      if (own > 0) dot += markWeights[own]!;
      const around = near[i]!;
      if (around > 0) dot += nearWeights[around]!;
    }
    if (dot > best) best = dot;
  }
  return best === -Infinity ? bias : best;
}

let marksScratch = new Int8Array(256);

/** Whether a post is offensive, with a score in [0, 1]; `text` is the original text of `tokens`. */
export function detectOffensive(tokens: readonly AnalysisToken[], text: string): OffensiveResult {
  if (marksScratch.length < tokens.length) marksScratch = new Int8Array(Math.max(tokens.length, marksScratch.length * 2));
  else marksScratch.fill(0, 0, tokens.length);
  const summary = markPost(tokens, text, resources, plainSentences(tokens), marksScratch);
  const hit = summary.count > 0;
  const score = 1 / (1 + Math.exp(-maxTokenLogit(tokens, marksScratch, hit)));
  const offensive = score >= (hit ? OFFENSIVE_THRESHOLD : Math.max(OFFENSIVE_THRESHOLD, OFFENSIVE_THRESHOLD_WITHOUT_HIT));
  return { offensive, score: Math.round(score * 1000) / 1000 };
}

/**
 * The same score as detectOffensive, computed the slow way the build script trains with
 * (tokenFeatures' indices summed per token): the reference the fast path is tested against.
 */
export function referenceScore(tokens: readonly AnalysisToken[], text: string): number {
  const marks = new Int8Array(tokens.length);
  markPost(tokens, text, resources, plainSentences(tokens), marks);
  let best = -Infinity;
  const features: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    features.length = 0;
    if (!tokenFeatures(tokens, i, marks, mask, features)) continue;
    let dot = bias;
    for (const f of features) dot += weights.get(f);
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
