// Scheduled delivery: the last month's report (and after a quarter, the last quarter's) to each
// report channel — e-mail with the PDF and XLSX attached, other channels the headline figures —
// the response-time report with the public-opinion report of the same period.
// Once per (period kind, period start, channel) in report_deliveries: a rerun, a retry or a second
// worker sends nothing twice; a failed or stale claim is taken again on the next attempt.
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { escapeHtml } from '../alerts/message.js';
import { buildChannel } from '../alerts/channels/index.js';
import { ChannelError } from '../alerts/channels/channel.js';
import type { EmailMessage } from '../alerts/channels/email.js';
import { fmtFigure, fmtInt, fmtShare } from './format.js';
import { lastCompleted, localDay, type ReportPeriod } from './period.js';
import { reportBundle, reportFileName, reportPdf, reportXlsxOf, type ReportBundle } from './service.js';
import { getReportSettings } from './settings.js';
import { publicOpinionForDelivery, withPublicOpinion } from './public-opinion-exports.js';

/** A claim older than this is taken to have died with its worker. */
const STALE_CLAIM_MS = 15 * 60_000;
/** Reports are sent from the 1st; a worker down on the 1st catches up until the 7th, never later. */
const CATCH_UP_DAYS = 7;

export interface DeliveryOutcome {
  readonly kind: 'month' | 'quarter';
  readonly periodStart: string;
  readonly channelId: string;
  readonly status: 'sent' | 'failed' | 'skipped';
  readonly error?: string;
}

/** The periods due at `now`: last month, and last quarter when last month closed one. */
export function periodsDue(now: Date): { kind: 'month' | 'quarter'; period: ReportPeriod }[] {
  if (Number(localDay(now).slice(8, 10)) > CATCH_UP_DAYS) return [];
  const month = lastCompleted('month', now);
  const due: { kind: 'month' | 'quarter'; period: ReportPeriod }[] = [{ kind: 'month', period: month }];
  if (['03', '06', '09', '12'].includes(month.from.slice(5, 7))) due.push({ kind: 'quarter', period: lastCompleted('quarter', now) });
  return due;
}

/** The channels reports go to: the configured ids, else every enabled e-mail channel. */
async function reportChannels(context: AppContext, channelIds: readonly string[]) {
  let query = context.db.selectFrom('alert_channels').select(['id', 'type', 'config', 'name']).where('enabled', '=', true);
  query = channelIds.length ? query.where('id', 'in', [...channelIds]) : query.where('type', '=', 'email');
  return query.orderBy('id').execute();
}

/** Takes the delivery for this run; false when it was sent, or another run is sending it now. */
async function claim(context: AppContext, kind: 'month' | 'quarter', periodStart: string, channelId: string, now: Date): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
  const row = await context.db
    .insertInto('report_deliveries')
    .values({ period_kind: kind, period_start: periodStart, channel_id: channelId, status: 'sending', attempts: 1, claimed_at: now })
    .onConflict((oc) =>
      oc
        .columns(['period_kind', 'period_start', 'channel_id'])
        .doUpdateSet({ status: 'sending', attempts: sql`report_deliveries.attempts + 1`, claimed_at: now, error: null })
        .where((eb) => eb.or([eb('report_deliveries.status', '=', 'failed'), eb.and([eb('report_deliveries.status', '=', 'sending'), eb('report_deliveries.claimed_at', '<', staleBefore)])])),
    )
    .returning('attempts')
    .executeTakeFirst();
  return row !== undefined;
}

