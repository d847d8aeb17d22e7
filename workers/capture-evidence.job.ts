import type { JobHandler } from '../src/queue/queue.js';
import type { AppContext } from '../src/context.js';
import { captureEvidence } from '../src/evidence/capture-evidence.js';

/**
 * Every attempt is recorded (evidence rows, failures with their reason); while something
 * retryable failed (server error, timeout, disk full) the job throws so BullMQ retries it with
 * backoff, capturing again only what this job has not captured yet. A refused URL or a 4xx is not retried.
 */
export const captureEvidenceJob = (context: AppContext): JobHandler<'capture-evidence'> => async (payload, job) => {
  const outcome = await captureEvidence(context, payload, { skipCapturedSince: new Date(job.timestamp) });
  const retryable = outcome.failures.filter((f) => f.retryable);
  if (retryable.length) throw new Error(`evidence incomplete: ${retryable.map((f) => `${f.kind}: ${f.error}`).join('; ')}`);
  return { status: outcome.status, captured: outcome.captured, failed: outcome.failures.map((f) => f.kind) };
};
