// A small copy of what Grafana does to a PostgreSQL panel's rawSql before sending it, so tests can
// run the dashboards' SQL against a test database:
//   1. the frontend replaces template variables: $__interval, $__interval_ms, $__from, $__to,
//      $__range_s (dashboard variables are not supported: the dashboards define none);
//   2. the backend (pkg/tsdb/grafana-postgresql-datasource/macros.go) expands macros with the same
//      pattern Grafana uses, `$name(args)`, args split on commas and trimmed. So a macro argument
//      cannot contain ')' or ',' in Grafana either: `$__timeFilter(coalesce(a, b))` breaks there
//      and breaks here.
// Supported macros: $__time, $__timeEpoch, $__timeFilter, $__timeFrom, $__timeTo, $__timeGroup,
// $__timeGroupAlias, $__unixEpochFilter, $__unixEpochGroup, $__unixEpochGroupAlias (no TimescaleDB;
// fill modes are accepted and ignored: they only change how Grafana fills gaps). Any other
// `$name(` is an error, as in Grafana.

export interface GrafanaTimeRange {
  readonly from: Date;
  readonly to: Date;
}

/** Interval units Grafana accepts in $__timeGroup ('5m', '1h', '1d', '1w'); 'M' and 'y' are not fixed lengths: refused. */
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

export function intervalSeconds(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim().replace(/^'|'$/g, ''));
  if (!match) throw new Error(`unsupported interval ${text}`);
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}

/** Grafana prints numbers with Go's %v: 3600 → "3600", 0.5 → "0.5". */
const goNumber = (n: number) => String(n);
const rfc3339 = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/** Step 1: the template variables the frontend substitutes. `interval` is what Grafana would pick for the panel. */
export function interpolateVariables(rawSql: string, range: GrafanaTimeRange, interval: string): string {
  const vars: Record<string, string> = {
    __interval_ms: goNumber(intervalSeconds(interval) * 1000),
    __interval: interval,
    __from: String(range.from.getTime()),
    __to: String(range.to.getTime()),
    __range_s: String(Math.round((range.to.getTime() - range.from.getTime()) / 1000)),
  };
  // `$__interval` but not `$__interval_ms` nor a macro call `$__x(`: longest names first, whole words.
  return rawSql.replace(/\$\{?(__[A-Za-z_]+)\}?(?![A-Za-z0-9_(])/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`unknown variable ${whole}`);
    return value;
  });
}

/** Step 2: the backend's macro expansion. */
export function expandMacros(rawSql: string, range: GrafanaTimeRange): string {
  const pattern = /\$([_a-zA-Z0-9]+)\(([^)]*)\)/g;
  return rawSql.replace(pattern, (whole: string, name: string, argText: string, offset: number, all: string) => {
    const args = argText.split(',').map((a) => a.trim());
    let macro = name;
    // Grafana's pre-5.3 compatibility: `$__timeGroup(...)` directly followed by ',' gets AS "time".
    if (macro === '__timeGroup' && all[offset + whole.length] === ',') macro = '__timeGroupAlias';
    return evaluate(macro, args, range);
  });
}

function column(name: string, args: string[]): string {
  if (!args[0]) throw new Error(`missing time column argument for macro $${name}`);
  return args[0];
}

function group(name: string, args: string[]): number {
  if (args.length < 2) throw new Error(`macro $${name} needs time column and interval and optional fill value`);
  if (args.length === 3 && !/^(NULL|previous|-?\d+(\.\d+)?)$/i.test(args[2]!)) throw new Error(`bad fill value ${args[2]}`);
  return intervalSeconds(args[1]!);
}

function evaluate(name: string, args: string[], range: GrafanaTimeRange): string {
  const from = rfc3339(range.from);
  const to = rfc3339(range.to);
  switch (name) {
    case '__time':
      return `${column(name, args)} AS "time"`;
    case '__timeEpoch':
      return `extract(epoch from ${column(name, args)}) as "time"`;
    case '__timeFilter':
      return `${column(name, args)} BETWEEN '${from}' AND '${to}'`;
    case '__timeFrom':
      return `'${from}'`;
    case '__timeTo':
      return `'${to}'`;
    case '__timeGroup': {
      const seconds = goNumber(group(name, args));
      return `floor(extract(epoch from ${args[0]})/${seconds})*${seconds}`;
    }
    case '__timeGroupAlias':
      return `${evaluate('__timeGroup', args, range)} AS "time"`;
    case '__unixEpochFilter': {
      const c = column(name, args);
      return `${c} >= ${Math.floor(range.from.getTime() / 1000)} AND ${c} <= ${Math.floor(range.to.getTime() / 1000)}`;
    }
    case '__unixEpochGroup': {
      const seconds = goNumber(group(name, args));
      return `floor((${args[0]})/${seconds})*${seconds}`;
    }
    case '__unixEpochGroupAlias':
      return `${evaluate('__unixEpochGroup', args, range)} AS "time"`;
    default:
      throw new Error(`unknown macro "${name}"`);
  }
}

/** What Grafana would send to PostgreSQL for a panel target. */
export function grafanaSql(rawSql: string, range: GrafanaTimeRange, interval = '1h'): string {
  return expandMacros(interpolateVariables(rawSql, range, interval), range);
}
