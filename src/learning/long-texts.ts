// Long texts are learned the way the analyzer reads them: window by window (analysis/model/
// windows.ts). A whole press article trained as one example teaches the model that its routine
// paragraphs are an incident, or that the incident's words are routine; a window the size of a
// post teaches what the analyzer will actually score.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { categorySchema, type Category } from '../analysis/index.js';
import { MAX_ANALYZED_LENGTH } from '../analysis/analyzer.js';
import { tokenize } from '../analysis/normalize.js';
import type { TrainingExample } from '../analysis/model/train.js';
import { DEFAULT_WINDOW_POLICY, modelWindows, type WindowPolicy } from '../analysis/model/windows.js';
import type { SentimentLabel } from '../analysis/types.js';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where the analyzer cuts `text` into windows, or null when it scores the text whole. */
export function windowSpans(text: string, policy: WindowPolicy = DEFAULT_WINDOW_POLICY): Span[] | null {
  const analysed = text.length > MAX_ANALYZED_LENGTH ? text.slice(0, MAX_ANALYZED_LENGTH) : text;
  return modelWindows(tokenize(analysed), analysed.length, policy);
}

/**
 * A long example that carries no category (a routine notice, a post the team dismissed as a false
 * positive, a post not about the commune) is true of every window: each becomes an example of its
 * own. Its polarity is the text's, not a window's, so the windows leave it unsaid. An example with
 * a category cannot be cut: which window holds the incident is not known.
 */
export function windowedIfRoutine(example: TrainingExample, policy: WindowPolicy = DEFAULT_WINDOW_POLICY): TrainingExample[] {
  const routine = example.flag === false && (example.categories === null || example.categories.length === 0);
  if (!routine) return [example];
  const spans = windowSpans(example.text, policy);
  if (spans === null) return [example];
  return spans.map((s) => ({ ...example, text: example.text.slice(s.start, s.end), polarity: null }));
}

const paragraphSchema = z.object({
  text: z.string().trim().min(1),
  categories: z.array(categorySchema),
  sentiment: z.enum(['negative', 'neutral', 'positive']),
});

/**
 * A long text labelled paragraph by paragraph (corpus/base/long-texts.jsonl): a digest's one
 * complaint among routine items is labelled where it is, so its windows can be.
 */
export const paragraphTextSchema = z.object({
  id: z.string().min(1),
  commune: z.string().min(1),
  about: z.boolean(),
  kind: z.enum(['press', 'digest', 'personal', 'notice', 'feature', 'group']),
  paragraphs: z.array(paragraphSchema).min(1),
});
export type ParagraphText = z.infer<typeof paragraphTextSchema>;
type Paragraph = ParagraphText['paragraphs'][number];

const PARAGRAPH_BREAK = '\n\n';

function labelsOf(paragraphs: readonly Paragraph[], about: boolean): Pick<TrainingExample, 'categories' | 'polarity' | 'flag' | 'about'> {
  const categories = [...new Set(paragraphs.flatMap((p) => p.categories))] as Category[];
  const tones = new Set(paragraphs.map((p) => p.sentiment));
  // Paragraphs of different tones leave a window's tone to whoever reads it: unsaid.
  const polarity: SentimentLabel | null = tones.size === 1 ? [...tones][0]! : null;
  return { categories, polarity, about, flag: about && categories.some((c) => c !== 'tich_cuc') };
}

/**
 * The windows the analyzer reads a paragraph-labelled text in, each with the paragraphs it
 * covers; one window for the whole text when the analyzer scores it whole.
 */
export function paragraphWindows(entry: ParagraphText, policy: WindowPolicy = DEFAULT_WINDOW_POLICY): { text: string; covered: Paragraph[] }[] {
  const ranges: (Span & { readonly paragraph: Paragraph })[] = [];
  let text = '';
  for (const paragraph of entry.paragraphs) {
    if (text !== '') text += PARAGRAPH_BREAK;
    ranges.push({ start: text.length, end: text.length + paragraph.text.length, paragraph });
    text += paragraph.text;
  }
  const spans = windowSpans(text, policy) ?? [{ start: 0, end: text.length }];
  return spans.map((span) => ({
    text: text.slice(span.start, span.end),
    covered: ranges.filter((r) => r.start < span.end && span.start < r.end).map((r) => r.paragraph),
  }));
}

/** One example per window, labelled with the categories of the paragraphs it covers. */
export function paragraphExamples(entry: ParagraphText, policy: WindowPolicy = DEFAULT_WINDOW_POLICY): TrainingExample[] {
  return paragraphWindows(entry, policy).map((w) => ({ text: w.text, ...labelsOf(w.covered, entry.about) }));
}

/**
 * What a paragraph-labelled set teaches: the windows with no category. Routine prose full of an
 * incident's words (a drill plan, a course on fake news, an election timeline) is what the posts
 * lack; the incidents themselves the posts teach well. Learning the incident windows too measured
 * lower on both long-text dev sets over three seeds (`npx tsx scripts/long-training-variants.ts`).
 */
export function routineWindows(entry: ParagraphText): TrainingExample[] {
  const examples = paragraphExamples(entry);
  return examples.length === 1 ? examples : examples.filter((e) => e.categories !== null && e.categories.length === 0);
}

/** A paragraph-labelled JSONL set, as the base data learns it (routineWindows); throws naming the first bad line. */
export function readParagraphLabelledSet(file: string): { texts: number; examples: TrainingExample[] } {
  const examples: TrainingExample[] = [];
  let texts = 0;
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not JSON: ${(error as Error).message}`);
      }
      const parsed = paragraphTextSchema.safeParse(value);
      if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      texts++;
      examples.push(...routineWindows(parsed.data));
    });
  return { texts, examples };
}
