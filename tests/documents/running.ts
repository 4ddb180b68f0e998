// The running text of a PDF read back as a reader sees it: the lines outside tables, in reading order, and the places
// where one of them ends inside what a reader takes as one word — a name from the ledger, a date, a number with its
// unit, a Latin word — or breaks a rule of Chinese line breaking (禁则). Used by running-text.test.ts; run directly
// on PDFs to list them: npx tsx tests/documents/running.ts A.pdf [B.pdf…] (names from a ledger: LEDGER=path.sqlite).
import { readFileSync } from 'node:fs';
import { measurePdf, PT, type MeasuredPage } from './measure';

export interface TextLine {
  page: number;
  /** Text size, pt. */
  size: number;
  text: string;
}

/** Lines of running text: upright runs outside every table cell, one line per baseline, titles (2号) and folios out. */
export function runningLines(pages: MeasuredPage[]): TextLine[] {
  const out: TextLine[] = [];
  pages.forEach((p, pi) => {
    const vertical = p.rules.filter((r) => Math.abs(r.x1 - r.x2) < 0.01 && Math.abs(r.y1 - r.y2) > 1);
    const byLine = new Map<string, typeof p.runs>();
    for (const run of p.runs) {
      if (!run.upright) continue;
      const y = run.baseline - 0.3 * run.size * PT;
      const beside = vertical.filter((v) => Math.min(v.y1, v.y2) <= y && y <= Math.max(v.y1, v.y2));
      const inCell = beside.some((v) => v.x1 <= run.x + 0.01) && beside.some((v) => v.x1 >= run.x + run.width - 0.01);
      if (inCell) continue;
      const k = `${run.baseline.toFixed(1)}/${run.size.toFixed(1)}`;
      byLine.set(k, [...(byLine.get(k) ?? []), run]);
    }
    const lines = [...byLine.values()]
      .map((rs) => ({
        baseline: rs[0]!.baseline,
        size: rs[0]!.size,
        text: rs
          .sort((a, b) => a.x - b.x)
          .map((r) => r.text)
          .join('')
          .trimEnd(),
      }))
      .filter((l) => l.size < 20 && !/^[—-]\s*\d+\s*[—-]$/u.test(l.text))
      .sort((a, b) => a.baseline - b.baseline);
    for (const l of lines) out.push({ page: pi + 1, size: l.size, text: l.text });
  });
  return out;
}

const NO_START = /^[，。、；：？！）》」』】〕〉”’…·％,.;:?!)\]}%]/u;
const NO_END = /[（《「『【〔〈“‘([{]$/u;
/** Dates as documents write them; a number with its unit; a Latin word or number (letters, digits, ., -, /). */
const DATE = /\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日/gu;
const COUNT = /\d+(?:\.\d+)?[年月日次项条人名个天家所份件]/gu;
const LATIN = /[A-Za-z0-9][A-Za-z0-9.\-/]*[A-Za-z0-9]/gu;

/**
 * Every line end (within a run of lines of one size, across pages too) that falls inside one of `names` or a date,
 * count or Latin word, and every line that starts or ends against 禁则 — as “p12: …孔 / 洋海… — name 孔洋海”.
 */
/**
 * `cutDates`: justified text — running text (3号) and the 考核 report's list items (小四) — may cut a date after its 年
 * or 月 (“统计截至2026年 / 11月20日”, as printed 公文 do) rather than spread a line apart; table cells (五号) never.
 */
export function lineEndFaults(lines: TextLine[], names: readonly string[], o: { cutDates?: boolean } = {}): string[] {
  const faults: string[] = [];
  const words = [...new Set(names)].filter((n) => [...n].length >= 2).sort((a, b) => b.length - a.length);
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    if (NO_END.test(a.text)) faults.push(`p${a.page}: “${a.text.slice(-12)}” ends with an opening mark`);
    if (NO_START.test(a.text)) faults.push(`p${a.page}: “${a.text.slice(0, 12)}” starts with a closing mark`);
    const b = lines[i + 1];
    if (!b || b.size !== a.size) continue;
    // The junction: the end of one line and the start of the next, read as one.
    const left = a.text.slice(-30);
    const joined = left + b.text.slice(0, 30);
    const at = left.length;
    const where = `p${a.page}: …${left.slice(-10)} / ${b.text.slice(0, 10)}…`;
    const across = (re: RegExp, what: string) => {
      for (const m of joined.matchAll(re))
        if (m.index < at && m.index + m[0].length > at) faults.push(`${where} — ${what} ${m[0]}`);
    };
    const justified = Math.abs(a.size - 16) < 0.3 || Math.abs(a.size - 12) < 0.3;
    const cut = o.cutDates && justified && /[年月]$/u.test(a.text) && /^\d/u.test(b.text);
    if (!cut) across(DATE, 'date');
    across(COUNT, 'count');
    across(LATIN, 'Latin word or number');
    for (const w of words) {
      for (let k = joined.indexOf(w); k >= 0; k = joined.indexOf(w, k + 1))
        if (k < at && k + w.length > at) faults.push(`${where} — name ${w}`);
    }
  }
  return faults;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let names: string[] = [];
  if (process.env.LEDGER) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(process.env.LEDGER, { readonly: true });
    names = (
      db
        .prepare('SELECT name FROM cadres UNION SELECT name FROM units UNION SELECT name FROM contact_objects')
        .all() as { name: string }[]
    ).map((r) => r.name);
  }
  for (const f of process.argv.slice(2)) {
    const lines = runningLines(await measurePdf(readFileSync(f)));
    const faults = lineEndFaults(lines, names);
    console.log(`${f}: ${lines.length} lines, ${faults.length} faults`);
    for (const x of faults) console.log('  ' + x);
  }
}
