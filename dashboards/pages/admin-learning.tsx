// The learned model on the rules page (versions with their cross-validated figures beside the
// active one's, "Huấn luyện lại", "Áp dụng", rollback), and the labelled examples list.
import type { CvFigures } from '../../src/analysis/model/model-file.js';
import type { StoredExample } from '../../src/learning/example.repository.js';
import type { ModelVersionSummary } from '../../src/learning/model.repository.js';
import { formatDateTime, label, vi } from '../i18n.js';
import { CsrfField, FormMessages } from './form-parts.js';
import { Layout, type LayoutProps } from './layout.js';
import { Person } from './person.js';

type User = NonNullable<LayoutProps['user']> & { csrfToken: string };
const t = vi.admin.learning;

export interface ModelSectionProps {
  readonly user: User;
  readonly versions: readonly ModelVersionSummary[];
  /** The figures of the model in use: the active version's, or the shipped model's. */
  readonly activeFigures: CvFigures;
  readonly activeId: string | null;
  readonly exampleCount: number;
}

const percent = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')}%`;

function Delta({ value, against }: { value: number; against: number }) {
  const d = Math.round((value - against) * 1000) / 10;
  if (d === 0) return <span class="delta">±0</span>;
  return <span class={d > 0 ? 'delta up' : 'delta down'}>{`${d > 0 ? '+' : '−'}${Math.abs(d).toLocaleString('vi-VN')}`}</span>;
}

/** `kind` names the list and its figures: "model" for cross-validation, "commune" for the commune's own examples. */
function Figures({ cv, against, kind = 'model' }: { cv: CvFigures; against?: CvFigures | undefined; kind?: 'model' | 'commune' }) {
  const rows: [string, keyof CvFigures][] = [
    [t.flagF1, 'flag_f1'],
    [t.categoryF1, 'category_micro_f1'],
    [t.polarityAcc, 'polarity_acc'],
  ];
  return (
    <dl class={kind === 'model' ? 'facts model-figures' : 'facts commune-figures'}>
      {rows.map(([name, key]) => (
        <>
          <dt>{name}</dt>
          <dd>
            <span class={kind === 'model' ? `figure-${key}` : `commune-figure-${key}`}>{percent(cv[key])}</span>
            {against ? (
              <>
                {' '}
                <Delta value={cv[key]} against={against[key]} />
              </>
            ) : null}
          </dd>
        </>
      ))}
    </dl>
  );
}

