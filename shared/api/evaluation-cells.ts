// The cells of the 统计考核 matrix as the screen is sent them: column by column, each text (status, unit,
// period label, note) once. At 2,000 cadres × 50 rules the matrix is ~78,000 cells: as one object per cell
// that was 9.6 MB of JSON, mostly the same eight keys and the same few texts again, and writing and parsing
// it cost about as much as a fifth of the evaluation itself. The 不适用 cells of the cadres a rule leaves out
// (three in four there, all alike) go as one list per rule. What repeats from one cell to the next goes as runs:
// the rule (cells come rule by rule), the cadre ids (mostly consecutive), the unit, period and requirement (one
// per rule and period) — 0.8 MB of columns became ~0.2 MB.
// `readCells` gives the columns back as typed arrays (what the page holds, evaluation-matrix.ts); `unpackCells`
// gives back exactly the cells packed, one object each (tests, scripts).
import type { EvalStatus, MatrixCell, OutsideRows } from './evaluation';

/**
 * Runs of values: value, how many times in a row, value, how many… (`[3, 2, 5, 1]` = 3, 3, 5).
 * Runs of ids: how far the run's first id is from the last id of the run before (from 0 for the first; may be
 * negative), how many consecutive ids (`[4, 3, 6, 1]` = 4, 5, 6, 12).
 */
export interface PackedCells {
  /** Every text the cells use, once: statuses, units, period labels, notes. */
  texts: string[];
  /** The cells' rule ids, as runs of values. */
  ruleIds: number[];
  /** The cells' cadre ids, as runs of ids. */
  cadreIds: number[];
  /** Per cell, an index into `texts`. */
  status: number[];
  /** Per cell. */
  achieved: number[];
  /** Runs of values. */
  required: number[];
  /** Runs of values, indexes into `texts`. */
  unit: number[];
  /** Runs of values, indexes into `texts`. */
  period: number[];
  /** The cells (their places in the columns) that have notes, in order, each as the step from the one before (the first from 0); most have none. */
  noted: number[];
  /** For each cell of `noted`, its notes as indexes into `texts`. */
  notes: number[][];
  /**
   * Per rule, the cadres it leaves out (runs of ids): each one's cell is 不适用, 0 of 0, no notes, with this
   * unit and period label (indexes into `texts`). Unpacked after the cells above.
   */
  outside: { ruleId: number; unit: number; period: number; cadreIds: number[] }[];
}

/** Runs of values, built one value at a time. */
class ValueRuns {
  readonly out: number[] = [];
  private last = NaN;
  push(v: number): void {
    // NaN never equals itself: the first value always opens a run.
    if (v === this.last) this.out[this.out.length - 1]!++;
    else {
      this.out.push(v, 1);
      this.last = v;
    }
  }
}

/** Runs of ids, built one id at a time. */
class IdRuns {
  readonly out: number[] = [];
  private last = 0;
  private open = false;
  push(id: number): void {
    if (this.open && id === this.last + 1) this.out[this.out.length - 1]!++;
    else this.out.push(id - this.last, 1);
    this.open = true;
    this.last = id;
  }
}

export function idRuns(ids: readonly number[]): number[] {
  const r = new IdRuns();
  for (let i = 0; i < ids.length; i++) r.push(ids[i]!);
  return r.out;
}

/** Packs cells one at a time (no cell object needed: the screen packs straight from its rows). */
export class CellPacker {
  private readonly texts: string[] = [];
  private readonly at = new Map<string, number>();
  private readonly ruleIds = new ValueRuns();
  private readonly cadreIds = new IdRuns();
  private readonly status: number[] = [];
  private readonly achieved: number[] = [];
  private readonly required = new ValueRuns();
  private readonly unit = new ValueRuns();
  private readonly period = new ValueRuns();
  private readonly noted: number[] = [];
  private readonly notes: number[][] = [];
  private readonly outside: PackedCells['outside'] = [];
  private lastNoted = 0;
  // The same few texts come cell after cell: the last one's index is kept per column.
  private readonly statusAt = [-1, -1, -1, -1, -1];
  private lastUnit = '';
  private lastUnitAt = -1;
  private lastPeriod = '';
  private lastPeriodAt = -1;

  text(s: string): number {
    let i = this.at.get(s);
    if (i === undefined) {
      i = this.texts.push(s) - 1;
      this.at.set(s, i);
    }
    return i;
  }

  add(
    cadreId: number,
    ruleId: number,
    status: EvalStatus,
    achieved: number,
    required: number,
    unit: string,
    period: string,
    notes: readonly string[],
  ): void {
    const n = this.status.length;
    this.ruleIds.push(ruleId);
    this.cadreIds.push(cadreId);
    // Five statuses: their text indexes kept by status (compared as the constants they are, not hashed).
    const k = status === 'met' ? 0 : status === 'missed' ? 1 : status === 'open' ? 2 : status === 'behind' ? 3 : 4;
    let st = this.statusAt[k]!;
    if (st < 0) st = this.statusAt[k] = this.text(status);
    this.status.push(st);
    this.achieved.push(achieved);
    this.required.push(required);
    if (unit !== this.lastUnit || this.lastUnitAt < 0) this.lastUnitAt = this.text((this.lastUnit = unit));
    this.unit.push(this.lastUnitAt);
    if (period !== this.lastPeriod || this.lastPeriodAt < 0) this.lastPeriodAt = this.text((this.lastPeriod = period));
    this.period.push(this.lastPeriodAt);
    if (notes.length) {
      this.noted.push(n - this.lastNoted);
      this.lastNoted = n;
      const idx = new Array<number>(notes.length);
      for (let j = 0; j < notes.length; j++) idx[j] = this.text(notes[j]!);
      this.notes.push(idx);
    }
  }

