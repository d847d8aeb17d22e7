// The held-out sets the experiment scripts score a model on, and how they score it: flag F1 and
// category micro-F1 of rules + the model, as `npm run eval` counts them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, communeProfileSchema, createAnalyzer, type CommuneProfile, type RuleInput } from '../src/analysis/index.js';
import type { LearnedModel } from '../src/analysis/model/model.js';
import { REPO_ROOT } from '../src/learning/base-examples.js';

/** One seed moves a figure by about 0.02: experiments train on three. */
export const SEEDS = [20261202, 7, 11];

const FILES = {
  'cao-minh': ['tests/fixtures/commune-posts-cao-minh.jsonl', 'tests/fixtures/commune-profile-cao-minh.json'],
  'giao-thuy': ['corpus/holdout/giao-thuy.jsonl', 'corpus/holdout/giao-thuy.profile.json'],
  'song-lo-ha': ['corpus/holdout/song-lo-ha.jsonl', 'corpus/holdout/song-lo-ha.profile.json'],
  'cat-hai-tay': ['corpus/holdout/cat-hai-tay.jsonl', 'corpus/holdout/cat-hai-tay.profile.json'],
  'long-posts': ['corpus/holdout/long-posts.jsonl', 'corpus/holdout/long-posts.profile.json'],
  'long-posts-2': ['corpus/holdout/long-posts-2.jsonl', 'corpus/holdout/long-posts-2.profile.json'],
  'long-posts-3': ['corpus/holdout/long-posts-3.jsonl', 'corpus/holdout/long-posts-3.profile.json'],
  'long-posts-4': ['corpus/holdout/long-posts-4.jsonl', 'corpus/holdout/long-posts-4.profile.json'],
} as const;
export type HeldOutName = keyof typeof FILES;

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

/** Flag F1 and category micro-F1 of rules + `model` on `posts`. */
export function scoreModel(model: LearnedModel, rules: readonly RuleInput[], profile: CommuneProfile, posts: readonly LabelledPost[]): { flag: number; category: number } {
  const analyzer = createAnalyzer({ rules, profile, model });
  const flag = [0, 0, 0];
  const category = [0, 0, 0];
  // [true positives, false positives, false negatives]
  const count = (c: number[], predicted: boolean, actual: boolean): void => {
    if (predicted && actual) c[0]!++;
    else if (predicted) c[1]!++;
    else if (actual) c[2]!++;
  };
  for (const post of posts) {
    const got = analyzer.analyze(post.text);
    count(flag, got.flag, post.flag);
    for (const c of CATEGORIES) count(category, got.categories.includes(c), post.categories.includes(c));
  }
  const f1 = (c: readonly number[]): number => (c[0] === 0 ? 0 : (2 * c[0]!) / (2 * c[0]! + c[1]! + c[2]!));
  return { flag: f1(flag), category: f1(category) };
}

/** "name flag/category" for one set, as the experiment scripts print it. */
export function scoreCell(model: LearnedModel, rules: readonly RuleInput[], set: HeldOutSet): string {
  const { flag, category } = scoreModel(model, rules, set.profile, set.posts);
  return `${set.name} ${flag.toFixed(3)}/${category.toFixed(3)}`;
}
