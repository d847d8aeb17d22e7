// GET /api/docs/openapi.json (OpenAPI 3.1) and GET /api/docs (the same, as a server-rendered page).
// Both are readable without credentials: they describe the API, they expose no data. Every other
// /api route stays 401 without credentials. The route list is the live app's (app.routes), so a
// route added later is listed even before it is described here; request schemas come from the
// routes' own zod schemas through zod 4's z.toJSONSchema.
import { Hono } from 'hono';
import { z, type ZodType } from 'zod';
import type { Role } from '../../db/schema.js';
import { manualReportSchema } from '../../posts/manual-report.js';
import { ApiDocsPage, type DocRoute } from '../../../dashboards/pages/api-docs.js';
import type { AuthEnv } from '../auth.js';
import { sessionOf } from '../auth.js';
import { evidenceApiSchemas } from './evidence.routes.js';
import { learningApiSchemas } from './learning.routes.js';
import { incidentsApiSchemas } from './incidents.routes.js';
import { slaApiSchemas } from './sla.routes.js';
import { alertsApiSchemas } from './alerts.routes.js';
import { adminAuditApiSchemas } from './admin-audit.routes.js';
import { periodQuerySchema } from '../../reports/period.js';
import { reportSettingsInputSchema } from '../../reports/settings.js';
import { channelsApiSchemas } from './channels.routes.js';
import { trendsQuerySchema } from '../../trends/trends.js';
import { postsApiSchemas } from './posts.routes.js';

const ANY: readonly Role[] = ['admin', 'collaborator', 'reviewer'];
const ACT: readonly Role[] = ['collaborator', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

const errorSchema = z.object({ error: z.string(), message: z.string().optional() });
const invalidSchema = z.object({ error: z.literal('invalid_input'), issues: z.array(z.object({ path: z.string(), message: z.string() })) });
const itemsSchema = z.object({ items: z.array(z.record(z.string(), z.unknown())) });
const ruleStatsSchema = z.object({
  items: z.array(
    z.object({
      rule: z.string(),
      hits: z.number().int(),
      incident_hits: z.number().int(),
      reviewed: z.number().int(),
      false_positives: z.number().int(),
      precision: z.number().min(0).max(1).nullable(),
    }),
  ),
});
const postSearchResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      url: z.string().nullable(),
      title: z.string().nullable(),
      excerpt: z.string(),
      published_at: z.string().nullable(),
      collected_at: z.string(),
      categories: z.array(z.string()),
      sentiment: z.enum(['positive', 'negative', 'neutral']).nullable(),
      incident_id: z.string().nullable(),
      source_id: z.string(),
      source_type: z.string(),
      flagged: z.boolean().nullable(),
      highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
    }),
  ),
  next_cursor: z.string().nullable(),
});
const counts = z.record(z.string(), z.number().int());
const opinionHeadline = {
  posts: z.number().int(),
  about_commune: z.number().int(),
  by_category: counts,
  by_source_type: counts,
  sentiment: z.object({ positive: z.number().int(), negative: z.number().int(), neutral: z.number().int() }),
  positive_share: z.number().nullable(),
};
const periodInfo = z.object({ kind: z.string(), from: z.string(), to: z.string(), label: z.string() });
const publicOpinionResponse = z.object({
  period: periodInfo,
  ...opinionHeadline,
  top_stories: z.array(
    z.object({ title: z.string(), posts: z.number().int(), engagement: z.number().int(), incident_id: z.string().nullable(), status: z.string().nullable() }).loose(),
  ),
  previous: z.object({ period: periodInfo, ...opinionHeadline }),
  change: z.object({ posts: z.number().int(), about_commune: z.number().int(), positive: z.number().int(), negative: z.number().int(), neutral: z.number().int(), positive_share: z.number().nullable() }),
});
const reportResponse = z.object({ post_id: z.string(), analysis: z.record(z.string(), z.unknown()).nullable(), incident_id: z.string().nullable() });
// The commune's own channels (issue 15).
const replyResponse = z.object({ action_id: z.string(), external_reply_id: z.string() });
const unitSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(['commune', 'party_cell', 'agency']), pages: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })) });
const channelsResponse = z.object({
  units: z.array(
    z.object({
      unit: z.string(),
      source_id: z.string().nullable(),
      posts: z.number().int(),
      last_post_at: z.string().nullable(),
      engagement: z.number().int(),
      median_reply_minutes: z.number().nullable(),
      active: z.boolean(),
    }),
  ),
  active_share: z.number().min(0).max(1).nullable(),
});
const channelSettingsResponse = z.object({ silent_days: z.number().int() });

export interface RouteDescription {
  readonly summary: string;
  /** Roles allowed; "public" needs no credentials. */
  readonly roles: readonly Role[] | 'public';
  readonly params?: ZodType;
  readonly query?: ZodType;
  readonly body?: ZodType;
  readonly response?: ZodType;
  readonly status?: number;
}

