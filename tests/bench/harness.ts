// What a benchmark row is and the few helpers every benchmark module shares. A module in this folder
// plugs in by exporting `rows(options)`, resolving to the rows of issue 13's table it measures; the
// product's figure and its anchor (the raw part underneath) are measured in the same run, each as the
// median of its repetitions. Benchmarks print and never assert: `met` is for the reader.

export interface BenchRow {
  /** What is measured, at what size, and what the anchor is ("…; anchor: one raw GROUP BY …"). */
  metric: string;
  /** The product's figure (median), in `unit`. */
  product: number;
  /** The anchor's figure (median), in `unit`, measured in the same run; null where the row has none. */
  anchor: number | null;
  unit: 'ms' | 's' | 'MB';
  /** product ÷ anchor (lower is better everywhere: 0.5 = twice as fast as the anchor); null without anchor. */
  ratio: number | null;
  /** The goal in words, e.g. "≤ 500 ms and ratio ≤ 1". */
  goal: string;
  met: boolean;
}

export interface BenchOptions {
  /** CI smoke size: everything small, a few repetitions; figures are not comparable with the full size. */
  quick: boolean;
  /** Human-readable lines (stderr under --json, so stdout stays one JSON array). */
  log: (line: string) => void;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs fn `runs` times (after `warm` untimed runs) and returns each duration in ms. */
export async function times(fn: () => unknown, runs: number, warm = 1, before?: () => void): Promise<number[]> {
  for (let i = 0; i < warm; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return xs;
}

/** A row from medians: ratio = product ÷ anchor, rounded for reading. */
export function row(r: Omit<BenchRow, 'ratio'> & { ratio?: number | null }): BenchRow {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const ratio = r.ratio !== undefined ? r.ratio : r.anchor ? r.product / r.anchor : null;
  return {
    metric: r.metric,
    product: round(r.product),
    anchor: r.anchor === null ? null : round(r.anchor),
    unit: r.unit,
    ratio: ratio === null ? null : round(ratio),
    goal: r.goal,
    met: r.met,
  };
}

export const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
