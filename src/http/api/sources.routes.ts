// GET /api/sources — every source with its health; secrets never leave (redacted to "[set]").
import { Hono } from 'hono';
import type { Db } from '../../db/database.js';
import { redactConfigSecrets } from '../../config/secrets.js';
import { isSilent, listSources } from '../../sources/source.repository.js';
import type { AuthEnv } from '../auth.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function sourcesApi(db: Db) {
  return new Hono<AuthEnv>().get('/', async (c) => {
    const now = new Date();
    const [sources, units] = await Promise.all([listSources(db), db.selectFrom('units').select(['id', 'name', 'kind']).execute()]);
    const unitOf = new Map(units.map((u) => [u.id, u]));
    return c.json({
      items: sources.map((s) => ({
        id: s.id,
        name: s.name,
        type: s.type,
        enabled: s.enabled,
        interval_seconds: s.interval_seconds,
        is_commune_channel: s.is_commune_channel,
        // The unit whose page this is (issue 15), or null.
        unit: (s.unit_id && unitOf.get(s.unit_id)) || null,
        config: redactConfigSecrets(s.config),
        health: {
          status: s.health,
          silent: isSilent(s, now),
          last_checked_at: iso(s.last_checked_at),
          last_success_at: iso(s.last_success_at),
          last_new_item_at: iso(s.last_new_item_at),
          last_error: s.last_error,
          consecutive_failures: s.consecutive_failures,
          items_last_run: s.items_last_run,
          backoff_until: s.backoff_until && s.backoff_until > now ? s.backoff_until.toISOString() : null,
        },
      })),
    });
  });
}
