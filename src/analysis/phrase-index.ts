// Finds every occurrence of many syllable phrases in a token list in one pass whose cost
// grows with the text, not with the number of phrases: a trie over folded syllables walked
// from each token (a syllable-level Aho-Corasick without failure links — Vietnamese phrases
// are a few syllables long, so a walk ends after one or two look-ups).
//
// The trie is keyed on folded syllables, so one walk serves text with and without
// diacritics; a candidate is then checked against the exact syllables:
// - in a sentence typed without diacritics, the folded match stands ("ban" matches "bán");
// - elsewhere, `strict` mode (rules) wants every syllable exactly as written ("bàn" ≠ "bán",
//   "ma" ≠ "mà"); `lenient` mode (place names) lets an unmarked token stand for a marked one
//   ("xã Phu Thong" in an otherwise accented post) but still rejects a token carrying other
//   marks ("phụ thông" ≠ "Phủ Thông");
// - `search` mode (the search box) reads a syllable written without diacritics as "any marks"
//   ("boi thuong" finds "bồi thường") and one written with them as in `strict` mode.
//
// Phrases are added to a trie of objects; before scanning, it is flattened into typed arrays
// walked by syllable id (tokens from tokenize carry `foldedId`), which keeps the per-token
// work to a couple of array reads instead of string hashing.
import { foldDiacritics, hasCurrentSyllableIds, intern, registerSyllable } from './normalize.js';
import type { QuerySyllable } from './query.js';
import type { AnalysisToken } from './types.js';

export interface PhraseOccurrence {
  readonly phrase: number;
  /** Index of the first token. */
  readonly start: number;
  /** Index after the last token. */
  readonly end: number;
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  /** Phrases that end here. */
  ends: number[] | null;
  /** Prefix phrases whose partial last syllable follows here: folded partial → phrase ids. */
  partials: Map<string, number[]> | null;
  partialMinLength: number;
  partialMaxLength: number;
  /** Memo of partial look-ups by folded token (the vocabulary is small). */
  partialMemo: Map<string, readonly number[]> | null;
}

interface Phrase {
  readonly norms: readonly string[];
  readonly prefix: boolean;
}

/** The trie as typed arrays; node 0 is the root. */
interface FlatTrie {
  /** Root child by syllable id, -1 for none. */
  readonly rootChild: Int32Array;
  /** Open-addressing table (parent node, syllable id) → child node, for nodes below the root. */
  readonly tableParent: Int32Array;
  readonly tableSyllable: Int32Array;
  readonly tableChild: Int32Array;
  readonly tableMask: number;
  /** By syllable id: 1 when the syllable labels an edge below the root (else no probe can hit). */
  readonly innerSyllable: Uint8Array;
  /** By node: 1 when it has children. */
  readonly hasChildren: Uint8Array;
  /**
   * A one-hash Bloom filter of the (parent, syllable) edges below the root, small enough to stay
   * in cache: a clear bit means the table holds no such edge, so most misses skip the probe.
   */
  readonly edgeFilter: Int32Array;
  /** Phrases ending at a node: endsList[endsStart[n] .. endsStart[n + 1]). */
  readonly endsStart: Int32Array;
  readonly endsList: Int32Array;
  /** Nodes with prefix phrases, else null. */
  readonly partialNodes: (TrieNode | null)[];
}

type OnMatch = (phrase: number, start: number, end: number) => boolean | void;

const NO_IDS: readonly number[] = [];
const PARTIAL_MEMO_LIMIT = 50_000;

function newNode(): TrieNode {
  return { children: new Map(), ends: null, partials: null, partialMinLength: Infinity, partialMaxLength: 0, partialMemo: null };
}

/** Bits of PhraseIndex's edge filter (64 K bits: 8 KB). */
const EDGE_FILTER_BITS = 1 << 16;
function edgeBit(parent: number, syllable: number): number {
  return (Math.imul(parent ^ Math.imul(syllable, 0x27d4eb2d), 0x165667b1) >>> 16) & (EDGE_FILTER_BITS - 1);
}

