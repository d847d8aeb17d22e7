// Fields every log line of a unit of work carries (a job's queue, id and name, the ids its payload
// names), without passing a child logger down through every use case: the logger's mixin reads them
// from the async context the job runs in (src/config/logger.ts).
import { AsyncLocalStorage } from 'node:async_hooks';

type Bindings = Readonly<Record<string, unknown>>;

const storage = new AsyncLocalStorage<Bindings>();

/** Runs `run` with these fields added to every log line written inside it (nested calls add up). */
export function withLogBindings<T>(bindings: Bindings, run: () => T): T {
  return storage.run({ ...storage.getStore(), ...bindings }, run);
}

/** The fields of the unit of work in progress; the logger's mixin. */
export function currentLogBindings(): Record<string, unknown> {
  return { ...storage.getStore() };
}

/**
 * The ids a job payload names, as the log fields the code already uses: sourceId → source,
 * incidentId → incident, postId → post… (payloads carry ids, never rows).
 */
export function payloadLogBindings(payload: unknown): Record<string, string> {
  const bindings: Record<string, string> = {};
  if (!payload || typeof payload !== 'object') return bindings;
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === 'string' && /^[a-z]+Id$/.test(key)) bindings[key.slice(0, -2)] = value;
  }
  return bindings;
}

/** The ids a request path names, for the log lines of that request (…/incidents/12 → incident 12). */
export function requestLogBindings(path: string): Record<string, string> {
  const incident = /^\/(?:api\/)?incidents\/(\d+)(?:\/|$)/.exec(path)?.[1];
  if (incident) return { incident };
  const source = /^\/(?:api\/)?sources\/(\d+)(?:\/|$)/.exec(path)?.[1];
  return source ? { source } : {};
}
