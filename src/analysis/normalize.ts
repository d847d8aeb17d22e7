// Vietnamese text normalization: one pass over the original text that yields syllable-level
// tokens with offsets into that original text. Pure; the only state is a bounded memo of
// word normalizations (the Vietnamese vocabulary is small, so most words hit it).
//
// Canonical form of a word token (`norm`):
//   NFC, lower case, stretched letters squeezed ("quáaaa" → "quá"), tone mark placed as
//   most people type it (Unikey's default): on the first vowel of an open oa/oe/uy
//   ("hoà" → "hòa", "thuý" → "thúy", "khoẻ" → "khỏe"), "qu"/"gi" count as initials
//   ("qùy" → "quỳ"), and teencode expanded ("ko" → "không", "ubnd" → "ủy ban nhân dân").
// Emoji tokens carry the emoji without variation selectors or skin tones ("❤️" → "❤",
// "👍🏻" → "👍"); emoticons a canonical spelling (see EMOTICON_NORMS).
import type { AnalysisToken } from './types.js';
import { CONTEXTUAL_TEENCODE, TEENCODE, UNIT_ABBREVIATIONS } from './data/teencode.js';

// ---------------------------------------------------------------------------
// Vowel tables

/** Each row: a vowel (with its quality mark), then huyền, sắc, hỏi, ngã, nặng. */
const VOWEL_ROWS = [
  'aàáảãạ', 'ăằắẳẵặ', 'âầấẩẫậ', 'eèéẻẽẹ', 'êềếểễệ', 'iìíỉĩị',
  'oòóỏõọ', 'ôồốổỗộ', 'ơờớởỡợ', 'uùúủũụ', 'ưừứửữự', 'yỳýỷỹỵ',
] as const;
const FOLDED_BASE: Readonly<Record<string, string>> = {
  a: 'a', ă: 'a', â: 'a', e: 'e', ê: 'e', i: 'i', o: 'o', ô: 'o', ơ: 'o', u: 'u', ư: 'u', y: 'y',
};

interface VowelInfo {
  /** The vowel without its tone, quality mark kept (ấ → â). */
  readonly base: string;
  /** 0 = no tone, 1..5 = huyền, sắc, hỏi, ngã, nặng. */
  readonly tone: number;
}
const VOWEL_INFO = new Map<string, VowelInfo>();
const TONED_FORMS = new Map<string, string>(); // base → row (index = tone)
/** Single character → its diacritic-free letter, for both cases. */
const FOLD_CHAR = new Map<string, string>();
for (const row of VOWEL_ROWS) {
  const base = row[0]!;
  TONED_FORMS.set(base, row);
  for (let tone = 0; tone < row.length; tone++) {
    const ch = row[tone]!;
    VOWEL_INFO.set(ch, { base, tone });
    const plain = FOLDED_BASE[base]!;
    if (ch !== plain) {
      FOLD_CHAR.set(ch, plain);
      FOLD_CHAR.set(ch.toUpperCase(), plain.toUpperCase());
    }
  }
}
FOLD_CHAR.set('đ', 'd');
FOLD_CHAR.set('Đ', 'D');
const QUALITY_VOWELS = 'ăâêôơư';

/**
 * A Vietnamese syllable, tone removed: initial, vowel nucleus, final. "gi" and "qu" are
 * initials when a vowel follows (regex backtracking gives "gìn" = g + i + n).
 */
const SYLLABLE_RE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$/;
/** The same on folded text, with the nuclei that exist; decides "looks Vietnamese". */
const FOLDED_SYLLABLE_RE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(a|ai|ao|au|ay|e|eo|eu|i|ia|ie|ieu|iu|o|oa|oai|oay|oe|oeo|oi|oo|u|ua|uay|ue|ui|uo|uoi|uou|uu|uy|uya|uye|uyu|y|ye|yeu)(ch|ng|nh|[cmnpt])?$/;

// ---------------------------------------------------------------------------
// Syllable-level helpers (exported: rules, the gazetteer and lexicons normalize with them)

