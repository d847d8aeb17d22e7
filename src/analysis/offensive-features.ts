// What the offensive-language detector reads from a post: lexicon hits (on the tokens, and on
// the raw text for obfuscations the tokenizer cannot see: "đ.m", "đ!t", "n g u", "l0n") and
// hashed syllable uni/bi-gram features for the linear model. Shared by the detector and by
// scripts/build-offensive-lexicon.ts, so training and inference read posts the same way.
import { foldDiacritics } from './normalize.js';
import { SyllableTrie } from './syllable-trie.js';
import type { AnalysisToken } from './types.js';

/** The shipped lexicon (data/offensive-lexicon.json). Phrases are canonical syllables joined by spaces. */
export interface OffensiveLexiconData {
  readonly version: number;
  /** Phrases on `norm`, with weights (≈ log-odds of being offensive; higher = worse). */
  readonly exact: ReadonlyArray<readonly [string, number]>;
  /** Phrases on `folded`, for sentences typed without diacritics. */
  readonly folded: ReadonlyArray<readonly [string, number]>;
  /** Obfuscated spellings as typed ("3///", "đ!t") → weight. */
  readonly raw: ReadonlyArray<readonly [string, number]>;
}

export interface OffensiveResources {
  readonly exact: SyllableTrie<number>;
  readonly folded: SyllableTrie<number>;
  /** Folded phrases with the spaces removed ("dm", "ditme", "vcl") for the obfuscation pass. */
  readonly joined: ReadonlyMap<string, number>;
  /** Joined forms of one syllable, by length, for wildcard look-ups ("đ*t"). */
  readonly joinedByLength: ReadonlyMap<number, ReadonlyArray<readonly [string, number]>>;
  readonly raw: ReadonlyMap<string, number>;
}

export function buildResources(data: OffensiveLexiconData): OffensiveResources {
  const max = (a: number, b: number): number => Math.max(a, b);
  const exact = new SyllableTrie<number>();
  const folded = new SyllableTrie<number>();
  const joined = new Map<string, number>();
  const addJoined = (phrase: string, weight: number): void => {
    const key = foldDiacritics(phrase).replaceAll(' ', '');
    if (key.length < 2) return;
    joined.set(key, Math.max(joined.get(key) ?? -Infinity, weight));
  };
  for (const [phrase, weight] of data.exact) {
    exact.insert(phrase.split(' '), weight, max);
    addJoined(phrase, weight);
  }
  for (const [phrase, weight] of data.folded) {
    folded.insert(phrase.split(' '), weight, max);
    addJoined(phrase, weight);
  }
  const joinedByLength = new Map<number, Array<readonly [string, number]>>();
  for (const [key, weight] of joined) {
    if (key.length > 6) continue;
    let list = joinedByLength.get(key.length);
    if (list === undefined) joinedByLength.set(key.length, (list = []));
    list.push([key, weight]);
  }
  const raw = new Map<string, number>();
  for (const [form, weight] of data.raw) raw.set(form, weight);
  return { exact, folded, joined, joinedByLength, raw };
}

// ---------------------------------------------------------------------------
// Lexicon hits

/** Minimum weight for a hit to count; weaker lexicon entries serve only as context. */
export const HIT_MIN_WEIGHT = 1;
/** Weight from which a hit is "strong" (profanity or a slur). */
export const STRONG_WEIGHT = 2.5;

export interface LexiconHit {
  readonly start: number;
  readonly end: number;
  readonly weight: number;
  /** Found by the obfuscation pass on the raw text. */
  readonly obfuscated: boolean;
}

export interface HitSummary {
  count: number;
  strong: number;
  obfuscated: number;
  maxWeight: number;
  sumWeight: number;
}

function emptySummary(): HitSummary {
  return { count: 0, strong: 0, obfuscated: 0, maxWeight: 0, sumWeight: 0 };
}

function record(summary: HitSummary, weight: number, obfuscated: boolean): void {
  if (weight < HIT_MIN_WEIGHT) return;
  summary.count++;
  if (weight >= STRONG_WEIGHT) summary.strong++;
  if (obfuscated) summary.obfuscated++;
  if (weight > summary.maxWeight) summary.maxWeight = weight;
  summary.sumWeight += weight;
}

