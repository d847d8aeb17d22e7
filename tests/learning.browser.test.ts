// Issue 13 in a real Chromium at 375 px: an admin retrains from the rules page (the job runs in
// a BullMQ worker), sees the new version's figures beside the model in use, applies it and goes
// back to the shipped model; a collaborator reclassifies an incident and sees the new category
// and the timeline entry; the example it made shows on /admin/examples and is deleted there.
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedContext } from '../src/bootstrap.js';
import { loadDefaultModel } from '../src/analysis/model/default-model.js';
import { parseExampleLines } from '../src/learning/example-line.js';
import { importExamples } from '../src/learning/example.repository.js';
import { runModelTraining, trainInChildProcess } from '../src/learning/run-training.js';
import { jobDefinitions, type JobName } from '../src/queue/jobs.js';
import { startWorkers, type JobHandlers, type RunningWorkers } from '../src/queue/queue.js';
import { createAnalyzerProvider } from '../src/posts/analyzer-provider.js';
import { upsertUser } from '../src/users/user.repository.js';
import { label, vi } from '../dashboards/i18n.js';
import { REPO_ROOT } from './support/cli.js';
import { startDashboardHarness, type DashboardHarness } from './support/dashboard-harness.js';
import { expectNoHorizontalScroll, signInOnPhone } from './support/phone-session.js';

const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';
const ROOT = REPO_ROOT;
const POST_BODY = 'Có người nói xã Phủ Thông vận động bầu cử trái phép ở thôn Nà Pài, bà con hoang mang.';

let context: OpenedContext;
let harness: DashboardHarness;
let browser: Browser;
let base: string;
let workers: RunningWorkers;
let incidentId: string;

