// A grid of one kind of entity, edited in place like a spreadsheet: each change is saved at once, a
// refused change is rolled back with the backend's Chinese message, a deletion is confirmed and can be
// undone, Ctrl+Z undoes the last edits, text pasted from Excel/WPS fills cells and adds rows, and column
// widths and order are remembered.
import type { CellValueChangedEvent, ColDef, GetRowIdParams, GridApi, RowClassParams } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog';
import { useNotice, type Notice } from '../components/Notice';
import { zh } from '../i18n/zh';
import { exportCsv, restoreColumnState, saveColumnState } from './gridTools';
import { LedgerGrid } from './LedgerGrid';
import { applyPaste } from './paste';

export type Draft<T> = Partial<T> & { _key: string };
type Notify = (n: Notice) => void;

export interface EntityGridProps<T extends { id: number }> {
  testId: string;
  /** Column definitions; `notify` reports a refused cell (it is collected when pasting). */
  columns: (notify: Notify) => ColDef<Draft<T>>[];
  load: () => Promise<T[]>;
  create: (draft: Draft<T>) => Promise<T>;
  update: (id: number, patch: Partial<T>) => Promise<T>;
  remove: (id: number) => Promise<T>;
  restore: (row: T) => Promise<T>;
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

interface Edit {
  id: number;
  field: string;
  oldValue: unknown;
}

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;
const toDraft = <T extends { id: number }>(row: T): Draft<T> => ({ ...row, _key: `id-${row.id}` });
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function EntityGrid<T extends { id: number }>(props: EntityGridProps<T>) {
  const { load, create, update, remove, restore, firstField, describe, texts, onChanged } = props;
  const ready = props.ready ?? ((d: Draft<T>) => String(d[firstField] ?? '').trim() !== '');
  const notify = useNotice();
  const grid = useRef<AgGridReact<Draft<T>>>(null);
  const [rows, setRows] = useState<Draft<T>[]>([]);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const undoStack = useRef<Edit[]>([]);
  const undoing = useRef(false);
  const collect = useRef<{ errors: string[] | null }>({ errors: null });

  // While pasting, a refused cell is collected to be listed with the others, not shown alone.
  const cellNotify = useCallback<Notify>(
    (n) => (collect.current.errors ? collect.current.errors.push(n.text) : notify(n)),
    [notify],
  );
  const { columns: makeColumns } = props;
  const columnDefs = useMemo(() => makeColumns(cellNotify), [makeColumns, cellNotify]);

  const replace = (key: string, next: Draft<T>) => setRows((rs) => rs.map((r) => (r._key === key ? next : r)));

  // Rows load once when the grid opens (pages pass `key` to load anew); later writes update rows in place,
  // so a refresh of the page's lookups never reorders or overwrites what the user is editing.
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    try {
      setRows((await loadRef.current()).map(toDraft));
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    }
  }, [notify]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Saves one row; returns the saved row or throws the backend's refusal. */
  const save = async (draft: Draft<T>, fields: string[]): Promise<T | null> => {
    if (draft.id === undefined) {
      if (!ready(draft)) return null;
      return create(draft);
    }
    const patch = Object.fromEntries(fields.map((f) => [f, draft[f as keyof T]])) as unknown as Partial<T>;
    return update(draft.id, patch);
  };

  const onCellValueChanged = async (e: CellValueChangedEvent<Draft<T>>) => {
    const draft = e.data;
    const field = (e.colDef.field ?? e.colDef.colId) as keyof T & string;
    if (!draft || !field) return;
    try {
      const saved = await save(draft, [field]);
      if (!saved) return notify({ kind: 'info', text: texts.required });
      if (draft.id !== undefined && !undoing.current)
        undoStack.current.push({ id: draft.id, field, oldValue: e.oldValue });
      replace(draft._key, { ...toDraft(saved), _key: draft._key });
      onChanged?.();
    } catch (err) {
      notify({ kind: 'error', text: errorText(err) });
      // Roll the cell back: what is shown is what is stored.
      replace(draft._key, { ...draft, [field]: e.oldValue });
    }
  };

  /** Ctrl+Z outside a cell editor: the last saved edit goes back, one at a time. */
  const undoLast = async () => {
    const edit = undoStack.current.pop();
    if (!edit) return notify({ kind: 'info', text: '没有可以撤销的修改。' });
    undoing.current = true;
    try {
      const saved = await update(edit.id, { [edit.field]: edit.oldValue } as Partial<T>);
      setRows((rs) => rs.map((r) => (r.id === edit.id ? { ...toDraft(saved), _key: r._key } : r)));
      onChanged?.();
      notify({ kind: 'info', text: `已撤销对“${describe(saved)}”的修改。` });
    } catch (err) {
      notify({ kind: 'error', text: errorText(err) });
    } finally {
      undoing.current = false;
    }
  };