/** Per-token marks: what the lexicon says about each token (features of the token model). */
export const MARK_NONE = 0;
/** Inside a clean phrase ("ngu ngơ"): hidden from the model. */
export const MARK_CLEAN = -1;
/** Inside a lexicon hit of weight ≥ 1, ≥ 1.75, ≥ 2.5. */
export const MARK_WEAK = 1;
export const MARK_MEDIUM = 2;
export const MARK_STRONG = 3;
/** Overlapped by an obfuscated hit read from the raw text. */
export const MARK_OBFUSCATED = 4;

function markOf(weight: number): number {
  return weight >= STRONG_WEIGHT ? MARK_STRONG : weight >= 1.75 ? MARK_MEDIUM : MARK_WEAK;
}

/**
 * Lexicon hits on the tokens (exact forms, or folded forms in diacritic-free sentences).
 * With `marks`, also marks each token: clean phrase (weight 0: "ngu ngơ", "thằng bé"), or the
 * strength of the hit covering it.
 */
export function tokenHits(
  tokens: readonly AnalysisToken[],
  res: OffensiveResources,
  plain: readonly boolean[],
  onHit?: (hit: LexiconHit) => void,
  summary: HitSummary = emptySummary(),
  marks?: Int8Array,
): HitSummary {
  const n = tokens.length;
  let i = 0;
  while (i < n) {
    const t = tokens[i]!;
    if (t.kind !== 'word' && t.kind !== 'number' && t.kind !== 'emoji') {
      i++;
      continue;
    }
    const useFolded = plain[t.sentence] === true;
    const trie = useFolded ? res.folded : res.exact;
    const len = trie.match(tokens, i, useFolded);
    if (len === 0) {
      i++;
      continue;
    }
    const weight = trie.matchedValue!;
    if (weight === 0) {
      if (marks !== undefined) marks.fill(MARK_CLEAN, i, i + len);
      i += len;
      continue;
    }
    record(summary, weight, false);
    if (weight >= HIT_MIN_WEIGHT) {
      if (marks !== undefined) marks.fill(markOf(weight), i, i + len);
      if (onHit !== undefined) onHit({ start: t.start, end: tokens[i + len - 1]!.end, weight, obfuscated: false });
    }
    i += len;
  }
  return summary;
}

/**
 * Reads a post for the model: lexicon hits on the tokens and on the raw text, and `marks`
 * (length ≥ tokens.length, zeroed) filled per token. Returns the hit summary.
 */
export function markPost(tokens: readonly AnalysisToken[], text: string, res: OffensiveResources, plain: readonly boolean[], marks: Int8Array): HitSummary {
  const summary = tokenHits(tokens, res, plain, undefined, undefined, marks);
  return obfuscationHits(text, res, (hit) => markOverlap(tokens, hit, marks), summary);
}

function markOverlap(tokens: readonly AnalysisToken[], hit: LexiconHit, marks: Int8Array): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.start >= hit.end) break;
    if (t.end > hit.start && marks[k] !== MARK_CLEAN) marks[k] = MARK_OBFUSCATED;
  }
}

// Character classes for the obfuscation pass: a table below U+2000, ranges above.
const C_OTHER = 0;
const C_LETTER = 1;
const C_SPACE = 2;
const CHAR_CLASS = new Uint8Array(0x2000);
for (let c = 0; c < 0x2000; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x1eff && c !== 0xd7 && c !== 0xf7)) CHAR_CLASS[c] = C_LETTER;
  else if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0) CHAR_CLASS[c] = C_SPACE;
}
/** Letters, and the combining marks of text in NFD. */
function isLetter(c: number): boolean {
  return c < 0x2000 && CHAR_CLASS[c] === C_LETTER;
}
function isSpace(c: number): boolean {
  return c < 0x2000 ? CHAR_CLASS[c] === C_SPACE : c === 0x3000 || c <= 0x200b;
}
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l' };
/** Characters dropped inside an obfuscated word ("đ.m", "v-c-l", "đ_é_o"). */
const FILLERS = new Set(['.', ',', '-', '_', "'", '"', '`', '~', '^', '+', '/', '\\', ':', ';', '’', '‘', '´', '“', '”', '•', '·', '=', '(', ')', '[', ']', '{', '}', '?', '<', '>', '&', '%', '#']);

