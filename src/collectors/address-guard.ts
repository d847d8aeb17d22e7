// Which addresses a request for a user-supplied URL may reach. ipaddr.js names the range of an
// address from the IANA special-purpose registries; only `unicast` passes. An IPv6 address that
// carries an IPv4 address (mapped, compatible, RFC 6145, NAT64 64:ff9b::/96, 6to4) is judged by
// the IPv4 address inside, since that is where its packets end up: ::ffff:7f00:1 is loopback.
import net from 'node:net';
import ipaddr from 'ipaddr.js';

export interface AddressVerdict {
  readonly blocked: boolean;
  /** The ipaddr.js range ('unicast', 'loopback', 'private', 'teredo', …) or 'not an IP address'. */
  readonly range: string;
  /** The IPv4 address an IPv6 form carries, in dotted form, when it carries one. */
  readonly embeddedIPv4?: string;
}

const NOT_AN_ADDRESS: AddressVerdict = { blocked: true, range: 'not an IP address' };

/**
 * Classifies an address as a resolver or a URL gives it: dotted, hex, octal or decimal IPv4 (as
 * inet_aton and WHATWG URL read them), IPv6 in any spelling, with or without brackets or a zone id.
 * Anything that is not an address is blocked: the caller meant to check an address.
 */
export function classifyAddress(text: string): AddressVerdict {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare.includes(':')) {
    // Node's own parser decides what is an IPv6 address (it is the one that dials); ipaddr.js
    // reads some strings Node refuses, e.g. a leading-zero IPv4 tail, differently.
    if (!net.isIPv6(bare)) return NOT_AN_ADDRESS;
    const address = ipaddr.IPv6.parse(bare.replace(/%.*$/, ''));
    const range = address.range();
    if (range === 'loopback' || range === 'unspecified') return { blocked: true, range };
    const inner = embeddedIPv4(address.toByteArray());
    if (inner) return { ...judge(inner.range()), embeddedIPv4: inner.toString() };
    return judge(range);
  }
  if (!ipaddr.IPv4.isValid(bare)) return NOT_AN_ADDRESS;
  return judge(ipaddr.IPv4.parse(bare).range());
}

/** True for addresses a request for a user-supplied URL must never reach. */
export function isBlockedAddress(address: string): boolean {
  return classifyAddress(address).blocked;
}

/** "loopback", "loopback, 127.0.0.1 inside": for refusal messages. */
export function describeVerdict(verdict: AddressVerdict): string {
  return verdict.embeddedIPv4 ? `${verdict.range}, ${verdict.embeddedIPv4} inside` : verdict.range;
}

function judge(range: string): AddressVerdict {
  return { blocked: range !== 'unicast', range };
}

const zeros = (bytes: readonly number[], from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);

/** The IPv4 address inside an IPv6 address of the forms that route to it, if any. */
function embeddedIPv4(bytes: readonly number[]): ipaddr.IPv4 | undefined {
  const last32 = () => new ipaddr.IPv4(bytes.slice(12, 16));
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated but still dialled)
  if (zeros(bytes, 0, 10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || (bytes[10] === 0 && bytes[11] === 0))) return last32();
  // ::ffff:0:a.b.c.d (RFC 6145, translated)
  if (zeros(bytes, 0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(bytes, 10, 12)) return last32();
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix; the local-use 64:ff9b:1::/48 is not unicast and is refused whole)
  if (bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(bytes, 4, 12)) return last32();
  // 2002:AABB:CCDD::/48 (6to4)
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return new ipaddr.IPv4(bytes.slice(2, 6));
  return undefined;
}
