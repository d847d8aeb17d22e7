// The held-out sets the experiment scripts score a model on, and how they score it: flag F1 and
// category micro-F1 of rules + the model, as `npm run eval` counts them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, communeProfileSchema, createAnalyzer, type CommuneProfile, type RuleInput } from '../src/analysis/index.js';
import type { LearnedModel } from '../src/analysis/model/model.js';
import type { TrainingExample } from '../src/analysis/model/train.js';
import { loadBaseData, REPO_ROOT } from '../src/learning/base-examples.js';
import { paragraphTextSchema, type ParagraphText } from '../src/learning/long-texts.js';

/** One seed moves a figure by about 0.02: experiments train on three. */
export const SEEDS = [20261202, 7, 11];

const FILES = {
  'cao-minh': ['tests/fixtures/commune-posts-cao-minh.jsonl', 'tests/fixtures/commune-profile-cao-minh.json'],
  'giao-thuy': ['corpus/holdout/giao-thuy.jsonl', 'corpus/holdout/giao-thuy.profile.json'],
  'song-lo-ha': ['corpus/holdout/song-lo-ha.jsonl', 'corpus/holdout/song-lo-ha.profile.json'],
  'cat-hai-tay': ['corpus/holdout/cat-hai-tay.jsonl', 'corpus/holdout/cat-hai-tay.profile.json'],
  'van-khe-bac': ['corpus/holdout/van-khe-bac.jsonl', 'corpus/holdout/van-khe-bac.profile.json'],
  'long-posts': ['corpus/holdout/long-posts.jsonl', 'corpus/holdout/long-posts.profile.json'],
  'long-posts-2': ['corpus/holdout/long-posts-2.jsonl', 'corpus/holdout/long-posts-2.profile.json'],
  'long-posts-3': ['corpus/holdout/long-posts-3.jsonl', 'corpus/holdout/long-posts-3.profile.json'],
  'long-posts-4': ['corpus/holdout/long-posts-4.jsonl', 'corpus/holdout/long-posts-4.profile.json'],
  'long-posts-5': ['corpus/holdout/long-posts-5.jsonl', 'corpus/holdout/long-posts-5.profile.json'],
} as const;
export type HeldOutName = keyof typeof FILES;
/** Every held-out set, short ones first. */
export const HELD_OUT_SETS = Object.keys(FILES) as HeldOutName[];

export interface LabelledPost {
  readonly text: string;
  readonly flag: boolean;
  readonly categories: readonly string[];
}

export interface HeldOutSet {
  readonly name: string;
  readonly profile: CommuneProfile;
  readonly posts: LabelledPost[];
}

export function readHeldOutSets(names: readonly HeldOutName[]): HeldOutSet[] {
  return names.map((name) => {
    const [posts, profile] = FILES[name];
    return {
      name,
      profile: communeProfileSchema.parse(JSON.parse(readFileSync(join(REPO_ROOT, profile), 'utf8'))),
      posts: readFileSync(join(REPO_ROOT, posts), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as LabelledPost),
    };
  });
}

/** True positives, false positives and misses of one decision, counted over many. */
export class Counts {
  tp = 0;
  fp = 0;
  fn = 0;

  add(predicted: boolean, actual: boolean): void {
    if (predicted && actual) this.tp++;
    else if (predicted) this.fp++;
    else if (actual) this.fn++;
  }

  get f1(): number {
    return this.tp === 0 ? 0 : (2 * this.tp) / (2 * this.tp + this.fp + this.fn);
  }
}

/** Flag F1 (with its false alarms and misses) and category micro-F1 of rules + `model` on `posts`. */
export function scoreModel(
  model: LearnedModel,
  rules: readonly RuleInput[],
  profile: CommuneProfile,
  posts: readonly LabelledPost[],
): { flag: number; category: number; falseAlarms: number; missed: number } {
  const analyzer = createAnalyzer({ rules, profile, model });
  const flag = new Counts();
  const category = new Counts();
  for (const post of posts) {
    const got = analyzer.analyze(post.text);
    flag.add(got.flag, post.flag);
    for (const c of CATEGORIES) category.add(got.categories.includes(c), post.categories.includes(c));
  }
  return { flag: flag.f1, category: category.f1, falseAlarms: flag.fp, missed: flag.fn };
}

/** "name flag/category", and the flag's false alarms and misses on long texts, as the experiment scripts print it. */
export function scoreCell(model: LearnedModel, rules: readonly RuleInput[], set: HeldOutSet): string {
  const { flag, category, falseAlarms, missed } = scoreModel(model, rules, set.profile, set.posts);
  const errors = set.name.startsWith('long-') ? ` (${falseAlarms} fa, ${missed} m)` : '';
  return `${set.name} ${flag.toFixed(3)}/${category.toFixed(3)}${errors}`;
}

/**
 * The base data without its paragraph-labelled long texts, and those texts (corpus/base/<file>):
 * the long-text experiments score models that did not learn them.
 */
export function baseWithoutLongTexts(): TrainingExample[] {
  const base = loadBaseData();
  const examples: TrainingExample[] = [];
  let at = 0;
  for (const part of base.parts) {
    if (!part.name.startsWith('long-texts')) examples.push(...base.examples.slice(at, at + part.examples));
    at += part.examples;
  }
  return examples;
}

export function readBaseLongTexts(file: string): ParagraphText[] {
  return readFileSync(join(REPO_ROOT, 'corpus', 'base', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => paragraphTextSchema.parse(JSON.parse(line)));
}
