// The rule query language. Pure: parsing never throws, whatever the input.
//
//   query   := or
//   or      := and ( "OR" and )*
//   and     := near ( ["AND"] near )*        adjacent operands are ANDed
//   near    := unary ( "NEAR/" n unary )*     the operands at most n syllables apart
//   unary   := "NOT" unary | primary
//   primary := "(" or ")" | '"' phrase '"' | word
//
// Precedence: NOT > NEAR > AND > OR. Operators are upper case; "and", "or", "not" in lower
// case are ordinary words. Bare `NEAR` means NEAR/5.
//
// Terms:
// - `"giải phóng mặt bằng"` — a quoted phrase: its syllables in this order, adjacent.
// - `bồi thường` — an unquoted run of words is separate AND terms (like a search box), so
//   `bồi thường` matches "thường được bồi…" too; quote it to require the sequence.
// - `Giê-sùa`, `UBND`, `đ/c` — one unquoted word that the tokenizer reads as several syllables
//   (hyphen, teencode, abbreviation) is a phrase of those syllables.
// - `tham*`, `"bồi thư*"` — the last syllable is a prefix: `"bồi thư*"` matches "bồi thường"
//   and "bồi thưởng". A prefix is never expanded as teencode ("ng*" is not "người*").
// Words are normalized like post text (tone placement, case, teencode), so a rule written
// `hoà` matches "hòa", and `ko` matches "không".
import { foldDiacritics, normalizeSyllable, tokenize } from './normalize.js';

export interface QuerySyllable {
  readonly norm: string;
  readonly folded: string;
}

export type QueryNode =
  | {
      readonly type: 'phrase';
      /** The term as written (without quotes and star). */
      readonly text: string;
      readonly syllables: readonly QuerySyllable[];
      /** The last syllable is a prefix. */
      readonly prefix: boolean;
      /** Offset of the term in the query. */
      readonly position: number;
    }
  | { readonly type: 'and'; readonly children: readonly QueryNode[]; readonly position: number }
  | { readonly type: 'or'; readonly children: readonly QueryNode[]; readonly position: number }
  | { readonly type: 'not'; readonly child: QueryNode; readonly position: number }
  | {
      readonly type: 'near';
      readonly left: QueryNode;
      readonly right: QueryNode;
      /** Most syllables allowed between the two operands (0 = adjacent). */
      readonly distance: number;
      readonly position: number;
    };

export interface QueryError {
  /** UTF-16 offset into the query where the problem is. */
  readonly position: number;
  /** What the parser wanted there, in words ("a term, a quoted phrase or '('"). */
  readonly expected: string;
  /** A full English sentence naming the position, what was expected and what was found. */
  readonly message: string;
}

export type ParseResult = { readonly ok: true; readonly ast: QueryNode } | { readonly ok: false; readonly error: QueryError };

export const MAX_QUERY_LENGTH = 4000;
export const MAX_NEAR_DISTANCE = 100;
export const DEFAULT_NEAR_DISTANCE = 5;
const MAX_DEPTH = 64;

// ---------------------------------------------------------------------------
// Lexer

type Lexeme =
  | { readonly kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'eof'; readonly position: number; readonly raw: string }
  | { readonly kind: 'near'; readonly position: number; readonly raw: string; readonly distance: number }
  | { readonly kind: 'word' | 'phrase'; readonly position: number; readonly raw: string; readonly text: string; readonly prefix: boolean };

class QuerySyntaxError {
  constructor(
    readonly position: number,
    readonly expected: string,
    readonly found: string,
  ) {}
}

function isSpace(ch: string): boolean {
  return /\s/u.test(ch);
}

function describe(lexeme: Lexeme): string {
  if (lexeme.kind === 'eof') return 'the end of the query';
  const raw = lexeme.raw.length > 30 ? `${lexeme.raw.slice(0, 30)}…` : lexeme.raw;
  return `'${raw}'`;
}

