// Fuzzing (fast-check) of every parser of outside input: the rule-query language, RSS/Atom feeds,
// Graph API answers and the HTTP API's inputs. Whatever comes in: a result or a typed error,
// never a crash, never a TypeError, never a 500.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery, MAX_QUERY_LENGTH, type QueryNode } from '../src/analysis/query.js';
import { compileRules, RuleCompileError } from '../src/analysis/rules.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { PermanentCollectError, RetryableCollectError, type CollectedItem } from '../src/collectors/collector.js';
import { facebookCollector, facebookConfigSchema, graphCommentSchema, graphPostSchema, mapGraphComment, mapGraphPost } from '../src/collectors/facebook.collector.js';
import { rssCollector, rssConfigSchema } from '../src/collectors/rss.collector.js';
import { FetchError } from '../src/collectors/safe-fetch.js';
import { MAX_BODY_CHARS, MAX_TITLE_CHARS } from '../src/collectors/text.js';
import { createApp } from '../src/http/app.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { createApiToken } from '../src/users/user.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** A string as a URL path segment (lone surrogates, which no URL can carry, replaced). */
const pathSegment = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

// --- A local server answering whatever the current case says ------------------------------------

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
let answers: Answer[] = [];
const fallback: Answer = { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"data":[]}') };
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    const answer = answers.shift() ?? fallback;
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** What a collector may give: well-formed items, whatever it read. */
function expectWellFormedItem(item: CollectedItem): void {
  expect(typeof item.externalId).toBe('string');
  expect(item.externalId.length).toBeGreaterThan(0);
  expect(item.externalId).not.toContain('[object Object]');
  expect(typeof item.body).toBe('string');
  expect(item.body.trim().length).toBeGreaterThan(0);
  expect(item.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
  if (item.title !== null) {
    expect(typeof item.title).toBe('string');
    expect(item.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
  }
  if (item.url !== null) expect(item.url).toMatch(/^https?:\/\//);
  if (item.author !== null) expect(typeof item.author).toBe('string');
  if (item.publishedAt !== null) expect(Number.isNaN(item.publishedAt.getTime())).toBe(false);
  expect(Number.isFinite(item.engagement)).toBe(true);
  expect(() => JSON.stringify(item.raw)).not.toThrow();
}

/** The collector error kinds (src/collectors/collector.ts, safe-fetch.ts); anything else is a bug. */
function expectTypedCollectError(error: unknown): void {
  const typed = error instanceof PermanentCollectError || error instanceof RetryableCollectError || error instanceof FetchError;
  if (!typed) throw new Error(`untyped collector error: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`);
}

const hostile = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '', ' ', '\u0000', '\uD800', '\uDFFF', '&amp;', '&#0;', '&#xD800;', '&#x110000;', '&bogus;', '&lt;script&gt;', ']]>', '<![CDATA[x]]>',
    '<b>đậm</b>', '<script>alert(1)</script>', '<!-- c -->', 'javascript:alert(1)', 'http://', 'https://x.vn/a?utm_source=f#h', '//x.vn', 'ftp://x',
    'Thứ Hai, 10/11/2026', 'Mon, 10 Nov 2026 08:00:00 +0700', '2026-11-10T08:00:00Z', '9999999999999', 'xã Phủ Thông', '<a href="x">y</a>',
    '\u202Ebidi', 'a'.repeat(30_000), '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  ),
);

// --- Rule-query parser ------------------------------------------------------------------------------

const word = fc.oneof(
  fc.constantFrom('bồi', 'thường', 'ko', 'UBND', 'Giê-sùa', 'đ/c', 'hoà', 'tham', 'xã', 'dân', 'đất', '12', 'and', 'or', 'not'),
  fc.stringMatching(/^[a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]{1,6}$/),
);
const queryText: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word,
    word.map((w) => `${w}*`),
    fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => `"${ws.join(' ')}"`),
    fc.tuple(tie('q'), fc.constantFrom(' AND ', ' OR ', ' ', ' NEAR ', ' NEAR/0 ', ' NEAR/3 ', ' NEAR/100 '), tie('q')).map(([a, op, b]) => `(${a})${op}(${b})`),
    tie('q').map((q) => `NOT (${q})`),
  ),
})).q;

