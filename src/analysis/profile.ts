// The commune's gazetteer: which mentions make a post "about the commune".
//
// From the profile's name, aliases and places it indexes each entry as written, the entry
// without its administrative word ("Thôn Nà Pài" → "Nà Pài") and with each administrative
// word in front ("xã Phủ Thông", "thôn Nà Pài"). Matching is lenient about missing marks
// ("Phu Thong", "phu thong") but rejects other marks ("phụ thông"): see PhraseIndex.
//
// A bare entry is only trusted when it cannot be an ordinary word: one syllable ("Thông") or
// a common expression ("Hòa Bình", "Đoàn Kết") needs its administrative word in front.
//
// People also name a place without whatever kind of place it is ("buôn Kơ Đung", "bến thuyền
// Cửa Rạng", "Công ty Giày Vĩnh Phát" are "Kơ Đung", "Cửa Rạng", "Giày Vĩnh Phát"), write the
// commune by its initials after "xã" ("xã ET", "ubnd xa SLH") and tag it (#NgaThai): each is
// indexed too.
import { PhraseIndex } from './phrase-index.js';
import { diacriticlessSentences, looksVietnamese, normalizeText, tokenize } from './normalize.js';
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
  /**
   * Whether the tokens mention the commune or one of its places. `text`, the text the tokens
   * point into, lets initials that spell a word count when written in capitals ("xã AN").
   */
  isAbout(tokens: readonly AnalysisToken[], plainSentences?: readonly boolean[], text?: string): boolean;
  /** The mentions found, as token spans (start inclusive, end exclusive). */
  mentions(tokens: readonly AnalysisToken[], plainSentences?: readonly boolean[], text?: string): { start: number; end: number }[];
}

function syllablesOf(text: string): QuerySyllable[] {
  return tokenize(text)
    .filter((t) => t.kind === 'word' || t.kind === 'number')
    .map((t) => ({ norm: t.norm, folded: t.folded }));
}

/** Whether a syllable as written starts with a capital letter. */
function capitalized(written: string): boolean {
  const first = written.charAt(0);
  return first !== first.toLocaleLowerCase('vi') && first === first.toLocaleUpperCase('vi');
}

/** An acronym as written: two or more capitals ("THCS", "TNHH", "HTX"). */
function acronym(written: string): boolean {
  return written.length >= 2 && written === written.toLocaleUpperCase('vi') && written !== written.toLocaleLowerCase('vi');
}

/**
 * The proper name at the end of an entry, after the words that say what kind of place it is: the
 * trailing run of capitalized syllables that follows a lower-case word or an acronym ("bãi tắm
 * Mũi Gành" → "Mũi Gành", "Trường THCS Ea Tiêu" → "Ea Tiêu"). Empty when there is none: a name
 * written all in capitals is a name as a whole ("Sông Lô Hạ" is not "Lô Hạ").
 */
export function properNameTail(entry: string): QuerySyllable[] {
  const tokens = tokenize(entry).filter((t) => t.kind === 'word' || t.kind === 'number');
  const written = (i: number): string => entry.slice(tokens[i]!.start, tokens[i]!.end);
  let from = tokens.length;
  while (from > 1 && capitalized(written(from - 1))) from--;
  while (from < tokens.length && acronym(written(from))) from++;
  if (from >= tokens.length || (capitalized(written(from - 1)) && !acronym(written(from - 1))) || PERSON_SURNAMES.has(tokens[from]!.norm)) return [];
  return tokens.slice(from).map((t) => ({ norm: t.norm, folded: t.folded }));
}

/**
 * A name that starts with a common surname is a person's ("Trường THCS Nguyễn Du", "đường Trần
 * Hưng Đạo"): streets and schools everywhere bear it, so bare it says nothing about the commune.
 */
const PERSON_SURNAMES = new Set(
  ['nguyễn', 'trần', 'lê', 'phạm', 'hoàng', 'huỳnh', 'phan', 'vũ', 'võ', 'đặng', 'bùi', 'đỗ', 'hồ', 'ngô', 'dương', 'lý', 'đinh', 'trịnh', 'lương', 'trương', 'mạc', 'chu', 'tôn'].map(normalizeText),
);