/** Removes diacritics (tone and quality marks) and maps đ → d. Keeps case. Accepts NFD. */
export function foldDiacritics(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xc0) continue;
    if (c >= 0x300 && c <= 0x36f) {
      out += s.slice(last, i);
      last = i + 1;
      continue;
    }
    const folded = FOLD_CHAR.get(s[i]!);
    if (folded !== undefined) {
      out += s.slice(last, i) + folded;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

/** True when the string carries a Vietnamese diacritic (tone, quality mark, đ). */
export function hasDiacritics(s: string): boolean {
  return foldDiacritics(s) !== s;
}

/** True when a folded lower-case syllable has the shape of a Vietnamese syllable. */
export function looksVietnamese(foldedSyllable: string): boolean {
  let known = VIET_LIKE_MEMO.get(foldedSyllable);
  if (known === undefined) {
    known = FOLDED_SYLLABLE_RE.test(foldedSyllable);
    if (VIET_LIKE_MEMO.size > MEMO_LIMIT) VIET_LIKE_MEMO.clear();
    VIET_LIKE_MEMO.set(foldedSyllable, known);
  }
  return known;
}
const VIET_LIKE_MEMO = new Map<string, boolean>();
const MEMO_LIMIT = 200_000;

/**
 * Squeezes stretched letters in a lower-case word: "quáaaa" → "quá", "đẹppp" → "đẹp",
 * "khôôông" → "không". Keeps real Vietnamese doubles ("xoong", "boong", "soóc"), letters
 * that differ in quality ("ưu", "ươ"), words of one repeated letter ("kkk") and doubled
 * consonants inside a word (loanwords: "hello").
 */
export function squeezeStretched(word: string): string {
  let prevBase = '';
  let stretched = false;
  for (const ch of word) {
    const base = VOWEL_INFO.get(ch)?.base ?? ch;
    if (base === prevBase) {
      stretched = true;
      break;
    }
    prevBase = base;
  }
  if (!stretched) return word;

  // Group consecutive characters of the same base letter.
  const groups: { base: string; chars: string[] }[] = [];
  for (const ch of word) {
    const base = VOWEL_INFO.get(ch)?.base ?? ch;
    const last = groups[groups.length - 1];
    if (last !== undefined && last.base === base) last.chars.push(ch);
    else groups.push({ base, chars: [ch] });
  }
  if (groups.length === 1) return word;

  let out = '';
  for (let g = 0; g < groups.length; g++) {
    const { base, chars } = groups[g]!;
    if (chars.length === 1) {
      out += chars[0]!;
      continue;
    }
    const toned = chars.find((ch) => (VOWEL_INFO.get(ch)?.tone ?? 0) > 0) ?? chars[0]!;
    const isLast = g === groups.length - 1;
    const isVowel = VOWEL_INFO.has(chars[0]!);
    if (base === 'o') {
      // "oo" is real before ng/c (xoong, soóc); longer runs are stretching.
      const next = groups[g + 1]?.base;
      if (chars.length === 2 || next === 'n' || next === 'c') {
        out += chars.length === 2 ? chars.join('') : 'o' + toned;
      } else out += toned;
    } else if (base === 'u' && chars.length === 2 && g > 0 && chars[0] === 'u' && VOWEL_INFO.get(chars[1]!)?.base === 'u' && !VOWEL_INFO.has(groups[g - 1]!.chars[0]!)) {
      // "uu" after a consonant is "ưu" typed without marks (cuu = cứu, luu = lưu, huu = hưu).
      out += chars.join('');
    } else if (chars.length >= 3 || isLast || isVowel) {
      out += toned;
    } else {
      out += chars.join('');
    }
  }
  return out;
}

/**
 * Moves the tone mark of a lower-case NFC syllable to its canonical vowel: a vowel with a
 * quality mark (the last one: "người"), else the last vowel when a final consonant follows
 * ("hoàng"), else the middle of three ("ngoài"), else the first ("hòa", "thúy", "khỏe").
 * Words that are not Vietnamese syllables come back unchanged.
 */
export function placeTone(syllable: string): string {
  let tone = 0;
  let bare = '';
  for (const ch of syllable) {
    const info = VOWEL_INFO.get(ch);
    if (info === undefined) bare += ch;
    else {
      if (tone === 0) tone = info.tone;
      bare += info.base;
    }
  }
  if (tone === 0) return syllable;
  const m = SYLLABLE_RE.exec(bare);
  if (m === null) return syllable;
  const initial = m[1] ?? '';
  const vowels = m[2]!;
  const final = m[3] ?? '';
  let at = -1;
  for (let k = vowels.length - 1; k >= 0; k--) {
    if (QUALITY_VOWELS.includes(vowels[k]!)) {
      at = k;
      break;
    }
  }
  if (at < 0) at = final !== '' ? vowels.length - 1 : vowels.length >= 3 ? 1 : 0;
  const toned = TONED_FORMS.get(vowels[at]!)![tone]!;
  return initial + vowels.slice(0, at) + toned + vowels.slice(at + 1) + final;
}

/**
 * The canonical form of one syllable or word, without teencode expansion:
 * NFC, lower case, stretched letters squeezed, tone mark placed canonically.
 */
export function normalizeSyllable(s: string): string {
  return placeTone(squeezeStretched(s.normalize('NFC').toLowerCase()));
}

/** The `norm` of every word token of a text joined by single spaces ("Hoà  Bình" → "hòa bình"). */
export function normalizeText(text: string): string {
  return tokenize(text)
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm)
    .join(' ');
}

/**
 * The same string, internalized by the engine: the norms of the tokenizer's word table and the
 * keys of the lexicons go through here, so comparing a token's syllable with a lexicon's is a
 * pointer comparison (two distinct internalized strings are known to differ) instead of a
 * character-by-character one.
 */
export function intern(s: string): string {
  const holder: Record<string, number> = { [s]: 0 };
  for (const key in holder) return key;
  return s;
}

// ---------------------------------------------------------------------------
// Syllable registry: folded syllables that some index (rules, gazetteer) looks for get a
// small integer id, carried by tokens as `foldedId`. Only indexes register, so the registry
// is bounded by the rules' vocabulary, not by the text's.

const SYLLABLE_IDS = new Map<string, number>();
/** Grows with each new registration, so memoized ids know when to look again. */
let registryVersion = 0;