function lex(src: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      lexemes.push({ kind: ch === '(' ? 'lparen' : 'rparen', position: i, raw: ch });
      i++;
      continue;
    }
    if (ch === '"' || ch === '“' || ch === '”') {
      const close = findClosingQuote(src, i + 1);
      if (close < 0) throw new QuerySyntaxError(src.length, 'a closing quote (") for the phrase opened at position ' + i, 'the end of the query');
      let text = src.slice(i + 1, close);
      let prefix = false;
      const trimmed = text.trimEnd();
      if (trimmed.endsWith('*')) {
        prefix = true;
        text = trimmed.slice(0, -1);
      }
      const star = text.indexOf('*');
      if (star >= 0) throw new QuerySyntaxError(i + 1 + star, "'*' only at the end of a phrase", "'*'");
      lexemes.push({ kind: 'phrase', position: i, raw: src.slice(i, close + 1), text, prefix });
      i = close + 1;
      continue;
    }
    // A bare word: everything up to whitespace, a parenthesis or a quote.
    let j = i;
    while (j < src.length) {
      const c = src[j]!;
      if (isSpace(c) || c === '(' || c === ')' || c === '"' || c === '“' || c === '”') break;
      j++;
    }
    const raw = src.slice(i, j);
    if (raw === 'AND' || raw === 'OR' || raw === 'NOT') {
      lexemes.push({ kind: raw === 'AND' ? 'and' : raw === 'OR' ? 'or' : 'not', position: i, raw });
    } else if (raw === 'NEAR') {
      lexemes.push({ kind: 'near', position: i, raw, distance: DEFAULT_NEAR_DISTANCE });
    } else if (raw.startsWith('NEAR/')) {
      const digits = raw.slice(5);
      if (!/^\d{1,4}$/.test(digits)) throw new QuerySyntaxError(i + 5, 'a number of syllables after NEAR/ (for example NEAR/3)', digits === '' ? 'nothing' : `'${digits}'`);
      const distance = Number(digits);
      if (distance > MAX_NEAR_DISTANCE) throw new QuerySyntaxError(i + 5, `a NEAR distance of at most ${MAX_NEAR_DISTANCE}`, `'${digits}'`);
      lexemes.push({ kind: 'near', position: i, raw, distance });
    } else {
      const prefix = raw.endsWith('*');
      const text = prefix ? raw.slice(0, -1) : raw;
      const star = text.indexOf('*');
      if (star >= 0) throw new QuerySyntaxError(i + star, "'*' only at the end of a word", "'*'");
      if (text === '') throw new QuerySyntaxError(i, "a syllable before '*'", "'*'");
      lexemes.push({ kind: 'word', position: i, raw, text, prefix });
    }
    i = j;
  }
  lexemes.push({ kind: 'eof', position: src.length, raw: '' });
  return lexemes;
}

