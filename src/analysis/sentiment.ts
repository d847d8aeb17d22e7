// Lexicon-based Vietnamese sentiment: one pass over the tokens with longest-match look-ups in a
// syllable trie (exact forms, or diacritic-free forms in sentences typed without diacritics),
// negation with a scope, intensifiers and diminishers, contrast and concession, emoji, and
// sarcasm cues. Pure and allocation-light: the pass reuses one scratch state.
import {
  CONCESSIONS,
  CONTRASTS,
  DIMINISHERS,
  EMOJI_WEIGHTS,
  EXPECTATION_NEGATED_ONLY,
  EXPECTATION_TERMS,
  FOLDED_SINGLE_SYLLABLES,
  IRONIC_TERMS,
  IRONY_ONLY_TERMS,
  LAUGHTER,
  LAUGHTER_EMOJI,
  NEGATORS,
  NEUTRAL_COMPOUNDS,
  POST_INTENSIFIERS,
  PRE_INTENSIFIERS,
  SARCASM_PARTICLES,
  SENTIMENT_TERMS,
} from './data/sentiment-lexicon.js';
import { GENERAL_SENTIMENT_TERMS } from './data/general-sentiment-lexicon.js';
import { phraseSyllables, plainSentences, SyllableTrie } from './syllable-trie.js';
import type { AnalysisToken, Sentiment, SentimentLabel } from './types.js';

// ---------------------------------------------------------------------------
// Tuning. The label thresholds sit in the middle of the plateau of macro-F1 over the three
// labels on the project's labelled posts (tests/fixtures/commune-posts.jsonl): about 0.76 there.

/** Raw sum S maps to S / (|S| + SATURATION): one clear word (±1.5) gives about ±0.4. */
const SATURATION = 2;
/** |score| at or above which a post is labelled negative / positive. */
export const NEGATIVE_THRESHOLD = -0.15;
export const POSITIVE_THRESHOLD = 0.3;
/** Weight of an expectation ("giải quyết", "bồi thường") affirmed / negated. */
const EXPECTATION_AFFIRMED = 0.3;
const EXPECTATION_NEGATED = -1.8;
/** Concessive clause ("tuy ..."), clauses before a contrast, clauses after it. */
const CONCESSION_FACTOR = 0.5;
const BEFORE_CONTRAST_FACTOR = 0.5;
const AFTER_CONTRAST_FACTOR = 1.5;
/** A clause ending in a question particle ("có tốt không?") counts half. */
const QUESTION_FACTOR = 0.3;
/** Negative mass (without the ironic words) that makes praise words ironic and laughter mockery. */
const COMPLAINT_MASS = -1.2;
const LAUGH_IN_COMPLAINT = -0.6;
const LAUGH_FRIENDLY = 0.4;
const MAX_LAUGHS = 3;
/** How far (tokens) an intensifier reaches forward to the word it strengthens. */
const PRE_REACH = 2;

// ---------------------------------------------------------------------------
// Cues

const F_TERM = 1;
const F_NEGATOR = 2;
const F_PRE = 4;
const F_POST = 8;
const F_CONTRAST = 16;
const F_CONCESSION = 32;
const F_NEUTRAL = 64;
const F_LAUGH = 128;
const F_SARCASM = 256;
const F_IRONIC = 512;
const F_CO = 1024;
const F_DAU = 2048;

interface Cue {
  flags: number;
  /** Weight when affirmed (F_TERM). */
  w: number;
  /** Weight when negated; NaN = derived from w. */
  negW: number;
  pre: number;
  post: number;
  scope: number;
}

function mergeCue(a: Cue, b: Cue): Cue {
  return {
    flags: a.flags | b.flags,
    w: Math.abs(b.w) > Math.abs(a.w) ? b.w : a.w,
    negW: Number.isNaN(a.negW) ? b.negW : a.negW,
    pre: a.pre !== 1 ? a.pre : b.pre,
    post: a.post !== 1 ? a.post : b.post,
    scope: Math.max(a.scope, b.scope),
  };
}

function cue(flags: number, partial: Partial<Cue> = {}): Cue {
  return { flags, w: 0, negW: Number.NaN, pre: 1, post: 1, scope: 0, ...partial };
}

