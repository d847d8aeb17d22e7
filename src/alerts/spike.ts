// Spike detection, pure: counts in, decisions out (no clock, no database, no randomness), so the
// scheduled scan (spike-scan.ts) and the evaluation on generated series (scripts/eval-spike.ts)
// run the very same code.
//
// Method. Time is cut in hours (UTC hour index = floor(ms / 3.6e6); Viet Nam has no DST, so "the
// same hour of the day / of the week" is simply 24 / 168 hours back). The expected rate of an hour
// is the mean count of the same hour over the past `recentDays` days and of the same hour of the
// week over the past `weeks` weeks, leaving out hours that were part of a spike (a spike never
// pollutes its own baseline) and the lowest fifth of the counts (a quiet day or a holiday does not
// lower the bar for the next day), floored at `floorPerHour` for sparse series. Every scan, the count of each sliding
// window (15 minutes and 1 hour) is compared with the expected count of that window (the hourly
// rates prorated minute by minute): a window is anomalous when the Poisson upper tail
// P(X >= observed | expected) is below `maxPValue`, the count reaches `minCount` and is at least
// `minRatio` times the expected count. Hysteresis: a series enters the spike state on the first
// anomalous window (one alert) and leaves it only after `calmMinutes` in a row where no window is
// even mildly elevated (tail probability above `calmPValue`).

export interface SpikeConfig {
  readonly windowsMinutes: readonly number[];
  readonly maxPValue: number;
  readonly minCount: number;
  readonly minRatio: number;
  readonly floorPerHour: number;
  readonly weeks: number;
  readonly recentDays: number;
  /** Share of the lowest past counts left out of the mean (quiet days, holidays). */
  readonly trimLowest: number;
  /** Hours of usable history needed before a series may alert (a new source learns first). */
  readonly minSamples: number;
  readonly calmPValue: number;
  readonly calmMinutes: number;
}

export const DEFAULT_SPIKE_CONFIG: SpikeConfig = {
  windowsMinutes: [15, 60],
  maxPValue: 2.5e-4,
  minCount: 8,
  minRatio: 2,
  floorPerHour: 0.25,
  weeks: 4,
  recentDays: 21,
  trimLowest: 0.2,
  minSamples: 5,
  calmPValue: 0.01,
  calmMinutes: 20,
};

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

// ln(k!) for the Poisson tail, cached.
const lnFactorials: number[] = [0];
function lnFactorial(k: number): number {
  for (let i = lnFactorials.length; i <= k; i++) lnFactorials.push(lnFactorials[i - 1]! + Math.log(i));
  return lnFactorials[k]!;
}

/** P(X >= k) for X ~ Poisson(mean), summed from the tail so tiny probabilities stay accurate. */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  if (k <= mean) {
    // Not in the tail: 1 - P(X < k).
    let term = Math.exp(-mean);
    let sum = term;
    for (let i = 1; i < k; i++) {
      term *= mean / i;
      sum += term;
    }
    return Math.max(0, Math.min(1, 1 - sum));
  }
  const lnMean = Math.log(mean);
  let term = Math.exp(-mean + k * lnMean - lnFactorial(k));
  let sum = 0;
  for (let i = k; i < k + 1000; i++) {
    sum += term;
    term *= mean / (i + 1);
    if (term < sum * 1e-12) break;
  }
  return Math.min(1, sum);
}

/** What the detector needs to know of a series' past. */
export interface SeriesHistory {
  /** Count of an hour (UTC hour index); undefined when the series did not exist yet. */
  count(hour: number): number | undefined;
  /** True when the hour was (partly) in a spike of this series: left out of the baseline. */
  excluded(hour: number): boolean;
}

export interface HourBaseline {
  /** Expected items per hour. */
  readonly perHour: number;
  /** Usable past hours behind it. */
  readonly samples: number;
}

/** The expected rate of one hour, from the same hours of past days and past weeks. */
export function hourBaseline(history: SeriesHistory, hour: number, config: SpikeConfig = DEFAULT_SPIKE_CONFIG): HourBaseline {
  const samples: number[] = [];
  const take = (h: number) => {
    const c = history.count(h);
    if (c !== undefined && !history.excluded(h)) samples.push(c);
  };
  for (let d = 1; d <= config.recentDays; d++) take(hour - 24 * d);
  // The same hour of the week, beyond the days already taken.
  for (let w = 1; w <= config.weeks; w++) if (w * 7 > config.recentDays) take(hour - 168 * w);
  if (!samples.length) return { perHour: config.floorPerHour, samples: 0 };
  // Quiet days and holidays only ever lower a count: the lowest fifth is left out.
  samples.sort((a, b) => a - b);
  const kept = samples.slice(Math.floor(samples.length * config.trimLowest));
  const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
  return { perHour: Math.max(config.floorPerHour, mean), samples: samples.length };
}

