// Near-duplicate fingerprints: MinHash over syllable 3-grams of the folded text (diacritics,
// tone-mark placement, NFC/NFD and teencode all normalized away by the analyzer's tokenizer),
// with LSH band keys so that candidates are found by an index instead of a scan. Pure.
import { tokenize } from '../analysis/index.js';

export const SIGNATURE_SIZE = 64;
/** 16 bands of 4 rows: pairs at Jaccard 0.7 share a band with p ≈ 0.99, at 0.5 with p ≈ 0.64, at 0.2 with p ≈ 0.03. */
export const BAND_COUNT = 16;
const ROWS_PER_BAND = SIGNATURE_SIZE / BAND_COUNT;
const SHINGLE = 3;
/** Shorter texts ("chia sẻ gấp") are too generic to say two posts tell one story. */
export const MIN_SYLLABLES = 8;

export interface Fingerprint {
  /** Signed 32-bit MinHash values, as Postgres integer[] holds them. */
  readonly signature: readonly number[];
  /** Signed 32-bit LSH keys, one per band, the band number mixed in. */
  readonly bands: readonly number[];
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));

/** The syllable 3-grams of a text, folded (words and numbers only; links, emoji and tags are not the story). */
export function shingles(text: string): string[] {
  const syllables = tokenize(text)
    .filter((t) => t.kind === 'word' || t.kind === 'number')
    .map((t) => t.folded);
  if (syllables.length < MIN_SYLLABLES) return [];
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= syllables.length; i++) out.add(syllables.slice(i, i + SHINGLE).join(' '));
  return [...out];
}

export function fingerprint(text: string): Fingerprint | null {
  const grams = shingles(text);
  if (grams.length === 0) return null;
  const mins = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const gram of grams) {
    const h = fnv1a(gram);
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = fmix32(h ^ SEEDS[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  }
  const bands: number[] = [];
  for (let b = 0; b < BAND_COUNT; b++) {
    let h = fmix32(b + 1);
    for (let r = 0; r < ROWS_PER_BAND; r++) h = fmix32(Math.imul(h ^ mins[b * ROWS_PER_BAND + r]!, 0x01000193));
    bands.push(h | 0);
  }
  return { signature: Array.from(mins, (v) => v | 0), bands };
}

/** Estimated Jaccard similarity of the two shingle sets: the share of equal MinHash values. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}
