import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { Role, User } from '../db/schema.js';

export const roleSchema = z.enum(['admin', 'collaborator', 'reviewer']);
export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{2,64}$/, '2–64 characters: letters, digits, . _ -'),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'at least 10 characters').max(256),
  role: roleSchema,
});
export type NewUser = z.input<typeof newUserSchema>;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Creates the user, or resets the password, name and role of an existing one (idempotent set-up). */
export async function upsertUser(db: Db, input: NewUser): Promise<User> {
  const user = newUserSchema.parse(input);
  const passwordHash = await hash(user.password);
  return db
    .insertInto('users')
    .values({ username: user.username, display_name: user.displayName, password_hash: passwordHash, role: user.role })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({ display_name: user.displayName, password_hash: passwordHash, role: user.role, disabled_at: null }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The user when the password is right and the account enabled; argon2 verification either way, to keep timing even. */
export async function verifyCredentials(db: Db, username: string, password: string): Promise<User | undefined> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  const ok = await verify(user?.password_hash ?? DUMMY_HASH, password).catch(() => false);
  return ok && user && !user.disabled_at ? user : undefined;
}
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$MDgIilIbB6bK3qrmXt9g/g$N1pj6hVI/kjq/AnUGmn8PrKiPe/vk4cxtld8WgePJTE';

export interface CreatedToken {
  readonly id: string;
  /** Shown once; only its hash is stored. */
  readonly token: string;
}

export async function createApiToken(db: Db, input: { name: string; role: Role; userId?: string | null }): Promise<CreatedToken> {
  const token = `lng_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_tokens')
    .values({ name: input.name, role: input.role, user_id: input.userId ?? null, token_hash: sha256Hex(token) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export interface Principal {
  readonly kind: 'token' | 'session';
  readonly role: Role;
  readonly userId: string | null;
  /** Shown in the audit trail. */
  readonly name: string;
}

export async function authenticateToken(db: Db, token: string): Promise<Principal | undefined> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('token_hash', '=', sha256Hex(token))
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'role', 'user_id'])
    .executeTakeFirst();
  return row ? { kind: 'token', role: row.role, userId: row.user_id, name: `token:${row.name}` } : undefined;
}

const SESSION_DAYS = 14;

export async function createSession(db: Db, userId: string): Promise<{ cookieValue: string; csrfToken: string; expiresAt: Date }> {
  const cookieValue = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insertInto('sessions').values({ id_hash: sha256Hex(cookieValue), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt }).execute();
  return { cookieValue, csrfToken, expiresAt };
}

export interface SessionPrincipal extends Principal {
  readonly csrfToken: string;
  readonly username: string;
  readonly displayName: string;
}

export async function authenticateSession(db: Db, cookieValue: string): Promise<SessionPrincipal | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'sessions.csrf_token'])
    .where('sessions.id_hash', '=', sha256Hex(cookieValue))
    .where('sessions.expires_at', '>', new Date())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    kind: 'session',
    role: row.role,
    userId: row.id,
    name: row.username,
    username: row.username,
    displayName: row.display_name,
    csrfToken: row.csrf_token,
  };
}

export async function deleteSession(db: Db, cookieValue: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256Hex(cookieValue)).execute();
}

/** "Log out everywhere": ends every session of the user (also done when an account is disabled). */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
