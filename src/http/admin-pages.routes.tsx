// The admin screens (admin only; other roles get the 403 page) and "log out everywhere" (any
// signed-in user). Every POST carries the session's CSRF token in `_csrf`, on top of the app's
// same-origin check.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import { checkRules, parseQuery, checkQuery, RuleCompileError, rulePackSchema, type Analysis } from '../analysis/index.js';
import { getCommuneProfile, saveCommuneProfile } from '../commune/profile.repository.js';
import type { AppContext } from '../context.js';
import type { Role } from '../db/schema.js';
import { ruleStats } from '../incidents/rule-feedback.js';
import { activateRulePackVersion, activeRulePack, deactivateRulePacks, listRulePackVersions, saveRulePackVersion } from '../rules/rule-pack.repository.js';
import { createApiToken, deleteUserSessions, newUserSchema, roleSchema, upsertUser, type SessionPrincipal } from '../users/user.repository.js';
import { listAdminEvents, recordAdminEvent } from '../audit/admin-audit.js';
import { AdminAuditPage } from '../../dashboards/pages/admin-audit.js';
import { vi } from '../../dashboards/i18n.js';
import { ProfilePage, TokensPage, UsersPage, type NewUserValues, type ProfileValues } from '../../dashboards/pages/admin.js';
import { RulesPage, type PackProblem, type QueryCheck } from '../../dashboards/pages/admin-rules.js';
import { ExamplesPage, ModelSection } from '../../dashboards/pages/admin-learning.js';
import { loadDefaultModel } from '../analysis/model/default-model.js';
import { countExamples, deleteExample, listExamples } from '../learning/example.repository.js';
import { activateModelVersion, listModelVersions, ModelVersionError, restoreDefaultModel } from '../learning/model.repository.js';
import { requestRetrain } from '../learning/run-training.js';
import type { ExampleOrigin } from '../db/schema.js';
import { SESSION_COOKIE, sessionOf, type AuthEnv } from './auth.js';
import { csrfRefusal, field, guardedForm, pageRoles, pageSession, type GuardedForm } from './page-guard.js';

const t = vi.admin;
const FORM_LIMIT = bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.text('Payload Too Large', 413) });
const PACK_LIMIT = bodyLimit({ maxSize: 8 * 1024 * 1024, onError: (c) => c.text('Payload Too Large', 413) });
const ID = /^\d{1,18}$/;

type Guarded = GuardedForm;

/** Admin session + parsed form with a valid CSRF token, or the refusal to send. */
function adminForm(c: Context<AuthEnv>): Promise<Guarded | { refusal: Response }> {
  return guardedForm(c, ['admin']);
}

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** Where JSON.parse failed, as an offset (V8 says "at position N" or "line L column C"). */
function jsonErrorPosition(text: string, message: string): number | null {
  const pos = /position (\d+)/.exec(message);
  if (pos?.[1]) return Number(pos[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc?.[1] && lc[2]) {
    const lineNo = Number(lc[1]);
    let offset = 0;
    const all = text.split('\n');
    for (let i = 0; i < lineNo - 1 && i < all.length; i++) offset += (all[i]?.length ?? 0) + 1;
    return offset + Number(lc[2]) - 1;
  }
  return null;
}

/** Every problem of an edited pack, each placed: rule id, field, offset in the query, what was expected. */
export function packProblems(text: string): { problems: PackProblem[]; value?: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { problems: [{ position: jsonErrorPosition(text, message), message: `${t.rules.jsonError}: ${message}` }] };
  }
  const problems: PackProblem[] = [];
  const rawRules = typeof value === 'object' && value !== null && Array.isArray((value as { rules?: unknown }).rules) ? ((value as { rules: unknown[] }).rules) : null;
  if (rawRules) {
    const queryOf = new Map<string, string>();
    rawRules.forEach((r, i) => {
      if (typeof r === 'object' && r !== null) {
        const id = typeof (r as { id?: unknown }).id === 'string' ? (r as { id: string }).id : `#${i}`;
        const q = (r as { query?: unknown }).query;
        if (typeof q === 'string') queryOf.set(id, q);
      }
    });
    for (const p of checkRules(rawRules)) {
      const query = queryOf.get(p.ruleId);
      const parsed = query !== undefined && p.position !== null ? parseQuery(query) : undefined;
      problems.push({
        ruleId: p.ruleId,
        field: p.position !== null ? 'query' : undefined,
        query: p.position !== null ? query : undefined,
        position: p.position,
        expected: parsed && !parsed.ok ? parsed.error.expected : undefined,
        message: p.message,
      });
    }
  }
  const schema = rulePackSchema.safeParse(value);
  if (!schema.success && problems.length === 0) {
    for (const issue of schema.error.issues.slice(0, 20)) problems.push({ field: issue.path.join('.') || '(pack)', position: null, message: issue.message });
  }
  return { problems, value };
}

