// The 统计考核 screen (evaluation.screen / evaluation.cell) on the demo university (preset 002): its cells are
// the rows evaluation.run gives, picked the way the screen shows them; after edits, the cells changed since the
// version the screen held, merged into what it held, equal what a freshly opened ledger shows — cell for cell,
// with the same summaries. The page's hold of the answers (holdScreen: a cadre × rule table of numbers, the
// 不适用 cells of the cadres a rule leaves out filled from their lists) shows those cells, cell for cell.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { pickRow } from '../../electron/services/evaluation-screen';
import type { EvalRow, EvaluationResult, EvaluationScreen, MatrixCell, ScreenRow } from '../../shared/api/evaluation';
import { unpackCells } from '../../shared/api/evaluation-cells';
import { cellAt, figureAt, holdScreen, statusAt, type HeldScreen } from '../../shared/api/evaluation-matrix';
import { expandRows } from '../../shared/api/evaluation-outside';
import { tempDbPath, tempDir } from '../support/tmp';

const YEAR = 2026;
const NOW = () => new Date(`${YEAR}-06-30T08:00:00Z`);
const input = { selection: { year: YEAR }, asOf: `${YEAR}-06-30` };
const dir = tempDir();
const path = tempDbPath(dir);
let b: Backend;

async function ok<T>(method: string, body: unknown, on: Backend = b): Promise<T> {
  const r = await on.dispatch(method, body);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
  return r.value as T;
}

/** The screen as the page reads it: its cells come column by column and are unpacked as the page unpacks them. */
type Screen = Omit<EvaluationScreen, 'cells'> & { cells: MatrixCell[]; sent: EvaluationScreen };
async function screenOf(body: unknown, on: Backend = b): Promise<Screen> {
  const sent = await ok<EvaluationScreen>('evaluation.screen', body, on);
  return { ...sent, cells: unpackCells(sent.cells), sent };
}

const keyOf = (c: MatrixCell) => `${c.ruleId}|${c.cadreId}`;
const asMap = (cells: MatrixCell[]) => new Map(cells.map((c) => [keyOf(c), c]));

/**
 * The page's table holds exactly `cells`: each cadre × rule reads back as its cell (none where there is none),
 * the figure shown and the status colouring agree, and each rule's column counts its cells.
 */
function expectPageHolds(page: HeldScreen, cells: Map<string, MatrixCell>): void {
  const m = page.matrix;
  const got = new Map<string, MatrixCell>();
  const perRule = new Map<number, number>();
  for (const c of cells.values()) perRule.set(c.ruleId, (perRule.get(c.ruleId) ?? 0) + 1);
  page.screen.rules.forEach((rule, col) => {
    expect(m.cells[col], `${rule.code}: cells in its column`).toBe(perRule.get(rule.id) ?? 0);
    for (const row of page.rows) {
      const c = cellAt(m, row.at, col);
      expect(statusAt(m, row.at, col)).toBe(c?.status);
      expect(figureAt(m, row.at, col)).toBe(!c || c.status === 'n/a' ? '' : `${c.achieved}/${c.required}`);
      if (c) got.set(keyOf(c), c);
    }
  });
  expect(got.size).toBe(cells.size);
  for (const [k, c] of cells) expect(got.get(k), k).toEqual(c);
}

/** What a ledger opened afresh on a copy of the file shows (nothing cached). */
async function fresh(): Promise<Screen> {
  const copy = join(dir, `copy-${Math.random().toString(36).slice(2)}.sqlite`);
  await b.db.sqlite.backup(copy);
  const other = await openBackend(copy, { now: NOW });
  try {
    return await screenOf(input, other);
  } finally {
    other.close();
    rmSync(copy, { force: true });
  }
}

beforeAll(async () => {
  b = await openBackend(path, { now: NOW });
  await ok('demo.generate', { year: YEAR, seed: 3 });
});
afterAll(() => b?.close());

