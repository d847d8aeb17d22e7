// GET /api/evidence/:sha256 — a stored evidence blob, for any signed-in principal, with a type
// that no browser will render as a page: PNG screenshots as image/png, HTML snapshots as plain
// text in an attachment (a captured page never runs in our origin), raw payloads as JSON.
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import type { AppConfig } from '../../config/env.js';
import type { Db } from '../../db/database.js';
import type { EvidenceKind } from '../../db/schema.js';
import { EVIDENCE_AREA } from '../../evidence/capture-evidence.js';
import { findEvidenceBlob } from '../../evidence/evidence.repository.js';
import { ContentStore, sniffImageType } from '../../storage/content-store.js';
import type { AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

const shaParam = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex sha256') });

const SERVED_AS: Readonly<Record<EvidenceKind, { type: string; attachment?: string }>> = {
  screenshot: { type: 'image/png' },
  html: { type: 'text/plain; charset=utf-8', attachment: 'html' },
  raw: { type: 'application/json' },
  text: { type: 'text/plain; charset=utf-8' },
};

export function evidenceApi(db: Db, config: Pick<AppConfig, 'DATA_DIR'>) {
  const store = ContentStore.forDataDir(config.DATA_DIR, EVIDENCE_AREA);
  return new Hono<AuthEnv>().get('/:sha256', zValidator('param', shaParam, invalidInput), async (c) => {
    const { sha256 } = c.req.valid('param');
    // Only blobs listed as evidence are served, never anything else the store may hold.
    const row = await findEvidenceBlob(db, sha256);
    const content = row ? await store.get(sha256) : undefined;
    if (!row || !content) return c.json({ error: 'not_found', message: `no evidence ${sha256}` }, 404);
    const served = SERVED_AS[row.kind];
    // A screenshot that is not a PNG (it always is) is served as bytes to download, not as an image.
    const type = row.kind === 'screenshot' && sniffImageType(content) !== 'image/png' ? 'application/octet-stream' : served.type;
    const headers: Record<string, string> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=86400, immutable',
      'content-security-policy': "default-src 'none'; sandbox",
    };
    if (served.attachment || type === 'application/octet-stream') {
      headers['content-disposition'] = `attachment; filename="evidence-post${row.post_id}-${sha256.slice(0, 12)}.${served.attachment ?? 'bin'}"`;
    }
    return c.body(new Uint8Array(content), 200, headers);
  });
}

/** The request schemas, for the OpenAPI description (src/http/api/docs.routes.ts). */
export const evidenceApiSchemas = { shaParam };
