// The analyze contract of issue 2, through the real CLI process.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, loadDefaultRulePack } from '../src/analysis/index.js';
import { analyzeStream } from '../src/cli/analyze-stream.js';
import { runCli } from './support/cli.js';

describe('npm run cli -- analyze', () => {
  it('answers one line per input, in order, with the contract fields and offsets into the original text', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'langnghe-analyze-'));
    const profile = path.join(dir, 'profile.json');
    await writeFile(profile, JSON.stringify({ commune: 'Phủ Thông', aliases: [], places: ['thôn Nà Pài'] }));
    const nfd = 'Dân thôn Nà Pài bức xúc vì đã hai năm chưa được bồi thường giải phóng mặt bằng'.normalize('NFD');
    const lines = [
      JSON.stringify({ id: 'a', text: 'Dân thôn Nà Pài bức xúc vì đã hai năm chưa được bồi thường giải phóng mặt bằng 😡' }),
      'not json',
      JSON.stringify({ id: 7, text: nfd }),
      '',
      JSON.stringify({ id: 'c' }),
      JSON.stringify({ id: 'd', text: 'Bộ phim mới ra rạp ở Hà Nội dở tệ, phí tiền' }),
    ];
    const { code, stdout, stderr } = await runCli(['analyze', '--profile', profile], { input: `${lines.join('\n')}\n` });
    expect(code, stderr).toBe(0);
    const out = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5); // the blank line is not an input
    expect(out.map((o) => o.id)).toEqual(['a', null, 7, null, 'd']);
    expect(out[1]).toEqual({ id: null, error: expect.stringMatching(/not JSON/) });
    expect(out[3]).toEqual({ id: null, error: expect.stringMatching(/text/) });

    const first = out[0] as { flag: boolean; categories: string[]; about: boolean; sentiment: { label: string; score: number }; offensive: boolean; severity: string | null; matches: { rule: string; category: string; start: number; end: number; text: string }[] };
    expect(Object.keys(first).sort()).toEqual(['about', 'categories', 'flag', 'id', 'matches', 'offensive', 'sentiment', 'severity']);
    expect(first).toMatchObject({ flag: true, about: true, offensive: false, sentiment: { label: 'negative' } });
    expect(first.categories).toContain('phan_anh_kien_nghi');
    expect(['critical', 'high', 'medium', 'low']).toContain(first.severity);
    expect(first.sentiment.score).toBeGreaterThanOrEqual(-1);
    expect(first.sentiment.score).toBeLessThan(0);
    const original = JSON.parse(lines[0]!).text as string;
    expect(first.matches.length).toBeGreaterThan(0);
    for (const m of first.matches) expect(original.slice(m.start, m.end)).toBe(m.text);

    const decomposed = out[2] as typeof first;
    expect(decomposed.flag).toBe(true);
    for (const m of decomposed.matches) expect(nfd.slice(m.start, m.end)).toBe(m.text);

    expect(out[4]).toMatchObject({ flag: false, about: false, severity: null });
  });

  it('fails with a clear message when the profile is missing or invalid', async () => {
    const missing = await runCli(['analyze', '--profile', '/nonexistent/profile.json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/no such file|ENOENT/);
    const noFlag = await runCli(['analyze']);
    expect(noFlag.code).toBe(64);
    expect(noFlag.stderr).toMatch(/--profile is required/);
  });
});

describe('analyzeStream', () => {
  it('streams many lines with backpressure and answers each', async () => {
    const analyzer = createAnalyzer({ rules: loadDefaultRulePack().rules, profile: { commune: 'Phủ Thông', aliases: [], places: [] } });
    const total = 20_000;
    const input = Readable.from(
      (function* () {
        for (let i = 0; i < total; i++) yield `${JSON.stringify({ id: i, text: `Dân xã Phủ Thông phản ánh đường hỏng lần ${i}` })}\n`;
      })(),
    );
    const output = new PassThrough({ highWaterMark: 1024 });
    let lines = 0;
    let lastId = -1;
    let buffered = '';
    output.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts) {
        lines++;
        lastId = (JSON.parse(part) as { id: number }).id;
      }
    });
    expect(await analyzeStream(analyzer, input, output)).toBe(total);
    output.end();
    await new Promise((resolve) => output.once('end', resolve));
    expect(lines).toBe(total);
    expect(lastId).toBe(total - 1);
  });
});