describe('evaluation.screen', () => {
  let held: Map<string, MatrixCell>;
  /** What the page holds (holdScreen), answer after answer. */
  let page: HeldScreen;
  let version: string;
  /** The collective rows the screen holds: a partial answer leaves them out when none changed. */
  let heldCollective: ScreenRow[];

  it('sends one cell per cadre × rule: the row of the period running on the as-of date, as evaluation.run has it', async () => {
    const run = await ok<EvaluationResult>('evaluation.run', input);
    const screen = await screenOf(input);
    expect(screen.partial).toBe(false);
    const groups = new Map<string, EvalRow[]>();
    // Every row: those of the cadres a rule leaves out (listed apart) have their 不适用 cells too.
    expect(run.outside.length).toBeGreaterThan(0);
    for (const r of expandRows(run)) {
      if (r.cadreId === null) continue;
      const k = `${r.ruleId}|${r.cadreId}`;
      const l = groups.get(k);
      if (l) l.push(r);
      else groups.set(k, [r]);
    }
    expect(groups.size).toBeGreaterThan(100);
    const cells = asMap(screen.cells);
    expect(cells.size).toBe(groups.size);
    for (const [k, rows] of groups) {
      const r = pickRow(rows, input.asOf);
      expect(cells.get(k)).toEqual({
        cadreId: r.cadreId,
        ruleId: r.ruleId,
        status: r.status,
        achieved: r.achieved,
        required: r.required,
        unit: r.unit,
        period: r.period.label,
        notes: r.notes,
      });
    }
    // Every status occurs, so the comparison above is not of empty cells.
    for (const s of ['met', 'missed', 'n/a'] as const) expect(screen.cells.some((c) => c.status === s)).toBe(true);
    expect(screen.totals).toEqual(run.totals);
    expect(screen.byRule).toEqual(run.byRule);
    expect(screen.byUnit).toEqual(run.byUnit);
    // The collective and unit rows shown: those of the run, without their evidence (their why lists it).
    const shown = run.rows.filter((r) => r.cadreId === null && r.status !== 'n/a').slice(0, 300);
    expect(shown.some((r) => r.evidence.length > 0)).toBe(true);
    expect(screen.collective).toEqual(shown.map(({ evidence: _, ...r }) => r));
    // Far fewer bytes than every row of the year.
    expect(JSON.stringify(screen.sent).length).toBeLessThan(JSON.stringify(run).length / 2);
    held = cells;
    version = screen.version;
    // The page holds the same cells, the 不适用 ones of the cadres left out among them.
    page = holdScreen(JSON.parse(JSON.stringify(screen.sent)) as EvaluationScreen, null);
    expect(page.rows.map((r) => r.cadreId)).toEqual(screen.cadres!.map((c) => c.id));
    expectPageHolds(page, held);
    const o = run.outside[0]!;
    const leftOut = cellAt(page.matrix, page.matrix.rowOf.get(o.cadreIds[0]!)!, page.matrix.colOf.get(o.ruleId)!);
    expect(leftOut).toEqual({
      cadreId: o.cadreIds[0],
      ruleId: o.ruleId,
      status: 'n/a',
      achieved: 0,
      required: 0,
      unit: o.unit,
      period: o.period.label,
      notes: [],
    });
    expect(screen.cadres!.length).toBeGreaterThan(10);
    heldCollective = screen.collective!;
  });

  it('a cell opens to every period of its cadre × rule with the evidence', async () => {
    const cell = [...held.values()].find((c) => c.status === 'met' && c.unit === '次')!;
    const rows = await ok<EvalRow[]>('evaluation.cell', { ...input, cadreId: cell.cadreId, ruleId: cell.ruleId });
    const run = await ok<EvaluationResult>('evaluation.run', input);
    expect(rows).toEqual(run.rows.filter((r) => r.cadreId === cell.cadreId && r.ruleId === cell.ruleId));
    expect(rows.some((r) => r.evidence.length > 0)).toBe(true);
    // A cell of a cadre the rule leaves out opens to his one 不适用 row, as every row of the run has it.
    const o = run.outside[0]!;
    const left = await ok<EvalRow[]>('evaluation.cell', { ...input, cadreId: o.cadreIds[0], ruleId: o.ruleId });
    expect(left).toEqual(expandRows(run).filter((r) => r.cadreId === o.cadreIds[0] && r.ruleId === o.ruleId));
    expect(left).toMatchObject([{ status: 'n/a', period: o.period }]);
  });

  it('nothing changed: no cells are sent again', async () => {
    const again = await screenOf({ ...input, since: version });
    expect(again.partial).toBe(true);
    expect(again.cells).toEqual([]);
    expect(again.version).toBe(version);
  });

  it('the first edit after the screen was opened is sent as the cells it changed, not every cell', async () => {
    // A copy of a record counted in a cell shown (the period running on the as-of date), as a new record: never
    // the source of a 督办事项 (an edit of one reloads everything, on purpose), and it moves that cell's figure.
    const run = await ok<EvaluationResult>('evaluation.run', input);
    const counted = run.rows.find(
      (r) =>
        r.cadreId !== null &&
        r.evidenceKind === 'records' &&
        r.unit === '次' &&
        r.evidence.length > 0 &&
        r.max === null &&
        r.period.start <= input.asOf &&
        input.asOf <= r.period.end,
    )!;
    const src = await ok<{
      date: string;
      activityTypeId: number;
      cadreIds: number[];
      objectIds: number[];
      place: string;
      content: string;
    }>('records.get', { id: counted.evidence[0] });
    await ok('records.create', {
      date: src.date,
      activityTypeId: src.activityTypeId,
      cadreIds: src.cadreIds,
      objectIds: src.objectIds,
      place: src.place,
      content: `${src.content}（又一次）`,
    });
    const got = await screenOf({ ...input, since: version });
    expect(got.partial).toBe(true);
    expect(got.version).not.toBe(version);
    expect(got.cells.length).toBeLessThan(held.size / 4);
    expect(got.cells.find((c) => keyOf(c) === `${counted.ruleId}|${counted.cadreId}`)?.achieved).toBe(
      counted.achieved + 1,
    );
    for (const c of got.cells) held.set(keyOf(c), c);
    version = got.version;
    page = holdScreen(got.sent, page);
    expectPageHolds(page, held);
    const want = await fresh();
    for (const c of want.cells) expect(held.get(keyOf(c)), keyOf(c)).toEqual(c);
  });

  it('after each edit, the changed cells merged into what the screen held equal a freshly opened ledger', async () => {
    const records = await ok<{ rows: { id: number; date: string; cadreIds: number[] }[] }>('records.page', {
      offset: 0,
      limit: 200,
      sort: [{ field: 'date', dir: 'desc' }],
    });
    const cadres = await ok<{ id: number }[]>('cadres.list', {});
    const types = (await ok<{ activityTypes: { id: number }[] }>('vocabulary.get', {})).activityTypes;
    let rand = 11;
    const next = (n: number) => (rand = (rand * 1103515245 + 12345) % 2 ** 31) % n;
    const edits: (() => Promise<unknown>)[] = [
      () =>
        ok('records.update', {
          id: records.rows[next(records.rows.length)]!.id,
          patch: { date: `${YEAR}-03-0${1 + next(9)}` },
        }),
      () =>
        ok('records.update', {
          id: records.rows[next(records.rows.length)]!.id,
          patch: { activityTypeId: types[next(types.length)]!.id },
        }),
      () =>
        ok('records.create', {
          date: `${YEAR}-0${1 + next(6)}-1${next(10)}`,
          activityTypeId: types[next(types.length)]!.id,
          cadreIds: [cadres[next(cadres.length)]!.id, cadres[next(cadres.length)]!.id].filter(
            (x, i, a) => a.indexOf(x) === i,
          ),
          place: '会议室',
          content: '座谈',
        }),
      () => ok('records.delete', { id: records.rows.splice(next(records.rows.length), 1)[0]!.id }),
      () =>
        ok('records.update', {
          id: records.rows[next(records.rows.length)]!.id,
          patch: { cadreIds: [cadres[next(cadres.length)]!.id] },
        }),
    ];
    let partials = 0;
    for (let step = 0; step < 6; step++) {
      await edits[step % edits.length]!();
      const got = await screenOf({ ...input, since: version });
      if (got.partial) {
        partials++;
        // The roster did not change: a partial answer does not send the cadres again.
        expect(got.cadres).toBeNull();
        expect(got.cells.length).toBeLessThan(held.size / 4);
        for (const c of got.cells) held.set(keyOf(c), c);
      } else held = asMap(got.cells);
      version = got.version;
      page = holdScreen(got.sent, page);
      const want = await fresh();
      expect(held.size).toBe(want.cells.length);
      for (const c of want.cells) expect(held.get(keyOf(c)), `step ${step}: ${keyOf(c)}`).toEqual(c);
      expectPageHolds(page, asMap(want.cells));
      expect(got.totals).toEqual(want.totals);
      expect(got.byRule).toEqual(want.byRule);
      expect(got.byUnit.map(({ unitName: _, ...u }) => u)).toEqual(want.byUnit.map(({ unitName: _, ...u }) => u));
      if (got.collective) heldCollective = got.collective;
      else expect(got.partial).toBe(true);
      expect(new Set(heldCollective.map((r) => JSON.stringify(r)))).toEqual(
        new Set(want.collective!.map((r) => JSON.stringify(r))),
      );
    }
    // Record edits are followed cell by cell, not by sending everything again (an edit of a record a 督办事项
    // came from reloads everything: the item's kind follows the record's type).
    expect(partials).toBeGreaterThanOrEqual(3);
  }, 240_000);

  it('a screen holding a version from elsewhere (another run of the program) gets everything', async () => {
    const got = await screenOf({ ...input, since: 'x.1' });
    expect(got.partial).toBe(false);
    expect(got.cells.length).toBe(held.size);
  });
});
