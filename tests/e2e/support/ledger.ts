// The ledger the grid specs (sheet, paste-undo) start from: the real backend on a fresh file with one
// college, the activity type 座谈 and three cadres, and the helpers those specs share — a contract call
// that must succeed, a query of the file itself, the main navigation and a drawn grid cell.
import { test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from './host';

export interface Ledger {
  /** The host, once the spec's beforeAll has started it. */
  t: TestHost;
  ok: <T = unknown>(method: string, input: unknown) => Promise<T>;
  sql: <T = unknown>(q: string) => T[];
}

export interface College {
  unitId: number;
  typeId: number;
  /** The cadres' ids, in the order given. */
  cadreIds: number[];
}

/**
 * Starts a ledger for the spec's tests (serial, one host) and seeds it: unit `unit` (category 学院), type
 * 座谈, the cadres [name, title]; `more` adds the spec's own rows.
 */
export function gridLedger(
  unit: string,
  cadres: readonly (readonly [string, string])[],
  more: (l: Ledger, college: College) => Promise<void>,
): Ledger {
  const l = {
    ok: async <T = unknown>(method: string, input: unknown): Promise<T> => {
      const r = await l.t.backend.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as T;
    },
    sql: <T = unknown>(q: string) => l.t.backend.db.sqlite.prepare(q).all() as T[],
  } as Ledger;
  test.beforeAll(async () => {
    l.t = await startTestHost();
    // Unit categories are a controlled list: 学院 is listed before the unit uses it.
    await l.ok('vocabulary.add', { list: 'unitCategories', name: '学院' });
    const unitId = (await l.ok<{ id: number }>('units.create', { name: unit, category: '学院' })).id;
    const typeId = (await l.ok<{ id: number }>('vocabulary.addActivityType', { name: '座谈' })).id;
    const cadreIds: number[] = [];
    for (const [name, title] of cadres)
      cadreIds.push((await l.ok<{ id: number }>('cadres.create', { name, title, unitId })).id);
    await more(l, { unitId, typeId, cadreIds });
  });
  test.afterAll(async () => l.t?.stop());
  test.describe.configure({ mode: 'serial' });
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
  return l;
}

export const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name });

/** A cell as drawn (a pinned column is drawn twice by the grid: the visible one). */
export const cell = (page: Page, grid: string, row: number, col: string) =>
  page
    .getByTestId(grid)
    .locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`)
    .filter({ visible: true })
    .first();
