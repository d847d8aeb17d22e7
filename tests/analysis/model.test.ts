// The learned model, pure: training is deterministic; the running model's syllable-id look-up
// scores exactly what the named features of training say; the reasons of a category the model
// adds quote the post; the analyze CLI keeps its contract with and without a model; the
// calibration helpers; the example-line parser; and features that come from the text only.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, loadDefaultRulePack } from '../../src/analysis/index.js';
import { compileRules } from '../../src/analysis/rules.js';
import { diacriticlessSentences, hasCurrentSyllableIds, tokenize } from '../../src/analysis/normalize.js';
import { detectOffensive } from '../../src/analysis/offensive.js';
import { scoreSentiment } from '../../src/analysis/sentiment.js';
import { CATEGORIES, type Category } from '../../src/analysis/types.js';
import { featureNames, FIXED_FEATURES, LEXICON_STEPS, lexiconStep, OFFENSIVE_STEPS, offensiveStep, type FeatureInput } from '../../src/analysis/model/features.js';
import { LearnedModel, WINDOW_CATEGORY_SCORE, type ModelVerdict } from '../../src/analysis/model/model.js';
import { CONCERN_OUTPUT, OUTPUT_COUNT, parseModelFile, POLARITIES, POLARITY_OUTPUT, type ModelFile } from '../../src/analysis/model/model-file.js';
import { loadDefaultModel } from '../../src/analysis/model/default-model.js';
import { bestThreshold, fitPlatt, trainModel } from '../../src/analysis/model/train.js';
import { mulberry32 } from '../../src/analysis/random.js';
import { parseExampleLines, toTrainingExample } from '../../src/learning/example-line.js';
import { readLabelledSet } from '../../src/learning/base-examples.js';
import { trainWithBase } from '../../src/learning/train-model.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

const ROOT = REPO_ROOT;
const RULES = loadDefaultRulePack().rules;
const COMPILED = compileRules(RULES);

function jsonl(file: string): { id: string; text: string }[] {
  return readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; text: string });
}
/** Texts nobody tuned the model on (the blind and held-out sets) and the project's own fixtures. */
const TEXTS = [...jsonl('tests/fixtures/commune-posts.jsonl'), ...jsonl('tests/fixtures/commune-posts-cao-minh.jsonl'), ...jsonl('corpus/holdout/giao-thuy.jsonl')].map((p) => p.text);

/** What the analyzer hands the model, tokenized just now (so the tokens' syllable ids are current). */
function featureInput(text: string): FeatureInput {
  const tokens = tokenize(text);
  const hits = COMPILED.match(tokens, diacriticlessSentences(tokens), text, { about: true });
  const offensive = detectOffensive(tokens, text);
  return { tokens, hits, lexiconScore: scoreSentiment(tokens).score, offensive: offensive.offensive, offensiveScore: offensive.score, text };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The verdict computed the slow way: the post's feature names as training reads them, each
 * looked up by name in the model file, its int16 weights times the output's step.
 */
const decoded = new WeakMap<ModelFile, { bytes: Buffer; rowOf: Map<string, number> }>();
function referenceVerdict(file: ModelFile, input: FeatureInput) {
  let lookup = decoded.get(file);
  if (!lookup) decoded.set(file, (lookup = { bytes: Buffer.from(file.weights, 'base64'), rowOf: new Map(file.features.map((name, row) => [name, row])) }));
  const { bytes, rowOf } = lookup;
  const z = new Float64Array(OUTPUT_COUNT);
  for (const name of featureNames(input)) {
    const row = rowOf.get(name);
    if (row === undefined) continue;
    for (let k = 0; k < OUTPUT_COUNT; k++) z[k] = z[k]! + Math.fround(bytes.readInt16LE((row * OUTPUT_COUNT + k) * 2) * file.scales[k]!);
  }
  const categoryScores = {} as Record<Category, number>;
  const categories: Category[] = [];
  CATEGORIES.forEach((c, k) => {
    const platt = file.calibration.categories[c]!;
    const p = sigmoid(platt.a * z[k]! + platt.b);
    categoryScores[c] = round3(p);
    if (p >= platt.threshold) categories.push(c);
  });
  const concernP = sigmoid(file.calibration.concern.a * z[CONCERN_OUTPUT]! + file.calibration.concern.b);
  const concern = round3(concernP);
  // A post the concern head calls an incident, with no incident category at its threshold, gets
  // the likeliest one.
  if (!categories.some((c) => c !== 'tich_cuc') && concernP >= file.calibration.concern.threshold) {
    const incident = CATEGORIES.filter((c) => c !== 'tich_cuc');
    const likeliest = incident.reduce((best, c) => (sigmoid(file.calibration.categories[c]!.a * z[CATEGORIES.indexOf(c)]! + file.calibration.categories[c]!.b) > sigmoid(file.calibration.categories[best]!.a * z[CATEGORIES.indexOf(best)]! + file.calibration.categories[best]!.b) ? c : best));
    categories.push(likeliest);
    categories.sort((a, b) => CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b));
  }
  const logits = POLARITIES.map((_, j) => z[POLARITY_OUTPUT + j]! / file.calibration.polarity_temperature);
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const p = exps.map((e) => e / sum);
  const best = p.indexOf(Math.max(...p));
  return {
    categoryScores,
    categories,
    concern,
    polarity: { label: POLARITIES[best], score: round3(p[2]! - p[0]!), probabilities: { negative: round3(p[0]!), neutral: round3(p[1]!), positive: round3(p[2]!) } },
  };
}