function tableSlot(parent: number, syllable: number, mask: number): number {
  return (Math.imul(parent, 0x9e3779b1) ^ Math.imul(syllable, 0x85ebca6b)) & mask;
}

export class PhraseIndex {
  private readonly root = newNode();
  private readonly phrases: Phrase[] = [];
  private readonly ids = new Map<string, number>();
  private flat: FlatTrie | null = null;
  /** Every phrase's syllables in one array: phraseNorms[phraseStart[p] + k]. */
  private phraseNorms: string[] = [];
  private phraseStart = new Int32Array(0);
  private phraseLength = new Int32Array(0);
  private phrasePrefix = new Uint8Array(0);
  /** Per entry of phraseNorms: 1 when the syllable was written without diacritics (search mode). */
  private phraseUnmarked = new Uint8Array(0);

  constructor(private readonly mode: 'strict' | 'lenient' | 'search') {}

  get size(): number {
    return this.phrases.length;
  }

  /** Syllables in a phrase. */
  syllableCount(id: number): number {
    return this.phrases[id]?.norms.length ?? 0;
  }

  /** Adds a phrase (deduplicated) and returns its id. */
  add(syllables: readonly QuerySyllable[], prefix: boolean): number {
    if (syllables.length === 0) throw new RangeError('a phrase needs at least one syllable');
    const key = (prefix ? '*' : '=') + syllables.map((s) => s.norm).join(' ');
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.phrases.length;
    this.phrases.push({ norms: syllables.map((s) => s.norm), prefix });
    this.ids.set(key, id);
    this.flat = null;

    const whole = prefix ? syllables.length - 1 : syllables.length;
    let node = this.root;
    for (let k = 0; k < whole; k++) {
      const folded = syllables[k]!.folded;
      let child = node.children.get(folded);
      if (child === undefined) {
        child = newNode();
        node.children.set(folded, child);
        registerSyllable(folded);
      }
      node = child;
    }
    if (prefix) {
      const partial = syllables[syllables.length - 1]!.folded;
      node.partials ??= new Map();
      const list = node.partials.get(partial);
      if (list === undefined) node.partials.set(partial, [id]);
      else list.push(id);
      node.partialMinLength = Math.min(node.partialMinLength, partial.length);
      node.partialMaxLength = Math.max(node.partialMaxLength, partial.length);
      node.partialMemo = null;
    } else {
      (node.ends ??= []).push(id);
    }
    return id;
  }

  /**
   * Every occurrence of every phrase. `plainSentences[s]` tells whether sentence `s` was typed
   * without diacritics. A phrase never spans two sentences.
   */
  findAll(tokens: readonly AnalysisToken[], plainSentences: readonly boolean[]): PhraseOccurrence[] {
    const found: PhraseOccurrence[] = [];
    this.scan(tokens, plainSentences, (phrase, start, end) => {
      found.push({ phrase, start, end });
    });
    return found;
  }

  /** Whether any phrase occurs (stops at the first). */
  occursIn(tokens: readonly AnalysisToken[], plainSentences: readonly boolean[]): boolean {
    let seen = false;
    this.scan(tokens, plainSentences, () => (seen = true));
    return seen;
  }

  /**
   * Calls `onMatch` for each occurrence, in order of start token; a callback returning true
   * stops the scan. The allocation-free form of findAll.
   */
  scan(tokens: readonly AnalysisToken[], plainSentences: readonly boolean[], onMatch: OnMatch): void {
    if (this.phrases.length === 0) return;
    if (hasCurrentSyllableIds(tokens)) this.scanById(tokens, plainSentences, onMatch);
    else this.scanByString(tokens, plainSentences, onMatch);
  }

