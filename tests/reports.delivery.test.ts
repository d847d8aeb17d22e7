// Scheduled delivery of the response-time report: which periods are due, e-mail with the PDF and
// XLSX attached (smtp-server), once per (period, channel) whatever reruns, and the cron schedule.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelWithRule } from '../src/alerts/alert.repository.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { deliverDueReports, periodsDue } from '../src/reports/delivery.js';
import { saveReportSettings } from '../src/reports/settings.js';
import { REPORT_DELIVERY_SCHEDULE, REPORT_DELIVERY_SCHEDULER_ID } from '../workers/report-delivery.job.js';
import { seedSeptember2026 } from './fixtures/reports/september-2026.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;
let smtp: SMTPServer;
let smtpPort: number;
const mail: { to: string[]; data: string }[] = [];
/** 1 October 2026, 07:00 in Hà Nội: September and the third quarter are due. */
const FIRST_OF_OCTOBER = new Date('2026-10-01T07:00:00+07:00');

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 20 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mail.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  services = await createTestServices('reports_delivery', { FETCH_ALLOW_HOSTS: '127.0.0.1', PUBLIC_URL: 'https://langnghe.example' });
  context = await openContext(services.config);
  await seedSeptember2026(context.db);
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

describe('periods due', () => {
  it('are last month from the 1st to the 7th, and last quarter after March, June, September, December', () => {
    expect(periodsDue(FIRST_OF_OCTOBER).map((d) => [d.kind, d.period.from, d.period.to])).toEqual([
      ['month', '2026-09-01', '2026-09-30'],
      ['quarter', '2026-07-01', '2026-09-30'],
    ]);
    expect(periodsDue(new Date('2026-11-07T20:00:00+07:00')).map((d) => d.kind)).toEqual(['month']);
    expect(periodsDue(new Date('2026-11-08T07:00:00+07:00'))).toEqual([]);
    // 1 January 00:30 in Hà Nội is still 31 December in UTC: December and Q4 2025 are due.
    expect(periodsDue(new Date('2025-12-31T17:30:00Z')).map((d) => d.period.from)).toEqual(['2025-12-01', '2025-10-01']);
  });
});

describe('deliverDueReports', () => {
  it('e-mails the month and the quarter with the PDF and XLSX once, and retries only what failed', async () => {
    const good = await createChannelWithRule(context.db, services.config.SECRET_KEY, {
      type: 'email',
      name: 'Thường trực Đảng ủy',
      config: { smtp_url: `smtp://127.0.0.1:${smtpPort}`, from: 'langnghe@xa.example', to: 'bithu@xa.example, vanphong@xa.example' },
    });
    // Nothing listens on port 1: this channel fails (a retryable network error).
    const broken = await createChannelWithRule(context.db, services.config.SECRET_KEY, {
      type: 'email',
      name: 'Hỏng',
      config: { smtp_url: 'smtp://127.0.0.1:1', from: 'langnghe@xa.example', to: 'x@xa.example' },
    });
    await saveReportSettings(context.db, { parent_committee: 'ĐẢNG BỘ TỈNH THÁI NGUYÊN', committee: 'ĐẢNG ỦY XÃ PHÚ ĐÔ', channel_ids: [good.channelId, broken.channelId] });

    await expect(deliverDueReports(context, FIRST_OF_OCTOBER)).rejects.toThrow();
    expect(mail).toHaveLength(2);
    for (const m of mail) expect(m.to).toEqual(['bithu@xa.example', 'vanphong@xa.example']);
    const september = mail.find((m) => m.data.includes('bao-cao-thoi-gian-phan-hoi_2026-09-01_2026-09-30.pdf'))!;
    expect(september).toBeDefined();
    expect(september.data).toContain('bao-cao-thoi-gian-phan-hoi_2026-09-01_2026-09-30.xlsx');
    expect(september.data).toContain('Content-Type: application/pdf');
    // base64 of "%PDF-"
    expect(september.data).toContain('JVBERi0');
    expect(mail.some((m) => m.data.includes('bao-cao-thoi-gian-phan-hoi_2026-07-01_2026-09-30.pdf'))).toBe(true);
    // The public-opinion report of the same period goes with it (issue 14).
    expect(september.data).toContain('bao-cao-tinh-hinh-du-luan-xa-hoi_2026-09-01_2026-09-30.pdf');
    expect(september.data).toContain('bao-cao-tinh-hinh-du-luan-xa-hoi_2026-09-01_2026-09-30.xlsx');
    expect(mail.some((m) => m.data.includes('bao-cao-tinh-hinh-du-luan-xa-hoi_2026-07-01_2026-09-30.pdf'))).toBe(true);

    const rows = await context.db.selectFrom('report_deliveries').select(['period_kind', 'channel_id', 'status', 'attempts']).orderBy('period_kind').orderBy('channel_id').execute();
    expect(rows).toEqual([
      { period_kind: 'month', channel_id: good.channelId, status: 'sent', attempts: 1 },
      { period_kind: 'month', channel_id: broken.channelId, status: 'failed', attempts: 1 },
      { period_kind: 'quarter', channel_id: good.channelId, status: 'sent', attempts: 1 },
      { period_kind: 'quarter', channel_id: broken.channelId, status: 'failed', attempts: 1 },
    ]);

    // The job's retry: the sent channel is skipped (no second e-mail), the failed one is tried again.
    await expect(deliverDueReports(context, new Date(FIRST_OF_OCTOBER.getTime() + 60_000))).rejects.toThrow();
    expect(mail).toHaveLength(2);
    const retried = await context.db.selectFrom('report_deliveries').select(['status', 'attempts']).where('channel_id', '=', broken.channelId).execute();
    expect(retried).toEqual([
      { status: 'failed', attempts: 2 },
      { status: 'failed', attempts: 2 },
    ]);
    // Without the broken channel, a rerun (a second worker, the next day) sends nothing more.
    await context.db.updateTable('alert_channels').set({ enabled: false }).where('id', '=', broken.channelId).execute();
    const outcomes = await deliverDueReports(context, new Date(FIRST_OF_OCTOBER.getTime() + 86_400_000));
    expect(outcomes.map((o) => o.status)).toEqual(['skipped', 'skipped']);
    expect(mail).toHaveLength(2);
  });
});

describe('schedule', () => {
  it('is a cron pattern in Asia/Ho_Chi_Minh, declared idempotently', async () => {
    await context.queues.upsertSchedule('report-delivery', REPORT_DELIVERY_SCHEDULER_ID, REPORT_DELIVERY_SCHEDULE, {});
    await context.queues.upsertSchedule('report-delivery', REPORT_DELIVERY_SCHEDULER_ID, REPORT_DELIVERY_SCHEDULE, {});
    expect(await context.queues.listScheduleIds('report-delivery')).toEqual([REPORT_DELIVERY_SCHEDULER_ID]);
  });
});
