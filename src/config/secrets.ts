// Secrets at rest (page access tokens in a source's config): AES-256-GCM with a key derived from
// SECRET_KEY by HKDF. A sealed value is a string "enc:v1:<base64url(iv | tag | ciphertext)>", so
// the config stays JSON and a sealed value is recognisable. Secrets never leave through the API.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Config keys that hold secrets, in any source type's config. */
export const SECRET_CONFIG_KEYS: readonly string[] = ['token'];

export class SecretError extends Error {
  override readonly name = 'SecretError';
}

const keyCache = new Map<string, Buffer>();
function deriveKey(secretKey: string): Buffer {
  let key = keyCache.get(secretKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secretKey, 'langnghe', 'source secrets v1', 32));
    keyCache.set(secretKey, key);
  }
  return key;
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

export function sealSecret(secretKey: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secretKey), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

export function openSecret(secretKey: string, sealed: string): string {
  if (!isSealed(sealed)) throw new SecretError('not a sealed secret');
  const data = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (data.length < IV_BYTES + TAG_BYTES) throw new SecretError('sealed secret is truncated');
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secretKey), data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError('cannot decrypt a stored secret (SECRET_KEY changed?)');
  }
}

/** A config ready to store: every secret key sealed (already sealed values are kept). */
export function sealConfigSecrets(secretKey: string, config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const key of SECRET_CONFIG_KEYS) {
    const value = out[key];
    if (typeof value === 'string' && value !== '' && !isSealed(value)) out[key] = sealSecret(secretKey, value);
  }
  return out;
}

/** The config a collector receives: sealed secrets opened. */
export function openConfigSecrets(secretKey: string, config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const [key, value] of Object.entries(out)) if (isSealed(value)) out[key] = openSecret(secretKey, value);
  return out;
}

/** The config shown to people: secrets replaced by a marker saying whether one is set. */
export function redactConfigSecrets(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key] = SECRET_CONFIG_KEYS.includes(key) || isSealed(value) ? (value ? '[set]' : '[not set]') : value;
  }
  return out;
}

/** True when a config carries a secret in clear (refused at storage). */
export function hasClearSecret(config: Record<string, unknown>): boolean {
  return SECRET_CONFIG_KEYS.some((key) => typeof config[key] === 'string' && config[key] !== '' && !isSealed(config[key]));
}
