// The 统计考核 matrix as the page holds it: a table of numbers, cadre × rule, filled straight from the packed
// columns (evaluation-cells.ts) and the lists of the cadres each rule leaves out — no object per cell. At
// 2,000 cadres × 50 rules that was ~78,000 objects, three in four of them alike 不适用 cells, made again at
// every answer. A cell becomes an object only when it is looked at (a tooltip, a click): cellAt.
// A partial answer (the cells changed since the version held) is merged into a copy of the table held.
import type { EvalStatus, EvaluationScreen, MatrixCell } from './evaluation';
import { readCells } from './evaluation-cells';

/** Status codes in the table: 0 = no cell (the rule does not judge this cadre one by one). */
const STATUSES: readonly EvalStatus[] = ['met', 'missed', 'open', 'behind', 'n/a'];
const CODE: Record<EvalStatus, number> = { met: 1, missed: 2, open: 3, behind: 4, 'n/a': 5 };
const NA = CODE['n/a'];

export interface CellMatrix {
  /** Row by row: the screen's cadres, in its order. */
  readonly cadreIds: readonly number[];
  /** Column by column: the screen's rules, in its order. */
  readonly ruleIds: readonly number[];
  readonly rowOf: ReadonlyMap<number, number>;
  readonly colOf: ReadonlyMap<number, number>;
  readonly texts: readonly string[];
  /** Slot (row × rules + column) → status code (0 = no cell). */
  readonly status: Uint8Array;
  readonly achieved: Float64Array;
  readonly required: Float64Array;
  /** Indexes into `texts`. */
  readonly unit: Int32Array;
  readonly period: Int32Array;
  /** Slot → 1 + its place in `noteLists` (0: no notes; most cells have none). */
  readonly noteAt: Int32Array;
  /** Notes, as indexes into `texts`. */
  readonly noteLists: readonly (readonly number[])[];
  /** Per column, how many cadres have a cell (a rule without any has no column on the page). */
  readonly cells: Int32Array;
}

/**
 * Id → place in `ids`, -1 when absent: an array indexed by id when the ids are dense enough (ledger ids are),
 * else a Map. A Map looked up ~80,000 times with ids read from a Float64Array cost the page several times more.
 */
export function idIndex(ids: readonly number[]): (id: number) => number {
  let max = 0;
  let whole = true;
  for (const id of ids) {
    if (!(Number.isInteger(id) && id >= 0)) whole = false;
    else if (id > max) max = id;
  }
  if (whole && max <= 8 * ids.length + 1024) {
    const at = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < ids.length; i++) at[ids[i]!] = i;
    return (id) => (id >= 0 && id <= max ? at[id]! : -1);
  }
  const at = new Map(ids.map((id, i) => [id, i]));
  return (id) => at.get(id) ?? -1;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The table of an answer's cells: all of them, or, with `before` (the table held for the same cadres and rules)
 * and a partial answer, the table held with the cells sent replacing theirs. Cells of a cadre or rule the
 * screen does not list are left out (the page has no row or column for them).
 */
