// Rules are data: zod schemas for a rule and a rule pack, and a compiler that turns a whole
// pack into one matcher. Matching finds every phrase of every rule in one pass over the
// tokens (PhraseIndex), then evaluates only the rules one of whose phrases occurred — a rule
// that could be true with none of its phrases present is refused at compile time, so this
// skips nothing.
import { z } from 'zod';
import { PhraseIndex } from './phrase-index.js';
import { matchesWithoutTerms, negatedNearOperand, parseQuery, queryPhrases, type QueryNode } from './query.js';
import { CATEGORY_DEFAULT_SEVERITY, categorySchema, severitySchema, type AnalysisToken, type Category, type RuleMatch, type Severity } from './types.js';

export const ruleIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'a rule id is a slug: lower-case letters, digits, "-" or "_"');

export const ruleSchema = z.object({
  id: ruleIdSchema,
  category: categorySchema,
  /** Omitted: the category's default (DESIGN.md). */
  severity: severitySchema.optional(),
  query: z.string().min(1).max(4000),
  /** The rule counts only for posts about the commune. */
  requires_about: z.boolean().default(true),
  enabled: z.boolean().default(true),
  description: z.string().max(1000).optional(),
});
export type Rule = z.infer<typeof ruleSchema>;
/** A rule as written in a pack, before defaults are applied. */
export type RuleInput = z.input<typeof ruleSchema>;

export const rulePackSchema = z.object({
  version: z.string().min(1).max(100),
  rules: z.array(ruleSchema).max(20_000),
});
export type RulePack = z.infer<typeof rulePackSchema>;

export interface CompiledRule {
  readonly id: string;
  readonly category: Category;
  /** null only for tich_cuc without an explicit severity: good news is never an incident. */
  readonly severity: Severity | null;
  readonly requiresAbout: boolean;
  readonly query: QueryNode;
}

export interface RuleCompileProblem {
  readonly ruleId: string;
  /** Offset into the rule's query, or null when the problem is not in the query. */
  readonly position: number | null;
  readonly message: string;
}

/** Thrown by compileRules; lists every problem of the pack, each naming its rule and position. */
export class RuleCompileError extends Error {
  override readonly name = 'RuleCompileError';
  constructor(readonly problems: readonly RuleCompileProblem[]) {
    super(problems.map((p) => `rule ${p.ruleId}: ${p.message}`).join('\n'));
  }
}

/** The rules that matched a post, with the phrase occurrences that made each true. */
export interface RuleHit {
  readonly rule: CompiledRule;
  readonly matches: readonly RuleMatch[];
}

export interface CompiledRuleSet {
  /** Enabled rules, in the order given. */
  readonly rules: readonly CompiledRule[];
  /** Distinct phrases indexed. */
  readonly phraseCount: number;
  /**
   * Rules true on these tokens. `plainSentences` from diacriticlessSentences(tokens);
   * `text` is the original text the tokens point into. With `about: false`, rules that
   * require the post to be about the commune are skipped.
   */
  match(tokens: readonly AnalysisToken[], plainSentences: readonly boolean[], text: string, options?: { readonly about?: boolean }): RuleHit[];
}

// Bound queries: the phrase ids resolved, one object shape for every node so evaluation stays
// monomorphic.
const PHRASE = 0;
const AND = 1;
const OR = 2;
const NOT = 3;
const NEAR = 4;
interface BoundNode {
  readonly kind: number;
  /** PHRASE: the phrase id. */
  readonly phrase: number;
  /** AND/OR: the operands; NOT: [operand]; NEAR: [left, right]. */
  readonly children: readonly BoundNode[];
  /** NEAR: most syllables allowed between the operands. */
  readonly distance: number;
}

