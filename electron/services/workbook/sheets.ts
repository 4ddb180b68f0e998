// The six sheets of the ledger workbook (workbook.md): their Chinese names, headers and column widths.

export type Cell = string | number | boolean | Date | null;

export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  width: number;
  /** A column added after workbook.md's template: a workbook without it still imports (the field left empty). */
  optional?: boolean;
}

export interface SheetSpec<K extends string = string> {
  name: string;
  columns: readonly ColumnSpec<K>[];
}

const col = <K extends string>(key: K, header: string, width = 12, optional = false): ColumnSpec<K> =>
  optional ? { key, header, width, optional } : { key, header, width };

export const unitSheet = {
  name: '单位',
  columns: [
    col('name', '名称', 24),
    col('category', '类别', 14),
    col('parent', '上级单位', 24),
    col('note', '备注', 30),
  ],
} as const satisfies SheetSpec;

export const cadreSheet = {
  name: '干部',
  columns: [
    col('name', '姓名', 10),
    col('title', '职务', 24),
    col('level', '级别', 10),
    col('roles', '角色', 30),
    col('unit', '所在单位', 24),
    col('partyMember', '党员', 6),
    col('termStart', '任职开始', 12),
    col('termEnd', '任职结束', 12),
    col('note', '备注', 24),
  ],
} as const satisfies SheetSpec;

export const objectSheet = {
  name: '联系对象',
  columns: [
    col('name', '名称', 24),
    col('category', '类别', 16),
    col('unit', '所属单位', 24),
    col('grade', '年级', 8),
    col('note', '备注', 30),
  ],
} as const satisfies SheetSpec;

export const assignmentSheet = {
  name: '联系点',
  columns: [
    col('year', '年度', 8),
    col('cadre', '干部', 16),
    col('object', '联系对象', 28),
    col('slot', '联系类型', 16),
    col('startDate', '开始日期', 12),
    col('endDate', '结束日期', 12),
    col('note', '备注', 24),
  ],
} as const satisfies SheetSpec;

export const recordSheet = {
  name: '联系记录',
  columns: [
    col('date', '日期', 12),
    col('startTime', '开始时间', 9),
    col('endTime', '结束时间', 9),
    col('cadres', '领导干部', 20),
    col('type', '类型', 12),
    col('place', '地点', 20),
    col('objects', '联系对象', 28),
    col('hours', '学时', 6),
    col('days', '天数', 6),
    col('companions', '随员人数', 8),
    col('content', '联系工作开展情况', 50),
    col('opinions', '意见和建议', 40),
    col('implementation', '落实情况', 40),
  ],
} as const satisfies SheetSpec;

export const followUpSheet = {
  name: '督办事项',
  columns: [
    col('raisedDate', '提出日期', 12),
    col('source', '来源', 30),
    col('matter', '事项', 40),
    col('raiser', '反映人', 12),
    col('department', '承办部门', 20),
    col('limitDays', '办理时限（工作日）', 10),
    col('assignedDate', '交办日期', 12),
    col('feedbackDate', '反馈日期', 12),
    col('closedDate', '办结日期', 12),
    col('status', '状态', 8),
    col('result', '办理结果', 40),
    col('extendedDate', '延期至', 12, true),
  ],
} as const satisfies SheetSpec;

/** In the order the importer resolves them: each sheet refers only to the ones before it. */
export const SHEETS = [unitSheet, cadreSheet, objectSheet, assignmentSheet, recordSheet, followUpSheet] as const;

export type SheetKey<S extends SheetSpec> = S['columns'][number]['key'];
/** One row of a sheet, by column key, as the importer reads it (Excel row number kept for errors). */
export type SheetRow<S extends SheetSpec> = { [K in SheetKey<S>]?: Cell };

export interface LedgerSheets {
  units: SheetRow<typeof unitSheet>[];
  cadres: SheetRow<typeof cadreSheet>[];
  objects: SheetRow<typeof objectSheet>[];
  assignments: SheetRow<typeof assignmentSheet>[];
  records: SheetRow<typeof recordSheet>[];
  followUps: SheetRow<typeof followUpSheet>[];
}

/** Row numbers as Excel shows them, parallel to the rows of LedgerSheets. */
export type RowNumbers = { [K in keyof LedgerSheets]: number[] };

export const SHEET_OF: { [K in keyof LedgerSheets]: SheetSpec } = {
  units: unitSheet,
  cadres: cadreSheet,
  objects: objectSheet,
  assignments: assignmentSheet,
  records: recordSheet,
  followUps: followUpSheet,
};

/** Header text is matched with every space removed (half- and full-width) and brackets made full-width. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

/** Several values in one cell are separated by 、 or , or ，. */
export const LIST_SEPARATOR = /[、,，]/;

/** Sheets the workbook may carry besides the six: the template's explanations. */
export const NOTES_SHEET = '说明';
