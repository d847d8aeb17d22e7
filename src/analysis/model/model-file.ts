// The learned model as stored (a JSON file, or a model_versions row): its vocabulary, its
// weights quantised to 16 bits per output, how its scores are calibrated, and the figures it
// reached in cross-validation. Validated with zod wherever a model is read.
import { z } from 'zod';
import { CATEGORIES, categorySchema, type SentimentLabel } from '../types.js';

export const MODEL_FORMAT = 'langnghe-model/1';

export const POLARITIES = ['negative', 'neutral', 'positive'] as const satisfies readonly SentimentLabel[];

/**
 * The model's outputs, in the order of the weight rows: one binary head per category, one for
 * "some incident category" (concern), and three logits of a softmax over polarity.
 */
export const OUTPUTS: readonly string[] = [...CATEGORIES, 'concern', ...POLARITIES.map((p) => `polarity:${p}`)];
export const OUTPUT_COUNT = OUTPUTS.length;
export const CONCERN_OUTPUT = CATEGORIES.length;
export const POLARITY_OUTPUT = CATEGORIES.length + 1;

const plattSchema = z.object({
  /** p = 1 / (1 + exp(-(a·z + b))) for the raw score z. */
  a: z.number().finite(),
  b: z.number().finite(),
  /** Calibrated probability at or above which the label is given (best F1 in cross-validation). */
  threshold: z.number().min(0).max(1),
});
export type Platt = z.infer<typeof plattSchema>;

export const cvFiguresSchema = z.object({
  flag_f1: z.number().min(0).max(1),
  category_micro_f1: z.number().min(0).max(1),
  polarity_acc: z.number().min(0).max(1),
});
export type CvFigures = z.infer<typeof cvFiguresSchema>;

/**
 * A version's figures on the commune's own labelled examples, each scored by a model of the
 * cross-validation that did not learn it, beside the shipped model's on the same examples (it
 * learned none of them): whether the team's decisions are being learned.
 */
export const communeFiguresSchema = z.object({
  examples: z.number().int().nonnegative(),
  version: cvFiguresSchema,
  shipped: cvFiguresSchema,
});
export type CommuneFigures = z.infer<typeof communeFiguresSchema>;

export const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  outputs: z.array(z.string()).refine((o) => o.length === OUTPUT_COUNT && o.every((name, i) => name === OUTPUTS[i]), 'outputs differ from this version of langnghe'),
  /** How the model was trained: counts and settings, no timestamps (training is deterministic). */
  training: z.object({
    examples: z.number().int().nonnegative(),
    base_examples: z.number().int().nonnegative(),
    added_examples: z.number().int().nonnegative(),
    seed: z.number().int(),
    epochs: z.number().int().positive(),
    l2: z.number().nonnegative(),
    added_weight: z.number().int().positive(),
    rule_pack: z.string().max(200),
    /** Models averaged into this one (absent in files written before ensembles: one). */
    ensemble: z.number().int().positive().optional(),
  }),
  features: z.array(z.string().min(1).max(400)).max(2_000_000),
  /** Per output: the step of its 16-bit weights (weight = step × int16). */
  scales: z.array(z.number().positive().finite()).length(OUTPUT_COUNT),
  /** base64 of little-endian int16, feature-major: features.length × OUTPUT_COUNT values. */
  weights: z.string(),
  calibration: z.object({
    categories: z.record(categorySchema, plattSchema).refine((r) => CATEGORIES.every((c) => r[c] !== undefined), 'every category needs its calibration'),
    concern: plattSchema,
    /** Softmax temperature of the polarity logits. */
    polarity_temperature: z.number().positive().finite(),
  }),
  cv: cvFiguresSchema.extend({ folds: z.number().int().positive() }),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

/** Reads a model from its JSON text; throws an Error that says what is wrong. */
export function parseModelFile(json: string): ModelFile {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`model is not JSON: ${(error as Error).message}`);
  }
  const parsed = modelFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`not a langnghe model (${MODEL_FORMAT}): ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  const expected = parsed.data.features.length * OUTPUT_COUNT * 2;
  const bytes = Buffer.from(parsed.data.weights, 'base64').length;
  if (bytes !== expected) throw new Error(`model weights hold ${bytes} bytes, expected ${expected}`);
  return parsed.data;
}

/** Bit k set: CATEGORIES[k] is an incident category (all but good news). */
export const INCIDENT_MASK = CATEGORIES.reduce((mask, c, k) => (c === 'tich_cuc' ? mask : mask | (1 << k)), 0);

/**
 * The category to give a post the concern head calls an incident when no incident category
 * reached its own threshold: the likeliest incident category (index into CATEGORIES), else -1.
 * Each category's threshold asks for that category; a post can be plainly an incident while its
 * kind is split between two (a dredger protected by officials: corruption or a complaint?).
 * Training's cross-validation and the running model both decide through it.
 */
export function rescuedCategory(mask: number, concernIsIncident: boolean, probability: (k: number) => number): number {
  if ((mask & INCIDENT_MASK) !== 0 || !concernIsIncident) return -1;
  let best = -1;
  let bestP = -1;
  for (let k = 0; k < CATEGORIES.length; k++) {
    if ((INCIDENT_MASK & (1 << k)) === 0) continue;
    const p = probability(k);
    if (p > bestP) {
      bestP = p;
      best = k;
    }
  }
  return best;
}

