// Reading the ViHOS corpus (phusroyal/ViHOS, MIT; see ../shared/datasets/vihos/README.md):
// CSV `,content,index_spans`, a comment is offensive iff its span list is non-empty.
// Used by the offensive-language build and eval scripts only (never shipped).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface VihosRow {
  readonly content: string;
  /** Character indices (UTF-16) of the offensive spans. */
  readonly spans: readonly number[];
  readonly offensive: boolean;
}

/** VIHOS_DIR, else ../shared/datasets/vihos next to the repository root. */
export function vihosDir(): string {
  const fromEnv = process.env['VIHOS_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
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

export function readVihos(split: 'train' | 'dev' | 'test', dir = vihosDir()): VihosRow[] {
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
    out.push({ content, spans, offensive: spans.length > 0 });
  }
  return out;
}

/** Seeded PRNG (mulberry32): the build is deterministic. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export interface Scores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function prf(predicted: readonly boolean[], gold: readonly boolean[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (predicted[i] && gold[i]) tp++;
    else if (predicted[i]) fp++;
    else if (gold[i]) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, tn, precision, recall, f1 };
}
