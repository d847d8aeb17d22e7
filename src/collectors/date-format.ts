// Dates as web pages write them ("10/11/2026 08:30", "Thứ ba, 10-11-2026"), read with a per-source
// format: yyyy yy MM M dd d HH H mm ss. Times without a zone are Vietnam time (UTC+7).

const TOKENS: Record<string, string> = {
  yyyy: '(\\d{4})',
  yy: '(\\d{2})',
  MM: '(\\d{1,2})',
  M: '(\\d{1,2})',
  dd: '(\\d{1,2})',
  d: '(\\d{1,2})',
  HH: '(\\d{1,2})',
  H: '(\\d{1,2})',
  mm: '(\\d{1,2})',
  ss: '(\\d{1,2})',
};
const TOKEN_RE = /yyyy|yy|MM|M|dd|d|HH|H|mm|ss/g;
const VIETNAM_OFFSET_MIN = 7 * 60;

function compile(format: string): { re: RegExp; fields: string[] } {
  const fields: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of format.matchAll(TOKEN_RE)) {
    pattern += format.slice(last, match.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    pattern += TOKENS[match[0]] ?? '';
    fields.push(match[0]);
    last = (match.index ?? 0) + match[0].length;
  }
  pattern += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return { re: new RegExp(pattern), fields };
}

function build(parts: Record<string, number>, offsetMin: number): Date | null {
  const year = parts.yyyy ?? (parts.yy !== undefined ? 2000 + parts.yy : undefined);
  const month = parts.MM ?? parts.M;
  const day = parts.dd ?? parts.d;
  if (year === undefined || month === undefined || day === undefined) return null;
  const hour = parts.HH ?? parts.H ?? 0;
  const minute = parts.mm ?? 0;
  const second = parts.ss ?? 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000;
  const date = new Date(ms);
  // Reject 31/02 and the like, which Date.UTC silently rolls over.
  const local = new Date(ms + offsetMin * 60_000);
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month - 1) return null;
  return date;
}

/**
 * Reads a date out of `text` (the format may match anywhere in it). Without a format: ISO 8601
 * / RFC 2822, then the usual Vietnamese day-first forms. Null when nothing sensible is found.
 */
export function parsePageDate(text: string | null | undefined, format?: string): Date | null {
  if (!text) return null;
  const value = text.trim();
  if (!value) return null;
  if (format && format !== 'iso') {
    const { re, fields } = compile(format);
    const match = re.exec(value);
    if (!match) return null;
    const parts: Record<string, number> = {};
    fields.forEach((field, i) => (parts[field] = Number(match[i + 1])));
    return build(parts, VIETNAM_OFFSET_MIN);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value) || /^[A-Z][a-z]{2}, \d/.test(value)) {
    const hasZone = /(Z|[+-]\d\d:?\d\d|GMT|UT[C]?)$/i.test(value) || !/T|\d:\d/.test(value);
    const ms = Date.parse(hasZone ? value : `${value}+07:00`);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  for (const fallback of ['dd/MM/yyyy HH:mm', 'dd-MM-yyyy HH:mm', 'HH:mm dd/MM/yyyy', 'dd/MM/yyyy', 'dd-MM-yyyy']) {
    const date = parsePageDate(value, fallback);
    if (date) return date;
  }
  return null;
}