function findClosingQuote(src: string, from: number): number {
  for (let k = from; k < src.length; k++) {
    const c = src[k];
    if (c === '"' || c === '”' || c === '“') return k;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Terms → syllables

function termSyllables(text: string, prefix: boolean, position: number): QuerySyllable[] {
  const tokens = tokenize(text).filter((t) => t.kind !== 'url' || !prefix);
  if (tokens.length === 0) throw new QuerySyntaxError(position, 'a word (letters, digits or an emoji)', `'${text}'`);
  const syllables: QuerySyllable[] = tokens.map((t) => ({ norm: t.norm, folded: t.folded }));
  if (prefix) {
    // The partial syllable is read as typed, never as teencode.
    const last = tokens[tokens.length - 1]!;
    while (syllables.length > 0 && tokens[syllables.length - 1]!.start === last.start) syllables.pop();
    const partial = normalizeSyllable(text.slice(last.start, last.end));
    syllables.push({ norm: partial, folded: foldDiacritics(partial) });
  }
  return syllables;
}

// ---------------------------------------------------------------------------
// Parser

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly lexemes: readonly Lexeme[]) {}

  private peek(): Lexeme {
    return this.lexemes[this.at]!;
  }

  private next(): Lexeme {
    const lexeme = this.lexemes[this.at]!;
    if (lexeme.kind !== 'eof') this.at++;
    return lexeme;
  }

  parseQuery(): QueryNode {
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'eof') {
      throw new QuerySyntaxError(rest.position, rest.kind === 'rparen' ? "the end of the query (this ')' has no matching '(')" : 'an operator or the end of the query', describe(rest));
    }
    return node;
  }

  private parseOr(): QueryNode {
    const first = this.parseAnd();
    const children = [first];
    while (this.peek().kind === 'or') {
      this.next();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? first : { type: 'or', children, position: first.position };
  }

  private parseAnd(): QueryNode {
    const first = this.parseNear();
    const children = [first];
    for (;;) {
      const lexeme = this.peek();
      if (lexeme.kind === 'and') {
        this.next();
        children.push(this.parseNear());
      } else if (lexeme.kind === 'word' || lexeme.kind === 'phrase' || lexeme.kind === 'lparen' || lexeme.kind === 'not') {
        children.push(this.parseNear());
      } else break;
    }
    return children.length === 1 ? first : { type: 'and', children, position: first.position };
  }

  private parseNear(): QueryNode {
    let left = this.parseUnary();
    while (this.peek().kind === 'near') {
      const op = this.next() as Extract<Lexeme, { kind: 'near' }>;
      const right = this.parseUnary();
      left = { type: 'near', left, right, distance: op.distance, position: op.position };
    }
    return left;
  }

  private parseUnary(): QueryNode {
    const lexeme = this.peek();
    if (lexeme.kind === 'not') {
      this.next();
      this.enter(lexeme.position);
      const child = this.parseUnary();
      this.depth--;
      return { type: 'not', child, position: lexeme.position };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const lexeme = this.next();
    switch (lexeme.kind) {
      case 'lparen': {
        this.enter(lexeme.position);
        if (this.peek().kind === 'rparen') throw new QuerySyntaxError(this.peek().position, "a term, a quoted phrase or '(' inside the parentheses", "')'");
        const inner = this.parseOr();
        const close = this.next();
        if (close.kind !== 'rparen') {
          throw new QuerySyntaxError(close.position, `')' to close the '(' at position ${lexeme.position}`, describe(close));
        }
        this.depth--;
        return inner;
      }
      case 'word':
      case 'phrase':
        return {
          type: 'phrase',
          text: lexeme.text,
          syllables: termSyllables(lexeme.text, lexeme.prefix, lexeme.position),
          prefix: lexeme.prefix,
          position: lexeme.position,
        };
      default:
        throw new QuerySyntaxError(lexeme.position, "a term, a quoted phrase or '('", describe(lexeme));
    }
  }

  private enter(position: number): void {
    if (++this.depth > MAX_DEPTH) throw new QuerySyntaxError(position, `at most ${MAX_DEPTH} levels of nesting`, 'deeper nesting');
  }
}

/** Parses a rule query. Never throws: a malformed query yields `{ ok: false, error }`. */
export function parseQuery(src: string): ParseResult {
  try {
    if (typeof src !== 'string') return fail(new QuerySyntaxError(0, 'a query string', typeof src));
    if (src.length > MAX_QUERY_LENGTH) return fail(new QuerySyntaxError(MAX_QUERY_LENGTH, `a query of at most ${MAX_QUERY_LENGTH} characters`, `${src.length} characters`));
    if (src.trim() === '') return fail(new QuerySyntaxError(src.length, "a term, a quoted phrase or '('", 'an empty query'));
    return { ok: true, ast: new Parser(lex(src)).parseQuery() };
  } catch (e) {
    if (e instanceof QuerySyntaxError) return fail(e);
    // Not expected; still honour the contract of never throwing.
    return fail(new QuerySyntaxError(0, 'a valid query', `an internal error (${e instanceof Error ? e.message : String(e)})`));
  }
}

function fail(e: QuerySyntaxError): ParseResult {
  return {
    ok: false,
    error: { position: e.position, expected: e.expected, message: `At position ${e.position}: expected ${e.expected}, found ${e.found}.` },
  };
}

// ---------------------------------------------------------------------------
// Static checks used by the rule compiler

/** Every phrase of a query, in order of appearance. */
export function queryPhrases(node: QueryNode): Extract<QueryNode, { type: 'phrase' }>[] {
  const out: Extract<QueryNode, { type: 'phrase' }>[] = [];
  const walk = (n: QueryNode): void => {
    switch (n.type) {
      case 'phrase':
        out.push(n);
        break;
      case 'and':
      case 'or':
        n.children.forEach(walk);
        break;
      case 'not':
        walk(n.child);
        break;
      case 'near':
        walk(n.left);
        walk(n.right);
        break;
    }
  };
  walk(node);
  return out;
}

/** Whether the query is true on a text where none of its terms occurs (e.g. `NOT a`, `a OR NOT b`). */
export function matchesWithoutTerms(node: QueryNode): boolean {
  switch (node.type) {
    case 'phrase':
      return false;
    case 'and':
      return node.children.every(matchesWithoutTerms);
    case 'or':
      return node.children.some(matchesWithoutTerms);
    case 'not':
      return !matchesWithoutTerms(node.child);
    case 'near':
      return false;
  }
}

/** The first NOT found inside an operand of NEAR (NEAR needs positions on both sides). */
export function negatedNearOperand(node: QueryNode, insideNear = false): QueryNode | null {
  switch (node.type) {
    case 'phrase':
      return null;
    case 'not':
      return insideNear ? node : negatedNearOperand(node.child, false);
    case 'and':
    case 'or':
      for (const child of node.children) {
        const found = negatedNearOperand(child, insideNear);
        if (found !== null) return found;
      }
      return null;
    case 'near':
      return negatedNearOperand(node.left, true) ?? negatedNearOperand(node.right, true);
  }
}