beforeAll(async () => {
  harness = await startDashboardHarness('learning_browser');
  ({ context, base, browser } = harness);
  await upsertUser(context.db, { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-dai-du', role: 'admin' });
  await upsertUser(context.db, { username: 'ctv', displayName: 'Chị Mai', password: 'mat-khau-dai-du', role: 'collaborator' });
  // The commune's examples the retrain learns from.
  const lines = readFileSync(path.join(ROOT, 'tests/fixtures/commune-posts.jsonl'), 'utf8').split('\n').slice(0, 60).join('\n');
  await importExamples(context.db, parseExampleLines(lines).examples, 'test');

  const incident = await context.db
    .insertInto('incidents')
    .values({ title: 'Tin đồn vận động bầu cử ở thôn Nà Pài', category: 'tin_sai_su_that', severity: 'medium', ack_due_at: new Date(Date.now() + 3_600_000), resolve_due_at: new Date(Date.now() + 86_400_000) })
    .returning('id')
    .executeTakeFirstOrThrow();
  incidentId = incident.id;
  const source = await context.db.insertInto('sources').values({ name: 'Nhóm Zalo thôn', type: 'manual', config: '{}', fetch_state: '{}' }).returning('id').executeTakeFirstOrThrow();
  const post = await context.db.insertInto('posts').values({ source_id: source.id, external_id: 'z1', body: POST_BODY, content_hash: 'z1', raw: '{}' }).returning('id').executeTakeFirstOrThrow();
  await context.db.insertInto('incident_posts').values({ incident_id: incidentId, post_id: post.id, reason: 'opened' }).execute();

  // The learning queue's worker, as workers/learning.job.ts runs it, but training on the
  // commune's examples alone (the shipped base takes about a minute): the job handler has no
  // switch for that, so the handler here passes withoutBase itself.
  const idle = async () => undefined;
  const handlers = Object.fromEntries((Object.keys(jobDefinitions) as JobName[]).map((name) => [name, idle])) as unknown as JobHandlers;
  handlers['train-model'] = async (payload) => {
    const outcome = await runModelTraining({ db: context.db, train: (request) => trainInChildProcess({ ...request, withoutBase: true }) }, payload.versionId);
    return { trained: outcome !== null };
  };
  workers = startWorkers(context.queues.settings, handlers, context.logger, 1, ['learning']);
});
afterAll(async () => {
  await workers?.close();
  await harness?.close();
});

/** The model section in the viewport: the rules page around it is over 40,000 px tall. */
async function shootModelSection(page: Page, file: string, selector = '#mo-hinh') {
  await page.evaluate((s) => document.querySelector(s)?.scrollIntoView(), selector);
  await page.screenshot({ path: `${SHOTS}/${file}` });
}

/** As the page writes a figure: one decimal, Vietnamese comma. */
const percent = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')}%`;

describe('the learned model and its examples in Chromium', () => {
  it('an admin retrains, compares, applies the new version and goes back to the shipped model on a 375 px phone', async () => {
    const { page, errors } = await signInOnPhone(browser, base, 'quantri');
    await page.goto(`${base}/admin/rules#mo-hinh`);
    const section = page.locator('#mo-hinh');
    const shipped = loadDefaultModel().file.cv;
    await expect(section.locator('h3').first().textContent()).resolves.toContain(vi.admin.learning.shipped);
    // The figures of the model in use: the shipped one's.
    const inUse = section.locator('dl.model-figures').first();
    await expect(inUse.locator('.figure-flag_f1').textContent()).resolves.toBe(percent(shipped.flag_f1));
    await expect(inUse.locator('.figure-category_micro_f1').textContent()).resolves.toBe(percent(shipped.category_micro_f1));
    await expect(inUse.locator('.figure-polarity_acc').textContent()).resolves.toBe(percent(shipped.polarity_acc));
    await expect(section.locator('li[data-model-id]').count()).resolves.toBe(0);
    await expectNoHorizontalScroll(page);

    await page.fill('form.retrain-form input[name=note]', 'Sau đợt phân loại lại tháng 12');
    await Promise.all([page.waitForURL(/done=retrain/), page.click('button.act-retrain')]);
    await expect(page.locator('.notice').first().textContent()).resolves.toContain(vi.admin.learning.retrainQueued);
    // The page opens at the message, not below it.
    const noticeBox = await page.locator('#thong-bao').boundingBox();
    expect(noticeBox!.y).toBeGreaterThanOrEqual(-1); // sub-pixel layout
    expect(noticeBox!.y + noticeBox!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    const version = page.locator('#mo-hinh li[data-model-id]');
    await expect(version.count()).resolves.toBe(1);
    const versionId = await version.getAttribute('data-model-id');

    // The worker trains it; the admin reloads the page until it is ready, as the hint says.
    const deadline = Date.now() + 120_000;
    while ((await version.getAttribute('data-status')) !== 'ready') {
      expect(await version.getAttribute('data-status')).not.toBe('failed');
      if (Date.now() > deadline) throw new Error('the retrain did not finish in two minutes');
      await page.waitForTimeout(1_000);
      await page.reload();
    }
    const stored = await context.db.selectFrom('model_versions').select(['cv_flag_f1', 'cv_category_micro_f1', 'cv_polarity_acc', 'examples']).where('id', '=', versionId!).executeTakeFirstOrThrow();
    expect(stored.examples).toBe(60);
    await expect(version.locator('.badge.model-status').textContent()).resolves.toBe(label(vi.admin.learning.statuses, 'ready'));
    await expect(version.textContent()).resolves.toContain('Sau đợt phân loại lại tháng 12');
    // Its figures, each with its difference to the model in use.
    const figures = version.locator('dl.model-figures');
    await expect(figures.locator('.figure-flag_f1').textContent()).resolves.toBe(percent(stored.cv_flag_f1!));
    await expect(figures.locator('.figure-category_micro_f1').textContent()).resolves.toBe(percent(stored.cv_category_micro_f1!));
    await expect(figures.locator('.figure-polarity_acc').textContent()).resolves.toBe(percent(stored.cv_polarity_acc!));
    await expect(figures.locator('.delta').count()).resolves.toBe(3);
    await expect(version.textContent()).resolves.toContain(vi.admin.learning.versusActive);
    // And on the commune's own 60 examples, beside the shipped model on the same examples.
    const communeRow = await context.db.selectFrom('model_versions').select('commune_figures').where('id', '=', versionId!).executeTakeFirstOrThrow();
    const commune = communeRow.commune_figures as { examples: number; version: Record<string, number> };
    expect(commune.examples).toBe(60);
    await expect(version.textContent()).resolves.toContain(vi.admin.learning.communeFigures(60));
    const communeFigures = version.locator('dl.commune-figures');
    await expect(communeFigures.locator('.commune-figure-category_micro_f1').textContent()).resolves.toBe(percent(commune.version['category_micro_f1']!));
    await expect(communeFigures.locator('.delta').count()).resolves.toBe(3);
    await expect(version.locator('.badge.current').count()).resolves.toBe(0);
    await expectNoHorizontalScroll(page);
    await shootModelSection(page, 'langnghe-model-candidate-375.png', '#mo-hinh .model-versions');

    await Promise.all([page.waitForURL(/done=model(&|#|$)/), version.locator('button.act-apply-model').click()]);
    await expect(page.locator('.notice').first().textContent()).resolves.toContain(vi.admin.learning.activated);
    await expect(version.locator('.badge.current').textContent()).resolves.toBe(vi.admin.learning.current);
    await expect(version.getAttribute('class')).resolves.toContain('active');
    await expect(version.locator('button.act-apply-model').count()).resolves.toBe(0);
    await expect(section.locator('h3').first().textContent()).resolves.toContain(`#${versionId}`);
    await expect(inUse.locator('.figure-flag_f1').textContent()).resolves.toBe(percent(stored.cv_flag_f1!));
    expect((await createAnalyzerProvider(context.db).get()).modelVersion).toBe(versionId);
    await expectNoHorizontalScroll(page);
    await shootModelSection(page, 'langnghe-model-applied-375.png');

    await Promise.all([page.waitForURL(/done=model_default/), page.click('button.act-default-model')]);
    await expect(page.locator('.notice').first().textContent()).resolves.toContain(vi.admin.learning.restored);
    await expect(section.locator('h3').first().textContent()).resolves.toContain(vi.admin.learning.shipped);
    await expect(version.locator('.badge.current').count()).resolves.toBe(0);
    await expect(version.locator('button.act-apply-model').count()).resolves.toBe(1);
    await expect(page.locator('button.act-default-model').count()).resolves.toBe(0);
    await expect(inUse.locator('.figure-flag_f1').textContent()).resolves.toBe(percent(shipped.flag_f1));
    expect((await createAnalyzerProvider(context.db).get()).modelVersion).toBeNull();
    await expectNoHorizontalScroll(page);
    expect(errors, errors.join('\n')).toEqual([]);
  }, 240_000);

  it('a collaborator reclassifies an incident; the admin sees the example it made and deletes it', async () => {
    const { page, errors } = await signInOnPhone(browser, base, 'ctv');
    await page.goto(`${base}/incidents/${incidentId}`);
    await expect(page.locator('.incident-meta .badge').allTextContents()).resolves.toContain(label(vi.categories, 'tin_sai_su_that'));
    await page.click('details.action-form summary:has-text("Phân loại lại")');
    await expectNoHorizontalScroll(page);
    await page.selectOption('form.classify-form select[name=category]', 'bau_cu');
    await page.selectOption('form.classify-form select[name=severity]', 'critical');
    await page.fill('form.classify-form textarea[name=note]', 'Tin đồn về bầu cử, không phải tin sai về đất đai');
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-reclassify-form-375.png`, fullPage: true });
    await Promise.all([page.waitForURL(/done=classify/), page.click('button.act-classify')]);
    await expect(page.locator('.flash').textContent()).resolves.toBe(vi.incident.flash.classify);
    const badges = await page.locator('.incident-meta .badge').allTextContents();
    expect(badges).toContain(label(vi.categories, 'bau_cu'));
    expect(badges).toContain(label(vi.severities, 'critical'));
    expect(badges).not.toContain(label(vi.categories, 'tin_sai_su_that'));
    const latest = await page.locator('.event-list .event-what').first().textContent();
    expect(latest).toContain('Phân loại lại');
    expect(latest).toContain(`${label(vi.categories, 'tin_sai_su_that')} → ${label(vi.categories, 'bau_cu')}`);
    expect(latest).toContain(`${label(vi.severities, 'medium')} → ${label(vi.severities, 'critical')}`);
    await expect(page.locator('.event-list .event-note').first().textContent()).resolves.toBe('Tin đồn về bầu cử, không phải tin sai về đất đai');
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `${SHOTS}/langnghe-reclassified-375.png`, fullPage: true });
    // Sent again as it stands: nothing is decided, and the page says so.
    const eventsBefore = await page.locator('.event-list .event-what').count();
    await page.click('details.action-form summary:has-text("Phân loại lại")');
    await Promise.all([page.waitForURL(/done=classify_unchanged/), page.click('button.act-classify')]);
    await expect(page.locator('.flash').textContent()).resolves.toBe(vi.incident.flash.classify_unchanged);
    await expect(page.locator('.event-list .event-what').count()).resolves.toBe(eventsBefore);
    expect(errors, errors.join('\n')).toEqual([]);

    const admin = await signInOnPhone(browser, base, 'quantri');
    await admin.page.goto(`${base}/admin/examples?origin=reclassified`);
    const item = admin.page.locator('li[data-example-id]', { hasText: POST_BODY });
    await expect(item.count()).resolves.toBe(1);
    await expect(item.locator('.post-text').textContent()).resolves.toBe(POST_BODY);
    await expect(item.locator('.badge').allTextContents()).resolves.toEqual(
      expect.arrayContaining([label(vi.admin.examples.origins, 'reclassified'), vi.admin.examples.flagged, label(vi.categories, 'bau_cu')]),
    );
    // Who decided, by the name people know them by; the login name as a tooltip.
    await expect(item.locator('.note .person').textContent()).resolves.toBe('Chị Mai');
    await expect(item.locator('.note .person').getAttribute('title')).resolves.toBe('ctv');
    await expectNoHorizontalScroll(admin.page);
    await admin.page.screenshot({ path: `${SHOTS}/langnghe-examples-375.png`, fullPage: true });
    // Deleting takes a second tap.
    await expect(item.locator('button.act-delete-example').isVisible()).resolves.toBe(false);
    await item.locator('details.delete-example summary').click();
    await Promise.all([admin.page.waitForURL(/done=deleted/), item.locator('button.act-delete-example').click()]);
    await expect(admin.page.locator('.notice').first().textContent()).resolves.toContain(vi.admin.examples.deleted);
    await expect(admin.page.locator('li[data-example-id]', { hasText: POST_BODY }).count()).resolves.toBe(0);
    const left = await context.db.selectFrom('training_examples').select('id').where('origin', '=', 'reclassified').execute();
    expect(left).toEqual([]);
    await expectNoHorizontalScroll(admin.page);
    expect(admin.errors, admin.errors.join('\n')).toEqual([]);
  }, 120_000);
});
