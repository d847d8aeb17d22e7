// `npm run eval`: measures the analyzer.
//   (a) offensive language on ViHOS dev (a row is offensive when its index_spans is non-empty);
//   (b) flag, about, each category, offensive and sentiment on the labelled commune sets in
//       tests/fixtures (commune-posts: Phủ Thông; commune-posts-cao-minh: written blind to the
//       rules, for another commune), each with its profile and the default rule pack.
// Prints a table, then one JSON line per figure set.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVihos, vihosDir } from './vihos.js';
import { spikeEvalLines } from './eval-spike.js';
import { CATEGORIES, communeProfileSchema, createAnalyzer, loadDefaultRulePack, type Analyzer, type Category } from '../src/analysis/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
interface Figures {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly n: number;
  readonly support: number;
}

function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}
function count(c: Counts, predicted: boolean, actual: boolean): void {
  if (predicted && actual) c.tp++;
  else if (predicted) c.fp++;
  else if (actual) c.fn++;
  else c.tn++;
}
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
function figures(c: Counts): Figures {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), n: c.tp + c.fp + c.fn + c.tn, support: c.tp + c.fn };
}

const tableRows: string[][] = [];
const jsonLines: string[] = [];
function report(label: string, record: Record<string, unknown>, f: Figures | null, extra = ''): void {
  tableRows.push([label, f ? f.precision.toFixed(3) : '', f ? f.recall.toFixed(3) : '', f ? f.f1.toFixed(3) : '', f ? String(f.support) : '', extra]);
  jsonLines.push(JSON.stringify(f ? { ...record, precision: f.precision, recall: f.recall, f1: f.f1, n: f.n, support: f.support } : record));
}

function evalVihos(analyzer: Analyzer): void {
  const dir = vihosDir();
  if (!existsSync(join(dir, 'dev.csv'))) {
    console.log(`ViHOS not found at ${dir} (set VIHOS_DIR): skipping the offensive-language figures.`);
    return;
  }
  const c = emptyCounts();
  for (const row of readVihos('dev', dir)) count(c, analyzer.analyze(row.content).offensive, row.offensive);
  report('offensive (ViHOS dev)', { eval: 'offensive', dataset: 'vihos-dev' }, figures(c));
}

interface LabelledPost {
  readonly id: string;
  readonly text: string;
  readonly flag: boolean;
  readonly categories: readonly Category[];
  readonly sentiment: 'negative' | 'neutral' | 'positive';
  readonly offensive: boolean;
  readonly about: boolean;
}

/**
 * A labelled set of commune posts with its profile. `commune-posts` (Phủ Thông) is the set the
 * rule pack was written against; `commune-posts-cao-minh` was written blind to the rules, for
 * another commune, and is the fairer estimate of performance on unseen posts.
 */
function evalCommunePosts(dataset: string, profileName: string): void {
  const postsFile = join(repoRoot, 'tests', 'fixtures', `${dataset}.jsonl`);
  const profileFile = join(repoRoot, 'tests', 'fixtures', profileName);
  if (!existsSync(postsFile) || !existsSync(profileFile)) {
    console.log(`${postsFile} or ${profileFile} missing: skipping the commune figures.`);
    return;
  }
  const profile = communeProfileSchema.parse(JSON.parse(readFileSync(profileFile, 'utf8')));
  const analyzer = createAnalyzer({ rules: loadDefaultRulePack().rules, profile });
  const posts = readFileSync(postsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledPost);

  const flag = emptyCounts();
  const about = emptyCounts();
  const offensive = emptyCounts();
  const perCategory = new Map<Category, Counts>(CATEGORIES.map((c) => [c, emptyCounts()]));
  const micro = emptyCounts();
  let sentimentRight = 0;
  const sentimentPerLabel = new Map<string, Counts>(['negative', 'neutral', 'positive'].map((l) => [l, emptyCounts()]));
  for (const post of posts) {
    const got = analyzer.analyze(post.text);
    count(flag, got.flag, post.flag);
    count(about, got.about, post.about);
    count(offensive, got.offensive, post.offensive);
    for (const category of CATEGORIES) {
      const predicted = got.categories.includes(category);
      const actual = post.categories.includes(category);
      count(perCategory.get(category)!, predicted, actual);
      count(micro, predicted, actual);
    }
    if (got.sentiment.label === post.sentiment) sentimentRight++;
    for (const [label, c] of sentimentPerLabel) count(c, got.sentiment.label === label, post.sentiment === label);
  }
  tableRows.push([`${dataset} (n ${posts.length})`, '', '', '', '', '']);
  report('flag', { eval: 'flag', dataset }, figures(flag));
  report('about', { eval: 'about', dataset }, figures(about));
  for (const [category, c] of perCategory) report(`  ${category}`, { eval: 'category', dataset, category }, figures(c));
  report('categories (micro)', { eval: 'categories-micro', dataset }, figures(micro));
  report('offensive (commune)', { eval: 'offensive', dataset }, figures(offensive));
  const macroF1 = [...sentimentPerLabel.values()].reduce((sum, c) => sum + figures(c).f1, 0) / sentimentPerLabel.size;
  const accuracy = round(sentimentRight / Math.max(1, posts.length));
  report('sentiment', { eval: 'sentiment', dataset, accuracy, macro_f1: round(macroF1), n: posts.length }, null, `accuracy ${accuracy.toFixed(3)}, macro-F1 ${macroF1.toFixed(3)}, n ${posts.length}`);
}

function printTable(): void {
  const header = ['figure', 'precision', 'recall', 'F1', 'support', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...tableRows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of tableRows) console.log(line(row));
}

// The offensive figure does not depend on rules or profile: any analyzer will do.
evalVihos(createAnalyzer({ rules: [], profile: { commune: '' } }));
evalCommunePosts('commune-posts', 'commune-profile.json');
evalCommunePosts('commune-posts-cao-minh', 'commune-profile-cao-minh.json');
printTable();
for (const line of jsonLines) console.log(line);
// (c) spike detection on generated series (scripts/eval-spike.ts).
for (const line of spikeEvalLines()) console.log(line);
