// Training time on one core: 10,000 examples of the base data (commune posts and labelled
// comments), the default rule pack, five-fold cross-validation and the final fit — what `train`
// and the retrain job do. Measured as CPU time in a child process with single-threaded GC, so the
// figure is one core's work whatever else runs on the machine.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadDefaultRulePack } from '../src/analysis/index.js';
import { trainModel } from '../src/analysis/model/train.js';
import { loadBaseData } from '../src/learning/base-examples.js';

const EXAMPLES = 10_000;
const CHILD_ENV = 'LANGNGHE_BENCH_TRAIN_CHILD';

export async function benchTrain(): Promise<Record<string, unknown>> {
  return await new Promise<Record<string, unknown>>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: [...process.execArgv, '--single-threaded-gc'],
      env: { ...process.env, [CHILD_ENV]: '1' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let result: Record<string, unknown> | undefined;
    child.on('message', (message) => (result = message as Record<string, unknown>));
    child.on('error', reject);
    child.on('exit', (code, signal) => (result ? resolve(result) : reject(new Error(`train bench child exited (${signal ?? `code ${String(code)}`}) without a result`))));
  });
}

function measureTrain(): Record<string, unknown> {
  const base = loadBaseData().examples;
  // The base data, repeated from its start when it holds fewer than EXAMPLES.
  const examples = Array.from({ length: EXAMPLES }, (_, i) => base[i % base.length]!);
  const cpu = process.cpuUsage();
  const wall = Date.now();
  const { model, cv } = trainModel(examples, { rules: loadDefaultRulePack().rules, rulePack: 'default' });
  const used = process.cpuUsage(cpu);
  return {
    bench: 'train',
    examples: EXAMPLES,
    cpu_s: Math.round((used.user + used.system) / 1e5) / 10,
    wall_s: Math.round((Date.now() - wall) / 100) / 10,
    folds: model.cv.folds,
    features: model.features.length,
    cv,
    rss_mb: Math.round(process.memoryUsage().rss / 1e5) / 10,
  };
}

if (process.env[CHILD_ENV] === '1' && process.send !== undefined) {
  const send = process.send.bind(process);
  send(measureTrain(), () => process.exit(0));
}
