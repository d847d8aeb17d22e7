import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/database.js';
import { createAnalyzerProvider } from '../src/posts/analyzer-provider.js';
import { saveCommuneProfile } from '../src/commune/profile.repository.js';
import { activateRulePackVersion, deactivateRulePacks, listRulePackVersions, saveRulePackVersion } from '../src/rules/rule-pack.repository.js';
import { createTestServices, type TestServices } from './support/services.js';

const run = promisify(execFile);
let services: TestServices;
let db: Db;

beforeAll(async () => {
  services = await createTestServices('rulepacks');
  db = createDb(services.config.DATABASE_URL);
  await saveCommuneProfile(db, { commune: 'Phủ Thông', aliases: [], places: ['thôn Nà Pài'] });
});
afterAll(async () => {
  await db?.destroy();
  await services?.cleanup();
});

const pack = (version: string, query: string) => ({
  version,
  rules: [{ id: 'cho-vit', category: 'tin_sai_su_that', severity: 'high', query, requires_about: true }],
});

describe('rule pack versions', () => {
  it('stores versions, switches the analyzer to the active one, and rolls back', async () => {
    const provider = createAnalyzerProvider(db);
    const text = 'Tin vịt ở thôn Nà Pài: con vịt vàng biết hát';
    const before = await provider.get();
    expect(before.rulePackVersion).toBeNull(); // the shipped default pack

    const v1 = await saveRulePackVersion(db, pack('v1', '"vịt vàng"'), { activate: true, note: 'first' });
    const v2 = await saveRulePackVersion(db, pack('v2', '"ngỗng trời"'), { activate: true });
    expect((await listRulePackVersions(db)).map((v) => [v.version, v.active])).toEqual([['v2', true], ['v1', false]]);

    const fresh = () => createAnalyzerProvider(db).get();
    expect((await fresh()).analyzer.analyze(text).categories).toEqual([]);
    expect(await activateRulePackVersion(db, v1.id)).toBe(true);
    const rolledBack = await fresh();
    expect(rolledBack.rulePackVersion).toBe(v1.id);
    expect(rolledBack.analyzer.analyze(text)).toMatchObject({ flag: true, categories: ['tin_sai_su_that'] });
    expect(await activateRulePackVersion(db, '999999')).toBe(false);
    expect(v2.rules).toBe(1);
    await deactivateRulePacks(db);
    expect((await fresh()).rulePackVersion).toBeNull();
  });

  it('refuses a pack that does not compile, naming the rule and position, and stores nothing', async () => {
    const count = (await listRulePackVersions(db)).length;
    await expect(saveRulePackVersion(db, pack('bad', '"vịt vàng" AND (ngỗng'))).rejects.toThrow(/cho-vit/);
    await expect(saveRulePackVersion(db, { version: 'x', rules: [{ id: 'a', category: 'nope', query: 'x' }] })).rejects.toThrow();
    expect(await listRulePackVersions(db)).toHaveLength(count);
  });

  it('works from the CLI: rules-import, rules-list, rules-activate, and a clear error for a broken pack', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-rules-'));
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    await writeFile(good, JSON.stringify(pack('cli-v1', '"vịt vàng" NEAR/3 hát')));
    await writeFile(bad, JSON.stringify(pack('cli-bad', 'vịt AND')));
    const env = { ...process.env, DATABASE_URL: services.config.DATABASE_URL, LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) => run('npx', ['tsx', 'src/cli/main.ts', ...args], { env });
    const imported = await cli('rules-import', '--file', good, '--activate', '--note', 'từ CLI');
    expect(imported.stdout).toMatch(/^rule pack version id=\d+ \(cli-v1, 1 rules\) active$/m);
    expect((await cli('rules-list')).stdout).toMatch(/^\* id=\d+ cli-v1 1 rules .* — từ CLI$/m);
    const failure = await cli('rules-import', '--file', bad).catch((e: { code: number; stderr: string }) => e);
    expect((failure as { code: number }).code).toBe(65);
    expect((failure as { stderr: string }).stderr).toMatch(/rule cho-vit at position \d+:/);
    expect((await cli('rules-activate', '--default')).stdout).toContain('default pack');
  });
});
