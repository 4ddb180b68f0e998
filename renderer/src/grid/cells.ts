// Column helpers for the kinds of cells the ledger has: dates, yes/no, lists, references by name.
// Each parses what a secretary types and refuses, in place and in Chinese, what it cannot read.
import type { ColDef, ValueSetterParams } from 'ag-grid-community';
import { parseLooseDate } from '../../../shared/format/date';
import type { Notice } from '../components/Notice';
import { zh } from '../i18n/zh';

type Notify = (n: Notice) => void;
type Row = Record<string, unknown>;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v)).trim();

export function textColumn<T>(
  field: string,
  headerName: string,
  width = 140,
  required = false,
  notify?: Notify,
): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width,
    valueSetter: (p: ValueSetterParams<T>) => {
      const v = text(p.newValue);
      if (required && !v && (p.data as Row).id !== undefined) {
        notify?.({ kind: 'error', text: `「${headerName}」不能为空。` });
        return false;
      }
      (p.data as Row)[field] = v;
      return true;
    },
  };
}

export function dateColumn<T>(field: string, headerName: string, notify: Notify): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width: 130,
    filter: 'agTextColumnFilter',
    valueSetter: (p: ValueSetterParams<T>) => {
      const v = text(p.newValue);
      if (!v) {
        (p.data as Row)[field] = null;
        return true;
      }
      const iso = parseLooseDate(v);
      if (!iso) {
        notify({ kind: 'error', text: zh.invalidDate(headerName, v) });
        return false;
      }
      (p.data as Row)[field] = iso;
      return true;
    },
  };
}

export function yesNoColumn<T>(field: string, headerName: string, notify: Notify): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width: 80,
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values: [zh.yes, zh.no] },
    valueGetter: (p) =>
      (p.data as Row | undefined)?.[field] === false
        ? zh.no
        : (p.data as Row | undefined)?.[field] === true
          ? zh.yes
          : '',
    valueSetter: (p: ValueSetterParams<T>) => {
      const v = text(p.newValue);
      if (v !== zh.yes && v !== zh.no) {
        notify({ kind: 'error', text: zh.invalidYesNo(headerName) });
        return false;
      }
      (p.data as Row)[field] = v === zh.yes;
      return true;
    },
  };
}

/** A list typed as 党委书记、分管教学 (、 , ， or spaces between items). */
export function listColumn<T>(field: string, headerName: string, width = 180): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width,
    valueGetter: (p) => (((p.data as Row | undefined)?.[field] as string[] | undefined) ?? []).join('、'),
    valueSetter: (p: ValueSetterParams<T>) => {
      (p.data as Row)[field] = text(p.newValue)
        .split(/[、,，;；\s]+/)
        .filter(Boolean);
      return true;
    },
  };
}

/** A reference to another entity, shown and typed by name, stored as its id. */
export function refColumn<T>(
  field: string,
  headerName: string,
  options: readonly { id: number; name: string }[],
  notify: Notify,
  unknownMessage: (v: string) => string,
  width = 160,
): ColDef<T> {
  const byName = new Map(options.map((o) => [o.name, o.id]));
  const byId = new Map(options.map((o) => [o.id, o.name]));
  return {
    colId: field,
    headerName,
    width,
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values: ['', ...options.map((o) => o.name)] },
    valueGetter: (p) => {
      const id = (p.data as Row | undefined)?.[field] as number | null | undefined;
      return id ? (byId.get(id) ?? '') : '';
    },
    valueSetter: (p: ValueSetterParams<T>) => {
      const v = text(p.newValue);
      if (!v) {
        (p.data as Row)[field] = null;
        return true;
      }
      const id = byName.get(v);
      if (id === undefined) {
        notify({ kind: 'error', text: unknownMessage(v) });
        return false;
      }
      (p.data as Row)[field] = id;
      return true;
    },
  };
}

/** A choice from a fixed list (类别, 状态 …); typing something else is refused. */
export function choiceColumn<T>(
  field: string,
  headerName: string,
  choices: readonly string[],
  notify: Notify,
  width = 120,
): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width,
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values: [...choices] },
    valueSetter: (p: ValueSetterParams<T>) => {
      const v = text(p.newValue);
      if (!choices.includes(v)) {
        notify({ kind: 'error', text: `「${headerName}」只能是：${choices.join('、')}。` });
        return false;
      }
      (p.data as Row)[field] = v;
      return true;
    },
  };
}

/** A whole number of working days, 学时, 天数 …; empty means not filled in. */
export function numberColumn<T>(
  field: string,
  headerName: string,
  notify: Notify,
  opts: { integer?: boolean; width?: number } = {},
): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width: opts.width ?? 90,
    type: 'numericColumn',
    filter: 'agNumberColumnFilter',
    valueSetter: (p: ValueSetterParams<T>) => {
      const v = text(p.newValue);
      if (!v) {
        (p.data as Row)[field] = null;
        return true;
      }
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || (opts.integer && !Number.isInteger(n))) {
        notify({ kind: 'error', text: `「${headerName}」“${v}”不是有效的${opts.integer ? '整数' : '数字'}。` });
        return false;
      }
      (p.data as Row)[field] = n;
      return true;
    },
  };
}
