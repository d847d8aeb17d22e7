// The pure spike detector (src/alerts/spike.ts) and its evaluation on generated series.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE_CONFIG, HOUR_MS, MINUTE_MS, QUIET_STATE, expectedInWindow, hourBaseline, judgeWindow, poissonUpperTail, step, type SeriesHistory, type SpikeState } from '../src/alerts/spike.js';
import { evaluateSpikeDetector } from '../scripts/eval-spike.js';

const history = (counts: Map<number, number>, first: number, excluded: Set<number> = new Set()): SeriesHistory => ({
  count: (h) => (h < first ? undefined : (counts.get(h) ?? 0)),
  excluded: (h) => excluded.has(h),
});

describe('Poisson upper tail', () => {
  it('matches closed forms and known values', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    // P(X >= 10 | 2) = 4.65e-5 (R: ppois(9, 2, lower.tail = FALSE))
    expect(poissonUpperTail(10, 2)).toBeCloseTo(4.6498e-5, 8);
    // Far in the tail it stays accurate instead of rounding to 0.
    expect(poissonUpperTail(40, 2)).toBeGreaterThan(0);
    expect(poissonUpperTail(40, 2)).toBeLessThan(1e-30);
    expect(poissonUpperTail(5, 0)).toBe(0);
  });
});

describe('baseline', () => {
  const now = 10_000;
  it('is the mean of the same hour on past days and weeks, ignoring hours in a spike and the lowest fifth', () => {
    const counts = new Map<number, number>();
    for (let d = 1; d <= 28; d++) counts.set(now - 24 * d, 6);
    counts.set(now - 24, 0); // a holiday yesterday: trimmed
    counts.set(now - 48, 90); // a spike two days ago: excluded
    const b = hourBaseline(history(counts, 0, new Set([now - 48])), now);
    expect(b.perHour).toBe(6);
    expect(b.samples).toBe(21); // 21 days (one excluded) + week 4
  });

  it('has a floor for sparse series and reports no samples before the series existed', () => {
    expect(hourBaseline(history(new Map(), 0), now).perHour).toBe(DEFAULT_SPIKE_CONFIG.floorPerHour);
    expect(hourBaseline(history(new Map(), now), now).samples).toBe(0);
  });

  it('prorates the hourly rates over a window minute by minute', () => {
    const end = 5 * HOUR_MS + 30 * MINUTE_MS;
    expect(expectedInWindow(end, 60, (h) => (h === 4 ? 12 : 24))).toBeCloseTo(6 + 12, 9);
    expect(expectedInWindow(end, 15, () => 8)).toBeCloseTo(2, 9);
  });
});

describe('decisions', () => {
  it('an anomalous window needs a tiny tail probability, the least count and twice the normal', () => {
    expect(judgeWindow({ minutes: 15, count: 12, expected: 1 }).anomalous).toBe(true);
    expect(judgeWindow({ minutes: 15, count: 7, expected: 0.1 }).anomalous).toBe(false); // fewer than 8 items
    expect(judgeWindow({ minutes: 60, count: 30, expected: 20 }).anomalous).toBe(false); // ordinary noise
  });

  it('one spike is one alert: hysteresis until the counts have been calm for a while', () => {
    let state: SpikeState = QUIET_STATE;
    const decisions: string[] = [];
    const run = (minute: number, count15: number, count60: number) => {
      const r = step(state, minute * MINUTE_MS, [{ minutes: 15, count: count15, expected: 1 }, { minutes: 60, count: count60, expected: 4 }]);
      state = r.state;
      decisions.push(r.decision.kind);
    };
    run(0, 1, 4);
    run(1, 12, 15); // starts
    for (let m = 2; m < 40; m++) run(m, m < 20 ? 14 : 1, m < 50 ? 16 : 4); // still elevated: nothing new
    expect(decisions.filter((d) => d === 'start')).toHaveLength(1);
    expect(state.inSpike).toBe(true);
    for (let m = 40; m < 40 + DEFAULT_SPIKE_CONFIG.calmMinutes; m++) run(m, 1, 4);
    expect(decisions.at(-1)).toBe('none');
    run(40 + DEFAULT_SPIKE_CONFIG.calmMinutes, 1, 4);
    expect(decisions.at(-1)).toBe('end');
    run(100, 12, 15);
    expect(decisions.filter((d) => d === 'start')).toHaveLength(2);
  });

  it('a short calm inside a spike does not end it', () => {
    let state: SpikeState = step(QUIET_STATE, 0, [{ minutes: 15, count: 20, expected: 1 }]).state;
    state = step(state, 5 * MINUTE_MS, [{ minutes: 15, count: 1, expected: 1 }]).state;
    expect(state.calmSince).toBe(5 * MINUTE_MS);
    state = step(state, 6 * MINUTE_MS, [{ minutes: 15, count: 9, expected: 1 }]).state;
    expect(state.calmSince).toBeNull();
    expect(state.inSpike).toBe(true);
  });
});

describe('evaluation on generated series', () => {
  it('is deterministic for a seed and finds most target bursts with few false alerts', () => {
    const options = { seed: 7, series: 6, days: 35, warmupDays: 28 };
    const a = evaluateSpikeDetector(options);
    const b = evaluateSpikeDetector(options);
    expect(a).toEqual(b);
    expect(a.targetBursts).toBeGreaterThan(10);
    expect(a.recall).toBeGreaterThanOrEqual(0.75);
    expect(a.precision).toBeGreaterThanOrEqual(0.75);
    expect(a.medianDelayMinutes).toBeLessThanOrEqual(20);
  }, 60_000);
});
