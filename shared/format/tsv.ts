// Reading what Excel and WPS put on the clipboard (tab-separated, cells with tabs, line breaks or quotes
// are quoted with doubled quotes inside), and writing CSV that Excel opens with Chinese intact.

/** Parses clipboard text into rows of cells; a trailing line break adds no empty row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  const s = text.replace(/\r\n?/g, '\n');
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (ch === '\t') {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Excel and WPS run a cell that starts with = + - @ (or a tab or carriage return before one) as a
 * formula, from a CSV file and from a paste alike: =HYPERLINK(…) sends data away, +cmd|' /C calc'!A0
 * starts a program. Such a cell gets a leading apostrophe, so it opens as the text it was; a plain number
 * (-5, +3.5) stays a number. Text that already starts with apostrophes before such a character gets one
 * more, so that `restoreFormulaText` gives back exactly what was written.
 */
export function neutralizeFormula(v: string): string {
  return /^'*[=+\-@\t\r]/.test(v) && !/^[-+]?\d+(\.\d+)?$/.test(v) ? `'${v}` : v;
}

/** The inverse of `neutralizeFormula`: the product's own copy pasted back into its grids reads as written. */
export function restoreFormulaText(v: string): string {
  return v.startsWith("'") && neutralizeFormula(v.slice(1)) === v ? v.slice(1) : v;
}

/**
 * Clipboard text as the grids paste it: `parseTsv`, then the apostrophe our own copy put before a
 * formula-like cell taken off again (Excel and WPS put no such apostrophe on the clipboard).
 */
export function parseClipboard(text: string): string[][] {
  return parseTsv(text).map((r) => r.map(restoreFormulaText));
}

function csvCell(raw: string): string {
  const v = neutralizeFormula(raw);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV with a UTF-8 byte-order mark, so that Excel shows the Chinese text correctly. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function tsvCell(raw: string): string {
  const v = neutralizeFormula(raw);
  return /[\t\n\r"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Tab-separated text as Excel and WPS put it on the clipboard, formula-like cells neutralised as in the
 * CSV export: `parseClipboard` reads it back cell for cell.
 */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(tsvCell).join('\t')).join('\r\n') + (rows.length ? '\r\n' : '');
}

const escapeHtml = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text Excel would turn into a number and so lose: 001 (leading zero), an 18-digit ID number. */
const looksNumericButIsText = (v: string) => /^0\d+$/.test(v) || /^\d{12,}$/.test(v);

/**
 * The same cells as an HTML table, the form WPS and Excel prefer when both are on the clipboard: the
 * table keeps its cells (a line break inside a cell stays inside it), dates and numbers stay dates and
 * numbers, and text that only looks like a number (001) stays text. A formula-like cell is neutralised
 * as in the CSV export and also marked as text, so that neither reading of it runs.
 */
export function toHtmlTable(rows: readonly (readonly string[])[], opts: { header?: boolean } = {}): string {
  const cell = (raw: string, th: boolean) => {
    const tag = th ? 'th' : 'td';
    const v = neutralizeFormula(raw);
    const style = looksNumericButIsText(v) || v !== raw ? ` style="mso-number-format:'\\@'"` : '';
    const text = escapeHtml(v).replace(/\r?\n/g, '<br style="mso-data-placement:same-cell">');
    return `<${tag}${style}>${text}</${tag}>`;
  };
  const body = rows.map((r, i) => `<tr>${r.map((v) => cell(v, !!opts.header && i === 0)).join('')}</tr>`).join('');
  return `<html><head><meta charset="utf-8"></head><body><table>${body}</table></body></html>`;
}
