// The model shipped with langnghe (data/default-model.json, built by `npm run build:model` from the
// base corpus): what the analyzer uses when no other model is given or activated.
import { readFileSync } from 'node:fs';
import { LearnedModel } from './model.js';
import { parseModelFile } from './model-file.js';

export const DEFAULT_MODEL_URL = new URL('../data/default-model.json', import.meta.url);

let cached: LearnedModel | undefined;

/** The shipped model, read and validated once per process. */
export function loadDefaultModel(): LearnedModel {
  cached ??= new LearnedModel(parseModelFile(readFileSync(DEFAULT_MODEL_URL, 'utf8')));
  return cached;
}
