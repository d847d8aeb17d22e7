// The Vietnamese text of an alert: what happened, the incident's title (escaped where HTML),
// severity and category labels from the dashboard's table, the deadline in Asia/Ho_Chi_Minh, a link.
import { formatDateTime, label, vi } from '../../dashboards/i18n.js';
import type { AlertEventKind } from '../db/schema.js';
import type { AlertMessage } from './channels/channel.js';

const WHAT: Readonly<Record<AlertEventKind | 'test', string>> = vi.alertMessages;

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
  return `${baseUrl(publicUrl)}/incidents/${incidentId}`;
}

const ESCALATION = '[Báo cáo lãnh đạo] ';

export function buildAlertMessage(subject: AlertSubject, publicUrl: string | undefined): AlertMessage {
  const { incident } = subject;
  const severity = label(vi.severities, incident.severity);
  const category = label(vi.categories, incident.category);
  const acknowledged = incident.acknowledged_at !== null || incident.status !== 'new';
  const ackClock = subject.clock === 'ack' || (!subject.clock && !acknowledged);
  const deadline = ackClock ? incident.ack_due_at : incident.resolve_due_at;
  const deadlineLabel = ackClock ? 'Hạn tiếp nhận' : 'Hạn xử lý';
  const link = incidentLink(publicUrl, incident.id);
  const what = `${subject.escalation ? ESCALATION : ''}${WHAT[subject.kind]}`;
  const title = incident.title.replace(/\s+/g, ' ').trim().slice(0, 300);
  const lines: [string, string][] = [
    ['Vụ việc', title],
    ['Mức độ', severity],
    ['Lĩnh vực', category],
    [deadlineLabel, `${formatDateTime(deadline)} (giờ Việt Nam)`],
  ];
  const data = {
    event: subject.kind,
    event_id: subject.eventId,
    escalation: subject.escalation ?? false,
    at: subject.at.toISOString(),
    incident: { id: incident.id, title, severity: incident.severity, category: incident.category, status: incident.status, ack_due_at: incident.ack_due_at?.toISOString() ?? null, resolve_due_at: incident.resolve_due_at?.toISOString() ?? null, url: link },
  };
  return assemble(what, lines, link, `Mở vụ việc #${incident.id}`, data, `: ${title.slice(0, 120)}`);
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

/** The copy of a stored alert for someone on an escalation list. */
export function escalatedMessage(message: AlertMessage): AlertMessage {
  if (message.subject.includes(ESCALATION)) return message;
  return {
    subject: message.subject.replace('[Lắng nghe] ', `[Lắng nghe] ${ESCALATION}`),
    text: `${ESCALATION}${message.text}`,
    html: `<b>${escapeHtml(ESCALATION)}</b>${message.html}`,
    data: { ...message.data, escalation: true },
  };
}

function baseUrl(publicUrl: string | undefined): string {
  return (publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
}

/** Vietnamese number with one decimal at most: 3,5. */
const decimal = (x: number) => (Math.round(x * 10) / 10).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

function assemble(what: string, lines: readonly [string, string][], link: string, linkText: string, data: Record<string, unknown>, subjectTail = ''): AlertMessage {
  const text = [what, ...lines.map(([k, v]) => `${k}: ${v}`), `Xem: ${link}`].join('\n');
  const html = [`<b>${escapeHtml(what)}</b>`, ...lines.map(([k, v]) => `<b>${escapeHtml(k)}:</b> ${escapeHtml(v)}`), `<a href="${escapeHtml(link)}">${escapeHtml(linkText)}</a>`].join('\n');
  return { subject: `[Lắng nghe] ${what}${subjectTail}`, text, html, data };
}

/** A spiking series as people read it: what, and where its items are listed. */
export interface SpikeSubject {
  /** 'all', 'category:<c>', 'rule:<r>', 'source:<id>'. */
  readonly series: string;
  /** The source's name when the series is a source. */
  readonly sourceName?: string;
  readonly spikeId: string;
  readonly startedAt: Date;
  readonly windowMinutes: number;
  readonly observed: number;
  readonly expected: number;
  readonly pValue: number;
}

export function seriesLabel(series: string, sourceName?: string): string {
  const [kind, ...rest] = series.split(':');
  const value = rest.join(':');
  if (kind === 'category') return `Lĩnh vực «${label(vi.categories, value)}»`;
  if (kind === 'rule') return `Quy tắc «${value}»`;
  if (kind === 'source') return `Nguồn «${sourceName ?? value}»`;
  return 'Tổng số tin thu thập';
}

/** The queue (incidents) filtered to what spiked, where a filter fits. */
export function seriesLink(publicUrl: string | undefined, series: string): string {
  const [kind, ...rest] = series.split(':');
  const value = encodeURIComponent(rest.join(':'));
  if (kind === 'category') return `${baseUrl(publicUrl)}/?status=all&category=${value}`;
  if (kind === 'source') return `${baseUrl(publicUrl)}/?status=all&source=${value}`;
  if (kind === 'rule') return `${baseUrl(publicUrl)}/?status=all&rule=${value}`;
  return `${baseUrl(publicUrl)}/?status=all`;
}

export function spikeMessage(spike: SpikeSubject, publicUrl: string | undefined): AlertMessage {
  const what = `Tăng đột biến: ${seriesLabel(spike.series, spike.sourceName)}`;
  const ratio = spike.expected > 0 ? spike.observed / spike.expected : Infinity;
  const window = spike.windowMinutes >= 60 ? `${spike.windowMinutes / 60} giờ` : `${spike.windowMinutes} phút`;
  const link = seriesLink(publicUrl, spike.series);
  return assemble(
    what,
    [
      [`Số tin trong ${window} qua`, String(spike.observed)],
      ['Bình thường khoảng', decimal(spike.expected)],
      ['Gấp', Number.isFinite(ratio) ? `${decimal(ratio)} lần` : 'nhiều lần'],
      ['Bắt đầu', `${formatDateTime(spike.startedAt)} (giờ Việt Nam)`],
    ],
    link,
    'Mở danh sách',
    {
      event: 'spike',
      spike_id: spike.spikeId,
      series: spike.series,
      label: seriesLabel(spike.series, spike.sourceName),
      window_minutes: spike.windowMinutes,
      observed: spike.observed,
      expected: Math.round(spike.expected * 100) / 100,
      ratio: Number.isFinite(ratio) ? Math.round(ratio * 100) / 100 : null,
      p_value: spike.pValue,
      started_at: spike.startedAt.toISOString(),
      url: link,
    },
  );
}

export interface SourceHealthSubject {
  readonly kind: 'failing' | 'silent' | 'recovered';
  readonly source: { id: string; name: string; type: string; last_error: string | null; last_success_at: Date | null; last_new_item_at: Date | null; consecutive_failures: number };
  readonly at: Date;
}

const SOURCE_WHAT = { failing: 'Nguồn thu thập bị lỗi', silent: 'Nguồn thu thập im lặng bất thường', recovered: 'Nguồn thu thập đã hoạt động lại' } as const;

export function sourceHealthMessage(subject: SourceHealthSubject, publicUrl: string | undefined): AlertMessage {
  const { source } = subject;
  const what = `${SOURCE_WHAT[subject.kind]}: ${source.name.replace(/\s+/g, ' ').trim().slice(0, 200)}`;
  const lines: [string, string][] = [];
  if (subject.kind === 'failing') {
    lines.push(['Lỗi', (source.last_error ?? '—').slice(0, 300)], ['Số lần lỗi liên tiếp', String(source.consecutive_failures)]);
  }
  if (subject.kind === 'silent') lines.push(['Tin mới gần nhất', `${formatDateTime(source.last_new_item_at)} (giờ Việt Nam)`]);
  lines.push(['Lần thu thập thành công gần nhất', `${formatDateTime(source.last_success_at)} (giờ Việt Nam)`]);
  const link = `${baseUrl(publicUrl)}/sources`;
  return assemble(what, lines, link, 'Mở trang nguồn', {
    event: subject.kind === 'recovered' ? 'source_recovered' : `source_${subject.kind}`,
    at: subject.at.toISOString(),
    source: { id: source.id, name: source.name, type: source.type, last_error: source.last_error, last_success_at: source.last_success_at?.toISOString() ?? null, last_new_item_at: source.last_new_item_at?.toISOString() ?? null },
    url: link,
  });
}

export interface DigestSubject {
  /** Local date YYYY-MM-DD. */
  readonly day: string;
  readonly from: Date;
  readonly to: Date;
  readonly newBySeverity: Record<string, number>;
  readonly breached: number;
  readonly open: number;
  readonly posts: number;
  readonly spikes: readonly { series: string; label: string; observed: number; expected: number }[];
}

export function digestMessage(d: DigestSubject, publicUrl: string | undefined): AlertMessage {
  const what = `Tổng hợp 24 giờ qua (đến ${formatDateTime(d.to)})`;
  const newTotal = Object.values(d.newBySeverity).reduce((a, b) => a + b, 0);
  const bySeverity = (['critical', 'high', 'medium', 'low'] as const)
    .filter((s) => (d.newBySeverity[s] ?? 0) > 0)
    .map((s) => `${label(vi.severities, s)} ${d.newBySeverity[s]}`)
    .join(', ');
  const lines: [string, string][] = [
    ['Vụ việc mới', newTotal ? `${newTotal} (${bySeverity})` : '0'],
    ['Quá hạn xử lý', String(d.breached)],
    ['Đang mở', String(d.open)],
    ['Tin đã thu thập', String(d.posts)],
    ['Tăng đột biến', d.spikes.length ? d.spikes.map((s) => `${s.label} (${s.observed}, bình thường ~${decimal(s.expected)})`).join('; ') : 'không có'],
  ];
  const link = `${baseUrl(publicUrl)}/`;
  return assemble(what, lines, link, 'Mở hàng đợi vụ việc', {
    event: 'daily_digest',
    day: d.day,
    from: d.from.toISOString(),
    to: d.to.toISOString(),
    new_incidents: d.newBySeverity,
    breached: d.breached,
    open: d.open,
    posts: d.posts,
    spikes: d.spikes,
    url: link,
  }, ` ${d.day}`);
}

export interface UnitPageSubject {
  /** silent: no post of its own for `silentDays`; posting: it posted again. */
  readonly kind: 'silent' | 'posting';
  readonly unit: { id: string; name: string; kind: string };
  readonly source: { id: string; name: string };
  readonly lastPostAt: Date | null;
  readonly silentDays: number;
  readonly at: Date;
}

/** A unit's page gone quiet (or back), by the unit's name: sent through the source_silent rules. */
export function unitPageMessage(subject: UnitPageSubject, publicUrl: string | undefined): AlertMessage {
  const unit = subject.unit.name.replace(/\s+/g, ' ').trim().slice(0, 200);
  const what = subject.kind === 'silent' ? `Trang của đơn vị không đăng bài ${subject.silentDays} ngày: ${unit}` : `Trang của đơn vị không còn im lặng: ${unit}`;
  const lines: [string, string][] = [
    ['Đơn vị', unit],
    ['Trang', subject.source.name.replace(/\s+/g, ' ').trim().slice(0, 200)],
    ['Bài gần nhất', subject.lastPostAt ? `${formatDateTime(subject.lastPostAt)} (giờ Việt Nam)` : 'chưa có bài nào'],
  ];
  const link = `${baseUrl(publicUrl)}/reports/channels`;
  return assemble(what, lines, link, 'Mở trang Kênh của đơn vị', {
    event: subject.kind === 'silent' ? 'unit_page_silent' : 'unit_page_posting',
    at: subject.at.toISOString(),
    unit: subject.unit,
    source: subject.source,
    last_post_at: subject.lastPostAt?.toISOString() ?? null,
    silent_days: subject.silentDays,
    url: link,
  });
}
