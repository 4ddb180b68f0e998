// Find and replace in a grid, as the secretaries know it from WPS (Ctrl+F, Ctrl+H): the text a cell shows
// is searched (names for references, 是/否 …), Latin letters without regard to case; a replacement goes
// back through the column's own parser, like typed text.
export interface Match {
  row: number;
  col: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const matches = (text: string, query: string) =>
  query !== '' && text.toLowerCase().includes(query.toLowerCase());

/** Every occurrence of `query` in `text` replaced (Latin letters matched without regard to case). */
export const replaceIn = (text: string, query: string, replacement: string) =>
  query === '' ? text : text.replace(new RegExp(escape(query), 'gi'), () => replacement);

/**
 * The match after (dir 1) or before (dir -1) a cell, reading row by row; it wraps around at the end.
 * `found` is in reading order. Returns an index into `found`, or -1 when there is none.
 */
export function nextMatch(found: Match[], from: Match | null, dir: 1 | -1): number {
  if (found.length === 0) return -1;
  if (!from) return dir === 1 ? 0 : found.length - 1;
  const after = (m: Match) => m.row > from.row || (m.row === from.row && m.col > from.col);
  const before = (m: Match) => m.row < from.row || (m.row === from.row && m.col < from.col);
  if (dir === 1) {
    const i = found.findIndex(after);
    return i < 0 ? 0 : i;
  }
  for (let i = found.length - 1; i >= 0; i--) if (before(found[i]!)) return i;
  return found.length - 1;
}

/** Where a text stands in a form: the field, and the characters [start, end) of its value. */
export interface Occurrence {
  field: string;
  start: number;
  end: number;
}

/** Every occurrence of `query` in the fields, field by field in the order given, then left to right. */
export function occurrences(fields: readonly (readonly [string, string])[], query: string): Occurrence[] {
  if (query === '') return [];
  const q = query.toLowerCase();
  return fields.flatMap(([field, text]) => {
    const out: Occurrence[] = [];
    const t = text.toLowerCase();
    for (let i = t.indexOf(q); i >= 0; i = t.indexOf(q, i + q.length)) out.push({ field, start: i, end: i + q.length });
    return out;
  });
}

/** The text with the characters [start, end) replaced. */
export const replaceAt = (text: string, o: Pick<Occurrence, 'start' | 'end'>, replacement: string) =>
  text.slice(0, o.start) + replacement + text.slice(o.end);
