// Content-addressed files under DATA_DIR: a blob is stored once under its sha256 and never changed,
// so evidence keeps what was seen even after the original post is deleted or edited.
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface StoredBlob {
  readonly sha256: string;
  readonly bytes: number;
  /** Path relative to the store root. */
  readonly relativePath: string;
}

/** The areas under DATA_DIR: captured evidence, and screenshots uploaded with manual reports. */
export const EVIDENCE_AREA = 'evidence';
export const UPLOADS_AREA = 'uploads';

export class ContentStoreError extends Error {
  override readonly name = 'ContentStoreError';
  constructor(
    message: string,
    /** ENOSPC, EDQUOT…: the disk is full; the caller records it and goes on. */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

export class ContentStore {
  constructor(readonly root: string) {}

  static forDataDir(dataDir: string, area: string): ContentStore {
    return new ContentStore(path.resolve(dataDir, area));
  }

  relativePathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new ContentStoreError(`not a sha256: ${sha256.slice(0, 80)}`, undefined);
    return path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Writes atomically (temporary file, fsync, rename); storing the same content twice is a no-op. */
  async put(content: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const relativePath = this.relativePathOf(sha256);
    const target = path.join(this.root, relativePath);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.size === content.length) return { sha256, bytes: content.length, relativePath };
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(target), { recursive: true });
      const handle = await open(temporary, 'w', 0o640);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      throw new ContentStoreError(`could not store ${sha256}: ${(error as Error).message}`, code);
    }
    return { sha256, bytes: content.length, relativePath };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    return readFile(path.join(this.root, this.relativePathOf(sha256))).catch(() => undefined);
  }

  async has(sha256: string): Promise<boolean> {
    return access(path.join(this.root, this.relativePathOf(sha256))).then(
      () => true,
      () => false,
    );
  }

  /** Deletes a blob (retention, erasure on request); true if a file was deleted, false if there was none. */
  async remove(sha256: string): Promise<boolean> {
    try {
      await unlink(path.join(this.root, this.relativePathOf(sha256)));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}

/** Image types accepted for uploads, recognised by their first bytes (never by the name or the browser's word). */
export function sniffImageType(content: Buffer): 'image/png' | 'image/jpeg' | 'image/webp' | undefined {
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.length >= 12 && content.toString('latin1', 0, 4) === 'RIFF' && content.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}
