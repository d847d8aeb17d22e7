// A trie over syllables for lexicon look-ups: one hash-map look-up per token for the first
// syllable, further look-ups only while a phrase continues. Pure data, no I/O.
import { foldDiacritics, hasCurrentSyllableIds, registerSyllable, tokenize } from './normalize.js';
import type { AnalysisToken } from './types.js';

interface TrieNode<V> {
  value: V | undefined;
  next: Map<string, TrieNode<V>> | undefined;
}

/** Splits a lexicon phrase into canonical syllables (norm and folded) with the project tokenizer. */
export function phraseSyllables(phrase: string): { readonly norms: string[]; readonly folded: string[] } {
  const norms: string[] = [];
  const folded: string[] = [];
  for (const t of tokenize(phrase)) {
    norms.push(t.norm);
    folded.push(t.folded);
  }
  return { norms, folded };
}

export class SyllableTrie<V> {
  private readonly root = new Map<string, TrieNode<V>>();
  /** Value of the last successful `match` (kept here so a match allocates nothing). */
  matchedValue: V | undefined = undefined;
  /**
   * By syllable id (normalize.ts registerSyllable): 1 when a phrase starts with a syllable of
   * that fold. Tokens carrying current ids are turned away with one array read, no string hash.
   */
  private firstIds = new Uint8Array(64);
  /** By syllable id: the first-level entries whose key folds to it, as [key, node, key, node…]. */
  private rootsById: Array<Array<string | TrieNode<V>> | undefined> = [];

  /** Adds a phrase; when it is already present, `merge` decides the stored value. */
  insert(syllables: readonly string[], value: V, merge?: (old: V, added: V) => V): void {
    if (syllables.length === 0) return;
    const id = registerSyllable(foldDiacritics(syllables[0]!));
    if (id >= this.firstIds.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.firstIds.length * 2));
      grown.set(this.firstIds);
      this.firstIds = grown;
    }
    this.firstIds[id] = 1;
    if (!this.root.has(syllables[0]!)) {
      const node: TrieNode<V> = { value: undefined, next: undefined };
      this.root.set(syllables[0]!, node);
      (this.rootsById[id] ??= []).push(syllables[0]!, node);
    }
    let level = this.root;
    let node: TrieNode<V> | undefined;
    for (let k = 0; k < syllables.length; k++) {
      const key = syllables[k]!;
      node = level.get(key);
      if (node === undefined) {
        node = { value: undefined, next: undefined };
        level.set(key, node);
      }
      if (k < syllables.length - 1) {
        if (node.next === undefined) node.next = new Map();
        level = node.next;
      }
    }
    const target = node!;
    target.value = target.value !== undefined && merge !== undefined ? merge(target.value, value) : value;
  }

  /** Whether the trie has a phrase starting with this syllable. */
  has(syllable: string): boolean {
    return this.root.has(syllable);
  }

  /**
   * Longest phrase starting at `tokens[i]`, read from `norm` (or `folded` when `useFolded`),
   * within the token's sentence and over word-like tokens only. Returns the number of tokens
   * matched (0 when none) and leaves the phrase's value in `matchedValue`.
   */
  match(tokens: readonly AnalysisToken[], i: number, useFolded: boolean): number {
    const first = tokens[i]!;
    const id = first.foldedId;
    const key = useFolded ? first.folded : first.norm;
    let node: TrieNode<V> | undefined;
    if (id !== undefined && hasCurrentSyllableIds(tokens)) {
      // One array read turns most tokens away; the few entries folding to the id are compared.
      if (id < 0 || id >= this.firstIds.length || this.firstIds[id] === 0) return 0;
      const roots = this.rootsById[id]!;
      for (let k = 0; k < roots.length; k += 2) {
        if (roots[k] === key) {
          node = roots[k + 1] as TrieNode<V>;
          break;
        }
      }
    } else node = this.root.get(key);
    if (node === undefined) return 0;
    let bestLength = 0;
    let bestValue: V | undefined;
    if (node.value !== undefined) {
      bestLength = 1;
      bestValue = node.value;
    }
    const sentence = first.sentence;
    let j = i + 1;
    while (node.next !== undefined && j < tokens.length) {
      const t = tokens[j]!;
      if (t.sentence !== sentence || (t.kind !== 'word' && t.kind !== 'number')) break;
      const nextNode: TrieNode<V> | undefined = node.next.get(useFolded ? t.folded : t.norm);
      if (nextNode === undefined) break;
      node = nextNode;
      j++;
      if (node.value !== undefined) {
        bestLength = j - i;
        bestValue = node.value;
      }
    }
    this.matchedValue = bestValue;
    return bestLength;
  }
}

// ---------------------------------------------------------------------------
// Sentences typed without diacritics

/** Share of diacritic-bearing syllables under which a sentence counts as typed without them. */
const PLAIN_SHARE = 0.1;
/** Syllables a sentence needs to be judged on its own (else the whole post decides). */
const PLAIN_MIN_SYLLABLES = 3;

let cachedTokens: readonly AnalysisToken[] | undefined;
let cachedLength = -1;
let cachedLast: AnalysisToken | undefined;
let cachedPlain: boolean[] = [];
let sentenceSyllables = new Int32Array(64);
let sentenceMarked = new Int32Array(64);

/**
 * For each sentence index, whether it was typed without diacritics (look lexicons up on
 * `folded` there). The rule of normalize.ts's diacriticlessSentences — under 10% of the
 * syllables carry marks, teencode expansions do not count, sentences under 3 syllables take the
 * post's decision — with a cheaper syllable test (letters only, at most 7 of them) and a
 * one-entry cache, so the sentiment and offensive passes over one token list share the work.
 */
export function plainSentences(tokens: readonly AnalysisToken[]): readonly boolean[] {
  const n = tokens.length;
  const last = tokens[n - 1];
  if (tokens === cachedTokens && n === cachedLength && last === cachedLast) return cachedPlain;
  if (last === undefined) return [];
  const sentences = last.sentence + 1;
  if (sentences > sentenceSyllables.length) {
    sentenceSyllables = new Int32Array(sentences * 2);
    sentenceMarked = new Int32Array(sentences * 2);
  }
  sentenceSyllables.fill(0, 0, sentences);
  sentenceMarked.fill(0, 0, sentences);
  let syllables = 0;
  let marked = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || t.expanded === true) continue;
    if (t.norm !== t.folded) {
      sentenceMarked[t.sentence]!++;
      marked++;
    } else if (t.folded.length > 7) continue;
    sentenceSyllables[t.sentence]!++;
    syllables++;
  }
  const postPlain = syllables === 0 || marked / syllables < PLAIN_SHARE;
  const result = new Array<boolean>(sentences);
  for (let s = 0; s < sentences; s++) {
    const count = sentenceSyllables[s]!;
    result[s] = count >= PLAIN_MIN_SYLLABLES ? sentenceMarked[s]! / count < PLAIN_SHARE : postPlain;
  }
  cachedTokens = tokens;
  cachedLength = n;
  cachedLast = last;
  cachedPlain = result;
  return result;
}