/** Squeezes every run of a repeated letter to `keep` letters. */
function squeeze(s: string, keep: number): string {
  let out = '';
  let run = 0;
  for (let k = 0; k < s.length; k++) {
    if (k > 0 && s[k] === s[k - 1]) run++;
    else run = 1;
    if (run <= keep) out += s[k];
  }
  return out;
}

function lookupJoined(res: OffensiveResources, key: string): number | undefined {
  if (key.includes('*')) {
    const list = res.joinedByLength.get(key.length);
    if (list === undefined) return undefined;
    let best: number | undefined;
    for (const [candidate, weight] of list) {
      let ok = true;
      for (let k = 0; k < key.length && ok; k++) if (key[k] !== '*' && key[k] !== candidate[k]) ok = false;
      if (ok && (best === undefined || weight > best)) best = weight;
    }
    return best;
  }
  return res.joined.get(key);
}

/** The first hit among a key and its squeezed variants ("đmmmm" → "dmm" → "dm"). */
function lookupVariants(res: OffensiveResources, key: string): number | undefined {
  const direct = lookupJoined(res, key);
  if (direct !== undefined) return direct;
  const two = squeeze(key, 2);
  if (two !== key) {
    const hit = lookupJoined(res, two);
    if (hit !== undefined) return hit;
  }
  const one = squeeze(key, 1);
  return one !== two ? lookupJoined(res, one) : undefined;
}

function obfuscatedHit(summary: HitSummary, onHit: ((hit: LexiconHit) => void) | undefined, start: number, end: number, weight: number): void {
  record(summary, weight, true);
  if (onHit !== undefined && weight >= HIT_MIN_WEIGHT) onHit({ start, end, weight, obfuscated: true });
}

/** Scratch of the obfuscation pass: a run of one-letter chunks ("n g u"). */
let runKey = '';
let runStart = -1;
let runEnd = -1;

function flushRun(res: OffensiveResources, summary: HitSummary, onHit: ((hit: LexiconHit) => void) | undefined): void {
  if (runKey.length >= 2) {
    const weight = lookupVariants(res, runKey);
    if (weight !== undefined) obfuscatedHit(summary, onHit, runStart, runEnd, weight);
  }
  runKey = '';
  runStart = -1;
}

/** Reads one obfuscated word (the chunk [a, b) has punctuation, digits or repeated letters). */
function readObfuscated(text: string, a: number, b: number, repeated: boolean, res: OffensiveResources, summary: HitSummary, onHit: ((hit: LexiconHit) => void) | undefined): void {
  // Trim punctuation around the word ("(đm)", "vcl!!!").
  while (a < b && !isLetter(text.charCodeAt(a)) && LEET[text[a]!] === undefined && text[a] !== '*') a++;
  while (b > a && !isLetter(text.charCodeAt(b - 1)) && text[b - 1] !== '*') b--;
  if (a >= b) {
    flushRun(res, summary, onHit);
    return;
  }
  const core = text.slice(a, b).normalize('NFC').toLowerCase();
  if (!repeated && core.length === 1) {
    if (runStart < 0) runStart = a;
    runKey += foldDiacritics(core);
    runEnd = b;
    return;
  }
  flushRun(res, summary, onHit);
  if (core.length > 24 || core.includes('://') || core.startsWith('www')) return;
  const rawWeight = res.raw.get(core);
  if (rawWeight !== undefined) {
    obfuscatedHit(summary, onHit, a, b, rawWeight);
    return;
  }
  let inner = false;
  let key = '';
  const folded = foldDiacritics(core);
  for (let k = 0; k < folded.length; k++) {
    const ch = folded[k]!;
    const code = folded.charCodeAt(k);
    if (code >= 97 && code <= 122) key += ch;
    else if (ch === '*') {
      key += '*';
      inner = true;
    } else if (LEET[ch] !== undefined) {
      key += LEET[ch];
      inner = true;
    } else if (FILLERS.has(ch)) inner = true;
    else if (code >= 0x300 && code <= 0x36f) continue;
    else key += ch;
  }
  if (!inner && !repeated) return;
  if (key.length < 2 || key.length > 16) return;
  const weight = lookupVariants(res, key);
  if (weight !== undefined) obfuscatedHit(summary, onHit, a, b, weight);
}

