// `npm run build:model`: trains the shipped default model (src/analysis/data/default-model.json) on
// the base corpus (corpus/base.json) with the default rule pack. Needs ../shared for the ViHOS
// polarity comments; deterministic, so rebuilding on the same data gives the same file.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDefaultRulePack } from '../src/analysis/index.js';
import { DEFAULT_MODEL_URL } from '../src/analysis/model/default-model.js';
import { trainWithBase } from '../src/learning/train-model.js';
import { vihosAvailable } from '../src/learning/base-examples.js';

if (!vihosAvailable()) {
  console.error('build:model needs the ViHOS comments (../shared/datasets/vihos or VIHOS_DIR) for the polarity labels');
  process.exit(66);
}
const started = Date.now();
const outcome = trainWithBase({ rules: loadDefaultRulePack().rules, rulePack: 'default' });
writeFileSync(fileURLToPath(DEFAULT_MODEL_URL), `${JSON.stringify(outcome.model)}\n`);
console.log(JSON.stringify({ examples: outcome.examples, features: outcome.model.features.length, cv: outcome.cv, seconds: Math.round((Date.now() - started) / 100) / 10 }));