const i = incidentsApiSchemas;
const s = slaApiSchemas;
/** Keyed "METHOD /api/path" as registered (Hono's ":param" syntax). */
export const ROUTE_DOCS: Readonly<Record<string, RouteDescription>> = {
  'GET /api/docs': { summary: 'This documentation as an HTML page', roles: 'public' },
  'GET /api/docs/openapi.json': { summary: 'This documentation as OpenAPI 3.1 JSON', roles: 'public' },
  'GET /api/incidents': { summary: 'Incidents, nearest deadline first', roles: ANY, query: i.listQuery, response: itemsSchema },
  'GET /api/incidents/:id': { summary: 'One incident with its posts, events, holds, actions and deadlines', roles: ANY, params: i.idParam },
  'POST /api/incidents/:id/status': { summary: 'Change the status (acknowledge, start, resolve, dismiss with reason…)', roles: ACT, params: i.idParam, body: i.statusBody },
  'POST /api/incidents/:id/hold': { summary: 'Put on hold (waiting on another agency): the SLA clock stops', roles: ACT, params: i.idParam, body: i.holdBody },
  'POST /api/incidents/:id/resume': { summary: 'Resume after a hold', roles: ACT, params: i.idParam, body: i.resumeBody },
  'POST /api/incidents/:id/assign': { summary: 'Assign to a user (null: unassign)', roles: ACT, params: i.idParam, body: i.assignBody },
  'POST /api/incidents/:id/notes': { summary: 'Add a note', roles: ACT, params: i.idParam, body: i.noteBody },
  'POST /api/incidents/:id/actions': { summary: 'Record an action taken (answer published, report to authority…)', roles: ACT, params: i.idParam, body: i.actionBody },
  'POST /api/incidents/:id/lock': { summary: 'Take the edit lock', roles: ACT, params: i.idParam, body: i.lockBody },
  'DELETE /api/incidents/:id/lock': { summary: 'Release the edit lock', roles: ACT, params: i.idParam },
  'POST /api/incidents/:id/evidence': { summary: 'Capture evidence (screenshot / archived HTML) of member posts', roles: ACT, params: i.idParam, body: i.evidenceBody, status: 202 },
  'GET /api/evidence/:sha256': { summary: 'A stored evidence blob (PNG, HTML as text attachment, JSON)', roles: ANY, params: evidenceApiSchemas.shaParam },
  'GET /api/sla/policy': { summary: 'SLA policy per severity', roles: ANY },
  'PUT /api/sla/policy': { summary: 'Change the SLA policy of one or more severities', roles: ADMIN, body: s.policyBody },
  'GET /api/sla/working-periods': { summary: 'Working hours per weekday', roles: ANY, response: itemsSchema },
  'PUT /api/sla/working-periods': { summary: 'Replace the working hours', roles: ADMIN, body: s.periodsBody },
  'GET /api/sla/holidays': { summary: 'Public holidays', roles: ANY, query: s.holidayQuery, response: itemsSchema },
  'POST /api/sla/holidays': { summary: 'Add a public holiday', roles: ADMIN, body: s.holidayBody },
  'DELETE /api/sla/holidays/:day': { summary: 'Delete a public holiday', roles: ADMIN, params: s.dayParam, status: 204 },
  'GET /api/rules/stats': { summary: 'Hits and precision of each rule', roles: ANY, response: ruleStatsSchema },
  'POST /api/reports': { summary: 'Report a link or a text found by hand; answered with the analysis', roles: ACT, body: manualReportSchema, response: reportResponse, status: 201 },
  'GET /api/reports/response-time': { summary: 'The response-time report of a period (from/to, YYYY-MM-DD; default last month); README "Reports" defines each figure', roles: ANY, query: periodQuerySchema },
  'GET /api/reports/response-time/settings': { summary: 'Report header, signature and delivery channels', roles: ADMIN },
  'PUT /api/reports/response-time/settings': { summary: 'Change the report header, signature and delivery channels (null: default)', roles: ADMIN, body: reportSettingsInputSchema },
  'GET /api/sources': { summary: 'Sources with their health (secrets redacted)', roles: ANY, response: itemsSchema },
  'GET /api/alerts/deliveries': { summary: 'The alert delivery log, newest first', roles: ['reviewer', 'admin'], query: alertsApiSchemas.deliveriesQuery, response: itemsSchema },
  'GET /api/alerts/channels': { summary: 'Alert channels (secrets shown as "[set]")', roles: ADMIN, response: itemsSchema },
  'POST /api/alerts/channels/:id/test': { summary: 'Send a test message to the channel now', roles: ADMIN },
  'GET /api/alerts/rules': { summary: 'Alert rules', roles: ADMIN, response: itemsSchema },
  'GET /api/alerts/rules/:id': { summary: 'One alert rule', roles: ADMIN, params: alertsApiSchemas.ruleParam },
  'POST /api/alerts/rules': { summary: 'Create an alert rule (event kind, channels, recipients, escalation list, quiet hours, cooldown)', roles: ADMIN, body: alertsApiSchemas.ruleCreate, status: 201 },
  'PATCH /api/alerts/rules/:id': { summary: 'Change some fields of an alert rule', roles: ADMIN, params: alertsApiSchemas.ruleParam, body: alertsApiSchemas.ruleUpdate },
  'DELETE /api/alerts/rules/:id': { summary: 'Delete an alert rule (its deliveries stay in the log)', roles: ADMIN, params: alertsApiSchemas.ruleParam, status: 204 },
  'POST /api/incidents/:id/classify': {
    summary: 'Reclassify: set the category (and severity: deadlines recomputed from detected_at; a closed incident keeps its severity, 409 closed_severity); 409 on a stale version, 422 on an unknown category; the decision becomes a training example',
    roles: ACT,
    params: i.idParam,
    body: i.classifyBody,
  },
  'GET /api/examples': { summary: 'Labelled examples from triage decisions and imports, newest first, with counts per origin', roles: ADMIN, query: learningApiSchemas.examplesQuery },
  'DELETE /api/examples/:id': { summary: 'Delete one labelled example', roles: ADMIN, params: learningApiSchemas.idParam, status: 204 },
  'GET /api/models': { summary: 'Learned model versions with their cross-validated figures; which is active (null: the shipped model)', roles: ADMIN, response: itemsSchema },
  'POST /api/models/retrain': { summary: 'Train a new candidate on the base data and the stored examples (a worker job); never activated by itself', roles: ADMIN, body: learningApiSchemas.retrainBody, status: 202 },
  'POST /api/models/:id/activate': { summary: 'Activate a trained version (also the rollback); workers use it within seconds; 409 when not trained', roles: ADMIN, params: learningApiSchemas.idParam },
  'POST /api/models/default': { summary: 'Go back to the model shipped with langnghe', roles: ADMIN },
  'POST /api/incidents/:id/replies': {
    summary:
      'Reply on the commune fanpage to a member post or comment of a facebook_page commune channel (Graph POST /{object-id}/comments with the page token); records a replied_on_fanpage action, the first response in the report. Optional Idempotency-Key header (8–200 of A-Z a-z 0-9 _ -): the same key never posts twice. Graph refusals: 502 token_expired (190), permission_missing (10, 200–299), comment_deleted (100), rate_limited, graph_unavailable (5xx after retries); 422 not_repliable; 409 version_conflict, reply_in_progress',
    roles: ACT,
    params: channelsApiSchemas.incidentParam,
    body: channelsApiSchemas.replyBody,
    response: replyResponse,
    status: 201,
  },
  'GET /api/units': { summary: 'Units (commune, party cells, agencies) with the sources that name them', roles: ANY, response: z.object({ items: z.array(unitSchema) }) },
  'POST /api/units': { summary: 'Add a unit; 409 duplicate when the name exists (any case)', roles: ADMIN, body: channelsApiSchemas.unitInput, response: unitSchema, status: 201 },
  'PATCH /api/units/:id': { summary: 'Rename a unit or change its kind', roles: ADMIN, params: channelsApiSchemas.unitParam, body: channelsApiSchemas.unitPatch, response: unitSchema },
  'DELETE /api/units/:id': { summary: 'Delete a unit (its sources stay, without a unit)', roles: ADMIN, params: channelsApiSchemas.unitParam, status: 204 },
  'PATCH /api/sources/:id': { summary: 'The unit a source belongs to (null: none); 422 unknown_unit', roles: ADMIN, params: channelsApiSchemas.sourceParam, body: channelsApiSchemas.sourcePatch },
  'GET /api/reports/channels': {
    summary: 'The channels report of a period (from/to, YYYY-MM-DD; default last month): per unit page posts, last post, engagement, median minutes to the page\'s first reply, active (a post in every week); active_share = units with an active page / units (target 1)',
    roles: ANY,
    query: periodQuerySchema,
    response: channelsResponse,
  },
  'GET /api/reports/channels/settings': { summary: 'Days without a post after which a unit page alerts (source_silent rules)', roles: ANY, response: channelSettingsResponse },
  'PUT /api/reports/channels/settings': { summary: 'Change the silent days of unit pages (1–365)', roles: ADMIN, body: channelsApiSchemas.settings, response: channelSettingsResponse },
  'GET /api/admin/audit': { summary: 'Configuration changes (users, tokens, profile, rule packs, SLA, sources), newest first', roles: ADMIN, query: adminAuditApiSchemas.auditQuery },
  // Listening (issue 14).
  'GET /api/posts': {
    summary:
      'Search every stored post, newest first (published, else collected). q: the rule query language ("phrase", AND, OR, NOT, NEAR/n, prefix*) on folded syllables — without diacritics it matches any marks, with them it keeps them; teencode folded as by the analyzer. source: a source id or type. Page with next_cursor. No author filter, no author in the answer.',
    roles: ANY,
    query: postsApiSchemas.searchQuery,
    response: postSearchResponse,
  },
  'POST /api/posts/:id/incident': {
    summary:
      'Tạo vụ việc: open an incident from a post the analyzer missed ({"category","severity"}; 201) or add it to an open incident ({"incident_id"}; 200). 409 already_filed (the post is in an incident), incident_closed, post_purged; 404 post_not_found, incident_not_found',
    roles: ACT,
    params: postsApiSchemas.idParam,
    body: postsApiSchemas.fileBody,
    response: z.object({ incident_id: z.string(), created: z.boolean() }),
    status: 201,
  },
  'GET /api/trends': {
    summary: 'Public opinion per day or week (from/to YYYY-MM-DD, default the last 30 days): volume by category and by source type, sentiment of the posts about the commune and its shares, the "phủ xanh" share (tich_cuc), the top stories by reach with how each was handled',
    roles: ANY,
    query: trendsQuerySchema,
  },
  'GET /api/reports/public-opinion': {
    summary: 'The public-opinion report of a period (from/to, default last month): posts, about_commune, by_category, by_source_type, sentiment, positive_share, top_stories, previous, change; PDF and XLSX at /reports/public-opinion.pdf|.xlsx',
    roles: ANY,
    query: periodQuerySchema,
    response: publicOpinionResponse,
  },
};

