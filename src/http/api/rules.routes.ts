import { Hono } from 'hono';
import type { Db } from '../../db/database.js';
import { ruleStats } from '../../incidents/rule-feedback.js';
import type { AuthEnv } from '../auth.js';

export function rulesApi(db: Db) {
  return new Hono<AuthEnv>().get('/stats', async (c) => c.json({ items: await ruleStats(db) }));
}
