// The triage queue: filters as GET query parameters with a count per option, nearest deadline
// first, each incident linking to its page; collaborators select incidents for bulk changes.
import type { QueueFilter, QueueResult } from '../../src/incidents/incident-queue.js';
import { OPEN_STATUSES, SEVERITIES } from '../../src/incidents/incident-queue.js';
import { DISMISS_REASONS, INCIDENT_STATUSES } from '../../src/incidents/workflow.js';
import type { Flash } from './incident.js';
import { formatDateTime, label, vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';
import { Select } from './form-parts.js';
import { Person } from './person.js';

const q = vi.queue;

export interface QueuePageProps {
  readonly user: NonNullable<LayoutProps['user']> & { csrfToken: string };
  readonly result: QueueResult;
  readonly filter: QueueFilter;
  readonly sources: readonly { id: string; name: string }[];
  readonly users: readonly { id: string; username: string; display_name: string }[];
  readonly canAct: boolean;
  readonly now: Date;
  /** The current query string ("" or "?…"), to come back to the same filters after a bulk change. */
  readonly query: string;
  readonly flash?: Flash | undefined;
}

const withCount = (text: string, n: number | undefined) => `${text} (${n ?? 0})`;

function Filters({ result, filter, sources, users }: Pick<QueuePageProps, 'result' | 'filter' | 'sources' | 'users'>) {
  const { counts } = result;
  const categories = Object.keys(vi.categories).filter((c) => c !== 'tich_cuc' || counts.category[c]);
  const active = filter.status !== 'open' || filter.category || filter.severity || filter.source || filter.rule || filter.assignee || filter.dueSoon || filter.breached;
  return (
    <details class="card filters" open={active ? true : undefined}>
      <summary>{q.filters}</summary>
      <form method="get" action="/" class="filter-form">
        <div class="filter-grid">
          <label>
            {q.status}
            <Select
              name="status"
              value={filter.status === 'open' ? '' : filter.status}
              options={[
                { value: '', text: withCount(q.statusOpen, counts.status.open) },
                ...INCIDENT_STATUSES.map((s) => ({ value: s, text: withCount(label(vi.statuses, s), counts.status[s]) })),
                { value: 'all', text: withCount(q.statusAll, counts.status.all) },
              ]}
            />
          </label>
          <label>
            {q.category}
            <Select
              name="category"
              value={filter.category}
              options={[{ value: '', text: q.any }, ...categories.map((c) => ({ value: c, text: withCount(label(vi.categories, c), counts.category[c]) }))]}
            />
          </label>
          <label>
            {q.severity}
            <Select
              name="severity"
              value={filter.severity}
              options={[{ value: '', text: q.any }, ...SEVERITIES.map((s) => ({ value: s, text: withCount(label(vi.severities, s), counts.severity[s]) }))]}
            />
          </label>
          <label>
            {q.source}
            <Select name="source" value={filter.source} options={[{ value: '', text: q.any }, ...sources.map((s) => ({ value: s.id, text: withCount(s.name, counts.source[s.id]) }))]} />
          </label>
          <label>
            {q.assignee}
            <Select
              name="assignee"
              value={filter.assignee}
              options={[
                { value: '', text: q.any },
                { value: 'none', text: withCount(q.unassigned, counts.assignee.none) },
                ...users.map((u) => ({ value: u.id, text: withCount(u.display_name, counts.assignee[u.id]) })),
              ]}
            />
          </label>
        </div>
        <label class="check">
          <input type="checkbox" name="due_soon" value="1" checked={filter.dueSoon} /> {withCount(q.dueSoon, counts.dueSoon)}
        </label>
        <label class="check">
          <input type="checkbox" name="breached" value="1" checked={filter.breached} /> {withCount(q.breached, counts.breached)}
        </label>
        {filter.rule ? (
          <label class="check">
            <input type="checkbox" name="rule" value={filter.rule} checked /> {q.rule}: <span class="mono">{filter.rule}</span>
          </label>
        ) : null}
        <div class="actions">
          <button type="submit">{q.apply}</button>
          {active ? (
            <a class="clear-filters" href="/">
              {q.clear}
            </a>
          ) : null}
        </div>
      </form>
    </details>
  );
}

function BulkControls({ user, users, query }: Pick<QueuePageProps, 'user' | 'users' | 'query'>) {
  const targets = ['acknowledged', 'in_progress', 'on_hold', 'resolved', 'dismissed'] as const;
  return (
    <fieldset class="bulk">
      <legend>{q.bulkTitle}</legend>
      <input type="hidden" name="_csrf" value={user.csrfToken} />
      <input type="hidden" name="back" value={query} />
      <label>
        {q.bulkAssign}
        <select name="username">
          <option value="">{vi.incident.nobody}</option>
          {users.map((u) => (
            <option value={u.username}>{`${u.display_name} (${u.username})`}</option>
          ))}
        </select>
      </label>
      <button type="submit" name="op" value="assign" class="bulk-assign">
        {q.bulkAssignButton}
      </button>
      <label>
        {q.bulkStatus}
        <select name="to">
          {targets.map((s) => (
            <option value={s}>{label(vi.statuses, s)}</option>
          ))}
        </select>
      </label>
      <label>
        {q.bulkReason}
        <select name="dismiss_reason">
          {DISMISS_REASONS.map((r) => (
            <option value={r}>{label(vi.incident.dismissReasons, r)}</option>
          ))}
        </select>
        <input type="text" name="reason" maxlength={1000} />
      </label>
      <button type="submit" name="op" value="status" class="bulk-status">
        {q.bulkStatusButton}
      </button>
    </fieldset>
  );
}

export function QueuePage({ user, result, filter, sources, users, canAct, now, query, flash }: QueuePageProps) {
  const { items } = result;
  const list = (
    <ul class="incident-list">
      {items.map((incident) => {
        const overdue = incident.breached;
        return (
          <li class={`incident severity-${incident.severity}`} data-incident-id={incident.id}>
            <div class="incident-row">
              {canAct ? (
                <label class="pick" title={q.select}>
                  <input type="checkbox" name="ids" value={`${incident.id}:${incident.version}`} aria-label={`${q.select}: ${incident.title}`} />
                </label>
              ) : null}
              <a class="incident-title" href={`/incidents/${incident.id}`}>
                {incident.title}
              </a>
            </div>
            <div class="incident-meta">
              <span class={`badge severity-${incident.severity}`}>{label(vi.severities, incident.severity)}</span>
              <span class="badge">{label(vi.categories, incident.category)}</span>
              <span class="badge status">{label(vi.statuses, incident.status)}</span>
              {incident.assignee ? (
                <span class="assignee">
                  {q.assignedTo}: <Person name={incident.assignee_name ?? incident.assignee} login={incident.assignee} />
                </span>
              ) : null}
              <span>
                {vi.columns.posts}: {incident.post_count}
              </span>
              <span>
                {vi.columns.detected}: {formatDateTime(incident.created_at)}
              </span>
              {incident.acknowledged_at === null && incident.ack_due_at && (OPEN_STATUSES as readonly string[]).includes(incident.status) ? (
                <span class="due">
                  {vi.incident.ackDue}: {formatDateTime(incident.ack_due_at)}
                </span>
              ) : null}
              <span class={overdue ? 'due overdue' : incident.due_soon ? 'due soon' : 'due'}>
                {vi.columns.due}: {formatDateTime(incident.resolve_due_at)}
                {overdue ? ` · ${vi.overdue}` : incident.due_soon ? ` · ${q.dueSoon}` : ''}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
  const openCount = result.counts.status.open ?? 0;
  return (
    <Layout title={vi.queueTitle} user={user} autoRefreshSeconds={30}>
      <h1>
        {vi.queueTitle} <span class="count">({openCount} {vi.incidentsOpen})</span>
      </h1>
      {flash ? (
        <p id="thong-bao" class={flash.kind === 'ok' ? 'notice flash' : 'errors flash'} role="status">
          {flash.text}
        </p>
      ) : null}
      <Filters result={result} filter={filter} sources={sources} users={users} />
      <p class="note shown">{q.shown(items.length, result.total)}</p>
      {items.length === 0 ? (
        <p class="empty">{vi.noIncidents}</p>
      ) : canAct ? (
        <form method="post" action="/incidents/bulk" class="bulk-form">
          {list}
          <BulkControls user={user} users={users} query={query} />
        </form>
      ) : (
        list
      )}
      <p class="note">{vi.refreshNote}</p>
    </Layout>
  );
}