/**
 * Hits the tokenizer cannot see, read from the raw text: punctuation, digits or symbols inside
 * a word ("đ.m", "đ!t", "l0n", "đ*t"), letters spaced out ("n g u", "đ m"), letters repeated
 * ("đmmmm"), and raw forms ("3///").
 */
export function obfuscationHits(
  text: string,
  res: OffensiveResources,
  onHit?: (hit: LexiconHit) => void,
  summary: HitSummary = emptySummary(),
): HitSummary {
  const n = text.length;
  runKey = '';
  runStart = -1;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // One chunk: up to the next space.
    const start = i;
    let letters = 0;
    let others = 0;
    let repeated = false;
    let gap = false;
    let inner = false;
    let p1 = -1;
    let p2 = -1;
    while (i < n) {
      c = text.charCodeAt(i);
      const cls = c < 0x2000 ? CHAR_CLASS[c]! : isSpace(c) ? C_SPACE : C_OTHER;
      if (cls === C_SPACE) break;
      if (cls === C_LETTER) {
        if (gap) inner = true;
        letters++;
        if (c === p1 && c === p2) repeated = true;
      } else {
        if (letters > 0) gap = true;
        others++;
      }
      p2 = p1;
      p1 = c;
      i++;
    }
    if (letters === 0) {
      flushRun(res, summary, onHit);
      if (others <= 6) {
        const weight = res.raw.get(text.slice(start, i));
        if (weight !== undefined) obfuscatedHit(summary, onHit, start, i, weight);
      }
    } else if (!inner && !repeated) {
      if (letters === 1) {
        // One letter on its own: part of a spaced-out word?
        if (runStart < 0) runStart = start;
        runKey += foldDiacritics(text[start]!.toLowerCase());
        runEnd = i;
        if (runKey.length > 8) flushRun(res, summary, onHit);
      } else if (runStart >= 0) flushRun(res, summary, onHit);
      // Otherwise a plain word with punctuation around it at most: the tokens have it.
    } else {
      readObfuscated(text, start, i, repeated, res, summary, onHit);
    }
  }
  flushRun(res, summary, onHit);
  return summary;
}

// ---------------------------------------------------------------------------
// Features of the token model: named by strings (no hashing, so no collisions and no weight
// for a syllable the model never saw), interned to dense ids by the build script. The
// detector does not build these strings: it reads the same weights from per-syllable tables
// indexed by syllable id (offensive.ts), and a test holds the two equal.

/** Stand-in syllable for "no neighbour" (sentence edge, clean phrase, url). */
export const EDGE = '\u0000';
/** Separates the two syllables of a pair feature. */
export const PAIR_SEPARATOR = '\u0001';
/** Feature-name prefixes. */
export const F_CENTER = 'c';
export const F_CENTER_EXACT = 'x';
export const F_LEFT = 'l';
export const F_RIGHT = 'r';
export const F_PAIR = 'p';
export const F_NAMED = '#';
export const BIAS_FEATURE = '#bias';
/** Names of the mark features: the token's own mark, and the strongest mark within ±NEAR tokens. */
export const MARK_FEATURES = ['', 'm1', 'm2', 'm3', 'mo'] as const;
export const NEAR_FEATURES = ['', 'n1', 'n2', 'n3', 'no'] as const;
export const NEAR = 3;

/** Whether a token takes part in the token model (words, numbers, emoji). */
export function isModelToken(t: AnalysisToken): boolean {
  return t.kind === 'word' || t.kind === 'number' || t.kind === 'emoji';
}

/** The syllable that stands for a token in every feature: its folded form (an emoji is its own). */
export function tokenKey(t: AnalysisToken): string {
  return t.folded;
}

export function pairFeature(left: string, right: string): string {
  return F_PAIR + left + PAIR_SEPARATOR + right;
}

