// One Graph API request behind the SSRF guard: the URL built from the configured base (never from a
// response), the token in a header (so no URL, log line or error carries it), redirects refused,
// the answer parsed as JSON. Shared by the Facebook Page collector, the page check and replies.
import { z } from 'zod';
import { safeFetch, type SafeFetchResponse } from './safe-fetch.js';

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_VERSION = 'v21.0';

/** Where the Graph API is and who is asking. */
export interface GraphEndpoint {
  readonly baseUrl: string;
  readonly version: string;
  readonly token: string;
  /** FETCH_ALLOW_HOSTS: a local stand-in (tests, the demo) is otherwise refused as private. */
  readonly allowHosts: readonly string[];
}

export interface GraphRequest {
  readonly method?: 'GET' | 'POST';
  /** Node and edge, e.g. "123_456/comments"; each segment is URL-encoded. */
  readonly path: string;
  readonly params?: Record<string, string>;
  /** POST body, sent as application/x-www-form-urlencoded (as the Graph API documents it). */
  readonly form?: Record<string, string>;
  readonly timeoutMs?: number;
}

export interface GraphAnswer {
  readonly status: number;
  readonly headers: SafeFetchResponse['headers'];
  /** The parsed JSON body; undefined when the body is not JSON. */
  readonly body: unknown;
}

export const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().default(''),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
export type GraphError = z.infer<typeof graphErrorSchema>['error'];

/** The Graph error object of an answer, when it has one. */
export function graphErrorOf(body: unknown): GraphError | undefined {
  const parsed = graphErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.error : undefined;
}

/** "Graph API error 190/463: message (fbtrace_id …)" for logs and stored errors. */
export function graphErrorLabel(error: GraphError): string {
  const { code, error_subcode: subcode, message, fbtrace_id: trace } = error;
  return `Graph API error ${code}${subcode ? `/${subcode}` : ''}: ${message.slice(0, 300)}${trace ? ` (fbtrace_id ${trace})` : ''}`;
}

export function graphUrl(endpoint: Pick<GraphEndpoint, 'baseUrl' | 'version'>, path: string, params: Record<string, string> = {}): URL {
  const base = endpoint.baseUrl.replace(/\/+$/, '');
  const url = new URL(`${base}/${endpoint.version}/${path.split('/').map(encodeURIComponent).join('/')}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

/** Sends one request; throws FetchError (safe-fetch) when no answer came back. */
export async function callGraph(endpoint: GraphEndpoint, request: GraphRequest): Promise<GraphAnswer> {
  const url = graphUrl(endpoint, request.path, request.params);
  const form = request.form ? Buffer.from(new URLSearchParams(request.form).toString(), 'utf8') : undefined;
  const response = await safeFetch(url.toString(), {
    allowHosts: endpoint.allowHosts,
    method: request.method ?? 'GET',
    headers: {
      authorization: `Bearer ${endpoint.token}`,
      accept: 'application/json',
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(form.length) } : {}),
    },
    ...(form ? { body: form } : {}),
    maxBytes: 5 * 1024 * 1024,
    totalTimeoutMs: request.timeoutMs ?? 30_000,
    maxRedirects: 0,
  });
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body };
}

/** A 2xx answer whose body is JSON without an error object. */
export function graphSucceeded(answer: GraphAnswer): boolean {
  return answer.status >= 200 && answer.status < 300 && answer.body !== undefined && graphErrorOf(answer.body) === undefined && !(typeof answer.body === 'object' && answer.body !== null && 'error' in answer.body);
}
