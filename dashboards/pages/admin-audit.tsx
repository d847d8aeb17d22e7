// The configuration audit trail (admin_events): newest first, paged backwards by id.
import type { AdminEvent } from '../../src/audit/admin-audit.js';
import { formatDateTime, label, vi } from '../i18n.js';
import { Layout, type LayoutProps } from './layout.js';

const t = vi.admin.audit;

/** Details as short "key: value" text; values are escaped by JSX like all collected text. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ')
    .slice(0, 600);
}

export function AdminAuditPage(props: { user: NonNullable<LayoutProps['user']>; events: readonly AdminEvent[]; olderThan: string | null }) {
  return (
    <Layout title={t.title} user={props.user}>
      <h1>{t.title}</h1>
      <p class="note">{t.intro}</p>
      {props.events.length === 0 ? <p class="empty">{t.none}</p> : null}
      <ul class="admin-list">
        {props.events.map((e) => (
          <li class="admin-item" data-admin-event={e.id} data-action={e.action}>
            <div class="admin-item-head">
              <strong>{label(t.actions, e.action)}</strong>
              <span class="badge">{e.actor}</span>
            </div>
            <div class="note">
              {t.columns.at}: {formatDateTime(e.at)} · {t.columns.target}: {e.targetType}
              {e.targetId ? ` #${e.targetId}` : ''}
            </div>
            {Object.keys(e.details).length ? <div class="note wrap">{detailsText(e.details)}</div> : null}
          </li>
        ))}
      </ul>
      {props.olderThan ? (
        <p>
          <a href={`/admin/audit?before=${props.olderThan}`}>{t.older}</a>
        </p>
      ) : null}
    </Layout>
  );
}
