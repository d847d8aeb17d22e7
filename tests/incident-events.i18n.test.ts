// Issue 14, defect: the incident timeline showed raw event names (sla_breached, sla_due_soon).
// Every event type the code writes is in INCIDENT_EVENT_TYPES, each has a Vietnamese name in the
// i18n table, and the incident page (and the JSON-free places people read) never shows a raw name.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as messages } from '../dashboards/i18n.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createApp, type App } from '../src/http/app.js';
import { INCIDENT_EVENT_TYPES } from '../src/incidents/incident-events.js';
import { changeStatus, recordAction } from '../src/incidents/workflow.js';
import { runSlaCheck } from '../src/sla/sla-check.js';
import { upsertUser } from '../src/users/user.repository.js';
import { signInForm } from './support/http-session.js';
import { createTestServices, type TestServices } from './support/services.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(entries.map((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return files.flat().filter((f) => /\.tsx?$/.test(f));
}

describe('incident event names', () => {
  it('every event type has a Vietnamese name', () => {
    for (const type of INCIDENT_EVENT_TYPES) {
      const name = (messages.incident.events as Record<string, string>)[type];
      expect(name, type).toBeTruthy();
      expect(name).not.toBe(type);
      expect(name).not.toMatch(/_/);
    }
  });

  it('every event type the code writes is a declared one, and every declared one is written', async () => {
    // Writers: the files that insert into incident_events, directly or through its helpers.
    const writers: string[] = [];
    for (const file of [...(await sourceFiles(path.join(ROOT, 'src'))), ...(await sourceFiles(path.join(ROOT, 'workers')))]) {
      const text = await readFile(file, 'utf8');
      if (/insertInto\('incident_events'\)|appendIncidentEvent\(|addMember\(/.test(text)) writers.push(text);
    }
    expect(writers.length).toBeGreaterThanOrEqual(5);
    const written = new Set<string>();
    for (const text of writers) for (const match of text.matchAll(/\b(?:type|event): '([a-z_]+)'/g)) written.add(match[1]!);
    // Other `type:` literals in these files that are not event types.
    const notEvents = new Set(['phrase', 'exponential']);
    for (const type of written) if (!notEvents.has(type)) expect(INCIDENT_EVENT_TYPES as readonly string[], `event type "${type}" written but not declared`).toContain(type);
    for (const type of INCIDENT_EVENT_TYPES) expect([...written], `declared "${type}" never written`).toContain(type);
  });
});

describe('the incident timeline in Vietnamese', () => {
  let services: TestServices;
  let context: OpenedContext;
  let app: App;

  beforeAll(async () => {
    services = await createTestServices('event_labels');
    context = await openContext(services.config);
    app = createApp(context);
    await upsertUser(context.db, { username: 'ctv1', displayName: 'CTV 1', password: 'mat-khau-dai-du', role: 'collaborator' });
  });
  afterAll(async () => {
    await context?.close();
    await services?.cleanup();
  });

  it('shows SLA events and every other event by its Vietnamese name, never the raw one', async () => {
    const now = new Date();
    const incident = await context.db
      .insertInto('incidents')
      .values({
        title: 'Tin đồn về dự án đường tránh',
        category: 'tin_sai_su_that',
        severity: 'high',
        detected_at: new Date(now.getTime() - 10 * 3_600_000),
        ack_warn_at: new Date(now.getTime() - 8 * 3_600_000),
        ack_due_at: new Date(now.getTime() + 3_600_000),
        resolve_warn_at: new Date(now.getTime() - 3_600_000),
        resolve_due_at: new Date(now.getTime() - 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The scheduled check marks it "due soon" (acknowledgement) and "breached" (resolution).
    await runSlaCheck(context.db, now);
    const actor = { name: 'ctv1', userId: null };
    await changeStatus(context.db, { incidentId: incident.id, actor, request: { to: 'acknowledged' } });
    await recordAction(context.db, { incidentId: incident.id, actor, type: 'replied_on_fanpage' });
    const types = (await context.db.selectFrom('incident_events').select('type').where('incident_id', '=', incident.id).execute()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['sla_due_soon', 'sla_breached', 'status_changed', 'action_recorded']));

    const { cookie } = await signInForm(app, 'ctv1', 'mat-khau-dai-du', '/');
    const html = await (await app.request(`/incidents/${incident.id}`, { headers: { cookie } })).text();
    const timeline = html.slice(html.indexOf(messages.incident.timeline));
    expect(timeline).toContain(`${messages.incident.events.sla_due_soon} · ${messages.incident.slaClocks.ack}`);
    expect(timeline).toContain(`${messages.incident.events.sla_breached} · ${messages.incident.slaClocks.resolve}`);
    expect(timeline).toContain(messages.incident.events.action_recorded);
    for (const type of INCIDENT_EVENT_TYPES) expect(timeline).not.toMatch(new RegExp(`>[^<]*\\b${type}\\b[^<]*<`));
  });
});
