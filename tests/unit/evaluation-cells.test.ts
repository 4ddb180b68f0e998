// The 统计考核 matrix's cells: each cadre's cell is the period pickRow chooses (the first running on the as-of
// date, else the last begun, else the first) whatever the order and gaps of the periods — the screen chooses in
// one pass over a rule's rows; and the cells sent column by column come back exactly as they were.
import { describe, expect, it } from 'vitest';
import type { EvalRow, MatrixCell } from '../../shared/api/evaluation';
import { packCells, unpackCells } from '../../shared/api/evaluation-cells';
import { pickRow, ScreenState } from '../../electron/services/evaluation-screen';

const ASOF = '2026-07-15';

function row(cadreId: number | null, start: string, end: string, achieved: number): EvalRow {
  return {
    cadreId,
    cadreName: cadreId === null ? '本单位（集体）' : `干部${cadreId}`,
    unitId: cadreId === null ? null : 1 + (cadreId % 3),
    unitName: cadreId === null ? '本单位（集体）' : `单位${1 + (cadreId % 3)}`,
    ruleId: 7,
    ruleCode: '002-7',
    clause: '第七条',
    description: '每学期走访联系点',
    period: { kind: 'semester', label: `${start}—${end}`, start, end },
    required: 1,
    achieved,
    unit: '次',
    status: achieved >= 1 ? 'met' : start > ASOF ? 'n/a' : end < ASOF ? 'missed' : 'open',
    evidence: [],
    evidenceKind: 'records',
    notes: achieved > 1 ? [`多记${achieved - 1}次`] : [],
    missing: [],
    max: null,
    followUpId: null,
  };
}

const SPRING = ['2026-02-20', '2026-07-05'] as const; // ended before the as-of date (summer break)
const AUTUMN = ['2026-09-01', '2027-01-20'] as const; // not begun
const MONTH = ['2026-07-01', '2026-07-31'] as const; // running
const JUNE = ['2026-06-01', '2026-06-30'] as const; // ended

