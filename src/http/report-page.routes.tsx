// The report-a-link form: GET/POST /reports/new (collaborator, admin). Calls the same use case as
// POST /api/reports; an optional screenshot is checked by its first bytes and kept by its sha256.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from '../context.js';
import { ContentStore, ContentStoreError, sniffImageType, UPLOADS_AREA } from '../storage/content-store.js';
import { manualReportSchema, ReportUrlRefusedError, submitManualReport, type ReportAttachment } from '../posts/manual-report.js';
import { ReportPage, type ReportValues } from '../../dashboards/pages/report.js';
import { vi } from '../../dashboards/i18n.js';
import { sessionOf, type AuthEnv } from './auth.js';
import { csrfRefusal, field, pageRoles, pageSession } from './page-guard.js';

export const MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024;
/** The whole form: a screenshot plus the text fields and multipart overhead. Refused before parsing. */
export const MAX_REPORT_FORM_BYTES = MAX_SCREENSHOT_BYTES + 256 * 1024;

const REPORTERS = ['collaborator', 'admin'] as const;

function validationErrors(issues: readonly { path: readonly PropertyKey[] }[]): string[] {
  const errors = new Set<string>();
  for (const issue of issues) {
    const key = issue.path[0];
    errors.add(key === 'url' ? vi.report.errors.badUrl : key === 'text' ? vi.report.errors.textTooLong : vi.report.errors.empty);
  }
  return [...errors];
}

export function reportPageRoutes(context: AppContext) {
  const uploads = ContentStore.forDataDir(context.config.DATA_DIR, UPLOADS_AREA);
  return new Hono<AuthEnv>()
    .get('/reports/new', (c) => {
      const { session, refusal } = pageSession(c, REPORTERS);
      if (refusal) return refusal;
      return c.html(<ReportPage user={session} maxScreenshotBytes={MAX_SCREENSHOT_BYTES} />);
    })
    .post(
      '/reports/new',
      pageRoles(...REPORTERS),
      bodyLimit({
        maxSize: MAX_REPORT_FORM_BYTES,
        onError: (c) => {
          const session = sessionOf(c);
          return session
            ? c.html(<ReportPage user={session} errors={[vi.report.errors.bodyTooBig]} maxScreenshotBytes={MAX_SCREENSHOT_BYTES} />, 413)
            : c.text('Payload Too Large', 413);
        },
      }),
      async (c) => {
        const { session, refusal } = pageSession(c, REPORTERS);
        if (refusal) return refusal;
        const form = await c.req.parseBody();
        const refused = csrfRefusal(c, session, form);
        if (refused) return refused;

        const values: ReportValues = { url: field(form, 'url'), text: field(form, 'text') };
        const page = (errors: string[], status: 400 | 413 | 503) =>
          c.html(<ReportPage user={session} values={values} errors={errors} maxScreenshotBytes={MAX_SCREENSHOT_BYTES} />, status);

        const errors: string[] = [];
        const parsed = manualReportSchema.safeParse(values);
        if (!parsed.success) errors.push(...validationErrors(parsed.error.issues));

        let image: { content: Buffer; contentType: string } | undefined;
        const file = form.screenshot;
        if (file instanceof File && file.size > 0) {
          if (file.size > MAX_SCREENSHOT_BYTES) {
            errors.push(vi.report.errors.imageTooBig);
          } else {
            const content = Buffer.from(await file.arrayBuffer());
            const contentType = sniffImageType(content);
            if (contentType) image = { content, contentType };
            else errors.push(vi.report.errors.badImage);
          }
        }
        if (!parsed.success || errors.length) return page(errors, errors.includes(vi.report.errors.imageTooBig) ? 413 : 400);

        let screenshot: ReportAttachment | undefined;
        if (image) {
          try {
            const stored = await uploads.put(image.content);
            screenshot = { sha256: stored.sha256, contentType: image.contentType, bytes: stored.bytes };
          } catch (error) {
            if (!(error instanceof ContentStoreError)) throw error;
            context.logger.error({ err: error }, 'could not store a report screenshot');
            return page([vi.report.errors.storeFailed], 503);
          }
        }

        try {
          const result = await submitManualReport(
            context,
            parsed.data,
            { userId: session.userId, name: session.name },
            { refuseBlockedUrl: true, ...(screenshot ? { screenshot } : {}) },
          );
          return c.html(
            <ReportPage
              user={session}
              maxScreenshotBytes={MAX_SCREENSHOT_BYTES}
              result={{ postId: result.postId, analysis: result.analysis, incidentId: result.incidentId, screenshotSha256: screenshot?.sha256 ?? null }}
            />,
          );
        } catch (error) {
          if (error instanceof ReportUrlRefusedError) return page([vi.report.errors.refusedUrl], 400);
          throw error;
        }
      },
    );
}
