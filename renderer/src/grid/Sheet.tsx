// What makes an AG Grid (Community, which has no range selection, clipboard or fill) behave like the
// spreadsheets the secretaries live in: a range of cells selected by mouse drag, Shift+click, Shift+arrows
// and Ctrl+A; copy as tab-separated text and as an HTML table (WPS keeps the table); paste that adds rows
// unless overwriting is chosen, an overwrite shown before it is saved; fill down (Ctrl+D, the fill
// handle); Delete to clear; Ctrl+Z to undo the ledger's newest change; typing — Chinese through an input
// method too — straight into a selected cell; a status bar with the row count and the sum of numbers.
//
// Typing: while a cell is selected, the keyboard focus rests in a hidden text box laid over the cell (as
// spreadsheets do). A typed letter, or the word an input method composes in that box, opens the cell's
// editor with exactly that text — the grid's own start of editing would lose the first keystroke of a
// composition (reported upstream for pinyin and Korean input).
import type {
  CellClassParams,
  CellEditingStoppedEvent,
  CellFocusedEvent,
  ColDef,
  Column,
  GridApi,
} from 'ag-grid-community';
import type { AgGridReact, AgGridReactProps } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Reference, SavedChange } from '../../../shared/api/changes';
import { parseClipboard, toHtmlTable, toTsv } from '../../../shared/format/tsv';
import { api as ledgerApi } from '../api';
import { useNotice, type NoticeAction } from '../components/Notice';
import { startWith, typedMeanwhile, withTypedEditor } from './editor';
import { FindBar, useFindBar } from './FindBar';
import { matches, nextMatch, replaceIn, type Match } from './find';
import { undo, undoAction, useLedgerChanged } from './history';
import { LedgerGrid } from './LedgerGrid';
import { displayText, isEditable, parseRows, type RowPlan, type SheetDraft } from './paste';
import {
  bounds,
  contains,
  extend,
  fillPlan,
  height,
  isSingle,
  single,
  step,
  width,
  all,
  type Bounds,
  type Range,
} from './range';

export interface SheetSource<T> {
  /** data-testid of the grid's box. */
  id: string;
  /** What one row is, for messages: 干部, 联系记录; with its measure word (行 unless given: 条). */
  noun: string;
  measure?: string;
  /** The table the rows live in, to count what refers to a row before it is overwritten. */
  table: string;
  /** The rows shown at indexes [start, end); a paged grid fetches those it has not loaded. */
  rowsAt: (start: number, end: number) => Promise<(T | undefined)[]>;
  /** How many rows there are in all (a paged grid: the total under its filters). */
  total: () => number;
  /** A row's name for messages and previews: 张三, 2026-03-05 座谈. */
  describe: (row: T) => string;
  /** The saved id of a row; undefined for a row not saved yet. */
  idOf: (row: T) => number | undefined;
  /** An empty new row, for pasted rows. */
  blank: () => T;
  /** Saves the rows as one change; throws the backend's refusal. */
  commit: (drafts: SheetDraft<T>[], label: string) => Promise<SavedChange | null>;
  /** Where the columns' parsers put their messages while text is parsed (see EntityGrid). */
  collect: { errors: string[] | null };
  /** The page's own keys (Shift+Delete …), tried first; true when handled. */
  onKey?: (e: React.KeyboardEvent) => boolean;
  /**
   * A paged grid whose page filters it too (台账: the year, the 领导干部 box, column filters in SQL): how
   * many rows there are under the filters now, whether any filter is on, every row with none, and how to
   * lift them all (resolved once the page shows every row). A grid without it has only its column filters.
   */
  paged?: {
    count: () => Promise<number>;
    filtered: () => boolean;
    unfiltered: () => Promise<(T | undefined)[]>;
    showAll: () => Promise<void>;
  };
}

/** What a page may ask the sheet: the selected rows and columns (the active cell's, at least). */
export interface SheetHandle {
  selection: () => Bounds | null;
}

type Props<T> = AgGridReactProps<T> & {
  source: SheetSource<T>;
  gridRef: RefObject<AgGridReact<T> | null>;
  handle?: RefObject<SheetHandle | null>;
  /** Put after the status bar's figures (e.g. a hint). */
  children?: React.ReactNode;
};

interface Overwrite<T> {
  drafts: SheetDraft<T>[];
  references: Map<number, Reference[]>;
  added: number;
  label: string;
  /** A replace's own heading and button (an overwrite's otherwise). */
  title?: string;
  confirm?: string;
}