function bind(node: QueryNode, index: PhraseIndex): BoundNode {
  switch (node.type) {
    case 'phrase':
      return { kind: PHRASE, phrase: index.add(node.syllables, node.prefix), children: [], distance: 0 };
    case 'and':
    case 'or':
      return { kind: node.type === 'and' ? AND : OR, phrase: -1, children: node.children.map((c) => bind(c, index)), distance: 0 };
    case 'not':
      return { kind: NOT, phrase: -1, children: [bind(node.child, index)], distance: 0 };
    case 'near':
      return { kind: NEAR, phrase: -1, children: [bind(node.left, index), bind(node.right, index)], distance: node.distance };
  }
}

function phraseIds(node: BoundNode, out: number[] = []): number[] {
  if (node.kind === PHRASE) out.push(node.phrase);
  else for (const child of node.children) phraseIds(child, out);
  return out;
}

/**
 * Phrases one of which must occur for the query to be true, or null when there is no such
 * set (a negation). AND and NEAR need only one operand's set — the smallest, preferring
 * longer phrases, which are rarer — so `topic AND (cue OR cue …)` is looked at only when the
 * topic occurs, not at every cue.
 */
function triggerPhrases(node: BoundNode, phraseLength: (phrase: number) => number): number[] | null {
  switch (node.kind) {
    case PHRASE:
      return [node.phrase];
    case NOT: {
      const inner = node.children[0]!;
      return inner.kind === NOT ? triggerPhrases(inner.children[0]!, phraseLength) : null;
    }
    case OR: {
      const all: number[] = [];
      for (const child of node.children) {
        const set = triggerPhrases(child, phraseLength);
        if (set === null) return null;
        all.push(...set);
      }
      return all;
    }
    default: {
      // AND, NEAR: the cheapest operand that has a set.
      let best: number[] | null = null;
      let bestCost = Infinity;
      for (const child of node.children) {
        const set = triggerPhrases(child, phraseLength);
        if (set === null) continue;
        const cost = set.reduce((sum, phrase) => sum + 1 / phraseLength(phrase), 0);
        if (cost < bestCost) {
          best = set;
          bestCost = cost;
        }
      }
      return best;
    }
  }
}

/**
 * The phrase occurrences of one post, by phrase id, in flat typed arrays reused from post to
 * post: each phrase heads a linked list of its spans (token indexes, end exclusive). A stamp
 * tells current entries from stale ones, so nothing is cleared between posts.
 */
class Occurrences {
  private readonly stampOf: Uint32Array;
  private readonly headOf: Int32Array;
  private stamp = 0;
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);
  private nexts = new Int32Array(256);
  private count = 0;
  /** Phrase ids seen in the current post: the first `presentCount` entries. */
  readonly present: Int32Array;
  presentCount = 0;

  constructor(phraseCount: number) {
    this.stampOf = new Uint32Array(phraseCount);
    this.headOf = new Int32Array(phraseCount);
    this.present = new Int32Array(phraseCount);
  }

  reset(): void {
    this.presentCount = 0;
    this.count = 0;
    if (++this.stamp === 0xffffffff) {
      this.stampOf.fill(0);
      this.stamp = 1;
    }
  }

  add(phrase: number, start: number, end: number): void {
    const at = this.count++;
    if (at === this.starts.length) this.grow();
    this.starts[at] = start;
    this.ends[at] = end;
    if (this.stampOf[phrase] !== this.stamp) {
      this.stampOf[phrase] = this.stamp;
      this.present[this.presentCount++] = phrase;
      this.nexts[at] = -1;
    } else this.nexts[at] = this.headOf[phrase]!;
    this.headOf[phrase] = at;
  }

  has(phrase: number): boolean {
    return this.stampOf[phrase] === this.stamp;
  }

  /** Appends the spans of a phrase to `out` as start, end pairs. */
  appendSpans(phrase: number, out: number[]): void {
    if (!this.has(phrase)) return;
    for (let at = this.headOf[phrase]!; at >= 0; at = this.nexts[at]!) out.push(this.starts[at]!, this.ends[at]!);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const copy = (from: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.starts = copy(this.starts);
    this.ends = copy(this.ends);
    this.nexts = copy(this.nexts);
  }
}

