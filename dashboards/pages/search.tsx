// Tìm kiếm: every stored post, by what it says (the analyzer's query language, with or without
// diacritics) and by filters; results newest first with the matched syllables marked (escaped:
// every piece of post text is a string child), links to the post and its incident, and for
// collaborators and admins "Tạo vụ việc" on a post no incident holds yet.
import { highlightSegments } from '../../src/incidents/highlight.js';
import { MANUAL_CATEGORIES } from '../../src/incidents/manual-filing.js';
import type { PostSearchItem } from '../../src/search/post-search.js';
import { CATEGORY_DEFAULT_SEVERITY, SEVERITIES } from '../../src/analysis/types.js';
import { formatDateTime, label, vi } from '../i18n.js';
import { QueryAt } from './admin-rules.js';
import { CsrfField, FormMessages, Select } from './form-parts.js';
import { Layout, type LayoutProps } from './layout.js';

const t = vi.search;
const SOURCE_TYPES = ['rss', 'facebook_page', 'web_page', 'manual'] as const;

/** What the form shows: the query string's values as typed. */
export interface SearchForm {
  readonly q?: string;
  readonly category?: string;
  readonly source?: string;
  readonly flagged?: string;
  readonly about?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface SearchPageProps {
  readonly user: NonNullable<LayoutProps['user']> & { csrfToken: string };
  readonly form: SearchForm;
  readonly items: readonly PostSearchItem[];
  /** The query string of the next page, or null on the last page. */
  readonly nextHref: string | null;
  /** Shown a page after the first. */
  readonly firstHref: string | null;
  readonly sources: readonly { id: string; name: string }[];
  /** Offered to collaborators and admins: open incidents to add a post to. */
  readonly openIncidents: readonly { id: string; title: string }[] | null;
  /** The current query string, to come back to after "Tạo vụ việc". */
  readonly back: string;
  readonly queryError?: { readonly position: number | null } | undefined;
  readonly inputError?: string | undefined;
  readonly notice?: { readonly text: string; readonly incidentId: string } | undefined;
  readonly error?: string | undefined;
}

const yesNo = [
  { value: '', text: t.any },
  { value: 'true', text: vi.yes },
  { value: 'false', text: vi.no },
];

function Filters({ form, sources }: Pick<SearchPageProps, 'form' | 'sources'>) {
  const active = form.category || form.source || form.flagged || form.about || form.from || form.to;
  return (
    <details class="filters" open={active ? true : undefined}>
      <summary>{t.filters}</summary>
      <div class="filter-grid">
        <label>
          {t.category}
          <Select name="category" value={form.category} options={[{ value: '', text: t.any }, ...Object.entries(vi.categories).map(([value, text]) => ({ value, text }))]} />
        </label>
        <label>
          {t.source}
          <select name="source">
            <option value="" selected={!form.source}>
              {t.any}
            </option>
            <optgroup label={t.sourceTypes}>
              {SOURCE_TYPES.map((type) => (
                <option value={type} selected={form.source === type}>
                  {vi.sources.types[type]}
                </option>
              ))}
            </optgroup>
            <optgroup label={t.source}>
              {sources.map((s) => (
                <option value={s.id} selected={form.source === s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label>
          {t.flagged}
          <Select name="flagged" value={form.flagged} options={yesNo} />
        </label>
        <label>
          {t.about}
          <Select name="about" value={form.about} options={yesNo} />
        </label>
        <label>
          {t.from}
          <input type="date" name="from" value={form.from ?? ''} />
        </label>
        <label>
          {t.to}
          <input type="date" name="to" value={form.to ?? ''} />
        </label>
      </div>
      {active ? (
        <p>
          <a class="clear-filters" href={form.q ? `/search?${new URLSearchParams({ q: form.q })}` : '/search'}>
            {t.clear}
          </a>
        </p>
      ) : null}
    </details>
  );
}

function FileIncident({ item, user, openIncidents, back }: { item: PostSearchItem; user: SearchPageProps['user']; openIncidents: readonly { id: string; title: string }[]; back: string }) {
  const action = `/search/posts/${item.id}/incident`;
  return (
    <details class="file-incident">
      <summary>{t.fileIncident}</summary>
      <p class="hint">{t.fileIntro}</p>
      <form method="post" action={action} class="file-new">
        <CsrfField user={user} />
        <input type="hidden" name="back" value={back} />
        <fieldset>
          <legend>{t.newIncident}</legend>
          <label>
            {vi.search.category}
            <select name="category" required>
              {MANUAL_CATEGORIES.map((c) => (
                <option value={c}>{vi.categories[c]}</option>
              ))}
            </select>
          </label>
          <label>
            {vi.columns.severity}
            <select name="severity" required>
              {SEVERITIES.map((s) => (
                <option value={s} selected={s === CATEGORY_DEFAULT_SEVERITY.xuyen_tac}>
                  {vi.severities[s]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t.create}</button>
        </fieldset>
      </form>
      <form method="post" action={action} class="file-existing">
        <CsrfField user={user} />
        <input type="hidden" name="back" value={back} />
        <fieldset>
          <legend>{t.addTo}</legend>
          {openIncidents.length ? (
            <>
              <label>
                {t.chooseIncident}
                <select name="incident_id" required>
                  {openIncidents.map((i) => (
                    <option value={i.id}>{`#${i.id} · ${i.title.length > 70 ? `${i.title.slice(0, 69)}…` : i.title}`}</option>
                  ))}
                </select>
              </label>
              <button type="submit" class="secondary">
                {t.addButton}
              </button>
            </>
          ) : (
            <p class="empty">{t.noOpen}</p>
          )}
        </fieldset>
      </form>
    </details>
  );
}

function Result({ item, user, openIncidents, back }: { item: PostSearchItem; user: SearchPageProps['user']; openIncidents: SearchPageProps['openIncidents']; back: string }) {
  const segments = highlightSegments(item.excerpt.text, item.excerpt.highlights);
  return (
    <li class="search-result" id={`bai-${item.id}`} data-post-id={item.id}>
      {item.title ? <div class="result-title">{item.title}</div> : null}
      <p class="post-text excerpt">{segments.map((s) => (s.rule !== undefined ? <mark>{s.text}</mark> : s.text))}</p>
      <div class="incident-meta">
        <span>
          {item.source.name} · {vi.sources.types[item.source.type]}
        </span>
        <span>
          {t.published} {formatDateTime(item.publishedAt ?? item.collectedAt)}
        </span>
        {item.categories.map((c) => (
          <span class="badge">{label(vi.categories, c)}</span>
        ))}
        {item.sentiment ? <span class="badge">{label(vi.sentiments, item.sentiment)}</span> : null}
        {item.flagged ? <span class="badge">{t.flaggedBadge}</span> : null}
      </div>
      <div class="result-links">
        {item.url && /^https?:\/\//i.test(item.url) ? (
          <a class="original" href={item.url} rel="noopener noreferrer nofollow" target="_blank">
            {t.openPost}
          </a>
        ) : null}
        {item.incident ? (
          <a class="incident-link" href={`/incidents/${item.incident.id}`}>
            {t.incident(item.incident.id)} · {label(vi.statuses, item.incident.status)}
          </a>
        ) : (
          <span class="note">{t.noIncident}</span>
        )}
      </div>
      {!item.incident && openIncidents ? <FileIncident item={item} user={user} openIncidents={openIncidents} back={back} /> : null}
    </li>
  );
}

export function SearchPage(props: SearchPageProps) {
  const { user, form, items, queryError } = props;
  return (
    <Layout title={t.title} user={user}>
      <h1>{t.title}</h1>
      {props.notice ? (
        <p class="notice" role="status" id="thong-bao">
          {props.notice.text} <a href={`/incidents/${props.notice.incidentId}`}>{t.openIncident}</a>
        </p>
      ) : null}
      <FormMessages errors={props.error ? [props.error] : undefined} />
      <form method="get" action="/search" class="card search-form" role="search">
        <label>
          {t.query}
          <input type="search" name="q" value={form.q ?? ''} maxlength={500} autocomplete="off" />
          <span class="hint">{t.queryHint}</span>
        </label>
        {queryError ? (
          <div class="errors" role="alert">
            {t.badQuery(queryError.position)}{' '}
            {queryError.position !== null && form.q ? <QueryAt query={form.q.trim()} position={queryError.position} /> : null}
          </div>
        ) : null}
        {props.inputError ? (
          <p class="errors" role="alert">
            {props.inputError}
          </p>
        ) : null}
        <Filters form={form} sources={props.sources} />
        <div class="actions">
          <button type="submit">{t.submit}</button>
        </div>
      </form>
      {queryError || props.inputError ? null : (
        <section id="ket-qua" aria-label={t.results}>
          <p class="note">{items.length ? t.shown(items.length, props.nextHref !== null) : t.none}</p>
          <ul class="search-results">
            {items.map((item) => (
              <Result item={item} user={user} openIncidents={props.openIncidents} back={props.back} />
            ))}
          </ul>
          <div class="actions pager">
            {props.firstHref ? <a href={props.firstHref}>{t.first}</a> : null}
            {props.nextHref ? (
              <a href={props.nextHref} rel="next">
                {t.next}
              </a>
            ) : null}
          </div>
        </section>
      )}
    </Layout>
  );
}
