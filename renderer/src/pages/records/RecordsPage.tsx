// 台账: every contact record, read page by page from the database (sorting and filtering in SQL), edited
// in place or in the form, pasted from Excel, deleted with 撤销, and turned into 督办 items.
import type { CellValueChangedEvent, FilterModel, GridApi, IDatasource, SortModelItem } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordFilters, RecordSortField } from '../../../../shared/api/records';
import type { LedgerRecord, RecordInput } from '../../../../shared/domain/record';
import { toCsv } from '../../../../shared/format/tsv';
import { api } from '../../api';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { useNotice, type Notice } from '../../components/Notice';
import { useLookups } from '../../data/lookups';
import { downloadBlob } from '../../grid/download';
import { restoreColumnState, saveColumnState } from '../../grid/gridTools';
import { LedgerGrid } from '../../grid/LedgerGrid';
import { applyPaste } from '../../grid/paste';
import { recordColumns, type RecordRow } from './recordColumns';
import { RecordForm } from './RecordForm';
import { WorkbookButtons } from './WorkbookButtons';
import { downloadDocument } from '../../data/printDocument';
import { Welcome } from '../../components/Welcome';

const SORTABLE: Record<string, RecordSortField> = {
  date: 'date',
  activityType: 'activityType',
  place: 'place',
  hours: 'hours',
  days: 'days',
  companions: 'companions',
};

