// The spike detector (src/alerts/spike.ts) on generated series, as the scheduled scan runs it:
// once a minute, sliding 15-minute and 1-hour windows, baselines from past weeks.
// Each series: a Poisson background whose mean is drawn log-uniformly from 0.5 to 20 items an hour,
// with a daily rhythm (quiet nights, a morning and an evening peak) and quieter weekends, random
// quiet days (0.4×), one multi-day holiday (0.3×, like Tết) and single holidays; bursts injected at
// random (spread uniformly over 5 to 30 minutes), sized against the ordinary rate of that hour.
// Target bursts are at least 3× the baseline and at least 8 items; smaller ones are generated too
// (an alert on them is a true alert, but they do not count in the recall).
// Seeded: the same seed gives the same figures.
import { DEFAULT_SPIKE_CONFIG, HOUR_MS, MINUTE_MS, expectedInWindow, hourBaseline, step, QUIET_STATE, type SeriesHistory, type SpikeConfig, type SpikeState } from '../src/alerts/spike.js';
import { mulberry32 } from '../src/analysis/random.js';

export interface SpikeEvalOptions {
  readonly seed?: number;
  readonly series?: number;
  readonly days?: number;
  /** Days of learning before anything is scored. */
  readonly warmupDays?: number;
  readonly config?: SpikeConfig;
}

export interface SpikeEvalFigures {
  readonly series: number;
  readonly scoredDays: number;
  readonly alerts: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly precision: number;
  readonly targetBursts: number;
  readonly detected: number;
  readonly recall: number;
  readonly medianDelayMinutes: number;
  readonly p90DelayMinutes: number;
  readonly smallBursts: number;
  readonly smallDetected: number;
  /** Recall per target multiplier (3×, 4×, 6×, 10×). */
  readonly recallByMultiplier: Record<string, number>;
}

function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}

/** Local (UTC+7) hour-of-day shape with mean 1: quiet nights, peaks around 10:00 and 20:00. */
const DAILY = (() => {
  const raw = Array.from({ length: 24 }, (_, h) => 0.15 + Math.exp(-((h - 10) ** 2) / 8) + 0.9 * Math.exp(-((h - 20) ** 2) / 6) + (h >= 7 && h <= 22 ? 0.3 : 0));
  const mean = raw.reduce((a, b) => a + b, 0) / 24;
  return raw.map((r) => r / mean);
})();

interface Burst {
  readonly start: number;
  readonly end: number;
  readonly items: number;
  readonly multiplier: number;
  readonly target: boolean;
  detectedAt: number | null;
}

