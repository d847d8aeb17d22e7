// Every job type, declared once: its queue, its payload schema, its default options.
// Payloads carry ids, never rows. Job ids are deterministic so a re-enqueue deduplicates.
import { z } from 'zod';

const id = z.string().regex(/^\d+$/, 'a numeric id');

export const jobDefinitions = {
  collect: {
    queue: 'collect',
    payload: z.object({ sourceId: id }),
    attempts: 3,
  },
  analyze: {
    queue: 'analyze',
    payload: z.object({ postId: id }),
    attempts: 5,
  },
} as const;

export type JobName = keyof typeof jobDefinitions;
export type JobPayload<N extends JobName> = z.infer<(typeof jobDefinitions)[N]['payload']>;
export type QueueName = (typeof jobDefinitions)[JobName]['queue'];
export const QUEUE_NAMES = [...new Set(Object.values(jobDefinitions).map((d) => d.queue))] as QueueName[];

/** BullMQ job ids must not contain ':'; these never do. */
export const jobIds = {
  analyze: (postId: string) => `analyze-${postId}`,
  collectSchedule: (sourceId: string) => `collect-source-${sourceId}`,
  collectNow: (sourceId: string, at: number) => `collect-${sourceId}-${at}`,
} as const;