/**
 * The features of token `i` in the token model: the folded syllable (and the exact one when it
 * has diacritics), its left and right neighbours, the two ordered pairs (bigrams) it belongs to
 * — a pair weighs the same for both of its tokens — its lexicon mark, and the strongest mark
 * near it. The model scores each token — "is this token part of something offensive?", trained
 * on the ViHOS spans — and a post scores as its highest-scoring token, so a long clean post does
 * not add up to an offensive one. Returns false (and writes nothing) for tokens outside the model.
 */
export function tokenFeatures(tokens: readonly AnalysisToken[], i: number, marks: Int8Array, out: string[]): boolean {
  const t = tokens[i]!;
  if (!isModelToken(t) || marks[i] === MARK_CLEAN) return false;
  const h = tokenKey(t);
  const left = neighbourKey(tokens, i, -1, marks);
  const right = neighbourKey(tokens, i, 1, marks);
  out.push(F_CENTER + h);
  if (t.kind === 'word' && t.norm !== t.folded) out.push(F_CENTER_EXACT + t.norm);
  out.push(F_LEFT + left, F_RIGHT + right, pairFeature(left, h), pairFeature(h, right));
  const own = marks[i]!;
  if (own > 0) out.push(F_NAMED + MARK_FEATURES[own]!);
  const near = nearMark(tokens, i, marks);
  if (near > 0) out.push(F_NAMED + NEAR_FEATURES[near]!);
  return true;
}

/** The key of the neighbour of token `i` in direction `step` (±1), or EDGE. */
export function neighbourKey(tokens: readonly AnalysisToken[], i: number, step: number, marks: Int8Array): string {
  const j = i + step;
  const u = tokens[j];
  if (u === undefined || u.sentence !== tokens[i]!.sentence || !isModelToken(u) || marks[j] === MARK_CLEAN) return EDGE;
  return tokenKey(u);
}

/** The strongest mark among the tokens within ±NEAR of `i` in its sentence (obfuscated counts as strong). */
export function nearMark(tokens: readonly AnalysisToken[], i: number, marks: Int8Array): number {
  const sentence = tokens[i]!.sentence;
  let best = 0;
  const from = Math.max(0, i - NEAR);
  const to = Math.min(tokens.length - 1, i + NEAR);
  for (let j = from; j <= to; j++) {
    if (j === i) continue;
    const m = marks[j]!;
    if (m <= 0 || tokens[j]!.sentence !== sentence) continue;
    if (m === MARK_OBFUSCATED) return MARK_OBFUSCATED;
    if (m > best) best = m;
  }
  return best;
}

/**
 * Float weights under non-negative int32 keys in a small open-addressing table (the pairs of
 * the token model: a few hundred KB at most, so look-ups stay in cache).
 */
export class SparseWeights {
  /** Interleaved slots: key (an index, -1 = empty) then its weight as float32 bits. */
  private readonly keys: Int32Array;
  private readonly values: Float32Array;
  private readonly slotMask: number;

  constructor(indices: readonly number[], weights: readonly number[]) {
    let size = 16;
    while (size < indices.length * 2) size <<= 1;
    const buffer = new ArrayBuffer(size * 8);
    this.keys = new Int32Array(buffer).fill(-1);
    this.values = new Float32Array(buffer);
    this.slotMask = size - 1;
    for (let k = 0; k < indices.length; k++) {
      let slot = Math.imul(indices[k]!, 0x9e3779b1) >>> 0;
      for (;;) {
        slot &= this.slotMask;
        const key = this.keys[slot * 2]!;
        if (key === -1 || key === indices[k]) break;
        slot++;
      }
      this.keys[slot * 2] = indices[k]!;
      this.values[slot * 2 + 1] = weights[k]!;
    }
  }

  get(index: number): number {
    let slot = (Math.imul(index, 0x9e3779b1) >>> 0) & this.slotMask;
    for (;;) {
      const key = this.keys[slot << 1]!;
      if (key === index) return this.values[(slot << 1) | 1]!;
      if (key === -1) return 0;
      slot = (slot + 1) & this.slotMask;
    }
  }
}