describe('the cells of the 统计考核 matrix', () => {
  // Per cadre, periods in an order and with gaps where each branch of the choice decides.
  const cases: [number, (readonly [string, string])[]][] = [
    [1, [SPRING, AUTUMN]], // none running: the last begun, not the later one not begun
    [2, [AUTUMN, SPRING]], // the same, the begun one last
    [3, [AUTUMN]], // nothing begun: the first
    [4, [AUTUMN, ['2027-02-20', '2027-07-05']]], // nothing begun, two: the first
    [5, [JUNE, MONTH, AUTUMN]], // one running among them
    [6, [MONTH, JUNE]], // running first, a begun one after it: still the running one
    [7, [JUNE, SPRING]], // two begun, none running: the last of them
    [8, [MONTH, ['2026-07-10', '2026-07-20']]], // two running: the first
  ];
  const rows: EvalRow[] = [row(null, ...SPRING, 0)];
  // Interleaved the way an edit leaves them (a cadre's fresh rows after the rows kept).
  for (let k = 0; k < 3; k++)
    for (const [cadre, periods] of cases) if (periods[k]) rows.push(row(cadre, ...periods[k]!, cadre % 3));

  it('each cadre shows the period pickRow chooses', () => {
    const state = new ScreenState('k', 'v', ASOF, ['7'], new Map([['7', rows]]), new Map(), []);
    const cells = new Map(state.allCells().map((c) => [c.cadreId, c]));
    expect(cells.size).toBe(cases.length);
    for (const [cadre] of cases) {
      const want = pickRow(
        rows.filter((r) => r.cadreId === cadre),
        ASOF,
      );
      expect(cells.get(cadre)?.period, `干部${cadre}`).toBe(want.period.label);
    }
    // What the choice gives in words: the cadres whose cell is decided by the gap of the summer break.
    expect(cells.get(1)!.period).toBe(`${SPRING[0]}—${SPRING[1]}`);
    expect(cells.get(2)!.period).toBe(`${SPRING[0]}—${SPRING[1]}`);
    expect(cells.get(3)!.period).toBe(`${AUTUMN[0]}—${AUTUMN[1]}`);
    expect(cells.get(6)!.period).toBe(`${MONTH[0]}—${MONTH[1]}`);
    expect(cells.get(7)!.period).toBe(`${SPRING[0]}—${SPRING[1]}`);
    expect(state.collectiveRows()).toHaveLength(1);
  });

  it('cells sent column by column come back exactly as they were', () => {
    const cells: MatrixCell[] = [
      {
        cadreId: 1,
        ruleId: 2,
        status: 'met',
        achieved: 2.5,
        required: 2,
        unit: '学时',
        period: '2026年3月',
        notes: [],
      },
      {
        cadreId: 2,
        ruleId: 2,
        status: 'missed',
        achieved: 0,
        required: 1,
        unit: '次',
        period: '2026年3月',
        notes: ['甲', '乙'],
      },
      {
        cadreId: 1,
        ruleId: 3,
        status: 'n/a',
        achieved: 0,
        required: 0,
        unit: '次',
        period: '2026年1月1日—2026年12月31日',
        notes: [],
      },
      { cadreId: 3, ruleId: 3, status: 'open', achieved: 1, required: 3, unit: '个', period: '次', notes: ['乙'] },
    ];
    const sent = JSON.parse(JSON.stringify(packCells(cells))) as ReturnType<typeof packCells>;
    expect(unpackCells(sent)).toEqual(cells);
    expect(unpackCells(packCells([]))).toEqual([]);
    // Each text once.
    expect(sent.texts.filter((t) => t === '次')).toHaveLength(1);
    // The cadres a rule leaves out go as a list and come back as their 不适用 cells, after the others.
    const period = {
      kind: 'calendarYear',
      label: '2026年1月1日—2026年12月31日',
      start: '2026-01-01',
      end: '2026-12-31',
    };
    const outside = [
      { ruleId: 3, period, unit: '次', cadreIds: [4, 9], at: [0, 2] },
      { ruleId: 5, period, unit: '个', cadreIds: [2], at: [1] },
    ];
    const both = JSON.parse(JSON.stringify(packCells(cells, outside))) as ReturnType<typeof packCells>;
    const left = (cadreId: number, ruleId: number, unit: string) => ({
      cadreId,
      ruleId,
      status: 'n/a',
      achieved: 0,
      required: 0,
      unit,
      period: period.label,
      notes: [],
    });
    expect(unpackCells(both)).toEqual([...cells, left(4, 3, '次'), left(9, 3, '次'), left(2, 5, '个')]);
    expect(both.texts.filter((t) => t === period.label)).toHaveLength(1);
  });

  it('what repeats from cell to cell goes as runs, and comes back cell for cell', () => {
    const cell = (cadreId: number, ruleId: number, required: number, notes: string[] = []): MatrixCell => ({
      cadreId,
      ruleId,
      status: required > 1 ? 'open' : 'met',
      achieved: cadreId % 3,
      required,
      unit: ruleId === 3 ? '个' : '次',
      period: '2026年3月',
      notes,
    });
    // Consecutive cadres, a step back, a gap; two rules; a note on the 2nd and 5th cell.
    const cells = [cell(5, 2, 1), cell(6, 2, 1, ['甲']), cell(7, 2, 2), cell(3, 2, 2), cell(10, 3, 2, ['乙', '甲'])];
    cells.push(cell(11, 3, 2));
    const p = JSON.parse(JSON.stringify(packCells(cells))) as ReturnType<typeof packCells>;
    // Runs of ids: from 0 to 5, three ids (5, 6, 7); back 4 to 3, one id; on 7 to 10, two ids (10, 11).
    expect(p.cadreIds).toEqual([5, 3, -4, 1, 7, 2]);
    expect(p.ruleIds).toEqual([2, 4, 3, 2]);
    expect(p.required).toEqual([1, 2, 2, 4]);
    expect(p.unit).toHaveLength(4);
    expect(p.period).toHaveLength(2);
    expect(p.noted).toEqual([1, 3]);
    expect(unpackCells(p)).toEqual(cells);
    // Runs that do not add up to the cells are refused, not read as other cells.
    expect(() => unpackCells({ ...p, required: [1, 2] })).toThrow('统计考核的单元格数据不完整');
    expect(() => unpackCells({ ...p, cadreIds: [5, 3] })).toThrow('统计考核的单元格数据不完整');
    expect(() => unpackCells({ ...p, noted: [1, 30] })).toThrow('统计考核的单元格数据不完整');
  });
});
