// `npx tsx scripts/compare-ensembles.ts [1,3]`: what averaging models is worth. Trains the base data
// as one model and as the mean of several (TrainOptions.ensemble), each over three seeds, and
// prints the cross-validated figures and flag F1 / category micro-F1 on every held-out set (and,
// on long texts, the flag's false alarms and misses).
import { loadDefaultRulePack } from '../src/analysis/index.js';
import { LearnedModel } from '../src/analysis/model/model.js';
import { trainModel } from '../src/analysis/model/train.js';
import { loadBaseData } from '../src/learning/base-examples.js';
import { HELD_OUT_SETS, readHeldOutSets, scoreCell, SEEDS } from './held-out-sets.js';

const sizes = (process.argv[2] ?? '1,3').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('usage: compare-ensembles.ts <n,n,…> (models averaged, positive integers)');
  process.exit(64);
}
const rules = loadDefaultRulePack().rules;
const base = loadBaseData();
const sets = readHeldOutSets(HELD_OUT_SETS);

console.log('models averaged, seed: cross-validation, then flag F1 / category micro-F1 on each held-out set');
for (const ensemble of sizes) {
  for (const seed of SEEDS) {
    const trained = trainModel(base.examples, { rules, rulePack: 'default', seed, ensemble });
    const model = new LearnedModel(trained.model);
    const cv = `cv ${trained.cv.flag_f1.toFixed(3)}/${trained.cv.category_micro_f1.toFixed(3)}/${trained.cv.polarity_acc.toFixed(3)}`;
    console.log(`${String(ensemble).padEnd(3)} ${String(seed).padEnd(9)} ${cv}  ${sets.map((set) => scoreCell(model, rules, set)).join('  ')}`);
  }
}
