// A trie over syllables for lexicon look-ups: one hash-map look-up per token for the first
// syllable, further look-ups only while a phrase continues. Pure data, no I/O.
import { foldDiacritics, hasCurrentSyllableIds, intern, plainSentencesOfLastTokenized, registerSyllable, tokenize } from './normalize.js';
import type { AnalysisToken } from './types.js';

interface TrieNode<V> {
  /** Number of the node in its trie (for the edge filter). */
  readonly num: number;
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

/** Bits of SyllableTrie's edge filter (64 K bits: 8 KB). */
const EDGE_FILTER_BITS = 1 << 16;
function edgeBit(node: number, syllable: number): number {
  return (Math.imul(node ^ Math.imul(syllable, 0x27d4eb2d), 0x165667b1) >>> 16) & (EDGE_FILTER_BITS - 1);
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
  /** By syllable id: the first of those entries (most ids have one), read without the list. */
  private firstKeyById: Array<string | undefined> = [];
  private firstNodeById: Array<TrieNode<V> | undefined> = [];
  /**
   * By syllable id: 1 when some phrase has a syllable of that fold after its first. Every such
   * fold is registered, so a token whose (current) id is not marked here cannot continue a
   * phrase, and the walk stops without a Map look-up.
   */
  private laterIds = new Uint8Array(64);
  /**
   * A one-hash Bloom filter of the edges below the first level, by (node number, syllable id of
   * the next syllable's fold): a clear bit means no phrase continues that way, so the walk stops
   * without a Map look-up. Small enough to stay in cache.
   */
  private readonly edgeFilter = new Int32Array(EDGE_FILTER_BITS >>> 5);
  private nodeCount = 0;

  /** Adds a phrase; when it is already present, `merge` decides the stored value. */
  insert(phrase: readonly string[], value: V, merge?: (old: V, added: V) => V): void {
    if (phrase.length === 0) return;
    const syllables = phrase.map(intern);
    const id = registerSyllable(foldDiacritics(syllables[0]!));
    if (id >= this.firstIds.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.firstIds.length * 2));
      grown.set(this.firstIds);
      this.firstIds = grown;
    }
    this.firstIds[id] = 1;
    if (!this.root.has(syllables[0]!)) {
      const node: TrieNode<V> = { num: this.nodeCount++, value: undefined, next: undefined };
      this.root.set(syllables[0]!, node);
      (this.rootsById[id] ??= []).push(syllables[0]!, node);
      if (this.firstKeyById[id] === undefined) {
        while (this.firstKeyById.length <= id) {
          this.firstKeyById.push(undefined);
          this.firstNodeById.push(undefined);
        }
        this.firstKeyById[id] = syllables[0]!;
        this.firstNodeById[id] = node;
      }
    }
    for (let k = 1; k < syllables.length; k++) {
      const later = registerSyllable(foldDiacritics(syllables[k]!));
      if (later >= this.laterIds.length) {
        const grown = new Uint8Array(Math.max(later + 1, this.laterIds.length * 2));
        grown.set(this.laterIds);
        this.laterIds = grown;
      }
      this.laterIds[later] = 1;
    }
    let level = this.root;
    let node: TrieNode<V> | undefined;
    for (let k = 0; k < syllables.length; k++) {
      const key = syllables[k]!;
      if (k > 0) {
        const bit = edgeBit(node!.num, registerSyllable(foldDiacritics(key)));
        this.edgeFilter[bit >>> 5]! |= 1 << (bit & 31);
      }
      node = level.get(key);
      if (node === undefined) {
        node = { num: this.nodeCount++, value: undefined, next: undefined };
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
    const byId = id !== undefined && hasCurrentSyllableIds(tokens);
    if (byId) {
      // One array read turns most tokens away; the few entries folding to the id are compared.
      if (id < 0 || id >= this.firstIds.length || this.firstIds[id] === 0) return 0;
      if (this.firstKeyById[id] === key) node = this.firstNodeById[id];
      else {
        const roots = this.rootsById[id]!;
        for (let k = 2; k < roots.length; k += 2) {
          if (roots[k] === key) {
            node = roots[k + 1] as TrieNode<V>;
            break;
          }
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
    const laterIds = this.laterIds;
    const edgeFilter = this.edgeFilter;
    let j = i + 1;
    while (node.next !== undefined && j < tokens.length) {
      const t = tokens[j]!;
      if (t.sentence !== sentence || (t.kind !== 'word' && t.kind !== 'number')) break;
      if (byId) {
        const later = t.foldedId!;
        if (later < 0 || later >= laterIds.length || laterIds[later] === 0) break;
        const bit = edgeBit(node.num, later);
        if ((edgeFilter[bit >>> 5]! & (1 << (bit & 31))) === 0) break;
      }
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
  // Counted by tokenize already (the same rule, per word-table entry).
  const counted = plainSentencesOfLastTokenized(tokens);
  if (counted !== undefined) return counted;
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