/** The id of a folded syllable, registering it when new. */
export function registerSyllable(folded: string): number {
  let id = SYLLABLE_IDS.get(folded);
  if (id === undefined) {
    id = SYLLABLE_IDS.size;
    SYLLABLE_IDS.set(folded, id);
    registryVersion++;
  }
  return id;
}

/** The id of a folded syllable, or -1 when no index registered it. */
export function syllableId(folded: string): number {
  return SYLLABLE_IDS.get(folded) ?? -1;
}

// ---------------------------------------------------------------------------
// Teencode

interface Expansion {
  readonly norms: readonly string[];
  readonly folded: readonly string[];
}
function expansionOf(phrase: string): Expansion {
  const norms = phrase.split(/\s+/).filter((s) => s !== '').map((s) => intern(normalizeSyllable(s)));
  return { norms, folded: norms.map((s) => intern(foldDiacritics(s))) };
}
function buildExpansions(dict: Readonly<Record<string, string>>): Map<string, Expansion> {
  const map = new Map<string, Expansion>();
  for (const [key, phrase] of Object.entries(dict)) {
    const expansion = expansionOf(phrase);
    const lower = key.normalize('NFC').toLowerCase();
    map.set(lower, expansion);
    map.set(placeTone(lower), expansion);
  }
  return map;
}
const TEENCODE_MAP = buildExpansions(TEENCODE);
const UNIT_MAP = buildExpansions(UNIT_ABBREVIATIONS);
const CONTEXTUAL_MAP = new Map<string, { after: ReadonlySet<string>; expansion: Expansion }>();
for (const [key, { after, to }] of Object.entries(CONTEXTUAL_TEENCODE)) {
  CONTEXTUAL_MAP.set(key, { after: new Set(after.map(normalizeSyllable)), expansion: expansionOf(to) });
}

// ---------------------------------------------------------------------------
// Word memo: raw spelling → normalized syllable(s)

interface WordInfo {
  /** The word as typed, NFC and lower case: the key of context-dependent readings. */
  readonly lower: string;
  readonly norms: readonly string[];
  readonly folded: readonly string[];
  readonly expanded: boolean;
  /** `lower` may read differently after a number or a given word (see contextualExpansion). */
  readonly contextual: boolean;
  /** Counts towards the diacritics share of its sentence (not teencode, looks Vietnamese or is marked). */
  readonly countsForDiacritics: boolean;
  /** Carries a diacritic. */
  readonly marked: boolean;
  /** syllableId of each `folded`, valid while `idVersion` equals registryVersion. */
  foldedIds: number[];
  idVersion: number;
  /** The first syllable's norm and folded form (copied into WordTable's arrays). */
  readonly norm0: string;
  readonly folded0: string;
}

function normalizeWord(raw: string, needsNfc: boolean): WordInfo {
  const lower = (needsNfc ? raw.normalize('NFC') : raw).toLowerCase();
  let expansion = TEENCODE_MAP.get(lower);
  let norm = lower;
  if (expansion === undefined) {
    norm = placeTone(squeezeStretched(lower));
    expansion = TEENCODE_MAP.get(norm);
  }
  const contextual = UNIT_MAP.has(lower) || CONTEXTUAL_MAP.has(lower) || expansion !== undefined;
  if (expansion !== undefined) {
    const [norm0, folded0] = [expansion.norms[0]!, expansion.folded[0]!];
    return { lower, norms: expansion.norms, folded: expansion.folded, expanded: true, contextual, countsForDiacritics: false, marked: false, foldedIds: [], idVersion: -1, norm0, folded0 };
  }
  norm = intern(norm);
  const folded = intern(foldDiacritics(norm));
  const marked = folded !== norm;
  return { lower, norms: [norm], folded: [folded], expanded: false, contextual, countsForDiacritics: marked || looksVietnamese(folded), marked, foldedIds: [], idVersion: -1, norm0: norm, folded0: folded };
}

function refreshIds(info: WordInfo): void {
  info.foldedIds = info.folded.map(syllableId);
  info.idVersion = registryVersion;
}

/**
 * Memo of normalizeWord keyed by the characters of the word as typed, looked up straight from
 * the text (open addressing on a hash computed while scanning), so a known word costs no
 * string allocation.
 */
/** Per-slot flags of WordTable. */
const F_SIMPLE = 1; // one syllable, no context-dependent reading: the fast path
const F_COUNTS = 2; // countsForDiacritics
const F_MARKED = 4;
/** Counts for plainSentences (syllable-trie.ts): not expanded, and marked or at most 7 letters. */
const F_PLAIN = 8;
/** Fields of a WordTable record. */
const META_STRIDE = 8;
const M_HASH = 0;
const M_LENGTH = 1;
const M_KEY_START = 2;
const M_FLAGS = 3;
const M_ID = 4;
const M_ID_VERSION = 5;

