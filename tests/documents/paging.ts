// What a secretary sends back when she leafs through a printed document: a paragraph's first line alone at a page's
// foot (often under its heading: “考核依据” and one line), a paragraph's last line alone atop the next page, a table's
// last row alone under its repeated header. Read back from the PDF (pdfjs): lines by baseline, where they start, what
// lies above and below them. Used by paging.test.ts; run directly to list them: npx tsx tests/documents/paging.ts A.pdf
import { readFileSync } from 'node:fs';
import { TYPE_AREA } from '../../electron/services/documents/units';
import { measurePdf, PT, type MeasuredPage } from './measure';

interface Line {
  baseline: number;
  /** Left edge of the first glyph, mm from the 版心's left edge. */
  x: number;
  size: number;
  heading: boolean;
  text: string;
  inTable: boolean;
}

const folio = (t: string) => /^[—-]\s*\d+\s*[—-]$/u.test(t);

/** The page's lines top to bottom (upright text only, page numbers out), each marked inside a table or not. */
export function pageLines(p: MeasuredPage): Line[] {
  const vertical = p.rules.filter((r) => Math.abs(r.x1 - r.x2) < 0.01 && Math.abs(r.y1 - r.y2) > 1);
  const byLine = new Map<string, MeasuredPage['runs']>();
  for (const run of p.runs) {
    if (!run.upright || !run.text.trim()) continue;
    const k = `${run.baseline.toFixed(1)}/${run.size.toFixed(1)}`;
    byLine.set(k, [...(byLine.get(k) ?? []), run]);
  }
  return [...byLine.values()]
    .map((rs) => {
      rs.sort((a, b) => a.x - b.x);
      const y = rs[0]!.baseline - 0.3 * rs[0]!.size * PT;
      const first = rs[0]!;
      return {
        baseline: first.baseline,
        x: first.x - TYPE_AREA.left,
        size: first.size,
        heading: /Hei|Kai|Biao/i.test(first.font),
        text: rs
          .map((r) => r.text)
          .join('')
          .trim(),
        inTable: vertical.some((v) => Math.min(v.y1, v.y2) <= y && y <= Math.max(v.y1, v.y2)),
      };
    })
    .filter((l) => !folio(l.text))
    .sort((a, b) => a.baseline - b.baseline);
}

/**
 * Where a line stands in its paragraph: body text (3号) starts indented two characters and goes on flush left; a list
 * item (小四, 佐证记录 and 考核依据) starts flush left and goes on under a hanging indent. Headings and table cells
 * are neither.
 */
function role(l: Line): 'start' | 'more' | null {
  if (l.heading || l.inTable || l.size > 20) return null;
  const em = l.size * PT;
  const body = Math.abs(l.size - 16) < 0.3;
  const list = Math.abs(l.size - 12) < 0.3;
  if (body) return l.x > 1.5 * em && l.x < 2.6 * em ? 'start' : Math.abs(l.x) < 0.5 ? 'more' : null;
  if (list) return Math.abs(l.x) < 0.5 ? 'start' : Math.abs(l.x - 2 * em) < 0.5 ? 'more' : null;
  return null;
}

/** Every page break that leaves one line of a paragraph on its own (orphan at the foot, widow at the top). */
export function pagingFaults(pages: MeasuredPage[]): string[] {
  const faults: string[] = [];
  const lines = pages.map(pageLines);
  const ruleEdges = pages.map((p) => p.rules.flatMap((r) => [r.y1, r.y2]));
  for (let i = 0; i + 1 < pages.length; i++) {
    const here = lines[i]!;
    const next = lines[i + 1]!;
    const foot = here[here.length - 1];
    const top = next[0];
    if (!foot || !top || Math.abs(foot.size - top.size) > 0.3) continue;
    // Nothing drawn below the foot line nor above the top line (a table's rules).
    if (ruleEdges[i]!.some((y) => y > foot.baseline + 1)) continue;
    if (ruleEdges[i + 1]!.some((y) => y < top.baseline - top.size * PT)) continue;
    if (role(top) !== 'more') continue;
    if (role(foot) === 'start')
      faults.push(`p${i + 1}: a paragraph's first line alone at the foot — “${foot.text.slice(0, 24)}…”`);
    const after = next[1];
    const endsThere = !after || role(after) !== 'more' || Math.abs(after.size - top.size) > 0.3;
    if (endsThere && role(foot) !== null)
      faults.push(`p${i + 2}: a paragraph's last line alone at the top — “${top.text.slice(0, 24)}…”`);
  }
  // The table is the last thing on page i (its rules lower than any text): it may go on over the page.
  const endsInTable = (i: number) =>
    Math.max(...pages[i]!.rules.flatMap((r) => [r.y1, r.y2]), -1) >
    Math.max(...pageLines(pages[i]!).map((l) => l.baseline), -1);
  for (let i = 1; i < pages.length; i++) {
    const rows = tableAtTop(pages[i]!);
    // A table goes on from the page before with its header and one row, and ends there: its last row alone. (One
    // row that goes on again on the next page is a row too tall for two on a page: rows are not cut.)
    const goesOn = i + 1 < pages.length && endsInTable(i) && tableAtTop(pages[i + 1]!) > 0;
    if (rows === 1 && endsInTable(i - 1) && !goesOn)
      faults.push(`p${i + 1}: a table's last row alone under its repeated header`);
  }
  faults.push(...strandedTableStarts(pages), ...loneLinePages(pages));
  return faults;
}

