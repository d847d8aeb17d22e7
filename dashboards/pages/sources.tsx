// Sources: health for everyone; admins enable/disable and add a source with a live preview.
import type { PreviewPost } from '../../src/cli/preview-source.js';
import type { Source } from '../../src/db/schema.js';
import { formatDateTime, label, vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';

export type SourceRow = Source & { readonly silent: boolean };
/** A unit a source may name (issue 15). */
export type UnitOption = { readonly id: string; readonly name: string };

/** What the "add source" form holds (kept as typed when it is shown again). */
export interface SourceFormValues {
  readonly name: string;
  readonly type: string;
  readonly url: string;
  readonly interval_minutes: string;
  readonly commune_channel: boolean;
  readonly item: string;
  readonly title_sel: string;
  readonly text_sel: string;
  readonly link_sel: string;
  readonly date_sel: string;
  readonly date_format: string;
  readonly page_id: string;
  readonly token: string;
  readonly graph_url: string;
  readonly unit_id: string;
}

export const emptySourceForm: SourceFormValues = {
  name: '',
  type: 'rss',
  url: '',
  interval_minutes: '15',
  commune_channel: false,
  item: '',
  title_sel: '',
  text_sel: '',
  link_sel: '',
  date_sel: '',
  date_format: '',
  page_id: '',
  token: '',
  graph_url: '',
  unit_id: '',
};

export type SourcePreview = { readonly ok: true; readonly posts: readonly PreviewPost[] } | { readonly ok: false; readonly error: string };

export interface SourcesPageProps {
  readonly user: NonNullable<LayoutProps['user']> & { csrfToken: string };
  readonly sources: readonly SourceRow[];
  readonly canEdit: boolean;
  readonly notice?: string | undefined;
  readonly form?: SourceFormValues;
  readonly errors?: readonly string[];
  readonly preview?: SourcePreview | undefined;
  readonly units?: readonly UnitOption[];
}

export const PREVIEW_SHOWN = 20;

function healthOf(source: SourceRow): keyof typeof vi.sources.health {
  if (source.health === 'failing') return 'failing';
  if (source.silent) return 'silent';
  return source.health === 'ok' ? 'ok' : 'unknown';
}

function UnitSelect({ units, value }: { units: readonly UnitOption[]; value: string | null }) {
  return (
    <select name="unit_id">
      <option value="">{vi.channels.source.noUnit}</option>
      {units.map((u) => (
        <option value={u.id} selected={u.id === value}>
          {u.name}
        </option>
      ))}
    </select>
  );
}

function SourceItem({ source, canEdit, csrfToken, units }: { source: SourceRow; canEdit: boolean; csrfToken: string; units: readonly UnitOption[] }) {
  const health = healthOf(source);
  const unit = units.find((u) => u.id === source.unit_id);
  return (
    <li class={`source health-${health}${source.enabled ? '' : ' disabled'}`} data-source-id={source.id}>
      <div class="source-head">
        <span class="source-name">{source.name}</span>
        <span class={`badge health health-${health}`}>{vi.sources.health[health]}</span>
        <span class="badge">{source.enabled ? vi.sources.enabled : vi.sources.disabled}</span>
      </div>
      <div class="incident-meta">
        <span>
          {vi.sources.columns.type}: {label(vi.sources.types, source.type)}
        </span>
        <span>
          {vi.sources.columns.interval}: {vi.sources.minutes(Math.round(source.interval_seconds / 60))}
        </span>
        {unit ? (
          <span class="source-unit">
            {vi.channels.source.unit}: {unit.name}
          </span>
        ) : null}
        <span>
          {vi.sources.columns.lastSuccess}: {formatDateTime(source.last_success_at)}
        </span>
        {source.items_last_run !== null ? (
          <span>
            {vi.sources.columns.items}: {source.items_last_run}
          </span>
        ) : null}
        {source.consecutive_failures > 0 ? (
          <span>
            {vi.sources.columns.failures}: {source.consecutive_failures}
          </span>
        ) : null}
      </div>
      {source.last_error ? (
        <div class="last-error">
          {vi.sources.columns.lastError}: {source.last_error}
        </div>
      ) : null}
      {canEdit ? (
        <form method="post" action={`/sources/${encodeURIComponent(source.id)}/enabled`} class="inline">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="enabled" value={source.enabled ? 'false' : 'true'} />
          <button type="submit" class={source.enabled ? 'secondary' : ''} aria-label={`${source.enabled ? vi.sources.disable : vi.sources.enable}: ${source.name}`}>
            {source.enabled ? vi.sources.disable : vi.sources.enable}
          </button>
        </form>
      ) : null}
      {canEdit && units.length ? (
        <form method="post" action={`/sources/${encodeURIComponent(source.id)}/unit`} class="inline row-form unit-form">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <label class="sr-label">
            {vi.channels.source.unit}
            <UnitSelect units={units} value={source.unit_id} />
          </label>
          <button type="submit" class="secondary" aria-label={`${vi.channels.source.setUnit}: ${source.name}`}>
            {vi.channels.source.setUnit}
          </button>
        </form>
      ) : null}
    </li>
  );
}

function PreviewResult({ preview }: { preview: SourcePreview }) {
  if (!preview.ok) {
    return (
      <p class="error preview-error" role="alert">
        {vi.sources.previewFailed} {preview.error}
      </p>
    );
  }
  const shown = preview.posts.slice(0, PREVIEW_SHOWN);
  return (
    <section class="preview" aria-live="polite">
      <h3>
        {vi.sources.previewCount(preview.posts.length)} {preview.posts.length > shown.length ? vi.sources.previewShown(shown.length) : ''}
      </h3>
      {preview.posts.length === 0 ? <p class="empty">{vi.sources.previewEmpty}</p> : null}
      <ol class="preview-list">
        {shown.map((post) => (
          <li class="preview-post">
            {post.title ? <div class="incident-title">{post.title}</div> : null}
            <p class="preview-text">{post.text.length > 400 ? `${post.text.slice(0, 400)}…` : post.text}</p>
            <div class="incident-meta">
              <span>
                {vi.sources.post.published}: {formatDateTime(post.published_at ? new Date(post.published_at) : null)}
              </span>
              {post.author ? (
                <span>
                  {vi.sources.post.author}: {post.author.slice(0, 12)}
                </span>
              ) : null}
              <span>
                {vi.sources.post.engagement}: {post.engagement}
              </span>
              {post.parent_external_id ? (
                <span>
                  {vi.sources.post.parent}: {post.parent_external_id}
                </span>
              ) : null}
              {post.url && /^https?:\/\//i.test(post.url) ? (
                <a href={post.url} rel="noopener noreferrer nofollow" target="_blank">
                  {vi.sources.post.open}
                </a>
              ) : null}
            </div>
            <details>
              <summary>{vi.sources.post.json}</summary>
              <pre>{JSON.stringify(post, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

function AddSourceForm({ form, csrfToken, errors, preview, units }: { form: SourceFormValues; csrfToken: string; errors: readonly string[]; preview: SourcePreview | undefined; units: readonly UnitOption[] }) {
  const types = ['rss', 'web_page', 'facebook_page'] as const;
  return (
    <section class="card add-source" id="them-nguon">
      <h2>{vi.sources.add}</h2>
      {errors.length ? (
        <ul class="errors" role="alert">
          {errors.map((error) => (
            <li>{error}</li>
          ))}
        </ul>
      ) : null}
      <form method="post" action="/sources/new#them-nguon" class="source-form">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <label>
          {vi.sources.name}
          <input name="name" required maxlength={100} value={form.name} />
        </label>
        <label>
          {vi.sources.type}
          <select name="type" class="source-type">
            {types.map((type) => (
              <option value={type} selected={form.type === type}>
                {vi.sources.types[type]}
              </option>
            ))}
          </select>
        </label>
        <label data-for-types="rss web_page">
          {vi.sources.url}
          <input name="url" type="url" inputmode="url" maxlength={2000} placeholder="https://" value={form.url} />
          <span class="hint">{vi.sources.rssUrlHint}</span>
        </label>
        <fieldset data-for-types="web_page">
          <legend>{vi.sources.web.legend}</legend>
          <label>
            {vi.sources.web.item}
            <input name="item" maxlength={500} placeholder=".bai-viet" value={form.item} />
          </label>
          <label>
            {vi.sources.web.title} <span class="hint">{vi.optional}</span>
            <input name="title_sel" maxlength={500} placeholder="h2" value={form.title_sel} />
          </label>
          <label>
            {vi.sources.web.text} <span class="hint">{vi.optional}</span>
            <input name="text_sel" maxlength={500} placeholder=".tom-tat" value={form.text_sel} />
          </label>
          <label>
            {vi.sources.web.link} <span class="hint">{vi.optional}</span>
            <input name="link_sel" maxlength={500} placeholder="a@href" value={form.link_sel} />
          </label>
          <label>
            {vi.sources.web.date} <span class="hint">{vi.optional}</span>
            <input name="date_sel" maxlength={500} placeholder=".ngay" value={form.date_sel} />
          </label>
          <label>
            {vi.sources.web.dateFormat} <span class="hint">{vi.optional}</span>
            <input name="date_format" maxlength={50} value={form.date_format} />
          </label>
        </fieldset>
        <fieldset data-for-types="facebook_page">
          <legend>{vi.sources.facebook.legend}</legend>
          <p class="hint org-only">{vi.channels.source.orgOnly}</p>
          <label>
            {vi.sources.facebook.pageId}
            <input name="page_id" maxlength={128} value={form.page_id} />
          </label>
          <label>
            {vi.sources.facebook.token}
            <input name="token" type="password" autocomplete="off" maxlength={1000} value={form.token} />
            <span class="hint">{vi.sources.facebook.tokenHint}</span>
          </label>
          <label>
            {vi.sources.facebook.graphUrl} <span class="hint">{vi.optional}</span>
            <input name="graph_url" type="url" maxlength={500} placeholder="https://graph.facebook.com" value={form.graph_url} />
          </label>
        </fieldset>
        <label>
          {vi.sources.intervalMinutes}
          <input name="interval_minutes" type="number" inputmode="numeric" min={1} max={1440} value={form.interval_minutes} />
        </label>
        <label class="check">
          <input name="commune_channel" type="checkbox" value="1" checked={form.commune_channel} /> {vi.sources.communeChannel}
        </label>
        {units.length ? (
          <label>
            {vi.channels.source.unit} <span class="hint">{vi.optional}</span>
            <UnitSelect units={units} value={form.unit_id || null} />
          </label>
        ) : null}
        <div class="actions">
          <button type="submit" name="action" value="preview" class="secondary preview-button">
            {vi.sources.preview}
          </button>
          <button type="submit" name="action" value="save" class="save-button">
            {vi.sources.save}
          </button>
        </div>
      </form>
      {preview ? <PreviewResult preview={preview} /> : null}
    </section>
  );
}

export function SourcesPage({ user, sources, canEdit, notice, form, errors = [], preview, units = [] }: SourcesPageProps) {
  return (
    <Layout title={vi.sources.title} user={user}>
      <h1>
        {vi.sources.title} <span class="count">({sources.length})</span>
      </h1>
      {notice ? (
        <p class="notice" role="status" id="thong-bao">
          {notice}
        </p>
      ) : null}
      {sources.length === 0 ? (
        <p class="empty">{vi.sources.none}</p>
      ) : (
        <ul class="source-list">
          {sources.map((source) => (
            <SourceItem source={source} canEdit={canEdit} csrfToken={user.csrfToken} units={units} />
          ))}
        </ul>
      )}
      {canEdit ? <AddSourceForm form={form ?? emptySourceForm} csrfToken={user.csrfToken} errors={errors} preview={preview} units={units} /> : <p class="note">{vi.sources.readOnly}</p>}
    </Layout>
  );
}
