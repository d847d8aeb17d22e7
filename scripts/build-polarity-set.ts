// Rebuilds the hand-labelled polarity set from ../shared: corpus/vihos-polarity.csv holds only
// file, row, label and split; the comment text comes from the ViHOS files. Writes JSON Lines
// {"key","text","polarity","split"} to data/vihos-polarity.jsonl (git-ignored, never committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPolarityComments, REPO_ROOT } from '../src/learning/base-examples.js';

const out = resolve(REPO_ROOT, 'data', 'vihos-polarity.jsonl');
mkdirSync(resolve(REPO_ROOT, 'data'), { recursive: true });
const lines: string[] = [];
for (const split of ['train', 'test'] as const) {
  for (const c of readPolarityComments(split)) lines.push(JSON.stringify({ key: c.key, text: c.text, polarity: c.polarity, split }));
}
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${lines.length} comments written to ${out}`);
