// The sources page: GET /sources (every role reads health); admins enable/disable a source and add
// one, with a live preview through the same function as `preview-source` (SSRF guard included).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import type { AppContext } from '../context.js';
import { recordAdminEvent } from '../audit/admin-audit.js';
import { collectPreview, type PreviewArgs } from '../cli/preview-source.js';
import { collectors } from '../collectors/registry.js';
import type { Source } from '../db/schema.js';
import { syncSourceSchedules } from '../sources/schedule.js';
import { isSilent, listSources, upsertSource } from '../sources/source.repository.js';
import { checkFacebookPage } from '../channels/page-check.js';
import { setSourceUnit, UnitError } from '../channels/units.js';
import type { SessionPrincipal } from '../users/user.repository.js';
import { emptySourceForm, SourcesPage, type SourceFormValues, type SourcePreview } from '../../dashboards/pages/sources.js';
import { vi } from '../../dashboards/i18n.js';
import type { AuthEnv } from './auth.js';
import { csrfRefusal, field, pageRoles, pageSession } from './page-guard.js';

const ADDABLE = ['rss', 'web_page', 'facebook_page'] as const;
type AddableType = (typeof ADDABLE)[number];
const PREVIEW_TYPE: Record<AddableType, string> = { rss: 'rss', web_page: 'web', facebook_page: 'facebook' };
const FORM_LIMIT = bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('Payload Too Large', 413) });

const httpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

function formValues(form: Record<string, unknown>): SourceFormValues {
  const out: Record<string, string | boolean> = {};
  for (const key of Object.keys(emptySourceForm) as (keyof SourceFormValues)[]) {
    out[key] = key === 'commune_channel' ? field(form, key) !== '' : field(form, key).trim();
  }
  return out as unknown as SourceFormValues;
}

interface ValidSource {
  readonly type: AddableType;
  readonly config: Record<string, unknown>;
  readonly previewArgs: PreviewArgs;
  readonly intervalSeconds: number;
}

