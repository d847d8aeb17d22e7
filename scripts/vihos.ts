// Helpers of the ViHOS scripts: the reader lives in src/learning/vihos.ts (the trainer reads the
// polarity labels through it too); seeded shuffling and scores for the builds and evals.
export { parseCsv, readVihos, vihosDir, type VihosRow } from '../src/learning/vihos.js';

export { mulberry32, shuffle } from '../src/analysis/random.js';

export interface Scores {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function prf(predicted: readonly boolean[], gold: readonly boolean[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (predicted[i] && gold[i]) tp++;
    else if (predicted[i]) fp++;
    else if (gold[i]) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, tn, precision, recall, f1 };
}
