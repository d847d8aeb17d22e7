import { describe, expect, it } from 'vitest';
import { forwardedClient } from '../src/http/client-address.js';
import { parseConfig } from '../src/config/env.js';

describe('client address behind proxies', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(forwardedClient('203.0.113.9', '1.2.3.4', [])).toBe('203.0.113.9');
    expect(forwardedClient('203.0.113.9', '1.2.3.4', ['10.0.0.2'])).toBe('203.0.113.9');
  });

  it('takes the rightmost address that is not a trusted proxy', () => {
    // The client wrote "6.6.6.6" itself; nginx appended the real peer 198.51.100.7.
    expect(forwardedClient('10.0.0.2', '6.6.6.6, 198.51.100.7', ['10.0.0.2'])).toBe('198.51.100.7');
    // Two proxies in a row.
    expect(forwardedClient('10.0.0.2', '198.51.100.7, 10.0.0.3', ['10.0.0.2', '10.0.0.3'])).toBe('198.51.100.7');
  });

  it('treats IPv4-mapped IPv6 peers as their IPv4 address and skips junk hops', () => {
    expect(forwardedClient('::ffff:10.0.0.2', 'not-an-ip, 198.51.100.7', ['10.0.0.2'])).toBe('198.51.100.7');
    expect(forwardedClient('::ffff:10.0.0.2', undefined, ['10.0.0.2'])).toBe('10.0.0.2');
  });

  it('validates TRUSTED_PROXIES as IP addresses', () => {
    expect(parseConfig({ TRUSTED_PROXIES: '10.0.0.2, ::1' }).TRUSTED_PROXIES).toEqual(['10.0.0.2', '::1']);
    expect(() => parseConfig({ TRUSTED_PROXIES: 'proxy.local' })).toThrow(/TRUSTED_PROXIES/);
  });
});
