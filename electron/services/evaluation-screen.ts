// What the 统计考核 screen is sent: one cell per cadre × rule (the period running on the as-of date), the
// collective and unit rows, and the summaries — kept up to date from the rows that changed, so that after an
// edit the screen is sent the few cells that moved instead of every row of the year (tens of MB of JSON).
//
// The state follows the evaluation's row cache (evaluation.ts): each evaluation that changes rows hands over
// what it took out and put in per rule; the cells of the cadres concerned are picked again and the counts are
// adjusted by those rows only. Anything else (another selection, a full evaluation) rebuilds it.
import type {
  EvalRow,
  EvalRuleInfo,
  EvaluationResult,
  MatrixCell,
  OutsideRows,
  RuleSummary,
  ScreenRow,
  StatusCounts,
  UnitSummary,
} from '../../shared/api/evaluation';
import { CellPacker, packCells, type PackedCells } from '../../shared/api/evaluation-cells';
import type { RowsDelta } from './evaluation';

/** At most this many collective and unit rows are shown (not 不适用). */
const COLLECTIVE_SHOWN = 300;
/** How many steps back a screen may ask for what changed; older screens get everything. */
const HISTORY = 20;

/** The period a cell shows: the one running on asOf, else the latest one begun, else the first. */
export function pickRow(rows: readonly EvalRow[], asOf: string): EvalRow {
  const running = rows.find((r) => r.period.start <= asOf && asOf <= r.period.end);
  if (running) return running;
  let begun: EvalRow | undefined;
  for (const r of rows) if (r.period.start <= asOf) begun = r;
  return begun ?? rows[0]!;
}

function addRow(p: CellPacker, r: EvalRow): void {
  p.add(r.cadreId!, r.ruleId, r.status, r.achieved, r.required, r.unit, r.period.label, r.notes);
}

function toCell(r: EvalRow): MatrixCell {
  return {
    cadreId: r.cadreId!,
    ruleId: r.ruleId,
    status: r.status,
    achieved: r.achieved,
    required: r.required,
    unit: r.unit,
    period: r.period.label,
    notes: r.notes,
  };
}

/** Whether two rows show the same cell (what toCell keeps of them). */
function sameCell(a: EvalRow, b: EvalRow): boolean {
  if (
    a.status !== b.status ||
    a.achieved !== b.achieved ||
    a.required !== b.required ||
    a.unit !== b.unit ||
    a.period.label !== b.period.label ||
    a.notes.length !== b.notes.length
  )
    return false;
  for (let i = 0; i < a.notes.length; i++) if (a.notes[i] !== b.notes[i]) return false;
  return true;
}

type Counts = Omit<StatusCounts, 'rate'>;
const zero = (): Counts => ({ met: 0, missed: 0, open: 0, behind: 0, 'n/a': 0 });
const withRate = <T extends Counts>(c: T): T & StatusCounts => {
  const applicable = c.met + c.missed + c.open + c.behind;
  return { ...c, rate: applicable ? Math.round((c.met / applicable) * 1000) / 1000 : null };
};

interface UnitCounts extends Counts {
  unitId: number | null;
  unitName: string;
}

const cellKey = (ruleId: string, cadreId: number) => `${ruleId}|${cadreId}`;

export class ScreenState {
  /** rule id → cadre id → the row its cell shows (made into a cell only when packed). */
  private readonly cells = new Map<string, Map<number, EvalRow>>();
  private readonly ruleCounts = new Map<string, Counts>();
  /** By unit id (null: no unit). */
  private readonly unitCounts = new Map<number | null, UnitCounts>();
  private readonly collective = new Map<string, EvalRow[]>();
  /** The cadres each rule leaves out (in the rules' order): never changed by an edit of records. */
  private readonly outside: OutsideRows[] = [];
  /** For each version reached by an update, the cells that changed to reach it (null: too many to say). */
  private readonly history: { version: string; keys: Set<string> | null; collective: boolean }[] = [];