class WordTable {
  private static readonly BITS = 15;
  private readonly mask = (1 << WordTable.BITS) - 1;
  // One record of META_STRIDE int32s per slot (hash, key length, key start in the pool, flags,
  // syllable id, registry version of that id), and the slot's norm and fold side by side in one
  // array: a look-up touches two or three cache lines instead of one per field. A key length of
  // 0 marks an empty slot.
  private readonly meta = new Int32Array((1 << WordTable.BITS) * META_STRIDE);
  private pool = new Uint16Array(1 << 16);
  private poolUsed = 0;
  /** norm at 2 * slot, folded at 2 * slot + 1. */
  readonly strings: string[] = new Array<string>((1 << WordTable.BITS) * 2).fill('');
  readonly infos: (WordInfo | undefined)[] = new Array<WordInfo | undefined>(1 << WordTable.BITS).fill(undefined);
  private count = 0;

  /** The slot holding the normalization of text[start, end). */
  slotOf(text: string, start: number, end: number, hash: number, needsNfc: boolean): number {
    const length = end - start;
    const mask = this.mask;
    const meta = this.meta;
    let slot = hash & mask;
    for (let slotLength = meta[slot * META_STRIDE + M_LENGTH]!; slotLength !== 0; slot = (slot + 1) & mask, slotLength = meta[slot * META_STRIDE + M_LENGTH]!) {
      if (slotLength === length && meta[slot * META_STRIDE + M_HASH] === hash && this.sameKey(slot, text, start, length)) return slot;
    }
    return this.insert(text, start, end, hash, needsNfc, slot);
  }

  /** Normalizes a word not in the table and stores it at `slot` (its empty slot), or anew after a reset. */
  private insert(text: string, start: number, end: number, hash: number, needsNfc: boolean, slot: number): number {
    const length = end - start;
    const mask = this.mask;
    const meta = this.meta;
    // Half full: start over rather than degrade (the vocabulary of real text is far smaller).
    if (this.count > mask >> 1 || this.poolUsed + length > this.pool.length) {
      if (this.poolUsed + length > this.pool.length && length * 2 > this.pool.length) this.pool = new Uint16Array(length * 2);
      for (let k = 0; k <= mask; k++) meta[k * META_STRIDE + M_LENGTH] = 0;
      this.infos.fill(undefined);
      this.count = 0;
      this.poolUsed = 0;
      slot = hash & mask;
    }
    const info = normalizeWord(text.slice(start, end), needsNfc);
    const at = slot * META_STRIDE;
    meta[at + M_HASH] = hash;
    meta[at + M_LENGTH] = Math.min(length, 0xffff);
    meta[at + M_KEY_START] = this.poolUsed;
    for (let k = 0; k < length; k++) this.pool[this.poolUsed + k] = text.charCodeAt(start + k);
    this.poolUsed += length;
    meta[at + M_FLAGS] = (info.norms.length === 1 && !info.contextual ? F_SIMPLE : 0) | (info.countsForDiacritics ? F_COUNTS : 0) | (info.marked ? F_MARKED : 0) | (!info.expanded && (info.marked || info.folded0.length <= 7) ? F_PLAIN : 0);
    this.strings[2 * slot] = info.norm0;
    this.strings[2 * slot + 1] = info.folded0;
    meta[at + M_ID_VERSION] = -1;
    this.infos[slot] = info;
    this.count++;
    return slot;
  }

  flagsOf(slot: number): number {
    return this.meta[slot * META_STRIDE + M_FLAGS]!;
  }

  /** The syllable id of a slot's (first) fold, looked up again after the registry grew. */
  idOf(slot: number): number {
    const at = slot * META_STRIDE;
    if (this.meta[at + M_ID_VERSION] !== registryVersion) {
      this.meta[at + M_ID] = syllableId(this.strings[2 * slot + 1]!);
      this.meta[at + M_ID_VERSION] = registryVersion;
    }
    return this.meta[at + M_ID]!;
  }

  private sameKey(slot: number, text: string, start: number, length: number): boolean {
    const pool = this.pool;
    const from = this.meta[slot * META_STRIDE + M_KEY_START]!;
    for (let k = 0; k < length; k++) if (pool[from + k] !== text.charCodeAt(start + k)) return false;
    return true;
  }
}
const WORD_TABLE = new WordTable();

/** Whether `text` has `key` at `start` (short keys: a loop beats a builtin call). */
function sameChars(text: string, start: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (text.charCodeAt(start + k) !== key.charCodeAt(k)) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Character classes (one table for the BMP, built once)

const C_OTHER = 0;
const C_LETTER = 1;
const C_DIGIT = 2;
const C_SPACE = 3;
const C_TERMINATOR = 4;
const C_HIGH_SURROGATE = 5;
const C_PICTOGRAPH = 6;
const CHAR_CLASS = buildCharClasses();

function buildCharClasses(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const letter = /[\p{L}\p{M}]/u;
  const space = /\s/u;
  const pictograph = /\p{Extended_Pictographic}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdbff) {
      table[c] = C_HIGH_SURROGATE;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (c >= 0x30 && c <= 0x39) table[c] = C_DIGIT;
    else if ('.!?;\n\r\u2026\u3002\uff01\uff1f'.includes(ch)) table[c] = C_TERMINATOR;
    else if (space.test(ch)) table[c] = C_SPACE;
    else if (c >= 0x2000 && pictograph.test(ch)) table[c] = C_PICTOGRAPH;
    else if (letter.test(ch)) table[c] = C_LETTER;
  }
  return table;
}
function isLetterCode(c: number): boolean {
  return CHAR_CLASS[c] === C_LETTER;
}
function isAlnumCode(c: number): boolean {
  const cls = CHAR_CLASS[c];
  return cls === C_LETTER || cls === C_DIGIT;
}

