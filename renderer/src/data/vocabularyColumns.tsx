// Grid columns whose values come from the institution's lists (级别, 角色, 单位类别, 对象类别): picked from a
// drop-down (one value) or a checklist (several), and a typed or pasted value the list lacks is refused in
// place, naming the allowed ones and where to add a new one.
import type { ColDef, ValueSetterParams } from 'ag-grid-community';
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useState } from 'react';
import { VOCABULARY_LABELS, type VocabularyList } from '../../../shared/domain/vocabulary';
import type { Notice } from '../components/Notice';

type Notify = (n: Notice) => void;
type Row = Record<string, unknown>;

const SEPARATOR = /[、,，;；\n]+/;

export function notListedText(
  headerName: string,
  list: VocabularyList,
  value: string,
  names: readonly string[],
): string {
  const label = VOCABULARY_LABELS[list];
  return names.length
    ? `「${headerName}」“${value}”不在本单位的${label}列表中。可选：${names.join('、')}。如需新的${label}，请在“设置 → 词汇”中添加。`
    : `「${headerName}」本单位的${label}列表还是空的。请先在“设置 → 词汇”中添加${label}。`;
}

/** One value from a list, or empty. */
export function vocabularyColumn<T>(
  field: string,
  headerName: string,
  list: VocabularyList,
  names: readonly string[],
  notify: Notify,
  width = 120,
): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width,
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values: ['', ...names] },
    valueSetter: (p: ValueSetterParams<T>) => {
      const v = String(p.newValue ?? '').trim();
      if (v && !names.includes(v) && v !== (p.data as Row)[field]) {
        notify({ kind: 'error', text: notListedText(headerName, list, v, names) });
        return false;
      }
      (p.data as Row)[field] = v;
      return true;
    },
  };
}

/** The checklist a several-values cell opens: tick the values, Enter or a click elsewhere keeps them. */
function ChecklistEditor(props: CustomCellEditorProps & { names: readonly string[]; label: string }) {
  const initial = String(props.value ?? '')
    .split(SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);
  const [picked, setPicked] = useState<string[]>(initial);
  const toggle = (name: string) => {
    const next = picked.includes(name) ? picked.filter((x) => x !== name) : [...picked, name];
    setPicked(next);
    props.onValueChange(next.join('、'));
  };
  // Values stored before the list existed (not on it) stay shown, so that saving does not drop them silently.
  const shown = [...props.names, ...initial.filter((v) => !props.names.includes(v))];
  return (
    <div className="checklist-editor" role="group" aria-label={`选择${props.label}`}>
      {shown.length === 0 && <div className="muted">列表是空的，请先在“设置 → 词汇”中添加{props.label}。</div>}
      {shown.map((name, i) => (
        <label key={name}>
          <input type="checkbox" checked={picked.includes(name)} onChange={() => toggle(name)} autoFocus={i === 0} />
          {name}
        </label>
      ))}
    </div>
  );
}

/** Several values from a list (角色), shown as 党委书记、分管教学. */
export function vocabularyListColumn<T>(
  field: string,
  headerName: string,
  list: VocabularyList,
  names: readonly string[],
  notify: Notify,
  width = 180,
): ColDef<T> {
  return {
    field: field as ColDef<T>['field'],
    headerName,
    width,
    cellEditor: ChecklistEditor,
    cellEditorPopup: true,
    cellEditorParams: { names, label: VOCABULARY_LABELS[list] },
    valueGetter: (p) => (((p.data as Row | undefined)?.[field] as string[] | undefined) ?? []).join('、'),
    valueSetter: (p: ValueSetterParams<T>) => {
      const values = [
        ...new Set(
          String(p.newValue ?? '')
            .split(SEPARATOR)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      const before = ((p.data as Row)[field] as string[] | undefined) ?? [];
      const bad = values.find((v) => !names.includes(v) && !before.includes(v));
      if (bad !== undefined) {
        notify({ kind: 'error', text: notListedText(headerName, list, bad, names) });
        return false;
      }
      (p.data as Row)[field] = values;
      return true;
    },
  };
}