export function reportMessage(bundle: ReportBundle, committee: string, publicUrl: string | undefined): EmailMessage {
  const r = bundle.report;
  const subject = `Báo cáo thời gian phản hồi ${r.period.label} — ${committee}`;
  const lines: [string, string][] = [
    ['Vụ việc phát hiện', fmtInt(r.detected)],
    ['Đã xử lý xong', fmtInt(r.handled)],
    ['Xử lý đúng hạn', `${fmtInt(r.handled_in_time)} (${fmtFigure('share_in_time', r.share_in_time)}, mục tiêu 100%)`],
    ['Còn đang xử lý', fmtInt(r.open)],
    ['Vụ việc quá hạn', fmtInt(r.breached)],
    ['Thời gian xử lý (trung vị)', fmtFigure('median_resolve_minutes', r.median_resolve_minutes)],
    ['Tin tích cực / tiêu cực về xã', `${fmtInt(r.sentiment.positive)} / ${fmtInt(r.sentiment.negative)}`],
  ];
  const channels = bundle.channels;
  if (channels?.unitsTotal) lines.push(['Đơn vị có trang hoạt động đều', `${fmtInt(channels.unitsActive)}/${fmtInt(channels.unitsTotal)} (${fmtShare(channels.activeShare)}, mục tiêu 100%)`]);
  const link = publicUrl ? `${publicUrl.replace(/\/$/, '')}/reports/response-time?from=${r.period.from}&to=${r.period.to}` : undefined;
  const text = [subject, '', ...lines.map(([k, v]) => `${k}: ${v}`), '', link ? `Xem chi tiết: ${link}` : 'Báo cáo đầy đủ (PDF, Excel) gửi kèm thư điện tử.'].join('\n');
  const html = [`<b>${escapeHtml(subject)}</b>`, ...lines.map(([k, v]) => `<b>${escapeHtml(k)}:</b> ${escapeHtml(v)}`), ...(link ? [`<a href="${escapeHtml(link)}">Xem chi tiết</a>`] : [])].join('\n');
  return { subject, text, html, data: { kind: 'response_time_report', report: r } };
}

/** Sends what is due at `now`; throws after trying every channel when a retry may help. */
export async function deliverDueReports(context: AppContext, now: Date = new Date()): Promise<DeliveryOutcome[]> {
  const due = periodsDue(now);
  if (!due.length) return [];
  const settings = await getReportSettings(context.db);
  const channels = await reportChannels(context, settings.channelIds);
  const outcomes: DeliveryOutcome[] = [];
  let retryable: Error | undefined;
  for (const { kind, period } of due) {
    let prepared: Promise<{ message: EmailMessage; withFiles: EmailMessage }> | undefined;
    const prepare = () =>
      (prepared ??= (async () => {
        const bundle = await reportBundle(context.db, period, now);
        const [pdf, xlsx] = await Promise.all([reportPdf(context.db, context.config.CHROMIUM_PATH, bundle, now, settings), reportXlsxOf(bundle)]);
        // The public-opinion report of the same period goes with it (issue 14).
        const opinion = await publicOpinionForDelivery(context.db, context.config.CHROMIUM_PATH, period, now, settings);
        const message = withPublicOpinion(reportMessage(bundle, settings.committee, context.config.PUBLIC_URL), opinion);
        const attachments = [
          { filename: reportFileName(period, 'pdf'), content: pdf, contentType: 'application/pdf' },
          { filename: reportFileName(period, 'xlsx'), content: xlsx, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
          ...opinion.attachments,
        ];
        return { message, withFiles: { ...message, attachments } };
      })());
    for (const row of channels) {
      const base = { kind, periodStart: period.from, channelId: row.id };
      if (!(await claim(context, kind, period.from, row.id, now))) {
        outcomes.push({ ...base, status: 'skipped' });
        continue;
      }
      try {
        const { message, withFiles } = await prepare();
        const { channel, defaultRecipients } = buildChannel(context.config, { id: row.id, type: row.type, config: row.config });
        // One e-mail to every address of the channel; other channels post to each recipient.
        if (row.type === 'email') await channel.send(withFiles, defaultRecipients.join(', '));
        else for (const recipient of defaultRecipients) await channel.send(message, recipient);
        await context.db.updateTable('report_deliveries').set({ status: 'sent', sent_at: new Date(), error: null }).where('period_kind', '=', kind).where('period_start', '=', period.from).where('channel_id', '=', row.id).execute();
        outcomes.push({ ...base, status: 'sent' });
        context.logger.info({ kind, period: period.from, channel: row.id }, 'report delivered');
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        await context.db.updateTable('report_deliveries').set({ status: 'failed', error: text.slice(0, 2000) }).where('period_kind', '=', kind).where('period_start', '=', period.from).where('channel_id', '=', row.id).execute();
        outcomes.push({ ...base, status: 'failed', error: text });
        context.logger.warn({ err: error, kind, period: period.from, channel: row.id }, 'report delivery failed');
        if (!(error instanceof ChannelError && error.permanent)) retryable = error instanceof Error ? error : new Error(text);
      }
    }
  }
  if (retryable) throw retryable;
  return outcomes;
}