/** A table on a page: its outer top and bottom, and the edges of its rows top to bottom. */
interface PageTable {
  top: number;
  bottom: number;
  edges: number[];
  /** The text of its first row (the header). */
  head: string;
}

/** The tables of a page, top to bottom: horizontal rules joined by vertical rules without a gap. */
function tablesOf(p: MeasuredPage): PageTable[] {
  const horizontal = p.rules.filter((r) => Math.abs(r.y1 - r.y2) < 0.01 && Math.abs(r.x1 - r.x2) > 1);
  const vertical = p.rules.filter((r) => Math.abs(r.x1 - r.x2) < 0.01 && Math.abs(r.y1 - r.y2) > 1);
  const ys = [...new Set(horizontal.map((r) => Math.round(r.y1 * 10) / 10))].sort((a, b) => a - b);
  const lines = pageLines(p);
  const out: PageTable[] = [];
  for (let k = 0; k < ys.length;) {
    const top = ys[k]!;
    let bottom = top;
    for (let grown = true; grown;) {
      grown = false;
      for (const v of vertical) {
        const [a, b] = [Math.min(v.y1, v.y2), Math.max(v.y1, v.y2)];
        if (a <= bottom + 0.2 && b > bottom + 0.2) {
          bottom = b;
          grown = true;
        }
      }
    }
    const edges = ys.filter((y) => y >= top - 0.01 && y <= bottom + 0.2);
    k += Math.max(1, edges.length);
    if (edges.length < 2) continue;
    const head = lines
      .filter((l) => l.baseline > edges[0]! && l.baseline < edges[1]!)
      .map((l) => l.text)
      .join('');
    out.push({ top, bottom, edges, head });
  }
  return out;
}

/**
 * A table that starts at a page's foot with its header and one row, the rest on the next page under the repeated
 * header: the first row stranded (a table starts on the next page when fewer than two of its rows fit) — when the
 * header and the two rows take at most half a page.
 */
function strandedTableStarts(pages: MeasuredPage[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < pages.length; i++) {
    const last = tablesOf(pages[i]!).at(-1);
    if (!last || last.edges.length !== 3) continue;
    if (pageLines(pages[i]!).some((l) => l.baseline > last.bottom + 0.5)) continue;
    const next = tablesOf(pages[i + 1]!)[0];
    const firstText = Math.min(...pageLines(pages[i + 1]!).map((l) => l.baseline), Infinity);
    if (!next || next.top > firstText || next.head !== last.head) continue;
    // Tall rows are no stranded start (the layout binds the first two rows only when the header and both take at
    // most half a page; else the second would be cut at the foot, and a row is never cut for this).
    const frame = pages[i]!.width > pages[i]!.height ? TYPE_AREA.width : TYPE_AREA.height; // mm, as the page's
    const second = next.edges.length > 2 ? next.edges[2]! - next.edges[1]! : 0;
    if (last.bottom - last.top + second > frame / 2) continue;
    out.push(`p${i + 1}: a table's header and first row alone at the foot (the rest on p${i + 2})`);
  }
  return out;
}