/** Whether a bound query holds. */
function holds(node: BoundNode, occ: Occurrences): boolean {
  switch (node.kind) {
    case PHRASE:
      return occ.has(node.phrase);
    case AND: {
      const children = node.children;
      for (let k = 0; k < children.length; k++) if (!holds(children[k]!, occ)) return false;
      return true;
    }
    case OR: {
      const children = node.children;
      for (let k = 0; k < children.length; k++) if (holds(children[k]!, occ)) return true;
      return false;
    }
    case NOT:
      return !holds(node.children[0]!, occ);
    default:
      return nearPairs(node, occ, null);
  }
}

/** Appends the spans of the positive terms that make a (true) node true. */
function collect(node: BoundNode, occ: Occurrences, out: number[]): void {
  switch (node.kind) {
    case PHRASE:
      occ.appendSpans(node.phrase, out);
      return;
    case AND:
    case OR:
      for (const child of node.children) if (child.kind !== NOT && (node.kind === AND || holds(child, occ))) collect(child, occ, out);
      return;
    case NOT:
      return;
    default:
      nearPairs(node, occ, out);
  }
}

/**
 * NEAR: whether a span of the left operand and one of the right are at most `distance`
 * syllables apart (either order; overlapping counts as 0). With `out`, appends every span that
 * takes part in such a pair.
 */
function nearPairs(node: BoundNode, occ: Occurrences, out: number[] | null): boolean {
  const [left, right] = node.children as [BoundNode, BoundNode];
  if (!holds(left, occ) || !holds(right, occ)) return false;
  const a: number[] = [];
  const b: number[] = [];
  collect(left, occ, a);
  collect(right, occ, b);
  const usedRight = out === null ? null : new Uint8Array(b.length / 2);
  let any = false;
  for (let i = 0; i < a.length; i += 2) {
    const aStart = a[i]!;
    const aEnd = a[i + 1]!;
    let used = false;
    for (let j = 0; j < b.length; j += 2) {
      const bStart = b[j]!;
      const bEnd = b[j + 1]!;
      const between = aEnd <= bStart ? bStart - aEnd : bEnd <= aStart ? aStart - bEnd : 0;
      if (between <= node.distance) {
        if (out === null) return true;
        used = true;
        usedRight![j / 2] = 1;
      }
    }
    if (used) {
      any = true;
      out!.push(aStart, aEnd);
    }
  }
  if (out !== null) for (let j = 0; j < b.length; j += 2) if (usedRight![j / 2] === 1) out.push(b[j]!, b[j + 1]!);
  return any;
}

interface Entry {
  readonly rule: CompiledRule;
  readonly bound: BoundNode;
}

/**
 * Compiles rules (already validated with ruleSchema or given as RuleInput) into one matcher.
 * Throws RuleCompileError listing every bad rule; never throws anything else for rules that
 * pass ruleSchema.
 */
