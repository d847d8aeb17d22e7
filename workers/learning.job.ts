// Thin handlers: a retrain asked on the rules page, and the weekly one (src/learning/run-training.ts).
import type { AppContext } from '../src/context.js';
import type { JobHandler } from '../src/queue/queue.js';
import { retrainWeekly, runModelTraining } from '../src/learning/run-training.js';

export const RETRAIN_WEEKLY_SCHEDULER_ID = 'retrain-weekly';

export const trainModelJob = (context: AppContext): JobHandler<'train-model'> => async (payload) => {
  const outcome = await runModelTraining({ db: context.db }, payload.versionId);
  if (outcome) context.logger.info({ version: payload.versionId, examples: outcome.examples, cv: outcome.cv }, 'model trained');
  return { trained: outcome !== null };
};

export const retrainWeeklyJob = (context: AppContext): JobHandler<'retrain-weekly'> => async () => {
  const result = await retrainWeekly({ db: context.db });
  if (result.trained) context.logger.info({ version: result.id }, 'weekly model candidate trained');
  return result;
};