  constructor(
    readonly key: string,
    public version: string,
    private readonly asOf: string,
    private readonly ruleIds: readonly string[],
    rows: Map<string, EvalRow[]>,
    outside: Map<string, OutsideRows>,
    cadres: EvaluationResult['cadres'],
  ) {
    const cadreById = new Map(cadres.map((c) => [c.id, c]));
    // Each cadre's unit counts, found once (not once per rule that leaves her out).
    const unitOf = new Map<number, UnitCounts>();
    for (const id of ruleIds) {
      const list = rows.get(id) ?? [];
      this.ruleCounts.set(id, zero());
      this.count(id, list, 1);
      // Each cadre's cell in one pass over the rule's rows, chosen as pickRow chooses (the first period running
      // on asOf, else the last one begun, else the first): no list of rows per cadre is made.
      const collective: EvalRow[] = [];
      const chosen = new Map<number, EvalRow>();
      for (let i = 0; i < list.length; i++) {
        const r = list[i]!;
        if (r.cadreId === null) {
          collective.push(r);
          continue;
        }
        const held = chosen.get(r.cadreId);
        if (held === undefined) chosen.set(r.cadreId, r);
        else if (held.period.start > asOf || asOf > held.period.end) {
          // Held: not running. A begun period replaces it (the last begun wins); a running one ends the choice.
          if (r.period.start <= asOf) chosen.set(r.cadreId, r);
        }
      }
      this.collective.set(id, collective);
      // The cadres the rule leaves out: their 不适用 cells go as a list (outsideLists), counted here as rows.
      const o = outside.get(id);
      if (o) {
        this.outside.push(o);
        this.ruleCounts.get(id)!['n/a'] += o.cadreIds.length;
        for (let i = 0; i < o.cadreIds.length; i++) {
          const cadreId = o.cadreIds[i]!;
          let u = unitOf.get(cadreId);
          if (!u) {
            const c = cadreById.get(cadreId);
            unitOf.set(cadreId, (u = c ? this.unit(c.unitId, c.unitName) : this.unit(null, '')));
          }
          u['n/a']++;
        }
      }
      this.cells.set(id, chosen);
    }
    // The version the screen was sent first is one a later `since` names: without it in the history, the
    // first edit after opening 统计考核 sent every cell again.
    this.history.push({ version, keys: new Set(), collective: false });
  }

  private unit(unitId: number | null, unitName: string): UnitCounts {
    let u = this.unitCounts.get(unitId);
    if (!u) this.unitCounts.set(unitId, (u = { ...zero(), unitId, unitName: unitName || '（未填单位）' }));
    return u;
  }

