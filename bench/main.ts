// `npm run bench`: one JSON object per line on stdout; progress on stderr.
// Select some with BENCH=analyze,pipeline.
import { benchAnalyze } from './analyze.js';
import { benchPipeline } from './pipeline.js';
import { benchCollectRss } from './collect-rss.js';
import { benchCorrelate } from './correlate.js';
import { benchTrain } from './train.js';
import { benchSearch } from './search.js';

const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  analyze: benchAnalyze,
  pipeline: benchPipeline,
  collect_rss: benchCollectRss,
  correlate: benchCorrelate,
  train: benchTrain,
  search: benchSearch,
};

const selected = (process.env.BENCH ?? Object.keys(benches).join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const name of selected) {
  const run = benches[name];
  if (!run) {
    process.stderr.write(`unknown bench ${name}; known: ${Object.keys(benches).join(', ')}\n`);
    process.exitCode = 64;
    continue;
  }
  process.stderr.write(`bench ${name}…\n`);
  process.stdout.write(`${JSON.stringify(await run())}\n`);
}
process.exit();