const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function evaluateSpikeDetector(options: SpikeEvalOptions = {}): SpikeEvalFigures {
  const seed = options.seed ?? 20261122;
  const seriesCount = options.series ?? 60;
  const days = options.days ?? 49;
  const warmupDays = options.warmupDays ?? 28;
  const config = options.config ?? DEFAULT_SPIKE_CONFIG;
  const random = mulberry32(seed);
  const minutes = days * 1440;
  // A Monday 00:00 in Viet Nam (UTC+7), so hours of the day and week fall where they would.
  const t0 = Date.UTC(2026, 0, 4, 17, 0, 0);
  let alerts = 0;
  let truePositives = 0;
  const delays: number[] = [];
  const allBursts: Burst[] = [];

  for (let s = 0; s < seriesCount; s++) {
    const meanPerHour = Math.exp(Math.log(0.5) + random() * (Math.log(20) - Math.log(0.5)));
    const dayFactor: number[] = Array.from({ length: days }, () => (random() < 0.05 ? 0.4 : 1));
    // One multi-day holiday and two single holidays, anywhere (in the learning weeks too).
    const longHoliday = Math.floor(random() * (days - 4));
    for (let d = longHoliday; d < longHoliday + 4; d++) dayFactor[d] = 0.3;
    for (let i = 0; i < 2; i++) dayFactor[Math.floor(random() * days)] = 0.3;
    /** The ordinary rate (items per minute) at a minute, without quiet days or holidays. */
    const ordinary = (m: number) => (meanPerHour * DAILY[Math.floor((m % 1440) / 60)]! * (Math.floor(m / 1440) % 7 >= 5 ? 0.8 : 1)) / 60;
    const counts = new Int32Array(minutes);
    for (let m = 0; m < minutes; m++) counts[m] = poisson(random, ordinary(m) * dayFactor[Math.floor(m / 1440)]!);
    // Bursts: one every 1.5 days on average, at least 6 hours apart.
    const bursts: Burst[] = [];
    let m = Math.floor(random() * 1440);
    while (true) {
      m += 360 + Math.floor(random() * 1440 * 2.4);
      const duration = 5 + Math.floor(random() * 26);
      if (m + duration >= minutes) break;
      let ordinaryCount = 0;
      for (let i = m; i < m + duration; i++) ordinaryCount += ordinary(i);
      const kind = random();
      let items: number;
      let multiplier: number;
      let target = true;
      if (kind < 0.8) {
        multiplier = [3, 4, 6, 10][Math.floor(random() * 4)]!;
        items = Math.max(8, Math.round((multiplier - 1) * ordinaryCount));
      } else {
        // Below the target: 2× the baseline, or fewer than 8 items.
        target = false;
        multiplier = 2;
        items = random() < 0.5 ? Math.max(3, Math.round(ordinaryCount)) : 3 + Math.floor(random() * 5);
      }
      for (let i = 0; i < items; i++) counts[m + Math.floor(random() * duration)]!++;
      bursts.push({ start: m, end: m + duration, items, multiplier, target, detectedAt: null });
    }

    // The detector, once a minute at the end of each minute.
    const prefix = new Float64Array(minutes + 1);
    for (let i = 0; i < minutes; i++) prefix[i + 1] = prefix[i]! + counts[i]!;
    const hourStart = Math.floor(t0 / HOUR_MS);
    const excludedHours = new Set<number>();
    const history: SeriesHistory = {
      count: (hour) => {
        const first = (hour - hourStart) * 60;
        if (first < 0 || first + 60 > minutes) return undefined;
        return prefix[first + 60]! - prefix[first]!;
      },
      excluded: (hour) => excludedHours.has(hour),
    };
    const baselines = new Map<number, { perHour: number; samples: number }>();
    const baselineOf = (hour: number) => {
      let b = baselines.get(hour);
      if (!b) baselines.set(hour, (b = hourBaseline(history, hour, config)));
      return b;
    };
    let state: SpikeState = QUIET_STATE;
    const maxWindow = Math.max(...config.windowsMinutes);
    const warmup = warmupDays * 1440;
    for (let i = 1; i <= minutes; i++) {
      const now = t0 + i * MINUTE_MS;
      // Outside a spike nothing can start below the least count: the same decision, faster.
      if (!state.inSpike && prefix[i]! - prefix[Math.max(0, i - maxWindow)]! < config.minCount) continue;
      if (baselineOf(Math.floor((now - 1) / HOUR_MS)).samples < config.minSamples) continue;
      const windows = config.windowsMinutes.map((w) => ({
        minutes: w,
        count: prefix[i]! - prefix[Math.max(0, i - w)]!,
        expected: expectedInWindow(now, w, (h) => baselineOf(h).perHour),
      }));
      const result = step(state, now, windows, config);
      state = result.state;
      if (state.inSpike) {
        // The spike's hours (and the hour before, where its window began) stay out of baselines.
        const hour = Math.floor((now - 1) / HOUR_MS);
        excludedHours.add(hour);
        if (result.decision.kind === 'start') excludedHours.add(hour - 1);
      }
      if (result.decision.kind !== 'start' || i < warmup) continue;
      alerts++;
      const burst = bursts.find((b) => i > b.start && i <= b.end + 60);
      if (!burst) continue;
      truePositives++;
      if (burst.detectedAt === null) burst.detectedAt = i;
    }
    for (const b of bursts) if (b.start >= warmup && b.end + 60 < minutes) allBursts.push(b);
  }

  const target = allBursts.filter((b) => b.target);
  const detected = target.filter((b) => b.detectedAt !== null);
  for (const b of detected) delays.push(b.detectedAt! - b.start);
  const small = allBursts.filter((b) => !b.target);
  const recallByMultiplier: Record<string, number> = {};
  for (const mult of [3, 4, 6, 10]) {
    const of = target.filter((b) => b.multiplier === mult);
    recallByMultiplier[`${mult}x`] = round3(of.filter((b) => b.detectedAt !== null).length / Math.max(1, of.length));
  }
  return {
    series: seriesCount,
    scoredDays: days - warmupDays,
    alerts,
    truePositives,
    falsePositives: alerts - truePositives,
    precision: round3(alerts ? truePositives / alerts : 0),
    targetBursts: target.length,
    detected: detected.length,
    recall: round3(target.length ? detected.length / target.length : 0),
    medianDelayMinutes: median(delays),
    p90DelayMinutes: quantile(delays, 0.9),
    smallBursts: small.length,
    smallDetected: small.filter((b) => b.detectedAt !== null).length,
    recallByMultiplier,
  };
}

/** The lines `npm run eval` prints for the spike section. */
export function spikeEvalLines(figures: SpikeEvalFigures = evaluateSpikeDetector()): string[] {
  const f = figures;
  return [
    '',
    `spike detection (generated: ${f.series} series, ${f.scoredDays} scored days each; bursts ≥ 3× baseline and ≥ 8 items; targets P ≥ 0.9, R ≥ 0.9, median delay ≤ 15 min)`,
    `  precision ${f.precision.toFixed(3)} (${f.truePositives}/${f.alerts} alerts)  recall ${f.recall.toFixed(3)} (${f.detected}/${f.targetBursts} bursts)  median delay ${f.medianDelayMinutes} min (p90 ${f.p90DelayMinutes})`,
    `  recall by size: ${Object.entries(f.recallByMultiplier).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}; below-target bursts alerted: ${f.smallDetected}/${f.smallBursts}`,
    JSON.stringify({ eval: 'spike', ...f }),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of spikeEvalLines()) console.log(line);
}
