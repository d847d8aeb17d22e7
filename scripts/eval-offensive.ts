// Precision, recall and F1 of the shipped offensive-language detector on ViHOS (dev by default;
// `-- train` or `-- test` for another split present in the folder), through the public
// detectOffensive, plus a lexicon-only baseline and the detector's speed.
//   npx tsx scripts/eval-offensive.ts [dev|train|test] [--json]
import { tokenize } from '../src/analysis/normalize.js';
import { detectOffensive, findOffensiveTerms, OFFENSIVE_THRESHOLD, OFFENSIVE_THRESHOLD_WITHOUT_HIT } from '../src/analysis/offensive.js';
import { STRONG_WEIGHT } from '../src/analysis/offensive-features.js';
import { prf, readVihos } from './vihos.js';

const split = (process.argv.slice(2).find((a) => a === 'train' || a === 'dev' || a === 'test') ?? 'dev') as 'train' | 'dev' | 'test';
const rows = readVihos(split);
const docs = rows.map((r) => ({ row: r, tokens: tokenize(r.content) }));
const gold = rows.map((r) => r.offensive);

const predicted = docs.map((d) => detectOffensive(d.tokens, d.row.content).offensive);
const model = prf(predicted, gold);
const lexiconAny = prf(
  docs.map((d) => findOffensiveTerms(d.tokens, d.row.content).length > 0),
  gold,
);
const lexiconStrong = prf(
  docs.map((d) => findOffensiveTerms(d.tokens, d.row.content).some((h) => h.weight >= STRONG_WEIGHT)),
  gold,
);

// Speed of detectOffensive alone (tokens prepared), several passes over the split.
const passes = Math.max(1, Math.ceil(20000 / docs.length));
let sink = 0;
const t0 = process.hrtime.bigint();
for (let p = 0; p < passes; p++) for (const d of docs) sink += detectOffensive(d.tokens, d.row.content).score;
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const postsPerSecond = Math.round((passes * docs.length) / seconds);
const meanChars = Math.round(rows.reduce((a, r) => a + r.content.length, 0) / rows.length);

const fmt = (s: ReturnType<typeof prf>): string =>
  `precision ${s.precision.toFixed(4)}  recall ${s.recall.toFixed(4)}  F1 ${s.f1.toFixed(4)}  (tp ${s.tp} fp ${s.fp} fn ${s.fn} tn ${s.tn})`;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ eval: 'offensive', split, n: rows.length, threshold: OFFENSIVE_THRESHOLD, threshold_without_hit: OFFENSIVE_THRESHOLD_WITHOUT_HIT, precision: model.precision, recall: model.recall, f1: model.f1, posts_per_s: postsPerSecond, sink: sink > 0 }));
} else {
  console.log(`ViHOS ${split}: ${rows.length} comments (${gold.filter(Boolean).length} offensive), mean ${meanChars} chars`);
  console.log(`  detector (threshold ${OFFENSIVE_THRESHOLD}, ${OFFENSIVE_THRESHOLD_WITHOUT_HIT} without a lexicon hit): ${fmt(model)}`);
  console.log(`  lexicon, any hit:           ${fmt(lexiconAny)}`);
  console.log(`  lexicon, strong hit:        ${fmt(lexiconStrong)}`);
  console.log(`  speed: ${postsPerSecond} posts/s of ${meanChars} chars (detectOffensive only, tokens prepared)${sink > 0 ? '' : ' '}`);
}