  const onPaste = async (e: React.ClipboardEvent) => {
    const api = grid.current?.api;
    if (!api || api.getEditingCells().length > 0) return; // an open editor takes the paste itself
    const text = e.clipboardData.getData('text/plain');
    const result = applyPaste<Draft<T>>(
      api as GridApi<Draft<T>>,
      text,
      () => ({ _key: newKey() }) as Draft<T>,
      collect.current,
    );
    if (!result) return;
    e.preventDefault();
    if (result.errors.length) {
      notify({
        kind: 'error',
        text: `粘贴内容有 ${result.errors.length} 处错误，未保存任何一行：${result.errors.join('；')}`,
      });
      return;
    }
    let created = 0;
    let changed = 0;
    const failures: string[] = [];
    const saved: Draft<T>[] = [];
    for (const r of result.rows) {
      try {
        const s = await save(r.draft, r.fields);
        if (!s) {
          failures.push(`第 ${r.line} 行：${texts.required}`);
          continue;
        }
        if (r.existing?.id !== undefined) changed++;
        else created++;
        saved.push({ ...toDraft(s), _key: r.existing?._key ?? r.draft._key });
      } catch (err) {
        failures.push(`第 ${r.line} 行：${errorText(err)}`);
      }
    }
    setRows((rs) => {
      const byKey = new Map(saved.map((s) => [s._key, s]));
      const kept = rs.map((x) => byKey.get(x._key) ?? x);
      return [...kept, ...saved.filter((s) => !rs.some((x) => x._key === s._key))];
    });
    if (saved.length) onChanged?.();
    const summary = `已粘贴：新增 ${created} 行，修改 ${changed} 行。`;
    notify(
      failures.length
        ? { kind: 'error', text: `${summary}以下各行未保存：${failures.join('；')}` }
        : { kind: 'info', text: summary },
    );
  };

  const addRow = () => {
    const draft = { _key: newKey() } as Draft<T>;
    setRows((rs) => [...rs, draft]);
    setTimeout(() => {
      const api = grid.current?.api;
      const node = api?.getRowNode(draft._key);
      if (!api || !node || node.rowIndex === null) return;
      api.ensureIndexVisible(node.rowIndex);
      api.setFocusedCell(node.rowIndex, firstField);
      api.startEditingCell({ rowIndex: node.rowIndex, colKey: firstField });
    }, 0);
  };

  const deleteSelected = () => {
    const api = grid.current?.api;
    const focused = api?.getFocusedCell();
    const draft =
      api?.getSelectedRows()[0] ?? (focused ? api?.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined);
    if (!draft) return notify({ kind: 'info', text: zh.roster.selectFirst });
    if (draft.id === undefined) return setRows((rs) => rs.filter((r) => r._key !== draft._key));
    const name = describe(draft);
    setConfirm({
      title: zh.roster.confirmDeleteTitle,
      message: texts.confirmDelete(name),
      onConfirm: async () => {
        try {
          const gone = await remove(draft.id!);
          setRows((rs) => rs.filter((r) => r._key !== draft._key));
          onChanged?.();
          notify({
            kind: 'info',
            text: texts.deleted(name),
            action: {
              label: zh.undo,
              run: async () => {
                try {
                  await restore(gone);
                  await reload();
                  onChanged?.();
                  notify({ kind: 'info', text: zh.roster.restored(name) });
                } catch (err) {
                  notify({ kind: 'error', text: errorText(err) });
                }
              },
            },
          });
        } catch (err) {
          notify({ kind: 'error', text: errorText(err) });
        }
      },
    });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const api = grid.current?.api;
    if (!api || api.getEditingCells().length > 0) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      void undoLast();
    } else if (e.key === 'Delete' && e.shiftKey) {
      e.preventDefault();
      deleteSelected();
    }
  };

  const persist = () => grid.current?.api && saveColumnState(props.testId, grid.current.api as GridApi);

  return (
    <div className="entity-grid" data-testid={props.testId}>
      <div className="toolbar">
        <button className="primary" onClick={addRow} data-testid={`${props.testId}-add`}>
          ＋ {texts.add}
        </button>
        <button onClick={deleteSelected} data-testid={`${props.testId}-delete`}>
          {zh.roster.delete}
        </button>
        <button onClick={() => void undoLast()} title="撤销最近一次修改（Ctrl+Z）" data-testid={`${props.testId}-undo`}>
          撤销修改
        </button>
        <button onClick={() => grid.current?.api && exportCsv(grid.current.api as GridApi, texts.csvName)}>
          导出 CSV
        </button>
        {props.toolbar}
        <span className="toolbar-hint">可从 Excel/WPS 复制后在表格中按 Ctrl+V 粘贴</span>
        <span className="toolbar-count">{texts.count(rows.filter((r) => r.id !== undefined).length)}</span>
      </div>
      <div className="grid-box" onPaste={onPaste} onKeyDown={onKeyDown}>
        <LedgerGrid
          ref={grid}
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
      </div>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
