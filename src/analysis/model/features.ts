// What the learned model reads from a post: the syllables of the analyzer's normalized text
// (folded, so "boi thuong" and "bồi thường" are one feature), the pairs of adjacent syllables
// inside a sentence, which rules and rule categories matched, the lexicon's sentiment and the
// offensive-language score (each in coarse and in fine bins), and the post's length. Text only:
// nothing about the author or the source ever becomes a feature.
//
// Training names features as strings; the running model looks them up by syllable id (see
// model.ts). Both walk the post through this one function, so they cannot disagree.
import type { RuleHit } from '../rules.js';
import type { AnalysisToken } from '../types.js';

/** What the analyzer already computed for a post, besides its tokens. */
export interface FeatureInput {
  readonly tokens: readonly AnalysisToken[];
  readonly hits: readonly RuleHit[];
  /** The sentiment lexicon's score in [-1, 1]. */
  readonly lexiconScore: number;
  readonly offensive: boolean;
  /** The offensive-language score in [0, 1] (offensive.ts detectOffensive). */
  readonly offensiveScore: number;
  /** The text the tokens point into (punctuation is not a token). */
  readonly text: string;
  /** The part of `text` the tokens cover, when they are a window of a longer text (windows.ts). */
  readonly span?: { readonly start: number; readonly end: number };
}

/** Whether `char` occurs in the part of the text the features are read from. */
export function spanHas(input: FeatureInput, char: string): boolean {
  const at = input.text.indexOf(char, input.span?.start ?? 0);
  return at >= 0 && at < (input.span?.end ?? input.text.length);
}

/** Looks features up; returns -1 for a feature outside the vocabulary. */
export interface FeatureLookup {
  /** A syllable (or emoji) on its own. */
  word(token: AnalysisToken): number;
  /** Two adjacent tokens of one sentence. */
  pair(left: AnalysisToken, right: AnalysisToken): number;
  /** A named feature (rule, category, bin). */
  named(name: string): number;
}

export const BIAS = 'bias';
/** Tokens that stand for a kind rather than a word. */
const KIND_WORDS: Readonly<Record<AnalysisToken['kind'], string | null>> = {
  word: null,
  emoji: null,
  number: '#num',
  url: '#url',
  mention: '#mention',
  hashtag: '#tag',
};

/** The string a token contributes as a word: its folded syllable, or its kind. */
export function wordOf(token: AnalysisToken): string {
  return KIND_WORDS[token.kind] ?? token.folded;
}

export function wordFeature(word: string): string {
  return `w:${word}`;
}
export function pairFeature(left: string, right: string): string {
  return `p:${left} ${right}`;
}
export function ruleFeature(ruleId: string): string {
  return `r:${ruleId}`;
}
export function categoryFeature(category: string): string {
  return `c:${category}`;
}

/** Lexicon sentiment in five bins: clear and mild negative, neutral, mild and clear positive. */
export function lexiconBin(score: number): string {
  if (score <= -0.5) return 's:neg2';
  if (score <= -0.15) return 's:neg1';
  if (score < 0.3) return 's:zero';
  if (score < 0.6) return 's:pos1';
  return 's:pos2';
}

/**
 * The lexicon score in steps of 0.1 (21 bins) and the offensive score in tenths (10 bins): the
 * coarse bins above say which side a post is on, these how far, which is what tells a curt
 * complaint from a neutral remark (the training data's comments, out of fold: 0.783 → 0.796).
 */
export const LEXICON_STEPS: readonly string[] = Array.from({ length: 21 }, (_, i) => `s:${i - 10}`);
export const OFFENSIVE_STEPS: readonly string[] = Array.from({ length: 10 }, (_, i) => `o:${i}`);
/** Position in LEXICON_STEPS of a lexicon score (the running model reads rows by it). */
export function lexiconStepIndex(score: number): number {
  return Math.round(Math.max(-1, Math.min(1, score)) * 10) + 10;
}
/** Position in OFFENSIVE_STEPS of an offensive score. */
export function offensiveStepIndex(score: number): number {
  return Math.min(9, Math.max(0, Math.floor(score * 10)));
}
export function lexiconStep(score: number): string {
  return LEXICON_STEPS[lexiconStepIndex(score)]!;
}
export function offensiveStep(score: number): string {
  return OFFENSIVE_STEPS[offensiveStepIndex(score)]!;
}

/** Length in words, in four bins: a reaction, a comment, a post, an article. */
export function lengthBin(words: number): string {
  if (words < 8) return 'l:xs';
  if (words < 25) return 'l:s';
  if (words < 80) return 'l:m';
  return 'l:l';
}

export const OFFENSIVE_FEATURE = 'o:offensive';

/** All named features a post can have besides rules and categories. */
export const FIXED_FEATURES: readonly string[] = [
  BIAS,
  OFFENSIVE_FEATURE,
  ...['s:neg2', 's:neg1', 's:zero', 's:pos1', 's:pos2'],
  ...LEXICON_STEPS,
  ...OFFENSIVE_STEPS,
  ...['l:xs', 'l:s', 'l:m', 'l:l'],
  't:question',
  't:exclamation',
];

/**
 * Visits the features of a post in a fixed order: `add` gets each one's index (-1 for a feature
 * outside the vocabulary) and the tokens it comes from (`from`..`to` inclusive; -1 for features
 * that are not words). It may see an index more than once; deduplicating is its job.
 */
export function visitFeatures(input: FeatureInput, lookup: FeatureLookup, add: (index: number, from: number, to: number) => void): void {
  add(lookup.named(BIAS), -1, -1);
  const tokens = input.tokens;
  let words = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'word') words++;
    add(lookup.word(token), i, i);
    const previous = tokens[i - 1];
    if (previous !== undefined && previous.sentence === token.sentence) add(lookup.pair(previous, token), i - 1, i);
  }
  for (const hit of input.hits) {
    add(lookup.named(ruleFeature(hit.rule.id)), -1, -1);
    add(lookup.named(categoryFeature(hit.rule.category)), -1, -1);
  }
  add(lookup.named(lexiconBin(input.lexiconScore)), -1, -1);
  add(lookup.named(lexiconStep(input.lexiconScore)), -1, -1);
  if (input.offensive) add(lookup.named(OFFENSIVE_FEATURE), -1, -1);
  add(lookup.named(offensiveStep(input.offensiveScore)), -1, -1);
  add(lookup.named(lengthBin(words)), -1, -1);
  if (spanHas(input, '?')) add(lookup.named(QUESTION_FEATURE), -1, -1);
  if (spanHas(input, '!')) add(lookup.named(EXCLAMATION_FEATURE), -1, -1);
  const last = tokens[tokens.length - 1];
  if (last !== undefined && last.kind === 'emoji') add(lookup.named(`e:${last.norm}`), -1, -1);
}

export const QUESTION_FEATURE = 't:question';
export const EXCLAMATION_FEATURE = 't:exclamation';

/** The distinct feature names of a post, in visiting order: what training reads. */
export function featureNames(input: FeatureInput): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const byIndex: string[] = [];
  const lookup: FeatureLookup = {
    word: (t) => byIndex.push(wordFeature(wordOf(t))) - 1,
    pair: (l, r) => byIndex.push(pairFeature(wordOf(l), wordOf(r))) - 1,
    named: (name) => byIndex.push(name) - 1,
  };
  visitFeatures(input, lookup, (index) => {
    const name = byIndex[index]!;
    if (seen.has(name)) return;
    seen.add(name);
    names.push(name);
  });
  return names;
}