export interface WindowObservation {
  readonly minutes: number;
  readonly count: number;
  readonly expected: number;
}

export interface WindowVerdict extends WindowObservation {
  readonly pValue: number;
  readonly ratio: number;
  readonly anomalous: boolean;
  readonly elevated: boolean;
}

/** `pValue` is 1 when the count does not exceed the expected count (not worth the sum). */
export function judgeWindow(window: WindowObservation, config: SpikeConfig = DEFAULT_SPIKE_CONFIG): WindowVerdict {
  const pValue = window.count <= window.expected ? 1 : poissonUpperTail(window.count, window.expected);
  const ratio = window.expected > 0 ? window.count / window.expected : Infinity;
  const anomalous = pValue < config.maxPValue && window.count >= config.minCount && ratio >= config.minRatio;
  const elevated = pValue < config.calmPValue && window.count >= Math.min(config.minCount, 3);
  return { ...window, pValue, ratio, anomalous, elevated };
}

/** Persisted between scans (alert_spike_series). Times in ms since the epoch. */
export interface SpikeState {
  readonly inSpike: boolean;
  readonly startedAt: number | null;
  /** Since when no window has been elevated (null: one is now). */
  readonly calmSince: number | null;
}

export const QUIET_STATE: SpikeState = { inSpike: false, startedAt: null, calmSince: null };

export type SpikeDecision =
  | { readonly kind: 'start'; readonly at: number; readonly window: WindowVerdict }
  | { readonly kind: 'end'; readonly at: number; readonly startedAt: number }
  | { readonly kind: 'none' };

/** One scan of one series: the new state, and whether a spike starts (alert) or ends. */
export function step(state: SpikeState, now: number, windows: readonly WindowObservation[], config: SpikeConfig = DEFAULT_SPIKE_CONFIG): { state: SpikeState; decision: SpikeDecision; verdicts: WindowVerdict[] } {
  const verdicts = windows.map((w) => judgeWindow(w, config));
  const elevated = verdicts.some((v) => v.elevated || v.anomalous);
  if (!state.inSpike) {
    // The strongest anomalous window says what spiked.
    const anomalous = verdicts.filter((v) => v.anomalous).sort((a, b) => a.pValue - b.pValue)[0];
    if (anomalous) return { state: { inSpike: true, startedAt: now, calmSince: null }, decision: { kind: 'start', at: now, window: anomalous }, verdicts };
    return { state: QUIET_STATE, decision: { kind: 'none' }, verdicts };
  }
  if (elevated) return { state: { ...state, calmSince: null }, decision: { kind: 'none' }, verdicts };
  const calmSince = state.calmSince ?? now;
  if (now - calmSince >= config.calmMinutes * MINUTE_MS) {
    return { state: QUIET_STATE, decision: { kind: 'end', at: now, startedAt: state.startedAt ?? now }, verdicts };
  }
  return { state: { ...state, calmSince }, decision: { kind: 'none' }, verdicts };
}

/**
 * The expected count of the window [end - minutes, end): each minute at the rate of its hour.
 * `baselineOf` is called once per distinct hour.
 */
export function expectedInWindow(end: number, minutes: number, baselineOf: (hour: number) => number): number {
  const start = end - minutes * MINUTE_MS;
  let expected = 0;
  let t = start;
  while (t < end) {
    const hour = Math.floor(t / HOUR_MS);
    const hourEnd = Math.min(end, (hour + 1) * HOUR_MS);
    expected += (baselineOf(hour) * (hourEnd - t)) / HOUR_MS;
    t = hourEnd;
  }
  return expected;
}

/** Whether a series has enough history at `now` to be judged. */
export function hasHistory(history: SeriesHistory, now: number, config: SpikeConfig = DEFAULT_SPIKE_CONFIG): boolean {
  return hourBaseline(history, Math.floor(now / HOUR_MS), config).samples >= config.minSamples;
}