function jsonSchema(schema: ZodType | undefined): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  try {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  } catch {
    return {};
  }
}

function parameters(schema: ZodType | undefined, where: 'path' | 'query') {
  const json = jsonSchema(schema);
  const properties = (json?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((json?.required ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: prop }));
}

export interface ListedRoute {
  readonly method: string;
  readonly path: string;
}

/** The /api routes of the app, each once, in registration order ("ALL" is middleware). */
export function apiRoutes(routes: readonly ListedRoute[]): ListedRoute[] {
  const seen = new Set<string>();
  const out: ListedRoute[] = [];
  for (const r of routes) {
    if (r.method === 'ALL' || !(r.path === '/api' || r.path.startsWith('/api/')) || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

export function describeRoutes(routes: readonly ListedRoute[]): DocRoute[] {
  return apiRoutes(routes).map((r) => {
    const d = ROUTE_DOCS[`${r.method} ${r.path}`];
    return {
      method: r.method,
      path: r.path,
      summary: d?.summary ?? '',
      roles: d ? d.roles : null,
      params: jsonSchema(d?.params),
      query: jsonSchema(d?.query),
      body: jsonSchema(d?.body),
      response: jsonSchema(d?.response),
      status: d?.status ?? 200,
    };
  });
}

export function openApiDocument(routes: readonly ListedRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of describeRoutes(routes)) {
    const openPath = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const d = ROUTE_DOCS[`${r.method} ${r.path}`];
    const isPublic = r.roles === 'public';
    const responses: Record<string, unknown> = {
      [String(r.status)]: {
        description: r.status === 204 ? 'No content' : 'Success',
        ...(r.response ? { content: { 'application/json': { schema: r.response } } } : {}),
      },
    };
    if (r.params || r.query || r.body) responses['400'] = { description: 'Invalid input', content: { 'application/json': { schema: jsonSchema(invalidSchema) } } };
    if (!isPublic) {
      responses['401'] = { description: 'No or unknown credentials', content: { 'application/json': { schema: jsonSchema(errorSchema) } } };
      responses['403'] = { description: 'The role may not do this', content: { 'application/json': { schema: jsonSchema(errorSchema) } } };
    }
    (paths[openPath] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary || undefined,
      ...(isPublic ? { security: [] } : {}),
      'x-roles': r.roles ?? undefined,
      parameters: [...parameters(d?.params, 'path'), ...parameters(d?.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: r.body } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'langnghe API',
      version: '0.1.0',
      description:
        'JSON API of langnghe. Every /api route needs Authorization: Bearer TOKEN (API tokens carry a role: admin, collaborator or reviewer) or a dashboard session; without credentials it answers 401, with a role that may not do it 403. /api/docs and /api/docs/openapi.json are readable without credentials.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'langnghe_session' } } },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}

export function apiDocsRoutes(listRoutes: () => readonly ListedRoute[]) {
  return new Hono<AuthEnv>()
    .get('/openapi.json', (c) => c.json(openApiDocument(listRoutes())))
    .get('/', (c) => c.html(<ApiDocsPage user={sessionOf(c)} routes={describeRoutes(listRoutes())} />));
}