/**
 * The commune's initials as one syllable ("Sông Lô Hạ" → "slh"), or null when they read as
 * something else: a teencode word ("HN" is Hà Nội) or a single letter. Initials that spell a
 * syllable ("Ea Tiêu" → "et", "An Nhơn" → "an") only count written in capitals: "can bo xa an
 * tien" is "cán bộ xã ăn tiền".
 */
function initialsOf(name: readonly QuerySyllable[]): QuerySyllable | null {
  if (name.length < 2) return null;
  const tokens = tokenize(name.map((s) => s.folded.charAt(0)).join(''));
  const token = tokens[0];
  if (tokens.length !== 1 || token === undefined || token.kind !== 'word' || token.expanded === true || token.folded.length < 2) return null;
  return { norm: token.norm, folded: token.folded };
}

/** The words before a commune's initials: "xã", "ubnd xã", "trạm y tế"… */
const INITIALS_BEFORE = ADMINISTRATIVE_WORDS.filter((word) => word.endsWith(' xã') || word === 'xã' || word === 'trạm y tế');

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
  /** Distinctive names run together and folded, as a hashtag writes them ("#NgaThai" → "ngathai"). */
  const hashtags = new Set<string>();
  const addName = (name: readonly QuerySyllable[]): void => {
    index.add(name, false);
    hashtags.add(name.map((s) => s.folded).join(''));
  };
  for (const entry of entries) {
    const written = syllablesOf(entry);
    if (written.length === 0) continue;
    const name = splitAdministrative(written, administrative);
    // As written, when it carries its administrative word or is distinctive anyway.
    if (name.length < written.length || isDistinctiveName(written)) index.add(written, false);
    if (isDistinctiveName(name)) addName(name);
    for (const word of administrative) index.add([...word, ...name], false);
    const tail = properNameTail(entry);
    if (tail.length < name.length && isDistinctiveName(tail)) addName(tail);
  }
  const communeName = splitAdministrative(syllablesOf(profile.commune), administrative);
  const initials = initialsOf(communeName);
  // Initials that spell a word wait in their own index for a check of how they were written.
  const capitalInitials = new PhraseIndex('lenient');
  if (initials !== null) {
    const into = looksVietnamese(initials.folded) ? capitalInitials : index;
    for (const word of INITIALS_BEFORE) into.add([...syllablesOf(word), initials], false);
  }
  for (const name of [...hashtags]) hashtags.add(`xa${name}`);

  const isTagged = (token: AnalysisToken): boolean => token.kind === 'hashtag' && hashtags.has(token.folded.slice(1));
  const inCapitals = (tokens: readonly AnalysisToken[], end: number, text: string | undefined): boolean => {
    const last = tokens[end - 1];
    return text !== undefined && last !== undefined && acronym(text.slice(last.start, last.end));
  };
  const mentions = (tokens: readonly AnalysisToken[], plainSentences?: readonly boolean[], text?: string): { start: number; end: number }[] => {
    const plain = plainSentences ?? diacriticlessSentences(tokens);
    const found = index.size === 0 ? [] : index.findAll(tokens, plain).map(({ start, end }) => ({ start, end }));
    if (capitalInitials.size > 0) for (const { start, end } of capitalInitials.findAll(tokens, plain)) if (inCapitals(tokens, end, text)) found.push({ start, end });
    tokens.forEach((token, i) => {
      if (isTagged(token)) found.push({ start: i, end: i + 1 });
    });
    return found.sort((a, b) => a.start - b.start);
  };
  return {
    size: index.size + capitalInitials.size,
    isAbout: (tokens, plainSentences, text) => {
      if (index.size === 0) return false;
      const plain = plainSentences ?? diacriticlessSentences(tokens);
      if (index.occursIn(tokens, plain) || tokens.some(isTagged)) return true;
      return capitalInitials.size > 0 && capitalInitials.findAll(tokens, plain).some(({ end }) => inCapitals(tokens, end, text));
    },
    mentions,
  };
}
