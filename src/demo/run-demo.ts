// `npm run demo`: everything in one process — migrations, a demo commune and admin, the sample
// feeds on a local server, the workers and the dashboard. Safe to run again: set-up is idempotent.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AppConfig } from '../config/env.js';
import { openContext, onShutdown } from '../bootstrap.js';
import { communeProfileSchema } from '../analysis/types.js';
import { saveCommuneProfile } from '../commune/profile.repository.js';
import { jobIds } from '../queue/jobs.js';
import { upsertSource } from '../sources/source.repository.js';
import { syncSourceSchedules } from '../sources/schedule.js';
import { createApiToken, upsertUser } from '../users/user.repository.js';
import { closeHttpServer, startHttpServer } from '../http/server.js';
import { startWorkerPool } from '../../workers/workers.js';
import { SAMPLE_FEEDS, SAMPLES_DIR, startSampleServer } from './sample-server.js';
import { startGraphStandIn } from './graph-stand-in.js';
import { DEMO_PAGE_TOKEN, SAMPLE_UNIT_PAGES } from './sample-fanpages.js';
import { ensureUnit } from '../channels/units.js';

export const DEMO_USERNAME = 'admin';
const SAMPLE_POLITENESS_MS = 500;

export async function runDemo(baseConfig: AppConfig, print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<() => Promise<void>> {
  // The sample feeds and their article pages are served on loopback, which the SSRF guard refuses:
  // the demo explicitly allows its own sample host (collection and evidence capture alike), and
  // waits less between two pages of it (WEB_POLITENESS_MS is for other people's sites).
  const samples = await startSampleServer();
  const config: AppConfig = {
    ...baseConfig,
    FETCH_ALLOW_HOSTS: [...new Set([...baseConfig.FETCH_ALLOW_HOSTS, new URL(samples.baseUrl).hostname])],
    WEB_POLITENESS_MS: Math.min(baseConfig.WEB_POLITENESS_MS, SAMPLE_POLITENESS_MS),
  };
  const context = await openContext(config, { migrate: true }).catch(async (error: unknown) => {
    await samples.close();
    throw error;
  });
  const { db, queues, logger } = context;

  const profile = communeProfileSchema.parse(JSON.parse(await readFile(`${SAMPLES_DIR}profile.json`, 'utf8')));
  await saveCommuneProfile(db, profile);

  const password = randomBytes(9).toString('base64url');
  const admin = await upsertUser(db, { username: DEMO_USERNAME, displayName: 'Quản trị viên (demo)', password, role: 'admin' });
  const { token } = await createApiToken(db, { name: 'demo', role: 'admin', userId: admin.id });

  const sources = [];
  for (const feed of SAMPLE_FEEDS) {
    sources.push(
      await upsertSource(db, {
        name: feed.name,
        type: 'rss',
        config: { url: samples.urlOf(feed) },
        intervalSeconds: 60,
        isCommuneChannel: feed.isCommuneChannel,
      }),
    );
  }

  // The commune's own channels: units, and their Facebook pages served by a local Graph API
  // stand-in; a reply sent from an incident page appears on the stand-in's page.
  const now = Date.now();
  const graph = await startGraphStandIn({
    pages: Object.fromEntries(SAMPLE_UNIT_PAGES.flatMap((u) => (u.page ? [[u.page.id, u.page.posts(now)]] : []))),
    pageNames: Object.fromEntries(SAMPLE_UNIT_PAGES.flatMap((u) => (u.page ? [[u.page.id, u.page.name]] : []))),
    tokens: { [DEMO_PAGE_TOKEN]: 'ok' },
    // Its posts link to pages of its own, so the demo captures their evidence like the feeds'.
    permalinks: 'local',
  });
  const fanpages = [];
  for (const sample of SAMPLE_UNIT_PAGES) {
    const unitId = await ensureUnit(db, sample.unit);
    if (!sample.page) continue;
    fanpages.push(
      await upsertSource(
        db,
        { name: sample.page.name, type: 'facebook_page', config: { pageId: sample.page.id, token: DEMO_PAGE_TOKEN, graphUrl: graph.url }, intervalSeconds: 60, isCommuneChannel: true, unitId },
        { secretKey: config.SECRET_KEY },
      ),
    );
  }

  const workers = await startWorkerPool(context);
  await syncSourceSchedules(db, queues);
  // Collect once right away rather than waiting for the first tick.
  for (const source of sources) await queues.enqueue('collect-rss', { sourceId: source.id }, { jobId: jobIds.collectNow(source.id, Date.now()) });
  for (const source of fanpages) await queues.enqueue('collect-facebook', { sourceId: source.id }, { jobId: jobIds.collectNow(source.id, Date.now()) });
  // The daily figures of the unit pages once the pages are in (then hourly, as in production).
  await queues.enqueue('channel-stats', {}, { jobId: `channel-stats-demo-${now}`, delay: 20_000 });
  const server = await startHttpServer(context);

  const dashboardUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  print(`Dashboard: ${dashboardUrl}`);
  print(`Login: ${DEMO_USERNAME} / ${password}`);
  print(`API token: ${token}`);
  print(`Sample fanpages (Graph API stand-in): ${graph.url}/ — answer the complaint from its incident ("Trả lời trên fanpage"), then reload it to see the reply.`);
  print(`Sample feeds: ${samples.baseUrl}/feeds/ (${SAMPLE_FEEDS.length} sources, collected every 60 s). Press Ctrl-C to stop.`);
  logger.info({ sources: sources.map((s) => s.id), fanpages: fanpages.map((s) => s.id) }, 'demo running');

  return async () => {
    await closeHttpServer(server);
    await workers.close();
    await samples.close();
    await graph.close();
    await context.close();
  };
}

export async function runDemoUntilSignal(config: AppConfig): Promise<void> {
  const stop = await runDemo(config);
  const { createLogger } = await import('../config/logger.js');
  onShutdown(createLogger(config), stop);
}