  /** The fast path: tokens carry current syllable ids. */
  private scanById(tokens: readonly AnalysisToken[], plainSentences: readonly boolean[], onMatch: OnMatch): void {
    const flat = (this.flat ??= this.flatten());
    const { rootChild, tableParent, tableSyllable, tableChild, tableMask, innerSyllable, hasChildren, edgeFilter, endsStart, endsList, partialNodes } = flat;
    const n = tokens.length;
    for (let i = 0; i < n; i++) {
      const first = tokens[i]!;
      const sentence = first.sentence;
      const plain = plainSentences[sentence] === true;
      let node = 0;
      let k = i;
      while (k < n) {
        const token = k === i ? first : tokens[k]!;
        if (token.sentence !== sentence) break;
        const partialNode = partialNodes[node];
        if (partialNode !== null && partialNode !== undefined) {
          for (const id of this.partialsFor(partialNode, token.folded)) {
            if (this.verify(id, tokens, i, plain) && onMatch(id, i, k + 1) === true) return;
          }
        }
        const syllable = token.foldedId!;
        if (syllable < 0) break;
        let child = -1;
        if (node === 0) {
          if (syllable < rootChild.length) child = rootChild[syllable]!;
        } else if (
          hasChildren[node] === 1 &&
          syllable < innerSyllable.length &&
          innerSyllable[syllable] === 1 &&
          (edgeFilter[(edgeBit(node, syllable) >>> 5)]! & (1 << (edgeBit(node, syllable) & 31))) !== 0
        ) {
          for (let slot = tableSlot(node, syllable, tableMask); ; slot = (slot + 1) & tableMask) {
            const parent = tableParent[slot]!;
            if (parent === -1) break;
            if (parent === node && tableSyllable[slot] === syllable) {
              child = tableChild[slot]!;
              break;
            }
          }
        }
        if (child < 0) break;
        node = child;
        k++;
        for (let e = endsStart[node]!, last = endsStart[node + 1]!; e < last; e++) {
          const id = endsList[e]!;
          if (this.verify(id, tokens, i, plain) && onMatch(id, i, k) === true) return;
        }
      }
    }
  }

  /** For tokens without current syllable ids (made by hand, or before the index grew). */
  private scanByString(tokens: readonly AnalysisToken[], plainSentences: readonly boolean[], onMatch: OnMatch): void {
    this.flat ??= this.flatten(); // keeps the phrase arrays used by verify current
    const n = tokens.length;
    for (let i = 0; i < n; i++) {
      const sentence = tokens[i]!.sentence;
      const plain = plainSentences[sentence] === true;
      let node = this.root;
      let k = i;
      while (k < n) {
        const token = tokens[k]!;
        if (token.sentence !== sentence) break;
        if (node.partials !== null) {
          for (const id of this.partialsFor(node, token.folded)) {
            if (this.verify(id, tokens, i, plain) && onMatch(id, i, k + 1) === true) return;
          }
        }
        const child = node.children.get(token.folded);
        if (child === undefined) break;
        node = child;
        k++;
        const ends = node.ends;
        if (ends !== null) {
          for (const id of ends) {
            if (this.verify(id, tokens, i, plain) && onMatch(id, i, k) === true) return;
          }
        }
      }
    }
  }

