// `npx tsx scripts/learning-weight.ts`: how much a commune's own examples should weigh against the
// base data, chosen without the held-out sets. Each of three base communes is left out of the base
// in turn, as if it were a new commune: the base plus k of its posts (a fixed shuffle), each
// counted w times, scored on 200 others of it. Prints category micro-F1 and the gain over k = 0.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { communeProfileSchema, loadDefaultRulePack } from '../src/analysis/index.js';
import { LearnedModel } from '../src/analysis/model/model.js';
import { trainModel } from '../src/analysis/model/train.js';
import { mulberry32, shuffle } from '../src/analysis/random.js';
import { loadBaseData, readLabelledSet, REPO_ROOT } from '../src/learning/base-examples.js';
import { scoreModel } from './held-out-sets.js';

const COMMUNES = (process.env['COMMUNES'] ?? 'vinh-thanh,ea-tieu,muong-lan').split(',');
const WEIGHTS = (process.env['WEIGHTS'] ?? '4,16,64').split(',').map(Number);
const KS = (process.env['KS'] ?? '50,200').split(',').map(Number);

const base = loadBaseData();
const rules = loadDefaultRulePack().rules;
console.log(`category micro-F1 on 200 posts of each commune left out of the base (gain over k = 0)`);
for (const commune of COMMUNES) {
  const index = base.parts.findIndex((p) => p.name === commune);
  const from = base.parts.slice(0, index).reduce((sum, p) => sum + p.examples, 0);
  const rest = [...base.examples.slice(0, from), ...base.examples.slice(from + base.parts[index]!.examples)];
  const file = join(REPO_ROOT, 'corpus', 'base', `${commune}.jsonl`);
  const profile = communeProfileSchema.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'corpus', 'base', `${commune}.profile.json`), 'utf8')));
  const examples = readLabelledSet(file);
  const order = shuffle(
    examples.map((_, i) => i),
    mulberry32(2026),
  );
  const scored = order.slice(200).map((i) => examples[i]!);
  const posts = scored.map((e) => ({ text: e.text, flag: e.flag === true, categories: e.categories ?? [] }));
  const score = (model: LearnedModel): number => scoreModel(model, rules, profile, posts).category;
  const k0 = score(new LearnedModel(trainModel(rest, { rules, rulePack: 'default' }).model));
  const cells = [`k 0: ${k0.toFixed(3)}`];
  for (const k of KS) {
    for (const w of WEIGHTS) {
      const added = order.slice(0, k).map((i) => ({ ...examples[i]!, added: true }));
      const f1 = score(new LearnedModel(trainModel([...rest, ...added], { rules, rulePack: 'default', addedWeight: w }).model));
      cells.push(`k ${k} w ${w}: ${f1.toFixed(3)} (${f1 - k0 >= 0 ? '+' : ''}${(f1 - k0).toFixed(3)})`);
    }
  }
  console.log(`${commune.padEnd(11)} ${cells.join('  ')}`);
}
