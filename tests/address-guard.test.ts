// The SSRF guard's address classifier (issue 16), table-first and by property: every notation of
// an address a resolver or a URL can give — dotted, decimal, octal and hex IPv4, IPv6 in any
// spelling, IPv4-mapped, IPv4-compatible, RFC 6145, NAT64, 6to4, Teredo, zone ids, brackets — is
// judged by where its packets would go. No traffic at all: these assert on the function.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAddress, isBlockedAddress } from '../src/collectors/address-guard.js';
import { refuseLiteral, refuseResolved } from '../src/collectors/safe-fetch.js';

type Row = readonly [address: string, range: string, embeddedIPv4?: string];

const BLOCKED: readonly Row[] = [
  // IPv4, dotted
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.255', 'carrierGradeNat'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['192.88.99.1', 'reserved'],
  ['192.175.48.1', 'as112'],
  ['192.52.193.1', 'amt'],
  // IPv4, the forms inet_aton and the WHATWG URL parser read: decimal, hex, octal, short
  ['2130706433', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['0X7F000001', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0x7f.0x0.0x0.0x1', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['0177.0.0.01', 'loopback'],
  ['017700000001', 'loopback'],
  ['127.1', 'loopback'],
  ['127.0.1', 'loopback'],
  ['0', 'unspecified'],
  ['0x0', 'unspecified'],
  ['2852039166', 'linkLocal'], // 169.254.169.254
  ['0xa9fea9fe', 'linkLocal'],
  ['0251.0376.0251.0376', 'linkLocal'],
  ['0xa9.0xfe.0xa9.0xfe', 'linkLocal'],
  ['3232235777', 'private'], // 192.168.1.1
  ['10.1', 'private'],
  ['012.0.0.1', 'private'], // octal 10.0.0.1
  // IPv6
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['0000:0000:0000:0000:0000:0000:0000:0001', 'loopback'],
  ['[::1]', 'loopback'],
  ['::', 'unspecified'],
  ['[::]', 'unspecified'],
  ['fe80::1', 'linkLocal'],
  ['FE80::1', 'linkLocal'],
  ['fe80::1%eth0', 'linkLocal'],
  ['fe80::1%25eth0', 'linkLocal'],
  ['fe80::a9fe:a9fe%1', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd00:ec2::254', 'uniqueLocal'],
  ['ff02::1', 'multicast'],
  ['ff05::1:3', 'multicast'],
  ['fec0::1', 'deprecatedSiteLocal'],
  ['100::1', 'discard'],
  ['2001:db8::1', 'reserved'],
  ['2001:2::1', 'benchmarking'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  ['64:ff9b:1::7f00:1', 'rfc6052'], // local-use NAT64: where the IPv4 sits depends on the prefix length
  // IPv4-mapped
  ['::ffff:127.0.0.1', 'loopback', '127.0.0.1'],
  ['::ffff:7f00:1', 'loopback', '127.0.0.1'],
  ['::FFFF:7F00:0001', 'loopback', '127.0.0.1'],
  ['0:0:0:0:0:ffff:7f00:1', 'loopback', '127.0.0.1'],
  ['0000:0000:0000:0000:0000:ffff:7f00:0001', 'loopback', '127.0.0.1'],
  ['[::ffff:7f00:1]', 'loopback', '127.0.0.1'],
  ['::ffff:127.0.0.1%eth0', 'loopback', '127.0.0.1'],
  ['::ffff:a9fe:a9fe', 'linkLocal', '169.254.169.254'],
  ['::ffff:169.254.169.254', 'linkLocal', '169.254.169.254'],
  ['::ffff:a00:1', 'private', '10.0.0.1'],
  ['::ffff:c0a8:101', 'private', '192.168.1.1'],
  ['::ffff:0.0.0.0', 'unspecified', '0.0.0.0'],
  ['::ffff:6440:1', 'carrierGradeNat', '100.64.0.1'],
  // IPv4-compatible (deprecated, still dialled)
  ['::127.0.0.1', 'loopback', '127.0.0.1'],
  ['::7f00:1', 'loopback', '127.0.0.1'],
  ['::a9fe:a9fe', 'linkLocal', '169.254.169.254'],
  ['::10.0.0.1', 'private', '10.0.0.1'],
  // RFC 6145 (IPv4-translated)
  ['::ffff:0:127.0.0.1', 'loopback', '127.0.0.1'],
  ['::ffff:0:7f00:1', 'loopback', '127.0.0.1'],
  ['::ffff:0:a9fe:a9fe', 'linkLocal', '169.254.169.254'],
  // NAT64, well-known prefix
  ['64:ff9b::127.0.0.1', 'loopback', '127.0.0.1'],
  ['64:ff9b::7f00:1', 'loopback', '127.0.0.1'],
  ['0064:ff9b:0000:0000:0000:0000:7f00:0001', 'loopback', '127.0.0.1'],
  ['64:ff9b::a9fe:a9fe', 'linkLocal', '169.254.169.254'],
  ['64:ff9b::10.0.0.1', 'private', '10.0.0.1'],
  // 6to4
  ['2002:7f00:1::', 'loopback', '127.0.0.1'],
  ['2002:7f00:0001::1', 'loopback', '127.0.0.1'],
  ['2002:7f00:1:ffff:1:2:3:4', 'loopback', '127.0.0.1'],
  ['2002:a9fe:a9fe::', 'linkLocal', '169.254.169.254'],
  ['2002:c0a8:101:1::1', 'private', '192.168.1.1'],
  ['2002:a00:1::', 'private', '10.0.0.1'],
];

const ALLOWED: readonly Row[] = [
  ['1.1.1.1', 'unicast'],
  ['8.8.8.8', 'unicast'],
  ['203.113.131.1', 'unicast'],
  ['14.225.0.1', 'unicast'],
  ['172.32.0.1', 'unicast'], // just past 172.16.0.0/12
  ['100.128.0.1', 'unicast'], // just past 100.64.0.0/10
  ['16843009', 'unicast'], // 1.1.1.1
  ['0x01010101', 'unicast'],
  ['2001:4860:4860::8888', 'unicast'],
  ['2606:4700:4700::1111', 'unicast'],
  ['2402:800::1', 'unicast'],
  ['::ffff:1.1.1.1', 'unicast', '1.1.1.1'],
  ['::ffff:808:808', 'unicast', '8.8.8.8'],
  ['64:ff9b::1.1.1.1', 'unicast', '1.1.1.1'], // an IPv6-only network reaches every IPv4 site this way (DNS64)
  ['64:ff9b::808:808', 'unicast', '8.8.8.8'],
  ['2002:101:101::1', 'unicast', '1.1.1.1'],
];

/** Not addresses at all (or not ones Node would dial): the caller meant to check an address, so they are refused. */
const NOT_ADDRESSES = ['', 'localhost', 'example.com', '08.0.0.1', '256.0.0.1', '1.2.3.4.5', ' 127.0.0.1', '127.0.0.1 ', '4294967296', '::ffff:0177.0.0.1', '::ffff:127.1', '[::1', ':::1', '1::2::3'];

describe('classifyAddress', () => {
  const rows = (table: readonly Row[]) => table.map(([address, range, embeddedIPv4]) => ({ address, range, embeddedIPv4 }));

  it.each(rows(BLOCKED))('refuses $address ($range)', ({ address, range, embeddedIPv4 }) => {
    expect(classifyAddress(address)).toEqual({ blocked: true, range, ...(embeddedIPv4 ? { embeddedIPv4 } : {}) });
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(rows(ALLOWED))('lets $address through ($range)', ({ address, range, embeddedIPv4 }) => {
    expect(classifyAddress(address)).toEqual({ blocked: false, range, ...(embeddedIPv4 ? { embeddedIPv4 } : {}) });
    expect(isBlockedAddress(address)).toBe(false);
  });

  it.each(NOT_ADDRESSES)('refuses %j: not an IP address', (text) => {
    expect(classifyAddress(text)).toEqual({ blocked: true, range: 'not an IP address' });
  });
});

describe('what safeFetch checks: the host as the WHATWG URL parser writes it', () => {
  // Each of these URLs names loopback; the parser rewrites the host, and the guard must refuse what it writes.
  it.each([
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'http://[::ffff:0:127.0.0.1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::127.0.0.1]/',
    'http://[2002:7f00:1::]/',
    'http://[::1]/',
    'http://[::]/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://127.000.000.001/',
    'http://127.1/',
    'http://0/',
    'http://127.0.0.1./',
  ])('%s', (url) => {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    expect(refuseLiteral(host)?.message).toMatch(/^refused: .* is a private or reserved address \((loopback|unspecified)/);
  });

  it('says which address and range a refusal is about', () => {
    expect(refuseLiteral('::ffff:a9fe:a9fe')?.message).toBe('refused: ::ffff:a9fe:a9fe is a private or reserved address (linkLocal, 169.254.169.254 inside)');
    expect(refuseResolved('feed.example', [{ address: '93.184.216.34' }, { address: '::ffff:7f00:1' }])?.message).toBe(
      'refused: feed.example resolves to a private or reserved address (::ffff:7f00:1: loopback, 127.0.0.1 inside)',
    );
    expect(refuseResolved('feed.example', [{ address: '93.184.216.34' }, { address: '2606:4700::1' }])).toBeUndefined();
    expect(refuseLiteral('1.1.1.1')).toBeUndefined();
  });
});

// --- Properties: every embedding of an IPv4 address is judged like the IPv4 address itself ---------

/** The IANA special-purpose IPv4 blocks (RFC 6890 and later), written out here independently of ipaddr.js. */
const SPECIAL_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.31.196.0', 24], ['192.52.193.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['192.175.48.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];

const toInt = (dotted: string) => dotted.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const inSpecialBlock = (n: number) => SPECIAL_V4.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(toInt(base) / 2 ** (32 - bits)));
const octets = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const hex16 = (n: number, pad = false) => n.toString(16).padStart(pad ? 4 : 1, '0');

/** Every spelling of IPv4 address `n` a resolver or URL may give, and every IPv6 address that carries it. */
function spellings(n: number, extra: { readonly salt: number; readonly zone: string }): string[] {
  const [a, b, c, d] = octets(n) as [number, number, number, number];
  const dotted = `${a}.${b}.${c}.${d}`;
  const hi = (n >>> 16) & 0xffff;
  const lo = n & 0xffff;
  const hex = `${hex16(hi)}:${hex16(lo)}`;
  const hexPadded = `${hex16(hi, true)}:${hex16(lo, true)}`;
  const salt = hex16(extra.salt & 0xffff);
  const v4 = [
    dotted,
    String(n),
    `0x${n.toString(16)}`,
    `0${n.toString(8)}`,
    [a, b, c, d].map((o) => `0${o.toString(8)}`).join('.'),
    [a, b, c, d].map((o) => `0x${o.toString(16)}`).join('.'),
    `${a}.${(b << 16) | (c << 8) | d}`,
    `${a}.${b}.${(c << 8) | d}`,
  ];
  const v6 = [
    `::ffff:${dotted}`,
    `::ffff:${hex}`,
    `0:0:0:0:0:ffff:${hex}`,
    `0000:0000:0000:0000:0000:FFFF:${hexPadded.toUpperCase()}`,
    `::ffff:0:${dotted}`,
    `::ffff:0:${hex}`,
    `64:ff9b::${dotted}`,
    `64:ff9b::${hex}`,
    `0064:ff9b:0:0:0:0:${hexPadded}`,
    `2002:${hex}::`,
    `2002:${hex}:${salt}::${salt}`,
    `2002:${hexPadded}:${salt}:${salt}:${salt}:${salt}:${salt}`,
  ];
  // IPv4-compatible: ::0.0.0.x are :: and ::1 themselves (blocked as such, like the IPv4 inside).
  if (n > 0xffff) v6.push(`::${dotted}`, `::${hex}`);
  return [...v4, ...v6, ...v6.map((s) => `[${s}]`), ...v6.map((s) => `${s}%${extra.zone}`)];
}

const anyIPv4 = fc.integer({ min: 0, max: 0xffffffff });
const blockedIPv4 = fc
  .constantFrom(...SPECIAL_V4)
  .chain(([base, bits]) => fc.integer({ min: 0, max: 2 ** (32 - bits) - 1 }).map((host) => toInt(base) + host));
const extras = fc.record({ salt: fc.integer({ min: 0, max: 0xffff }), zone: fc.constantFrom('eth0', 'lo', '1', 'en0', 'wlan0') });

describe('properties', () => {
  it('every spelling and IPv6 embedding of an IPv4 address in a special-purpose block is refused', () => {
    fc.assert(
      fc.property(blockedIPv4, extras, (n, extra) => {
        for (const text of spellings(n, extra)) {
          if (!isBlockedAddress(text)) throw new Error(`${text} (${octets(n).join('.')}) was let through`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('any IPv4 address, in any spelling or embedding, is judged like the address itself (and by the IANA blocks)', () => {
    fc.assert(
      fc.property(anyIPv4, extras, (n, extra) => {
        const expected = inSpecialBlock(n);
        for (const text of spellings(n, extra)) {
          const verdict = classifyAddress(text);
          if (verdict.blocked !== expected) throw new Error(`${text} (${octets(n).join('.')}): blocked=${verdict.blocked}, expected ${expected}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('Teredo and the local-use NAT64 prefix are refused whatever they carry', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 6, maxLength: 6 }), (groups) => {
        const tail = groups.map((g) => hex16(g)).join(':');
        expect(isBlockedAddress(`2001:0:${tail}`)).toBe(true);
        expect(isBlockedAddress(`64:ff9b:1:${groups.slice(1).map((g) => hex16(g)).join(':')}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