/** A page after the first that holds a single line and nothing else (a section's or document's last line alone). */
function loneLinePages(pages: MeasuredPage[]): string[] {
  const out: string[] = [];
  pages.forEach((p, i) => {
    const lines = pageLines(p);
    if (i > 0 && lines.length === 1 && !p.rules.length)
      out.push(`p${i + 1}: a page holding one line only — “${lines[0]!.text.slice(0, 24)}…”`);
  });
  return out;
}

/** Full-width characters: an em wide each, so a run of them shows its letter-spacing. */
const FULL = /^[\p{Script=Han}\u3000-\u303f\uff01-\uff5e]+$/u;
/**
 * Letter-spacing beyond this share of an em between full-width characters reads as loose (“走 访 老 同 志”: the 佐证
 * 记录 lines before a （记录N） carried 0.1–0.17 em, the first lines of 考核依据 items up to 0.31 em).
 */
export const LOOSE_EM = 0.105;

/** Justified lines whose characters are spread apart by more than `limit` em, upright text outside tables. */
export function looseLines(pages: MeasuredPage[], limit = LOOSE_EM): string[] {
  const out: string[] = [];
  pages.forEach((p, i) => {
    for (const l of pageLines(p)) {
      if (l.inTable) continue;
      const em = l.size * PT;
      const runs = p.runs.filter(
        (r) => r.upright && Math.abs(r.baseline - l.baseline) < 0.05 && Math.abs(r.size - l.size) < 0.05,
      );
      let widest = 0;
      runs.sort((a, b) => a.x - b.x);
      runs.forEach((r, k) => {
        // pdfjs puts a space between the letter-spaced characters of a run.
        const chars = [...r.text.replace(/ /gu, '')];
        if (!chars.some((c) => FULL.test(c))) return;
        // Each character's own width: a digit or Latin letter about half an em (“为 5 个”), any other an em (quotes
        // too, in the Chinese face).
        const natural = chars.reduce((w, c) => w + (/[!-~]/u.test(c) ? 0.5 : 1), 0);
        if (chars.length > 1) widest = Math.max(widest, (r.width / em - natural) / chars.length);
        // A character alone in its run (between digits: “日 ， 自 2026 年 11 月”): the gap to the next run. Not a
        // field separator (U+3000), which takes a line's slack by design.
        else if (runs[k + 1] && chars[0] !== '\u3000') widest = Math.max(widest, (runs[k + 1]!.x - r.x) / em - 1);
      });
      if (widest > limit)
        out.push(`p${i + 1}: a loose line (${widest.toFixed(2)} em between characters) — “${l.text.slice(0, 24)}…”`);
    }
  });
  return out;
}

/** Rows (header included) of the table a page starts with, between its outer vertical rules; 0 if none. */
function tableAtTop(p: MeasuredPage): number {
  const horizontal = p.rules.filter((r) => Math.abs(r.y1 - r.y2) < 0.01 && Math.abs(r.x1 - r.x2) > 1);
  const vertical = p.rules.filter((r) => Math.abs(r.x1 - r.x2) < 0.01 && Math.abs(r.y1 - r.y2) > 1);
  if (!horizontal.length) return 0;
  const top = Math.min(...horizontal.map((r) => r.y1));
  const firstText = Math.min(...pageLines(p).map((l) => l.baseline), Infinity);
  if (firstText < top) return 0;
  // The table reaches down as far as vertical rules joined to its top run without a gap.
  let bottom = top;
  for (let grown = true; grown;) {
    grown = false;
    for (const v of vertical) {
      const [a, b] = [Math.min(v.y1, v.y2), Math.max(v.y1, v.y2)];
      if (a <= bottom + 0.1 && b > bottom + 0.1) {
        bottom = b;
        grown = true;
      }
    }
  }
  const ys = [...new Set(horizontal.filter((r) => r.y1 <= bottom + 0.1).map((r) => r.y1.toFixed(1)))];
  return ys.length - 1 - 1;
}

if (process.argv[1]?.endsWith('paging.ts'))
  for (const f of process.argv.slice(2)) {
    const pages = await measurePdf(readFileSync(f));
    const faults = [...pagingFaults(pages), ...looseLines(pages)];
    const kinds = new Map<string, number>();
    for (const x of faults) {
      const k = x.replace(/^p\d+: /u, '').replace(/ —.*| \(.*/u, '');
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    console.log(`${f}: ${faults.length} ${JSON.stringify(Object.fromEntries(kinds))}`);
    if (process.env.PAGING_LIST) for (const x of faults) console.log('  ' + x);
  }
