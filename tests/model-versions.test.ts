// Issue 13, model versions: a retrain trained in the real child process on the commune's stored
// examples, stored ready with its cross-validated figures; activated, the analyzer provider uses
// it and each analysis records it; another activation or the shipped model rolls it back; what
// is not trained cannot be activated; the weekly retrain trains once a week and never activates;
// the admin API.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { createAnalyzer, loadDefaultRulePack } from '../src/analysis/index.js';
import { loadDefaultModel } from '../src/analysis/model/default-model.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { createApp, type App } from '../src/http/app.js';
import { parseExampleLines } from '../src/learning/example-line.js';
import { importExamples } from '../src/learning/example.repository.js';
import {
  activateModelVersion,
  getModelVersion,
  loadModelVersion,
  ModelVersionError,
  requestModelTraining,
  restoreDefaultModel,
  storeTrainedModel,
} from '../src/learning/model.repository.js';
import { isoWeek, retrainWeekly, runModelTraining, trainInChildProcess } from '../src/learning/run-training.js';
import type { TrainRequest } from '../src/learning/train-model.js';
import { createAnalyzerProvider } from '../src/posts/analyzer-provider.js';
import { analyzePost } from '../src/posts/analyze-post.js';
import { jobIds } from '../src/queue/jobs.js';
import { createApiToken, upsertUser } from '../src/users/user.repository.js';
import { REPO_ROOT } from './support/cli.js';
import { createTestServices, waitFor, type TestServices } from './support/services.js';