/**
 * A model of two features, "bias" and the word "quanhe", with every head calibrated as
 * sigmoid(z) ≥ 0.5: `set(feature, output, weight)` writes its weights.
 */
function tinyModel(write: (set: (feature: 0 | 1, output: number, weight: number) => void) => void): LearnedModel {
  const weights = Buffer.alloc(2 * OUTPUT_COUNT * 2);
  write((feature, output, weight) => weights.writeInt16LE(Math.round(weight * 1000), (feature * OUTPUT_COUNT + output) * 2));
  const platt = { a: 1, b: 0, threshold: 0.5 };
  return new LearnedModel(
    parseModelFile(
      JSON.stringify({
        format: 'langnghe-model/1',
        outputs: [...CATEGORIES, 'concern', ...POLARITIES.map((p) => `polarity:${p}`)],
        training: { examples: 2, base_examples: 2, added_examples: 0, seed: 1, epochs: 1, l2: 0, added_weight: 4, rule_pack: 'test' },
        features: ['bias', 'w:quanhe'],
        scales: Array.from({ length: OUTPUT_COUNT }, () => 0.001),
        weights: weights.toString('base64'),
        calibration: { categories: Object.fromEntries(CATEGORIES.map((c) => [c, platt])), concern: platt, polarity_temperature: 1 },
        cv: { flag_f1: 0, category_micro_f1: 0, polarity_acc: 0, folds: 5 },
      }),
    ),
  );
}

const verdictOf = (v: ModelVerdict) => ({ categoryScores: v.categoryScores, categories: [...v.categories], concern: v.concern, polarity: v.polarity });

