// A regulation split into its numbered parts as Chinese regulations number them: 第X章, 第X条, 一、, （一）,
// 1., （1）, ①, 附件 — and, in a compilation (汇编) whose systems are numbered only in its table of
// contents, each system by its number there. Each part keeps the label a report cites it by.
import { MARKER, type Normalized } from './normalize';

export type MarkerKind =
  'chapter' | 'section' | 'article' | 'cn' | 'parenCn' | 'arabic' | 'parenArabic' | 'circled' | 'attachment' | 'system';

export interface Clause {
  /** How a report cites it: '第十六条', '四.1', '1.2', '三（一）', '附件1'. Empty before the first number. */
  label: string;
  /** The heading of the part, when its first line is one (e.g. '接待日制度'); else ''. */
  heading: string;
  /** Headings of the enclosing parts, outermost first (chapter titles, system titles). */
  context: string[];
  /** Offsets into the normalized text of the part's own paragraphs (its sub-parts excluded). */
  start: number;
  end: number;
}

export interface Structure {
  title: string;
  /** 发文字号 such as 浙外党办〔2011〕9号, when the text carries one. */
  code: string;
  clauses: Clause[];
}

const CN_NUM = '[一二三四五六七八九十百零〇]+';

function markerOf(line: string): { kind: MarkerKind; num: string; rest: string } | null {
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^第(${CN_NUM}|\\d+)章\\s*`).exec(line)))
    return { kind: 'chapter', num: m[1]!, rest: line.slice(m[0].length) };
  if ((m = new RegExp(`^第(${CN_NUM}|\\d+)节\\s*`).exec(line)))
    return { kind: 'section', num: m[1]!, rest: line.slice(m[0].length) };
  if ((m = new RegExp(`^第(${CN_NUM}|\\d+)条\\s*`).exec(line)))
    return { kind: 'article', num: m[1]!, rest: line.slice(m[0].length) };
  if ((m = /^([一二三四五六七八九十]+)[、．.]\s*/.exec(line)))
    return { kind: 'cn', num: m[1]!, rest: line.slice(m[0].length) };
  if ((m = /^[（(]([一二三四五六七八九十]+)[)）]\s*/.exec(line)))
    return { kind: 'parenCn', num: m[1]!, rest: line.slice(m[0].length) };
  if ((m = /^(\d{1,2})(?:[、．]|\.(?!\d))\s*/.exec(line)))
    return { kind: 'arabic', num: m[1]!, rest: line.slice(m[0].length) };
  if ((m = /^[（(](\d{1,2})[)）]\s*/.exec(line)))
    return { kind: 'parenArabic', num: m[1]!, rest: line.slice(m[0].length) };
  if ((m = /^([①-⑳])\s*/.exec(line)))
    return { kind: 'circled', num: String(m[1]!.charCodeAt(0) - 0x245f), rest: line.slice(m[0].length) };
  if ((m = /^附件\s*(\d*)[:：]?\s*|^附\s*(\d*)\s*[:：.、]?\s*/.exec(line)))
    return { kind: 'attachment', num: m[1] ?? m[2] ?? '', rest: line.slice(m[0].length) };
  return null;
}

function partLabel(kind: MarkerKind, num: string): string {
  switch (kind) {
    case 'chapter':
      return `第${num}章`;
    case 'section':
      return `第${num}节`;
    case 'article':
      return `第${num}条`;
    case 'parenCn':
    case 'parenArabic':
      return `（${num}）`;
    case 'attachment':
      return `附件${num}`;
    default:
      return num;
  }
}

/** Joins the parts of a path the way reports cite them: 一.1, 三（一）, 第五条第4项, 附件1. */
export function joinLabel(parts: { kind: MarkerKind; label: string }[]): string {
  // Articles are numbered through the whole document, so chapters add nothing once an article is known.
  const hasArticle = parts.some((p) => p.kind === 'article');
  const kept = parts.filter((p) => !(hasArticle && (p.kind === 'chapter' || p.kind === 'section')));
  let out = '';
  let prev: MarkerKind | null = null;
  for (const p of kept) {
    if (!out) out = p.label;
    else if (prev === 'article' && p.kind !== 'parenCn' && p.kind !== 'parenArabic') out += `第${p.label}项`;
    else if (prev === 'attachment' && out === '附件') out += p.label;
    else if (p.label.startsWith('（')) out += p.label;
    else out += `.${p.label}`;
    prev = p.kind;
  }
  return out;
}

/** Table-of-contents entries: "3.机关干部下基层锻炼制度……………… 5" → title → number. */
function tableOfContents(lines: string[]): Map<string, string> {
  const toc = new Map<string, string>();
  for (const line of lines) {
    const m = /^(\d{1,2})[.、．]\s*(.+?)\s*[…．.·]{2,}\s*\d+$/.exec(line);
    if (m) toc.set(m[2]!.replace(/\s+/g, ''), m[1]!);
  }
  return toc;
}

const TITLE_WORD = /(制度|办法|规定|方案|通知|意见|细则|汇编|规则|准则|要求)/;

export function structure(n: Normalized): Structure {
  const text = n.text;
  const lineStarts: number[] = [];
  const lines: string[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    lineStarts.push(pos);
    lines.push(line);
    pos += line.length + 1;
  }
  const toc = tableOfContents(lines);
  // The document number is in the head, before the first numbered part (later ones cite other documents).
  const firstMarker = lines.findIndex((l) => MARKER.test(l));
  const head = firstMarker < 0 ? text : text.slice(0, lineStarts[firstMarker]);
  const code = /[\u4e00-\u9fa5]{1,12}[〔[（(]\d{4}[〕\]）)]\s*\d+\s*号/.exec(head)?.[0]?.replace(/\s+/g, '') ?? '';

  let title = '';
  const clauses: Clause[] = [];
  const stack: { kind: MarkerKind; label: string; heading: string }[] = [];
  // The depth order of marker kinds is learnt from the document: the first kind met is the outermost.
  const depth: MarkerKind[] = [];
  let current: Clause = { label: '', heading: '', context: [], start: 0, end: 0 };
  let inToc = false;
  let sawMarker = false;
  const open = (start: number) => {
    if (current.end > current.start || current.label || clauses.length === 0) clauses.push(current);
    const heading = stack[stack.length - 1]?.heading ?? '';
    current = {
      label: joinLabel(stack),
      heading,
      context: stack
        .slice(0, -1)
        .map((s) => s.heading)
        .filter(Boolean),
      start,
      end: start,
    };
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = lineStarts[i]!;
    const end = start + line.length;
    if (!line || line.startsWith('#')) continue;
    if (/^目\s*录$/.test(line)) {
      inToc = true;
      continue;
    }
    if (inToc) {
      if (/[…．.·]{2,}\s*\d+$/.test(line)) continue;
      inToc = false;
    }
    const bare = line.replace(/\s+/g, '');
    let marker = markerOf(line);
    if (!marker && toc.has(bare)) marker = { kind: 'system', num: toc.get(bare)!, rest: line };
    if (!sawMarker && !marker && TITLE_WORD.test(line) && line.length <= 60 && !/[。；，]/.test(line)) {
      // The title nearest the body wins over a covering notice's (关于印发《…》的通知).
      if (!title || !/关于印发|的通知$/.test(line)) title = line;
      continue;
    }
    if (marker) sawMarker = true;
    if (marker && !(marker.kind === 'arabic' && /^\d{1,2}[.、．]\s*$/.test(line) === false && looksLikeDate(line))) {
      let d = depth.indexOf(marker.kind);
      if (d < 0) {
        depth.push(marker.kind);
        d = depth.length - 1;
      }
      // An attachment stands outside the numbered body; what follows it is numbered inside it.
      if (marker.kind === 'attachment') stack.length = 0;
      const floor = stack[0]?.kind === 'attachment' ? 1 : 0;
      while (stack.length > floor && depth.indexOf(stack[stack.length - 1]!.kind) >= d) stack.pop();
      const rest = marker.rest.replace(/[:：]$/, '');
      const isHeading = marker.kind === 'system' || (!/[。；，,]/.test(marker.rest) && rest.length <= 30);
      stack.push({ kind: marker.kind, label: partLabel(marker.kind, marker.num), heading: isHeading ? rest : '' });
      open(start);
    }
    current.end = end;
  }
  clauses.push(current);
  return { title, code, clauses: clauses.filter((c) => c.end > c.start) };
}

function looksLikeDate(line: string): boolean {
  return /^\d{1,2}[.．]\d/.test(line);
}
