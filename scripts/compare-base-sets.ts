// `npx tsx scripts/compare-base-sets.ts cam-hai-dong,yen-lu`: what some sets of the base data are
// worth. Trains the base without the named sets (corpus/base.json names) and the whole base, each
// over three seeds, and prints flag F1 / category micro-F1 on every held-out set (and, on long
// texts, the flag's false alarms and misses). Each round of
// communes in the README was measured this way, against the base as it stood before the round.
import { loadDefaultRulePack } from '../src/analysis/index.js';
import { LearnedModel } from '../src/analysis/model/model.js';
import { trainModel, type TrainingExample } from '../src/analysis/model/train.js';
import { loadBaseData } from '../src/learning/base-examples.js';
import { HELD_OUT_SETS, readHeldOutSets, scoreCell, SEEDS } from './held-out-sets.js';

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
const sets = readHeldOutSets(HELD_OUT_SETS);

console.log(`flag F1 / category micro-F1, without ${[...leaveOut].join(', ')} and with them`);
for (const [name, examples] of [
  ['without', without],
  ['with', base.examples],
] as const) {
  for (const seed of SEEDS) {
    const model = new LearnedModel(trainModel(examples, { rules, rulePack: 'default', seed }).model);
    const cells = sets.map((set) => scoreCell(model, rules, set));
    console.log(`${name.padEnd(8)} ${String(seed).padEnd(9)} ${cells.join('  ')}`);
  }
}