export function compileRules(rules: readonly RuleInput[]): CompiledRuleSet {
  const problems = checkRules(rules);
  if (problems.length > 0) throw new RuleCompileError(problems);

  const index = new PhraseIndex('strict');
  const entries: Entry[] = [];
  /** phrase id → indexes into entries of the rules that mention it. */
  const rulesByPhrase: number[][] = [];
  for (const input of rules) {
    const rule = ruleSchema.parse(input);
    if (!rule.enabled) continue;
    const parsed = parseQuery(rule.query);
    if (!parsed.ok) continue; // unreachable: checkRules refused it
    const compiled: CompiledRule = {
      id: rule.id,
      category: rule.category,
      severity: rule.severity ?? CATEGORY_DEFAULT_SEVERITY[rule.category],
      requiresAbout: rule.requires_about,
      query: parsed.ast,
    };
    const entryIndex = entries.length;
    const bound = bind(parsed.ast, index);
    entries.push({ rule: compiled, bound });
    // A rule is evaluated when one of its trigger phrases occurs; all its phrases if it has
    // no trigger set (cannot happen for a query that checkRules accepts, but stays correct).
    const triggers = triggerPhrases(bound, (phrase) => index.syllableCount(phrase)) ?? phraseIds(bound);
    for (const id of new Set(triggers)) {
      (rulesByPhrase[id] ??= []).push(entryIndex);
    }
  }

  const occurrences = new Occurrences(index.size);
  const record = (phrase: number, start: number, end: number): void => occurrences.add(phrase, start, end);
  // Marks per entry, so a rule is evaluated once per post without clearing an array per post.
  const seenAt = new Uint32Array(entries.length);
  let stamp = 0;
  const spans: number[] = [];
  const candidates = new Int32Array(entries.length);
  const requiresAbout = Uint8Array.from(entries, (e) => (e.rule.requiresAbout ? 1 : 0));

  return {
    rules: entries.map((e) => e.rule),
    phraseCount: index.size,
    match(tokens, plainSentences, text, options) {
      const skipAboutRules = options?.about === false;
      occurrences.reset();
      index.scan(tokens, plainSentences, record);
      if (occurrences.presentCount === 0) return [];
      if (++stamp === 0xffffffff) {
        seenAt.fill(0);
        stamp = 1;
      }
      let candidateCount = 0;
      for (let p = 0; p < occurrences.presentCount; p++) {
        const list = rulesByPhrase[occurrences.present[p]!];
        if (list === undefined) continue;
        for (let k = 0; k < list.length; k++) {
          const entryIndex = list[k]!;
          if (seenAt[entryIndex] !== stamp) {
            seenAt[entryIndex] = stamp;
            candidates[candidateCount++] = entryIndex;
          }
        }
      }
      const hits: { readonly order: number; readonly hit: RuleHit }[] = [];
      for (let c = 0; c < candidateCount; c++) {
        const entryIndex = candidates[c]!;
        if (skipAboutRules && requiresAbout[entryIndex] === 1) continue;
        const entry = entries[entryIndex]!;
        if (!holds(entry.bound, occurrences)) continue;
        spans.length = 0;
        collect(entry.bound, occurrences, spans);
        if (spans.length === 0) continue;
        hits.push({ order: entryIndex, hit: { rule: entry.rule, matches: toMatches(entry.rule, spans, tokens, text) } });
      }
      // Report in rule order.
      if (hits.length > 1) hits.sort((a, b) => a.order - b.order);
      return hits.map((h) => h.hit);
    },
  };
}

/** Distinct spans in text order, as offsets into the original text. */
function toMatches(rule: CompiledRule, spans: readonly number[], tokens: readonly AnalysisToken[], text: string): RuleMatch[] {
  return textSpans(spans, tokens).map(({ start, end }) => ({ rule: rule.id, category: rule.category, start, end, text: text.slice(start, end) }));
}

/** Token spans (start, end pairs) as distinct offset spans into the original text, in text order. */
function textSpans(spans: readonly number[], tokens: readonly AnalysisToken[]): { start: number; end: number }[] {
  const offsets: number[] = [];
  for (let k = 0; k < spans.length; k += 2) offsets.push(tokens[spans[k]!]!.start, tokens[spans[k + 1]! - 1]!.end);
  const order: number[] = [];
  for (let i = 0; i < offsets.length / 2; i++) order.push(i);
  if (order.length > 1) order.sort((x, y) => offsets[2 * x]! - offsets[2 * y]! || offsets[2 * x + 1]! - offsets[2 * y + 1]!);
  const out: { start: number; end: number }[] = [];
  let lastStart = -1;
  let lastEnd = -1;
  for (const i of order) {
    const start = offsets[2 * i]!;
    const end = offsets[2 * i + 1]!;
    if (start === lastStart && end === lastEnd) continue;
    lastStart = start;
    lastEnd = end;
    out.push({ start, end });
  }
  return out;
}

