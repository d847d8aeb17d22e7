// Exports of the response-time report: the PDF (Chromium; text extracted with pdftotext), XLSX
// (read back with exceljs), CSV (UTF-8 with BOM), the page, and who may download them.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { createApp, type App } from '../src/http/app.js';
import { makePeriod } from '../src/reports/period.js';
import { reportBundle, reportPdf } from '../src/reports/service.js';
import { saveReportSettings } from '../src/reports/settings.js';
import { createApiToken, createSession, upsertUser } from '../src/users/user.repository.js';
import { AS_OF, seedSeptember2026 } from './fixtures/reports/september-2026.js';
import { createTestServices, type TestServices } from './support/services.js';

const run = promisify(execFile);
let services: TestServices;
let context: OpenedContext;
let app: App;
let tmp: string;
const Q = 'from=2026-09-01&to=2026-09-30';

beforeAll(async () => {
  services = await createTestServices('reports_exports');
  context = await openContext(services.config);
  app = createApp(context);
  await seedSeptember2026(context.db);
  await saveCommuneProfile(context.db, { commune: 'xã Phú Đô', aliases: [], places: [] });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'reports-'));
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The PDF's text in reading order (table cells that wrap stay whole), NFC. */
async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(tmp, `r-${Date.now()}.pdf`);
  await writeFile(file, pdf);
  if (process.env.REPORT_PDF_KEEP) await writeFile(process.env.REPORT_PDF_KEEP, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.normalize('NFC');
}

async function sessionCookie(role: 'reviewer' | 'collaborator' | 'admin') {
  const user = await upsertUser(context.db, { username: `u.${role}`, displayName: `Người ${role}`, password: 'mat-khau-dai-du-16', role });
  const session = await createSession(context.db, user.id);
  return `langnghe_session=${session.cookieValue}`;
}

