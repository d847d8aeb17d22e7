// `npm run cli -- COMMAND [options]`. Same configuration as the servers, so it acts on the running system.
import { readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { z, ZodError } from 'zod';
import { loadConfigOrExit, type AppConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { createDb, ensureDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { communeProfileSchema } from '../analysis/types.js';
import { createAnalyzer, loadDefaultRulePack, RuleCompileError, rulePackSchema } from '../analysis/index.js';
import { createApiToken, roleSchema, upsertUser } from '../users/user.repository.js';
import { analyzeStream } from './analyze-stream.js';
import { createChannelWithRule, severitySchema } from '../alerts/alert.repository.js';
import type { AlertChannelType } from '../db/schema.js';
import { activateRulePackVersion, activeRulePack, deactivateRulePacks, listRulePackVersions, saveRulePackVersion } from '../rules/rule-pack.repository.js';
import { CLI_ACTOR, recordAdminEvent } from '../audit/admin-audit.js';
import { LearnedModel } from '../analysis/model/model.js';
import { parseModelFile } from '../analysis/model/model-file.js';
import { loadDefaultModel } from '../analysis/model/default-model.js';
import type { TrainingExample } from '../analysis/model/train.js';
import { parseExampleLines, toTrainingExample } from '../learning/example-line.js';
import { importExamples, loadStoredExamples } from '../learning/example.repository.js';
import { activateModelVersion, storeModelFile } from '../learning/model.repository.js';
import { trainWithBase } from '../learning/train-model.js';

const USAGE = `usage: npm run cli -- COMMAND [options]

commands:
  migrate                                   apply pending database migrations
  create-user --username U --role R [--name N] [--password P]
                                            create (or reset) a user; R = admin | collaborator | reviewer;
                                            prints a generated password when --password is not given
  create-token --name N --role R [--username U]
                                            create an API token (printed once)
  analyze --profile FILE [--rules FILE] [--model FILE | --rules-only]
                                            JSON Lines {"id","text"} on stdin -> one analysis per line on stdout;
                                            categories and polarity by the shipped model unless --model names another
  train --input FILE.jsonl --out MODEL.json [--db] [--rules FILE]
                                            train a model on the shipped base data plus the file (and, with --db,
                                            the commune's stored examples and active rule pack); prints one JSON line
                                            {"examples":N,"cv":{"flag_f1","category_micro_f1","polarity_acc"}} (5-fold)
  examples-import --file F.jsonl            store labelled examples {"text","flag","categories":[…],"polarity"?,"about"?};
                                            a bad line is named by number, the rest goes on
  model-import --file MODEL.json [--note N] [--activate]
                                            store a trained model as a version (and activate it)
  demo                                      run the whole system on bundled sample feeds
  preview-source --type rss --url URL
  preview-source --type web --url URL --selectors JSON
  preview-source --type facebook --page PAGE_ID --token TOKEN [--graph-url URL]
                                            collect once and print the normalized posts as JSON Lines
                                            (no database); a failure prints one line on stderr, exit 1
  rules-import --file FILE [--note N] [--activate]
                                            store a rule pack (JSON) as a new version after validating and compiling it
  rules-list                                list stored rule pack versions
  rules-activate --id ID | --default        make a stored version active (roll back), or go back to the shipped pack
  rules-export [--id ID]                    print a version (default: the active pack) as JSON
  add-channel --type webhook --url URL --secret SECRET [--min-severity S] [--name N]
  add-channel --type telegram --token T --chat-id C [--min-severity S]
  add-channel --type zalo --token T --user-id U [--min-severity S]
  add-channel --type email --smtp-url smtp://… --from F --to T [--min-severity S]
                                            add an alert channel and a rule alerting it of new incidents
                                            at or above S (default high); secrets are stored encrypted
  forget-post POST_ID [--reason TEXT] [--by NAME]
  forget-post --url URL [--reason TEXT] [--by NAME]
                                            delete one post's content on request (text, raw payload, links,
                                            evidence files); keeps a tombstone and an audit record
  search-index [--all]                      index posts not yet searchable (stored by an older version);
                                            --all recomputes every post's search index (after a normalizer change)
`;

class UsageError extends Error {}

function option(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function withDb<T>(config: AppConfig, run: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(config.DATABASE_URL, { max: 2 });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      profile: { type: 'string' },
      rules: { type: 'string' },
      type: { type: 'string' },
      url: { type: 'string' },
      selectors: { type: 'string' },
      page: { type: 'string' },
      token: { type: 'string' },
      'graph-url': { type: 'string' },
      file: { type: 'string' },
      note: { type: 'string' },
      id: { type: 'string' },
      activate: { type: 'boolean' },
      default: { type: 'boolean' },
      secret: { type: 'string' },
      'min-severity': { type: 'string' },
      'chat-id': { type: 'string' },
      'user-id': { type: 'string' },
      'smtp-url': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      reason: { type: 'string' },
      by: { type: 'string' },
      model: { type: 'string' },
      'rules-only': { type: 'boolean' },
      input: { type: 'string' },
      out: { type: 'string' },
      db: { type: 'boolean' },
      all: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length && command !== 'forget-post') throw new UsageError(`unexpected argument: ${positionals[0]}`);
  switch (command) {
    case 'migrate': {
      const config = loadConfigOrExit();
      await ensureDatabase(config.DATABASE_URL);
      const result = await migrate(config.DATABASE_URL);
      process.stdout.write(`migrations applied: ${result.applied.length} (already applied: ${result.alreadyApplied})\n`);
      for (const name of result.applied) process.stdout.write(`  ${name}\n`);
      return 0;
    }
    case 'create-user': {
      const config = loadConfigOrExit();
      const username = option(values, 'username');
      const role = roleSchema.parse(option(values, 'role'));
      const generated = values.password === undefined;
      const password = values.password ?? randomBytes(12).toString('base64url');
      const user = await withDb(config, async (db) => {
        const created = await upsertUser(db, { username, role, password, displayName: values.name ?? username });
        await recordAdminEvent(db, CLI_ACTOR, { action: 'user.created', targetType: 'user', targetId: created.id, details: { username, role } });
        return created;
      });
      process.stdout.write(`user ${user.username} (${user.role}) id=${user.id}\n`);
      if (generated) process.stdout.write(`password: ${password}\n`);
      return 0;
    }
    case 'create-token': {
      const config = loadConfigOrExit();
      const name = option(values, 'name');
      const role = roleSchema.parse(option(values, 'role'));
      const token = await withDb(config, async (db) => {
        let userId: string | null = null;
        if (values.username) {
          const user = await db.selectFrom('users').select('id').where('username', '=', values.username).executeTakeFirst();
          if (!user) throw new UsageError(`no user named ${values.username}`);
          userId = user.id;
        }
        const created = await createApiToken(db, { name, role, userId });
        await recordAdminEvent(db, CLI_ACTOR, { action: 'token.created', targetType: 'api_token', targetId: created.id, details: { name, role } });
        return created;
      });
      process.stdout.write(`${token.token}\n`);
      return 0;
    }
    case 'rules-import': {
      const config = loadConfigOrExit();
      const pack: unknown = JSON.parse(await readFile(option(values, 'file'), 'utf8'));
      const saved = await withDb(config, async (db) => {
        const version = await saveRulePackVersion(db, pack, { note: values.note ?? null, activate: values.activate === true });
        await recordAdminEvent(db, CLI_ACTOR, {
          action: version.active ? 'rule_pack.activated' : 'rule_pack.saved',
          targetType: 'rule_pack_version',
          targetId: version.id,
          details: { version: version.version, rules: version.rules, note: version.note },
        });
        return version;
      });
      process.stdout.write(`rule pack version id=${saved.id} (${saved.version}, ${saved.rules} rules)${saved.active ? ' active' : ''}\n`);
      return 0;
    }
    case 'rules-list': {
      const config = loadConfigOrExit();
      const versions = await withDb(config, (db) => listRulePackVersions(db));
      if (!versions.some((v) => v.active)) process.stdout.write('active: the default pack shipped with langnghe\n');
      for (const v of versions) {
        process.stdout.write(`${v.active ? '*' : ' '} id=${v.id} ${v.version} ${v.rules} rules ${v.created_at.toISOString()}${v.note ? ` — ${v.note}` : ''}\n`);
      }
      return 0;
    }
    case 'rules-activate': {
      const config = loadConfigOrExit();
      if (values.default) {
        await withDb(config, async (db) => {
          await deactivateRulePacks(db);
          await recordAdminEvent(db, CLI_ACTOR, { action: 'rule_pack.default_restored', targetType: 'rule_pack_version' });
        });
        process.stdout.write('active: the default pack shipped with langnghe\n');
        return 0;
      }
      const id = option(values, 'id');
      if (!/^\d+$/.test(id)) throw new UsageError('--id must be a number');
      const activated = await withDb(config, async (db) => {
        if (!(await activateRulePackVersion(db, id))) return false;
        await recordAdminEvent(db, CLI_ACTOR, { action: 'rule_pack.activated', targetType: 'rule_pack_version', targetId: id });
        return true;
      });
      if (!activated) throw new UsageError(`no rule pack version ${id}`);
      process.stdout.write(`active: rule pack version id=${id}\n`);
      return 0;
    }
    case 'add-channel': {
      const config = loadConfigOrExit();
      const type = option(values, 'type');
      const channelConfig: Record<string, unknown> =
        type === 'webhook'
          ? { url: option(values, 'url'), secret: option(values, 'secret') }
          : type === 'telegram'
            ? { token: option(values, 'token'), chat_id: option(values, 'chat-id') }
            : type === 'zalo'
              ? { token: option(values, 'token'), user_id: option(values, 'user-id') }
              : type === 'email'
                ? { smtp_url: option(values, 'smtp-url'), from: option(values, 'from'), to: option(values, 'to') }
                : (() => {
                    throw new UsageError('--type must be webhook, telegram, zalo or email');
                  })();
      const minSeverity = severitySchema.parse(values['min-severity'] ?? 'high');
      const created = await withDb(config, (db) =>
        createChannelWithRule(db, config.SECRET_KEY, { type: type as AlertChannelType, config: channelConfig, minSeverity, ...(values.name ? { name: values.name } : {}) }),
      );
      process.stdout.write(`channel ${created.channelId} (${type}) with rule ${created.ruleId}\n`);
      return 0;
    }
    case 'forget-post': {
      const config = loadConfigOrExit();
      const postId = positionals[0];
      if (postId !== undefined && !/^\d+$/.test(postId)) throw new UsageError('POST_ID must be a number');
      if ((postId === undefined) === (values.url === undefined)) throw new UsageError('give either POST_ID or --url URL');
      const { findPostsToForget, forgetPost } = await import('../retention/purge.js');
      const requestedBy = values.by ?? `cli:${userInfo().username}`;
      const forgotten = await withDb(config, async (db) => {
        const ids = await findPostsToForget(db, postId !== undefined ? { postId } : { url: z.url().parse(values.url) });
        const done: string[] = [];
        for (const id of ids) {
          const result = await forgetPost({ db, dataDir: config.DATA_DIR }, id, { requestedBy, reason: values.reason ?? null });
          if (result) done.push(result.postId);
        }
        return done;
      });
      if (forgotten.length === 0) {
        process.stderr.write(`langnghe: no post ${postId ?? `with URL ${values.url}`}\n`);
        return 66;
      }
      for (const id of forgotten) process.stdout.write(`post ${id} forgotten\n`);
      return 0;
    }
    case 'search-index': {
      const config = loadConfigOrExit();
      const { indexPendingPosts, reindexAllPosts } = await import('../search/search-index.js');
      const indexed = await withDb(config, async (db) => {
        if (values.all) return reindexAllPosts(db, (done) => process.stderr.write(`\r${done} posts indexed`));
        let total = 0;
        for (let n = -1; n !== 0; total += n) n = await indexPendingPosts(db);
        return total;
      });
      if (values.all && indexed) process.stderr.write('\n');
      process.stdout.write(`indexed ${indexed} posts\n`);
      return 0;
    }
    case 'rules-export': {
      const config = loadConfigOrExit();
      const pack = await withDb(config, async (db) => {
        if (!values.id) return (await activeRulePack(db)).pack;
        const row = await db.selectFrom('rule_pack_versions').select('pack').where('id', '=', values.id).executeTakeFirst();
        if (!row) throw new UsageError(`no rule pack version ${values.id}`);
        return row.pack;
      });
      process.stdout.write(`${JSON.stringify(pack, null, 2)}\n`);
      return 0;
    }
    case 'analyze': {
      // Pure: needs no database, so integrators can run it anywhere.
      const profile = communeProfileSchema.parse(JSON.parse(await readFile(option(values, 'profile'), 'utf8')));
      const pack = values.rules ? rulePackSchema.parse(JSON.parse(await readFile(values.rules, 'utf8'))) : loadDefaultRulePack();
      if (values.model && values['rules-only']) throw new UsageError('--model and --rules-only exclude each other');
      const model = values['rules-only'] ? null : values.model ? new LearnedModel(parseModelFile(await readFile(values.model, 'utf8'))) : loadDefaultModel();
      const analyzer = createAnalyzer({ rules: pack.rules, profile, model });
      await analyzeStream(analyzer, process.stdin, process.stdout);
      return 0;
    }
    case 'train': {
      const out = option(values, 'out');
      const added: TrainingExample[] = [];
      if (values.input) {
        const { examples, errors } = parseExampleLines(await readFile(values.input, 'utf8'));
        for (const e of errors) process.stderr.write(`langnghe: ${values.input}: line ${e.line}: ${e.message}\n`);
        added.push(...examples.map((e) => toTrainingExample(e, true)));
      }
      let rules = values.rules ? rulePackSchema.parse(JSON.parse(await readFile(values.rules, 'utf8'))).rules : loadDefaultRulePack().rules;
      let rulePack = values.rules ? `file:${values.rules}` : 'default';
      if (values.db) {
        const stored = await withDb(loadConfigOrExit(), async (db) => {
          const [examples, active] = await Promise.all([loadStoredExamples(db), activeRulePack(db)]);
          return { examples, active };
        });
        added.push(...stored.examples);
        if (!values.rules) {
          rules = stored.active.pack.rules;
          rulePack = stored.active.id ?? 'default';
        }
      }
      const outcome = trainWithBase({ rules, rulePack, added });
      for (const warning of outcome.warnings) process.stderr.write(`langnghe: ${warning}\n`);
      await writeFile(out, `${JSON.stringify(outcome.model)}\n`);
      process.stdout.write(`${JSON.stringify({ examples: outcome.examples, cv: outcome.cv })}\n`);
      return 0;
    }
    case 'examples-import': {
      const file = option(values, 'file');
      const { examples, errors } = parseExampleLines(await readFile(file, 'utf8'));
      for (const e of errors) process.stderr.write(`langnghe: ${file}: line ${e.line}: ${e.message}\n`);
      const stored = examples.length === 0 ? 0 : await withDb(loadConfigOrExit(), async (db) =>
        db.transaction().execute(async (tx) => {
          const n = await importExamples(tx, examples, CLI_ACTOR.name);
          await recordAdminEvent(tx, CLI_ACTOR, { action: 'examples.imported', targetType: 'training_example', details: { file, examples: n, refused_lines: errors.map((e) => e.line) } });
          return n;
        }),
      );
      process.stdout.write(`examples imported: ${stored}; lines refused: ${errors.length}\n`);
      // Something imported is a success; a file with nothing usable is bad input.
      return stored === 0 && errors.length > 0 ? 65 : 0;
    }
    case 'model-import': {
      const file = parseModelFile(await readFile(option(values, 'file'), 'utf8'));
      const version = await withDb(loadConfigOrExit(), async (db) => {
        const stored = await storeModelFile(db, file, CLI_ACTOR, values.note ?? null);
        return values.activate ? activateModelVersion(db, stored.id, CLI_ACTOR) : stored;
      });
      process.stdout.write(`model version ${version.id}${version.active ? ' (active)' : ''}: cv ${JSON.stringify(version.cv)}\n`);
      return 0;
    }
    case 'preview-source': {
      // Loaded on demand (Chromium driver, Graph client). Never touches the database.
      const { previewSource } = await import('./preview-source.js');
      const config = loadConfigOrExit();
      try {
        return await previewSource(config, { type: values.type, url: values.url, selectors: values.selectors, page: values.page, token: values.token, graphUrl: values['graph-url'] }, process.stdout);
      } catch (error) {
        process.stderr.write(`langnghe: preview-source: ${(error as Error).message.split('\n')[0]}\n`);
        return 1;
      }
    }
    case 'demo': {
      // Loaded on demand: the queue and HTTP stacks are heavy for the other commands.
      const { runDemoUntilSignal } = await import('../demo/run-demo.js');
      await runDemoUntilSignal(loadConfigOrExit());
      return -1; // keeps running until a signal
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 64 : 0;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`langnghe: ${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 64;
    } else if (error instanceof RuleCompileError) {
      process.stderr.write(`langnghe: the rule pack does not compile:\n${error.problems.map((p) => `  rule ${p.ruleId}${p.position !== null ? ` at position ${p.position}` : ''}: ${p.message}`).join('\n')}\n`);
      process.exitCode = 65;
    } else if (error instanceof ZodError) {
      process.stderr.write(`langnghe: invalid input:\n${error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}\n`);
      process.exitCode = 65;
    } else if ((error as { code?: string }).code === 'ENOENT') {
      process.stderr.write(`langnghe: ${(error as Error).message}\n`);
      process.exitCode = 66;
    } else {
      createLogger({ LOG_LEVEL: 'error' }).error({ err: error }, 'command failed');
      process.stderr.write(`langnghe: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  },
);
