// AG Grid as every page of the ledger uses it: Chinese locale, one theme, Excel-like keys.
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { themeQuartz, type GridOptions } from 'ag-grid-community';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { forwardRef, useMemo } from 'react';

export const ledgerTheme = themeQuartz.withParams({
  fontFamily: ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'sans-serif'],
  fontSize: 14,
  headerFontWeight: 600,
  rowHeight: 34,
  headerHeight: 36,
  accentColor: '#b3261e',
  headerBackgroundColor: '#f6f3ef',
  oddRowBackgroundColor: '#fcfbf9',
});

const defaults: GridOptions = {
  localeText: AG_GRID_LOCALE_CN,
  theme: ledgerTheme,
  stopEditingWhenCellsLoseFocus: true,
  // The ledger's grids have at most ~15 columns: render them all (rows stay virtual).
  suppressColumnVirtualisation: true,
  enterNavigatesVertically: true,
  enterNavigatesVerticallyAfterEdit: true,
  rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true },
  defaultColDef: { sortable: true, filter: true, resizable: true, editable: true, minWidth: 80 },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const LedgerGrid = forwardRef<AgGridReact<any>, AgGridReactProps<any>>(function LedgerGrid(props, ref) {
  // The same object across renders: a new one makes the grid rebuild its columns on every render.
  const own = props.defaultColDef;
  const defaultColDef = useMemo(() => ({ ...defaults.defaultColDef, ...own }), [own]);
  return <AgGridReact ref={ref} {...defaults} {...props} defaultColDef={defaultColDef} />;
});
