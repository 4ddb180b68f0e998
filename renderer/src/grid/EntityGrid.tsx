// A grid of one kind of entity, edited in place like a spreadsheet (see Sheet): each change is saved at
// once as one change of the ledger's undo history, a refused change is rolled back with the backend's
// Chinese message, rows pasted from Excel/WPS are added (overwriting only when chosen, after a preview),
// a deletion is confirmed, Ctrl+Z undoes the newest change, and column widths and order are remembered.
import type { CellValueChangedEvent, ColDef, GetRowIdParams, GridApi, RowClassParams } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BatchCall } from '../../../shared/api/changes';
import { api } from '../api';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog';
import { useNotice, type Notice } from '../components/Notice';
import { zh } from '../i18n/zh';
import { exportCsv, restoreColumnState, saveColumnState } from './gridTools';
import { applyChange, latestChange, ledgerChanged, undo, undoAction, useLedgerChanged } from './history';
import type { SheetDraft } from './paste';
import { Sheet, type SheetHandle, type SheetSource } from './Sheet';

export type Draft<T> = Partial<T> & { _key: string };
type Notify = (n: Notice) => void;

/** The contract's groups whose rows these grids edit: cadres → cadres.create, cadres.update, cadres.delete. */
export type EntityGroup = 'cadres' | 'units' | 'objects' | 'assignments' | 'followUps';

export interface EntityGridProps<T extends { id: number }> {
  testId: string;
  /** Column definitions; `notify` reports a refused cell (it is collected when pasting). */
  columns: (notify: Notify) => ColDef<Draft<T>>[];
  load: () => Promise<T[]>;
  group: EntityGroup;
  /** The table the rows are stored in (to count what refers to a row before it is overwritten). */
  table: string;
  /** One row, in messages: 干部, 联系点. */
  noun: string;
  /** The input of `<group>.create` for a new row. */
  createInput: (draft: Draft<T>) => unknown;
  /** The field a new row starts with, and without which it is not saved (姓名, 名称). */
  firstField: keyof T & string;
  /** When a new row has all it needs to be saved; by default, a filled-in first field. */
  ready?: (draft: Draft<T>) => boolean;
  describe: (row: Partial<T>) => string;
  texts: {
    add: string;
    count: (n: number) => string;
    confirmDelete: (name: string) => string;
    deleted: (name: string) => string;
    required: string;
    csvName: string;
  };
  /** Called after any successful write, so that pages can refresh what depends on it. */
  onChanged?: () => void;
  toolbar?: React.ReactNode;
  /** A class for a whole row (e.g. an overdue 督办 item). */
  rowClass?: (p: RowClassParams<Draft<T>>) => string | undefined;
}

