// 台账: every contact record, read page by page from the database (sorting and filtering in SQL), edited
// in place or in the form, pasted from Excel, deleted with 撤销, and turned into 督办 items.
import type { CellValueChangedEvent, FilterModel, GridApi, IDatasource, SortModelItem } from 'ag-grid-community';
import type { BatchCall } from '../../../../shared/api/changes';
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
import { applyChange, latestChange, ledgerChanged, undoAction, useLedgerChanged } from '../../grid/history';
import type { SheetDraft } from '../../grid/paste';
import { Sheet, type SheetSource } from '../../grid/Sheet';
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

  // The year and the cadre box give the grid a new datasource, and the grid reads its rows again; the
  // grid itself stays, so its column filters and sort stay too (it used to be rebuilt, losing them).
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: async (p) => {
        try {
          const page = await api.records.page({
            offset: p.startRow,
            limit: p.endRow - p.startRow,
            sort: sortFrom(p.sortModel),
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
  // A change saved or undone elsewhere (an undo, a paste) shows at once; this grid's own cell edits
  // already show.
  const self = useMemo(() => ({}), []);
  useLedgerChanged(() => {
    refresh();
    lookups.refresh();
  }, self);
  const focusedRecord = (): LedgerRecord | null => {
    const a = grid.current?.api;
    const cell = a?.getFocusedCell();
    return ((cell ? a?.getDisplayedRowAtIndex(cell.rowIndex)?.data : undefined) as LedgerRecord | undefined) ?? null;
  };

  const onCellValueChanged = async (e: CellValueChangedEvent<RecordRow>) => {
    const r = e.data;
    const field = e.colDef.colId ?? e.colDef.field;
    if (!r?.id || !field) return;
    const patch = Object.fromEntries(
      (PATCH_KEYS[field] ?? [field as keyof RecordInput]).map((k) => [k, r[k as keyof RecordRow]]),
    );
    try {
      e.node.setData(await api.records.update({ id: r.id, patch }));
      ledgerChanged(self);
    } catch (err) {
      notify({ kind: 'error', text: (err as Error).message });
      e.node.setData(await api.records.get({ id: r.id }).catch(() => r as LedgerRecord));
    }
  };

  /**
   * Rows pasted, filled or cleared, saved as one change: a new row needs 日期, 领导干部 and 类型; an
   * existing one is patched in the fields written.
   */
  const commit = async (drafts: SheetDraft<RecordRow>[], label: string) => {
    const problems: string[] = [];
    const calls: BatchCall[] = drafts.map((d) => {
      if (d.existing?.id) {
        const patch = Object.fromEntries(
          d.fields.flatMap((f) =>
            (PATCH_KEYS[f] ?? [f as keyof RecordInput]).map((k) => [k, d.draft[k as keyof RecordRow]]),
          ),
        );
        return { method: 'records.update', input: { id: d.existing.id, patch }, where: d.where };
      }
      if (!d.draft.date) problems.push(`${d.where}「日期」不能为空。`);
      if (!d.draft.cadreIds?.length) problems.push(`${d.where}「领导干部」不能为空。`);
      if (!d.draft.activityTypeId) problems.push(`${d.where}「类型」不能为空。`);
      return { method: 'records.create', input: toInput(d.draft), where: d.where };
    });
    if (problems.length) throw new Error(`有 ${problems.length} 处错误：${problems.join(' ')}`);
    return applyChange(label, calls);
  };

  /** Rows at displayed indexes: those loaded from the grid, the others read under the same sort and filters. */
  const rowsAt = async (start: number, end: number): Promise<(RecordRow | undefined)[]> => {
    const a = grid.current?.api;
    if (!a) return [];
    const out: (RecordRow | undefined)[] = Array.from(
      { length: Math.max(0, end - start) },
      (_, i) => a.getDisplayedRowAtIndex(start + i)?.data,
    );
    const missing = out.findIndex((r) => !r);
    if (missing < 0) return out;
    const sortModel = a
      .getColumnState()
      .filter((c) => c.sort)
      .sort((x, y) => (x.sortIndex ?? 0) - (y.sortIndex ?? 0))
      .map((c) => ({ colId: c.colId, sort: c.sort! }));
    for (let offset = start + missing; offset < end; offset += 1000) {
      const page = await api.records.page({
        offset,
        limit: Math.min(1000, end - offset),
        sort: sortFrom(sortModel),
        filters: filtersFrom(a.getFilterModel()),
      });
      page.rows.forEach((r, i) => (out[offset - start + i] ??= r));
      if (page.rows.length < 1000) break;
    }
    return out;
  };

  // 显示全部 (find): resolved once the page has drawn itself with every filter lifted.
  const liftedAll = useRef<(() => void) | null>(null);
  const [, setLifted] = useState(0);
  useEffect(() => {
    liftedAll.current?.();
    liftedAll.current = null;
  });
  const columnFilters = () => grid.current?.api.getFilterModel() ?? {};

  const source: SheetSource<RecordRow> = {
    id: 'record-grid',
    noun: '联系记录',
    measure: '条',
    table: 'records',
    rowsAt,
    total: () => total,
    describe: (r) => [r.date, r.cadreNames?.join('、'), r.activityType].filter(Boolean).join(' '),
    idOf: (r) => r.id,
    blank: () => ({}),
    commit,
    collect: collect.current,
    paged: {
      count: async () => (await api.records.page({ offset: 0, limit: 1, filters: filtersFrom(columnFilters()) })).total,
      filtered: () => year !== '' || cadre.trim() !== '' || Object.keys(columnFilters()).length > 0,
      unfiltered: async () => {
        const rows: RecordRow[] = [];
        for (let offset = 0; offset < UNFILTERED_LIMIT; offset += 1000) {
          const page = await api.records.page({ offset, limit: 1000, filters: {} });
          rows.push(...page.rows);
          if (page.rows.length < 1000) break;
        }
        return rows;
      },
      showAll: () =>
        new Promise<void>((resolve) => {
          liftedAll.current = resolve;
          setYear('');
          setCadre('');
          grid.current?.api.setFilterModel(null);
          setLifted((n) => n + 1);
        }),
    },
  };

  const deleteFocused = () => {
    const r = focusedRecord();
    if (!r) return notify({ kind: 'info', text: '请先选中要删除的记录。' });
    setConfirm({
      title: '确认删除',
      message: `确定要删除 ${r.date} ${r.cadreNames.join('、')} 的“${r.activityType}”记录吗？删除后可以立即撤销。`,
      onConfirm: async () => {
        try {
          await api.records.delete({ id: r.id });
          const change = await latestChange();
          ledgerChanged();
          notify({ kind: 'info', text: `已删除 ${r.date} 的联系记录。`, action: undoAction(notify, change) });
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
      <Sheet<RecordRow>
        source={source}
        gridRef={grid}
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

/** Find reads at most this many records of the whole ledger to count what the filters hide. */
const UNFILTERED_LIMIT = 50_000;

/** The fields of a record a column writes (a reference column writes ids). */
const PATCH_KEYS: Record<string, (keyof RecordInput)[]> = {
  activityType: ['activityTypeId'],
  cadreIds: ['cadreIds'],
  objectIds: ['objectIds'],
};

function sortFrom(
  model: readonly Pick<SortModelItem, 'colId' | 'sort'>[],
): { field: RecordSortField; dir: 'asc' | 'desc' }[] {
  const sort = model.filter((s) => SORTABLE[s.colId]).map((s) => ({ field: SORTABLE[s.colId]!, dir: s.sort }));
  return sort.length ? sort : [{ field: 'date', dir: 'desc' }];
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