const exactTrie = new SyllableTrie<Cue>();
const foldedTrie = new SyllableTrie<Cue>();
const emojiWeights = new Map<string, number>();
const laughterEmoji = new Set<string>();

/** Every phrase of the project's lists, canonical syllables joined by spaces. */
const projectPhrases = new Set<string>();

function add(phrase: string, value: Cue): void {
  const { norms, folded } = phraseSyllables(phrase);
  if (norms.length === 0) return;
  projectPhrases.add(norms.join(' '));
  exactTrie.insert(norms, value, mergeCue);
  if (norms.length > 1 || foldedSingles.has(norms[0]!)) foldedTrie.insert(folded, value, mergeCue);
}

const foldedSingles = new Set<string>();
for (const s of FOLDED_SINGLE_SYLLABLES) {
  const { norms } = phraseSyllables(s);
  if (norms.length === 1) foldedSingles.add(norms[0]!);
}

// Neutral compounds first: a later entry of the same phrase merges its flags in.
for (const p of NEUTRAL_COMPOUNDS) add(p, cue(F_NEUTRAL));
for (const [weight, phrases] of SENTIMENT_TERMS) for (const p of phrases) add(p, cue(F_TERM, { w: weight }));
const negatedOnly = new Set(EXPECTATION_NEGATED_ONLY);
for (const p of EXPECTATION_TERMS) {
  add(p, cue(F_TERM, { w: negatedOnly.has(p) ? 0 : EXPECTATION_AFFIRMED, negW: EXPECTATION_NEGATED }));
}
for (const p of IRONIC_TERMS) add(p, cue(F_IRONIC));
for (const p of IRONY_ONLY_TERMS) add(p, cue(F_TERM | F_IRONIC));
for (const p of SARCASM_PARTICLES) add(p, cue(F_SARCASM));
for (const [p, scope] of NEGATORS) add(p, cue(F_NEGATOR, { scope }));
for (const [p, factor] of PRE_INTENSIFIERS) add(p, cue(F_PRE, { pre: factor }));
for (const [p, factor] of DIMINISHERS) add(p, cue(F_PRE, { pre: factor }));
for (const [p, factor] of POST_INTENSIFIERS) add(p, cue(F_POST, { post: factor }));
for (const p of CONTRASTS) add(p, cue(F_CONTRAST));
for (const p of CONCESSIONS) add(p, cue(F_CONCESSION));
for (const p of LAUGHTER) add(p, cue(F_LAUGH));
add('có', cue(F_CO));
add('đâu', cue(F_DAU));
// The general lexicon last, and only where the project's lists say nothing of the phrase: a
// neutral compound or a commune-domain weight is a decision it must not override.
for (const [weight, phrases] of GENERAL_SENTIMENT_TERMS) {
  for (const p of phrases) if (!projectPhrases.has(phraseSyllables(p).norms.join(' '))) add(p, cue(F_TERM, { w: weight }));
}
for (const [emoji, weight] of Object.entries(EMOJI_WEIGHTS)) emojiWeights.set(emoji, weight);
for (const e of LAUGHTER_EMOJI) laughterEmoji.add(e);

/** Clause-final particles after which a negator still reads as a question ("có ổn không ạ"). */
const QUESTION_TAILS = new Set(['ạ', 'à', 'hả', 'hở', 'nhỉ', 'nhé', 'nha', 'vậy', 'thế', 'chứ', 'ta', 'hử', 'vay', 'the', 'a', 'ha']);

function negatedWeight(c: Cue): number {
  if (!Number.isNaN(c.negW)) return c.negW;
  return c.w > 0 ? -0.9 * c.w : -0.5 * c.w;
}