type Call = (input: unknown) => Promise<unknown>;

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;
const toDraft = <T extends { id: number }>(row: T): Draft<T> => ({ ...row, _key: `id-${row.id}` });
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function EntityGrid<T extends { id: number }>(props: EntityGridProps<T>) {
  const { load, group, createInput, firstField, describe, texts, onChanged } = props;
  const ready = props.ready ?? ((d: Draft<T>) => String(d[firstField] ?? '').trim() !== '');
  const notify = useNotice();
  const grid = useRef<AgGridReact<Draft<T>>>(null);
  const [rows, setRows] = useState<Draft<T>[]>([]);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const collect = useRef<{ errors: string[] | null }>({ errors: null });
  const self = useMemo(() => ({}), []);
  const methods = (api as unknown as Record<string, Record<string, Call>>)[group]!;

  // While pasting, a refused cell is collected to be listed with the others, not shown alone.
  const cellNotify = useCallback<Notify>(
    (n) => (collect.current.errors ? collect.current.errors.push(n.text) : notify(n)),
    [notify],
  );
  const { columns: makeColumns } = props;
  const columnDefs = useMemo(() => makeColumns(cellNotify), [makeColumns, cellNotify]);

  const replace = (key: string, next: Draft<T>) => setRows((rs) => rs.map((r) => (r._key === key ? next : r)));

  // Rows load when the grid opens (pages pass `key` to load anew) and after a change made elsewhere (an
  // undo, a paste saved as one change); rows not saved yet stay. A single cell's edit updates its row
  // in place, so a refresh of the page's lookups never reorders what the user is editing.
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    try {
      const saved = (await loadRef.current()).map(toDraft);
      setRows((rs) => [...saved, ...rs.filter((r) => r.id === undefined)]);
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    }
  }, [notify]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useLedgerChanged(() => {
    void reload();
    onChanged?.();
  }, self);

  /** Saves one row; returns the saved row or throws the backend's refusal. */
  const save = async (draft: Draft<T>, fields: string[]): Promise<T | null> => {
    if (draft.id === undefined) {
      if (!ready(draft)) return null;
      return (await methods.create!(createInput(draft))) as T;
    }
    const patch = Object.fromEntries(fields.map((f) => [f, draft[f as keyof T]]));
    return (await methods.update!({ id: draft.id, patch })) as T;
  };

  const onCellValueChanged = async (e: CellValueChangedEvent<Draft<T>>) => {
    const draft = e.data;
    const field = (e.colDef.colId ?? e.colDef.field) as keyof T & string;
    if (!draft || !field) return;
    try {
      const saved = await save(draft, [field]);
      if (!saved) return notify({ kind: 'info', text: texts.required });
      replace(draft._key, { ...toDraft(saved), _key: draft._key });
      onChanged?.();
      ledgerChanged(self);
    } catch (err) {
      notify({ kind: 'error', text: errorText(err) });
      // Roll the cell back: what is shown is what is stored.
      replace(draft._key, { ...draft, [field]: e.oldValue });
    }
  };

  /** Rows pasted, filled or cleared: one change, all or nothing. */
  const commit = async (drafts: SheetDraft<Draft<T>>[], label: string) => {
    // Cells typed by paste into a new row that still lacks its first field stay on screen, unsaved.
    const local = drafts.filter((d) => d.draft.id === undefined && d.existing && !ready(d.draft));
    if (local.length === drafts.length) {
      for (const d of local) replace(d.draft._key, d.draft);
      return null;
    }
    const calls: BatchCall[] = drafts.map((d) => {
      if (d.draft.id !== undefined) {
        const patch = Object.fromEntries(d.fields.map((f) => [f, d.draft[f as keyof T]]));
        return { method: `${group}.update`, input: { id: d.draft.id, patch }, where: d.where };
      }
      if (!ready(d.draft)) throw new Error(`${d.where}：${texts.required}`);
      return { method: `${group}.create`, input: createInput(d.draft), where: d.where };
    });
    const change = await applyChange(label, calls);
    // New rows that were on screen unsaved come back from the reload as saved rows.
    const created = new Set(drafts.filter((d) => d.draft.id === undefined && d.existing).map((d) => d.draft._key));
    setRows((rs) => rs.filter((r) => !created.has(r._key)));
    return change;
  };

  const addRow = () => {
    const draft = { _key: newKey() } as Draft<T>;
    setRows((rs) => [...rs, draft]);
    setTimeout(() => {
      const a = grid.current?.api;
      const node = a?.getRowNode(draft._key);
      if (!a || !node || node.rowIndex === null) return;
      a.ensureIndexVisible(node.rowIndex);
      a.setFocusedCell(node.rowIndex, firstField);
      a.startEditingCell({ rowIndex: node.rowIndex, colKey: firstField });
    }, 0);
  };

  /** The rows of the selected range (or the active cell's row). */
  const sheet = useRef<SheetHandle | null>(null);
  const selectedRows = (): Draft<T>[] => {
    const a = grid.current?.api;
    const b = sheet.current?.selection();
    if (!a || !b) return [];
    return Array.from({ length: b.bottom - b.top + 1 }, (_, i) => a.getDisplayedRowAtIndex(b.top + i)?.data).filter(
      (d): d is Draft<T> => !!d,
    );
  };

  const deleteSelected = () => {
    const picked = selectedRows();
    if (picked.length === 0) return notify({ kind: 'info', text: zh.roster.selectFirst });
    const unsaved = picked.filter((d) => d.id === undefined);
    if (unsaved.length) setRows((rs) => rs.filter((r) => !unsaved.includes(r)));
    const saved = picked.filter((d) => d.id !== undefined);
    if (saved.length === 0) return;
    const names = saved.map((d) => describe(d));
    setConfirm({
      title: zh.roster.confirmDeleteTitle,
      message:
        saved.length === 1
          ? texts.confirmDelete(names[0]!)
          : `确定要删除这 ${saved.length} 行（${names.slice(0, 5).join('、')}${saved.length > 5 ? ' 等' : ''}）吗？删除后可以撤销。`,
      onConfirm: async () => {
        try {
          let change;
          if (saved.length === 1) {
            await methods.delete!({ id: saved[0]!.id });
            change = await latestChange();
            ledgerChanged();
          } else
            change = await applyChange(
              `删除 ${saved.length} 行${props.noun}`,
              saved.map((d) => ({ method: `${group}.delete`, input: { id: d.id }, where: describe(d) })),
            );
          notify({
            kind: 'info',
            text: saved.length === 1 ? texts.deleted(names[0]!) : `已删除 ${saved.length} 行${props.noun}。`,
            action: undoAction(notify, change),
          });
        } catch (err) {
          notify({ kind: 'error', text: errorText(err) });
        }
      },
    });
  };

  const persist = () => grid.current?.api && saveColumnState(props.testId, grid.current.api as GridApi);

  const source: SheetSource<Draft<T>> = {
    id: `${props.testId}-box`,
    noun: props.noun,
    table: props.table,
    rowsAt: async (start, end) => {
      const a = grid.current?.api;
      return Array.from({ length: Math.max(0, end - start) }, (_, i) => a?.getDisplayedRowAtIndex(start + i)?.data);
    },
    total: () => grid.current?.api?.getDisplayedRowCount() ?? rows.length,
    describe: (r) => describe(r),
    idOf: (r) => r.id,
    blank: () => ({ _key: newKey() }) as Draft<T>,
    commit,
    collect: collect.current,
    onKey: (e) => {
      if (e.key === 'Delete' && e.shiftKey) {
        e.preventDefault();
        deleteSelected();
        return true;
      }
      return false;
    },
  };

  return (
    <div className="entity-grid" data-testid={props.testId}>
      <div className="toolbar">
        <button className="primary" onClick={addRow} data-testid={`${props.testId}-add`}>
          ＋ {texts.add}
        </button>
        <button onClick={deleteSelected} data-testid={`${props.testId}-delete`} title="删除所选的行（Shift+Delete）">
          {zh.roster.delete}
        </button>
        <button
          onClick={() => void undo(notify)}
          title="撤销最近一次修改（Ctrl+Z）"
          data-testid={`${props.testId}-undo`}
        >
          撤销修改
        </button>
        <button onClick={() => grid.current?.api && exportCsv(grid.current.api as GridApi, texts.csvName)}>
          导出 CSV
        </button>
        {props.toolbar}
        <span
          className="toolbar-hint"
          title="Ctrl+V 粘贴为新行；Ctrl+Shift+V 覆盖所选单元格（先预览）；Ctrl+D 向下填充"
        >
          可从 Excel/WPS 复制后按 Ctrl+V 粘贴为新行
        </span>
        <span className="toolbar-count">{texts.count(rows.filter((r) => r.id !== undefined).length)}</span>
      </div>
      <Sheet<Draft<T>>
        source={source}
        gridRef={grid}
        handle={sheet}
        rowData={rows}
        columnDefs={columnDefs}
        getRowId={(p: GetRowIdParams<Draft<T>>) => p.data._key}
        onCellValueChanged={onCellValueChanged}
        getRowClass={props.rowClass}
        onGridReady={(e) => restoreColumnState(props.testId, e.api as GridApi)}
        onColumnResized={(e) => e.finished && persist()}
        onColumnMoved={(e) => e.finished && persist()}
        onSortChanged={persist}
      />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
