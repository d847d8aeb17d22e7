// One way to train, for the CLI, `npm run build:model` and the retrain job: the shipped base data,
// plus the commune's own examples (a file, the database), with a rule pack; deterministic.
import { featureInputOf, figuresOf, trainModel, type TrainingExample, type TrainResult } from '../analysis/model/train.js';
import type { CommuneFigures } from '../analysis/model/model-file.js';
import { loadDefaultModel } from '../analysis/model/default-model.js';
import { compileRules } from '../analysis/rules.js';
import type { RuleInput } from '../analysis/index.js';
import { loadBaseData } from './base-examples.js';
import { windowedIfRoutine } from './long-texts.js';

export interface TrainRequest {
  readonly rules: readonly RuleInput[];
  /** Names the rule pack in the model ("default", or a rule_pack_versions id). */
  readonly rulePack: string;
  /** The commune's examples: weigh more than the base. */
  readonly added?: readonly TrainingExample[];
  /** Leave the base data out (tests, experiments). */
  readonly withoutBase?: boolean;
}

export interface TrainOutcome extends TrainResult {
  /** Labelled texts learned from (a long text that is learned window by window counts once). */
  readonly examples: number;
  /** How the version and the shipped model do on the commune's own examples (null without any). */
  readonly commune: CommuneFigures | null;
  readonly warnings: readonly string[];
}

export function trainWithBase(request: TrainRequest): TrainOutcome {
  const base = request.withoutBase ? { examples: [], texts: 0, warnings: [] } : loadBaseData();
  const added = request.added ?? [];
  const addedExamples = added.flatMap((e) => windowedIfRoutine({ ...e, added: true }));
  const result = trainModel([...base.examples, ...addedExamples], { rules: request.rules, rulePack: request.rulePack });
  // The model's record counts what was labelled, as the CLI and the admin page do, not windows.
  const counts = { examples: base.texts + added.length, base_examples: base.texts, added_examples: added.length };
  const commune = result.addedCv === null ? null : { examples: added.length, version: result.addedCv, shipped: shippedFigures(addedExamples, request.rules) };
  return { ...result, model: { ...result.model, training: { ...result.model.training, ...counts } }, examples: counts.examples, commune, warnings: base.warnings };
}

/**
 * The shipped model on the commune's examples, read exactly as the version's out-of-fold scores
 * were: what the team's decisions would get without any of them learned.
 */
function shippedFigures(examples: readonly TrainingExample[], rules: readonly RuleInput[]): CommuneFigures['shipped'] {
  const model = loadDefaultModel();
  const compiled = compileRules(rules);
  return figuresOf(examples, (i) => {
    const verdict = model.predict(featureInputOf(examples[i]!, compiled));
    return { categories: verdict.categories, polarity: verdict.polarity.label };
  });
}