describe('PDF', () => {
  it('is a Party-committee report whose text carries the headline figures with their diacritics', async () => {
    await saveReportSettings(context.db, { parent_committee: 'ĐẢNG BỘ TỈNH THÁI NGUYÊN', signer_name: 'Hoàng Văn Thụ' });
    const pdf = await reportPdf(context.db, services.config.CHROMIUM_PATH, await reportBundle(context.db, makePeriod('2026-09-01', '2026-09-30'), AS_OF), new Date('2026-10-01T01:00:00Z'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    // Table cells wrap: compare with runs of white space made one space.
    const flat = text.replace(/\s+/g, ' ');
    for (const phrase of [
      'ĐẢNG BỘ TỈNH THÁI NGUYÊN',
      'ĐẢNG ỦY XÃ PHÚ ĐÔ',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Phú Đô, ngày 01 tháng 10 năm 2026',
      'BÁO CÁO',
      'tháng 9/2026',
      'I. KẾT QUẢ CHUNG',
      'IV. CÁC VỤ VIỆC QUÁ HẠN',
      // The breaches and why: C resolved 3 days 1 hour late, E open 8 days 3 hours past its deadline.
      'Xử lý xong sau hạn (Chậm 3 ngày 1 giờ)',
      'Quá hạn, chưa xử lý xong (Chậm 8 ngày 3 giờ)',
      'Trong kỳ có 5 bài viết về xã, trong đó 3 bài tích cực ("phủ xanh") và 1 bài tiêu cực',
      'T/M ĐẢNG ỦY',
      'Hoàng Văn Thụ',
    ])
      expect(flat).toContain(phrase);
    // "phát hiện 7 vụ việc; đã xử lý xong 5 vụ việc, … đúng hạn 4 … đạt 66,7% … Còn 2 … 2 vụ việc quá hạn"
    expect(flat).toContain('hệ thống phát hiện 7 vụ việc');
    expect(flat).toContain('đã xử lý xong 5 vụ việc');
    expect(flat).toContain('xử lý đúng hạn 4 vụ việc');
    expect(flat).toContain('Tỷ lệ xử lý đúng hạn đạt 66,7% so với mục tiêu 100%');
    expect(flat).toContain('Còn 2 vụ việc đang xử lý; 2 vụ việc quá hạn');
    // Median 60 min to acknowledge, 600 min = 10 h to resolve.
    expect(flat).toContain('Thời gian tiếp nhận: trung vị 1 giờ 00 phút');
    expect(flat).toContain('Thời gian xử lý xong: trung vị 10 giờ 00 phút');
    // A4 portrait: 595 × 842 pt.
    const file = path.join(tmp, 'a4.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdfinfo', [file]);
    expect(stdout).toMatch(/Page size:.*\(A4\)/);
  });

  it('is downloaded by a reviewer token and a reviewer session, refused to a collaborator and to nobody', async () => {
    const anonymous = await app.request(`/reports/response-time.pdf?${Q}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
    const collaborator = await app.request(`/reports/response-time.pdf?${Q}`, { headers: { cookie: await sessionCookie('collaborator') } });
    expect(collaborator.status).toBe(403);
    const collaboratorToken = (await createApiToken(context.db, { name: 'ctv', role: 'collaborator' })).token;
    expect((await app.request(`/reports/response-time.pdf?${Q}`, { headers: { authorization: `Bearer ${collaboratorToken}` } })).status).toBe(403);
    expect((await app.request(`/reports/response-time.pdf?${Q}`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const reviewerToken = (await createApiToken(context.db, { name: 'board', role: 'reviewer' })).token;
    const byToken = await app.request(`/reports/response-time.pdf?${Q}`, { headers: { authorization: `Bearer ${reviewerToken}` } });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get('content-type')).toBe('application/pdf');
    expect(byToken.headers.get('content-disposition')).toContain('bao-cao-thoi-gian-phan-hoi_2026-09-01_2026-09-30.pdf');
    expect(await pdfText(Buffer.from(await byToken.arrayBuffer()))).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    const bySession = await app.request(`/reports/response-time.pdf?${Q}`, { headers: { cookie: await sessionCookie('reviewer') } });
    expect(bySession.status).toBe(200);
    const bad = await app.request('/reports/response-time.pdf?from=2026-13-01&to=2026-13-31', { headers: { authorization: `Bearer ${reviewerToken}` } });
    expect(bad.status).toBe(400);
  });
});

describe('XLSX and CSV', () => {
  it('XLSX holds the figures as numbers and the Vietnamese labels', async () => {
    const response = await app.request(`/reports/response-time.xlsx?${Q}`, { headers: { cookie: await sessionCookie('admin') } });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo lĩnh vực', 'Theo mức độ', 'Theo loại nguồn tin', 'Theo người xử lý', 'Quá hạn', 'Vụ việc']);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    const figures = new Map<string, unknown>();
    summary.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(3).value));
    // Evaluated now: every fixture event is in the past, so the counts equal those at AS_OF.
    expect(figures.get('detected')).toBe(7);
    expect(figures.get('handled')).toBe(5);
    expect(figures.get('handled_in_time')).toBe(4);
    expect(figures.get('share_in_time')).toBeCloseTo(4 / 6, 10);
    expect(figures.get('breached')).toBe(2);
    expect(figures.get('median_resolve_minutes')).toBe(600);
    const breaches = workbook.getWorksheet('Quá hạn')!;
    expect(breaches.rowCount).toBe(3);
    expect(String(breaches.getRow(2).getCell(2).value)).toBe('Kiến nghị về giá đền bù giải phóng mặt bằng');
    expect(workbook.getWorksheet('Vụ việc')!.rowCount).toBe(8);
  });

  it('CSV is UTF-8 with a BOM and keeps the diacritics', async () => {
    const response = await app.request(`/reports/response-time.csv?${Q}`, { headers: { cookie: await sessionCookie('reviewer') } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('share_in_time,Tỷ lệ xử lý đúng hạn,0.6666666666666666,1,-0.333');
    expect(text).toContain('detected,Vụ việc phát hiện,7,1,6');
    expect(text).toContain('Trần Thị Bình');
  });
});

describe('page', () => {
  it('shows the figures, charts and download links to any signed-in role', async () => {
    const response = await app.request(`/reports/response-time?${Q}`, { headers: { cookie: await sessionCookie('collaborator') } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Tỷ lệ xử lý đúng hạn: 66,7%');
    expect(html).toContain('<svg');
    expect(html).toContain('/reports/response-time.pdf?from=2026-09-01&amp;to=2026-09-30');
    expect(html).toContain('href="/reports/response-time"');
    // A period without incidents: zeros, and "—" where nothing can be computed.
    const empty = await app.request('/reports/response-time?from=2025-03-01&to=2025-03-31', { headers: { cookie: await sessionCookie('collaborator') } });
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('Tỷ lệ xử lý đúng hạn: —');
    const bad = await app.request('/reports/response-time?from=2026-09-30&to=2026-09-01', { headers: { cookie: await sessionCookie('collaborator') } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Khoảng thời gian không hợp lệ');
  });
});

describe('report settings API', () => {
  it('lets an administrator set the header lines, and refuses a reviewer', async () => {
    const admin = (await createApiToken(context.db, { name: 'admin', role: 'admin' })).token;
    const reviewer = (await createApiToken(context.db, { name: 'rv', role: 'reviewer' })).token;
    const put = (token: string, body: unknown) =>
      app.request('/api/reports/response-time/settings', { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put(reviewer, { place: 'Phú Đô' })).status).toBe(403);
    expect((await put(admin, { place: 'x'.repeat(500) })).status).toBe(400);
    const response = await put(admin, { parent_committee: 'ĐẢNG BỘ TỈNH THÁI NGUYÊN', signer_title: 'T/M ĐẢNG ỦY\nPHÓ BÍ THƯ', signer_name: null });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ parent_committee: 'ĐẢNG BỘ TỈNH THÁI NGUYÊN', committee: 'ĐẢNG ỦY XÃ PHÚ ĐÔ', place: 'Phú Đô', signer_title: 'T/M ĐẢNG ỦY\nPHÓ BÍ THƯ', signer_name: '', channel_ids: [] });
  });
});