// ---------------------------------------------------------------------------
// URLs, emoji, emoticons

/** "http://", "https://" or "www." at `i`, any case, not inside a word. */
function startsUrl(text: string, i: number): boolean {
  if (i > 0 && isAlnumCode(text.charCodeAt(i - 1))) return false;
  // Char codes with ASCII letters lowered, read inline: a closure here would be made (and, under
  // tsx, named by a defineProperty) for every word that starts with h or w.
  if ((text.charCodeAt(i) | 0x20) === 119) return (text.charCodeAt(i + 1) | 0x20) === 119 && (text.charCodeAt(i + 2) | 0x20) === 119 && text.charCodeAt(i + 3) === 46;
  if ((text.charCodeAt(i + 1) | 0x20) !== 116 || (text.charCodeAt(i + 2) | 0x20) !== 116 || (text.charCodeAt(i + 3) | 0x20) !== 112) return false;
  const k = (text.charCodeAt(i + 4) | 0x20) === 115 ? 5 : 4;
  return text.charCodeAt(i + k) === 58 && text.charCodeAt(i + k + 1) === 47 && text.charCodeAt(i + k + 2) === 47;
}
const BARE_DOMAIN_RE =
  /[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|vn|net|org|gov|edu|info|io|me|ly|gl|tv|co|asia|biz|xyz|site|online|news)(?:\.[a-z]{2})?(?::\d+)?(?:[/?#][^\s]*)?(?![\p{L}\p{N}])/iuy;
const URL_TRAILING = '.,;:!?)]}\'"»”’';

/** End of a URL starting at `i` (after the scheme/host was recognised). */
function urlEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    const cls = CHAR_CLASS[c];
    if (cls === C_SPACE || (cls === C_TERMINATOR && c !== 46 && c !== 63 && c !== 33 && c !== 59)) break;
    if (c === 60 || c === 62 || c === 34 || cls === C_HIGH_SURROGATE || cls === C_PICTOGRAPH) break; // < > "
    j++;
  }
  while (j > i && URL_TRAILING.includes(text[j - 1]!)) j--;
  return j;
}

/**
 * Emoticons, canonical norm for each family. A run of two or more mouths keeps two
 * (":)))))" → ":))", "=))" is the common laughing/sarcastic face), letter mouths are
 * upper case except ":v".
 */
