import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** Percentile of a sample (nearest-rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** How many times each benchmark repeats its measurement (BENCH_RUNS, at least 1; 3 by default). */
export function benchRuns(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.BENCH_RUNS ?? 3);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_RUNS must be a whole number ≥ 1, not "${env.BENCH_RUNS}"`);
  return n;
}

/** Where the figures were measured: a reader compares like with like. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly memoryGb: number;
  readonly os: string;
}

export function machine(): Machine {
  const all = cpus();
  return { cpu: all[0]?.model.trim() ?? 'unknown CPU', cores: all.length, node: process.version, memoryGb: round(totalmem() / 2 ** 30, 1), os: `${type()} ${release()}` };
}

/** The results file name of a machine: one file per machine, overwritten by each run there. */
export function machineKey(m: Machine): string {
  const slug = m.cpu
    .toLowerCase()
    .replace(/\((r|tm)\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'cpu'}-${m.cores}c-node${m.node.replace(/^v/, '').split('.')[0]}`;
}

/** The 1-minute load average: how busy the machine was besides the benchmark. */
export const loadAverage = (): number => round(loadavg()[0]!, 2);

/** A figure over the runs. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export function spread(values: readonly number[], digits: number): Spread {
  return { min: round(Math.min(...values), digits), median: round(percentile(values, 50), digits), max: round(Math.max(...values), digits) };
}

/** One run's measurement of a figure, and what bounds it in that same run (the floor, a ceiling…), when there is one. */
export interface Sample {
  readonly value: number;
  readonly reference?: number;
}

/** One line of the results table: each number is min, median and max over the runs. */
export interface Figure {
  readonly benchmark: string;
  readonly figure: string;
  readonly unit: string;
  readonly runs: number;
  readonly value: Spread;
  readonly reference?: Spread;
  /** value / reference of each run (project and floor measured side by side), then min, median, max. */
  readonly ratio?: Spread;
  /** The target, as text ("≤ 1.5× floor"). */
  readonly target?: string;
  /** Whether the medians meet the target. */
  readonly met?: boolean;
}

export interface FigureSpec {
  readonly benchmark: string;
  readonly figure: string;
  readonly unit: string;
  /** Decimals kept (2 by default). */
  readonly digits?: number;
  readonly target?: string;
  readonly meets?: (median: { value: number; ratio?: number }) => boolean;
}

/** Summarise one figure's samples, one per run. */
export function summarize(spec: FigureSpec, samples: readonly Sample[]): Figure {
  const digits = spec.digits ?? 2;
  const value = spread(samples.map((s) => s.value), digits);
  const references = samples.flatMap((s) => (s.reference === undefined ? [] : [s.reference]));
  const paired = references.length === samples.length && references.length > 0;
  const reference = paired ? spread(references, digits) : undefined;
  const ratio = paired ? spread(samples.map((s) => s.value / s.reference!), 2) : undefined;
  return {
    benchmark: spec.benchmark,
    figure: spec.figure,
    unit: spec.unit,
    ...(spec.target ? { target: spec.target } : {}),
    runs: samples.length,
    value,
    ...(reference ? { reference, ratio } : {}),
    ...(spec.meets ? { met: spec.meets({ value: value.median, ...(ratio ? { ratio: ratio.median } : {}) }) } : {}),
  };
}

/** A broken correctness invariant: the run is worthless and `npm run bench` must fail. */
export class InvariantBroken extends Error {
  override readonly name = 'InvariantBroken';
}

export function check(condition: boolean, message: string): void {
  if (!condition) throw new InvariantBroken(message);
}
