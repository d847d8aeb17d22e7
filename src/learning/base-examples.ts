// The shipped base training data: the labelled commune sets listed in corpus/base.json and the
// hand-labelled polarity of real ViHOS comments (corpus/vihos-polarity.csv, rebuilt from
// ../shared at run time — the comments themselves are never committed). The held-out sets
// (the Cao Minh blind set, corpus/holdout/, and the `test` fifth of the comments) are not in it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { TrainingExample } from '../analysis/model/train.js';
import { parseExampleLines, toTrainingExample } from './example-line.js';
import { readParagraphLabelledSet, windowedIfRoutine } from './long-texts.js';
import { parseCsv, readVihos, vihosDir, type VihosSplit } from './vihos.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const manifestSchema = z.object({
  sets: z.array(
    z.object({
      name: z.string(),
      file: z.string(),
      /** `posts`: one labelled post per line; `paragraphs`: long texts labelled paragraph by paragraph. */
      format: z.enum(['posts', 'paragraphs']).default('posts'),
    }),
  ),
  polarity: z.object({ labels: z.string() }),
});

export type PolarityLabel = 'negative' | 'neutral' | 'positive';
export interface PolarityComment {
  readonly key: string;
  readonly text: string;
  readonly polarity: PolarityLabel;
}

export interface BaseData {
  /** As the model learns them: a long text is one example per window (long-texts.ts). */
  readonly examples: TrainingExample[];
  /** Labelled texts and comments read, a long text counted once. */
  readonly texts: number;
  /** Texts and examples per part, for the record. */
  readonly parts: { readonly name: string; readonly texts: number; readonly examples: number }[];
  /** What could not be read (e.g. ../shared missing), said once each. */
  readonly warnings: string[];
}

function readManifest(root: string): z.infer<typeof manifestSchema> {
  return manifestSchema.parse(JSON.parse(readFileSync(resolve(root, 'corpus', 'base.json'), 'utf8')));
}

/** A labelled JSONL set (the fixtures' format); throws naming the first bad line. */
export function readLabelledSet(file: string): TrainingExample[] {
  const { examples, errors } = parseExampleLines(readFileSync(file, 'utf8'));
  if (errors.length > 0) throw new Error(`${file}:${errors[0]!.line}: ${errors[0]!.message}`);
  return examples.map((e) => toTrainingExample(e, false));
}

/**
 * The hand-labelled comments of one split ("train": what models learn from; "test": the held-out
 * fifth), with their text read from the ViHOS files. Throws when ../shared is missing.
 */
export function readPolarityComments(split: 'train' | 'test', root = REPO_ROOT, dir = vihosDir()): PolarityComment[] {
  const manifest = readManifest(root);
  const rows = parseCsv(readFileSync(resolve(root, manifest.polarity.labels), 'utf8')).slice(1);
  const texts = new Map<string, Map<number, string>>();
  const textOf = (file: VihosSplit, row: number): string | undefined => {
    let byRow = texts.get(file);
    if (byRow === undefined) texts.set(file, (byRow = new Map(readVihos(file, dir).map((r) => [r.row, r.content]))));
    return byRow.get(row);
  };
  const out: PolarityComment[] = [];
  for (const [file, row, polarity, rowSplit] of rows) {
    if (rowSplit !== split) continue;
    if (file !== 'train' && file !== 'dev') throw new Error(`vihos-polarity.csv: unknown file ${file}`);
    if (polarity !== 'negative' && polarity !== 'neutral' && polarity !== 'positive') throw new Error(`vihos-polarity.csv: bad label ${polarity}`);
    const text = textOf(file, Number(row));
    if (text === undefined) throw new Error(`vihos-polarity.csv: ${file} row ${row} is not in ${dir}`);
    out.push({ key: `${file},${row}`, text, polarity });
  }
  return out;
}

export function vihosAvailable(dir = vihosDir()): boolean {
  return existsSync(resolve(dir, 'train.csv')) && existsSync(resolve(dir, 'dev.csv'));
}

function readSet(file: string, format: 'posts' | 'paragraphs'): { texts: number; examples: TrainingExample[] } {
  if (format === 'paragraphs') return readParagraphLabelledSet(file);
  const posts = readLabelledSet(file);
  return { texts: posts.length, examples: posts.flatMap((e) => windowedIfRoutine(e)) };
}

/** Every base example, in a fixed order. */
export function loadBaseData(root = REPO_ROOT, dir = vihosDir()): BaseData {
  const manifest = readManifest(root);
  const examples: TrainingExample[] = [];
  const parts: { name: string; texts: number; examples: number }[] = [];
  const warnings: string[] = [];
  for (const set of manifest.sets) {
    const read = readSet(resolve(root, set.file), set.format);
    examples.push(...read.examples);
    parts.push({ name: set.name, texts: read.texts, examples: read.examples.length });
  }
  if (vihosAvailable(dir)) {
    const comments = readPolarityComments('train', root, dir);
    for (const c of comments) examples.push({ text: c.text, categories: null, polarity: c.polarity, about: null, flag: null });
    parts.push({ name: 'vihos-polarity', texts: comments.length, examples: comments.length });
  } else {
    warnings.push(`ViHOS not found at ${dir} (set VIHOS_DIR): polarity is learned from the commune sets only`);
  }
  return { examples, texts: parts.reduce((sum, p) => sum + p.texts, 0), parts, warnings };
}