describe('training', () => {
  it("scores the commune's own examples out of fold, beside the shipped model on the same examples", () => {
    // 150 posts of a commune the shipped model never read: a version trained on them alone (no
    // base) scores each with a model of the cross-validation that did not learn it, so it falls
    // far below the shipped model; figures on its own training data would be near 1.
    const added = readLabelledSet(path.join(ROOT, 'corpus/holdout/giao-thuy.jsonl')).slice(0, 150);
    const outcome = trainWithBase({ rules: RULES, rulePack: 'default', added, withoutBase: true });
    expect(outcome.commune).not.toBeNull();
    const { examples, version, shipped } = outcome.commune!;
    expect(examples).toBe(150);
    expect(version.category_micro_f1).toBeLessThan(0.8);
    expect(shipped.category_micro_f1).toBeGreaterThan(0.85);
    expect(shipped.flag_f1).toBeGreaterThan(version.flag_f1);
    // Without examples of the commune there is nothing to show.
    expect(trainModel(added.slice(0, 50), { rules: RULES, rulePack: 'default' }).addedCv).toBeNull();
  }, 60_000);

  it('is deterministic: the same examples give byte-identical model files', () => {
    const examples = readLabelledSet(path.join(ROOT, 'corpus/base/vinh-thanh.jsonl')).slice(0, 150);
    expect(examples).toHaveLength(150);
    const first = trainModel(examples, { rules: RULES, rulePack: 'default' });
    const second = trainModel(examples, { rules: RULES, rulePack: 'default' });
    expect(JSON.stringify(second.model)).toBe(JSON.stringify(first.model));
    expect(second.cv).toEqual(first.cv);
    // What was trained is a model the runtime reads back, with the figures the CLI prints.
    const file = parseModelFile(JSON.stringify(first.model));
    expect(file.training).toMatchObject({ examples: 150, base_examples: 150, added_examples: 0 });
    expect(file.cv).toMatchObject({ ...first.cv, folds: 5 });
    for (const v of Object.values(first.cv)) expect(v).toBeGreaterThan(0);
    // Another seed shuffles differently: the determinism above is not a model that learns nothing.
    const reseeded = trainModel(examples, { rules: RULES, rulePack: 'default', seed: 7 });
    expect(reseeded.model.weights).not.toBe(first.model.weights);
  }, 120_000);

  it("averages an ensemble into one linear model: its weights are its members' mean", () => {
    const examples = readLabelledSet(path.join(ROOT, 'corpus/base/vinh-thanh.jsonl')).slice(0, 150);
    const member = (seed: number) => trainModel(examples, { rules: RULES, rulePack: 'default', seed, ensemble: 1 }).model;
    // The members: the ensemble's seed, then each next one 7919 further.
    const first = member(20261202);
    const second = member(20261202 + 7919);
    const ensemble = trainModel(examples, { rules: RULES, rulePack: 'default', seed: 20261202, ensemble: 2 }).model;
    expect(ensemble.training.ensemble).toBe(2);
    expect(first.training.ensemble).toBe(1);
    const byName = (file: ModelFile): Map<string, number[]> => {
      const bytes = Buffer.from(file.weights, 'base64');
      return new Map(file.features.map((name, row) => [name, file.scales.map((scale, k) => bytes.readInt16LE((row * OUTPUT_COUNT + k) * 2) * scale)]));
    };
    const [a, b, mean] = [first, second, ensemble].map(byName) as [Map<string, number[]>, Map<string, number[]>, Map<string, number[]>];
    let worst = 0;
    let compared = 0;
    for (const [name, weights] of mean) {
      weights.forEach((w, k) => {
        // Each file rounds its weights to its own steps; a feature a member dropped weighs under 2 of them.
        const tolerance = 2 * (first.scales[k]! + second.scales[k]! + ensemble.scales[k]!);
        const expected = ((a.get(name)?.[k] ?? 0) + (b.get(name)?.[k] ?? 0)) / 2;
        worst = Math.max(worst, Math.abs(w - expected) / tolerance);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(1000);
    expect(worst).toBeLessThanOrEqual(1);
    // Not a copy of either member.
    expect(ensemble.weights).not.toBe(first.weights);
    expect(ensemble.weights).not.toBe(second.weights);
    expect(() => trainModel(examples, { rules: RULES, rulePack: 'default', ensemble: 0 })).toThrow(/ensemble must be a positive integer/);
  }, 120_000);

  it('refuses fewer examples than folds', () => {
    const examples = readLabelledSet(path.join(ROOT, 'corpus/base/vinh-thanh.jsonl')).slice(0, 4);
    expect(() => trainModel(examples, { rules: RULES, rulePack: 'default' })).toThrow(/at least 5 examples/);
  });
});

describe('the running model', () => {
  let model: LearnedModel;
  beforeAll(() => {
    model = loadDefaultModel();
  });

  it('finds by syllable id exactly the features training names, for every fixture text', () => {
    expect(TEXTS.length).toBeGreaterThan(900);
    let flagged = 0;
    for (const text of TEXTS) {
      const input = featureInput(text);
      // The fast path is the one under test: ids fresh from tokenize.
      expect(hasCurrentSyllableIds(input.tokens)).toBe(true);
      const fast = verdictOf(model.predict(input));
      expect(fast, text).toEqual(referenceVerdict(model.file, input));
      if (fast.categories.some((c) => c !== 'tich_cuc')) flagged++;
    }
    // The comparison covered posts the model flags, not only quiet ones.
    expect(flagged).toBeGreaterThan(100);
  });

  it('gives a post the concern head calls an incident its likeliest incident category when none reached its threshold; a window does without', () => {
    const incident = CATEGORIES.map((c, k) => (c === 'tich_cuc' ? 0 : 1 << k)).reduce((a, b) => a | b, 0);
    let rescued = 0;
    for (const text of TEXTS) {
      model.score(featureInput(text));
      const strict = model.categoryMask(false);
      const decided = model.categoryMask();
      if (decided === strict) continue;
      rescued++;
      // Only when no incident category was given, and then exactly one, the likeliest.
      expect(strict & incident, text).toBe(0);
      const added = CATEGORIES.filter((_, k) => ((decided & ~strict) & (1 << k)) !== 0);
      expect(added, text).toHaveLength(1);
      const scores = model.categoryScores();
      const likeliest = Math.max(...CATEGORIES.filter((c) => c !== 'tich_cuc').map((c) => scores[c]));
      expect(scores[added[0]!]).toBe(likeliest);
      expect(model.concern()).toBeGreaterThanOrEqual(model.file.calibration.concern.threshold - 0.001);
    }
    expect(rescued).toBeGreaterThan(5);
  });

  it('drops the categories a window is less than WINDOW_CATEGORY_SCORE sure of, except a rule it never saw', () => {
    // Calibration is the identity here (a = 1, b = 0): a raw score z is sigmoid(z) sure.
    const logit = (p: number): number => Math.log(p / (1 - p));
    const model = tinyModel((set) => {
      set(0, CATEGORIES.indexOf('xuyen_tac'), logit(WINDOW_CATEGORY_SCORE + 0.05));
      set(0, CATEGORIES.indexOf('phan_anh_kien_nghi'), logit(WINDOW_CATEGORY_SCORE - 0.05));
      set(0, CATEGORIES.indexOf('tich_cuc'), logit(0.6));
      for (let k = 0; k < CATEGORIES.length; k++) if (!['xuyen_tac', 'phan_anh_kien_nghi', 'tich_cuc'].includes(CATEGORIES[k]!)) set(0, k, -3);
    });
    const bit = (c: Category): number => 1 << CATEGORIES.indexOf(c);
    const input = featureInput('quanhe');
    model.score(input);
    const mask = model.categoryMask(false);
    expect(mask).toBe(bit('xuyen_tac') | bit('phan_anh_kien_nghi') | bit('tich_cuc'));
    expect(model.withoutUnsure(mask)).toBe(bit('xuyen_tac'));
    expect(model.withoutUnsure(mask, 0.55)).toBe(mask);
    // A category the caller did not pass is not added.
    expect(model.withoutUnsure(bit('phan_anh_kien_nghi'))).toBe(0);
    // A rule the model was never trained with keeps its category however unsure the model is.
    const rule = compileRules([{ id: 'brand-new', category: 'bau_cu', query: 'quanhe' }]);
    model.score({ ...input, hits: rule.match(input.tokens, diacriticlessSentences(input.tokens), input.text, { about: true }) });
    expect(model.withoutUnsure(model.categoryMask(false))).toBe(bit('xuyen_tac') | bit('bau_cu'));
  });

  it('counts a window\'s incident category only when its concern head agrees; good news and a rule it never saw count anyway', () => {
    // "quanhe" pushes xuyen_tac and tich_cuc up, and the concern head as far as the test says.
    const modelWith = (concern: number): LearnedModel =>
      tinyModel((set) => {
        set(1, CATEGORIES.indexOf('xuyen_tac'), 3);
        set(1, CATEGORIES.indexOf('tich_cuc'), 3);
        set(1, CONCERN_OUTPUT, concern);
        for (let k = 0; k < CATEGORIES.length; k++) if (CATEGORIES[k] !== 'xuyen_tac' && CATEGORIES[k] !== 'tich_cuc') set(0, k, -3);
      });
    const bit = (c: Category): number => 1 << CATEGORIES.indexOf(c);
    const unsure = modelWith(-3);
    unsure.score(featureInput('quanhe'));
    expect(unsure.categoryMask(false)).toBe(bit('xuyen_tac') | bit('tich_cuc'));
    expect(unsure.windowCategoryMask()).toBe(bit('tich_cuc'));
    const sure = modelWith(3);
    sure.score(featureInput('quanhe'));
    expect(sure.windowCategoryMask()).toBe(bit('xuyen_tac') | bit('tich_cuc'));
    // A rule the model was never trained with keeps its category in a window too.
    const input = featureInput('quanhe');
    const rule = compileRules([{ id: 'brand-new', category: 'bau_cu', query: 'quanhe' }]);
    unsure.score({ ...input, hits: rule.match(input.tokens, diacriticlessSentences(input.tokens), input.text, { about: true }) });
    expect(unsure.windowCategoryMask()).toBe(bit('bau_cu') | bit('tich_cuc'));
  });

  it('explains a category the concern head gave, with no word of its own, by the words that made the post an incident', () => {
    // "quanhe" says incident (concern) and pushes every category down, an_ninh_trat_tu least.
    const model = tinyModel((set) => {
      for (let k = 0; k < CATEGORIES.length; k++) set(1, k, CATEGORIES[k] === 'an_ninh_trat_tu' ? -1 : -3);
      set(1, CONCERN_OUTPUT, 3);
    });
    const verdict = model.predict(featureInput('tin quanhe'));
    expect(verdict.categories).toEqual(['an_ninh_trat_tu']);
    expect(verdict.reasons('an_ninh_trat_tu').map((r) => r.text)).toEqual(['quanhe']);
  });

  it('scores the same when the tokens carry no syllable ids (the look-up by name)', () => {
    for (const text of TEXTS.slice(0, 200)) {
      const input = featureInput(text);
      const withIds = verdictOf(model.predict(input));
      const stripped = input.tokens.map(({ foldedId: _drop, ...token }) => token);
      expect(verdictOf(model.predict({ ...input, tokens: stripped })), text).toEqual(withIds);
    }
  });

  it('explains a category it adds with the words of the post, at their offsets', () => {
    const analyzer = createAnalyzer({ rules: RULES, profile: JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/commune-profile.json'), 'utf8')), model: loadDefaultModel() });
    const ruleIds = new Set(RULES.map((r) => r.id));
    let added = 0;
    // Decomposed text too: offsets point into the text as given.
    for (const text of [...TEXTS, ...TEXTS.slice(0, 100).map((t) => t.normalize('NFD'))]) {
      const analysis = analyzer.analyze(text);
      if (analysis.model === undefined) {
        // Nothing to explain: the model gave no category (a rule may have matched; it was not kept).
        expect(analysis.categories).toEqual([]);
        continue;
      }
      for (const { category, reasons } of analysis.model.added) {
        added++;
        expect(analysis.categories).toContain(category);
        expect(analysis.matches.map((m) => m.category)).not.toContain(category);
        expect(reasons.length, text).toBeGreaterThan(0);
        expect(reasons.length).toBeLessThanOrEqual(5);
        for (const reason of reasons) {
          expect(reason.weight).toBeGreaterThan(0);
          if (reason.feature.startsWith('r:')) {
            expect(ruleIds.has(reason.text)).toBe(true);
            continue;
          }
          expect(reason.feature).toMatch(/^[wxp]:/);
          expect(reason.start).toBeTypeOf('number');
          expect(text.slice(reason.start, reason.end), reason.feature).toBe(reason.text);
        }
        // Strongest first.
        const weights = reasons.map((r) => r.weight);
        expect(weights).toEqual([...weights].sort((a, b) => b - a));
      }
    }
    expect(added).toBeGreaterThan(10);
  });

  it('reads only text: every feature of the shipped model is a word, a word pair, a rule, a category or a text bin', () => {
    const allowed = /^(w:|x:|p:|r:|c:|s:|l:|o:|t:|e:|bias$)/;
    const file = loadDefaultModel().file;
    expect(file.features.length).toBeGreaterThan(1000);
    const others = file.features.filter((f) => !allowed.test(f));
    expect(others).toEqual([]);
    for (const f of FIXED_FEATURES) expect(f).toMatch(allowed);
  });
});

describe('the score bins', () => {
  it('puts the lexicon score in steps of 0.1 and the offensive score in tenths, clamped at the ends', () => {
    expect([-1, -0.96, -0.04, 0, 0.04, 0.26, 1, 3].map(lexiconStep)).toEqual(['s:-10', 's:-10', 's:0', 's:0', 's:0', 's:3', 's:10', 's:10']);
    expect([0, 0.09, 0.1, 0.55, 0.99, 1, -0.2].map(offensiveStep)).toEqual(['o:0', 'o:0', 'o:1', 'o:5', 'o:9', 'o:9', 'o:0']);
    for (let score = -1; score <= 1; score += 0.05) expect(LEXICON_STEPS).toContain(lexiconStep(score));
    for (let score = 0; score <= 1; score += 0.05) expect(OFFENSIVE_STEPS).toContain(offensiveStep(score));
  });

  it('the shipped model weighs how offensive a post is, not only whether it is', () => {
    const model = loadDefaultModel();
    const text = 'Nói thế mà cũng nói được, chán thật';
    const base = featureInput(text);
    const mild = verdictOf(model.predict({ ...base, offensive: false, offensiveScore: 0.05 }));
    const strong = verdictOf(model.predict({ ...base, offensive: false, offensiveScore: 0.45 }));
    // Same words, same verdict flag: only the fine bin differs, and the polarity moves with it.
    expect(strong.polarity.probabilities.negative).not.toBe(mild.polarity.probabilities.negative);
    // Every bin training saw is kept; no training post scores ±1 exactly, so the end bins drop out.
    expect(model.file.features).toEqual(expect.arrayContaining([...LEXICON_STEPS.slice(1, -1), ...OFFENSIVE_STEPS]));
  });
});

describe('npm run cli -- analyze with a model', () => {
  it('keeps exactly the contract fields, in order, with the shipped model, a given model and rules only', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-model-'));
    const profile = path.join(dir, 'profile.json');
    await writeFile(profile, readFileSync(path.join(ROOT, 'tests/fixtures/commune-profile.json')));
    const small = trainModel(readLabelledSet(path.join(ROOT, 'tests/fixtures/commune-posts.jsonl')).slice(0, 120), { rules: RULES, rulePack: 'default' });
    const modelFile = path.join(dir, 'model.json');
    await writeFile(modelFile, JSON.stringify(small.model));
    const posts = jsonl('tests/fixtures/commune-posts.jsonl').slice(0, 20);
    const input = `${posts.map((p) => JSON.stringify({ id: p.id, text: p.text })).join('\n')}\n`;
    const CONTRACT = ['id', 'flag', 'categories', 'about', 'sentiment', 'offensive', 'severity', 'matches'];

    // Three processes at once: most of each is starting tsx.
    const modes = { default: [], given: ['--model', modelFile], rules: ['--rules-only'] } as const;
    const runs = await Promise.all(Object.values(modes).map((args) => runCli(['analyze', '--profile', profile, ...args], { input })));
    const outputs: Record<string, Record<string, unknown>[]> = {};
    Object.keys(modes).forEach((name, i) => {
      const { code, stdout, stderr } = runs[i]!;
      expect(code, stderr).toBe(0);
      const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.id)).toEqual(posts.map((p) => p.id));
      for (const line of lines) {
        expect(Object.keys(line), name).toEqual(CONTRACT);
        expect(Object.keys(line.sentiment as object)).toEqual(['label', 'score']);
      }
      outputs[name] = lines;
    });
    // --model is read: a model trained on 120 posts does not answer as the shipped one.
    expect(outputs.given).not.toEqual(outputs.default);
    // Each answers what the analyzer answers in process with that model (or none).
    const profileJson = JSON.parse(readFileSync(profile, 'utf8'));
    const models = { default: loadDefaultModel(), given: new LearnedModel(parseModelFile(JSON.stringify(small.model))), rules: null };
    for (const [name, model] of Object.entries(models)) {
      const analyzer = createAnalyzer({ rules: RULES, profile: profileJson, model });
      const expected = posts.map((p) => {
        const a = analyzer.analyze(p.text);
        return JSON.parse(JSON.stringify({ id: p.id, flag: a.flag, categories: a.categories, about: a.about, sentiment: a.sentiment, offensive: a.offensive, severity: a.severity, matches: a.matches }));
      });
      expect(outputs[name], name).toEqual(expected);
    }
  }, 120_000);
});

describe('calibration helpers', () => {
  it.each([
    ['no examples', [], []],
    ['no positive', [0.1, -2, 3], [0, 0, 0]],
    ['only positives', [0.1, -2, 3], [1, 1, 1]],
  ])('fitPlatt with %s is the identity map', (_name, z, y) => {
    expect(fitPlatt(z, y)).toEqual({ a: 1, b: 0 });
  });

  it('fitPlatt recovers a known logistic relation', () => {
    const random = mulberry32(42);
    const z: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = random() * 8 - 4;
      z.push(x);
      y.push(random() < sigmoid(2 * x - 1) ? 1 : 0);
    }
    const { a, b } = fitPlatt(z, y);
    expect(a).toBeCloseTo(2, 0);
    expect(Math.abs(a - 2)).toBeLessThan(0.15);
    expect(Math.abs(b + 1)).toBeLessThan(0.15);
  });

  it('fitPlatt stays finite on separable scores and keeps their order', () => {
    const { a, b } = fitPlatt([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(a).toBeGreaterThan(0);
    expect(sigmoid(a * 3 + b)).toBeGreaterThan(0.5);
    expect(sigmoid(a * -3 + b)).toBeLessThan(0.5);
  });

  it.each([
    ['a clean split: the tie goes to the threshold nearest 0.5', [0.1, 0.4, 0.6, 0.9], [0, 0, 1, 1], 0.5],
    ['every example positive: the highest threshold keeping them all', [0.2, 0.3, 0.7], [1, 1, 1], 0.2],
    ['no positive: nothing to gain, 0.5', [0.2, 0.3, 0.7], [0, 0, 0], 0.5],
    ['positives score low: the split below them', [0.05, 0.1, 0.12, 0.8], [0, 1, 1, 0], 0.1],
    ['one positive above every negative', [0.3, 0.35, 0.7, 0.9], [0, 0, 0, 1], 0.71],
  ])('bestThreshold: %s', (_name, p, y, expected) => {
    expect(bestThreshold(p, y)).toBeCloseTo(expected, 10);
  });
});

describe('parseExampleLines', () => {
  it('keeps the good lines and names each bad one by its number', () => {
    const lines = [
      JSON.stringify({ text: 'Dân thôn Nà Pài phản ánh chưa được bồi thường', flag: true, categories: ['phan_anh_kien_nghi'] }),
      '',
      '{"text": "thiếu ngoặc"',
      JSON.stringify({ text: 'Lễ khánh thành trường mới', flag: false, categories: ['tich_cuc'], polarity: 'positive', about: true }),
      JSON.stringify({ text: 'Cờ mà không có lĩnh vực', flag: true, categories: [] }),
      JSON.stringify({ text: 'Lĩnh vực lạ', flag: false, categories: ['khong_co'] }),
      JSON.stringify({ text: '   ', flag: false, categories: [] }),
      JSON.stringify({ text: 'Cờ nhưng không nói về xã', flag: true, categories: ['xuyen_tac'], about: false }),
      JSON.stringify({ text: 'Sắc thái lạ', flag: false, categories: [], polarity: 'angry' }),
      JSON.stringify({ text: 'Tin của huyện khác', flag: false, categories: [], about: false, sentiment: 'neutral' }),
    ];
    const { examples, errors } = parseExampleLines(`${lines.join('\r\n')}\n`);
    expect(examples.map((e) => e.text)).toEqual(['Dân thôn Nà Pài phản ánh chưa được bồi thường', 'Lễ khánh thành trường mới', 'Tin của huyện khác']);
    expect(errors.map((e) => e.line)).toEqual([3, 5, 6, 7, 8, 9]);
    expect(errors[0]!.message).toMatch(/not JSON/);
    expect(errors[1]!.message).toMatch(/categories/);
    expect(errors[2]!.message).toMatch(/categories/);
    expect(errors[3]!.message).toMatch(/text/);
    expect(errors[4]!.message).toMatch(/about/);
    expect(errors[5]!.message).toMatch(/polarity/);
  });

  it('reads an unflagged line with an incident category as not about the commune, and refuses it when it says it is', () => {
    const { examples, errors } = parseExampleLines(
      [
        JSON.stringify({ text: 'Vụ trộm xe ở một tỉnh khác', flag: false, categories: ['an_ninh_trat_tu'] }),
        JSON.stringify({ text: 'Tin khen xã trồng rừng', flag: false, categories: ['tich_cuc'] }),
        JSON.stringify({ text: 'Chưa cờ mà lại về xã', flag: false, categories: ['xuyen_tac'], about: true }),
      ].join('\n'),
    );
    expect(examples.map((e) => toTrainingExample(e, true).about)).toEqual([false, null]);
    expect(errors).toEqual([{ line: 3, message: expect.stringMatching(/flag: .*about/) }]);
  });
});