  /** Numbers the nodes breadth first and lays the trie and the phrases out in typed arrays. */
  private flatten(): FlatTrie {
    const nodes: TrieNode[] = [this.root];
    for (let at = 0; at < nodes.length; at++) for (const child of nodes[at]!.children.values()) nodes.push(child);
    const numberOf = new Map<TrieNode, number>(nodes.map((node, i) => [node, i]));

    let maxRootSyllable = -1;
    for (const folded of this.root.children.keys()) maxRootSyllable = Math.max(maxRootSyllable, registerSyllable(folded));
    const rootChild = new Int32Array(maxRootSyllable + 1).fill(-1);
    const inner = nodes.length - 1 - this.root.children.size;
    let tableSize = 16;
    while (tableSize < inner * 2) tableSize *= 2;
    const tableMask = tableSize - 1;
    const tableParent = new Int32Array(tableSize).fill(-1);
    const tableSyllable = new Int32Array(tableSize);
    const tableChild = new Int32Array(tableSize);
    const endsStart = new Int32Array(nodes.length + 1);
    const endsList: number[] = [];
    const partialNodes: (TrieNode | null)[] = [];
    let maxInnerSyllable = -1;
    const innerIds: number[] = [];
    const hasChildren = new Uint8Array(nodes.length);
    const edgeFilter = new Int32Array(EDGE_FILTER_BITS >>> 5);

    nodes.forEach((node, parent) => {
      if (node.children.size > 0) hasChildren[parent] = 1;
      endsStart[parent] = endsList.length;
      if (node.ends !== null) endsList.push(...node.ends);
      partialNodes.push(node.partials !== null ? node : null);
      for (const [folded, child] of node.children) {
        const syllable = registerSyllable(folded);
        const childNumber = numberOf.get(child)!;
        if (parent === 0) {
          rootChild[syllable] = childNumber;
          continue;
        }
        innerIds.push(syllable);
        const bit = edgeBit(parent, syllable);
        edgeFilter[bit >>> 5]! |= 1 << (bit & 31);
        maxInnerSyllable = Math.max(maxInnerSyllable, syllable);
        let slot = tableSlot(parent, syllable, tableMask);
        while (tableParent[slot] !== -1) slot = (slot + 1) & tableMask;
        tableParent[slot] = parent;
        tableSyllable[slot] = syllable;
        tableChild[slot] = childNumber;
      }
    });
    endsStart[nodes.length] = endsList.length;
    const innerSyllable = new Uint8Array(maxInnerSyllable + 1);
    for (const id of innerIds) innerSyllable[id] = 1;

    this.phraseNorms = [];
    this.phraseStart = new Int32Array(this.phrases.length);
    this.phraseLength = new Int32Array(this.phrases.length);
    this.phrasePrefix = new Uint8Array(this.phrases.length);
    this.phrases.forEach((phrase, id) => {
      this.phraseStart[id] = this.phraseNorms.length;
      this.phraseLength[id] = phrase.norms.length;
      this.phrasePrefix[id] = phrase.prefix ? 1 : 0;
      for (const norm of phrase.norms) this.phraseNorms.push(intern(norm));
    });
    this.phraseUnmarked = Uint8Array.from(this.phraseNorms, (norm) => (foldDiacritics(norm) === norm ? 1 : 0));

    return { rootChild, tableParent, tableSyllable, tableChild, tableMask, innerSyllable, hasChildren, edgeFilter, endsStart, endsList: Int32Array.from(endsList), partialNodes };
  }

  /** Phrase ids whose partial syllable at this node is a prefix of the folded token. */
  private partialsFor(node: TrieNode, folded: string): readonly number[] {
    const memo = (node.partialMemo ??= new Map());
    let ids = memo.get(folded);
    if (ids !== undefined) return ids;
    const partials = node.partials!;
    const hits: number[] = [];
    const longest = Math.min(node.partialMaxLength, folded.length);
    for (let length = node.partialMinLength; length <= longest; length++) {
      const list = partials.get(length === folded.length ? folded : folded.slice(0, length));
      if (list !== undefined) hits.push(...list);
    }
    ids = hits.length === 0 ? NO_IDS : hits;
    if (memo.size > PARTIAL_MEMO_LIMIT) memo.clear();
    memo.set(folded, ids);
    return ids;
  }

  /** Checks a folded candidate against the exact syllables (see the module comment). */
  private verify(id: number, tokens: readonly AnalysisToken[], start: number, plain: boolean): boolean {
    if (plain) return true;
    const from = this.phraseStart[id]!;
    const last = this.phraseLength[id]! - 1;
    const prefix = this.phrasePrefix[id] === 1;
    const lenient = this.mode === 'lenient';
    const search = this.mode === 'search';
    for (let k = 0; k <= last; k++) {
      // The trie matched the folded forms already: a search syllable without marks needs no more.
      if (search && this.phraseUnmarked[from + k] === 1) continue;
      const token = tokens[start + k]!;
      const norm = token.norm;
      if (lenient && norm === token.folded) continue;
      const want = this.phraseNorms[from + k]!;
      if (k === last && prefix ? !norm.startsWith(want) : norm !== want) return false;
    }
    return true;
  }
}
