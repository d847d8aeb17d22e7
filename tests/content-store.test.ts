import { createHash } from 'node:crypto';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentStore, ContentStoreError, sniffImageType } from '../src/storage/content-store.js';

describe('ContentStore', () => {
  it('stores content once under its sha256 and reads it back', async () => {
    const store = new ContentStore(await mkdtemp(path.join(os.tmpdir(), 'langnghe-cs-')));
    const a = await store.put(Buffer.from('bằng chứng'));
    const again = await store.put(Buffer.from('bằng chứng'));
    expect(a.sha256).toBe(createHash('sha256').update('bằng chứng').digest('hex'));
    expect(a.bytes).toBe(Buffer.byteLength('bằng chứng'));
    expect(again).toEqual(a);
    expect(a.relativePath).toBe(path.join(a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256));
    expect((await store.get(a.sha256))?.toString()).toBe('bằng chứng');
    expect(await readdir(path.join(store.root, a.sha256.slice(0, 2), a.sha256.slice(2, 4)))).toEqual([a.sha256]);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(ContentStoreError);
  });

  it('reports a write failure with its code instead of crashing', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'langnghe-cs-'));
    await writeFile(path.join(root, 'blocked'), 'a file where a folder should be');
    const store = new ContentStore(path.join(root, 'blocked'));
    const error = await store.put(Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentStoreError);
    expect((error as ContentStoreError).code).toBe('ENOTDIR');
  });

  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    [[...Buffer.from('RIFF1234WEBPVP8 ')], 'image/webp'],
    [[...Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">')], undefined],
    [[...Buffer.from('GIF89a')], undefined],
  ])('sniffs %j as %s', (bytes, type) => expect(sniffImageType(Buffer.from(bytes))).toBe(type));
});
