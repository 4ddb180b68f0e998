// The columns of 联系记录, shared by the grid and by paste: each parses what is typed or pasted.
import type { ColDef, ValueSetterParams } from 'ag-grid-community';
import type { LedgerRecord } from '../../../../shared/domain/record';
import type { Notice } from '../../components/Notice';
import type { Option } from '../../data/lookups';
import { dateColumn, numberColumn, textColumn } from '../../grid/cells';

type Notify = (n: Notice) => void;
export type RecordRow = Partial<LedgerRecord>;

const TIME = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;

function timeColumn(field: 'startTime' | 'endTime', headerName: string, notify: Notify): ColDef<RecordRow> {
  return {
    field,
    headerName,
    width: 104,
    valueSetter: (p: ValueSetterParams<RecordRow>) => {
      const v = String(p.newValue ?? '').trim();
      if (!v) return ((p.data[field] = null), true);
      const m = TIME.exec(v);
      if (!m) {
        notify({ kind: 'error', text: `「${headerName}」“${v}”不是有效时间，请按 15:00 填写。` });
        return false;
      }
      p.data[field] = `${m[1]!.padStart(2, '0')}:${m[2]}`;
      return true;
    },
  };
}

/** Several names in one cell (张三、李四), each looked up; an unknown name is refused. */
function namesColumn(
  idsField: 'cadreIds' | 'objectIds',
  namesField: 'cadreNames' | 'objectNames',
  headerName: string,
  options: readonly Option[],
  notify: Notify,
  required: boolean,
  width: number,
): ColDef<RecordRow> {
  const byName = new Map(options.map((o) => [o.name, o.id]));
  const byId = new Map(options.map((o) => [o.id, o.name]));
  return {
    colId: idsField,
    headerName,
    width,
    filter: 'agTextColumnFilter',
    filterParams: { filterOptions: ['contains'], maxNumConditions: 1 },
    valueGetter: (p) => (p.data?.[idsField] ?? []).map((id) => byId.get(id) ?? '').join('、'),
    valueSetter: (p: ValueSetterParams<RecordRow>) => {
      const names = String(p.newValue ?? '')
        .split(/[、,，;；\n]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (required && names.length === 0) {
        notify({ kind: 'error', text: `「${headerName}」不能为空。` });
        return false;
      }
      const unknown = names.filter((n) => !byName.has(n));
      if (unknown.length) {
        notify({ kind: 'error', text: `「${headerName}」中没有：${unknown.map((n) => `“${n}”`).join('、')}。` });
        return false;
      }
      p.data[idsField] = names.map((n) => byName.get(n)!);
      p.data[namesField] = names;
      return true;
    },
  };
}

export function recordColumns(
  lookups: { cadreOptions: readonly Option[]; objectOptions: readonly Option[]; types: readonly Option[] },
  notify: Notify,
): ColDef<RecordRow>[] {
  const typeByName = new Map(lookups.types.map((t) => [t.name, t.id]));
  return [
    { ...dateColumn<RecordRow>('date', '日期', notify), pinned: 'left', sortable: true, filter: false },
    timeColumn('startTime', '开始时间', notify),
    timeColumn('endTime', '结束时间', notify),
    { ...namesColumn('cadreIds', 'cadreNames', '领导干部', lookups.cadreOptions, notify, true, 150), sortable: false },
    {
      field: 'activityType',
      colId: 'activityType',
      headerName: '类型',
      width: 100,
      filter: 'agTextColumnFilter',
      filterParams: { filterOptions: ['equals'], maxNumConditions: 1 },
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: lookups.types.map((t) => t.name) },
      valueSetter: (p: ValueSetterParams<RecordRow>) => {
        const v = String(p.newValue ?? '').trim();
        const id = typeByName.get(v);
        if (id === undefined) {
          notify({ kind: 'error', text: `「类型」只能是：${lookups.types.map((t) => t.name).join('、')}。` });
          return false;
        }
        p.data.activityTypeId = id;
        p.data.activityType = v;
        return true;
      },
    },
    {
      ...textColumn<RecordRow>('place', '地点', 150),
      filter: 'agTextColumnFilter',
      filterParams: { filterOptions: ['contains'], maxNumConditions: 1 },
    },
    {
      ...namesColumn('objectIds', 'objectNames', '联系对象', lookups.objectOptions, notify, false, 170),
      sortable: false,
    },
    numberColumn<RecordRow>('hours', '学时', notify, { width: 80 }),
    numberColumn<RecordRow>('days', '天数', notify, { width: 80 }),
    numberColumn<RecordRow>('companions', '随员人数', notify, { integer: true, width: 110 }),
    {
      ...textColumn<RecordRow>('content', '联系工作开展情况', 240),
      sortable: false,
      filter: 'agTextColumnFilter',
      filterParams: { filterOptions: ['contains'], maxNumConditions: 1 },
    },
    { ...textColumn<RecordRow>('opinions', '意见和建议', 200), sortable: false, filter: false },
    { ...textColumn<RecordRow>('implementation', '落实情况', 200), sortable: false, filter: false },
    { field: 'attachmentCount', headerName: '附件', width: 70, editable: false, sortable: false, filter: false },
  ];
}
