// Reading the ViHOS corpus (phusroyal/ViHOS, MIT) from ../shared/datasets/vihos: CSV
// `,content,index_spans` whose first column is the row's key; a comment is offensive iff its
// span list is non-empty. Its rows are never shipped: the offensive-language build, the
// polarity labels (corpus/vihos-polarity.csv, keyed by file and row) and the evals read them
// from ../shared at run time.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface VihosRow {
  /** The CSV's own row key (first column). */
  readonly row: number;
  readonly content: string;
  /** Character indices (UTF-16) of the offensive spans. */
  readonly spans: readonly number[];
  readonly offensive: boolean;
}

export type VihosSplit = 'train' | 'dev' | 'test';

/** VIHOS_DIR, else ../shared/datasets/vihos next to the repository root. */
export function vihosDir(): string {
  const fromEnv = process.env['VIHOS_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return resolve(repoRoot, '..', 'shared', 'datasets', 'vihos');
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function readVihos(split: VihosSplit, dir = vihosDir()): VihosRow[] {
  const rows = parseCsv(readFileSync(resolve(dir, `${split}.csv`), 'utf8'));
  const header = rows[0] ?? [];
  const contentCol = header.indexOf('content');
  const spansCol = header.indexOf('index_spans');
  if (contentCol < 0 || spansCol < 0) throw new Error(`${split}.csv: expected columns content and index_spans`);
  const out: VihosRow[] = [];
  for (const r of rows.slice(1)) {
    if (r.length <= Math.max(contentCol, spansCol)) continue;
    const content = r[contentCol]!;
    const raw = r[spansCol]!.trim();
    const spans = raw === '' ? [] : (JSON.parse(raw) as number[]);
    out.push({ row: Number(r[0]), content, spans, offensive: spans.length > 0 });
  }
  return out;
}
