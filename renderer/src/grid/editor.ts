// The editor a cell opens with when typing starts it: it begins with exactly the text already typed — a
// letter, or a whole word an input method composed (我, 计算机学院) — with the caret after it. Opening an
// editor any other way (F2, double-click) keeps the column's own editor (a list, a long-text box).
import type { ColDef, ICellEditorComp, ICellEditorParams } from 'ag-grid-community';

let pending: string | null = null;

/**
 * The text the next editor starts with; set just before the grid is asked to start editing, and taken
 * by the editor when the grid creates it (which may be a moment later: keys typed meanwhile are added).
 */
export function startWith(text: string | null): void {
  pending = text;
}

/** Typed while the editor is being created: kept for it, after what is already waiting. */
export function typedMeanwhile(text: string): void {
  pending = (pending ?? '') + text;
}

export class TypedTextEditor implements ICellEditorComp {
  private input!: HTMLInputElement;

  init(params: ICellEditorParams): void {
    this.input = document.createElement('input');
    this.input.type = 'text';
    this.input.className = 'ag-input-field-input ag-text-field-input sheet-editor';
    this.input.setAttribute('aria-label', params.colDef.headerName ?? '');
    this.input.value = pending ?? (params.value === null || params.value === undefined ? '' : String(params.value));
    pending = null;
  }

  getGui(): HTMLElement {
    return this.input;
  }

  afterGuiAttached(): void {
    this.input.focus();
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
  }

  getValue(): string {
    return this.input.value;
  }

  isPopup(): boolean {
    return false;
  }
}

/** Typed text opens the typed-text editor; otherwise whatever the column chose. */
export function withTypedEditor<T>(def: ColDef<T>): ColDef<T> {
  const own = def.cellEditorSelector;
  return {
    ...def,
    cellEditorSelector: (p) => (pending !== null ? { component: TypedTextEditor } : (own?.(p) ?? undefined)),
  };
}
