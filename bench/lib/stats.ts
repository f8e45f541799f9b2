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

/** One line of the results table. */
export interface Figure {
  readonly benchmark: string;
  readonly figure: string;
  readonly value: number;
  readonly unit: string;
  /** What bounds it (the framework floor, Teams' ceiling, the small case…), when there is one. */
  readonly reference?: number;
  /** value / reference. */
  readonly ratio?: number;
  /** The target, as text ("≤ 1.5× floor"). */
  readonly target?: string;
  readonly met?: boolean;
}

/** A broken correctness invariant: the run is worthless and `npm run bench` must fail. */
export class InvariantBroken extends Error {
  override readonly name = 'InvariantBroken';
}

export function check(condition: boolean, message: string): void {
  if (!condition) throw new InvariantBroken(message);
}
