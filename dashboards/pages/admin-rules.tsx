// The rules screen: the active pack's rules with hits and precision, the pack editor (errors shown
// under the field, with the position and what the parser expected), a one-query check, the test
// bench (matched terms highlighted: the text is split at match offsets and every piece escaped by
// JSX), and the version history with "activate" (rollback).
import type { Child } from 'hono/jsx';
import type { Analysis, RuleMatch } from '../../src/analysis/types.js';
import type { Category, Severity } from '../../src/analysis/types.js';
import { formatDateTime, label, vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';
import { CsrfField } from './form-parts.js';

type User = NonNullable<LayoutProps['user']> & { csrfToken: string };
const t = vi.admin.rules;

export interface RuleRow {
  readonly id: string;
  readonly category: Category;
  readonly severity?: Severity | undefined;
  readonly query: string;
  readonly enabled: boolean;
  readonly hits: number;
  readonly precision: number | null;
}

export interface VersionRow {
  readonly id: string;
  readonly version: string;
  readonly rules: number;
  readonly active: boolean;
  readonly note: string | null;
  readonly created_at: Date;
}

/** One problem of an edited pack: where (rule, field, offset in the query) and what was expected. */
export interface PackProblem {
  readonly ruleId?: string | undefined;
  readonly field?: string | undefined;
  readonly query?: string | undefined;
  readonly position: number | null;
  readonly expected?: string | undefined;
  readonly message: string;
}

export interface QueryCheck {
  readonly query: string;
  readonly problem: PackProblem | null;
}

export interface RulesPageProps {
  readonly user: User;
  readonly activeId: string | null;
  readonly packVersion: string;
  readonly rules: readonly RuleRow[];
  readonly versions: readonly VersionRow[];
  readonly editor: { readonly pack: string; readonly note: string; readonly problems: readonly PackProblem[] };
  readonly queryCheck?: QueryCheck | undefined;
  readonly bench?: { readonly text: string; readonly analysis: Analysis } | undefined;
  readonly notice?: string | undefined;
  /** The learned model's section (admin-learning.tsx). */
  readonly model?: Child;
}

/** The text cut at the matches' offsets: plain pieces and highlighted pieces, in order, never overlapping. */
export function highlightPieces(text: string, matches: readonly Pick<RuleMatch, 'start' | 'end'>[]): { text: string; hit: boolean }[] {
  const spans = matches
    .filter((m) => m.start >= 0 && m.end > m.start && m.start < text.length)
    .map((m) => ({ start: m.start, end: Math.min(m.end, text.length) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const pieces: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const span of merged) {
    if (span.start > at) pieces.push({ text: text.slice(at, span.start), hit: false });
    pieces.push({ text: text.slice(span.start, span.end), hit: true });
    at = span.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), hit: false });
  return pieces;
}

function Highlighted({ text, matches }: { text: string; matches: readonly RuleMatch[] }) {
  return (
    <p class="bench-text">
      {highlightPieces(text, matches).map((p): Child => (p.hit ? <mark>{p.text}</mark> : p.text))}
    </p>
  );
}

/** The query with the character at the error position marked. */
export function QueryAt({ query, position }: { query: string; position: number }) {
  const at = Math.max(0, Math.min(position, query.length));
  return (
    <code class="query-at">
      {query.slice(0, at)}
      <mark class="error-at">{query.slice(at, at + 1) || ' '}</mark>
      {query.slice(at + 1)}
    </code>
  );
}

function Problem({ problem }: { problem: PackProblem }) {
  return (
    <li class="problem" data-position={problem.position === null ? undefined : String(problem.position)}>
      {problem.ruleId ? (
        <strong>
          {t.rule} «{problem.ruleId}»{' '}
        </strong>
      ) : null}
      {problem.field ? (
        <span>
          {t.field} {problem.field}:{' '}
        </span>
      ) : null}
      {problem.position !== null ? (
        <span class="position">
          {t.position} {problem.position}
          {problem.expected ? `, ${t.expected}: ${problem.expected}` : ''}.{' '}
        </span>
      ) : null}
      <span class="message">{problem.message}</span>
      {problem.query !== undefined && problem.position !== null ? (
        <div>
          <QueryAt query={problem.query} position={problem.position} />
        </div>
      ) : null}
    </li>
  );
}

export function RulesPage(props: RulesPageProps) {
  const { user, rules, versions, editor, queryCheck, bench } = props;
  return (
    <Layout title={t.title} user={user}>
      <h1>{t.title}</h1>
      {props.notice ? (
        <p class="notice" role="status" id="thong-bao">
          {props.notice}
        </p>
      ) : null}

      {props.model ?? null}

      <section class="card" id="quy-tac">
        <h2>
          {t.activePack}: <span class="mono">{props.packVersion}</span> {props.activeId ? `(#${props.activeId})` : `(${t.defaultPack})`}
        </h2>
        <p class="note">{t.precisionHint}</p>
        {rules.length === 0 ? <p class="empty">{t.noRules}</p> : null}
        <ul class="admin-list">
          {rules.map((r) => (
            <li class={r.enabled ? 'admin-item' : 'admin-item disabled'} data-rule={r.id}>
              <div class="admin-item-head">
                <strong class="mono wrap">{r.id}</strong>
                <span class="badge category">{label(vi.categories, r.category)}</span>
                {r.severity ? <span class={`badge severity-${r.severity}`}>{label(vi.severities, r.severity)}</span> : null}
                {r.enabled ? null : <span class="badge">{vi.no}</span>}
              </div>
              <code class="query wrap">{r.query}</code>
              <div class="note">
                {t.columns.hits}: <span class="hits">{r.hits}</span> · {t.columns.precision}:{' '}
                <span class="precision">{r.precision === null ? '—' : `${Math.round(r.precision * 1000) / 10}%`}</span>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section class="card" id="thu-nghiem">
        <h2>{t.bench}</h2>
        <form method="post" action="/admin/rules/test#thu-nghiem">
          <CsrfField user={user} />
          <label>
            {t.benchText}
            <textarea name="text" rows={5} maxlength={50000} required>
              {bench?.text ?? ''}
            </textarea>
          </label>
          <button type="submit">{t.run}</button>
        </form>
        {bench ? (
          <div class="result bench-result" aria-live="polite">
            <h3>{t.benchResult}</h3>
            <p class={bench.analysis.flag ? 'verdict flagged' : 'verdict'}>{bench.analysis.flag ? vi.report.result.flagged : vi.report.result.notFlagged}</p>
            <dl class="facts">
              <dt>{vi.report.result.categories}</dt>
              <dd>
                {bench.analysis.categories.length === 0
                  ? vi.report.result.noCategory
                  : bench.analysis.categories.map((c) => <span class="badge category">{label(vi.categories, c)}</span>)}
              </dd>
              <dt>{vi.report.result.severity}</dt>
              <dd>{bench.analysis.severity ? <span class={`badge severity-${bench.analysis.severity}`}>{label(vi.severities, bench.analysis.severity)}</span> : '—'}</dd>
              <dt>{vi.report.result.sentiment}</dt>
              <dd>{label(vi.sentiments, bench.analysis.sentiment.label)}</dd>
              <dt>{vi.report.result.about}</dt>
              <dd>{bench.analysis.about ? vi.yes : vi.no}</dd>
              <dt>{t.matchedRules}</dt>
              <dd>
                {bench.analysis.matches.length === 0
                  ? t.noMatch
                  : [...new Set(bench.analysis.matches.map((m) => m.rule))].map((id) => <span class="badge mono">{id}</span>)}
              </dd>
            </dl>
            <h3>{t.highlighted}</h3>
            <Highlighted text={bench.text} matches={bench.analysis.matches} />
          </div>
        ) : null}
      </section>

      <section class="card" id="kiem-tra">
        <h2>{t.checkQuery}</h2>
        <form method="post" action="/admin/rules/check#kiem-tra">
          <CsrfField user={user} />
          <label>
            {t.query}
            <input name="query" required maxlength={4000} value={queryCheck?.query ?? ''} aria-invalid={queryCheck?.problem ? 'true' : undefined} />
          </label>
          {queryCheck ? (
            queryCheck.problem ? (
              <ul class="errors field-errors" role="alert">
                <Problem problem={queryCheck.problem} />
              </ul>
            ) : (
              <p class="notice">{t.queryOk}</p>
            )
          ) : null}
          <button type="submit">{t.check}</button>
        </form>
      </section>

      <section class="card" id="sua">
        <h2>{t.editor}</h2>
        <form method="post" action="/admin/rules/pack#sua">
          <CsrfField user={user} />
          <label>
            {t.pack}
            <span class="hint">{t.editorHint}</span>
            <textarea name="pack" rows={18} class="mono" spellcheck={false} aria-invalid={editor.problems.length ? 'true' : undefined}>
              {editor.pack}
            </textarea>
          </label>
          {editor.problems.length ? (
            <div class="errors field-errors" role="alert">
              <p>{t.problemsTitle}</p>
              <ul>
                {editor.problems.map((p) => (
                  <Problem problem={p} />
                ))}
              </ul>
            </div>
          ) : null}
          <label>
            {t.note}
            <input name="note" maxlength={500} value={editor.note} />
          </label>
          <div class="actions">
            <button type="submit" name="action" value="save" class="secondary">
              {t.saveVersion}
            </button>
            <button type="submit" name="action" value="activate">
              {t.saveActivate}
            </button>
          </div>
        </form>
      </section>

      <section class="card" id="phien-ban">
        <h2>{t.versions}</h2>
        {versions.length === 0 ? <p class="empty">{t.noVersions}</p> : null}
        <ul class="admin-list">
          {versions.map((v) => (
            <li class={v.active ? 'admin-item active' : 'admin-item'} data-version-id={v.id}>
              <div class="admin-item-head">
                <strong>#{v.id}</strong>
                <span class="mono wrap">{v.version}</span>
                <span class="note">
                  {v.rules} {t.versionColumns.rules.toLowerCase()} · {formatDateTime(v.created_at)}
                </span>
                {v.active ? <span class="badge current">{t.current}</span> : null}
              </div>
              {v.note ? <div class="wrap">{v.note}</div> : null}
              {v.active ? null : (
                <form method="post" action={`/admin/rules/versions/${v.id}/activate`} class="inline">
                  <CsrfField user={user} />
                  <button type="submit" class="secondary">
                    {t.activate}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {props.activeId ? (
          <form method="post" action="/admin/rules/versions/default/activate" class="inline">
            <CsrfField user={user} />
            <button type="submit" class="secondary">
              {t.useDefault}
            </button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}
