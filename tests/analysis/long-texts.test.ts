// Training reads long texts as the analyzer does, window by window: a long text the team found
// routine (or dismissed as a false positive) teaches every window that it is routine; a long text
// labelled paragraph by paragraph labels each window with the paragraphs it covers; short posts
// and long texts with an incident somewhere in them are learned whole, as before.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainingExample } from '../../src/analysis/model/train.js';
import { paragraphExamples, readParagraphLabelledSet, windowedIfRoutine, windowSpans, type ParagraphText } from '../../src/learning/long-texts.js';
import { COMPLAINT, ROUTINE } from './long-text-fixtures.js';

const LONG_ROUTINE = ROUTINE.join('\n\n');

function example(text: string, labels: Partial<TrainingExample>): TrainingExample {
  return { text, categories: [], polarity: 'neutral', about: true, flag: false, ...labels };
}

describe('windowedIfRoutine', () => {
  it('cuts a long routine text into one category-free example per window, covering the text once', () => {
    const spans = windowSpans(LONG_ROUTINE)!;
    expect(spans.length).toBeGreaterThan(1);
    const windows = windowedIfRoutine(example(LONG_ROUTINE, { added: true }));
    expect(windows).toHaveLength(spans.length);
    expect(windows.map((w) => w.text).join('')).toBe(LONG_ROUTINE);
    for (const w of windows) {
      expect(w).toMatchObject({ categories: [], flag: false, about: true, added: true });
      // The text's tone is not each window's.
      expect(w.polarity).toBeNull();
    }
  });

  it('cuts a long post dismissed as out of scope, keeping "not about the commune"', () => {
    const windows = windowedIfRoutine(example(LONG_ROUTINE, { categories: null, about: false }));
    expect(windows.length).toBeGreaterThan(1);
    expect(windows.every((w) => w.about === false && w.categories === null && w.flag === false)).toBe(true);
  });

  it('learns short posts, long texts with an incident and polarity-only comments whole', () => {
    const short = example(ROUTINE[0]!, {});
    expect(windowedIfRoutine(short)).toEqual([short]);
    const incident = example(`${LONG_ROUTINE}\n\n${COMPLAINT}`, { categories: ['phan_anh_kien_nghi'], flag: true });
    expect(windowedIfRoutine(incident)).toEqual([incident]);
    const elsewhere = example(`${LONG_ROUTINE}\n\n${COMPLAINT}`, { categories: ['phan_anh_kien_nghi'], about: false });
    expect(windowedIfRoutine(elsewhere)).toEqual([elsewhere]);
    const comment = example(LONG_ROUTINE, { categories: null, flag: null, about: null, polarity: 'negative' });
    expect(windowedIfRoutine(comment)).toEqual([comment]);
  });
});

const DIGEST: ParagraphText = {
  id: 'digest-1',
  commune: 'Phú Thông',
  about: true,
  kind: 'digest',
  paragraphs: [
    { text: ROUTINE[0]!, categories: [], sentiment: 'neutral' },
    { text: ROUTINE[1]!, categories: [], sentiment: 'neutral' },
    { text: COMPLAINT, categories: ['phan_anh_kien_nghi'], sentiment: 'negative' },
    { text: ROUTINE[2]!, categories: ['tich_cuc'], sentiment: 'positive' },
    { text: ROUTINE[3]!, categories: [], sentiment: 'neutral' },
  ],
};

describe('paragraphExamples', () => {
  it('labels each window with the paragraphs it covers: only the complaint\'s window is flagged', () => {
    const windows = paragraphExamples(DIGEST);
    expect(windows.length).toBeGreaterThan(2);
    expect(windows.map((w) => w.text).join('')).toBe(DIGEST.paragraphs.map((p) => p.text).join('\n\n'));
    const flagged = windows.filter((w) => w.flag === true);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.text).toContain(COMPLAINT);
    expect(flagged[0]!.categories).toContain('phan_anh_kien_nghi');
    expect(windows[0]).toMatchObject({ categories: [], flag: false, polarity: 'neutral', about: true });
    // A window over paragraphs of different tones leaves its polarity unsaid.
    const paragraphStarts = DIGEST.paragraphs.map((_, k) => DIGEST.paragraphs.slice(0, k).reduce((at, p) => at + p.text.length + 2, 0));
    let at = 0;
    for (const w of windows) {
      const covered = DIGEST.paragraphs.filter((p, k) => paragraphStarts[k]! < at + w.text.length && at < paragraphStarts[k]! + p.text.length);
      const tones = new Set(covered.map((p) => p.sentiment));
      expect(w.polarity).toBe(tones.size === 1 ? [...tones][0] : null);
      expect(w.categories).toEqual([...new Set(covered.flatMap((p) => p.categories))]);
      at += w.text.length;
    }
  });

  it('gives a short text one example with every paragraph\'s categories', () => {
    const notice = 'Chợ Phú Thông họp phiên đầu tháng vào sáng Chủ nhật.';
    const short: ParagraphText = { ...DIGEST, paragraphs: [{ text: notice, categories: [], sentiment: 'neutral' }, DIGEST.paragraphs[2]!] };
    expect(paragraphExamples(short)).toEqual([
      { text: `${notice}\n\n${COMPLAINT}`, categories: ['phan_anh_kien_nghi'], polarity: null, about: true, flag: true },
    ]);
  });

  it('never flags a window of a text that is not about the commune', () => {
    expect(paragraphExamples({ ...DIGEST, about: false }).some((w) => w.flag)).toBe(false);
  });

  it('reads a set and names its first bad line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'langnghe-long-'));
    const good = path.join(dir, 'good.jsonl');
    writeFileSync(good, `${JSON.stringify(DIGEST)}\n\n${JSON.stringify({ ...DIGEST, id: 'digest-2', about: false })}\n`);
    const read = readParagraphLabelledSet(good);
    expect(read.texts).toBe(2);
    // What the base learns of them: their routine windows, never the complaint's.
    const routine = paragraphExamples(DIGEST).filter((w) => w.categories!.length === 0);
    expect(routine.length).toBeGreaterThan(0);
    expect(read.examples.map((e) => e.text)).toEqual([...routine, ...routine].map((e) => e.text));
    expect(read.examples.some((e) => e.text.includes(COMPLAINT))).toBe(false);
    expect(read.examples.every((e) => e.flag === false && e.categories!.length === 0)).toBe(true);
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(DIGEST)}\n${JSON.stringify({ ...DIGEST, paragraphs: [{ text: 'x', categories: ['khong_co'], sentiment: 'neutral' }] })}\n`);
    expect(() => readParagraphLabelledSet(bad)).toThrow(/bad\.jsonl:2: paragraphs\.0\.categories\.0/);
    writeFileSync(bad, '{not json\n');
    expect(() => readParagraphLabelledSet(bad)).toThrow(/bad\.jsonl:1: not JSON/);
  });
});