export function ModelSection({ user, versions, activeFigures, activeId, exampleCount }: ModelSectionProps) {
  return (
    <section class="card" id="mo-hinh">
      <h2>{t.title}</h2>
      <p class="note">{t.intro}</p>
      <h3>
        {t.active}: {activeId ? `#${activeId}` : t.shipped}
      </h3>
      <p class="hint">{t.figures}</p>
      <Figures cv={activeFigures} />
      <p>
        <a href="/admin/examples">
          {t.examplesLink} ({t.examples(exampleCount)})
        </a>
      </p>
      <form method="post" action="/admin/rules/models/retrain#mo-hinh" class="retrain-form">
        <CsrfField user={user} />
        <label>
          {t.retrainNote} <span class="hint">{vi.optional}</span>
          <input name="note" maxlength={500} />
        </label>
        <p class="hint">{t.retrainHint}</p>
        <button type="submit" class="act-retrain">
          {t.retrain}
        </button>
      </form>

      <h3>{t.versions}</h3>
      {versions.length === 0 ? <p class="empty">{t.noVersions}</p> : null}
      <ul class="admin-list model-versions">
        {versions.map((v) => (
          <li class={v.active ? 'admin-item active' : 'admin-item'} data-model-id={v.id} data-status={v.status}>
            <div class="admin-item-head">
              <strong>#{v.id}</strong>
              <span class="badge">{label(t.origins, v.origin)}</span>
              <span class="badge model-status">{label(t.statuses, v.status)}</span>
              {v.active ? <span class="badge current">{t.current}</span> : null}
              <span class="note">{formatDateTime(v.trained_at ?? v.created_at)}</span>
            </div>
            {v.note ? <div class="wrap">{v.note}</div> : null}
            {v.error ? <div class="errors wrap">{v.error.slice(0, 300)}</div> : null}
            {v.cv ? (
              <>
                <div class="note">
                  {t.examples(v.examples ?? 0)}, {t.added(v.added_examples ?? 0)}
                  {v.active ? '' : ` · ${t.versusActive}`}
                </div>
                <Figures cv={v.cv} against={v.active ? undefined : activeFigures} />
                {v.commune_figures ? (
                  <>
                    <p class="hint">{t.communeFigures(v.commune_figures.examples)}</p>
                    <Figures cv={v.commune_figures.version} against={v.commune_figures.shipped} kind="commune" />
                  </>
                ) : null}
              </>
            ) : null}
            {v.status === 'ready' && !v.active ? (
              <form method="post" action={`/admin/rules/models/${v.id}/activate#mo-hinh`} class="inline">
                <CsrfField user={user} />
                <button type="submit" class="act-apply-model">
                  {t.apply}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {activeId ? (
        <form method="post" action="/admin/rules/models/default/activate#mo-hinh" class="inline">
          <CsrfField user={user} />
          <button type="submit" class="secondary act-default-model">
            {t.useDefault}
          </button>
        </form>
      ) : null}
    </section>
  );
}

const e = vi.admin.examples;

export interface ExamplesPageProps {
  readonly user: User;
  readonly examples: readonly StoredExample[];
  readonly counts: Readonly<Record<string, number>>;
  readonly origin: string | undefined;
  readonly nextBefore: string | null;
  readonly notice?: string | undefined;
}

export function ExamplesPage({ user, examples, counts, origin, nextBefore, notice }: ExamplesPageProps) {
  const query = (extra: Record<string, string>) => `?${new URLSearchParams({ ...(origin ? { origin } : {}), ...extra })}`;
  return (
    <Layout title={e.title} user={user}>
      <h1>{e.title}</h1>
      <FormMessages notice={notice} />
      <p class="note">{e.intro}</p>
      <nav class="filters chips" aria-label={e.counts}>
        <a href="/admin/examples" aria-current={origin ? undefined : 'page'}>
          {e.all} ({Object.values(counts).reduce((a, b) => a + b, 0)})
        </a>
        {Object.keys(e.origins).map((o) => (
          <a href={`/admin/examples?origin=${o}`} aria-current={origin === o ? 'page' : undefined}>
            {label(e.origins, o)} ({counts[o] ?? 0})
          </a>
        ))}
      </nav>
      {examples.length === 0 ? <p class="empty">{e.none}</p> : null}
      <ul class="admin-list examples">
        {examples.map((x) => (
          <li class="admin-item" data-example-id={x.id}>
            <div class="admin-item-head">
              <span class="badge">{label(e.origins, x.origin)}</span>
              <span class={x.flag ? 'badge flagged' : 'badge'}>{x.flag ? e.flagged : e.notFlagged}</span>
              {(x.categories ?? []).map((c) => (
                <span class="badge category">{label(vi.categories, c)}</span>
              ))}
              {x.about === false ? <span class="badge">{e.notAbout}</span> : null}
              {x.incident_id ? <a href={`/incidents/${x.incident_id}`}>#{x.incident_id}</a> : null}
            </div>
            <p class="post-text wrap">{x.text.length > 600 ? `${x.text.slice(0, 600)}…` : x.text}</p>
            <div class="note">
              {e.decidedBy}: <Person name={x.decided_by_name} login={x.decided_by} /> · {formatDateTime(x.updated_at)}
            </div>
            {/* A second tap confirms: a deleted example is gone until someone decides on the post again. */}
            <details class="action-form delete-example">
              <summary>{e.delete}</summary>
              <form method="post" action={`/admin/examples/${x.id}/delete${query({})}`} class="inline">
                <CsrfField user={user} />
                <p class="hint">{e.deleteConfirm}</p>
                <button type="submit" class="secondary act-delete-example">
                  {e.deleteButton}
                </button>
              </form>
            </details>
          </li>
        ))}
      </ul>
      {nextBefore ? (
        <p>
          <a href={`/admin/examples${query({ before: nextBefore })}`}>{e.older} →</a>
        </p>
      ) : null}
    </Layout>
  );
}