function isLaughWord(s: string): boolean {
  if (s.length < 2) return false;
  const c0 = s.charCodeAt(0);
  if (c0 === 107 /* k */) {
    for (let k = 1; k < s.length; k++) if (s.charCodeAt(k) !== 107) return false;
    return true;
  }
  if (c0 === 104 /* h */ && s.length >= 4) {
    const v = s.charCodeAt(1);
    if (v !== 97 && v !== 105 && v !== 101) return false; // a i e
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (k % 2 === 0 ? c !== 104 : c !== v) return false;
    }
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// The pass

/** Scratch state of one pass (reused: the analyzer is single-threaded per process). */
class Pass {
  w: number[] = [];
  ironic: boolean[] = [];
  sarcastic: boolean[] = [];
  negated: boolean[] = [];
  count = 0;
  negLeft = 0;
  preFactor = 1;
  preUntil = -1;
  concession = false;
  concessionInSentence = false;
  contrastBoost = 1;
  clauseStart = 0;
  coAt = -1;
  dauPending = false;
  questionNeg = false;
  lastTerm = -1;
  lastTermEnd = -1;
  laughs = 0;

  reset(): void {
    this.count = 0;
    this.laughs = 0;
    this.contrastBoost = 1;
    this.concessionInSentence = false;
    this.clauseStart = 0;
    this.resetClause();
  }

  resetClause(): void {
    this.negLeft = 0;
    this.preFactor = 1;
    this.preUntil = -1;
    this.concession = false;
    this.coAt = -1;
    this.dauPending = false;
    this.questionNeg = false;
    this.lastTerm = -1;
    this.lastTermEnd = -1;
  }

  push(weight: number, ironic: boolean, negated: boolean): void {
    const k = this.count++;
    this.w[k] = weight;
    this.ironic[k] = ironic;
    this.sarcastic[k] = false;
    this.negated[k] = negated;
  }

  closeClause(): void {
    if (this.dauPending && this.coAt >= 0) {
      // "có tốt đâu": the clause after "có" is negated.
      for (let k = this.coAt; k < this.count; k++) {
        if (this.negated[k]) continue;
        const x = this.w[k]!;
        this.w[k] = x > 0 ? -0.9 * x : -0.5 * x;
        this.negated[k] = true;
      }
    } else if (this.questionNeg) {
      for (let k = this.clauseStart; k < this.count; k++) this.w[k]! *= QUESTION_FACTOR;
    }
    this.clauseStart = this.count;
    this.resetClause();
  }

  run(tokens: readonly AnalysisToken[]): number {
    this.reset();
    const plain = plainSentences(tokens);
    const n = tokens.length;
    let prev: AnalysisToken | undefined;
    let i = 0;
    while (i < n) {
      const t = tokens[i]!;
      if (prev !== undefined) {
        if (t.sentence !== prev.sentence) {
          this.closeClause();
          this.contrastBoost = 1;
          this.concessionInSentence = false;
        } else if (t.start - prev.end >= 2) {
          this.closeClause();
        }
      }
      prev = t;
      if (t.kind === 'emoji') {
        if (laughterEmoji.has(t.norm)) this.laughs++;
        else {
          const weight = emojiWeights.get(t.norm);
          if (weight !== undefined) this.push(weight * this.contrastBoost, false, false);
        }
        i++;
        continue;
      }
      if (t.kind !== 'word') {
        i++;
        continue;
      }
      const folded = plain[t.sentence] === true;
      const trie = folded ? foldedTrie : exactTrie;
      const len = trie.match(tokens, i, folded);
      if (len === 0) {
        if (isLaughWord(t.norm)) this.laughs++;
        else if (this.questionNeg && !QUESTION_TAILS.has(t.norm)) this.questionNeg = false;
        if (this.negLeft > 0) this.negLeft--;
        i++;
        continue;
      }
      const c = trie.matchedValue!;
      const end = i + len;
      prev = tokens[end - 1]!;
      const f = c.flags;
      const adjacentToTerm = this.lastTerm >= 0 && this.lastTermEnd === i;

      if ((f & F_NEUTRAL) !== 0 && (f & ~(F_NEUTRAL | F_SARCASM | F_IRONIC)) === 0) {
        if (this.questionNeg) this.questionNeg = false;
        if (this.negLeft > 0) this.negLeft = Math.max(0, this.negLeft - len);
      } else if ((f & F_CONTRAST) !== 0) {
        this.closeClause();
        if (!this.concessionInSentence) for (let k = 0; k < this.count; k++) this.w[k]! *= BEFORE_CONTRAST_FACTOR;
        this.contrastBoost = AFTER_CONTRAST_FACTOR;
      } else if ((f & F_CONCESSION) !== 0) {
        this.concession = true;
        this.concessionInSentence = true;
      } else if ((f & F_LAUGH) !== 0) {
        this.laughs++;
      } else if ((f & F_POST) !== 0 && adjacentToTerm) {
        // "đẹp lắm", "chậm quá", "giỏi thật" (and, in a complaint, sarcasm).
        const k = this.lastTerm;
        if (!this.negated[k]) this.w[k]! *= c.post;
        if ((f & F_SARCASM) !== 0 && this.ironic[k]) this.sarcastic[k] = true;
        this.lastTermEnd = end;
      } else if ((f & F_SARCASM) !== 0 && adjacentToTerm && this.ironic[this.lastTerm]) {
        this.sarcastic[this.lastTerm] = true;
        this.lastTermEnd = end;
      } else if ((f & F_NEGATOR) !== 0) {
        this.negLeft = c.scope;
        this.questionNeg = true;
        this.preFactor = 1;
      } else if ((f & F_PRE) !== 0 && (f & F_TERM) === 0) {
        this.preFactor = c.pre;
        this.preUntil = end + PRE_REACH - 1;
        if (this.negLeft > 0) this.negLeft = Math.max(1, this.negLeft - len);
        this.questionNeg = false;
      } else if ((f & F_TERM) !== 0) {
        const isNegated = this.negLeft > 0;
        let weight = isNegated ? negatedWeight(c) : c.w;
        if (!isNegated && this.preUntil >= i) weight *= this.preFactor;
        if (this.concession) weight *= CONCESSION_FACTOR;
        weight *= this.contrastBoost;
        this.push(weight, !isNegated && (f & F_IRONIC) !== 0, isNegated);
        this.lastTerm = this.count - 1;
        this.lastTermEnd = end;
        this.negLeft = 0;
        this.preFactor = 1;
        this.preUntil = -1;
        this.questionNeg = false;
        this.dauPending = false;
      } else if ((f & F_DAU) !== 0) {
        this.dauPending = true;
      } else {
        // "có", or a post-intensifier / sarcasm particle with no word before it.
        if ((f & F_CO) !== 0 && this.coAt < 0) this.coAt = this.count;
        if (this.questionNeg && (f & F_SARCASM) === 0) this.questionNeg = false;
        if (this.negLeft > 0) this.negLeft = Math.max(0, this.negLeft - len);
      }
      i = end;
    }
    this.closeClause();

    // Irony and laughter read against the rest of the post.
    let negativeMass = 0;
    for (let k = 0; k < this.count; k++) {
      const x = this.w[k]!;
      if (x < 0 && !this.sarcastic[k]) negativeMass += x;
    }
    const complaint = negativeMass <= COMPLAINT_MASS;
    let sum = 0;
    for (let k = 0; k < this.count; k++) {
      let x = this.w[k]!;
      if (this.sarcastic[k] && (complaint || this.laughs > 0)) x = -Math.max(1.5, Math.abs(x));
      sum += x;
    }
    const laughs = Math.min(this.laughs, MAX_LAUGHS);
    if (laughs > 0) sum += laughs * (complaint ? LAUGH_IN_COMPLAINT : LAUGH_FRIENDLY);
    return sum;
  }
}

const pass = new Pass();

/** Sentiment of a tokenized post: a score in [-1, 1] and a label. */
export function scoreSentiment(tokens: readonly AnalysisToken[]): Sentiment {
  const sum = pass.run(tokens);
  const score = sum / (Math.abs(sum) + SATURATION);
  return { label: sentimentLabel(score), score: Math.round(score * 1000) / 1000 };
}

/** The label of a score, with the thresholds chosen on data. */
export function sentimentLabel(score: number): SentimentLabel {
  if (score <= NEGATIVE_THRESHOLD) return 'negative';
  if (score >= POSITIVE_THRESHOLD) return 'positive';
  return 'neutral';
}

/** The raw (unsaturated) sum of a pass: for tuning and tests. */
export function sentimentSum(tokens: readonly AnalysisToken[]): number {
  return pass.run(tokens);
}