function queryProblem(query: string): PackProblem | null {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { field: 'query', query, position: parsed.error.position, expected: parsed.error.expected, message: parsed.error.message };
  const other = checkQuery(query);
  return other ? { field: 'query', query, position: other.position, message: other.message } : null;
}

const tokenForm = z.object({ name: z.string().trim().min(1).max(100), role: roleSchema });

export function adminPageRoutes(context: AppContext) {
  const { db } = context;

  // ----- users -----
  const renderUsers = async (c: Context<AuthEnv>, session: SessionPrincipal, extra: { values?: NewUserValues; notice?: string; errors?: string[] } = {}, status: 200 | 400 | 404 = 200) => {
    const users = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'created_at', 'disabled_at']).orderBy('username').execute();
    c.header('cache-control', 'no-store');
    return c.html(<UsersPage user={session} users={users} {...extra} />, status);
  };

  // ----- tokens -----
  const renderTokens = async (c: Context<AuthEnv>, session: SessionPrincipal, extra: { created?: { name: string; token: string }; notice?: string; errors?: string[] } = {}, status: 200 | 201 | 400 | 404 = 200) => {
    const tokens = await db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
      .orderBy('revoked_at', (ob) => ob.desc().nullsFirst())
      .orderBy('id', 'desc')
      .execute();
    c.header('cache-control', 'no-store');
    return c.html(<TokensPage user={session} tokens={tokens} {...extra} />, status);
  };

  // ----- profile -----
  const renderProfile = async (c: Context<AuthEnv>, session: SessionPrincipal, extra: { values?: ProfileValues; notice?: string; errors?: string[] } = {}, status: 200 | 400 = 200) => {
    const profile = await getCommuneProfile(db);
    const values = extra.values ?? { commune: profile?.commune ?? '', aliases: (profile?.aliases ?? []).join('\n'), places: (profile?.places ?? []).join('\n') };
    c.header('cache-control', 'no-store');
    return c.html(<ProfilePage user={session} values={values} updatedAt={profile?.updatedAt ?? null} {...(extra.notice ? { notice: extra.notice } : {})} {...(extra.errors ? { errors: extra.errors } : {})} />, status);
  };

  // ----- rules -----
  const renderRules = async (
    c: Context<AuthEnv>,
    session: SessionPrincipal,
    extra: { editor?: { pack: string; note: string; problems: PackProblem[] }; queryCheck?: QueryCheck; bench?: { text: string; analysis: Analysis }; notice?: string } = {},
    status: 200 | 400 | 404 = 200,
  ) => {
    const [active, stats, versions, models, exampleCounts] = await Promise.all([activeRulePack(db), ruleStats(db), listRulePackVersions(db), listModelVersions(db), countExamples(db)]);
    const activeModel = models.find((m) => m.active);
    const byRule = new Map(stats.map((s) => [s.rule, s]));
    const rules = active.pack.rules.map((r) => ({
      id: r.id,
      category: r.category,
      severity: r.severity,
      query: r.query,
      enabled: r.enabled,
      hits: byRule.get(r.id)?.hits ?? 0,
      precision: byRule.get(r.id)?.precision ?? null,
    }));
    const editor = extra.editor ?? { pack: JSON.stringify(active.pack, null, 2), note: '', problems: [] };
    c.header('cache-control', 'no-store');
    return c.html(
      <RulesPage
        user={session}
        activeId={active.id}
        packVersion={active.pack.version}
        rules={rules}
        versions={versions}
        editor={editor}
        queryCheck={extra.queryCheck}
        bench={extra.bench}
        notice={extra.notice}
        model={
          <ModelSection
            user={session}
            versions={models}
            activeId={activeModel?.id ?? null}
            activeFigures={activeModel?.cv ?? loadDefaultModel().file.cv}
            exampleCount={Object.values(exampleCounts).reduce((a, b) => a + b, 0)}
          />
        }
      />,
      status,
    );
  };

  // ----- labelled examples -----
  const EXAMPLE_ORIGINS = Object.keys(vi.admin.examples.origins) as ExampleOrigin[];
  const renderExamples = async (c: Context<AuthEnv>, session: SessionPrincipal, notice?: string) => {
    const origin = EXAMPLE_ORIGINS.find((o) => o === c.req.query('origin'));
    const before = c.req.query('before');
    const limit = 50;
    const [examples, counts] = await Promise.all([
      listExamples(db, { limit, ...(origin ? { origin } : {}), ...(before && ID.test(before) ? { beforeId: before } : {}) }),
      countExamples(db),
    ]);
    c.header('cache-control', 'no-store');
    return c.html(<ExamplesPage user={session} examples={examples} counts={counts} origin={origin} nextBefore={examples.length === limit ? examples[limit - 1]!.id : null} notice={notice} />);
  };

  const done = (c: Context<AuthEnv>, notices: Record<string, string>) => {
    const key = c.req.query('done');
    return key && notices[key] ? { notice: notices[key] } : {};
  };

  return (
    new Hono<AuthEnv>()
      // Any signed-in user: end every session of the account (this one included).
      .post('/logout/everywhere', FORM_LIMIT, async (c) => {
        const session = sessionOf(c);
        if (!session) return c.redirect('/login', 303);
        const form = await c.req.parseBody();
        const refused = csrfRefusal(c, session, form);
        if (refused) return refused;
        if (session.userId) {
          await deleteUserSessions(db, session.userId);
          await recordAdminEvent(db, session, { action: 'user.sessions_ended', targetType: 'user', targetId: session.userId });
        }
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.redirect('/login', 303);
      })
      .use('/admin/*', pageRoles('admin'))
      .use('/admin', pageRoles('admin'))
      .get('/admin', (c) => c.redirect('/admin/rules', 302))

      .get('/admin/users', async (c) => {
        const { session, refusal } = pageSession(c, ['admin']);
        if (refusal) return refusal;
        return renderUsers(c, session, done(c, { created: t.users.created, role: t.users.roleChanged, status: t.users.statusChanged }));
      })
      .post('/admin/users', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const { session, form } = g;
        const values = { username: field(form, 'username').trim(), display_name: field(form, 'display_name').trim(), role: field(form, 'role') };
        const parsed = newUserSchema.safeParse({ username: values.username, displayName: values.display_name, password: field(form, 'password'), role: values.role });
        if (!parsed.success) {
          const errors = [
            ...new Set(
              parsed.error.issues.map((i) => {
                const key = String(i.path[0]);
                return key === 'username' ? t.users.errors.username : key === 'displayName' ? t.users.errors.displayName : key === 'password' ? t.users.errors.password : t.users.errors.role;
              }),
            ),
          ];
          return renderUsers(c, session, { values, errors }, 400);
        }
        const exists = await db.selectFrom('users').select('id').where('username', '=', parsed.data.username).executeTakeFirst();
        if (exists) return renderUsers(c, session, { values, errors: [t.users.errors.exists] }, 400);
        const user = await upsertUser(db, parsed.data);
        await recordAdminEvent(db, session, { action: 'user.created', targetType: 'user', targetId: user.id, details: { username: user.username, role: user.role } });
        return c.redirect('/admin/users?done=created#thong-bao', 303);
      })
      .post('/admin/users/:id/role', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const { session, form } = g;
        const id = c.req.param('id');
        const role = roleSchema.safeParse(field(form, 'role'));
        if (!role.success) return renderUsers(c, session, { errors: [t.users.errors.role] }, 400);
        if (id === session.userId) return renderUsers(c, session, { errors: [t.users.errors.self] }, 400);
        const updated = ID.test(id) ? await db.updateTable('users').set({ role: role.data }).where('id', '=', id).returning('id').executeTakeFirst() : undefined;
        if (!updated) return renderUsers(c, session, { errors: [t.notFound] }, 404);
        await recordAdminEvent(db, session, { action: 'user.role_changed', targetType: 'user', targetId: id, details: { role: role.data } });
        return c.redirect('/admin/users?done=role#thong-bao', 303);
      })
      .post('/admin/users/:id/disabled', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const { session, form } = g;
        const id = c.req.param('id');
        if (id === session.userId) return renderUsers(c, session, { errors: [t.users.errors.self] }, 400);
        const disable = field(form, 'disabled') !== 'false';
        const updated = ID.test(id)
          ? await db
              .updateTable('users')
              .set({ disabled_at: disable ? new Date() : null })
              .where('id', '=', id)
              .returning('id')
              .executeTakeFirst()
          : undefined;
        if (!updated) return renderUsers(c, session, { errors: [t.notFound] }, 404);
        if (disable) {
          // A disabled account is signed out everywhere and its tokens stop working.
          await deleteUserSessions(db, id);
          await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
        }
        await recordAdminEvent(db, session, { action: disable ? 'user.disabled' : 'user.enabled', targetType: 'user', targetId: id });
        return c.redirect('/admin/users?done=status#thong-bao', 303);
      })

      .get('/admin/tokens', async (c) => {
        const { session, refusal } = pageSession(c, ['admin']);
        if (refusal) return refusal;
        return renderTokens(c, session, done(c, { revoked: t.tokens.revokedNotice }));
      })
      .post('/admin/tokens', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const { session, form } = g;
        const parsed = tokenForm.safeParse({ name: field(form, 'name'), role: field(form, 'role') });
        if (!parsed.success) {
          const errors = parsed.error.issues.map((i) => (i.path[0] === 'name' ? t.tokens.errors.name : t.tokens.errors.role));
          return renderTokens(c, session, { errors: [...new Set(errors)] }, 400);
        }
        const created = await createApiToken(db, { name: parsed.data.name, role: parsed.data.role as Role, userId: session.userId });
        await recordAdminEvent(db, session, { action: 'token.created', targetType: 'api_token', targetId: created.id, details: { name: parsed.data.name, role: parsed.data.role } });
        // Shown once, in this response only (never stored in clear, never in a redirect URL).
        return renderTokens(c, session, { created: { name: parsed.data.name, token: created.token } }, 201);
      })
      .post('/admin/tokens/:id/revoke', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const id = c.req.param('id');
        const updated = ID.test(id)
          ? await db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).returning('id').executeTakeFirst()
          : undefined;
        if (!updated) return renderTokens(c, g.session, { errors: [t.notFound] }, 404);
        await recordAdminEvent(db, g.session, { action: 'token.revoked', targetType: 'api_token', targetId: id });
        return c.redirect('/admin/tokens?done=revoked#thong-bao', 303);
      })

      .get('/admin/audit', async (c) => {
        const { session, refusal } = pageSession(c, ['admin']);
        if (refusal) return refusal;
        const before = c.req.query('before');
        const pageSize = 100;
        const events = await listAdminEvents(db, { limit: pageSize, ...(before && ID.test(before) ? { beforeId: before } : {}) });
        c.header('cache-control', 'no-store');
        return c.html(<AdminAuditPage user={session} events={events} olderThan={events.length === pageSize ? events[events.length - 1]!.id : null} />);
      })

      .get('/admin/profile', async (c) => {
        const { session, refusal } = pageSession(c, ['admin']);
        if (refusal) return refusal;
        return renderProfile(c, session, done(c, { saved: t.profile.saved }));
      })
      .post('/admin/profile', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const { session, form } = g;
        const values = { commune: field(form, 'commune').trim(), aliases: field(form, 'aliases'), places: field(form, 'places') };
        const aliases = lines(values.aliases);
        const places = lines(values.places);
        const errors: string[] = [];
        if (values.commune.length < 1 || values.commune.length > 200) errors.push(t.profile.errors.commune);
        if ([...aliases, ...places].some((l) => l.length > 200)) errors.push(t.profile.errors.entry);
        if (aliases.length > 500 || places.length > 5000) errors.push(t.profile.errors.tooMany);
        if (errors.length) return renderProfile(c, session, { values, errors }, 400);
        // The analyzer provider sees the new updated_at within seconds and rebuilds.
        await saveCommuneProfile(db, { commune: values.commune, aliases: [...new Set(aliases)], places: [...new Set(places)] });
        await recordAdminEvent(db, session, { action: 'profile.saved', targetType: 'commune_profile', details: { commune: values.commune, aliases: new Set(aliases).size, places: new Set(places).size } });
        return c.redirect('/admin/profile?done=saved#thong-bao', 303);
      })

      .get('/admin/rules', async (c) => {
        const { session, refusal } = pageSession(c, ['admin']);
        if (refusal) return refusal;
        const l = vi.admin.learning;
        return renderRules(c, session, done(c, { saved: t.rules.saved, activated: t.rules.activated, retrain: l.retrainQueued, retrain_failed: l.retrainFailed, model: l.activated, model_default: l.restored }));
      })
      .post('/admin/rules/pack', PACK_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const { session, form } = g;
        const text = field(form, 'pack');
        const note = field(form, 'note').trim().slice(0, 500);
        const { problems, value } = packProblems(text);
        if (problems.length) return renderRules(c, session, { editor: { pack: text, note, problems } }, 400);
        const activate = field(form, 'action') === 'activate';
        try {
          const saved = await saveRulePackVersion(db, value, { note: note || null, createdBy: session.userId, activate });
          await recordAdminEvent(db, session, {
            action: activate ? 'rule_pack.activated' : 'rule_pack.saved',
            targetType: 'rule_pack_version',
            targetId: saved.id,
            details: { version: saved.version, rules: saved.rules, note: saved.note },
          });
        } catch (error) {
          if (error instanceof RuleCompileError) {
            const placed = error.problems.map((p) => ({ ruleId: p.ruleId, position: p.position, message: p.message }));
            return renderRules(c, session, { editor: { pack: text, note, problems: placed } }, 400);
          }
          throw error;
        }
        return c.redirect(`/admin/rules?done=${activate ? 'activated' : 'saved'}#thong-bao`, 303);
      })
      .post('/admin/rules/check', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const query = field(g.form, 'query').slice(0, 4000);
        const problem = queryProblem(query);
        return renderRules(c, g.session, { queryCheck: { query, problem } }, problem ? 400 : 200);
      })
      .post('/admin/rules/test', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const text = field(g.form, 'text').slice(0, 50_000);
        const { analyzer } = await context.analyzers.get();
        return renderRules(c, g.session, { bench: { text, analysis: analyzer.analyze(text) } });
      })
      .post('/admin/rules/versions/:id/activate', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const id = c.req.param('id');
        if (id === 'default') {
          await deactivateRulePacks(db);
          await recordAdminEvent(db, g.session, { action: 'rule_pack.default_restored', targetType: 'rule_pack_version' });
        } else if (!ID.test(id) || !(await activateRulePackVersion(db, id))) {
          return renderRules(c, g.session, { notice: t.notFound }, 404);
        } else {
          await recordAdminEvent(db, g.session, { action: 'rule_pack.activated', targetType: 'rule_pack_version', targetId: id });
        }
        return c.redirect('/admin/rules?done=activated#thong-bao', 303);
      })
      .post('/admin/rules/models/retrain', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        try {
          await requestRetrain(context, g.session, field(g.form, 'note').trim().slice(0, 500) || null);
        } catch {
          return c.redirect('/admin/rules?done=retrain_failed#thong-bao', 303);
        }
        return c.redirect('/admin/rules?done=retrain#thong-bao', 303);
      })
      .post('/admin/rules/models/:id/activate', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const id = c.req.param('id');
        if (id === 'default') {
          await restoreDefaultModel(db, g.session);
          return c.redirect('/admin/rules?done=model_default#thong-bao', 303);
        }
        if (!ID.test(id)) return renderRules(c, g.session, { notice: t.notFound }, 404);
        try {
          await activateModelVersion(db, id, g.session);
        } catch (error) {
          if (!(error instanceof ModelVersionError)) throw error;
          return renderRules(c, g.session, { notice: error.code === 'not_found' ? t.notFound : vi.admin.learning.notReady }, error.code === 'not_found' ? 404 : 400);
        }
        return c.redirect('/admin/rules?done=model#thong-bao', 303);
      })

      .get('/admin/examples', async (c) => {
        const { session, refusal } = pageSession(c, ['admin']);
        if (refusal) return refusal;
        return renderExamples(c, session, c.req.query('done') === 'deleted' ? vi.admin.examples.deleted : undefined);
      })
      .post('/admin/examples/:id/delete', FORM_LIMIT, async (c) => {
        const g = await adminForm(c);
        if ('refusal' in g) return g.refusal;
        const id = c.req.param('id');
        if (!ID.test(id)) return c.text(t.notFound, 404);
        const deleted = await db.transaction().execute(async (tx) => {
          const done = await deleteExample(tx, id);
          if (done) await recordAdminEvent(tx, g.session, { action: 'example.deleted', targetType: 'training_example', targetId: id });
          return done;
        });
        if (!deleted) return c.text(t.notFound, 404);
        const origin = c.req.query('origin');
        return c.redirect(`/admin/examples?${new URLSearchParams({ done: 'deleted', ...(origin ? { origin } : {}) })}#thong-bao`, 303);
      })
  );
}
