// A local stand-in for the Graph API, speaking its real shapes, for the demo and the tests (which
// re-export it from tests/support/fake-graph.ts): lists of `data` + `paging.cursors` + `next`
// (pointing at graph.facebook.com, as the real one does — a client that followed it would leave the
// machine), error objects {error:{message,type,code,error_subcode,fbtrace_id}}, usage headers;
// `GET /{id}?metadata=1` (metadata.type "page" or "user"); `POST /{object-id}/comments` creating a
// comment as the page ({"id": …}). `GET /` shows the pages, posts and comments to a person.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../alerts/message.js';

export interface StandInComment {
  readonly id: string;
  readonly message?: string;
  readonly created: Date;
  readonly from?: { id: string; name: string };
  /** A reply's parent comment id; absent for a top-level comment. */
  readonly parent?: string;
  readonly likes?: number;
}

export interface StandInPost {
  readonly id: string;
  readonly message?: string;
  readonly created: Date;
  readonly shares?: number;
  readonly reactions?: number;
  comments?: StandInComment[];
}

/**
 * What a token may do: read and write (ok); 'expired' (190); 'throttled' (613); 'server_error'
 * (500); 'read_only' — reads work, writes get #200 (the token lacks pages_manage_engagement);
 * 'app_not_allowed' — reads work, writes get #10 (the app is not allowed to).
 */
export type TokenBehaviour = 'ok' | 'expired' | 'throttled' | 'server_error' | 'read_only' | 'app_not_allowed';

/** What the next comment writes do, one per write, before the token's behaviour: a 500 without creating the comment, or after creating it. */
export type WriteFailure = 'server_error' | 'server_error_after_create';

export interface GraphStandInOptions {
  readonly pages: Record<string, StandInPost[]>;
  readonly tokens: Record<string, TokenBehaviour>;
  /** Repeat the last item of each page at the start of the next one (as Graph does when posts arrive mid-walk). */
  readonly overlapPages?: boolean;
  /** Host written into `paging.next`. */
  readonly nextBase?: string;
  /** Display names of the pages (default "UBND xã"). */
  readonly pageNames?: Record<string, string>;
  /** Personal profiles: `GET /{id}?metadata=1` answers metadata.type "user" for them. */
  readonly profiles?: Record<string, string>;
  /** Port to listen on (0: any free port). */
  readonly port?: number;
  /**
   * Where `permalink_url` points: facebook.com (default, as Graph answers), or this stand-in's own
   * `/posts/{id}` pages, so that the demo can capture evidence of its sample posts.
   */
  readonly permalinks?: 'facebook' | 'local';
}

export interface GraphStandInRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly authorization: string | undefined;
  /** A POST's form (or JSON) fields. */
  readonly body?: Record<string, string>;
}

export interface GraphStandInState {
  pages: Record<string, StandInPost[]>;
  tokens: Record<string, TokenBehaviour>;
  overlapPages: boolean;
  writeFailures: WriteFailure[];
}

export interface GraphStandIn {
  readonly url: string;
  readonly requests: GraphStandInRequest[];
  readonly options: GraphStandInState;
  /** Every comment and reply of an object (post or comment), oldest first. */
  commentsOf(objectId: string): StandInComment[];
  close(): Promise<void>;
}

function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function trace(): string {
  return `A${Math.random().toString(36).slice(2, 12)}`;
}

const MAX_BODY = 64 * 1024;

function readBody(req: http.IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) return reject(new Error('body too large'));
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if ((req.headers['content-type'] ?? '').includes('application/json')) {
        try {
          const parsed: unknown = JSON.parse(text || '{}');
          return resolve(Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)])));
        } catch {
          return resolve({});
        }
      }
      resolve(Object.fromEntries(new URLSearchParams(text)));
    });
    req.on('error', reject);
  });
}

