// The 统计考核 matrix as the page holds it (holdScreen / holdCells): a cadre × rule table of numbers filled from
// the packed cells and the lists of the cadres each rule leaves out. Each cadre × rule reads back as the cell
// sent (a 不适用 cell from the list, with its rule's unit and period), each rule's column counts its cells, and
// a partial answer replaces exactly the cells it sends — in a copy, the table held before staying as it was.
import { describe, expect, it } from 'vitest';
import type { EvaluationScreen, EvalRuleInfo, MatrixCell, OutsideRows } from '../../shared/api/evaluation';
import { packCells, unpackCells } from '../../shared/api/evaluation-cells';
import { cellAt, figureAt, holdScreen, statusAt, type HeldScreen } from '../../shared/api/evaluation-matrix';

const cadres = [1, 2, 3, 4].map((id) => ({ id, name: `干部${id}`, unitName: `单位${id % 2}` }));
const rules = [10, 20, 30].map((id) => ({ id, code: `002-${id}` }) as EvalRuleInfo);
const YEAR = { kind: 'calendarYear', label: '2026年', start: '2026-01-01', end: '2026-12-31' };

function screen(cells: MatrixCell[], outside: OutsideRows[], partial = false): EvaluationScreen {
  // Through JSON, as the page gets it.
  return JSON.parse(
    JSON.stringify({
      asOf: '2026-03-15',
      range: { from: '2026-01-01', to: '2026-12-31' },
      rulesYear: 2026,
      rulesNote: null,
      rules,
      cadres: partial ? null : cadres,
      version: partial ? 'v2' : 'v1',
      partial,
      cells: packCells(cells, outside),
      collective: partial ? null : [],
      byUnit: [],
      byRule: [],
      totals: { met: 0, missed: 0, open: 0, behind: 0, 'n/a': 0, rate: null },
      timing: { load: 0, evaluate: 0 },
    }),
  ) as EvaluationScreen;
}

const c = (cadreId: number, ruleId: number, status: MatrixCell['status'], achieved: number, notes: string[] = []) => ({
  cadreId,
  ruleId,
  status,
  achieved,
  required: 2,
  unit: '次',
  period: '2026年3月',
  notes,
});

/** Every cell the page's table holds, by `ruleId|cadreId`. */
function held(h: HeldScreen): Map<string, MatrixCell> {
  const out = new Map<string, MatrixCell>();
  h.screen.rules.forEach((_, col) => {
    for (const r of h.rows) {
      const cell = cellAt(h.matrix, r.at, col);
      expect(statusAt(h.matrix, r.at, col)).toBe(cell?.status);
      if (cell) out.set(`${cell.ruleId}|${cell.cadreId}`, cell);
    }
  });
  return out;
}
const byKey = (cells: MatrixCell[]) => new Map(cells.map((x) => [`${x.ruleId}|${x.cadreId}`, x]));

describe('the matrix the 统计考核 page holds', () => {
  const cells = [c(1, 10, 'met', 2, ['多记1次']), c(2, 10, 'missed', 1), c(3, 20, 'behind', 0)];
  // Rule 20 leaves out cadres 1, 2 and 4 (个, the year); rule 30 judges nobody one by one.
  const outside = [{ ruleId: 20, period: YEAR, unit: '个', cadreIds: [1, 2, 4], at: [0, 0, 1] }];
  const first = holdScreen(screen(cells, outside), null);

  it('each cadre × rule reads back as the cell sent, the 不适用 ones from the list', () => {
    expect(held(first)).toEqual(byKey(unpackCells(packCells(cells, outside))));
    const row = (id: number) => first.matrix.rowOf.get(id)!;
    expect(cellAt(first.matrix, row(4), 1)).toEqual({
      cadreId: 4,
      ruleId: 20,
      status: 'n/a',
      achieved: 0,
      required: 0,
      unit: '个',
      period: '2026年',
      notes: [],
    });
    // Nothing where no cell was sent: cadre 3 under rule 10, anybody under rule 30.
    expect(cellAt(first.matrix, row(3), 0)).toBeUndefined();
    expect(statusAt(first.matrix, row(1), 2)).toBeUndefined();
    // What the grid shows: the figure, none for 不适用.
    expect(figureAt(first.matrix, row(1), 0)).toBe('2/2');
    expect(figureAt(first.matrix, row(4), 1)).toBe('');
    expect(figureAt(first.matrix, row(3), 2)).toBe('');
    // How many cells each rule's column has (a rule with none has no column).
    expect([...first.matrix.cells]).toEqual([2, 4, 0]);
    expect(first.rows.map((r) => [r.cadreId, r.name, r.unit, r.at])).toEqual([
      [1, '干部1', '单位1', 0],
      [2, '干部2', '单位0', 1],
      [3, '干部3', '单位1', 2],
      [4, '干部4', '单位0', 3],
    ]);
  });

  it('a partial answer replaces the cells it sends, in a copy of the table held', () => {
    const changed = [c(1, 10, 'met', 3), c(2, 10, 'met', 2, ['新的说明']), c(4, 10, 'open', 0), c(9, 10, 'met', 1)];
    const next = holdScreen(screen(changed, [], true), first);
    // Cadre 9 is not on the screen: no row, left out.
    const want = byKey(unpackCells(packCells(cells, outside)));
    for (const x of changed.slice(0, 3)) want.set(`${x.ruleId}|${x.cadreId}`, x);
    expect(held(next)).toEqual(want);
    expect([...next.matrix.cells]).toEqual([3, 4, 0]);
    expect(next.screen.cadres).toEqual(cadres);
    expect(next.screen.collective).toEqual([]);
    // The table held before is untouched (the page may still be showing it).
    expect(held(first)).toEqual(byKey(unpackCells(packCells(cells, outside))));
    // A partial answer with nothing held to merge into holds only what it sent: no cadres, no cells.
    expect(holdScreen(screen(changed, [], true), null).rows).toEqual([]);
  });
});