export const EMOTICON_NORMS = [
  ':)', ':))', ':(', ':((', '=)', '=))', '=(', '=((', ';)', ';))', ':D', '=D', ':P', ':O', ':v', ':3',
  ':|', ':/', ':*', ":'(", ":')", ':>', ':<', '^^', '-_-', '-.-', '=.=', 'T_T', '>_<', '><', 'o_O', '<3', 'xD',
] as const;
const FACE_RE = /([:;=])[-'^]?(\)+|\(+|[dDpPoO3vV|/*><])/y;
const SYMBOL_FACE_RE = /\^[_.-]?\^+|-[_.]-|=[_.]=|>[_.]?<|<3+/y;
const LETTER_FACE_RE = /[Tt][_.^][Tt]|[oO][_.][oO]|[xX][dD]/y;

interface Emoticon {
  readonly end: number;
  readonly norm: string;
}
function matchEmoticon(text: string, i: number, c: number): Emoticon | null {
  if (c === 58 || c === 59 || c === 61) {
    // : ; =
    FACE_RE.lastIndex = i;
    const m = FACE_RE.exec(text);
    if (m !== null) {
      const end = i + m[0].length;
      const eyes = m[1]!;
      const mouth = m[2]!;
      const letterMouth = /[a-zA-Z0-9]/.test(mouth);
      // ":o" at the start of a word ("Ghi chú:ok") is punctuation, not a face.
      if (letterMouth && end < text.length && isAlnumCode(text.charCodeAt(end))) return null;
      if (mouth === '/' && text.charCodeAt(end) === 47) return null;
      const apostrophe = m[0].includes("'") ? "'" : '';
      let canonical: string;
      if (mouth[0] === ')' || mouth[0] === '(') canonical = mouth.length >= 2 ? mouth.slice(0, 2) : mouth;
      else if (mouth === 'v' || mouth === 'V') canonical = 'v';
      else canonical = mouth.toUpperCase();
      return { end, norm: eyes + apostrophe + canonical };
    }
    if (c !== 61) return null;
  }
  if (c === 94 || c === 45 || c === 61 || c === 62 || c === 60) {
    // ^ - = > <
    SYMBOL_FACE_RE.lastIndex = i;
    const m = SYMBOL_FACE_RE.exec(text);
    if (m === null) return null;
    const s = m[0];
    const norm = s[0] === '^' ? '^^' : s[0] === '<' ? '<3' : s === '><' ? '><' : s[0] === '>' ? '>_<' : s === '=_=' ? '=.=' : s;
    return { end: i + s.length, norm };
  }
  // T_T, o_O, xD: only as a word of their own.
  if (i > 0 && isAlnumCode(text.charCodeAt(i - 1))) return null;
  LETTER_FACE_RE.lastIndex = i;
  const m = LETTER_FACE_RE.exec(text);
  if (m === null) return null;
  const end = i + m[0].length;
  if (end < text.length && isAlnumCode(text.charCodeAt(end))) return null;
  const s = m[0].toLowerCase();
  return { end, norm: s[0] === 't' ? 'T_T' : s[0] === 'x' ? 'xD' : 'o_O' };
}
/** Punctuation that can start an emoticon (letter faces are checked in the word branch). */
const EMOTICON_START = new Uint8Array(128);
for (const c of ':;=^-><') EMOTICON_START[c.charCodeAt(0)] = 1;
/** Letters that can start a letter face (T t O o X x). */
const FACE_LETTER = new Uint8Array(128);
for (const c of 'TtOoXx') FACE_LETTER[c.charCodeAt(0)] = 1;
/** T_T, t.t, o_O, xD: a face letter followed by the character that makes it a face. */
function mayBeLetterFace(text: string, i: number, c: number): boolean {
  const next = text.charCodeAt(i + 1);
  if (c === 84 || c === 116 || c === 111 || c === 79) return next === 95 || next === 46 || next === 94; // _ . ^
  if (c === 120 || c === 88) return next === 68 || next === 100; // D d
  return false;
}

function isEmojiCodePoint(cp: number): boolean {
  if (cp < 0x10000) return CHAR_CLASS[cp] === C_PICTOGRAPH;
  return (cp >= 0x1f000 && cp <= 0x1faff) || EXTENDED_PICTOGRAPHIC.test(String.fromCodePoint(cp));
}
const EXTENDED_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
function isRegionalIndicator(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}
function isEmojiModifier(cp: number): boolean {
  return cp === 0xfe0f || cp === 0xfe0e || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0x20e3 || (cp >= 0xe0020 && cp <= 0xe007f);
}

// ---------------------------------------------------------------------------
// Tokenizer

const NUMBER_SEPARATORS = new Set([46, 44, 58, 47]); // . , : /

/**
 * Splits a text into normalized tokens. Offsets are UTF-16 indexes into `text` itself,
 * whatever its normalization form (NFD letters are read together with their marks).
 */
export function tokenize(text: string): AnalysisToken[] {
  const tokens: AnalysisToken[] = [];
  const n = text.length;
  let sentence = 0;
  let pendingBreak = false;
  // Per sentence: syllables that count for the diacritics share, and those carrying marks.
  const syllableCounts: number[] = [];
  const markedCounts: number[] = [];
  // The same for plainSentences (syllable-trie.ts), whose syllable test is cheaper.
  const plainCounts: number[] = [];
  const plainMarkedCounts: number[] = [];

  const push = (norm: string, folded: string, start: number, end: number, kind: AnalysisToken['kind'], expanded: boolean, foldedId = syllableId(folded)): void => {
    if (pendingBreak) {
      if (tokens.length > 0) sentence++;
      pendingBreak = false;
    }
    tokens.push({ norm, folded, start, end, kind, sentence, expanded, foldedId });
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = CHAR_CLASS[c]!;

    // URLs with a scheme or www.
    if ((c === 104 || c === 72 || c === 119 || c === 87) && startsUrl(text, i)) {
      {
        const end = urlEnd(text, i);
        const url = text.slice(i, end);
        push(url, url, i, end, 'url', false);
        i = end;
        continue;
      }
    }
    if (c === 64 || c === 35) {
      // @mention, #hashtag
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isAlnumCode(d) || d === 95 || (c === 64 && d === 46 && j + 1 < n && isAlnumCode(text.charCodeAt(j + 1)))) j++;
        else break;
      }
      if (j > i + 1) {
        const norm = text.slice(i, j).normalize('NFC').toLowerCase();
        push(norm, foldDiacritics(norm), i, j, c === 64 ? 'mention' : 'hashtag', false);
        i = j;
        continue;
      }
    }
    if (c < 128 && EMOTICON_START[c] === 1) {
      const emoticon = matchEmoticon(text, i, c);
      if (emoticon !== null) {
        push(emoticon.norm, emoticon.norm, i, emoticon.end, 'emoji', false);
        i = emoticon.end;
        continue;
      }
    }

    if (cls === C_LETTER) {
      if (c < 128 && FACE_LETTER[c] === 1 && mayBeLetterFace(text, i, c)) {
        const face = matchEmoticon(text, i, c);
        if (face !== null) {
          push(face.norm, face.norm, i, face.end, 'emoji', false);
          i = face.end;
          continue;
        }
      }
      let j = i + 1;
      let needsNfc = c >= 0x300 && c <= 0x36f;
      let hash = Math.imul(0x811c9dc5 ^ c, 0x01000193);
      while (j < n) {
        const d = text.charCodeAt(j);
        if (CHAR_CLASS[d] !== C_LETTER) break;
        if (d >= 0x300 && d <= 0x36f) needsNfc = true;
        hash = Math.imul(hash ^ d, 0x01000193);
        j++;
      }
      // Bare domains (facebook.com/abc, baomoi.vn).
      if (j + 1 < n && text.charCodeAt(j) === 46 && c < 128 && isAlnumCode(text.charCodeAt(j + 1))) {
        BARE_DOMAIN_RE.lastIndex = i;
        if (BARE_DOMAIN_RE.test(text)) {
          const end = urlEnd(text, i);
          const url = text.slice(i, end);
          push(url, url, i, end, 'url', false);
          i = end;
          continue;
        }
      }
      // Slashed abbreviations: đ/c, v/v.
      if (j - i <= 2 && j + 2 < n && text.charCodeAt(j) === 47 && isLetterCode(text.charCodeAt(j + 1))) {
        let k = j + 1;
        while (k < n && isLetterCode(text.charCodeAt(k))) k++;
        if (k - j - 1 <= 2) {
          const expansion = TEENCODE_MAP.get(text.slice(i, k).normalize('NFC').toLowerCase());
          if (expansion !== undefined) {
            for (let e = 0; e < expansion.norms.length; e++) push(expansion.norms[e]!, expansion.folded[e]!, i, k, 'word', true);
            i = k;
            continue;
          }
        }
      }
      const slot = WORD_TABLE.slotOf(text, i, j, hash ^ (hash >>> 15), needsNfc);
      const flags = WORD_TABLE.flagsOf(slot);
      if ((flags & F_SIMPLE) !== 0) {
        // The common case, inlined: one syllable read one way.
        if (pendingBreak) {
          if (tokens.length > 0) sentence++;
          pendingBreak = false;
        }
        tokens.push({ norm: WORD_TABLE.strings[2 * slot]!, folded: WORD_TABLE.strings[2 * slot + 1]!, start: i, end: j, kind: 'word', sentence, expanded: false, foldedId: WORD_TABLE.idOf(slot) });
      } else {
        const info = WORD_TABLE.infos[slot]!;
        const contextual = info.contextual && tokens.length > 0 ? contextualExpansion(info.lower, tokens, i) : undefined;
        if (contextual !== undefined) {
          for (let e = 0; e < contextual.norms.length; e++) push(contextual.norms[e]!, contextual.folded[e]!, i, j, 'word', true);
          i = j;
          continue;
        }
        if (info.idVersion !== registryVersion) refreshIds(info);
        for (let e = 0; e < info.norms.length; e++) push(info.norms[e]!, info.folded[e]!, i, j, 'word', info.expanded, info.foldedIds[e]!);
      }
      if ((flags & F_COUNTS) !== 0) {
        if (syllableCounts.length <= sentence) growCounts(syllableCounts, markedCounts, sentence);
        syllableCounts[sentence]!++;
        if ((flags & F_MARKED) !== 0) markedCounts[sentence]!++;
      }
      if ((flags & F_PLAIN) !== 0) {
        if (plainCounts.length <= sentence) growCounts(plainCounts, plainMarkedCounts, sentence);
        plainCounts[sentence]!++;
        if ((flags & F_MARKED) !== 0) plainMarkedCounts[sentence]!++;
      }
      i = j;
      continue;
    }
    if (cls === C_DIGIT) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 48 && d <= 57) j++;
        else if (NUMBER_SEPARATORS.has(d) && j + 1 < n && CHAR_CLASS[text.charCodeAt(j + 1)] === C_DIGIT) j += 2;
        else break;
      }
      if (j < n && text.charCodeAt(j) === 37) j++; // %
      const num = text.slice(i, j);
      push(num, num, i, j, 'number', false);
      i = j;
      continue;
    }
    if (cls === C_HIGH_SURROGATE || cls === C_PICTOGRAPH) {
      const cp = text.codePointAt(i)!;
      if (isEmojiCodePoint(cp) || isRegionalIndicator(cp)) {
        let j = i + (cp > 0xffff ? 2 : 1);
        let norm = String.fromCodePoint(cp);
        if (isRegionalIndicator(cp) && j < n) {
          const next = text.codePointAt(j)!;
          if (isRegionalIndicator(next)) {
            norm += String.fromCodePoint(next);
            j += 2;
          }
        }
        while (j < n) {
          const next = text.codePointAt(j)!;
          if (isEmojiModifier(next)) j += next > 0xffff ? 2 : 1;
          else if (next === 0x200d && j + 1 < n && isEmojiCodePoint(text.codePointAt(j + 1)!)) {
            const joined = text.codePointAt(j + 1)!;
            norm += '\u200d' + String.fromCodePoint(joined);
            j += 1 + (joined > 0xffff ? 2 : 1);
          } else break;
        }
        push(norm, norm, i, j, 'emoji', false);
        i = j;
        continue;
      }
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (cls === C_TERMINATOR) pendingBreak = true;
    i++;
  }
  if (tokens.length > 0) {
    rememberPlain(tokens, plainFromCounts(syllableCounts, markedCounts, sentence + 1));
    lastTokenized = tokens;
    lastTokenizedVersion = registryVersion;
    lastTokenizedLength = tokens.length;
    lastTokenizedLast = tokens[tokens.length - 1]!;
    lastTokenizedPlain = plainFromCounts(plainCounts, plainMarkedCounts, sentence + 1);
  }
  return tokens;
}

