// The Tìm kiếm page (GET /search, every signed-in role: the same search as GET /api/posts) and its
// "Tạo vụ việc" form (POST /search/posts/:id/incident, collaborators and admins: the same use case
// as POST /api/posts/:id/incident), answered 303 back to the same results with a notice.
import { Hono, type Context } from 'hono';
import type { AppContext } from '../context.js';
import { OPEN_STATUSES } from '../incidents/correlate.js';
import { listIncidents } from '../incidents/incident.repository.js';
import { sourceOptions } from '../incidents/incident-queue.js';
import { fileMissedPostWithEvidence, ManualFilingError } from '../incidents/manual-filing.js';
import { encodeCursor, searchPosts } from '../search/post-search.js';
import { SearchPage, type SearchForm, type SearchPageProps } from '../../dashboards/pages/search.js';
import { vi } from '../../dashboards/i18n.js';
import { BadSearchInput, manualTargetOf, nonEmpty, postsApiSchemas, postSearchQuerySchema, searchFilters } from './api/posts.routes.js';
import type { AuthEnv } from './auth.js';
import { field, guardedForm, pageSession } from './page-guard.js';

const ACTORS = ['collaborator', 'admin'] as const;
const FORM_KEYS = ['q', 'category', 'source', 'flagged', 'about', 'from', 'to'] as const;
const ID = /^\d{1,18}$/;
const OPEN_INCIDENTS_LISTED = 200;

/** The search form's fields from a query string, as typed (only the known ones). */
function formOf(query: Record<string, string | undefined>): SearchForm {
  return Object.fromEntries(FORM_KEYS.filter((k) => typeof query[k] === 'string' && query[k] !== '').map((k) => [k, query[k]!.slice(0, 500)]));
}

/** "/search?…" for these fields (plus a cursor). */
function searchHref(form: SearchForm, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...nonEmpty({ ...form }), ...extra });
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}

export function searchPageRoutes(context: AppContext) {
  const { db } = context;

  const render = async (c: Context<AuthEnv>, session: NonNullable<ReturnType<typeof pageSession>['session']>, props: Partial<SearchPageProps> & { form: SearchForm }, status: 200 | 400 = 200) => {
    const canAct = (ACTORS as readonly string[]).includes(session.role);
    const [sources, open] = await Promise.all([
      sourceOptions(db),
      canAct ? listIncidents(db, { status: [...OPEN_STATUSES], limit: OPEN_INCIDENTS_LISTED }) : Promise.resolve(null),
    ]);
    const user = { displayName: session.displayName, csrfToken: session.csrfToken, role: session.role };
    return c.html(
      <SearchPage
        user={user}
        items={[]}
        nextHref={null}
        firstHref={null}
        sources={sources}
        openIncidents={open ? open.map((i) => ({ id: i.id, title: i.title })).sort((a, b) => Number(b.id) - Number(a.id)) : null}
        back={searchHref(props.form).replace(/^\/search\??/, '')}
        {...props}
      />,
      status,
    );
  };

  return new Hono<AuthEnv>()
    .get('/search', async (c) => {
      const { session, refusal } = pageSession(c);
      if (refusal) return refusal;
      const query = c.req.query();
      const form = formOf(query);
      const notice = ID.test(query.filed ?? '') ? { text: query.created === '1' ? vi.search.filed(query.filed!) : vi.search.added(query.filed!), incidentId: query.filed! } : undefined;
      const error = query.error && Object.hasOwn(vi.search.errors, query.error) ? vi.search.errors[query.error] : undefined;
      const parsed = postSearchQuerySchema.safeParse(nonEmpty({ ...form, cursor: query.cursor }));
      if (!parsed.success) return render(c, session, { form, inputError: vi.search.badInput, notice, error }, 400);
      let filters;
      try {
        filters = searchFilters(parsed.data);
      } catch (e) {
        if (!(e instanceof BadSearchInput)) throw e;
        return render(c, session, e.code === 'invalid_query' ? { form, queryError: { position: e.position }, notice, error } : { form, inputError: vi.search.badCursor, notice, error }, 400);
      }
      const page = await searchPosts(db, filters);
      return render(c, session, {
        form,
        items: page.items,
        nextHref: page.nextCursor ? searchHref(form, { cursor: encodeCursor(page.nextCursor) }) : null,
        firstHref: query.cursor ? searchHref(form) : null,
        notice,
        error,
      });
    })
    .post('/search/posts/:id/incident', async (c) => {
      const guarded = await guardedForm(c, ACTORS);
      if ('refusal' in guarded) return guarded.refusal;
      const { session, form } = guarded;
      const postId = c.req.param('id');
      // Back to the same results: only the search fields survive the round trip.
      const back = formOf(Object.fromEntries(new URLSearchParams(field(form, 'back'))));
      const to = (extra: Record<string, string>) => `${searchHref(back, extra)}#${extra.error ? 'thong-bao' : `bai-${postId}`}`;
      const body = postsApiSchemas.fileBody.safeParse(
        field(form, 'incident_id') ? { incident_id: field(form, 'incident_id') } : { category: field(form, 'category'), severity: field(form, 'severity') },
      );
      if (!ID.test(postId) || !body.success) return c.redirect(to({ error: 'invalid' }), 303);
      try {
        const result = await fileMissedPostWithEvidence(context, {
          postId,
          actor: { name: session.name, userId: session.userId },
          target: manualTargetOf(body.data),
        });
        return c.redirect(to({ filed: result.incidentId, created: result.created ? '1' : '0' }), 303);
      } catch (error) {
        if (error instanceof ManualFilingError) return c.redirect(to({ error: error.code }), 303);
        throw error;
      }
    });
}
