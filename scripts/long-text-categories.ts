// `npx tsx scripts/long-text-categories.ts`: how sure a window of a long text must be of a
// category for the text to keep it (WINDOW_CATEGORY_SCORE, windows.ts textCategoryMask), chosen
// without the held-out long sets. The base's 108 paragraph-labelled long texts are cut in two
// halves (a fixed shuffle); each half is read by models trained on the rest of the base and the
// other half's routine windows, over three seeds, and the category micro-F1 of the texts is
// printed for each score a window must reach ("any": every category a window found, as before).
// Whether a text is an incident does not depend on it.
import { CATEGORIES, createAnalyzer, loadDefaultRulePack } from '../src/analysis/index.js';
import { LearnedModel, WINDOW_CATEGORY_SCORE } from '../src/analysis/model/model.js';
import { trainModel } from '../src/analysis/model/train.js';
import { mulberry32, shuffle } from '../src/analysis/random.js';
import { routineWindows } from '../src/learning/long-texts.js';
import { baseWithoutLongTexts, Counts, readBaseLongTexts, SEEDS } from './held-out-sets.js';

const rules = loadDefaultRulePack().rules;
const withoutLongTexts = baseWithoutLongTexts();
const texts = shuffle([...readBaseLongTexts('long-texts.jsonl'), ...readBaseLongTexts('long-texts-2.jsonl')], mulberry32(12345));
const halves = [texts.filter((_, i) => i % 2 === 0), texts.filter((_, i) => i % 2 === 1)] as const;

const shipped = LearnedModel.prototype.withoutUnsure;
const scores: (number | null)[] = [null, 0.6, 0.7, 0.8, 0.9];
for (const seed of SEEDS) {
  const counts = scores.map(() => new Counts());
  for (const [h, half] of halves.entries()) {
    const other = halves[1 - h]!;
    const model = new LearnedModel(trainModel([...withoutLongTexts, ...other.flatMap(routineWindows)], { rules, rulePack: 'default', seed }).model);
    const analyzer = createAnalyzer({ rules, profile: { commune: '' }, model });
    for (const text of half) {
      const gold = new Set(text.paragraphs.flatMap((p) => p.categories));
      scores.forEach((score, v) => {
        LearnedModel.prototype.withoutUnsure = function (this: LearnedModel, mask: number): number {
          return score === null ? mask : shipped.call(this, mask, score);
        };
        const got = analyzer.analyze(text.paragraphs.map((p) => p.text).join('\n\n')).categories;
        for (const c of CATEGORIES) counts[v]!.add(got.includes(c), gold.has(c));
      });
    }
  }
  LearnedModel.prototype.withoutUnsure = shipped;
  const cells = scores.map((score, v) => `${score === null ? 'any' : `≥ ${score}${score === WINDOW_CATEGORY_SCORE ? ' (shipped)' : ''}`} ${counts[v]!.f1.toFixed(3)}`);
  console.log(`seed ${String(seed).padEnd(9)} categories: ${cells.join('  ')}`);
}