const ROOT = REPO_ROOT;
const PROFILE = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/commune-profile.json'), 'utf8'));
const FIXTURE_LINES = readFileSync(path.join(ROOT, 'tests/fixtures/commune-posts.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const TEXT = 'Bà con thôn Nà Pài, xã Phủ Thông bức xúc vì đã hơn một năm chưa được bồi thường tiền đất làm đường, đề nghị xã trả lời.';

let services: TestServices;
let context: OpenedContext;
let app: App;
let sourceId: string;
const admin = { userId: null, name: 'quantri' };
const tokens = { admin: '', collaborator: '', reviewer: '' };
/** How many times the real child process was asked to train. */
let trainings = 0;
/** The real child process, on the stored examples alone (the base data would take a minute). */
const smallTrain = (request: TrainRequest) => {
  trainings++;
  return trainInChildProcess({ ...request, withoutBase: true });
};

beforeAll(async () => {
  services = await createTestServices('model_versions');
  context = await openContext(services.config);
  app = createApp(context);
  await saveCommuneProfile(context.db, PROFILE);
  const qt = await upsertUser(context.db, { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-dai-du', role: 'admin' });
  tokens.admin = (await createApiToken(context.db, { name: 'quantri', role: 'admin', userId: qt.id })).token;
  tokens.collaborator = (await createApiToken(context.db, { name: 'ctv', role: 'collaborator' })).token;
  tokens.reviewer = (await createApiToken(context.db, { name: 'bxd', role: 'reviewer' })).token;
  sourceId = (await context.db.insertInto('sources').values({ name: 'Nhóm Zalo thôn', type: 'manual', config: '{}', fetch_state: '{}' }).returning('id').executeTakeFirstOrThrow()).id;
  await storeExamples(0, 60);
});
afterAll(async () => {
  await context?.close();
  await services?.cleanup();
});

async function storeExamples(from: number, to: number): Promise<void> {
  const { examples, errors } = parseExampleLines(FIXTURE_LINES.slice(from, to).join('\n'));
  expect(errors).toEqual([]);
  await importExamples(context.db, examples, 'test');
}

let seq = 0;
/** A post analysed through the context's provider, as the analyze job does; its analyses row. */
async function analyseNewPost(text: string) {
  seq++;
  const post = await context.db.insertInto('posts').values({ source_id: sourceId, external_id: `m${seq}`, body: text, content_hash: `h${seq}`, raw: '{}' }).returning('id').executeTakeFirstOrThrow();
  await analyzePost(context, post.id);
  return context.db.selectFrom('analyses').selectAll().where('post_id', '=', post.id).executeTakeFirstOrThrow();
}

/** The context's own provider (the one workers use) once it serves `modelVersion`. */
const providerServes = (modelVersion: string | null) =>
  waitFor(async () => ((await context.analyzers.get()).modelVersion === modelVersion ? true : undefined), 15_000, `the provider to serve model ${modelVersion}`);

/** What an analyzer with exactly this model says of TEXT. */
const verdictWith = (model: Parameters<typeof createAnalyzer>[0]['model']) => createAnalyzer({ rules: loadDefaultRulePack().rules, profile: PROFILE, model }).analyze(TEXT);

/** The versions the round trip trains; the later blocks use them too. */
let first: string;
let second: string;
describe('a model version round trip', () => {

  it('trains a requested version in the child process and stores it ready, with its cross-validated figures', async () => {
    const requested = await requestModelTraining(context.db, admin, 'thử huấn luyện');
    expect(requested).toMatchObject({ status: 'queued', cv: null, active: false, origin: 'manual' });
    first = requested.id;
    const outcome = await runModelTraining({ db: context.db, train: smallTrain }, first);
    expect(outcome).not.toBeNull();
    expect(outcome!.examples).toBe(60);
    const stored = await getModelVersion(context.db, first);
    expect(stored).toMatchObject({ status: 'ready', error: null, examples: 60, added_examples: 60, active: false, note: 'thử huấn luyện' });
    expect(stored!.cv).toEqual(outcome!.cv);
    for (const v of Object.values(stored!.cv!)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // Beside them, the version and the shipped model on the commune's own 60 examples.
    expect(stored!.commune_figures).toEqual(outcome!.commune);
    expect(stored!.commune_figures!.examples).toBe(60);
    for (const figures of [stored!.commune_figures!.version, stored!.commune_figures!.shipped]) {
      expect(Object.keys(figures).sort()).toEqual(['category_micro_f1', 'flag_f1', 'polarity_acc']);
      for (const v of Object.values(figures)) expect(v).toBeGreaterThan(0);
    }
    expect(stored!.trained_at).toBeInstanceOf(Date);
    // A trained version is not trained again (a rerun of its job finds it done).
    expect(await runModelTraining({ db: context.db, train: smallTrain }, first)).toBeNull();
    expect(trainings).toBe(1);
  }, 180_000);

  it('activated, the provider uses it (within seconds for a running worker) and analyses record it', async () => {
    const before = await analyseNewPost(TEXT);
    expect(before.model_version).toBeNull();

    const activated = await activateModelVersion(context.db, first, admin);
    expect(activated).toMatchObject({ id: first, active: true });
    // A fresh provider sees it at once; the running one within its recheck.
    expect((await createAnalyzerProvider(context.db).get()).modelVersion).toBe(first);
    await providerServes(first);

    const row = await analyseNewPost(TEXT);
    expect(row.model_version).toBe(first);
    // Not only labelled: the analysis is the one this model gives, not the shipped model's.
    const expected = verdictWith(await loadModelVersion(context.db, first));
    const shipped = verdictWith(loadDefaultModel());
    expect(expected.sentiment.score).not.toBe(shipped.sentiment.score);
    expect({ categories: row.categories, sentiment: row.sentiment_score, flag: row.flag }).toEqual({ categories: expected.categories, sentiment: expected.sentiment.score, flag: expected.flag });
    expect({ categories: before.categories, sentiment: before.sentiment_score }).toEqual({ categories: shipped.categories, sentiment: shipped.sentiment.score });
    if (row.model !== null) expect(row.model).toMatchObject({ version: first });
  }, 60_000);

  it('activating another version switches to it; activating the first again and the shipped model roll back', async () => {
    await storeExamples(60, 120);
    second = (await requestModelTraining(context.db, admin, null)).id;
    const outcome = await runModelTraining({ db: context.db, train: smallTrain }, second);
    expect(outcome!.examples).toBe(120);
    expect((await getModelVersion(context.db, second))!.cv).toEqual(outcome!.cv);
    // A candidate, not in use until someone applies it.
    expect((await createAnalyzerProvider(context.db).get()).modelVersion).toBe(first);

    await activateModelVersion(context.db, second, admin);
    await providerServes(second);
    expect((await getModelVersion(context.db, first))!.active).toBe(false);
    expect((await analyseNewPost(TEXT)).model_version).toBe(second);

    await activateModelVersion(context.db, first, admin);
    await providerServes(first);
    expect((await analyseNewPost(TEXT)).model_version).toBe(first);

    await restoreDefaultModel(context.db, admin);
    expect((await createAnalyzerProvider(context.db).get()).modelVersion).toBeNull();
    await providerServes(null);
    const row = await analyseNewPost(TEXT);
    expect(row.model_version).toBeNull();
    expect(row.sentiment_score).toBe(verdictWith(loadDefaultModel()).sentiment.score);
    const active = await context.db.selectFrom('model_versions').select('id').where('active', '=', true).execute();
    expect(active).toEqual([]);
    const audit = await context.db.selectFrom('admin_events').select('action').where('action', 'like', 'model.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'model.retrain_requested',
      'model.activated',
      'model.retrain_requested',
      'model.activated',
      'model.activated',
      'model.default_restored',
    ]);
  }, 180_000);

  it('refuses to activate a version that is queued, failed or unknown', async () => {
    const queued = (await requestModelTraining(context.db, admin, null)).id;
    await expect(activateModelVersion(context.db, queued, admin)).rejects.toMatchObject({ code: 'not_ready' });

    const failed = (await requestModelTraining(context.db, admin, null)).id;
    const broken = async () => {
      throw new Error('hết bộ nhớ');
    };
    await expect(runModelTraining({ db: context.db, train: broken }, failed)).rejects.toThrow('hết bộ nhớ');
    expect(await getModelVersion(context.db, failed)).toMatchObject({ status: 'failed', error: 'hết bộ nhớ', cv: null });
    await expect(activateModelVersion(context.db, failed, admin)).rejects.toBeInstanceOf(ModelVersionError);
    await expect(activateModelVersion(context.db, failed, admin)).rejects.toMatchObject({ code: 'not_ready' });
    await expect(activateModelVersion(context.db, '999999', admin)).rejects.toMatchObject({ code: 'not_found' });
    expect(await context.db.selectFrom('model_versions').select('id').where('active', '=', true).execute()).toEqual([]);
  });

  it('the weekly retrain trains one candidate per week and never activates it', async () => {
    await activateModelVersion(context.db, first, admin);
    const monday = new Date('2026-12-07T03:00:00Z');
    const friday = new Date('2026-12-11T10:00:00Z');
    expect(isoWeek(monday)).toBe(isoWeek(friday));
    const before = trainings;
    const run1 = await retrainWeekly({ db: context.db, train: smallTrain }, monday);
    const run2 = await retrainWeekly({ db: context.db, train: smallTrain }, friday);
    expect(run1).toMatchObject({ trained: true });
    expect(run2).toEqual({ id: run1.id, trained: false });
    expect(trainings - before).toBe(1);
    expect(await getModelVersion(context.db, run1.id)).toMatchObject({ origin: 'weekly', status: 'ready', active: false });
    expect((await createAnalyzerProvider(context.db).get()).modelVersion).toBe(first);
    const weekly = await context.db.selectFrom('model_versions').select('id').where('origin', '=', 'weekly').execute();
    expect(weekly).toHaveLength(1);
  }, 180_000);
});

describe('the models API', () => {
  const call = (token: string, method: string, url: string, body?: unknown) =>
    app.request(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('is for admins: reviewers and collaborators get 403, no token 401', async () => {
    for (const token of [tokens.reviewer, tokens.collaborator]) {
      expect((await call(token, 'GET', '/api/models')).status).toBe(403);
      expect((await call(token, 'POST', '/api/models/retrain', {})).status).toBe(403);
      expect((await call(token, 'POST', '/api/models/default')).status).toBe(403);
      expect((await call(token, 'POST', '/api/models/1/activate')).status).toBe(403);
    }
    expect((await app.request('/api/models')).status).toBe(401);
  });

  it('lists versions with their figures, queues a retrain (202), activates and goes back to the shipped model', async () => {
    const list = await call(tokens.admin, 'GET', '/api/models');
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: { id: string; status: string; active: boolean; cv: Record<string, number> | null }[]; active: string | null };
    const ready = body.items.filter((v) => v.status === 'ready');
    expect(ready.length).toBeGreaterThanOrEqual(3);
    for (const v of ready) expect(Object.keys(v.cv!)).toEqual(['flag_f1', 'category_micro_f1', 'polarity_acc']);
    expect(body.active).toBe(body.items.find((v) => v.active)?.id ?? null);
    // Newest first.
    expect(body.items.map((v) => Number(v.id))).toEqual(body.items.map((v) => Number(v.id)).sort((a, b) => b - a));

    const retrain = await call(tokens.admin, 'POST', '/api/models/retrain', { note: 'sau đợt bầu cử' });
    expect(retrain.status).toBe(202);
    const queued = (await retrain.json()) as { id: string; status: string; note: string; active: boolean };
    expect(queued).toMatchObject({ status: 'queued', note: 'sau đợt bầu cử', active: false });
    const job = await context.queues.queue('learning').getJob(jobIds.trainModel(queued.id));
    expect(job?.name).toBe('train-model');
    expect(job?.data).toEqual({ versionId: queued.id });
    expect((await call(tokens.admin, 'POST', '/api/models/retrain', { note: 'x'.repeat(501) })).status).toBe(400);

    const notReady = await call(tokens.admin, 'POST', `/api/models/${queued.id}/activate`);
    expect(notReady.status).toBe(409);
    expect(await notReady.json()).toMatchObject({ error: 'not_ready' });
    expect((await call(tokens.admin, 'POST', '/api/models/999999/activate')).status).toBe(404);
    expect((await call(tokens.admin, 'POST', '/api/models/abc/activate')).status).toBe(400);

    const target = ready.find((v) => !v.active)!;
    const activated = await call(tokens.admin, 'POST', `/api/models/${target.id}/activate`);
    expect(activated.status).toBe(200);
    expect(await activated.json()).toMatchObject({ id: target.id, active: true, status: 'ready' });
    expect(((await (await call(tokens.admin, 'GET', '/api/models')).json()) as { active: string }).active).toBe(target.id);
    expect((await createAnalyzerProvider(context.db).get()).modelVersion).toBe(target.id);

    const back = await call(tokens.admin, 'POST', '/api/models/default');
    expect(back.status).toBe(200);
    expect(await back.json()).toEqual({ active: null });
    expect(((await (await call(tokens.admin, 'GET', '/api/models')).json()) as { active: string | null }).active).toBeNull();
    expect((await createAnalyzerProvider(context.db).get()).modelVersion).toBeNull();
  });
});

describe('model versions under load', () => {
  it('the active version stays listed (and in the API) when fifty newer requests exist', async () => {
    await activateModelVersion(context.db, first, admin);
    for (let i = 0; i < 50; i++) await requestModelTraining(context.db, admin, `yêu cầu ${i}`);
    const response = await app.request('/api/models', { headers: { authorization: `Bearer ${tokens.admin}` } });
    const body = (await response.json()) as { items: { id: string; active: boolean; cv: unknown }[]; active: string | null };
    expect(body.active).toBe(first);
    expect(body.items.find((v) => v.id === first)).toMatchObject({ active: true });
    expect(body.items.find((v) => v.id === first)!.cv).not.toBeNull();
    expect(body.items.filter((v) => v.active)).toHaveLength(1);
  });

  it('two activations at once both succeed, one after the other, leaving one active version', async () => {
    // With none active, nothing else makes the two transactions wait for each other.
    await restoreDefaultModel(context.db, admin);
    const results = await Promise.all([activateModelVersion(context.db, second, admin), activateModelVersion(context.db, first, admin)]);
    expect(results.map((r) => r.id).sort()).toEqual([first, second].sort());
    const active = await context.db.selectFrom('model_versions').select('id').where('active', '=', true).execute();
    expect(active).toHaveLength(1);
  });

  it('a trained version is never overwritten by a late rerun of its job', async () => {
    const before = await context.db.selectFrom('model_versions').select(['model', 'examples', 'trained_at']).where('id', '=', first).executeTakeFirstOrThrow();
    await storeTrainedModel(context.db, first, loadDefaultModel().file, null);
    const after = await context.db.selectFrom('model_versions').select(['model', 'examples', 'trained_at']).where('id', '=', first).executeTakeFirstOrThrow();
    expect(after.examples).toBe(60);
    expect(after).toEqual(before);
  });
});