const COPY_LIMIT = 10_000;
/** Find reads every row; a ledger longer than this is searched through the page's own filters. */
const FIND_LIMIT = 50_000;
const err = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function Sheet<T extends object>({
  source,
  gridRef,
  handle: sheetHandle,
  children,
  columnDefs,
  ...gridProps
}: Props<T>) {
  const notify = useNotice();
  const box = useRef<HTMLDivElement>(null);
  const ime = useRef<HTMLTextAreaElement>(null);
  const handle = useRef<HTMLDivElement>(null);
  const range = useRef<Range | null>(null);
  /** The cells the find bar's text was found in (reading order), for 下一个 and the highlight. */
  const found = useRef<{
    query: string;
    cells: Match[];
    keys: Set<string>;
    rows: (T | undefined)[];
    /** Matches in rows the filters hide (the page's and the columns'). */
    outside: number;
  } | null>(null);
  const fillTo = useRef<number | null>(null);
  const mouse = useRef({ selecting: false, filling: false });
  const withHeader = useRef(false);
  const overwriteNext = useRef(false);
  const [tick, setTick] = useState(0);
  const [composing, setComposing] = useState(false);
  const [overwrite, setOverwrite] = useState<Overwrite<T> | null>(null);
  const sourceRef = useRef(source);
  sourceRef.current = source;
  if (sheetHandle) sheetHandle.current = { selection: () => (range.current ? bounds(range.current) : null) };

  const gridApi = useCallback(() => gridRef.current?.api as GridApi<T> | undefined, [gridRef]);
  const columns = useCallback((): Column[] => gridApi()?.getAllDisplayedColumns() ?? [], [gridApi]);
  const colIndex = useRef(new Map<string, number>());
  const shownColumns = useRef('');
  const rowCount = () => gridApi()?.getDisplayedRowCount() ?? 0;
  const editing = () => (gridApi()?.getEditingCells().length ?? 0) > 0;

  // ——— Drawing the range: class rules read the range; a refresh re-applies them to the rendered cells ———
  const paint = useCallback(() => {
    const a = gridApi();
    if (!a) return;
    colIndex.current = new Map(a.getAllDisplayedColumns().map((c, i) => [c.getColId(), i]));
    a.refreshCells({ suppressFlash: true });
    placeOverlays();
    setTick((t) => t + 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gridApi]);

  const decorated = useMemo(() => {
    const where = (p: CellClassParams<T>) => {
      const r = range.current;
      const row = p.node?.rowIndex;
      const col = colIndex.current.get(p.column.getColId());
      if (!r || row === null || row === undefined || col === undefined) return null;
      return { b: bounds(r), row, col, many: !isSingle(r) };
    };
    const rules = {
      'sheet-range': (p: CellClassParams<T>) => {
        const w = where(p);
        return !!w && w.many && contains(w.b, w.row, w.col);
      },
      'sheet-top': (p: CellClassParams<T>) => {
        const w = where(p);
        return !!w && w.many && contains(w.b, w.row, w.col) && w.row === w.b.top;
      },
      'sheet-bottom': (p: CellClassParams<T>) => {
        const w = where(p);
        return !!w && w.many && contains(w.b, w.row, w.col) && w.row === w.b.bottom;
      },
      'sheet-left': (p: CellClassParams<T>) => {
        const w = where(p);
        return !!w && w.many && contains(w.b, w.row, w.col) && w.col === w.b.left;
      },
      'sheet-right': (p: CellClassParams<T>) => {
        const w = where(p);
        return !!w && w.many && contains(w.b, w.row, w.col) && w.col === w.b.right;
      },
      'sheet-found': (p: CellClassParams<T>) => {
        const row = p.node?.rowIndex;
        const col = colIndex.current.get(p.column.getColId());
        return row !== null && row !== undefined && col !== undefined && !!found.current?.keys.has(`${row}:${col}`);
      },
      'sheet-fill': (p: CellClassParams<T>) => {
        const w = where(p);
        const to = fillTo.current;
        return !!w && to !== null && w.row > w.b.bottom && w.row <= to && w.col >= w.b.left && w.col <= w.b.right;
      },
    };
    return (columnDefs ?? []).map((d) => {
      const def = d as ColDef<T>;
      return withTypedEditor<T>({ ...def, cellClassRules: { ...(def.cellClassRules ?? {}), ...rules } });
    });
  }, [columnDefs]);

  const cellElement = (row: number, colId: string): HTMLElement | null =>
    box.current?.querySelector<HTMLElement>(`.ag-row[row-index="${row}"] .ag-cell[col-id="${CSS.escape(colId)}"]`) ??
    null;

  /** The hidden text box sits on the active cell (the input method's window opens there); the fill handle on the range's corner. */
  const placeOverlays = () => {
    const a = gridApi();
    const host = box.current?.getBoundingClientRect();
    if (!a || !host) return;
    const f = a.getFocusedCell();
    const el = f && f.rowIndex !== null ? cellElement(f.rowIndex, f.column.getColId()) : null;
    if (ime.current) {
      const r = el?.getBoundingClientRect();
      Object.assign(
        ime.current.style,
        r
          ? {
              left: `${r.left - host.left}px`,
              top: `${r.top - host.top}px`,
              width: `${r.width}px`,
              height: `${r.height}px`,
            }
          : { left: '0px', top: '0px' },
      );
    }
    const rg = range.current;
    const cols = a.getAllDisplayedColumns();
    const corner = rg ? cellElement(bounds(rg).bottom, cols[bounds(rg).right]?.getColId() ?? '') : null;
    if (handle.current) {
      const r = corner?.getBoundingClientRect();
      handle.current.style.display = r && !editing() ? 'block' : 'none';
      if (r) {
        handle.current.style.left = `${r.right - host.left - 4}px`;
        handle.current.style.top = `${r.bottom - host.top - 4}px`;
      }
    }
  };

  /** Focus back in the hidden text box, unless an editor or a dialog has it. */
  const park = useCallback(() => {
    if (editing() || overwriteOpen.current) return;
    placeOverlays();
    // The find bar keeps the keyboard while it is used (a match found moves the active cell).
    if (findBox.current?.contains(document.activeElement)) return;
    ime.current?.focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const overwriteOpen = useRef(false);
  const findBox = useRef<HTMLDivElement>(null);
  overwriteOpen.current = overwrite !== null;

  const focusCell = (row: number, col: number) => {
    const a = gridApi();
    const column = columns()[col];
    if (!a || !column) return;
    a.ensureIndexVisible(row);
    a.ensureColumnVisible(column);
    a.setFocusedCell(row, column);
  };

  const setRange = (r: Range) => {
    range.current = r;
    paint();
  };

  // ——— Grid events ———
  const onCellFocused = (e: CellFocusedEvent<T>) => {
    gridProps.onCellFocused?.(e);
    if (e.rowIndex === null || e.rowIndex === undefined || !e.column || typeof e.column === 'string') return;
    range.current = single({ row: e.rowIndex, col: columns().indexOf(e.column as Column) });
    paint();
    park();
    setTimeout(park, 0);
  };

  const onCellEditingStopped = (e: CellEditingStoppedEvent<T>) => {
    gridProps.onCellEditingStopped?.(e);
    found.current = null;
    setTimeout(park, 0);
  };

  /**
   * Capture phase of the pointer press (the grid itself listens to pointerdown): before the grid moves its
   * focus, so that a Shift+click keeps the active cell and only stretches the range.
   */
  const onPointerDownCapture = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    const cell = (e.target as HTMLElement).closest<HTMLElement>('.ag-cell');
    const rowEl = cell?.closest<HTMLElement>('.ag-row');
    const a = gridApi();
    if (!cell || !rowEl || !a) return;
    const row = Number(rowEl.getAttribute('row-index'));
    const col = columns().findIndex((c) => c.getColId() === cell.getAttribute('col-id'));
    if (!Number.isInteger(row) || col < 0) return;
    if (e.shiftKey && range.current && !editing()) {
      // The range reaches the clicked cell; the grid never sees the click, so the active cell stays.
      e.preventDefault();
      e.stopPropagation();
      setRange({ anchor: range.current.anchor, end: { row, col } });
      park();
      return;
    }
    mouse.current.selecting = true;
    setRange(single({ row, col }));
  };

  const cellAt = (x: number, y: number): { row: number; col: number } | null => {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('.ag-cell');
    const rowEl = el?.closest<HTMLElement>('.ag-row');
    if (!el || !rowEl || !box.current?.contains(el)) return null;
    const row = Number(rowEl.getAttribute('row-index'));
    const col = columns().findIndex((c) => c.getColId() === el.getAttribute('col-id'));
    return Number.isInteger(row) && col >= 0 ? { row, col } : null;
  };

  useEffect(() => {
    const move = (e: MouseEvent) => {
      const m = mouse.current;
      if (!m.selecting && !m.filling) return;
      if (!(e.buttons & 1)) return up();
      const at = cellAt(e.clientX, e.clientY);
      if (!at || !range.current) return;
      if (m.selecting) {
        const { end } = range.current;
        if (end.row !== at.row || end.col !== at.col) setRange({ anchor: range.current.anchor, end: at });
      } else {
        const b = bounds(range.current);
        const to = at.row > b.bottom ? at.row : null;
        if (to !== fillTo.current) {
          fillTo.current = to;
          paint();
        }
      }
    };
    const up = () => {
      const m = mouse.current;
      if (m.filling) {
        m.filling = false;
        const to = fillTo.current;
        fillTo.current = null;
        paint();
        if (to !== null) void fill(to);
      }
      m.selecting = false;
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ——— Reading and writing cells ———
  const rowsOf = async (b: Bounds) => sourceRef.current.rowsAt(b.top, b.bottom + 1);

  const nodeAt = (row: number) => gridApi()?.getDisplayedRowAtIndex(row) ?? null;

  const where = (row: number, data: T | undefined) => {
    const name = data ? sourceRef.current.describe(data) : '';
    return `第 ${row + 1} 行${name ? `（${name}）` : ''}`;
  };

  const cellsOf = async (b: Bounds, header: boolean): Promise<string[][] | null> => {
    const a = gridApi();
    if (!a) return null;
    if (height(b) > COPY_LIMIT) {
      notify({ kind: 'error', text: `一次最多复制 ${COPY_LIMIT} 行；更多的行请用“导出 CSV”。` });
      return null;
    }
    const cols = columns().slice(b.left, b.right + 1);
    const rows = await rowsOf(b);
    const out = rows.map((data, i) => cols.map((c) => displayText(a, c, data, nodeAt(b.top + i))));
    return header ? [cols.map((c) => c.getColDef().headerName ?? ''), ...out] : out;
  };

  /** Saves parsed rows as one change and offers 撤销; a refused cell anywhere saves nothing. */
  const save = async (
    drafts: SheetDraft<T>[],
    errors: string[],
    label: string,
    done: (n: number) => string,
    more: (change: SavedChange | null) => NoticeAction[] = () => [],
  ) => {
    if (errors.length) {
      notify({ kind: 'error', text: `有 ${errors.length} 处无法保存，没有保存任何一处：${errors.join('；')}` });
      return null;
    }
    if (drafts.length === 0) {
      notify({ kind: 'info', text: '没有需要改动的单元格。' });
      return null;
    }
    try {
      const change = await sourceRef.current.commit(drafts, label);
      // What was found may have changed: searched again when next asked.
      found.current = null;
      setFindStatus('');
      paint();
      notify({ kind: 'info', text: done(drafts.length), action: undoAction(notify, change), more: more(change) });
      return change;
    } catch (e) {
      notify({ kind: 'error', text: `没有保存：${err(e)}` });
      return null;
    }
  };

  const plan = (rowIndex: number, data: T | undefined, cells: RowPlan<T>['cells']): RowPlan<T> => ({
    existing: data ?? null,
    node: nodeAt(rowIndex),
    where: where(rowIndex, data),
    cells,
  });

  /** Pasted rows become new rows, from the active cell's column on; nothing that exists is changed. */
  const pasteAsNew = async (text: string) => {
    const a = gridApi();
    const r = range.current;
    if (!a || !r) return;
    const table = parseClipboard(text);
    const cols = columns();
    const left = bounds(r).left;
    // Rows added on screen and not saved yet (＋新增) are filled first: they hold nothing to lose.
    const top = bounds(r).top;
    const unsaved: T[] = [];
    for (const d of await sourceRef.current.rowsAt(top, Math.min(top + table.length, rowCount()))) {
      if (!d || sourceRef.current.idOf(d) !== undefined) break;
      unsaved.push(d);
    }
    const plans: RowPlan<T>[] = table.map((cells, i) => ({
      existing: i < unsaved.length ? unsaved[i]! : null,
      node: i < unsaved.length ? nodeAt(top + i) : null,
      where: `第 ${i + 1} 行`,
      cells: cells.flatMap((t, j) => (cols[left + j] ? [{ column: cols[left + j]!, text: t }] : [])),
    }));
    const { drafts, errors } = parseRows(a, plans, sourceRef.current.blank, sourceRef.current.collect);
    const { noun, measure = '行' } = sourceRef.current;
    await save(
      drafts,
      errors,
      `粘贴新增 ${drafts.length} ${measure}${noun}`,
      (n) => `已粘贴新增 ${n} ${measure}${noun}，没有改动已有的行。`,
      (change) =>
        change
          ? [
              {
                label: '改为覆盖所选行…',
                run: async () => {
                  if (await undo(notify, change.id)) await pasteOver(text, true);
                },
              },
            ]
          : [],
    );
  };

  /**
   * Pasted cells over the selected ones: shown first (old → new, what refers to each row), then saved.
   * Without `preview`, one value typed into one cell by paste: saved as an edit of that cell.
   */
  const pasteOver = async (text: string, preview: boolean) => {
    const a = gridApi();
    const r = range.current;
    if (!a || !r) return;
    const table = parseClipboard(text);
    const b = bounds(r);
    const cols = columns();
    let plans: RowPlan<T>[];
    if (table.length === 1 && table[0]!.length === 1) {
      // One value into every selected cell, as a spreadsheet does.
      const rows = await rowsOf(b);
      plans = rows.map((data, i) =>
        plan(
          b.top + i,
          data,
          cols.slice(b.left, b.right + 1).map((column) => ({ column, text: table[0]![0]! })),
        ),
      );
    } else {
      const rows = await sourceRef.current.rowsAt(b.top, Math.min(b.top + table.length, rowCount()));
      plans = table.map((cells, i) => {
        const cellsOut = cells.flatMap((t, j) => (cols[b.left + j] ? [{ column: cols[b.left + j]!, text: t }] : []));
        return rows[i]
          ? plan(b.top + i, rows[i], cellsOut)
          : { existing: null, where: `第 ${i + 1} 行（新增）`, cells: cellsOut };
      });
    }
    const { drafts, errors } = parseRows(a, plans, sourceRef.current.blank, sourceRef.current.collect);
    if (errors.length) return void save(drafts, errors, '', () => '');
    if (drafts.length === 0) return notify({ kind: 'info', text: '粘贴的内容与所选单元格相同，没有需要改动的地方。' });
    const references = await referencesOf(drafts);
    if (!references) return;
    if (!preview && drafts.length === 1 && drafts[0]!.existing) {
      const d = drafts[0]!;
      const what = d.changes.map((c) => `「${c.header}」`).join('');
      return void save(drafts, [], `粘贴到${d.where}${what}`, () => `已粘贴到${d.where}${what}。`);
    }
    const changed = drafts.filter((d) => d.existing).length;
    const added = drafts.length - changed;
    const { noun, measure = '行' } = sourceRef.current;
    setOverwrite({
      drafts,
      references,
      added,
      label: `覆盖粘贴 ${changed} ${measure}${noun}${added ? `，新增 ${added} ${measure}` : ''}`,
    });
  };

  /** What refers to each existing row of the drafts (条联系记录 …), for a preview; null after a refusal. */
  const referencesOf = async (drafts: SheetDraft<T>[]) => {
    const ids = drafts.flatMap((d) => {
      const id = d.existing ? sourceRef.current.idOf(d.existing) : undefined;
      return id === undefined ? [] : [id];
    });
    try {
      if (!ids.length) return new Map<number, Reference[]>();
      const refs = await ledgerApi.changes.references({ table: sourceRef.current.table, ids });
      return new Map(refs.map((x) => [x.id, x.references]));
    } catch (e) {
      notify({ kind: 'error', text: err(e) });
      return null;
    }
  };

  const confirmOverwrite = async () => {
    const o = overwrite;
    setOverwrite(null);
    if (!o) return;
    await save(o.drafts, [], o.label, () => `已${o.label}。`);
    setTimeout(park, 0);
  };

  /** Ctrl+D, or the fill handle dragged down to `to`: values copied down through the columns' parsers. */
  const fill = async (to?: number) => {
    const a = gridApi();
    const r = range.current;
    if (!a || !r || editing()) return;
    const b = bounds(r);
    const steps = fillPlan(b, to);
    if (steps.length === 0) return notify({ kind: 'info', text: '第一行上面没有可以向下填充的内容。' });
    const top = Math.min(...steps.map((s) => s.source));
    const bottom = Math.max(...steps.map((s) => s.target));
    const rows = await sourceRef.current.rowsAt(top, bottom + 1);
    const cols = columns()
      .slice(b.left, b.right + 1)
      .filter(isEditable);
    const plans = steps.map(({ target, source: from }) =>
      plan(
        target,
        rows[target - top],
        cols.map((column) => ({ column, text: displayText(a, column, rows[from - top], nodeAt(from)) })),
      ),
    );
    const { drafts, errors } = parseRows(a, plans, sourceRef.current.blank, sourceRef.current.collect);
    const names = cols.map((c) => `「${c.getColDef().headerName ?? ''}」`).join('');
    await save(
      drafts,
      errors,
      `向下填充${names}到 ${steps.length} ${sourceRef.current.measure ?? '行'}${sourceRef.current.noun}`,
      (n) => `已向下填充${names}，改动 ${n} 行。`,
    );
    if (to !== undefined) setRange({ anchor: r.anchor, end: { row: to, col: b.right } });
  };

  /** Delete: the selected cells emptied (a required field refuses, naming the row). */
  const clear = async () => {
    const a = gridApi();
    const r = range.current;
    if (!a || !r) return;
    const b = bounds(r);
    const rows = await rowsOf(b);
    const cols = columns()
      .slice(b.left, b.right + 1)
      .filter(isEditable);
    const plans = rows.map((data, i) =>
      plan(
        b.top + i,
        data,
        cols.map((column) => ({ column, text: '' })),
      ),
    );
    const { drafts, errors } = parseRows(
      a,
      plans.filter((p) => p.existing),
      sourceRef.current.blank,
      sourceRef.current.collect,
    );
    const cells = drafts.reduce((n, d) => n + d.fields.length, 0);
    await save(
      drafts,
      errors,
      `清除 ${cells} 个单元格（${sourceRef.current.noun}）`,
      () => `已清除 ${cells} 个单元格。`,
    );
  };

  // ——— Clipboard ———
  const onCopy = (e: React.ClipboardEvent) => {
    const r = range.current;
    if (!r || editing() || !(box.current?.contains(e.target as Node) ?? false)) return;
    const header = withHeader.current;
    withHeader.current = false;
    e.preventDefault();
    const b = bounds(r);
    const a = gridApi();
    const loaded = a && Array.from({ length: height(b) }, (_, i) => nodeAt(b.top + i)?.data).every(Boolean);
    if (a && loaded && height(b) <= COPY_LIMIT) {
      const cols = columns().slice(b.left, b.right + 1);
      const rows = Array.from({ length: height(b) }, (_, i) => {
        const node = nodeAt(b.top + i);
        return cols.map((c) => displayText(a, c, node?.data, node));
      });
      const cells = header ? [cols.map((c) => c.getColDef().headerName ?? ''), ...rows] : rows;
      e.clipboardData.setData('text/plain', toTsv(cells));
      e.clipboardData.setData('text/html', toHtmlTable(cells, { header }));
      notify({
        kind: 'info',
        text: `已复制 ${height(b)} 行 × ${width(b)} 列${header ? '（含表头）' : ''}，可粘贴到 WPS、Excel 或聊天窗口。`,
      });
      return;
    }
    // Rows not loaded yet (a long ledger scrolled in pages): fetched first, then written to the clipboard.
    void (async () => {
      const cells = await cellsOf(b, header);
      if (!cells) return;
      try {
        await navigator.clipboard.write([
          new ClipboardItem({
            'text/plain': new Blob([toTsv(cells)], { type: 'text/plain' }),
            'text/html': new Blob([toHtmlTable(cells, { header })], { type: 'text/html' }),
          }),
        ]);
        notify({ kind: 'info', text: `已复制 ${height(b)} 行 × ${width(b)} 列${header ? '（含表头）' : ''}。` });
      } catch (x) {
        notify({ kind: 'error', text: `无法写入剪贴板：${err(x)}` });
      }
    })();
  };

  const onCut = (e: React.ClipboardEvent) => {
    if (!range.current || editing()) return;
    onCopy(e);
    void clear();
  };

  const onPaste = (e: React.ClipboardEvent) => {
    if (editing()) return; // an open editor takes the paste itself
    const text = e.clipboardData.getData('text/plain');
    const a = gridApi();
    if (!a || !text) return;
    e.preventDefault();
    if (!range.current) {
      const f = a.getFocusedCell();
      if (!f) return notify({ kind: 'info', text: '请先点一下要粘贴到的起始单元格，再按 Ctrl+V。' });
      range.current = single({ row: f.rowIndex, col: columns().indexOf(f.column) });
    }
    const over = overwriteNext.current;
    overwriteNext.current = false;
    const table = parseClipboard(text);
    const one = table.length === 1 && table[0]!.length === 1;
    // Whole rows are added unless overwriting was chosen (Ctrl+Shift+V); one value goes into the selected
    // cell as typing would, or into several selected cells after a preview.
    if (over || (one && !isSingle(range.current))) void pasteOver(text, true);
    else if (one) void pasteOver(text, false);
    else void pasteAsNew(text);
  };

  const copyWithHeader = () => {
    withHeader.current = true;
    park();
    if (!document.execCommand('copy')) withHeader.current = false;
  };

  // ——— Find and replace (Ctrl+F, Ctrl+H) ———
  const finder = useFindBar();
  const { query, replacement, setStatus: setFindStatus, open: openFind } = finder;
  const closeFind = () => {
    finder.hide();
    found.current = null;
    paint();
    // Once the bar is gone (it held the keyboard), the grid takes the keys again.
    setTimeout(park, 0);
  };
  // Anything saved or undone anywhere may change what a cell shows: searched again when next asked.
  useLedgerChanged(() => (found.current = null));
  // Another year or cadre on 台账 (a new datasource): other rows, searched again when next asked.
  useEffect(() => {
    if (!found.current) return;
    found.current = null;
    setFindStatus('');
    paint();
  }, [gridProps.datasource, paint, setFindStatus]);

  /** Every cell whose shown text holds `q`, in reading order (row by row, columns as displayed). */
  const search = async (q: string) => {
    const a = gridApi();
    if (!a || !q) return null;
    if (found.current?.query === q) return found.current;
    const src = sourceRef.current;
    const total = src.paged ? await src.paged.count() : rowCount();
    if (total > FIND_LIMIT) {
      notify({ kind: 'error', text: `共 ${total} 行，超过一次能查找的 ${FIND_LIMIT} 行；请先按年度或列筛选。` });
      return null;
    }
    const rows = await src.rowsAt(0, total);
    const cols = columns();
    const count = (data: T | undefined, node: ReturnType<typeof nodeAt>, each: (col: number) => void) =>
      cols.forEach((c, col) => matches(displayText(a, c, data, node), q) && each(col));
    const cells: Match[] = [];
    rows.forEach((data, row) => count(data, nodeAt(row), (col) => cells.push({ row, col })));
    // The same text in the rows the filters hide: counted, so that she learns it is there.
    let all = cells.length;
    if (src.paged?.filtered() || (!src.paged && a.isAnyFilterPresent())) {
      all = 0;
      const every: (T | undefined)[] = [];
      if (src.paged) every.push(...(await src.paged.unfiltered()));
      else a.forEachNode((n) => every.push(n.data));
      every.forEach((data) => count(data, null, () => all++));
    }
    const outside = Math.max(0, all - cells.length);
    found.current = { query: q, cells, keys: new Set(cells.map((m) => `${m.row}:${m.col}`)), rows, outside };
    paint();
    return found.current;
  };

  /** 显示全部: every filter lifted (the page's and the columns'), then the first match found. */
  const showAll = async () => {
    const src = sourceRef.current;
    const a = gridApi();
    if (!a) return;
    setFindStatus('');
    if (src.paged) await src.paged.showAll();
    else a.setFilterModel(null);
    // The grid has taken the new filters: searched afresh from the first row.
    await new Promise((r) => setTimeout(r, 0));
    found.current = null;
    await findNext(1, true);
  };
  const outsideNote = (n: number) => (n ? `；筛选外还有 ${n} 处` : '');

  const findNext = async (dir: 1 | -1, fromStart = false) => {
    const f = await search(query);
    if (!f) return;
    const a = gridApi();
    const at = fromStart ? null : a?.getFocusedCell();
    const from = at ? { row: at.rowIndex, col: columns().indexOf(at.column) } : null;
    const i = nextMatch(f.cells, from, dir);
    if (i < 0)
      return setFindStatus(f.outside ? `筛选内找不到“${query}”；筛选外有 ${f.outside} 处` : `找不到“${query}”`);
    const m = f.cells[i]!;
    // The grid takes the keyboard when it moves its focus: the find bar keeps it (at once, so that the
    // next Enter is the bar's too, and again after the grid has drawn the rows scrolled to).
    const had = findBox.current?.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    const back = () => (had ?? findBox.current?.querySelector('input'))?.focus({ preventScroll: true });
    focusCell(m.row, m.col);
    back();
    setTimeout(back, 0);
    setFindStatus(`第 ${i + 1} / ${f.cells.length} 处${outsideNote(f.outside)}`);
  };

  /** The text of the found cells, replaced, as rows to save (the columns' parsers check it). */
  const replacePlans = (f: NonNullable<typeof found.current>, only?: Match) => {
    const a = gridApi()!;
    const cols = columns();
    const byRow = new Map<number, Match[]>();
    for (const m of only ? [only] : f.cells)
      if (cols[m.col] && isEditable(cols[m.col]!)) byRow.set(m.row, [...(byRow.get(m.row) ?? []), m]);
    const fixed = (only ? 1 : f.cells.length) - [...byRow.values()].reduce((n, ms) => n + ms.length, 0);
    const plans = [...byRow].map(([row, ms]) => {
      const data = f.rows[row] ?? nodeAt(row)?.data;
      return plan(
        row,
        data,
        ms.map(({ col }) => ({
          column: cols[col]!,
          text: replaceIn(displayText(a, cols[col]!, data, nodeAt(row)), query, replacement),
        })),
      );
    });
    return { ...parseRows(a, plans, sourceRef.current.blank, sourceRef.current.collect), fixed };
  };

  const fixedNote = (n: number) => (n ? `另有 ${n} 处在不能在表格中修改的列里，未替换。` : '');

  /** 替换: the active cell, when it is a match, then on to the next one. */
  const replaceOne = async () => {
    const f = await search(query);
    const at = gridApi()?.getFocusedCell();
    const here = at && f ? f.cells.find((m) => m.row === at.rowIndex && m.col === columns().indexOf(at.column)) : null;
    if (!f || !here) return void findNext(1);
    const { drafts, errors, fixed } = replacePlans(f, here);
    if (fixed) return notify({ kind: 'info', text: fixedNote(fixed) });
    const d = drafts[0];
    const where = d ? `${d.where}「${d.changes[0]?.header ?? ''}」` : '';
    const saved = await save(
      drafts,
      errors,
      `把“${query}”替换为“${replacement}”（${where}）`,
      () => `已替换${where}。`,
    );
    if (saved) await findNext(1);
  };

  /** 全部替换…: every match listed old → new first, then saved as one change. */
  const replaceAll = async () => {
    found.current = null;
    const f = await search(query);
    if (!f) return;
    if (f.cells.length === 0)
      return setFindStatus(f.outside ? `筛选内找不到“${query}”；筛选外有 ${f.outside} 处` : `找不到“${query}”`);
    const { drafts, errors, fixed } = replacePlans(f);
    if (errors.length || drafts.length === 0) {
      if (!errors.length) return notify({ kind: 'info', text: `没有可以替换的单元格。${fixedNote(fixed)}` });
      return void save(drafts, errors, '', () => '');
    }
    const references = await referencesOf(drafts);
    if (!references) return;
    const cells = drafts.reduce((n, d) => n + d.changes.length, 0);
    const { noun, measure = '行' } = sourceRef.current;
    setOverwrite({
      drafts,
      references,
      added: 0,
      label: `把“${query}”替换为“${replacement}”：${drafts.length} ${measure}${noun}，${cells} 处`,
      title: `把“${query}”替换为“${replacement}”：${drafts.length} ${measure}${noun}，${cells} 处？${fixedNote(fixed)}${
        f.outside ? `筛选外的 ${f.outside} 处不替换。` : ''
      }`,
      confirm: '确认替换',
    });
  };

  // ——— Keys, in the hidden text box ———
  const startEditing = (text: string | null) => {
    const a = gridApi();
    const f = a?.getFocusedCell();
    if (!a || !f) return;
    startWith(text);
    a.startEditingCell({ rowIndex: f.rowIndex, colKey: f.column, rowPinned: f.rowPinned });
    if (!editing()) {
      startWith(null);
      notify({ kind: 'info', text: `「${f.column.getColDef().headerName ?? ''}」不能在表格中直接修改。` });
      park();
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    // An input method is at work: its keys are its own until it hands over the composed text.
    if (e.nativeEvent.isComposing || e.keyCode === 229 || e.key === 'Process') return;
    if (sourceRef.current.onKey?.(e)) return;
    const a = gridApi();
    const f = a?.getFocusedCell();
    if (!a || !f) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const rows = rowCount();
    const cols = columns().length;
    const active = { row: f.rowIndex, col: columns().indexOf(f.column) };
    const r = range.current ?? single(active);
    const pageRows = Math.max(1, Math.floor((box.current?.clientHeight ?? 340) / 34) - 2);
    const arrows: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageUp: [-pageRows, 0],
      PageDown: [pageRows, 0],
    };
    const go = (row: number, col: number) => {
      e.preventDefault();
      focusCell(row, col);
    };
    const key = e.key;
    if (arrows[key]) {
      const [dr, dc] = arrows[key]!;
      const edge = ctrl && key.startsWith('Arrow');
      if (e.shiftKey) {
        e.preventDefault();
        const next = extend(r, dr, dc, rows, cols, edge);
        a.ensureIndexVisible(next.end.row);
        const column = columns()[next.end.col];
        if (column) a.ensureColumnVisible(column);
        return setRange(next);
      }
      const to = step(active, dr, dc, rows, cols, edge);
      return go(to.row, to.col);
    }
    if (key === 'Tab') {
      const right = active.col + (e.shiftKey ? -1 : 1);
      if (right >= 0 && right < cols) return go(active.row, right);
      const row = active.row + (e.shiftKey ? -1 : 1);
      if (row >= 0 && row < rows) return go(row, e.shiftKey ? cols - 1 : 0);
      return e.preventDefault();
    }
    if (key === 'Enter' && !ctrl && !e.altKey)
      return go(step(active, e.shiftKey ? -1 : 1, 0, rows, cols).row, active.col);
    if (key === 'Home') return go(ctrl ? 0 : active.row, 0);
    if (key === 'End') return go(ctrl ? rows - 1 : active.row, cols - 1);
    if (key === 'F2') {
      e.preventDefault();
      return startEditing(null);
    }
    if (key === 'Backspace' && !ctrl) {
      e.preventDefault();
      return startEditing('');
    }
    if (key === 'Delete' && !e.shiftKey) {
      e.preventDefault();
      return void clear();
    }
    if (key === 'Escape') {
      if (!isSingle(r)) setRange(single(active));
      return;
    }
    if (!ctrl) return; // a letter goes into the box and opens the editor (onInput)
    switch (key.toLowerCase()) {
      case 'a':
        e.preventDefault();
        return setRange(all(rows, cols));
      case 'f':
      case 'h':
        e.preventDefault();
        return openFind(key.toLowerCase() === 'h');
      case 'd':
        e.preventDefault();
        return void fill();
      case 'z':
        e.preventDefault();
        return void undo(notify);
      case 'v':
        // The paste event follows; with Shift the pasted cells overwrite the selected ones.
        overwriteNext.current = e.shiftKey;
        return;
      case 'c':
        withHeader.current = e.shiftKey;
        return;
    }
  };

  const onInput = (e: React.FormEvent<HTMLTextAreaElement>) => {
    if ((e.nativeEvent as InputEvent).isComposing || composingRef.current) return;
    const text = e.currentTarget.value;
    e.currentTarget.value = '';
    if (!text) return;
    // The editor is on its way (the grid creates it a moment later): the key goes to it too.
    if (editing()) typedMeanwhile(text);
    else startEditing(text);
  };
  const composingRef = useRef(false);
  const onCompositionStart = () => {
    composingRef.current = true;
    setComposing(true);
    placeOverlays();
  };
  const onCompositionEnd = (e: React.CompositionEvent<HTMLTextAreaElement>) => {
    composingRef.current = false;
    setComposing(false);
    const text = e.currentTarget.value || e.data;
    e.currentTarget.value = '';
    if (text) startEditing(text);
  };

  // ——— The status bar: rows, the selection's size, count and sums of its numbers ———
  const [figures, setFigures] = useState<{ cells: number; filled: number; sums: [string, number][] } | null>(null);
  useEffect(() => {
    const r = range.current;
    const a = gridApi();
    if (!r || !a || isSingle(r)) return setFigures(null);
    const b = bounds(r);
    let stale = false;
    const timer = setTimeout(async () => {
      if (height(b) > COPY_LIMIT) return setFigures({ cells: height(b) * width(b), filled: -1, sums: [] });
      const rows = await rowsOf(b);
      if (stale) return;
      const cols = columns().slice(b.left, b.right + 1);
      let filled = 0;
      const sums: [string, number][] = [];
      for (const c of cols) {
        const numeric = c.getColDef().type === 'numericColumn';
        let sum = 0;
        let numbers = 0;
        rows.forEach((data, i) => {
          const t = displayText(a, c, data, nodeAt(b.top + i));
          if (t !== '') filled++;
          if (numeric && t !== '' && Number.isFinite(Number(t))) {
            sum += Number(t);
            numbers++;
          }
        });
        if (numbers) sums.push([c.getColDef().headerName ?? '', Math.round(sum * 100) / 100]);
      }
      setFigures({ cells: height(b) * width(b), filled, sums });
    }, 60);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick]);

  const r = range.current;
  const b = r ? bounds(r) : null;
  return (
    <div
      className="grid-box sheet"
      ref={box}
      data-testid={source.id}
      onPointerDownCapture={onPointerDownCapture}
      onCopy={onCopy}
      onCut={onCut}
      onPaste={onPaste}
    >
      {finder.shown && (
        <FindBar
          id={source.id}
          box={findBox}
          {...finder.barProps(() => {
            if (found.current) {
              found.current = null;
              paint();
            }
          })}
          onNext={(dir) => void findNext(dir)}
          onReplace={() => void replaceOne()}
          onReplaceAll={() => void replaceAll()}
          onClose={closeFind}
          extra={
            found.current?.query === query &&
            found.current.outside > 0 && (
              <button
                className="link"
                onClick={() => void showAll()}
                title="取消年度、领导干部和各列的筛选，在全部行中查找"
                data-testid={`${source.id}-find-all`}
              >
                显示全部
              </button>
            )
          }
        />
      )}
      <div className="sheet-grid">
        <LedgerGrid
          ref={gridRef}
          rowSelection={undefined}
          {...gridProps}
          columnDefs={decorated}
          onCellFocused={onCellFocused}
          onCellEditingStopped={onCellEditingStopped}
          onSortChanged={(e) => {
            gridProps.onSortChanged?.(e);
            found.current = null;
          }}
          onFilterChanged={(e) => {
            gridProps.onFilterChanged?.(e);
            found.current = null;
          }}
          onBodyScroll={(e) => {
            gridProps.onBodyScroll?.(e);
            placeOverlays();
          }}
          onDisplayedColumnsChanged={(e) => {
            gridProps.onDisplayedColumnsChanged?.(e);
            // Only a real change of the columns shown: a repaint re-renders the grid, and the grid reports
            // every re-render with new options as a change of its columns (a loop otherwise).
            const order = e.api
              .getAllDisplayedColumns()
              .map((c) => c.getColId())
              .join('|');
            if (order === shownColumns.current) return;
            shownColumns.current = order;
            found.current = null;
            paint();
          }}
        />
      </div>
      <textarea
        ref={ime}
        className={composing ? 'sheet-ime composing' : 'sheet-ime'}
        aria-label="在所选单元格中输入"
        data-testid={`${source.id}-input`}
        autoComplete="off"
        spellCheck={false}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onInput={onInput}
        onCompositionStart={onCompositionStart}
        onCompositionEnd={onCompositionEnd}
      />
      <div
        ref={handle}
        className="sheet-fill-handle"
        title="向下拖动以填充"
        data-testid={`${source.id}-fill-handle`}
        onMouseDown={(e) => {
          e.preventDefault();
          e.stopPropagation();
          mouse.current.filling = true;
        }}
      />
      <div className="sheet-status" data-testid={`${source.id}-status`}>
        <span>共 {source.total()} 行</span>
        {b && !isSingle(r!) && (
          <span data-testid={`${source.id}-selection`}>
            已选 {height(b)} 行 × {width(b)} 列{figures && figures.filled >= 0 && ` · 计数 ${figures.filled}`}
            {figures?.sums.map(([name, sum]) => ` · ${name}求和 ${sum}`)}
          </span>
        )}
        <span className="sheet-status-actions">
          <button
            className="link"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => openFind(false)}
            title="在整个表格中查找、替换（Ctrl+F、Ctrl+H）"
            data-testid={`${source.id}-find-open`}
          >
            查找替换
          </button>
          {b && (
            <button
              className="link"
              onMouseDown={(e) => e.preventDefault()}
              onClick={copyWithHeader}
              data-testid={`${source.id}-copy-header`}
            >
              复制（含表头）
            </button>
          )}
          {children}
        </span>
      </div>
      {overwrite && (
        <OverwritePreview
          noun={source.noun}
          overwrite={overwrite}
          idOf={source.idOf}
          onCancel={() => {
            setOverwrite(null);
            setTimeout(park, 0);
          }}
          onConfirm={() => void confirmOverwrite()}
        />
      )}
    </div>
  );
}

function OverwritePreview<T>({
  noun,
  overwrite,
  idOf,
  onCancel,
  onConfirm,
}: {
  noun: string;
  overwrite: Overwrite<T>;
  idOf: (row: T) => number | undefined;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const existing = overwrite.drafts.filter((d) => d.existing);
  const cells = existing.reduce((n, d) => n + d.changes.length, 0);
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div
        className="modal overwrite-preview"
        role="dialog"
        aria-modal="true"
        aria-labelledby="overwrite-title"
        data-testid="overwrite-preview"
      >
        <h2 id="overwrite-title">
          {overwrite.title ??
            `覆盖 ${existing.length} 行已有的${noun}（${cells} 处）${overwrite.added ? `，另新增 ${overwrite.added} 行` : ''}？`}
        </h2>
        <p className="muted">下面是将被改动的内容。确认后作为一次修改保存，可以用 Ctrl+Z 或“撤销记录”撤销。</p>
        <div className="overwrite-list">
          <table>
            <thead>
              <tr>
                <th>行</th>
                <th>列</th>
                <th>原来</th>
                <th>改为</th>
              </tr>
            </thead>
            <tbody>
              {existing.map((d) => {
                const id = d.existing ? idOf(d.existing) : undefined;
                const refs = id !== undefined ? (overwrite.references.get(id) ?? []) : [];
                return d.changes.map((c, i) => (
                  <tr key={`${d.where}|${c.header}`} className={i === 0 ? 'first' : ''}>
                    {i === 0 && (
                      <td rowSpan={d.changes.length}>
                        {d.where}
                        {refs.length > 0 && (
                          <div className="overwrite-refs">
                            随之改变：{refs.map((x) => `${x.count} ${x.label}`).join('、')}
                          </div>
                        )}
                      </td>
                    )}
                    <td>{c.header}</td>
                    <td className="old">{c.before || '（空）'}</td>
                    <td className="new">{c.after || '（空）'}</td>
                  </tr>
                ));
              })}
            </tbody>
          </table>
        </div>
        <div className="modal-buttons">
          <button ref={cancel} onClick={onCancel}>
            取消
          </button>
          <button className="danger" onClick={onConfirm} data-testid="overwrite-confirm">
            {overwrite.confirm ?? '确认覆盖'}
          </button>
        </div>
      </div>
    </div>
  );
}
