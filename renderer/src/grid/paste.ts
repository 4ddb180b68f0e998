// Paste from Excel/WPS (AG Grid Community has no clipboard module): tab-separated text lands at the
// focused cell, row by row, through each column's own parser, so a pasted cell is checked exactly as a
// typed one. Pasting past the last row adds rows.
import type { Column, GridApi, ValueSetterParams } from 'ag-grid-community';
import { parseTsv } from '../../../shared/format/tsv';

export interface PastedRow<T> {
  /** The row as it will be after the paste (a copy; nothing is changed until it is saved). */
  draft: T;
  /** Existing row pasted over, or null for a new row. */
  existing: T | null;
  /** Fields the paste changed. */
  fields: string[];
  /** The line of the pasted text, from 1. */
  line: number;
}

export interface PasteResult<T> {
  rows: PastedRow<T>[];
  errors: string[];
}

/**
 * Applies pasted text to copies of the rows, column by column from the focused cell. `collect` gathers the
 * messages the columns' parsers would otherwise show, so that every refused cell can be listed.
 */
export function applyPaste<T extends object>(
  api: GridApi<T>,
  text: string,
  makeRow: () => T,
  collect: { errors: string[] | null },
): PasteResult<T> | null {
  const focused = api.getFocusedCell();
  if (!focused || focused.rowIndex === null || focused.rowPinned) return null;
  const table = parseTsv(text);
  if (table.length === 0) return null;
  const columns: Column[] = api.getAllDisplayedColumns();
  const start = columns.findIndex((c) => c.getColId() === focused.column.getColId());
  const rows: PastedRow<T>[] = [];
  const errors: string[] = [];
  collect.errors = [];
  try {
    table.forEach((cells, i) => {
      const node = api.getDisplayedRowAtIndex(focused.rowIndex + i);
      const existing = (node?.data as T | undefined) ?? null;
      const draft = existing ? ({ ...existing } as T) : makeRow();
      const fields: string[] = [];
      cells.forEach((value, j) => {
        const column = columns[start + j];
        if (!column) return;
        const def = column.getColDef();
        if (def.editable === false) return;
        const field = def.field ?? def.colId ?? column.getColId();
        const before = collect.errors!.length;
        const ok =
          typeof def.valueSetter === 'function'
            ? def.valueSetter({
                data: draft,
                newValue: value,
                oldValue: undefined,
                colDef: def,
                column,
                node: node ?? null,
                api,
              } as unknown as ValueSetterParams<T>)
            : ((draft as Record<string, unknown>)[field] = value.trim()) !== undefined;
        if (!ok) {
          const why = collect.errors!.slice(before).join('；') || `「${def.headerName ?? field}」无法识别“${value}”。`;
          errors.push(`第 ${i + 1} 行${why}`);
        } else fields.push(field);
      });
      rows.push({ draft, existing, fields, line: i + 1 });
    });
  } finally {
    collect.errors = null;
  }
  return { rows, errors };
}
