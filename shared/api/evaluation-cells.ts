// The cells of the 统计考核 matrix as the screen is sent them: column by column, each text (status, unit,
// period label, note) once. At 2,000 cadres × 50 rules the matrix is ~78,000 cells: as one object per cell
// that was 9.6 MB of JSON, mostly the same eight keys and the same few texts again, and writing and parsing
// it cost about as much as a fifth of the evaluation itself. `unpackCells` gives back exactly the cells packed.
// The 不适用 cells of the cadres a rule leaves out (three in four there, all alike) go as one list per rule.
import type { EvalStatus, MatrixCell, OutsideRows } from './evaluation';

export interface PackedCells {
  /** Every text the cells use, once: statuses, units, period labels, notes. */
  texts: string[];
  cadreId: number[];
  ruleId: number[];
  /** Index into `texts`. */
  status: number[];
  achieved: number[];
  required: number[];
  /** Index into `texts`. */
  unit: number[];
  /** Index into `texts`. */
  period: number[];
  /** The cells (their places in the columns above) that have notes, in order; most have none. */
  noted: number[];
  /** For each cell of `noted`, its notes as indexes into `texts`. */
  notes: number[][];
  /**
   * Per rule, the cadres it leaves out: each one's cell is 不适用, 0 of 0, no notes, with this unit and period
   * label (indexes into `texts`). Unpacked after the cells above.
   */
  outside: { ruleId: number; unit: number; period: number; cadreIds: number[] }[];
}

export function packCells(cells: readonly MatrixCell[], outside: readonly OutsideRows[] = []): PackedCells {
  const texts: string[] = [];
  const at = new Map<string, number>();
  const text = (s: string) => {
    let i = at.get(s);
    if (i === undefined) {
      i = texts.push(s) - 1;
      at.set(s, i);
    }
    return i;
  };
  const n = cells.length;
  const out: PackedCells = {
    texts,
    cadreId: new Array<number>(n),
    ruleId: new Array<number>(n),
    status: new Array<number>(n),
    achieved: new Array<number>(n),
    required: new Array<number>(n),
    unit: new Array<number>(n),
    period: new Array<number>(n),
    noted: [],
    notes: [],
    outside: [],
  };
  for (let i = 0; i < n; i++) {
    const c = cells[i]!;
    out.cadreId[i] = c.cadreId;
    out.ruleId[i] = c.ruleId;
    out.status[i] = text(c.status);
    out.achieved[i] = c.achieved;
    out.required[i] = c.required;
    out.unit[i] = text(c.unit);
    out.period[i] = text(c.period);
    if (c.notes.length) {
      out.noted.push(i);
      out.notes.push(c.notes.map(text));
    }
  }
  for (const o of outside)
    out.outside.push({ ruleId: o.ruleId, unit: text(o.unit), period: text(o.period.label), cadreIds: o.cadreIds });
  return out;
}

export function unpackCells(p: PackedCells): MatrixCell[] {
  const notes = new Map<number, string[]>();
  for (let j = 0; j < p.noted.length; j++)
    notes.set(
      p.noted[j]!,
      p.notes[j]!.map((t) => p.texts[t]!),
    );
  let n = p.cadreId.length;
  for (const o of p.outside) n += o.cadreIds.length;
  const out: MatrixCell[] = new Array(n);
  for (let i = 0; i < p.cadreId.length; i++)
    out[i] = {
      cadreId: p.cadreId[i]!,
      ruleId: p.ruleId[i]!,
      status: p.texts[p.status[i]!] as EvalStatus,
      achieved: p.achieved[i]!,
      required: p.required[i]!,
      unit: p.texts[p.unit[i]!]!,
      period: p.texts[p.period[i]!]!,
      notes: notes.get(i) ?? [],
    };
  let k = p.cadreId.length;
  for (const o of p.outside) {
    const unit = p.texts[o.unit]!;
    const period = p.texts[o.period]!;
    for (const cadreId of o.cadreIds)
      out[k++] = { cadreId, ruleId: o.ruleId, status: 'n/a', achieved: 0, required: 0, unit, period, notes: [] };
  }
  return out;
}