function growCounts(syllableCounts: number[], markedCounts: number[], sentence: number): void {
  while (syllableCounts.length <= sentence) {
    syllableCounts.push(0);
    markedCounts.push(0);
  }
}

/** Abbreviations whose reading depends on the token before: "5k" (nghìn), "ko bt" (biết). */
function contextualExpansion(lower: string, tokens: readonly AnalysisToken[], start: number): Expansion | undefined {
  const prev = tokens[tokens.length - 1];
  if (prev === undefined) return undefined;
  if (prev.kind === 'number' && prev.end >= start - 1) {
    return UNIT_MAP.get(lower) ?? (TEENCODE_MAP.has(lower) ? { norms: [lower], folded: [foldDiacritics(lower)] } : undefined);
  }
  const contextual = CONTEXTUAL_MAP.get(lower);
  if (contextual !== undefined && prev.kind === 'word' && contextual.after.has(prev.norm)) return contextual.expansion;
  return undefined;
}

// ---------------------------------------------------------------------------
// Text typed without diacritics

/** Share of diacritic-bearing syllables under which a sentence counts as typed without them. */
const DIACRITIC_SHARE_THRESHOLD = 0.1;
/** Vietnamese-looking syllables a sentence needs to be judged on its own (else the post decides). */
const MIN_SYLLABLES_PER_SENTENCE = 3;

