// One labelled example as a line of JSON: the `examples-import` file format, and the format of
// the shipped corpus. `{"text","flag","categories":[…],"polarity"?,"about"?}`; the corpus files
// also carry the fixtures' fields (`id`, `sentiment` for polarity, `offensive`), which are read
// or ignored. A line that does not parse is named by its number; the others go on.
import { z } from 'zod';
import { categorySchema } from '../analysis/index.js';
import type { TrainingExample } from '../analysis/model/train.js';

export const MAX_EXAMPLE_TEXT = 20_000;

const polaritySchema = z.enum(['negative', 'neutral', 'positive']);

export const exampleLineSchema = z
  .object({
    text: z.string().trim().min(1, 'text is empty').max(MAX_EXAMPLE_TEXT, `text longer than ${MAX_EXAMPLE_TEXT} characters`),
    flag: z.boolean(),
    categories: z.array(categorySchema).max(9).refine((c) => new Set(c).size === c.length, 'a category is listed twice'),
    polarity: polaritySchema.optional(),
    /** The fixtures' name for polarity. */
    sentiment: polaritySchema.optional(),
    about: z.boolean().optional(),
  })
  .refine((e) => !e.flag || e.categories.some((c) => c !== 'tich_cuc'), { message: 'a flagged example names its incident category', path: ['categories'] })
  .refine((e) => !e.flag || e.about !== false, { message: 'a flagged example is about the commune', path: ['about'] })
  .refine((e) => e.flag || e.about !== true || e.categories.every((c) => c === 'tich_cuc'), {
    message: 'an unflagged example about the commune has no incident category (say "about": false if it is not about the commune)',
    path: ['flag'],
  });
export type ExampleLine = z.infer<typeof exampleLineSchema>;

/**
 * Whether a line is about the commune. Unsaid, it follows from the flag: a flagged post is; an
 * unflagged one that names an incident category is not (the model flags what is about the
 * commune and in such a category, so that is the only reading under which the flag holds).
 */
export function aboutOf(line: ExampleLine): boolean | null {
  if (line.about !== undefined) return line.about;
  if (line.flag) return true;
  return line.categories.some((c) => c !== 'tich_cuc') ? false : null;
}

export function toTrainingExample(line: ExampleLine, added: boolean): TrainingExample {
  return {
    text: line.text,
    categories: line.categories,
    polarity: line.polarity ?? line.sentiment ?? null,
    about: aboutOf(line),
    flag: line.flag,
    added,
  };
}

export interface ParsedExamples {
  readonly examples: ExampleLine[];
  /** 1-based line numbers with the reason each was refused. */
  readonly errors: { readonly line: number; readonly message: string }[];
}

/** Parses JSON Lines; blank lines are skipped, bad lines reported by number. */
export function parseExampleLines(text: string): ParsedExamples {
  const examples: ExampleLine[] = [];
  const errors: { line: number; message: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push({ line: index + 1, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = exampleLineSchema.safeParse(value);
    if (!parsed.success) {
      errors.push({ line: index + 1, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') });
      return;
    }
    examples.push(parsed.data);
  });
  return { examples, errors };
}