  private count(ruleId: string, rows: readonly EvalRow[], sign: 1 | -1): void {
    const rc = this.ruleCounts.get(ruleId)!;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      rc[r.status] += sign;
      this.unit(r.unitId, r.unitName)[r.status] += sign;
    }
  }

  /**
   * Applies what one evaluation changed (rows now = the evaluation's rows). Returns false when the change
   * cannot be followed cell by cell (a cell disappeared): the caller then rebuilds.
   */
  apply(version: string, delta: NonNullable<RowsDelta>, rows: Map<string, EvalRow[]>): boolean {
    const keys = new Set<string>();
    let collective = false;
    for (const [ruleId, { removed, added }] of delta) {
      const cells = this.cells.get(ruleId);
      if (!cells) return false;
      this.count(ruleId, removed, -1);
      this.count(ruleId, added, 1);
      const concerned = new Set<number>();
      let collectiveMoved = false;
      for (const r of removed)
        if (r.cadreId === null) collectiveMoved = true;
        else concerned.add(r.cadreId);
      const fresh = new Map<number, EvalRow[]>();
      for (const r of added) {
        if (r.cadreId === null) {
          collectiveMoved = true;
          continue;
        }
        concerned.add(r.cadreId);
        const l = fresh.get(r.cadreId);
        if (l) l.push(r);
        else fresh.set(r.cadreId, [r]);
      }
      if (collectiveMoved) collective = true;
      if (collectiveMoved)
        this.collective.set(
          ruleId,
          (rows.get(ruleId) ?? []).filter((r) => r.cadreId === null),
        );
      for (const c of concerned) {
        const l = fresh.get(c);
        if (!l) {
          // Every row of this cadre was taken out and none put back only if the rule stopped judging him.
          if (cells.has(c)) return false;
          continue;
        }
        const cell = pickRow(l, this.asOf);
        const before = cells.get(c);
        if (!before || !sameCell(before, cell)) {
          cells.set(c, cell);
          keys.add(cellKey(ruleId, c));
        }
      }
    }
    for (const [k, u] of this.unitCounts)
      if (u.met + u.missed + u.open + u.behind + u['n/a'] === 0) this.unitCounts.delete(k);
    this.version = version;
    this.history.push({ version, keys, collective });
    if (this.history.length > HISTORY) this.history.shift();
    return true;
  }

  /**
   * The cells changed since `since` (a version this state passed through), packed, or null when it cannot say.
   */
  changedSince(since: string | undefined): PackedCells | null {
    if (since === undefined) return null;
    if (since === this.version) return packCells([]);
    const at = this.history.findIndex((h) => h.version === since);
    if (at < 0) return null;
    const keys = new Set<string>();
    for (const h of this.history.slice(at + 1)) {
      if (!h.keys) return null;
      for (const k of h.keys) keys.add(k);
    }
    const out = new CellPacker();
    for (const k of keys) {
      const bar = k.indexOf('|');
      const row = this.cells.get(k.slice(0, bar))?.get(Number(k.slice(bar + 1)));
      if (!row) return null;
      addRow(out, row);
    }
    return out.done();
  }

  /**
   * Whether a collective or unit row may have changed since `since` (a version this state passed through, as
   * changedSince found it): they are sent again only then.
   */
  collectiveChangedSince(since: string): boolean {
    const at = this.history.findIndex((h) => h.version === since);
    return at < 0 || this.history.slice(at + 1).some((h) => h.collective || !h.keys);
  }

  /** Every cell, one object each (for tests; the screen sends `packAll`). */
  allCells(): MatrixCell[] {
    const out: MatrixCell[] = [];
    for (const id of this.ruleIds) for (const r of this.cells.get(id)!.values()) out.push(toCell(r));
    return out;
  }

  /**
   * Every cell, packed straight from the rows (no cell object), rule by rule, and the 不适用 cells of the cadres
   * each rule leaves out as lists.
   */
  packAll(): PackedCells {
    const out = new CellPacker();
    for (const id of this.ruleIds) for (const r of this.cells.get(id)!.values()) addRow(out, r);
    for (const o of this.outside) out.addOutside(o);
    return out.done();
  }

  /** The collective and unit rows shown (not 不适用), without their evidence. */
  collectiveRows(): ScreenRow[] {
    const out: ScreenRow[] = [];
    for (const id of this.ruleIds)
      for (const r of this.collective.get(id)!) {
        if (r.status === 'n/a') continue;
        const { evidence: _, ...shown } = r;
        out.push(shown);
        if (out.length >= COLLECTIVE_SHOWN) return out;
      }
    return out;
  }

  summaries(infos: readonly EvalRuleInfo[]): { totals: StatusCounts; byRule: RuleSummary[]; byUnit: UnitSummary[] } {
    const totals = zero();
    const byRule: RuleSummary[] = this.ruleIds.map((id, i) => {
      const c = this.ruleCounts.get(id)!;
      for (const s of ['met', 'missed', 'open', 'behind', 'n/a'] as const) totals[s] += c[s];
      const info = infos[i]!;
      return withRate({
        ...c,
        ruleId: info.id,
        ruleCode: info.code,
        clause: info.clause,
        clauseLabel: info.clauseLabel,
        title: info.title,
        description: info.description,
      });
    });
    const byUnit = [...this.unitCounts.values()]
      .map((u) => withRate({ ...u }))
      .sort((a, b) => (a.unitId ?? 0) - (b.unitId ?? 0));
    return { totals: withRate(totals), byRule, byUnit };
  }
}