/**
 * For each sentence index, whether it was typed without diacritics (so it must be matched
 * on `folded`). Teencode expansions do not count either way: "ko" is typed the same in both.
 * A sentence too short to judge takes the decision of the whole post.
 */
export function diacriticlessSentences(tokens: readonly AnalysisToken[]): boolean[] {
  if (tokens === lastTokens) return lastPlain;
  const last = tokens[tokens.length - 1];
  if (last === undefined) return [];
  const sentenceCount = last.sentence + 1;
  const syllables = new Array<number>(sentenceCount).fill(0);
  const marked = new Array<number>(sentenceCount).fill(0);
  for (const t of tokens) {
    if (t.kind !== 'word' || t.expanded === true) continue;
    const hasMarks = t.norm !== t.folded;
    if (!hasMarks && !looksVietnamese(t.folded)) continue;
    syllables[t.sentence]!++;
    if (hasMarks) marked[t.sentence]!++;
  }
  const result = plainFromCounts(syllables, marked, sentenceCount);
  rememberPlain(tokens, result);
  return result;
}

/**
 * The answer for the last token list (computed while tokenizing): the rules, the gazetteer,
 * sentiment and offensive detection all ask about the same list right after tokenize. One
 * entry, not a WeakMap: ephemerons made garbage collection cost more than the look-up saved.
 */
let lastTokens: readonly AnalysisToken[] | null = null;
let lastPlain: boolean[] = [];
/** The last list tokenize made, and registryVersion then. */
let lastTokenized: readonly AnalysisToken[] | null = null;
let lastTokenizedVersion = -1;
/** The length and last token of that list then, and plainSentences' answer for it. */
let lastTokenizedLength = -1;
let lastTokenizedLast: AnalysisToken | null = null;
let lastTokenizedPlain: boolean[] = [];

/**
 * plainSentences (syllable-trie.ts) of the last list tokenize made, counted while tokenizing,
 * or undefined for any other list (or one changed since).
 */
export function plainSentencesOfLastTokenized(tokens: readonly AnalysisToken[]): boolean[] | undefined {
  if (tokens !== lastTokenized || tokens.length !== lastTokenizedLength || tokens[tokens.length - 1] !== lastTokenizedLast) return undefined;
  return lastTokenizedPlain;
}
function rememberPlain(tokens: readonly AnalysisToken[], plain: boolean[]): void {
  lastTokens = tokens;
  lastPlain = plain;
}

/**
 * Whether the `foldedId`s of these tokens can be trusted: they are the last list tokenize
 * made and no syllable was registered since (else an id may be a stale -1).
 */
export function hasCurrentSyllableIds(tokens: readonly AnalysisToken[]): boolean {
  return tokens === lastTokenized && lastTokenizedVersion === registryVersion;
}

function plainFromCounts(syllables: readonly number[], marked: readonly number[], sentenceCount: number): boolean[] {
  let totalSyllables = 0;
  let totalMarked = 0;
  for (let s = 0; s < syllables.length; s++) {
    totalSyllables += syllables[s]!;
    totalMarked += marked[s]!;
  }
  const postPlain = totalSyllables === 0 || totalMarked / totalSyllables < DIACRITIC_SHARE_THRESHOLD;
  const result = new Array<boolean>(sentenceCount);
  for (let s = 0; s < sentenceCount; s++) {
    const count = syllables[s] ?? 0;
    result[s] = count >= MIN_SYLLABLES_PER_SENTENCE ? (marked[s] ?? 0) / count < DIACRITIC_SHARE_THRESHOLD : postPlain;
  }
  return result;
}

/** Whether the whole token list reads as typed without diacritics. */
export function isDiacriticless(tokens: readonly AnalysisToken[]): boolean {
  const perSentence = diacriticlessSentences(tokens);
  return perSentence.length === 0 || perSentence.every(Boolean);
}
