// The commune's gazetteer: which mentions make a post "about the commune".
//
// From the profile's name, aliases and places it indexes each entry as written, the entry
// without its administrative word ("Thôn Nà Pài" → "Nà Pài") and with each administrative
// word in front ("xã Phủ Thông", "thôn Nà Pài"). Matching is lenient about missing marks
// ("Phu Thong", "phu thong") but rejects other marks ("phụ thông"): see PhraseIndex.
//
// A bare entry is only trusted when it cannot be an ordinary word: one syllable ("Thông") or
// a common expression ("Hòa Bình", "Đoàn Kết") needs its administrative word in front.
import { PhraseIndex } from './phrase-index.js';
import { diacriticlessSentences, normalizeText, tokenize } from './normalize.js';
import type { QuerySyllable } from './query.js';
import type { AnalysisToken, CommuneProfile } from './types.js';

/** Administrative and institutional words that may stand before a name. */
const ADMINISTRATIVE_WORDS = [
  'xã', 'thôn', 'bản', 'xóm', 'làng', 'ấp', 'khu', 'tổ', 'tổ dân phố', 'khu dân cư', 'đảng ủy xã', 'đảng bộ xã',
  'ủy ban nhân dân xã', 'ủy ban xã', 'hội đồng nhân dân xã', 'công an xã', 'chủ tịch xã', 'bí thư xã',
  'cán bộ xã', 'người dân xã', 'nhân dân xã', 'trường', 'chợ', 'trạm y tế', 'trạm y tế xã',
];

/**
 * Two-syllable names that are also everyday Vietnamese words or very common place names
 * elsewhere; bare, they say nothing about this commune.
 */
const COMMON_NAMES = new Set(
  [
    'hòa bình', 'bình an', 'an bình', 'đoàn kết', 'thống nhất', 'độc lập', 'tự do', 'hạnh phúc', 'thành công',
    'quyết thắng', 'quyết tiến', 'tân tiến', 'tiến bộ', 'phát triển', 'thắng lợi', 'trung tâm', 'hợp nhất',
    'đồng tâm', 'tân lập', 'tân thành', 'quang trung', 'thái bình', 'bình minh', 'hòa thuận', 'thịnh vượng',
    'phú cường', 'an phú', 'trung hòa', 'việt nam', 'tiền phong', 'hồng phong', 'minh khai', 'lê lợi',
    'nam sơn', 'bắc sơn', 'đông sơn', 'tây sơn', 'trung sơn', 'văn hóa', 'dân chủ', 'cộng hòa', 'hữu nghị',
    'thanh bình', 'yên bình', 'an lạc', 'an khang', 'phúc lợi', 'đại đồng', 'tân an', 'tân phú',
  ].map(normalizeText),
);

/** A commune profile, or anything shaped like one (an empty commune name indexes nothing). */
export interface GazetteerSource {
  readonly commune: string;
  readonly aliases?: readonly string[];
  readonly places?: readonly string[];
}

export interface Gazetteer {
  /** Number of distinct phrases indexed. */
  readonly size: number;
  /** Whether the tokens mention the commune or one of its places. */
  isAbout(tokens: readonly AnalysisToken[], plainSentences?: readonly boolean[]): boolean;
  /** The mentions found, as token spans (start inclusive, end exclusive). */
  mentions(tokens: readonly AnalysisToken[], plainSentences?: readonly boolean[]): { start: number; end: number }[];
}

function syllablesOf(text: string): QuerySyllable[] {
  return tokenize(text)
    .filter((t) => t.kind === 'word' || t.kind === 'number')
    .map((t) => ({ norm: t.norm, folded: t.folded }));
}

function joinNorms(syllables: readonly QuerySyllable[]): string {
  return syllables.map((s) => s.norm).join(' ');
}

/** Splits an entry into its leading administrative word (if any) and the name. */
function splitAdministrative(syllables: readonly QuerySyllable[], administrative: readonly QuerySyllable[][]): QuerySyllable[] {
  let best = 0;
  for (const word of administrative) {
    if (word.length >= syllables.length || word.length <= best) continue;
    if (word.every((s, k) => syllables[k]!.norm === s.norm)) best = word.length;
  }
  return syllables.slice(best);
}

/** Whether a bare name is distinctive enough to mean this commune on its own. */
export function isDistinctiveName(syllables: readonly QuerySyllable[]): boolean {
  if (syllables.length < 2) return false;
  return !COMMON_NAMES.has(joinNorms(syllables));
}

export function buildGazetteer(profile: GazetteerSource | CommuneProfile): Gazetteer {
  const index = new PhraseIndex('lenient');
  const administrative = ADMINISTRATIVE_WORDS.map(syllablesOf);
  const entries = [profile.commune, ...(profile.aliases ?? []), ...(profile.places ?? [])].map((s) => s.trim()).filter((s) => s !== '');
  for (const entry of entries) {
    const written = syllablesOf(entry);
    if (written.length === 0) continue;
    const name = splitAdministrative(written, administrative);
    // As written, when it carries its administrative word or is distinctive anyway.
    if (name.length < written.length || isDistinctiveName(written)) index.add(written, false);
    if (isDistinctiveName(name)) index.add(name, false);
    for (const word of administrative) index.add([...word, ...name], false);
  }

  const mentions = (tokens: readonly AnalysisToken[], plainSentences?: readonly boolean[]): { start: number; end: number }[] =>
    index.size === 0 ? [] : index.findAll(tokens, plainSentences ?? diacriticlessSentences(tokens)).map(({ start, end }) => ({ start, end }));
  return {
    size: index.size,
    isAbout: (tokens, plainSentences) => index.size > 0 && index.occursIn(tokens, plainSentences ?? diacriticlessSentences(tokens)),
    mentions,
  };
}
