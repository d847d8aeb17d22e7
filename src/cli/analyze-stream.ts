// The `analyze` CLI contract: JSON Lines {"id","text"} in, one result line per input out, in order.
// Streams, so 100k lines never sit in memory; a malformed line yields {"id":null,"error":…} and the rest goes on.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import type { Analyzer } from '../analysis/index.js';

const MAX_TEXT_CHARS = 100_000;

const inputLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string().max(MAX_TEXT_CHARS, `text longer than ${MAX_TEXT_CHARS} characters`),
});

export function analyzeLine(analyzer: Analyzer, line: string): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({ id: null, error: `not JSON: ${(error as Error).message}` });
  }
  const parsed = inputLine.safeParse(value);
  if (!parsed.success) {
    // The contract: every malformed line answers with id null (its place in the output tells which).
    const reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
    return JSON.stringify({ id: null, error: `invalid input: ${reason}` });
  }
  const analysis = analyzer.analyze(parsed.data.text);
  return JSON.stringify({
    id: parsed.data.id,
    flag: analysis.flag,
    categories: analysis.categories,
    about: analysis.about,
    sentiment: analysis.sentiment,
    offensive: analysis.offensive,
    severity: analysis.severity,
    matches: analysis.matches,
  });
}

export async function analyzeStream(analyzer: Analyzer, input: Readable, output: Writable): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let count = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    count++;
    if (!output.write(`${analyzeLine(analyzer, line)}\n`)) {
      await new Promise<void>((resolve) => output.once('drain', () => resolve()));
    }
  }
  return count;
}
