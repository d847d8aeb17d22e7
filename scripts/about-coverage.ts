// `npx tsx scripts/about-coverage.ts [set]`: how well the gazetteer alone tells whether a post is
// about its commune, on every labelled set with a profile (the base communes, the held-out sets,
// the two fixture sets): true/false positives and misses per set and in all. Naming a set prints
// its errors. The gazetteer is hand-written, not trained: every set measures it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { communeProfileSchema, createAnalyzer } from '../src/analysis/index.js';
import { REPO_ROOT } from '../src/learning/base-examples.js';
import { Counts } from './held-out-sets.js';

const sets: { name: string; posts: string; profile: string }[] = [];
for (const dir of ['corpus/base', 'corpus/holdout']) {
  for (const file of readdirSync(join(REPO_ROOT, dir)).sort()) {
    if (!file.endsWith('.profile.json')) continue;
    const name = file.slice(0, -'.profile.json'.length);
    sets.push({ name, posts: join(REPO_ROOT, dir, `${name}.jsonl`), profile: join(REPO_ROOT, dir, file) });
  }
}
sets.push({ name: 'phu-thong', posts: join(REPO_ROOT, 'tests/fixtures/commune-posts.jsonl'), profile: join(REPO_ROOT, 'tests/fixtures/commune-profile.json') });
sets.push({ name: 'cao-minh', posts: join(REPO_ROOT, 'tests/fixtures/commune-posts-cao-minh.jsonl'), profile: join(REPO_ROOT, 'tests/fixtures/commune-profile-cao-minh.json') });

const verbose = process.argv[2];
const line = (name: string, c: Counts): string => `${name.padEnd(14)} about F1 ${c.f1.toFixed(3)}  (${c.tp} found, ${c.fp} wrongly, ${c.fn} missed)`;
const total = new Counts();
for (const set of sets) {
  if (!existsSync(set.posts)) continue;
  const profile = communeProfileSchema.parse(JSON.parse(readFileSync(set.profile, 'utf8')));
  const analyzer = createAnalyzer({ rules: [], profile });
  const counts = new Counts();
  for (const line of readFileSync(set.posts, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const post = JSON.parse(line) as { text: string; about: boolean };
    const about = analyzer.analyze(post.text).about;
    counts.add(about, post.about);
    total.add(about, post.about);
    if (verbose === set.name && about !== post.about) console.log(`  ${about ? 'false positive' : 'missed'}: ${post.text.slice(0, 200)}`);
  }
  console.log(line(set.name, counts));
}
console.log(line('all', total));
