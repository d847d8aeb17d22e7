// The report as an A4 PDF: our own HTML (setContent), rendered by Chromium with every network
// request refused, so nothing but the report's text and the installed fonts reach the page.
import { chromium } from 'playwright-core';
import { ResponseTimeReportDocument } from '../../dashboards/pages/response-time-pdf.js';
import type { ResponseTimeReport } from './response-time.js';
import type { ReportSettings } from './settings.js';
import type { ChannelsReport } from '../channels/channels-report.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function reportHtml(report: ResponseTimeReport, settings: ReportSettings, issuedAt: Date, channels?: ChannelsReport): Promise<string> {
  const element = ResponseTimeReportDocument({ report, settings, issuedAt, channels });
  return `<!doctype html>${await element.toString()}`;
}

export async function renderReportPdf(html: string, executablePath: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: '<div style="width:100%;font-size:9pt;text-align:center;font-family:\'Noto Serif\',serif"><span class="pageNumber"></span>/<span class="totalPages"></span></div>',
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
