// What every ledger grid can do besides editing: remember column widths and order, export CSV.
import type { Column, GridApi } from 'ag-grid-community';
import { toCsv } from '../../../shared/format/tsv';
import { downloadBlob } from './download';

const key = (gridId: string) => `ledger.columns.${gridId}`;

export function saveColumnState(gridId: string, api: GridApi): void {
  try {
    localStorage.setItem(key(gridId), JSON.stringify(api.getColumnState()));
  } catch {
    /* storage full or unavailable: widths are a comfort, not data */
  }
}

export function restoreColumnState(gridId: string, api: GridApi): void {
  const saved = localStorage.getItem(key(gridId));
  if (!saved) return;
  try {
    api.applyColumnState({ state: JSON.parse(saved), applyOrder: true });
  } catch {
    localStorage.removeItem(key(gridId));
  }
}

/** The rows as shown (after filter and sort), with the shown column titles, as CSV for Excel. */
export function exportCsv(api: GridApi, fileName: string): void {
  const columns: Column[] = api.getAllDisplayedColumns();
  const rows: string[][] = [columns.map((c) => c.getColDef().headerName ?? c.getColId())];
  api.forEachNodeAfterFilterAndSort((node) => {
    if (!node.data) return;
    rows.push(
      columns.map((c) => {
        const v = api.getCellValue({ rowNode: node, colKey: c, useFormatter: true });
        return v === null || v === undefined ? '' : String(v);
      }),
    );
  });
  downloadBlob(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), fileName);
}
