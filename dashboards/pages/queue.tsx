import type { IncidentListItem } from '../../src/incidents/incident.repository.js';
import { formatDateTime, label, vi } from '../i18n.js';
import { Layout } from './layout.js';

export interface QueuePageProps {
  readonly user: { displayName: string; csrfToken: string };
  readonly incidents: readonly IncidentListItem[];
  readonly now: Date;
}

export function QueuePage({ user, incidents, now }: QueuePageProps) {
  return (
    <Layout title={vi.queueTitle} user={user} autoRefreshSeconds={30}>
      <h1>
        {vi.queueTitle} <span class="count">({incidents.length} {vi.incidentsOpen})</span>
      </h1>
      {incidents.length === 0 ? (
        <p class="empty">{vi.noIncidents}</p>
      ) : (
        <ul class="incident-list">
          {incidents.map((incident) => {
            const overdue = incident.resolve_due_at !== null && incident.resolve_due_at < now;
            return (
              <li class={`incident severity-${incident.severity}`} data-incident-id={incident.id}>
                <div class="incident-title">{incident.title}</div>
                <div class="incident-meta">
                  <span class={`badge severity-${incident.severity}`}>{label(vi.severities, incident.severity)}</span>
                  <span class="badge">{label(vi.categories, incident.category)}</span>
                  <span class="badge status">{label(vi.statuses, incident.status)}</span>
                  <span>
                    {vi.columns.posts}: {incident.post_count}
                  </span>
                  <span>
                    {vi.columns.detected}: {formatDateTime(incident.created_at)}
                  </span>
                  <span class={overdue ? 'due overdue' : 'due'}>
                    {vi.columns.due}: {formatDateTime(incident.resolve_due_at)}
                    {overdue ? ` · ${vi.overdue}` : ''}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <p class="note">{vi.refreshNote}</p>
    </Layout>
  );
}