  addOutside(o: OutsideRows): void {
    this.outside.push({
      ruleId: o.ruleId,
      unit: this.text(o.unit),
      period: this.text(o.period.label),
      cadreIds: idRuns(o.cadreIds),
    });
  }

  done(): PackedCells {
    return {
      texts: this.texts,
      ruleIds: this.ruleIds.out,
      cadreIds: this.cadreIds.out,
      status: this.status,
      achieved: this.achieved,
      required: this.required.out,
      unit: this.unit.out,
      period: this.period.out,
      noted: this.noted,
      notes: this.notes,
      outside: this.outside,
    };
  }
}

export function packCells(cells: readonly MatrixCell[], outside: readonly OutsideRows[] = []): PackedCells {
  const p = new CellPacker();
  for (const c of cells) p.add(c.cadreId, c.ruleId, c.status, c.achieved, c.required, c.unit, c.period, c.notes);
  for (const o of outside) p.addOutside(o);
  return p.done();
}

/** The values of runs of values, `n` of them (the runs must give exactly n). */
export function fromValueRuns(runs: readonly number[], n: number): Float64Array {
  const out = new Float64Array(n);
  let k = 0;
  for (let j = 0; j + 1 < runs.length; j += 2) {
    const v = runs[j]!;
    const end = k + runs[j + 1]!;
    if (end > n) throw new Error('统计考核的单元格数据不完整');
    out.fill(v, k, end);
    k = end;
  }
  if (k !== n) throw new Error('统计考核的单元格数据不完整');
  return out;
}

/** The ids of runs of ids. */
export function fromIdRuns(runs: readonly number[]): Float64Array {
  let n = 0;
  for (let j = 1; j < runs.length; j += 2) n += runs[j]!;
  const out = new Float64Array(n);
  let k = 0;
  let last = 0;
  for (let j = 0; j + 1 < runs.length; j += 2) {
    const len = runs[j + 1]!;
    const first = last + runs[j]!;
    for (let i = 0; i < len; i++) out[k++] = first + i;
    last = first + len - 1;
  }
  return out;
}

/** The cells as columns of numbers (texts as indexes into `texts`), one entry per cell; no object per cell. */
export interface CellColumns {
  texts: string[];
  /** How many cells (not counting those of `outside`). */
  n: number;
  cadreId: Float64Array;
  ruleId: Float64Array;
  status: Float64Array;
  achieved: Float64Array;
  required: Float64Array;
  unit: Float64Array;
  period: Float64Array;
  /** The places of the cells that have notes, ascending. */
  noted: Int32Array;
  /** For each of `noted`, its notes (indexes into `texts`). */
  notes: number[][];
  outside: { ruleId: number; unit: number; period: number; cadreIds: Float64Array }[];
}

/** A copy as a Float64Array (a loop: the constructor from an array took ~1 ms per 20,000 numbers here). */
function numbers(a: readonly number[]): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]!;
  return out;
}

export function readCells(p: PackedCells): CellColumns {
  const n = p.status.length;
  const cadreId = fromIdRuns(p.cadreIds);
  if (cadreId.length !== n) throw new Error('统计考核的单元格数据不完整');
  const noted = new Int32Array(p.noted.length);
  let at = 0;
  for (let j = 0; j < noted.length; j++) noted[j] = at += p.noted[j]!;
  if (p.notes.length !== noted.length || (noted.length && (noted[0]! < 0 || at >= n)))
    throw new Error('统计考核的单元格数据不完整');
  return {
    texts: p.texts,
    n,
    cadreId,
    ruleId: fromValueRuns(p.ruleIds, n),
    status: numbers(p.status),
    achieved: numbers(p.achieved),
    required: fromValueRuns(p.required, n),
    unit: fromValueRuns(p.unit, n),
    period: fromValueRuns(p.period, n),
    noted,
    notes: p.notes,
    outside: p.outside.map((o) => ({
      ruleId: o.ruleId,
      unit: o.unit,
      period: o.period,
      cadreIds: fromIdRuns(o.cadreIds),
    })),
  };
}

/** Every cell, one object each: the packed cells in order, then those of `outside`. */
export function unpackCells(p: PackedCells): MatrixCell[] {
  const c = readCells(p);
  const t = c.texts;
  const out: MatrixCell[] = [];
  let j = 0;
  for (let i = 0; i < c.n; i++)
    out.push({
      cadreId: c.cadreId[i]!,
      ruleId: c.ruleId[i]!,
      status: t[c.status[i]!] as EvalStatus,
      achieved: c.achieved[i]!,
      required: c.required[i]!,
      unit: t[c.unit[i]!]!,
      period: t[c.period[i]!]!,
      notes: c.noted[j] === i ? c.notes[j++]!.map((k) => t[k]!) : [],
    });
  for (const o of c.outside) {
    const unit = t[o.unit]!;
    const period = t[o.period]!;
    for (const cadreId of o.cadreIds)
      out.push({ cadreId, ruleId: o.ruleId, status: 'n/a', achieved: 0, required: 0, unit, period, notes: [] });
  }
  return out;
}
