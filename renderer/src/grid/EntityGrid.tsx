// A grid of one kind of entity, edited in place: each change is saved at once, a refused change is
// rolled back with the backend's Chinese message, and a deletion is confirmed and can be undone.
import type { CellValueChangedEvent, ColDef, GetRowIdParams } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from '../components/ConfirmDialog';
import { useNotice } from '../components/Notice';
import { zh } from '../i18n/zh';
import { LedgerGrid } from './LedgerGrid';

export type Draft<T> = Partial<T> & { _key: string };

export interface EntityGridProps<T extends { id: number }> {
  testId: string;
  columns: ColDef<Draft<T>>[];
  load: () => Promise<T[]>;
  create: (draft: Draft<T>) => Promise<T>;
  update: (id: number, patch: Partial<T>) => Promise<T>;
  remove: (id: number) => Promise<T>;
  restore: (row: T) => Promise<T>;
  /** The field a new row starts with, and without which it is not saved (姓名, 名称). */
  firstField: keyof T & string;
  describe: (row: Partial<T>) => string;
  texts: {
    add: string;
    count: (n: number) => string;
    confirmDelete: (name: string) => string;
    deleted: (name: string) => string;
    required: string;
  };
  /** Called after any successful write, so that pages can refresh what depends on it. */
  onChanged?: () => void;
}

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;
const toDraft = <T extends { id: number }>(row: T): Draft<T> => ({ ...row, _key: `id-${row.id}` });
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function EntityGrid<T extends { id: number }>(props: EntityGridProps<T>) {
  const { load, create, update, remove, restore, firstField, describe, texts, onChanged } = props;
  const notify = useNotice();
  const grid = useRef<AgGridReact<Draft<T>>>(null);
  const [rows, setRows] = useState<Draft<T>[]>([]);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);

  const replace = (key: string, next: Draft<T>) => setRows((rs) => rs.map((r) => (r._key === key ? next : r)));

  const reload = useCallback(async () => {
    try {
      setRows((await load()).map(toDraft));
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    }
  }, [load, notify]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const onCellValueChanged = async (e: CellValueChangedEvent<Draft<T>>) => {
    const draft = e.data;
    const field = (e.colDef.field ?? e.colDef.colId) as keyof T & string;
    if (!draft || !field) return;
    try {
      if (draft.id === undefined) {
        if (!String(draft[firstField] ?? '').trim()) {
          notify({ kind: 'info', text: texts.required });
          return;
        }
        const saved = await create(draft);
        replace(draft._key, { ...toDraft(saved), _key: draft._key });
      } else {
        const saved = await update(draft.id, { [field]: draft[field] } as Partial<T>);
        replace(draft._key, { ...toDraft(saved), _key: draft._key });
      }
      onChanged?.();
    } catch (err) {
      notify({ kind: 'error', text: errorText(err) });
      // Roll the cell back: what is shown is what is stored.
      replace(draft._key, { ...draft, [field]: e.oldValue });
    }
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
    const draft = grid.current?.api.getSelectedRows()[0];
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

  return (
    <div className="entity-grid" data-testid={props.testId}>
      <div className="toolbar">
        <button className="primary" onClick={addRow} data-testid={`${props.testId}-add`}>
          ＋ {texts.add}
        </button>
        <button onClick={deleteSelected} data-testid={`${props.testId}-delete`}>
          {zh.roster.delete}
        </button>
        <span className="toolbar-count">{texts.count(rows.filter((r) => r.id !== undefined).length)}</span>
      </div>
      <div className="grid-box">
        <LedgerGrid
          ref={grid}
          rowData={rows}
          columnDefs={props.columns}
          getRowId={(p: GetRowIdParams<Draft<T>>) => p.data._key}
          onCellValueChanged={onCellValueChanged}
        />
      </div>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
