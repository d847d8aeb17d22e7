// A local stand-in for the Graph API, speaking its real shapes: `data` + `paging.cursors` + `next`
// (pointing at graph.facebook.com, as the real one does — a collector that followed it would leave
// the machine), error objects {error:{message,type,code,error_subcode,fbtrace_id}}, usage headers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  readonly id: string;
  readonly message?: string;
  readonly created: Date;
  readonly from?: { id: string; name: string };
  /** A reply's parent comment id; absent for a top-level comment. */
  readonly parent?: string;
  readonly likes?: number;
}

export interface FakePost {
  readonly id: string;
  readonly message?: string;
  readonly created: Date;
  readonly shares?: number;
  readonly reactions?: number;
  readonly comments?: FakeComment[];
}

export type TokenBehaviour = 'ok' | 'expired' | 'throttled' | 'server_error';

export interface FakeGraphOptions {
  readonly pages: Record<string, FakePost[]>;
  readonly tokens: Record<string, TokenBehaviour>;
  /** Repeat the last item of each page at the start of the next one (as Graph does when posts arrive mid-walk). */
  readonly overlapPages?: boolean;
  /** Host written into `paging.next`. */
  readonly nextBase?: string;
}

export interface FakeGraphRequest {
  readonly path: string;
  readonly query: Record<string, string>;
  readonly authorization: string | undefined;
}

export interface FakeGraph {
  readonly url: string;
  readonly requests: FakeGraphRequest[];
  readonly options: { pages: Record<string, FakePost[]>; tokens: Record<string, TokenBehaviour>; overlapPages: boolean };
  close(): Promise<void>;
}

function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function trace(): string {
  return `A${Math.random().toString(36).slice(2, 12)}`;
}

export async function startFakeGraph(options: FakeGraphOptions): Promise<FakeGraph> {
  const requests: FakeGraphRequest[] = [];
  const state = { pages: options.pages, tokens: options.tokens, overlapPages: options.overlapPages ?? false };
  const nextBase = options.nextBase ?? 'https://graph.facebook.com';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query, authorization: req.headers.authorization });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'x-fb-trace-id': trace(), ...headers }).end(JSON.stringify(body));
    };
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? query.access_token;
    const behaviour = token ? state.tokens[token] : undefined;
    const usage = { 'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 3, total_time: 4 }) };
    if (!behaviour || behaviour === 'expired') {
      return send(400, {
        error: behaviour
          ? { message: 'Error validating access token: Session has expired on Tuesday, 10-Nov-26 01:00:00 PST.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: trace() }
          : { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: trace() },
      });
    }
    if (behaviour === 'throttled') {
      return send(
        400,
        { error: { message: 'Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613, fbtrace_id: trace() } },
        {
          'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 41, total_time: 57 }),
          'x-business-use-case-usage': JSON.stringify({
            '1234567890': [{ type: 'pages', call_count: 100, total_cputime: 38, total_time: 55, estimated_time_to_regain_access: 12 }],
          }),
        },
      );
    }
    if (behaviour === 'server_error') {
      return send(500, { error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1, fbtrace_id: trace() } });
    }

    const match = /^\/(v\d+\.\d+)\/([^/]+)\/(posts|feed|comments)$/.exec(url.pathname);
    if (!match) {
      return send(400, { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: trace() } });
    }
    const [, version, node, edge] = match as unknown as [string, string, string, string];
    const since = query.since ? Number(query.since) * 1000 : undefined;
    const limit = Math.min(100, Number(query.limit ?? 25));
    const offset = query.after ? Number(Buffer.from(query.after, 'base64').toString('utf8').replace(/^offset:/, '')) : 0;

    let all: Record<string, unknown>[];
    if (edge === 'comments') {
      const post = Object.values(state.pages).flat().find((p) => p.id === node);
      if (!post) return send(400, { error: { message: `Unsupported get request. Object with ID '${node}' does not exist`, type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: trace() } });
      all = [...(post.comments ?? [])]
        .filter((c) => since === undefined || c.created.getTime() >= since)
        .sort((a, b) => (query.order === 'reverse_chronological' ? b.created.getTime() - a.created.getTime() : a.created.getTime() - b.created.getTime()))
        .map((c) => ({
          id: c.id,
          ...(c.message !== undefined ? { message: c.message } : {}),
          created_time: graphTime(c.created),
          permalink_url: `https://www.facebook.com/${node.replace('_', '/posts/')}?comment_id=${c.id}`,
          like_count: c.likes ?? 0,
          comment_count: (post.comments ?? []).filter((r) => r.parent === c.id).length,
          ...(c.from ? { from: c.from } : {}),
          ...(query.filter === 'stream' ? { parent: { id: c.parent ?? node } } : {}),
        }));
    } else {
      const posts = state.pages[node];
      if (!posts) return send(400, { error: { message: `Unsupported get request. Object with ID '${node}' does not exist`, type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: trace() } });
      all = [...posts]
        .filter((p) => since === undefined || p.created.getTime() >= since)
        .sort((a, b) => b.created.getTime() - a.created.getTime())
        .map((p) => ({
          id: p.id,
          ...(p.message !== undefined ? { message: p.message } : {}),
          created_time: graphTime(p.created),
          permalink_url: `https://www.facebook.com/${p.id.replace('_', '/posts/')}`,
          ...(p.shares ? { shares: { count: p.shares } } : {}),
          reactions: { data: [], summary: { total_count: p.reactions ?? 0, viewer_reaction: 'NONE' } },
          comments: { data: [], summary: { order: 'ranked', total_count: p.comments?.length ?? 0, can_comment: true } },
          from: { name: 'UBND xã', id: node },
        }));
    }
    const start = state.overlapPages && offset > 0 ? offset - 1 : offset;
    const data = all.slice(start, offset + limit);
    const end = offset + limit;
    const cursor = (n: number) => Buffer.from(`offset:${n}`).toString('base64');
    const paging: Record<string, unknown> = data.length ? { cursors: { before: cursor(offset), after: cursor(end) } } : {};
    if (end < all.length) {
      const next = new URL(`${nextBase}/${version}/${node}/${edge}`);
      for (const [key, value] of Object.entries(query)) if (key !== 'after') next.searchParams.set(key, value);
      next.searchParams.set('access_token', token ?? '');
      next.searchParams.set('after', cursor(end));
      paging.next = next.toString();
    }
    send(200, { data, ...(data.length ? { paging } : {}) }, usage);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    options: state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