export function holdCells(
  screen: Pick<EvaluationScreen, 'cells' | 'rules'> & { cadres: readonly { id: number }[] },
  before?: CellMatrix,
): CellMatrix {
  const cadreIds = screen.cadres.map((c) => c.id);
  const ruleIds = screen.rules.map((r) => r.id);
  const keep = before && sameIds(before.cadreIds, cadreIds) && sameIds(before.ruleIds, ruleIds) ? before : undefined;
  const nRules = ruleIds.length;
  const size = cadreIds.length * nRules;
  const c = readCells(screen.cells);
  let texts: string[];
  /** The answer's text index → the table's. */
  let tx: Int32Array;
  if (keep) {
    texts = keep.texts.slice();
    const at = new Map(texts.map((t, i) => [t, i]));
    tx = new Int32Array(c.texts.length);
    for (let i = 0; i < c.texts.length; i++) {
      let k = at.get(c.texts[i]!);
      if (k === undefined) at.set(c.texts[i]!, (k = texts.push(c.texts[i]!) - 1));
      tx[i] = k;
    }
  } else {
    texts = c.texts.slice();
    tx = new Int32Array(c.texts.length);
    for (let i = 0; i < tx.length; i++) tx[i] = i;
  }
  const m = {
    cadreIds,
    ruleIds,
    rowOf: keep ? keep.rowOf : new Map(cadreIds.map((id, i) => [id, i])),
    colOf: keep ? keep.colOf : new Map(ruleIds.map((id, i) => [id, i])),
    texts,
    status: keep ? keep.status.slice() : new Uint8Array(size),
    achieved: keep ? keep.achieved.slice() : new Float64Array(size),
    required: keep ? keep.required.slice() : new Float64Array(size),
    unit: keep ? keep.unit.slice() : new Int32Array(size),
    period: keep ? keep.period.slice() : new Int32Array(size),
    noteAt: keep ? keep.noteAt.slice() : new Int32Array(size),
    noteLists: keep ? keep.noteLists.slice() : ([] as (readonly number[])[]),
    cells: keep ? keep.cells.slice() : new Int32Array(nRules),
  };
  const codeOf = c.texts.map((t) => CODE[t as EvalStatus] ?? 0);
  const rowOf = idIndex(cadreIds);
  const colOf = idIndex(ruleIds);
  const { status, achieved, required, unit, period, cells, noteAt, noteLists } = m;
  let nextNoted = 0;
  for (let i = 0; i < c.n; i++) {
    const row = rowOf(c.cadreId[i]!);
    const col = colOf(c.ruleId[i]!);
    if (row < 0 || col < 0) continue;
    const s = row * nRules + col;
    if (!status[s]) cells[col]!++;
    status[s] = codeOf[c.status[i]!]!;
    achieved[s] = c.achieved[i]!;
    required[s] = c.required[i]!;
    unit[s] = tx[c.unit[i]!]!;
    period[s] = tx[c.period[i]!]!;
    if (c.noted[nextNoted] === i) {
      const notes = c.notes[nextNoted++]!;
      noteAt[s] = noteLists.push(keep ? notes.map((k) => tx[k]!) : notes);
    } else noteAt[s] = 0;
  }
  for (const o of c.outside) {
    const col = colOf(o.ruleId);
    if (col < 0) continue;
    const u = tx[o.unit]!;
    const p = tx[o.period]!;
    for (let j = 0; j < o.cadreIds.length; j++) {
      const row = rowOf(o.cadreIds[j]!);
      if (row < 0) continue;
      const s = row * nRules + col;
      if (!status[s]) cells[col]!++;
      status[s] = NA;
      achieved[s] = 0;
      required[s] = 0;
      unit[s] = u;
      period[s] = p;
      noteAt[s] = 0;
    }
  }
  return m;
}

/** The status of a cadre's cell (row) under a rule (column), or undefined when there is none. */
export function statusAt(m: CellMatrix, row: number, col: number): EvalStatus | undefined {
  const code = m.status[row * m.ruleIds.length + col]!;
  return code ? STATUSES[code - 1] : undefined;
}

/** One cell as an object (what a tooltip or a click reads), or undefined when there is none. */
export function cellAt(m: CellMatrix, row: number, col: number): MatrixCell | undefined {
  const s = row * m.ruleIds.length + col;
  const code = m.status[s]!;
  if (!code) return undefined;
  return {
    cadreId: m.cadreIds[row]!,
    ruleId: m.ruleIds[col]!,
    status: STATUSES[code - 1]!,
    achieved: m.achieved[s]!,
    required: m.required[s]!,
    unit: m.texts[m.unit[s]!]!,
    period: m.texts[m.period[s]!]!,
    notes: m.noteAt[s] ? m.noteLists[m.noteAt[s]! - 1]!.map((k) => m.texts[k]!) : [],
  };
}

/** What the matrix cell shows: achieved/required, nothing for 不适用 or no cell. */
export function figureAt(m: CellMatrix, row: number, col: number): string {
  const s = row * m.ruleIds.length + col;
  const code = m.status[s]!;
  return !code || code === NA ? '' : `${m.achieved[s]}/${m.required[s]}`;
}

/** One grid row per cadre: its cells are read from the table (`at` = the cadre's row in it). */
export interface MatrixRow {
  cadreId: number;
  name: string;
  unit: string;
  at: number;
  matrix: CellMatrix;
}

/** What the page holds of a screen: the answer (cadres and collective rows kept from before when not sent). */
export interface HeldScreen {
  screen: EvaluationScreen & { cadres: NonNullable<EvaluationScreen['cadres']> };
  matrix: CellMatrix;
  rows: MatrixRow[];
}

/**
 * The page's hold of an answer: a full answer as it is; a partial one (the cells changed since the version
 * held, `before`) merged into what was held.
 */
export function holdScreen(got: EvaluationScreen, before: HeldScreen | null): HeldScreen {
  const kept = got.partial ? before : null;
  // A partial answer leaves out what did not change since the version held: the cadres, the collective rows.
  const screen = {
    ...got,
    cadres: got.cadres ?? kept?.screen.cadres ?? [],
    collective: got.collective ?? kept?.screen.collective ?? [],
  };
  const matrix = holdCells(screen, kept?.matrix);
  const rows = screen.cadres.map((c, at) => ({ cadreId: c.id, name: c.name, unit: c.unitName, at, matrix }));
  return { screen, matrix, rows };
}