export function RecordsPage({ onFollowUp }: { onFollowUp: () => void }) {
  const notify = useNotice();
  const lookups = useLookups();
  const grid = useRef<AgGridReact<RecordRow>>(null);
  const [year, setYear] = useState<number | ''>(new Date().getFullYear());
  const [cadre, setCadre] = useState('');
  const [total, setTotal] = useState(0);
  const [form, setForm] = useState<{ record: LedgerRecord | null } | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const collect = useRef<{ errors: string[] | null }>({ errors: null });
  const types = lookups.vocabulary.activityTypes;

  const cellNotify = useCallback(
    (n: Notice) => (collect.current.errors ? collect.current.errors.push(n.text) : notify(n)),
    [notify],
  );
  const columnDefs = useMemo(
    () =>
      recordColumns({ cadreOptions: lookups.cadreOptions, objectOptions: lookups.objectOptions, types }, cellNotify),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(lookups.cadreOptions), JSON.stringify(lookups.objectOptions), JSON.stringify(types), cellNotify],
  );

  const filtersFrom = useCallback(
    (model: FilterModel): RecordFilters => {
      const f: RecordFilters = {};
      if (year) f.year = year;
      if (cadre.trim()) f.cadre = cadre.trim();
      const text = (colId: string) => (model[colId] as { filter?: string } | undefined)?.filter?.trim() || undefined;
      if (text('cadreIds')) f.cadre = text('cadreIds');
      if (text('objectIds')) f.object = text('objectIds');
      if (text('place')) f.place = text('place');
      if (text('content')) f.text = text('content');
      const type = text('activityType');
      // An unknown type name matches nothing (an id no row has), rather than everything.
      if (type) f.activityTypeIds = [types.find((t) => t.name === type)?.id ?? 0x7fffffff];
      return f;
    },
    [year, cadre, types],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: async (p) => {
        const sort = p.sortModel
          .filter((s: SortModelItem) => SORTABLE[s.colId])
          .map((s: SortModelItem) => ({ field: SORTABLE[s.colId]!, dir: s.sort }));
        try {
          const page = await api.records.page({
            offset: p.startRow,
            limit: p.endRow - p.startRow,
            sort: sort.length ? sort : [{ field: 'date', dir: 'desc' }],
            filters: filtersFrom(p.filterModel as FilterModel),
          });
          setTotal(page.total);
          p.successCallback(page.rows, page.total);
        } catch (e) {
          notify({ kind: 'error', text: (e as Error).message });
          p.failCallback();
        }
      },
    }),
    [filtersFrom, notify],
  );

  const refresh = () => grid.current?.api.refreshInfiniteCache();
  const focusedRecord = (): LedgerRecord | null => {
    const a = grid.current?.api;
    const cell = a?.getFocusedCell();
    return ((cell ? a?.getDisplayedRowAtIndex(cell.rowIndex)?.data : undefined) as LedgerRecord | undefined) ?? null;
  };

  const onCellValueChanged = async (e: CellValueChangedEvent<RecordRow>) => {
    const r = e.data;
    const field = e.colDef.colId ?? e.colDef.field;
    if (!r?.id || !field) return;
    const keys: Record<string, (keyof RecordInput)[]> = {
      activityType: ['activityTypeId'],
      cadreIds: ['cadreIds'],
      objectIds: ['objectIds'],
    };
    const patch = Object.fromEntries(
      (keys[field] ?? [field as keyof RecordInput]).map((k) => [k, r[k as keyof RecordRow]]),
    );
    try {
      e.node.setData(await api.records.update({ id: r.id, patch }));
    } catch (err) {
      notify({ kind: 'error', text: (err as Error).message });
      e.node.setData(await api.records.get({ id: r.id }).catch(() => r as LedgerRecord));
    }
  };

  const onPaste = async (e: React.ClipboardEvent) => {
    const a = grid.current?.api as GridApi<RecordRow> | undefined;
    if (!a || a.getEditingCells().length > 0) return;
    // Pasted rows are always new records: the text lands from the focused column on.
    const text = e.clipboardData.getData('text/plain');
    const at = a.getFocusedCell();
    if (!at) return notify({ kind: 'info', text: '请先点一下要粘贴到的起始列（如“日期”），再按 Ctrl+V。' });
    const result = applyPaste<RecordRow>(a, text, () => ({}), collect.current);
    if (!result) return;
    e.preventDefault();
    const rows = result.rows.map((r) => ({ ...r, draft: r.existing ? { ...blankFrom(r.draft, r.fields) } : r.draft }));
    const errors = [...result.errors];
    // A cell already refused above is not reported again as missing.
    const said = (line: number, label: string) => errors.some((x) => x.startsWith(`第 ${line} 行「${label}」`));
    rows.forEach((r) => {
      if (!r.draft.date && !said(r.line, '日期')) errors.push(`第 ${r.line} 行「日期」不能为空。`);
      if (!r.draft.cadreIds?.length && !said(r.line, '领导干部')) errors.push(`第 ${r.line} 行「领导干部」不能为空。`);
      if (!r.draft.activityTypeId && !said(r.line, '类型')) errors.push(`第 ${r.line} 行「类型」不能为空。`);
    });
    if (errors.length)
      return notify({
        kind: 'error',
        text: `粘贴内容有 ${errors.length} 处错误，没有保存任何一条：${errors.join(' ')}`,
      });
    try {
      const { ids } = await api.records.createMany({ records: rows.map((r) => toInput(r.draft)) });
      refresh();
      notify({ kind: 'info', text: `已粘贴新增 ${ids.length} 条联系记录。` });
    } catch (err) {
      notify({ kind: 'error', text: `没有保存任何一条：${(err as Error).message}` });
    }
  };

  const deleteFocused = () => {
    const r = focusedRecord();
    if (!r) return notify({ kind: 'info', text: '请先选中要删除的记录。' });
    setConfirm({
      title: '确认删除',
      message: `确定要删除 ${r.date} ${r.cadreNames.join('、')} 的“${r.activityType}”记录吗？删除后可以立即撤销。`,
      onConfirm: async () => {
        try {
          const gone = await api.records.delete({ id: r.id });
          refresh();
          notify({
            kind: 'info',
            text: `已删除 ${r.date} 的联系记录。`,
            action: {
              label: '撤销',
              run: async () => {
                try {
                  await api.records.restore(gone);
                  refresh();
                  notify({ kind: 'info', text: '已恢复该联系记录。' });
                } catch (err) {
                  notify({ kind: 'error', text: (err as Error).message });
                }
              },
            },
          });
        } catch (err) {
          notify({ kind: 'error', text: (err as Error).message });
        }
      },
    });
  };

  /** 意见和建议 → 督办: the problem becomes an item to hand to a department. */
  const toFollowUp = async () => {
    const r = focusedRecord();
    if (!r) return notify({ kind: 'info', text: '请先选中一条记录。' });
    if (!r.opinions.trim()) return notify({ kind: 'info', text: '这条记录没有填写“意见和建议”。' });
    try {
      await api.followUps.create({
        raisedDate: r.date,
        recordId: r.id,
        source: `${r.date} ${r.cadreNames.join('、')} ${r.activityType}`,
        matter: r.opinions.trim(),
      });
      notify({ kind: 'info', text: '已转为督办事项，请在“督办”中选择承办部门和办理时限。' });
      onFollowUp();
    } catch (err) {
      notify({ kind: 'error', text: (err as Error).message });
    }
  };

  /** CSV of every record that passes the current filters, not only the rows on screen. */
  const exportAll = async () => {
    const a = grid.current?.api;
    if (!a) return;
    const filters = filtersFrom(a.getFilterModel());
    const columns = a.getAllDisplayedColumns();
    const rows: string[][] = [columns.map((c) => c.getColDef().headerName ?? '')];
    for (let offset = 0; ; offset += 1000) {
      const page = await api.records.page({ offset, limit: 1000, filters });
      for (const r of page.rows)
        rows.push(
          columns.map((c) => {
            const id = c.getColId();
            const v =
              id === 'cadreIds'
                ? r.cadreNames.join('、')
                : id === 'objectIds'
                  ? r.objectNames.join('、')
                  : (r as Record<string, unknown>)[id];
            return v === null || v === undefined ? '' : String(v);
          }),
        );
      if (page.rows.length < 1000) break;
    }
    downloadBlob(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), `联系记录${year ? `-${year}` : ''}.csv`);
  };

  // Alt+N opens a new record from anywhere on the page: the keyboard alone is enough.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key.toLowerCase() === 'n' && !form) {
        e.preventDefault();
        setForm({ record: null });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form]);

  return (
    <section className="page">
      <header className="page-header">
        <h1>台账</h1>
        <label className="field-inline">
          年度
          <select
            value={year}
            onChange={(e) => setYear(e.target.value ? Number(e.target.value) : '')}
            data-testid="records-year"
          >
            <option value="">全部</option>
            {Array.from({ length: 8 }, (_, i) => new Date().getFullYear() + 1 - i).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <input
          type="search"
          className="search-input"
          placeholder="领导干部：姓名或拼音（如 zs）"
          value={cadre}
          onChange={(e) => setCadre(e.target.value)}
          aria-label="按领导干部筛选"
          data-testid="records-cadre-filter"
        />
      </header>
      <Welcome onFilled={() => (refresh(), lookups.refresh())} />
      <div className="toolbar">
        <button className="primary" onClick={() => setForm({ record: null })} data-testid="record-add" title="Alt+N">
          ＋ 新增记录
        </button>
        <button
          onClick={() =>
            focusedRecord()
              ? setForm({ record: focusedRecord() })
              : notify({ kind: 'info', text: '请先选中一条记录。' })
          }
        >
          详情·附件
        </button>
        <button
          title="按 002 第三十二条《领导干部联系师生工作记录表》生成所选记录的 PDF"
          onClick={() => {
            const r = focusedRecord();
            if (!r) return notify({ kind: 'info', text: '请先选中一条记录。' });
            downloadDocument('记录表', { id: r.id }).catch((e: Error) => notify({ kind: 'error', text: e.message }));
          }}
          data-testid="record-print"
        >
          记录表
        </button>
        <button onClick={deleteFocused} data-testid="record-delete">
          删除
        </button>
        <button
          onClick={() => void toFollowUp()}
          data-testid="record-to-follow-up"
          title="把所选记录的“意见和建议”交给承办部门督办"
        >
          转督办
        </button>
        <button onClick={() => void exportAll()}>导出 CSV</button>
        <WorkbookButtons onImported={() => (refresh(), lookups.refresh())} />
        <span className="toolbar-hint" title="可从 Excel/WPS 复制多行，点“日期”列后按 Ctrl+V 粘贴为新记录">
          可粘贴 Excel 多行
        </span>
        <span className="toolbar-count" data-testid="record-count">
          共 {total} 条
        </span>
      </div>
      <div className="grid-box" onPaste={onPaste} data-testid="record-grid">
        <LedgerGrid
          ref={grid}
          key={`${year}|${cadre}`}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={100}
          maxBlocksInCache={50}
          getRowId={(p) => String(p.data.id)}
          columnDefs={columnDefs}
          onCellValueChanged={onCellValueChanged}
          onGridReady={(e) => restoreColumnState('record-grid', e.api as GridApi)}
          onColumnResized={(e) => e.finished && saveColumnState('record-grid', e.api as GridApi)}
          onColumnMoved={(e) => e.finished && saveColumnState('record-grid', e.api as GridApi)}
        />
      </div>
      {form && (
        <RecordForm
          record={form.record}
          cadreOptions={lookups.cadreOptions}
          objectOptions={lookups.objectOptions}
          types={types}
          onSaved={(_r, again) => {
            refresh();
            notify({ kind: 'info', text: '已保存联系记录。' });
            if (!again) setForm(null);
          }}
          onClose={() => setForm(null)}
        />
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}

function blankFrom(row: RecordRow, fields: string[]): RecordRow {
  const out: RecordRow = {};
  const keys: Record<string, (keyof RecordRow)[]> = {
    activityType: ['activityTypeId', 'activityType'],
    cadreIds: ['cadreIds', 'cadreNames'],
    objectIds: ['objectIds', 'objectNames'],
  };
  for (const f of fields)
    for (const k of keys[f] ?? [f as keyof RecordRow]) (out as Record<string, unknown>)[k] = row[k];
  return out;
}

function toInput(r: RecordRow): RecordInput {
  return {
    date: r.date!,
    startTime: r.startTime ?? null,
    endTime: r.endTime ?? null,
    activityTypeId: r.activityTypeId!,
    cadreIds: r.cadreIds ?? [],
    objectIds: r.objectIds ?? [],
    place: r.place ?? '',
    content: r.content ?? '',
    opinions: r.opinions ?? '',
    implementation: r.implementation ?? '',
    hours: r.hours ?? null,
    days: r.days ?? null,
    companions: r.companions ?? null,
  };
}
