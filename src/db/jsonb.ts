// JSON as Postgres jsonb accepts it. JSON.stringify writes a lone UTF-16 surrogate (half an emoji,
// cut by a sender, a feed or a fuzzer) as "\ud800": valid JSON, which jsonb refuses, so the whole
// write failed (a 500, a lost post). The lone half becomes U+FFFD, as it does in a text column.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

/** `s` with every lone surrogate replaced by U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}

function wellFormedKeys(value: object): object {
  const keys = Object.keys(value);
  if (!keys.some((k) => HAS_LONE_SURROGATE.test(k))) return value;
  return Object.fromEntries(keys.map((k) => [wellFormed(k), (value as Record<string, unknown>)[k]]));
}

/** JSON.stringify for a jsonb column: every string and key well-formed. */
export function jsonb(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string') return wellFormed(v);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return wellFormedKeys(v);
    return v;
  });
}
