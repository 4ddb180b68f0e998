// Reading one cell the way a secretary meant it: dates in three spellings or as Excel dates, times,
// 是/否, numbers, lists and references by name. A value that cannot be read is passed on unchanged, so
// that the domain schema rejects it with the same message the grid gives.
import { parseLooseDate, toIso } from '../../../shared/format/date';
import { LIST_SEPARATOR, type Cell } from './sheets';

/** What exceljs may hand over for one cell, reduced to a plain value. */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('') || null;
    if ('result' in o) return plainCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text || null;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

/** Excel keeps dates as UTC instants; rounding to the minute undoes its floating-point drift. */
function roundedUtc(d: Date): Date {
  return new Date(Math.round(d.getTime() / 60_000) * 60_000);
}

function dateOf(d: Date): string {
  const r = roundedUtc(d);
  return toIso({ y: r.getUTCFullYear(), m: r.getUTCMonth() + 1, d: r.getUTCDate() });
}

/** Excel's serial day numbers (1900 system), for date cells that lost their date format. */
function serialToIso(n: number): string {
  return dateOf(new Date(Date.UTC(1899, 11, 30) + Math.round(n * 86_400_000)));
}

/** The text shown for a cell in an error message. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) {
    const r = roundedUtc(c);
    const time = `${String(r.getUTCHours()).padStart(2, '0')}:${String(r.getUTCMinutes()).padStart(2, '0')}`;
    if (r.getUTCFullYear() < 1901) return time;
    return time === '00:00' ? dateOf(r) : `${dateOf(r)} ${time}`;
  }
  if (typeof c === 'boolean') return c ? '是' : '否';
  return String(c);
}

export function isBlank(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

/** Free text; numbers and dates typed into a text column are read as their text. */
export function textOf(c: Cell | undefined): string {
  if (c instanceof Date) return dateOf(c);
  return cellText(c);
}

/** 2026-03-05, 2026/3/5, 2026年3月5日 or an Excel date; blank → null; anything else stays as typed. */
export function dateOrRaw(c: Cell | undefined): string | null {
  if (isBlank(c)) return null;
  if (c instanceof Date) return dateOf(c);
  if (typeof c === 'number') return c > 1 && c < 2_958_466 ? serialToIso(c) : String(c);
  const s = String(c).trim();
  return parseLooseDate(s) ?? s;
}

/** 15:00, 9:30, 15：00 or an Excel time; blank → null; anything else stays as typed. */
export function timeOrRaw(c: Cell | undefined): string | null {
  if (isBlank(c)) return null;
  let minutes: number | null = null;
  if (c instanceof Date) {
    const r = roundedUtc(c);
    minutes = r.getUTCHours() * 60 + r.getUTCMinutes();
  } else if (typeof c === 'number' && c >= 0 && c < 1) minutes = Math.round(c * 1440);
  else {
    const m = /^(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?$/.exec(String(c).trim());
    if (!m) return String(c).trim();
    minutes = Number(m[1]) * 60 + Number(m[2]);
    if (Number(m[2]) > 59) return String(c).trim();
  }
  if (minutes >= 1440) return cellText(c);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 是 / 否; blank → undefined (the schema's default); anything else stays as typed. */
export function yesNoOrRaw(c: Cell | undefined): boolean | string | undefined {
  if (isBlank(c)) return undefined;
  if (typeof c === 'boolean') return c;
  const s = String(c).trim();
  if (s === '是') return true;
  if (s === '否') return false;
  return s;
}

/** A number; blank → null; text that is not a number stays as typed. */
export function numberOrRaw(c: Cell | undefined): number | string | null {
  if (isBlank(c)) return null;
  if (typeof c === 'number') return c;
  const s = cellText(c).trim();
  return /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

/** Several values in one cell. */
export function listOf(c: Cell | undefined): string[] {
  if (isBlank(c)) return [];
  return textOf(c)
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** 名称（所属单位）: the name and the qualifier, when the text ends in a bracketed part. */
export function splitQualified(ref: string): { name: string; qualifier: string } | null {
  const m = /^(.+?)[（(]([^（）()]+)[）)]$/.exec(ref.trim());
  if (!m) return null;
  return { name: m[1]!.trim(), qualifier: m[2]!.trim() };
}
