// Retrains a model version for the running system: the commune's stored examples and the active
// rule pack, trained in a child process (see train-process.ts), stored as a candidate that an
// admin may activate. Safe to run again: the row is found by its id or request key.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { communeFiguresSchema, modelFileSchema } from '../analysis/model/model-file.js';
import type { Db } from '../db/database.js';
import { activeRulePack } from '../rules/rule-pack.repository.js';
import { REPO_ROOT } from './base-examples.js';
import { loadStoredExamples } from './example.repository.js';
import { ensureModelRequest, markFailed, markTraining, requestModelTraining, storeTrainedModel, type ModelVersionSummary } from './model.repository.js';
import type { AdminActor } from '../audit/admin-audit.js';
import type { JobQueues } from '../queue/queue.js';
import { jobIds } from '../queue/jobs.js';
import type { TrainOutcome, TrainRequest } from './train-model.js';

const TRAIN_SCRIPT = fileURLToPath(new URL('./train-process.ts', import.meta.url));
/** A training that takes longer than this is stuck: the child is killed and the job fails. */
export const TRAINING_TIMEOUT_MS = 15 * 60_000;

/** Trains in a child Node process (tsx runs the TypeScript), so the caller's event loop stays free. */
export function trainInChildProcess(request: TrainRequest, timeoutMs = TRAINING_TIMEOUT_MS): Promise<TrainOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', TRAIN_SCRIPT], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const reason = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-3).join(' | ');
        reject(new Error(`training process ended with ${signal ?? `code ${code}`}${reason ? `: ${reason}` : ''}`));
        return;
      }
      try {
        const outcome = JSON.parse(Buffer.concat(out).toString('utf8')) as TrainOutcome;
        resolve({ ...outcome, model: modelFileSchema.parse(outcome.model), commune: communeFiguresSchema.nullable().parse(outcome.commune ?? null) });
      } catch (error) {
        reject(new Error(`training process answered something unreadable: ${(error as Error).message}`));
      }
    });
    child.stdin.end(JSON.stringify(request));
  });
}

export interface TrainingDeps {
  readonly db: Db;
  /** Replaceable in tests; the child process by default. */
  readonly train?: (request: TrainRequest) => Promise<TrainOutcome>;
}

/** Trains the version `id` (a queued or failed row) and stores it as a ready candidate. */
export async function runModelTraining(deps: TrainingDeps, id: string): Promise<TrainOutcome | null> {
  const { db } = deps;
  const row = await db.selectFrom('model_versions').select(['status']).where('id', '=', id).executeTakeFirst();
  if (!row || row.status === 'ready') return null;
  await markTraining(db, id);
  try {
    const [added, rules] = await Promise.all([loadStoredExamples(db), activeRulePack(db)]);
    const outcome = await (deps.train ?? trainInChildProcess)({ rules: rules.pack.rules, rulePack: rules.id ?? 'default', added });
    await storeTrainedModel(db, id, outcome.model, rules.id, outcome.commune ?? null);
    return outcome;
  } catch (error) {
    await markFailed(db, id, (error as Error).message);
    throw error;
  }
}

/** The ISO 8601 week of a day in Asia/Ho_Chi_Minh, e.g. "2026-W49". */
export function isoWeek(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The weekly retrain: one candidate per week, never activated by itself. */
export async function retrainWeekly(deps: TrainingDeps, now = new Date()): Promise<{ id: string; trained: boolean }> {
  const { id, status } = await ensureModelRequest(deps.db, `weekly:${isoWeek(now)}`, 'weekly');
  if (status === 'ready') return { id, trained: false };
  await runModelTraining(deps, id);
  return { id, trained: true };
}

/**
 * "Huấn luyện lại": a queued version and its job. Used by the rules page and the API; a queue that
 * does not answer marks the version failed with the reason (nothing stays queued for ever).
 */
export async function requestRetrain(
  deps: { db: Db; queues: Pick<JobQueues, 'enqueue'> },
  actor: AdminActor,
  note: string | null,
): Promise<ModelVersionSummary> {
  const version = await requestModelTraining(deps.db, actor, note);
  try {
    await deps.queues.enqueue('train-model', { versionId: version.id }, { jobId: jobIds.trainModel(version.id) });
  } catch (error) {
    await markFailed(deps.db, version.id, `could not queue the training: ${(error as Error).message}`);
    throw error;
  }
  return version;
}