/** The form as a source config (validated by the collector's own schema), or Vietnamese errors. */
function validateSource(values: SourceFormValues): { ok: true; source: ValidSource } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (values.name.length < 1 || values.name.length > 100) errors.push(vi.sources.errors.name);
  const type = ADDABLE.find((t) => t === values.type);
  if (!type) return { ok: false, errors: [...errors, vi.sources.errors.type] };
  const minutes = Number(values.interval_minutes || '15');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) errors.push(vi.sources.errors.interval);

  let config: Record<string, unknown>;
  let previewArgs: PreviewArgs;
  if (type === 'rss' || type === 'web_page') {
    if (!httpUrl(values.url)) errors.push(vi.sources.errors.url);
    if (type === 'rss') {
      config = { url: values.url };
      previewArgs = { type: 'rss', url: values.url };
    } else {
      if (!values.item) errors.push(vi.sources.errors.item);
      const selectors: Record<string, string> = {};
      for (const [key, value] of [
        ['item', values.item],
        ['title', values.title_sel],
        ['text', values.text_sel],
        ['link', values.link_sel],
        ['date', values.date_sel],
        ['dateFormat', values.date_format],
      ] as const) {
        if (value) selectors[key] = value;
      }
      config = { url: values.url, selectors };
      // preview-source takes the date format as "format" (its --selectors JSON contract).
      const { dateFormat, ...rest } = selectors;
      previewArgs = { type: 'web', url: values.url, selectors: JSON.stringify({ ...rest, ...(dateFormat ? { format: dateFormat } : {}) }) };
    }
  } else {
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(values.page_id)) errors.push(vi.sources.errors.pageId);
    if (!values.token) errors.push(vi.sources.errors.token);
    if (values.graph_url && !httpUrl(values.graph_url)) errors.push(vi.sources.errors.graphUrl);
    config = { pageId: values.page_id, token: values.token, ...(values.graph_url ? { graphUrl: values.graph_url } : {}) };
    previewArgs = { type: 'facebook', page: values.page_id, token: values.token, ...(values.graph_url ? { graphUrl: values.graph_url } : {}) };
  }
  if (errors.length) return { ok: false, errors };
  const parsed = collectors[type]?.configSchema.safeParse(config);
  if (parsed && !parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${vi.sources.errors.config} ${i.path.join('.') || PREVIEW_TYPE[type]}: ${i.message}`) };
  }
  return { ok: true, source: { type, config, previewArgs, intervalSeconds: minutes * 60 } };
}

/** A failed preview as one line; an address refused by the SSRF guard is said so in Vietnamese. */
function previewFailure(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 500) ?? '';
  return /refused: .*(private or reserved|resolves to)/.test(message) ? `${vi.sources.refused} (${message})` : message;
}

export function sourcesPageRoutes(context: AppContext) {
  const { db, config, queues, logger } = context;

  async function rows() {
    const now = new Date();
    const sources = await listSources(db);
    return sources.filter((s: Source) => s.type !== 'manual').map((s) => ({ ...s, silent: isSilent(s, now) }));
  }

  async function resync() {
    try {
      await syncSourceSchedules(db, queues);
    } catch (error) {
      // The workers re-sync on their own timer; the change is stored either way.
      logger.warn({ err: error }, 'could not sync source schedules');
    }
  }

  /** Proportionality: a Facebook id must be a Page by Graph's own account, else Vietnamese errors. */
  async function pageRefusal(values: SourceFormValues): Promise<string[]> {
    if (values.type !== 'facebook_page') return [];
    const endpoint = { baseUrl: values.graph_url || config.GRAPH_API_URL, version: config.GRAPH_API_VERSION, token: values.token, allowHosts: config.FETCH_ALLOW_HOSTS };
    const check = await checkFacebookPage(endpoint, values.page_id);
    if (check.kind === 'page') return [];
    return [check.kind === 'not_page' ? vi.channels.source.notAPage(check.type) : vi.channels.source.unverified(check.reason.slice(0, 300))];
  }

  const units = () => db.selectFrom('units').select(['id', 'name']).orderBy('name').execute();

  const render = async (
    c: Context<AuthEnv>,
    session: SessionPrincipal,
    extra: { form?: SourceFormValues; errors?: string[]; preview?: SourcePreview; notice?: string } = {},
    status: 200 | 400 | 404 = 200,
  ) => {
    c.header('cache-control', 'no-store');
    const [sources, unitOptions] = await Promise.all([rows(), units()]);
    return c.html(<SourcesPage user={session} sources={sources} canEdit={session.role === 'admin'} units={unitOptions} {...extra} />, status);
  };

  return new Hono<AuthEnv>()
    .get('/sources', async (c) => {
      const { session, refusal } = pageSession(c);
      if (refusal) return refusal;
      const done = c.req.query('done');
      const notice = done === 'saved' ? vi.sources.saved : done === 'toggled' ? vi.sources.toggled : done === 'unit' ? vi.channels.source.unitSaved : undefined;
      return render(c, session, notice ? { notice } : {});
    })
    .get('/sources/new', (c) => c.redirect('/sources#them-nguon', 302))
    .post('/sources/:id/enabled', pageRoles('admin'), FORM_LIMIT, async (c) => {
      const { session, refusal } = pageSession(c, ['admin']);
      if (refusal) return refusal;
      const form = await c.req.parseBody();
      const refused = csrfRefusal(c, session, form);
      if (refused) return refused;
      const id = c.req.param('id');
      const updated = /^\d{1,18}$/.test(id)
        ? await db
            .updateTable('sources')
            .set({ enabled: field(form, 'enabled') === 'true', updated_at: new Date() })
            .where('id', '=', id)
            .where('type', '!=', 'manual')
            .returning('id')
            .executeTakeFirst()
        : undefined;
      if (!updated) return render(c, session, { errors: [vi.sources.errors.notFound] }, 404);
      await recordAdminEvent(db, session, { action: field(form, 'enabled') === 'true' ? 'source.enabled' : 'source.disabled', targetType: 'source', targetId: id });
      await resync();
      return c.redirect('/sources?done=toggled#thong-bao', 303);
    })
    .post('/sources/:id/unit', pageRoles('admin'), FORM_LIMIT, async (c) => {
      const { session, refusal } = pageSession(c, ['admin']);
      if (refusal) return refusal;
      const form = await c.req.parseBody();
      const refused = csrfRefusal(c, session, form);
      if (refused) return refused;
      const id = c.req.param('id');
      const unitId = field(form, 'unit_id').trim();
      if (!/^\d{1,18}$/.test(id) || (unitId && !/^\d{1,18}$/.test(unitId))) return render(c, session, { errors: [vi.sources.errors.notFound] }, 404);
      try {
        await setSourceUnit(db, session, id, unitId || null);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        return render(c, session, { errors: [error.code === 'unknown_unit' ? vi.channels.source.unknownUnit : vi.sources.errors.notFound] }, error.code === 'unknown_unit' ? 400 : 404);
      }
      return c.redirect('/sources?done=unit#thong-bao', 303);
    })
    .post('/sources/new', pageRoles('admin'), FORM_LIMIT, async (c) => {
      const { session, refusal } = pageSession(c, ['admin']);
      if (refusal) return refusal;
      const form = await c.req.parseBody();
      const refused = csrfRefusal(c, session, form);
      if (refused) return refused;
      const values = formValues(form);
      const checked = validateSource(values);
      if (!checked.ok) return render(c, session, { form: values, errors: checked.errors }, 400);
      const { source } = checked;
      if (values.unit_id && !(/^\d{1,18}$/.test(values.unit_id) && (await db.selectFrom('units').select('id').where('id', '=', values.unit_id).executeTakeFirst()))) {
        return render(c, session, { form: values, errors: [vi.channels.source.unknownUnit] }, 400);
      }
      const notAPage = await pageRefusal(values);
      if (notAPage.length) return render(c, session, { form: values, errors: notAPage }, 400);

      if (field(form, 'action') !== 'save') {
        let preview: SourcePreview;
        try {
          preview = { ok: true, posts: await collectPreview(config, source.previewArgs) };
        } catch (error) {
          preview = { ok: false, error: previewFailure(error) };
        }
        return render(c, session, { form: values, preview });
      }

      const existing = await db.selectFrom('sources').select('id').where('type', '=', source.type).where('name', '=', values.name).executeTakeFirst();
      if (existing) return render(c, session, { form: values, errors: [vi.sources.errors.duplicate] }, 400);
      // Secrets (a page token) are sealed with SECRET_KEY by the repository.
      const created = await upsertSource(
        db,
        { name: values.name, type: source.type, config: source.config, intervalSeconds: source.intervalSeconds, isCommuneChannel: values.commune_channel, unitId: values.unit_id || null },
        { secretKey: config.SECRET_KEY },
      );
      // The source config is not copied into the trail: it may hold a (sealed) page token.
      await recordAdminEvent(db, session, { action: 'source.created', targetType: 'source', targetId: created.id, details: { name: values.name, type: source.type, unit_id: values.unit_id || null } });
      await resync();
      return c.redirect('/sources?done=saved#thong-bao', 303);
    });
}
