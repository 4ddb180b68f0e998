// Text into cells, for every way text reaches a grid other than typing into an editor — paste, fill,
// clear, replace: each cell goes through its column's own parser (valueSetter), so it is checked exactly
// as a typed one, on a copy of the row; nothing changes until the page saves the copies as one change.
import type { Column, GridApi, IRowNode, ValueSetterParams } from 'ag-grid-community';

export interface CellWrite {
  column: Column;
  text: string;
}

/** The cells to write in one row: an existing row, or a new one (existing null). */
export interface RowPlan<T> {
  existing: T | null;
  node?: IRowNode<T> | null;
  /** Said before a refusal: 第 3 行, 第 12 行（张三）. */
  where: string;
  cells: CellWrite[];
}

export interface CellChange {
  header: string;
  before: string;
  after: string;
}

export interface SheetDraft<T> {
  /** The row as it will be (a copy). */
  draft: T;
  existing: T | null;
  /** The fields (or column ids, for reference columns) the write changed. */
  fields: string[];
  where: string;
  /** What a secretary reads in an overwrite preview: 职务 副院长 → 党委书记. */
  changes: CellChange[];
}

const shown = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The text a cell shows (names for references, 是/否 …), also for a row the grid has not loaded. */
export function displayText<T>(api: GridApi<T>, column: Column, data: T | null | undefined, node?: IRowNode<T> | null) {
  if (!data) return '';
  if (node?.data === data) return shown(api.getCellValue({ rowNode: node, colKey: column, useFormatter: true }));
  const def = column.getColDef();
  const base = { data, node: node ?? null, colDef: def, column, api, context: undefined };
  let value: unknown =
    typeof def.valueGetter === 'function'
      ? def.valueGetter({ ...base, getValue: (f: string) => (data as Record<string, unknown>)[f] } as never)
      : def.field
        ? (data as Record<string, unknown>)[def.field]
        : undefined;
  if (typeof def.valueFormatter === 'function') value = def.valueFormatter({ ...base, value } as never);
  return shown(value);
}

export const columnField = (column: Column) => {
  const def = column.getColDef();
  return def.colId ?? def.field ?? column.getColId();
};

export const isEditable = (column: Column) => column.getColDef().editable !== false;

/**
 * Applies each plan to a copy of its row through the columns' parsers. `collect` gathers the messages the
 * parsers would otherwise show one by one, so that every refused cell can be listed at once.
 */
export function parseRows<T extends object>(
  api: GridApi<T>,
  plans: RowPlan<T>[],
  makeRow: () => T,
  collect: { errors: string[] | null },
): { drafts: SheetDraft<T>[]; errors: string[] } {
  const drafts: SheetDraft<T>[] = [];
  const errors: string[] = [];
  collect.errors = [];
  try {
    for (const plan of plans) {
      const draft = plan.existing ? ({ ...plan.existing } as T) : makeRow();
      const fields: string[] = [];
      const changes: CellChange[] = [];
      for (const { column, text } of plan.cells) {
        if (!isEditable(column)) continue;
        const def = column.getColDef();
        const field = columnField(column);
        const before = displayText(api, column, plan.existing, plan.node);
        if (plan.existing && before === text.trim()) continue;
        const said = collect.errors!.length;
        const ok =
          typeof def.valueSetter === 'function'
            ? def.valueSetter({
                data: draft,
                newValue: text,
                oldValue: before,
                colDef: def,
                column,
                node: plan.node ?? null,
                api,
                context: undefined,
              } as unknown as ValueSetterParams<T>)
            : ((draft as Record<string, unknown>)[def.field ?? field] = text.trim()) !== undefined;
        if (!ok) {
          const why = collect.errors!.slice(said).join('；') || `「${def.headerName ?? field}」无法识别“${text}”。`;
          errors.push(`${plan.where}${why}`);
          continue;
        }
        fields.push(field);
        changes.push({ header: def.headerName ?? field, before, after: text.trim() });
      }
      if (fields.length) drafts.push({ draft, existing: plan.existing, fields, where: plan.where, changes });
    }
  } finally {
    collect.errors = null;
  }
  return { drafts, errors };
}
