// GET /api/trends?from=&to=&bucket=day|week — volume by category and source type, sentiment, the
// "phủ xanh" share per bucket, and the period's top stories (src/trends/). Every signed-in role.
import { Hono } from 'hono';
import { zValidator } from '@hono/zod-validator';
import type { Db } from '../../db/database.js';
import { buildTrends, trendsPeriod, trendsQuerySchema } from '../../trends/trends.js';
import type { AuthEnv } from '../auth.js';
import { invalidInput } from './validation.js';

export function trendsApi(db: Db) {
  return new Hono<AuthEnv>().get('/', zValidator('query', trendsQuerySchema, invalidInput), async (c) => {
    const query = c.req.valid('query');
    return c.json(await buildTrends(db, trendsPeriod(query), query.bucket));
  });
}
