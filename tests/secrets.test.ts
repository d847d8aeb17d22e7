import { describe, expect, it } from 'vitest';
import { hasClearSecret, isSealed, openConfigSecrets, openSecret, redactConfigSecrets, sealConfigSecrets, sealSecret, SecretError } from '../src/config/secrets.js';

const KEY = 'test-secret-key-0123456789abcdef0123456789';

describe('secrets at rest (AES-256-GCM)', () => {
  it('seals and opens; every seal differs (random IV)', () => {
    const a = sealSecret(KEY, 'EAAB-page-token');
    const b = sealSecret(KEY, 'EAAB-page-token');
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('EAAB');
    expect(openSecret(KEY, a)).toBe('EAAB-page-token');
  });

  it('refuses another key and a tampered value', () => {
    const sealed = sealSecret(KEY, 'token');
    expect(() => openSecret(`${KEY}-other`, sealed)).toThrow(SecretError);
    const bytes = Buffer.from(sealed.slice('enc:v1:'.length), 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => openSecret(KEY, `enc:v1:${bytes.toString('base64url')}`)).toThrow(/cannot decrypt/);
    expect(() => openSecret(KEY, 'enc:v1:AAAA')).toThrow(/truncated/);
  });

  it('seals the token of a config, opens it for the collector, redacts it for people', () => {
    const config = { pageId: '123', token: 'EAAB-secret' };
    expect(hasClearSecret(config)).toBe(true);
    const stored = sealConfigSecrets(KEY, config);
    expect(hasClearSecret(stored)).toBe(false);
    expect(JSON.stringify(stored)).not.toContain('EAAB-secret');
    expect(sealConfigSecrets(KEY, stored)).toEqual(stored); // idempotent
    expect(openConfigSecrets(KEY, stored)).toEqual(config);
    expect(redactConfigSecrets(stored)).toEqual({ pageId: '123', token: '[set]' });
  });
});
