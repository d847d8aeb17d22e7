// `npx tsx scripts/compare-base-sets.ts cam-hai-dong,yen-lu`: what some sets of the base data are
// worth. Trains the base without the named sets (corpus/base.json names) and the whole base, each
// over three seeds, and prints flag F1 / category micro-F1 on every held-out set. Each round of
// communes in the README was measured this way, against the base as it stood before the round.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, communeProfileSchema, createAnalyzer, loadDefaultRulePack } from '../src/analysis/index.js';
import { LearnedModel } from '../src/analysis/model/model.js';
import { trainModel, type TrainingExample } from '../src/analysis/model/train.js';
import { loadBaseData, REPO_ROOT } from '../src/learning/base-examples.js';

const SEEDS = [20261202, 7, 11];
const HELD_OUT = [
  ['cao-minh', 'tests/fixtures/commune-posts-cao-minh.jsonl', 'tests/fixtures/commune-profile-cao-minh.json'],
  ['giao-thuy', 'corpus/holdout/giao-thuy.jsonl', 'corpus/holdout/giao-thuy.profile.json'],
  ['song-lo-ha', 'corpus/holdout/song-lo-ha.jsonl', 'corpus/holdout/song-lo-ha.profile.json'],
  ['long-posts', 'corpus/holdout/long-posts.jsonl', 'corpus/holdout/long-posts.profile.json'],
  ['long-posts-2', 'corpus/holdout/long-posts-2.jsonl', 'corpus/holdout/long-posts-2.profile.json'],
  ['long-posts-3', 'corpus/holdout/long-posts-3.jsonl', 'corpus/holdout/long-posts-3.profile.json'],
] as const;

const leaveOut = new Set((process.argv[2] ?? '').split(',').filter((name) => name !== ''));
const base = loadBaseData();
const unknown = [...leaveOut].filter((name) => !base.parts.some((p) => p.name === name));
if (leaveOut.size === 0 || unknown.length > 0) {
  console.error(`usage: compare-base-sets.ts <set,set,…> (sets of corpus/base.json${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''})`);
  process.exit(64);
}
const without: TrainingExample[] = [];
let at = 0;
for (const part of base.parts) {
  if (!leaveOut.has(part.name)) without.push(...base.examples.slice(at, at + part.examples));
  at += part.examples;
}

const rules = loadDefaultRulePack().rules;
const sets = HELD_OUT.map(([name, posts, profile]) => ({
  name,
  profile: communeProfileSchema.parse(JSON.parse(readFileSync(join(REPO_ROOT, profile), 'utf8'))),
  posts: readFileSync(join(REPO_ROOT, posts), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { text: string; flag: boolean; categories: string[] }),
}));
const f1 = (c: readonly number[]): string => (c[0] === 0 ? 0 : (2 * c[0]!) / (2 * c[0]! + c[1]! + c[2]!)).toFixed(3);

console.log(`flag F1 / category micro-F1, without ${[...leaveOut].join(', ')} and with them`);
for (const [name, examples] of [
  ['without', without],
  ['with', base.examples],
] as const) {
  for (const seed of SEEDS) {
    const model = new LearnedModel(trainModel(examples, { rules, rulePack: 'default', seed }).model);
    const cells = sets.map((set) => {
      const analyzer = createAnalyzer({ rules, profile: set.profile, model });
      const flag = [0, 0, 0];
      const category = [0, 0, 0];
      const count = (c: number[], predicted: boolean, actual: boolean): void => void (predicted && actual ? c[0]!++ : predicted ? c[1]!++ : actual ? c[2]!++ : 0);
      for (const post of set.posts) {
        const got = analyzer.analyze(post.text);
        count(flag, got.flag, post.flag);
        for (const c of CATEGORIES) count(category, got.categories.includes(c), post.categories.includes(c));
      }
      return `${set.name} ${f1(flag)}/${f1(category)}`;
    });
    console.log(`${name.padEnd(8)} ${String(seed).padEnd(9)} ${cells.join('  ')}`);
  }
}