function expectParseOutcome(src: string): void {
  const result = parseQuery(src);
  if (result.ok) {
    expect(result.ast).toBeTypeOf('object');
    return;
  }
  expect(result.error.position).toBeGreaterThanOrEqual(0);
  expect(result.error.position).toBeLessThanOrEqual(src.length);
  expect(result.error.expected.length).toBeGreaterThan(0);
  expect(result.error.message).toMatch(/^At position \d+: expected /);
}

function depth(node: QueryNode): number {
  switch (node.type) {
    case 'phrase':
      return 1;
    case 'not':
      return 1 + depth(node.child);
    case 'near':
      return 1 + Math.max(depth(node.left), depth(node.right));
    default:
      return 1 + Math.max(...node.children.map(depth));
  }
}

describe('rule-query parser', () => {
  it('parses every generated well-formed query', () => {
    fc.assert(
      fc.property(queryText, (src) => {
        const result = parseQuery(src);
        if (!result.ok) throw new Error(`${src}: ${result.error.message}`);
        expect(depth(result.ast)).toBeGreaterThan(0);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('answers a mutated query with a tree or a parse error with its position', () => {
    const mutated = fc
      .tuple(queryText, fc.nat(), fc.constantFrom('', '(', ')', '"', '*', 'NEAR/', 'NEAR/x', 'AND', 'NOT', 'OR OR', '\u0000', '\uD800', '“'), fc.nat({ max: 3 }))
      .map(([src, at, insert, drop]) => {
        const cut = src.length ? at % src.length : 0;
        return src.slice(0, cut) + insert + src.slice(cut + drop);
      });
    fc.assert(fc.property(fc.oneof(mutated, hostile), expectParseOutcome), { numRuns: RUNS * 3 });
  });

  it('answers deep nesting and overlong queries with a parse error, not a stack overflow', () => {
    for (const src of ['('.repeat(50_000), `${'NOT '.repeat(20_000)}x`, `"${'a '.repeat(MAX_QUERY_LENGTH)}"`, `${'x NEAR/3 '.repeat(3000)}x`]) expectParseOutcome(src);
  });

  it('compiles generated rules or throws only RuleCompileError', () => {
    const rule = fc.record({
      id: fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/),
      category: fc.constantFrom('phan_anh_kien_nghi', 'tin_gia', 'none'),
      query: fc.oneof(queryText, hostile),
      severity: fc.option(fc.constantFrom('critical', 'high', 'medium', 'low', 'urgent'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 4 }), (rules) => {
        try {
          compileRules(rules as never);
        } catch (error) {
          expect(error).toBeInstanceOf(RuleCompileError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

// --- RSS / Atom normalizer ------------------------------------------------------------------------------

const attrs = fc.constantFrom('', ' type="html"', ' isPermaLink="false"', ' href="https://x.vn/a"', ' rel="alternate" href="/rel"', ' xml:lang="vi"', ' x="&bogus;"');
const itemTag = fc.constantFrom('title', 'link', 'guid', 'id', 'description', 'content:encoded', 'content', 'summary', 'pubDate', 'published', 'updated', 'author', 'dc:creator', 'category', 'comments', 'enclosure');
const element: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(itemTag, attrs, hostile).map(([tag, a, text]) => `<${tag}${a}>${text}</${tag}>`),
  fc.tuple(itemTag, attrs, hostile).map(([tag, a, text]) => `<${tag}${a}><![CDATA[${text}]]></${tag}>`),
  fc.tuple(itemTag, attrs).map(([tag, a]) => `<${tag}${a}/>`),
  fc.tuple(itemTag, hostile).map(([tag, name]) => `<${tag}><name>${name}</name><email>a@b</email></${tag}>`),
  fc.tuple(itemTag, itemTag, hostile).map(([outer, inner, text]) => `<${outer}><${inner}>${text}</${inner}></${outer}>`),
  hostile,
);
const entry = fc.array(element, { maxLength: 8 }).map((parts) => parts.join(''));
const prolog = fc.constantFrom('', '<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="windows-1258"?>', '<?xml version="1.0" encoding="bogus-x"?>', '\uFEFF<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>');
const feedXml = fc.oneof(
  fc.tuple(prolog, fc.array(entry, { maxLength: 6 }), element).map(([p, items, extra]) => `${p}<rss version="2.0"><channel><title>t</title>${extra}${items.map((i) => `<item>${i}</item>`).join('')}</channel></rss>`),
  fc.tuple(prolog, fc.array(entry, { maxLength: 6 })).map(([p, items]) => `${p}<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>${items.map((i) => `<entry>${i}</entry>`).join('')}</feed>`),
  fc.tuple(prolog, fc.array(entry, { maxLength: 4 })).map(([p, items]) => `${p}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel/>${items.map((i) => `<item>${i}</item>`).join('')}</rdf:RDF>`),
  // Truncated feeds and plain garbage.
  fc.tuple(fc.array(entry, { maxLength: 3 }), fc.nat()).map(([items, cut]) => {
    const whole = `<rss><channel>${items.map((i) => `<item>${i}</item>`).join('')}</channel></rss>`;
    return whole.slice(0, cut % (whole.length + 1));
  }),
  hostile,
);
const feedAnswer = fc.record({
  xml: feedXml,
  contentType: fc.constantFrom('application/rss+xml', 'application/rss+xml; charset=windows-1258', 'text/xml; charset=bogus', 'text/html', 'application/octet-stream'),
  binary: fc.option(fc.uint8Array({ maxLength: 200 }), { freq: 8, nil: undefined }),
  status: fc.constantFrom(200, 200, 200, 200, 304, 404, 500, 302),
});

describe('RSS normalizer', () => {
  it('reads fields that are elements with attributes or children (found by the fuzzer: TypeError before)', async () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><title><b>Tiêu đề</b></title><link href="/tin/1"/><guid isPermaLink="false">g-1</guid>
      <author><name>Nguyễn Văn A</name></author><description>Nội dung bài</description></item></channel></rss>`;
    answers = [{ status: 200, headers: { 'content-type': 'application/rss+xml' }, body: Buffer.from(xml) }];
    const outcome = await rssCollector.collect(rssConfigSchema.parse({ url: `${base}/feed` }), {}, { allowHosts: ['127.0.0.1'] });
    expect(outcome.items).toHaveLength(1);
    expect(outcome.items[0]).toMatchObject({ externalId: 'g-1', url: `${base}/tin/1`, body: 'Nội dung bài', author: 'Nguyễn Văn A' });
    expectWellFormedItem(outcome.items[0]!);
  });

  it('turns any feed into well-formed items or a typed collector error', async () => {
    const config = rssConfigSchema.parse({ url: `${base}/feed`, timeoutSeconds: 5 });
    await fc.assert(
      fc.asyncProperty(feedAnswer, hostile, async (answer, state) => {
        const body = answer.binary ? Buffer.from(answer.binary) : Buffer.from(answer.xml, 'utf8');
        answers = [{ status: answer.status, headers: { 'content-type': answer.contentType, ...(answer.status === 302 ? { location: '/feed' } : {}) }, body }];
        try {
          const outcome = await rssCollector.collect(config, { etag: state, lastModified: 7 }, { allowHosts: ['127.0.0.1'] });
          for (const item of outcome.items) expectWellFormedItem(item);
          expect(new Set(outcome.items.map((i) => i.externalId)).size).toBe(outcome.items.length);
        } catch (error) {
          expectTypedCollectError(error);
        } finally {
          answers = [];
        }
      }),
      { numRuns: RUNS },
    );
  });
});

// --- Graph API mapper ------------------------------------------------------------------------------

const graphTimes = fc.oneof(fc.constantFrom('2026-11-10T08:00:00+0000', '2026-11-10T08:00:00+07:00', 'not a date', '', '2026-13-45T99:99:99+9999'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), hostile);
const count = fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(null), hostile);
const graphItem = fc.record(
  {
    id: fc.oneof(fc.stringMatching(/^\d{1,5}_\d{1,5}$/), hostile, fc.integer()),
    message: fc.oneof(hostile, fc.integer(), fc.constant(null)),
    story: hostile,
    created_time: fc.oneof(graphTimes, fc.integer()),
    permalink_url: fc.oneof(hostile, fc.webUrl()),
    shares: fc.oneof(fc.record({ count }), hostile),
    reactions: fc.oneof(fc.record({ summary: fc.record({ total_count: count }) }), fc.jsonValue()),
    comments: fc.oneof(fc.record({ summary: fc.record({ total_count: count }) }), fc.jsonValue()),
    like_count: count,
    comment_count: count,
    from: fc.oneof(fc.record({ id: hostile, name: hostile }, { requiredKeys: [] }), fc.jsonValue()),
    parent: fc.oneof(fc.record({ id: hostile }), fc.jsonValue()),
  },
  { requiredKeys: [] },
);
const paging = fc.record(
  {
    cursors: fc.oneof(fc.record({ before: hostile, after: hostile }, { requiredKeys: [] }), fc.jsonValue()),
    next: fc.oneof(hostile, fc.webUrl({ withQueryParameters: true }), fc.constant('https://evil.example/v21.0/x?after=abc&access_token=t')),
    previous: hostile,
  },
  { requiredKeys: [] },
);
const graphBody = fc.oneof(
  fc.record({ data: fc.array(fc.oneof(graphItem, fc.jsonValue()), { maxLength: 6 }), paging }, { requiredKeys: ['data'] }),
  fc.record({ error: fc.record({ message: hostile, type: hostile, code: fc.oneof(fc.constantFrom(1, 2, 4, 17, 32, 190, 613, 80_001, 100), fc.integer(), hostile), error_subcode: fc.integer(), fbtrace_id: hostile }, { requiredKeys: [] }) }),
  fc.jsonValue(),
);
const graphAnswer = fc.record({
  status: fc.constantFrom(200, 200, 200, 400, 403, 429, 500, 503),
  body: fc.oneof(graphBody.map((b) => JSON.stringify(b)), hostile),
  usage: fc.option(fc.oneof(hostile, fc.jsonValue().map((v) => JSON.stringify(v)), fc.constant('{"call_count":95}')), { nil: undefined }),
});

describe('Graph API mapper', () => {
  it('maps every item that passes the schema, and nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(graphItem, fc.jsonValue()), hostile, (raw, parent) => {
        const post = graphPostSchema.safeParse(raw);
        if (post.success) {
          const mapped = mapGraphPost('page', post.data);
          if (!('skip' in mapped)) expectWellFormedItem(mapped);
        }
        const comment = graphCommentSchema.safeParse(raw);
        if (comment.success) {
          const mapped = mapGraphComment(parent || 'p', comment.data);
          if (!('skip' in mapped)) expectWellFormedItem(mapped);
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('turns any Graph API answers into well-formed items or a typed collector error', async () => {
    const config = facebookConfigSchema.parse({ pageId: 'page', token: 'tok', pageSize: 5, maxPages: 2, commentPosts: 2 });
    await fc.assert(
      fc.asyncProperty(fc.array(graphAnswer, { minLength: 1, maxLength: 5 }), fc.jsonValue(), async (sequence, state) => {
        answers = sequence.map((a) => ({ status: a.status, headers: { 'content-type': 'application/json', ...(a.usage ? { 'x-app-usage': a.usage.replace(/[^\x20-\x7e]/g, '') } : {}) }, body: Buffer.from(a.body, 'utf8') }));
        try {
          const outcome = await facebookCollector.collect(config, state as Record<string, unknown>, { allowHosts: ['127.0.0.1'], graph: { baseUrl: base, version: 'v21.0' } });
          for (const item of outcome.items) expectWellFormedItem(item);
          expect(() => JSON.stringify(outcome.fetchState)).not.toThrow();
        } catch (error) {
          expectTypedCollectError(error);
        } finally {
          answers = [];
        }
      }),
      { numRuns: RUNS },
    );
  });
});

// --- API input schemas ------------------------------------------------------------------------------

describe('API inputs', () => {
  let services: TestServices;
  let context: OpenedContext;
  let app: ReturnType<typeof createApp>;
  let auth: Record<string, string>;
  let incidentId: string;

  beforeAll(async () => {
    services = await createTestServices('fuzz');
    context = await openContext(services.config);
    app = createApp(context);
    await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: ['xã Phủ Thông'], places: ['thôn Nà Pài'] });
    auth = { authorization: `Bearer ${(await createApiToken(context.db, { name: 'fuzz', role: 'admin' })).token}` };
    const report = await app.request('/api/reports', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Dân thôn Nà Pài xã Phủ Thông bức xúc vì chưa được bồi thường giải phóng mặt bằng dự án đường' }),
    });
    incidentId = ((await report.json()) as { incident_id: string }).incident_id;
    expect(incidentId).toMatch(/^\d+$/);
  });

  afterAll(async () => {
    await context?.close();
    await services?.cleanup();
  });

  const scalar = fc.oneof(hostile, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String), fc.constantFrom('9'.repeat(25), '-1', '0', '1e400', 'NaN'));
  const value = fc.oneof({ weight: 3, arbitrary: scalar }, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }));
  const field = (names: string[], extra: fc.Arbitrary<unknown>[] = []) =>
    fc.dictionary(fc.constantFrom(...names), fc.oneof(value, ...extra), { maxKeys: names.length });
  const statuses = fc.constantFrom('new', 'acknowledged', 'in_progress', 'on_hold', 'resolved', 'dismissed', 'closed');
  const isoTimes = fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2200-01-01') }).map((d) => d.toISOString());
  const days = fc.date({ noInvalidDate: true, min: new Date('1800-01-01'), max: new Date('2300-01-01') }).map((d) => d.toISOString().slice(0, 10));
  const clock = fc.tuple(fc.nat({ max: 25 }), fc.nat({ max: 61 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const ids = () => fc.oneof(fc.constant(incidentId), fc.stringMatching(/^\d{1,25}$/), fc.stringMatching(/^\d{17,22}$/), hostile.map(pathSegment));
  const bodyOf = (json: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: json.map((v) => JSON.stringify(v)) }, fc.jsonValue().map((v) => JSON.stringify(v)), hostile);

  interface Call {
    method: string;
    path: string;
    body?: string;
  }
  const query = (pairs: [string, string | undefined][]) =>
    pairs.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${pathSegment(v!)}`).join('&');
  const optionalText = (...more: fc.Arbitrary<string>[]) => fc.option(fc.oneof(hostile, ...more), { nil: undefined });

  const calls: fc.Arbitrary<Call> = fc.oneof(
    bodyOf(field(['url', 'text'], [fc.webUrl(), fc.constant('https://x.vn/tin xã Phủ Thông bồi thường')])).map((body) => ({ method: 'POST', path: '/api/reports', body })),
    fc
      .tuple(
        ids(),
        fc.constantFrom('status', 'hold', 'resume', 'assign', 'notes', 'actions', 'lock', 'evidence'),
        bodyOf(field(['status', 'reason', 'note', 'version', 'username', 'type', 'done_at', 'description', 'force', 'post_id'], [statuses, isoTimes, fc.nat({ max: 5 })])),
      )
      .map(([id, action, body]) => ({ method: 'POST', path: `/api/incidents/${id}/${action}`, body })),
    ids().map((id) => ({ method: 'DELETE', path: `/api/incidents/${id}/lock` })),
    fc.tuple(ids(), bodyOf(field(['status', 'note']))).map(([id, body]) => ({ method: 'PATCH', path: `/api/incidents/${id}`, body })),
    fc.tuple(optionalText(statuses, fc.constant('new,closed,bogus')), optionalText(fc.nat().map(String))).map(([status, limit]) => ({ method: 'GET', path: `/api/incidents?${query([['status', status], ['limit', limit]])}` })),
    bodyOf(field(['critical', 'high', 'medium', 'low', 'urgent'], [field(['ack_minutes', 'resolve_minutes', 'working_hours'], [fc.integer({ min: -10, max: 100_000 })])])).map((body) => ({ method: 'PUT', path: '/api/sla/policy', body })),
    bodyOf(fc.record({ items: fc.oneof(fc.array(fc.record({ weekday: fc.oneof(fc.integer({ min: 0, max: 8 }), scalar), start: fc.oneof(clock, hostile), end: fc.oneof(clock, hostile) }), { maxLength: 10 }), value) }, { requiredKeys: [] })).map((body) => ({ method: 'PUT', path: '/api/sla/working-periods', body })),
    bodyOf(field(['day', 'name'], [days])).map((body) => ({ method: 'POST', path: '/api/sla/holidays', body })),
    fc.oneof(days, hostile.map(pathSegment)).map((day) => ({ method: 'DELETE', path: `/api/sla/holidays/${day}` })),
    optionalText(fc.integer({ min: -5000, max: 5000 }).map(String)).map((year) => ({ method: 'GET', path: `/api/sla/holidays?${query([['year', year]])}` })),
    fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), hostile.map(pathSegment)).map((sha) => ({ method: 'GET', path: `/api/evidence/${sha}` })),
    fc.tuple(optionalText(days), optionalText(days)).map(([from, to]) => ({ method: 'GET', path: `/api/reports/response-time?${query([['from', from], ['to', to]])}` })),
    bodyOf(field(['parent_committee', 'committee', 'place', 'signer_title', 'signer_name', 'channel_ids'], [fc.array(fc.stringMatching(/^\d{1,22}$/), { maxLength: 3 })])).map((body) => ({ method: 'PUT', path: '/api/reports/response-time/settings', body })),
    fc.tuple(optionalText(fc.nat().map(String)), optionalText(fc.constantFrom('pending', 'sent', 'failed'))).map(([limit, status]) => ({ method: 'GET', path: `/api/alerts/deliveries?${query([['limit', limit], ['status', status]])}` })),
    ids().map((id) => ({ method: 'POST', path: `/api/alerts/channels/${id}/test`, body: '{}' })),
    fc.tuple(optionalText(fc.nat().map(String)), optionalText(fc.stringMatching(/^\d{1,22}$/)), optionalText()).map(([limit, before, action]) => ({ method: 'GET', path: `/api/admin/audit?${query([['limit', limit], ['before', before], ['action', action]])}` })),
    fc.constantFrom('/api/rules/stats', '/api/sources', '/api/incidents', '/api/alerts/rules', '/api/alerts/channels').map((path) => ({ method: 'GET', path })),
    fc
      .tuple(
        fc.constantFrom('POST', 'PATCH', 'GET', 'DELETE'),
        ids(),
        bodyOf(
          field(['name', 'event_kind', 'min_severity', 'channel_ids', 'recipients', 'escalation_recipients', 'quiet_start', 'quiet_end', 'cooldown_minutes', 'escalation', 'enabled'], [
            fc.constantFrom('incident_created', 'sla_breached', 'spike', 'daily_digest', 'high', 'low'),
            fc.array(fc.oneof(fc.stringMatching(/^\d{1,22}$/), fc.record({ channel_id: fc.stringMatching(/^\d{1,22}$/), recipient: hostile })), { maxLength: 3 }),
            clock,
            fc.integer({ min: -1, max: 20_000 }),
          ]),
        ),
      )
      .map(([method, id, body]) => (method === 'POST' ? { method, path: '/api/alerts/rules', body } : { method, path: `/api/alerts/rules/${id}`, ...(method === 'PATCH' ? { body } : {}) })),
  );

  it('answers ids and numbers out of every range with a 4xx', async () => {
    const huge = '9'.repeat(25);
    const edge: Call[] = [
      { method: 'POST', path: `/api/incidents/${huge}/status`, body: '{"status":"acknowledged"}' },
      { method: 'POST', path: `/api/incidents/${incidentId}/evidence`, body: `{"post_id":"${huge}"}` },
      { method: 'POST', path: `/api/alerts/channels/${huge}/test`, body: '{}' },
      { method: 'GET', path: `/api/admin/audit?before=${huge}` },
      { method: 'GET', path: `/api/incidents?limit=1e400` },
      { method: 'GET', path: `/api/evidence/${'f'.repeat(64)}` },
      { method: 'PUT', path: '/api/reports/response-time/settings', body: `{"channel_ids":["${huge}"]}` },
      { method: 'DELETE', path: '/api/sla/holidays/0000-00-00' },
      { method: 'POST', path: '/api/sla/holidays', body: '{"day":"0001-01-01","name":"x"}' },
      // Half an emoji: valid JSON that Postgres jsonb refuses (the audit log's details).
      { method: 'POST', path: '/api/sla/holidays', body: '{"name":"\\ud800","day":"1970-01-01"}' },
    ];
    for (const call of edge) {
      const response = await app.request(call.path, {
        method: call.method,
        headers: { ...auth, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(call.body !== undefined ? { body: call.body } : {}),
      });
      expect(response.status, `${call.method} ${call.path} ${call.body ?? ''}: ${await response.text()}`).toBeLessThan(500);
    }
  });

  it('answers any input with 2xx, 3xx or 4xx, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(calls, async (call) => {
        const response = await app.request(call.path, {
          method: call.method,
          headers: { ...auth, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(call.body !== undefined ? { body: call.body } : {}),
        });
        if (response.status >= 500) throw new Error(`${call.method} ${call.path} ${call.body ?? ''} → ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      }),
      { numRuns: RUNS * 3 },
    );
  });
});
