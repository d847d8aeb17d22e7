// The scheduled alert checks (job alert-checks, every ALERT_CHECKS_INTERVAL_SECONDS): the spike
// scan, source failing / silent, silent unit pages, the daily digest. Each step is idempotent; one failing does not
// stop the others, and the job fails (logged) if any did — the next run retries.
import type { AppContext } from '../context.js';
import { runDigest } from './digest.js';
import { planUnplannedAlerts, runSourceAlerts } from './source-alerts.js';
import { runSpikeScan } from './spike-scan.js';
import { runUnitPageAlerts } from '../channels/silent-pages.js';

type Ctx = Pick<AppContext, 'db' | 'config' | 'queues' | 'logger'>;

export async function runAlertChecks(ctx: Ctx, now = new Date()) {
  const errors: unknown[] = [];
  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (error) {
      ctx.logger.error({ err: error, check: name }, 'alert check failed');
      errors.push(error);
      return undefined;
    }
  };
  const spikes = await attempt('spikes', () => runSpikeScan(ctx, now));
  const sources = await attempt('sources', () => runSourceAlerts(ctx, now));
  const unitPages = await attempt('unit-pages', () => runUnitPageAlerts(ctx, now));
  const digest = await attempt('digest', () => runDigest(ctx, now));
  // A spike or digest stored by a run that died before planning it (the steps above skip alerts
  // already stored): planned now. Source alerts are caught up by runSourceAlerts itself.
  await attempt('catch-up', () => planUnplannedAlerts(ctx, ['spike', 'daily_digest'], now));
  if (errors.length) throw errors[0] instanceof Error ? errors[0] : new Error(String(errors[0]));
  return { spikesStarted: spikes?.started.length ?? 0, seriesJudged: spikes?.series ?? 0, sourceAlerts: sources?.alerts.length ?? 0, unitPageAlerts: unitPages?.alerts.length ?? 0, digest: digest ?? null };
}
