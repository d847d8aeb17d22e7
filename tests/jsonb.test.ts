// What goes into a jsonb column is well-formed: a lone UTF-16 surrogate (half an emoji) becomes
// U+FFFD, in values and keys, and pairs (whole emoji) are kept; a collected post cut in the middle
// of an emoji is stored, analysed and opens its incident like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { jsonb, wellFormed } from '../src/db/jsonb.js';
import { analyzeBatch } from '../src/posts/analyze-batch.js';
import { storeCollectedItems } from '../src/posts/post.repository.js';
import { upsertSource } from '../src/sources/source.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

let services: TestServices;
let context: OpenedContext;

beforeAll(async () => {
  services = await createTestServices('jsonb');
  context = await openContext(services.config);
  await saveCommuneProfile(context.db, { commune: 'Phủ Thông', aliases: [], places: ['thôn Nà Pài'] });
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

describe('jsonb', () => {
  it('replaces lone surrogates and keeps whole emoji', () => {
    expect(wellFormed('a\ud800b')).toBe('a\ufffdb');
    expect(wellFormed('\udc00x')).toBe('\ufffdx');
    expect(wellFormed('😀 \ud83d')).toBe('😀 \ufffd');
    expect(wellFormed('\udfff\ud800')).toBe('\ufffd\ufffd');
    expect(wellFormed('đường làng 😀')).toBe('đường làng 😀');
  });

  it('writes no surrogate escape, in nested values or keys', () => {
    const text = jsonb({ name: '\ud800', list: ['ok', { deep: 'x\udc00' }], ['k\ud800']: 1, emoji: '😀' });
    expect(text).not.toMatch(/\\ud[89a-f]/i);
    expect(JSON.parse(text)).toEqual({ name: '\ufffd', list: ['ok', { deep: 'x\ufffd' }], ['k\ufffd']: 1, emoji: '😀' });
  });

  it('is JSON.stringify for well-formed values', () => {
    const value = { a: [1, null, true, 'đ'], b: { c: 'x' } };
    expect(jsonb(value)).toBe(JSON.stringify(value));
  });
});

describe('a post with half an emoji', () => {
  it('is stored with its raw payload, analysed and filed', async () => {
    const source = await upsertSource(context.db, { name: 'Nhóm Zalo thôn', type: 'manual', config: {} });
    // A sender cut the post inside an emoji: the body and the raw payload end in a lone high surrogate.
    const body = 'Dân thôn Nà Pài xã Phủ Thông bức xúc vì chưa được bồi thường giải phóng mặt bằng dự án đường, đề nghị xã trả lời \ud83d';
    const stored = await storeCollectedItems(
      context.db,
      source,
      [{ externalId: 'cut-1', url: null, title: null, body, author: 'ai-do', publishedAt: null, engagement: 0, parentExternalId: null, raw: { message: body, ['\udc00']: 1 } }],
      services.config.SECRET_KEY,
    );
    expect(stored.inserted).toBe(1);
    const row = await context.db.selectFrom('posts').select(['id', 'raw']).where('external_id', '=', 'cut-1').executeTakeFirstOrThrow();
    expect((row.raw as { message: string }).message.endsWith('\ufffd')).toBe(true);
    const analysed = await analyzeBatch(context, stored.pendingAnalysis);
    expect(analysed.incidentIds).toHaveLength(1);
    const events = await context.db.selectFrom('incident_events').select('type').where('incident_id', '=', analysed.incidentIds[0]!).execute();
    expect(events.map((e) => e.type)).toContain('created');
  });
});