/** A search-box query compiled once, matched against many posts. */
export interface CompiledSearchQuery {
  readonly query: QueryNode;
  /**
   * The spans (offsets into the text the tokens come from) of the terms that make the query true,
   * in text order, or null when it does not hold. `plainSentences` from diacriticlessSentences(tokens).
   */
  match(tokens: readonly AnalysisToken[], plainSentences: readonly boolean[]): { start: number; end: number }[] | null;
}

/**
 * The rule language as a search box reads it: the same parser, phrase index and evaluation as
 * rules, with one difference (PhraseIndex `search` mode) — a syllable typed without diacritics
 * matches whatever marks the post carries, so `boi thuong` finds "bồi thường"; one typed with
 * them is matched as rules match it. Throws RuleCompileError (rule id "q") naming the position.
 */
export function compileSearchQuery(query: string): CompiledSearchQuery {
  const problem = checkQuery(query);
  if (problem !== null) throw new RuleCompileError([{ ruleId: 'q', ...problem }]);
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new RuleCompileError([{ ruleId: 'q', position: parsed.error.position, message: parsed.error.message }]);
  const index = new PhraseIndex('search');
  const bound = bind(parsed.ast, index);
  const occurrences = new Occurrences(index.size);
  const record = (phrase: number, start: number, end: number): void => occurrences.add(phrase, start, end);
  return {
    query: parsed.ast,
    match(tokens, plainSentences) {
      occurrences.reset();
      index.scan(tokens, plainSentences, record);
      if (occurrences.presentCount === 0 || !holds(bound, occurrences)) return null;
      const spans: number[] = [];
      collect(bound, occurrences, spans);
      return textSpans(spans, tokens);
    },
  };
}

/**
 * Every problem of a set of rules without compiling them: schema errors, duplicate ids, query
 * syntax errors, queries true without any of their terms, NOT inside NEAR.
 */
export function checkRules(rules: readonly unknown[]): RuleCompileProblem[] {
  const problems: RuleCompileProblem[] = [];
  const ids = new Set<string>();
  rules.forEach((input, i) => {
    const parsedRule = ruleSchema.safeParse(input);
    const rawId = typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : `#${i}`;
    if (!parsedRule.success) {
      const issue = parsedRule.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      problems.push({ ruleId: rawId, position: null, message: `invalid rule${path ? ` field "${path}"` : ''}: ${issue?.message ?? 'does not match the rule schema'}` });
      return;
    }
    const rule = parsedRule.data;
    if (ids.has(rule.id)) problems.push({ ruleId: rule.id, position: null, message: 'duplicate rule id' });
    ids.add(rule.id);
    const problem = checkQuery(rule.query);
    if (problem !== null) problems.push({ ruleId: rule.id, ...problem });
  });
  return problems;
}

/** The problem of one query, or null when it compiles. */
export function checkQuery(query: string): { position: number | null; message: string } | null {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { position: parsed.error.position, message: parsed.error.message };
  if (matchesWithoutTerms(parsed.ast)) {
    return {
      position: 0,
      message: 'At position 0: the query is true on a post containing none of its terms (a NOT-only rule); add a positive term, e.g. "term AND NOT other".',
    };
  }
  const negated = negatedNearOperand(parsed.ast);
  if (negated !== null) {
    return { position: negated.position, message: `At position ${negated.position}: expected a term, a phrase or a group of them as an operand of NEAR, found NOT.` };
  }
  const empty = queryPhrases(parsed.ast).find((p) => p.syllables.length === 0);
  if (empty !== undefined) return { position: empty.position, message: `At position ${empty.position}: expected a word, found an empty term.` };
  return null;
}
