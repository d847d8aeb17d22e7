// The Vietnamese text of an alert: what happened, the incident's title (escaped where HTML),
// severity and category labels from the dashboard's table, the deadline in Asia/Ho_Chi_Minh, a link.
import { formatDateTime, label, vi } from '../../dashboards/i18n.js';
import type { AlertEventKind } from '../db/schema.js';
import type { AlertMessage } from './channels/channel.js';

const WHAT: Record<AlertEventKind | 'test', string> = {
  incident_created: 'Phát hiện vụ việc mới',
  severity_raised: 'Vụ việc được nâng mức độ',
  sla_due_soon: 'Vụ việc sắp quá hạn xử lý',
  sla_breached: 'Vụ việc đã quá hạn xử lý',
  test: 'Tin nhắn thử từ Lắng nghe',
};

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface AlertSubject {
  readonly kind: AlertEventKind;
  readonly eventId: string;
  readonly escalation?: boolean;
  readonly incident: { id: string; title: string; severity: string; category: string; ack_due_at: Date | null; resolve_due_at: Date | null; status: string; acknowledged_at: Date | null };
  /** For SLA events: which clock. */
  readonly clock?: 'ack' | 'resolve';
  readonly at: Date;
}

export function incidentLink(publicUrl: string | undefined, incidentId: string): string {
  return `${(publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '')}/incidents/${incidentId}`;
}

export function buildAlertMessage(subject: AlertSubject, publicUrl: string | undefined): AlertMessage {
  const { incident } = subject;
  const severity = label(vi.severities, incident.severity);
  const category = label(vi.categories, incident.category);
  const acknowledged = incident.acknowledged_at !== null || incident.status !== 'new';
  const deadline = subject.clock === 'ack' || (!subject.clock && !acknowledged) ? incident.ack_due_at : incident.resolve_due_at;
  const deadlineLabel = subject.clock === 'ack' || (!subject.clock && !acknowledged) ? 'Hạn tiếp nhận' : 'Hạn xử lý';
  const link = incidentLink(publicUrl, incident.id);
  const what = `${subject.escalation ? '[Báo cáo lãnh đạo] ' : ''}${WHAT[subject.kind]}`;
  const title = incident.title.replace(/\s+/g, ' ').trim().slice(0, 300);
  const lines: [string, string][] = [
    ['Vụ việc', title],
    ['Mức độ', severity],
    ['Lĩnh vực', category],
    [deadlineLabel, `${formatDateTime(deadline)} (giờ Việt Nam)`],
  ];
  const text = [what, ...lines.map(([k, v]) => `${k}: ${v}`), `Xem: ${link}`].join('\n');
  const html = [`<b>${escapeHtml(what)}</b>`, ...lines.map(([k, v]) => `<b>${escapeHtml(k)}:</b> ${escapeHtml(v)}`), `<a href="${escapeHtml(link)}">Mở vụ việc #${escapeHtml(incident.id)}</a>`].join('\n');
  return {
    subject: `[Lắng nghe] ${what}: ${title.slice(0, 120)}`,
    text,
    html,
    data: {
      event: subject.kind,
      event_id: subject.eventId,
      escalation: subject.escalation ?? false,
      at: subject.at.toISOString(),
      incident: { id: incident.id, title, severity: incident.severity, category: incident.category, status: incident.status, ack_due_at: incident.ack_due_at?.toISOString() ?? null, resolve_due_at: incident.resolve_due_at?.toISOString() ?? null, url: link },
    },
  };
}

export function testMessage(channelName: string, publicUrl: string | undefined): AlertMessage {
  const text = `${WHAT.test}\nKênh "${channelName}" đã được cấu hình đúng.\n${(publicUrl ?? '').replace(/\/+$/, '') || ''}`.trim();
  return {
    subject: `[Lắng nghe] ${WHAT.test}`,
    text,
    html: `<b>${escapeHtml(WHAT.test)}</b>\nKênh "${escapeHtml(channelName)}" đã được cấu hình đúng.`,
    data: { event: 'test', at: new Date().toISOString(), text },
  };
}