const notFound = (node: string, method: 'get' | 'post') => ({
  message: `Unsupported ${method} request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  type: 'GraphMethodException',
  code: 100,
  error_subcode: 33,
  fbtrace_id: trace(),
});

export async function startGraphStandIn(options: GraphStandInOptions): Promise<GraphStandIn> {
  const requests: GraphStandInRequest[] = [];
  const state: GraphStandInState = { pages: options.pages, tokens: options.tokens, overlapPages: options.overlapPages ?? false, writeFailures: [] };
  const nextBase = options.nextBase ?? 'https://graph.facebook.com';
  const pageName = (pageId: string) => options.pageNames?.[pageId] ?? 'UBND xã';
  let written = 0;

  const permalink = (postId: string): string =>
    options.permalinks === 'local' ? `http://127.0.0.1:${(server.address() as AddressInfo).port}/posts/${encodeURIComponent(postId)}` : `https://www.facebook.com/${postId.replace('_', '/posts/')}`;

  /** The post holding an object (the post itself, or the post a comment is under), with its page. */
  const locate = (objectId: string): { pageId: string; post: StandInPost; comment?: StandInComment } | undefined => {
    for (const [pageId, posts] of Object.entries(state.pages)) {
      for (const post of posts) {
        if (post.id === objectId) return { pageId, post };
        const comment = post.comments?.find((c) => c.id === objectId);
        if (comment) return { pageId, post, comment };
      }
    }
    return undefined;
  };

  const commentsOf = (objectId: string): StandInComment[] => {
    const found = locate(objectId);
    if (!found) return [];
    const all = found.post.comments ?? [];
    const list = found.comment ? all.filter((c) => c.parent === found.comment!.id) : all;
    return [...list].sort((a, b) => a.created.getTime() - b.created.getTime());
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'x-fb-trace-id': trace(), ...headers }).end(JSON.stringify(body));
    };
    if (method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(viewerHtml(state, pageName, commentsOf));
      return;
    }
    const postPage = /^\/posts\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && postPage && options.permalinks === 'local') {
      const found = locate(decodeURIComponent(postPage[1]!));
      if (!found) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(viewerHtml({ ...state, pages: { [found.pageId]: [found.post] } }, pageName, commentsOf));
      return;
    }
    const handle = async () => {
      const body = method === 'POST' ? await readBody(req) : undefined;
      requests.push({ method, path: url.pathname, query, authorization: req.headers.authorization, ...(body ? { body } : {}) });
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? query.access_token ?? body?.access_token;
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

      const write = /^\/(v\d+\.\d+)\/([^/]+)\/comments$/.exec(url.pathname);
      if (method === 'POST' && write) {
        const objectId = decodeURIComponent(write[2]!);
        if (behaviour === 'read_only') {
          return send(403, {
            error: { message: '(#200) The permission(s) pages_manage_engagement are not available. It could because either they are not approved, or the page token lacks them.', type: 'OAuthException', code: 200, fbtrace_id: trace() },
          });
        }
        if (behaviour === 'app_not_allowed') {
          return send(403, { error: { message: '(#10) Application does not have permission for this action', type: 'OAuthException', code: 10, fbtrace_id: trace() } });
        }
        const failure = state.writeFailures.shift();
        if (failure === 'server_error') return send(500, { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true, fbtrace_id: trace() } });
        const message = (body?.message ?? '').trim();
        if (!message) return send(400, { error: { message: '(#100) Missing message or attachment', type: 'OAuthException', code: 100, fbtrace_id: trace() } });
        const found = locate(objectId);
        if (!found) return send(400, { error: notFound(objectId, 'post') });
        // A reply to a reply joins the thread of its top-level comment, as on Facebook.
        const parent = found.comment ? (found.comment.parent ?? found.comment.id) : undefined;
        const id = `${found.post.id.split('_').pop()}_${9_000 + ++written}`;
        const comment: StandInComment = { id, message: message.slice(0, 8_000), created: new Date(), from: { id: found.pageId, name: pageName(found.pageId) }, ...(parent ? { parent } : {}) };
        (found.post.comments ??= []).push(comment);
        if (failure === 'server_error_after_create') return send(500, { error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1, fbtrace_id: trace() } });
        return send(200, { id }, usage);
      }
      if (method !== 'GET') return send(400, { error: { message: `Unsupported ${method.toLowerCase()} request.`, type: 'GraphMethodException', code: 100, fbtrace_id: trace() } });

      const nodeOnly = /^\/(v\d+\.\d+)\/([^/]+)$/.exec(url.pathname);
      if (nodeOnly) {
        const node = decodeURIComponent(nodeOnly[2]!);
        const fields = (query.fields ?? 'id,name').split(',');
        const metadata = query.metadata === '1';
        if (state.pages[node]) {
          if (fields.some((f) => !['id', 'name', 'category', 'link'].includes(f))) {
            return send(400, { error: { message: `(#100) Tried accessing nonexisting field (${fields.find((f) => !['id', 'name', 'category', 'link'].includes(f))}) on node type (Page)`, type: 'OAuthException', code: 100, fbtrace_id: trace() } });
          }
          return send(200, {
            ...(fields.includes('name') ? { name: pageName(node) } : {}),
            ...(fields.includes('category') ? { category: 'Government organization' } : {}),
            id: node,
            ...(metadata ? { metadata: { fields: [{ name: 'id' }, { name: 'name' }, { name: 'category' }], type: 'page', connections: { posts: `${nextBase}/${nodeOnly[1]}/${node}/posts` } } } : {}),
          }, usage);
        }
        const profile = options.profiles?.[node];
        if (profile !== undefined) {
          if (fields.includes('category')) return send(400, { error: { message: '(#100) Tried accessing nonexisting field (category) on node type (User)', type: 'OAuthException', code: 100, fbtrace_id: trace() } });
          return send(200, { ...(fields.includes('name') ? { name: profile } : {}), id: node, ...(metadata ? { metadata: { fields: [{ name: 'id' }, { name: 'name' }], type: 'user', connections: {} } } : {}) }, usage);
        }
        return send(400, { error: notFound(node, 'get') });
      }

      const match = /^\/(v\d+\.\d+)\/([^/]+)\/(posts|feed|comments)$/.exec(url.pathname);
      if (!match) {
        return send(400, { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: trace() } });
      }
      const [, version, rawNode, edge] = match as unknown as [string, string, string, string];
      const node = decodeURIComponent(rawNode);
      const since = query.since ? Number(query.since) * 1000 : undefined;
      const limit = Math.min(100, Number(query.limit ?? 25));
      const offset = query.after ? Number(Buffer.from(query.after, 'base64').toString('utf8').replace(/^offset:/, '')) : 0;

      let all: Record<string, unknown>[];
      if (edge === 'comments') {
        const found = locate(node);
        if (!found) return send(400, { error: notFound(node, 'get') });
        const postId = found.post.id;
        const siblings = found.post.comments ?? [];
        // On a post: every comment and reply (filter=stream) or the top-level ones; on a comment: its replies.
        const list = found.comment ? siblings.filter((c) => c.parent === node) : query.filter === 'stream' ? siblings : siblings.filter((c) => !c.parent);
        all = [...list]
          .filter((c) => since === undefined || c.created.getTime() >= since)
          .sort((a, b) => (query.order === 'reverse_chronological' ? b.created.getTime() - a.created.getTime() : a.created.getTime() - b.created.getTime()))
          .map((c) => ({
            id: c.id,
            ...(c.message !== undefined ? { message: c.message } : {}),
            created_time: graphTime(c.created),
            permalink_url: `${permalink(postId)}?comment_id=${c.id}`,
            like_count: c.likes ?? 0,
            comment_count: siblings.filter((r) => r.parent === c.id).length,
            ...(c.from ? { from: c.from } : {}),
            ...(query.filter === 'stream' ? { parent: { id: c.parent ?? postId } } : {}),
          }));
      } else {
        const posts = state.pages[node];
        if (!posts) return send(400, { error: notFound(node, 'get') });
        all = [...posts]
          .filter((p) => since === undefined || p.created.getTime() >= since)
          .sort((a, b) => b.created.getTime() - a.created.getTime())
          .map((p) => ({
            id: p.id,
            ...(p.message !== undefined ? { message: p.message } : {}),
            created_time: graphTime(p.created),
            permalink_url: permalink(p.id),
            ...(p.shares ? { shares: { count: p.shares } } : {}),
            reactions: { data: [], summary: { total_count: p.reactions ?? 0, viewer_reaction: 'NONE' } },
            comments: { data: [], summary: { order: 'ranked', total_count: p.comments?.length ?? 0, can_comment: true } },
            from: { name: pageName(node), id: node },
          }));
      }
      const start = state.overlapPages && offset > 0 ? offset - 1 : offset;
      const data = all.slice(start, offset + limit);
      const end = offset + limit;
      const cursor = (n: number) => Buffer.from(`offset:${n}`).toString('base64');
      const paging: Record<string, unknown> = data.length ? { cursors: { before: cursor(offset), after: cursor(end) } } : {};
      if (end < all.length) {
        const next = new URL(`${nextBase}/${version}/${rawNode}/${edge}`);
        for (const [key, value] of Object.entries(query)) if (key !== 'after') next.searchParams.set(key, value);
        next.searchParams.set('access_token', token ?? '');
        next.searchParams.set('after', cursor(end));
        paging.next = next.toString();
      }
      send(200, { data, ...(data.length ? { paging } : {}) }, usage);
    };
    handle().catch(() => send(400, { error: { message: 'Could not read the request.', type: 'GraphMethodException', code: 100, fbtrace_id: trace() } }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    options: state,
    commentsOf,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const viewerTime = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** The pages as a person reads them: posts newest first, each with its comments and the replies under them. */
function viewerHtml(state: GraphStandInState, pageName: (id: string) => string, commentsOf: (id: string) => StandInComment[]): string {
  const comment = (c: StandInComment, reply: boolean): string =>
    `<li class="${reply ? 'reply' : 'comment'}" data-comment-id="${escapeHtml(c.id)}"><b>${escapeHtml(c.from?.name ?? 'Người dùng Facebook')}</b> <small>${escapeHtml(viewerTime.format(c.created))}</small><br>${escapeHtml(c.message ?? '')}${
      reply ? '' : `<ul>${commentsOf(c.id).map((r) => comment(r, true)).join('')}</ul>`
    }</li>`;
  const pages = Object.entries(state.pages)
    .map(([pageId, posts]) => {
      const items = [...posts]
        .sort((a, b) => b.created.getTime() - a.created.getTime())
        .map((p) => `<article data-post-id="${escapeHtml(p.id)}"><p><small>${escapeHtml(viewerTime.format(p.created))}</small></p><p>${escapeHtml(p.message ?? '(ảnh)')}</p><ul>${(p.comments ?? []).filter((c) => !c.parent).sort((a, b) => a.created.getTime() - b.created.getTime()).map((c) => comment(c, false)).join('')}</ul></article>`)
        .join('');
      return `<section><h2>${escapeHtml(pageName(pageId))} <small>(${escapeHtml(pageId)})</small></h2>${items}</section>`;
    })
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Graph API stand-in</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 .75rem;color:#1d232a}article{border:1px solid #dde1e6;border-radius:8px;padding:.5rem .75rem;margin:.75rem 0}ul{list-style:none;padding-left:.75rem}li{margin:.4rem 0;overflow-wrap:anywhere}li.reply{border-left:3px solid #8b1a13;padding-left:.5rem}small{color:#5b6672}</style></head>
<body><h1>Trang Facebook mẫu (Graph API stand-in)</h1><p><small>Dữ liệu mẫu của bản demo langnghe; trả lời gửi từ trang vụ việc hiện ở đây. Tải lại trang để xem.</small></p>${pages}</body></html>`;
}
