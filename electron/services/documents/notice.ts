// The 通知 (notice) in the GB/T 9704-2012 layout: 版头, 主体, 附件, 版记 and page numbers.
import { LedgerError } from '../../../shared/errors';
import { formatChineseDate, isIsoDate } from '../../../shared/format/date';
import { headingPrefix } from '../../../shared/format/numbering';
import type { FontRole, FontSet, GlyphNeed } from './fonts';
import { checkGlyphs } from './fonts';
import type { Line, Segment, TableRowsLaid, Unit } from './layout';
import {
  DATE,
  GridFlow,
  blankRow,
  tableRows,
  breakLines,
  drawLine,
  firstRowAtOrBelow,
  measure,
  paragraphUnits,
  rowBaseline,
  rowTop,
} from './layout';
import type { Page, PageItem } from './model';
import { inkExtent } from './ink';
import { numberPages } from './pagenumbers';
import { renderPages } from './pdf';

export { inkExtent };
import { tableUnits, type TableBlock } from './table';
import { BODY_SIZE, BODY_TRACKING, CELL, EM_BOTTOM, EM_TOP, GRID_ROWS, PITCH, RED, TYPE_AREA, mm } from './units';

export type BodyBlock =
  | { kind: 'paragraph'; text: string }
  /** A numbered heading; the engine writes 一、（一）1.（1）. `runIn` continues the paragraph in 仿宋. */
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string; runIn?: string }
  | TableBlock;

export interface NoticeAttachment {
  title: string;
  body: BodyBlock[];
}

export interface NoticeInput {
  /** 发文机关标志, e.g. 中共××大学委员会文件. */
  issuerMark: string;
  /** 发文字号, e.g. 校党发〔2026〕3号. */
  docNumber: string;
  title: string;
  /** 主送机关; the colon is added when missing. */
  mainRecipients: string;
  body: BodyBlock[];
  attachments?: NoticeAttachment[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期, ISO. */
  date: string;
  /** Sealed documents leave room for the seal (7.3.5.1); unsealed ones follow 7.3.5.2. */
  sealed: boolean;
  /** 附注, printed in （）. */
  note?: string;
  /** 抄送机关. */
  copyTo?: string[];
  /** 印发机关. */
  printer: string;
  /** Words a line of running text may not break inside: the ledger's names of people and units (see keepWords). */
  keep?: readonly string[];
  /** 印发日期, ISO. */
  printDate: string;
  /** Put the 版记 on an even page, the back of a sheet (default true). */
  imprintOnEvenPage?: boolean;
}

const X0 = mm(TYPE_AREA.left);
const W = mm(TYPE_AREA.width);
const X1 = X0 + W;
const CENTRE = X0 + W / 2;
const TITLE_SIZE = 22;
const TITLE_PITCH = 1.2 * PITCH;
const IMPRINT_SIZE = 14;
const MARK_MAX = 42;
const SEPARATOR_WIDTH = mm(0.5);
const seg = (text: string, role: FontRole = 'fangsong'): Segment => ({ text, role });

const DOC_NUMBER = /^[^〔〕第]+〔\d{4}〕[1-9]\d*号$/;

function invalid(field: string, key: string, message: string): never {
  throw new LedgerError('INVALID_INPUT', `${field}${message}`, [{ path: [key], field, message }]);
}

function validate(input: NoticeInput): void {
  if (!input.issuerMark.trim()) invalid('发文机关标志', 'issuerMark', '不能为空');
  if (!DOC_NUMBER.test(input.docNumber)) {
    invalid(
      '发文字号',
      'docNumber',
      '格式应为“机关代字〔年份〕序号号”，年份用六角括号〔〕，序号不编虚位、不加“第”，如“校党发〔2026〕3号”',
    );
  }
  if (!input.title.trim()) invalid('标题', 'title', '不能为空');
  if (!isIsoDate(input.date)) invalid('成文日期', 'date', '不是有效日期');
  if (!isIsoDate(input.printDate)) invalid('印发日期', 'printDate', '不是有效日期');
  if (!input.signature.trim()) invalid('发文机关署名', 'signature', '不能为空');
  if (!input.printer.trim()) invalid('印发机关', 'printer', '不能为空');
}

/** Lays out and renders a 通知. */
export async function renderNotice(input: NoticeInput, fonts: FontSet): Promise<Buffer> {
  const pages = layoutNotice(input, fonts);
  return renderPages(pages, fonts, { title: input.title });
}

/** Every text of the notice with its role, for the glyph check before any layout. */
function glyphNeeds(input: NoticeInput): GlyphNeed[] {
  const needs: GlyphNeed[] = [
    { role: 'xiaobiaosong', text: input.issuerMark, where: '发文机关标志' },
    { role: 'fangsong', text: input.docNumber + input.mainRecipients + '：', where: '发文字号、主送机关' },
    { role: 'xiaobiaosong', text: input.title, where: '标题' },
    { role: 'fangsong', text: input.signature + formatChineseDate(input.date) + '年月日', where: '署名、成文日期' },
    { role: 'fangsong', text: `（${input.note ?? ''}）`, where: '附注' },
    {
      role: 'fangsong',
      text: `抄送：${(input.copyTo ?? []).join('，')}。${input.printer}${formatChineseDate(input.printDate)}印发`,
      where: '版记',
    },
    { role: 'songti', text: '— 0123456789', where: '页码' },
  ];
  const blocks = (body: BodyBlock[], where: string) => {
    for (const b of body) {
      if (b.kind === 'paragraph') needs.push({ role: 'fangsong', text: b.text, where });
      else if (b.kind === 'heading') {
        needs.push({
          role: headingRole(b.level),
          text: headingPrefix(b.level, 1) + '二三四五六七八九十' + b.text,
          where: `${where}标题`,
        });
        if (b.runIn) needs.push({ role: 'fangsong', text: b.runIn, where });
      } else {
        needs.push({
          role: 'heiti',
          text: b.columns.map((c) => c.title).join('') + (b.title ?? ''),
          where: `${where}表格`,
        });
        needs.push({ role: 'fangsong', text: b.rows.flat().join(''), where: `${where}表格` });
      }
    }
  };
  blocks(input.body, '正文');
  (input.attachments ?? []).forEach((a, i) => {
    needs.push({ role: 'heiti', text: `附件${i + 1}`, where: `附件${i + 1}` });
    needs.push({ role: 'xiaobiaosong', text: a.title, where: `附件${i + 1}标题` });
    needs.push({ role: 'fangsong', text: `附件：${i + 1}. ${a.title}`, where: '附件说明' });
    blocks(a.body, `附件${i + 1}`);
  });
  return needs;
}

export function headingRole(level: 1 | 2 | 3 | 4): FontRole {
  return level === 1 ? 'heiti' : level === 2 ? 'kaiti' : 'fangsong';
}

export function centred(
  items: PageItem[],
  segs: Segment[],
  fonts: FontSet,
  size: number,
  baseline: number,
  color?: string,
  frame?: { left: number; width: number },
) {
  const width = measure(segs, fonts, size, 0);
  const line: Line = { runs: [], spacing: 0, width };
  let dx = 0;
  for (const s of segs) {
    line.runs.push({ text: s.text, role: s.role, dx, spacing: 0 });
    dx += measure([s], fonts, size, 0);
  }
  const centre = frame ? frame.left + frame.width / 2 : CENTRE;
  drawLine(items, line, centre - width / 2, baseline, size, color);
}

/** Breaks a title (2号小标宋) into balanced lines, upper lines not shorter (梯形), never inside a number or 《》. */
export function breakTitle(title: string, fonts: FontSet, size = TITLE_SIZE, width = W): string[] {
  const explicit = title
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  if (explicit.length > 1) return explicit;
  const text = explicit[0] ?? '';
  const w = (s: string) => measure([seg(s, 'xiaobiaosong')], fonts, size, 0);
  if (w(text) <= width) return [text];
  const chars = [...text];
  const n = Math.ceil(w(text) / width);
  // Word boundaries (ICU's dictionary segmentation) keep words whole.
  const wordStarts = new Set<number>();
  let at = 0;
  for (const part of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)) {
    wordStarts.add(at);
    at += [...part.segment].length;
  }
  // Cost of breaking before index i: forbidden inside digits, brackets and the closing 文种; cheap after 的/关于.
  let depth = 0;
  const inside: boolean[] = [];
  chars.forEach((c) => {
    if ('《（“〔'.includes(c)) depth++;
    inside.push(depth > 0);
    if ('》）”〕'.includes(c)) depth--;
  });
  // A date is read as one: “关于2026年9月1日至2026年12月31日 / 领导干部…”, never “…2026年12月 / 31日…”.
  const inDate = new Set<number>();
  for (const m of text.matchAll(DATE)) {
    const from = [...text.slice(0, m.index)].length;
    for (let k = 1; k < [...m[0]].length; k++) inDate.add(from + k);
  }
  const breakCost = (i: number): number => {
    const a = chars[i - 1]!;
    const b = chars[i]!;
    if (/[0-9A-Za-z]/.test(a) && /[0-9A-Za-z]/.test(b)) return Infinity;
    const bracket = inside[i - 1] && inside[i] ? 30 : 0;
    if ('，。、；：？！）》」』”'.includes(b) || '（《「『“'.includes(a)) return Infinity;
    if (/^(通知|通报|公示|决定|意见|报告|请示|方案|办法|规定|纪要)$/.test(chars.slice(i - 1, i + 1).join('')))
      return Infinity;
    if (!wordStarts.has(i) || inDate.has(i)) return bracket + 40;
    if (a === '的' || a === '和' || a === '及' || a === '与' || b === '的') return bracket;
    if (chars.slice(i - 2, i).join('') === '关于') return bracket;
    return bracket + 3;
  };
  // Dynamic programming over break positions for n lines.
  const L = chars.length;
  const best: { cost: number; prev: number; width: number }[][] = Array.from({ length: n + 1 }, () =>
    Array.from({ length: L + 1 }, () => ({ cost: Infinity, prev: -1, width: 0 })),
  );
  best[0]![0] = { cost: 0, prev: -1, width: Infinity };
  const ideal = w(text) / n;
  for (let k = 1; k <= n; k++) {
    for (let end = 1; end <= L; end++) {
      const bc = end === L ? 0 : breakCost(end);
      if (!Number.isFinite(bc)) continue;
      for (let start = 0; start < end; start++) {
        const p = best[k - 1]![start]!;
        if (!Number.isFinite(p.cost)) continue;
        const lw = w(chars.slice(start, end).join(''));
        if (lw > width || lw > p.width + 0.01) continue;
        const cost = p.cost + bc + ((lw - ideal) / size) ** 2;
        if (cost < best[k]![end]!.cost) best[k]![end] = { cost, prev: start, width: lw };
      }
    }
  }
  if (!Number.isFinite(best[n]![L]!.cost)) {
    return breakLines([seg(text, 'xiaobiaosong')], fonts, {
      size,
      tracking: 0,
      firstWidth: width,
      restWidth: width,
      justify: false,
    }).map((l) => l.runs.map((r) => r.text).join(''));
  }
  const out: string[] = [];
  let end = L;
  for (let k = n; k > 0; k--) {
    const s = best[k]![end]!.prev;
    out.unshift(chars.slice(s, end).join(''));
    end = s;
  }
  return out;
}

/** Units for body blocks; heading counters run per document part. */
export function bodyUnits(
  body: BodyBlock[],
  fonts: FontSet,
  counters: number[] = [0, 0, 0, 0],
  /** Filled with the index of the block each unit comes from. */
  sources?: number[],
  /** Words the lines may not break inside (names from the ledger). */
  keep?: readonly string[],
): Unit[] {
  const kept = keep?.length ? { keep } : {};
  const units: Unit[] = [];
  for (const [index, b] of body.entries()) {
    if (b.kind === 'paragraph') {
      for (const para of b.text.split('\n').filter((p) => p.trim())) {
        units.push(
          ...paragraphUnits([seg(para.trim())], fonts, {
            x: X0,
            width: W,
            indent: 2 * CELL,
            tracking: BODY_TRACKING,
            ...kept,
          }),
        );
      }
    } else if (b.kind === 'heading') {
      counters[b.level - 1]!++;
      for (let i = b.level; i < 4; i++) counters[i] = 0;
      const segs = [seg(headingPrefix(b.level, counters[b.level - 1]!) + b.text, headingRole(b.level))];
      if (b.runIn) segs.push(seg(b.runIn));
      units.push(
        ...paragraphUnits(segs, fonts, {
          x: X0,
          width: W,
          indent: 2 * CELL,
          tracking: BODY_TRACKING,
          keepWithNext: !b.runIn,
          ...kept,
        }),
      );
    } else {
      const table = tableUnits(b, fonts, { x: X0, width: W });
      // A turned table takes the heading that leads into it along (a heading is never alone at a page's foot).
      if (table[0]?.rotated)
        for (let i = units.length - 1; i >= 0 && units[i]!.keepWithNext && units[i]!.height === undefined; i--)
          units[i] = { ...units[i]!, rotated: true };
      units.push(...table);
    }
    while (sources && sources.length < units.length) sources.push(index);
  }
  return units;
}

/** The 附件说明 (7.3.4): 附件：1. … with numbers aligned and wraps under the name. */
function attachmentNoteUnits(titles: string[], fonts: FontSet): Unit[] {
  const clean = titles.map((t) => t.replace(/[。；，.;,]+$/u, ''));
  const label = '附件：';
  const labelW = measure([seg(label)], fonts, BODY_SIZE, BODY_TRACKING) + BODY_TRACKING;
  const x = X0 + 2 * CELL;
  const units: Unit[] = [];
  clean.forEach((t, i) => {
    const prefix = clean.length > 1 ? `${i + 1}. ` : '';
    const prefixW = prefix ? measure([seg(prefix)], fonts, BODY_SIZE, BODY_TRACKING) + BODY_TRACKING : 0;
    const lines = breakLines([seg(t)], fonts, {
      size: BODY_SIZE,
      tracking: BODY_TRACKING,
      firstWidth: X1 - (x + labelW + prefixW),
      restWidth: X1 - (x + labelW + prefixW),
      justify: true,
    });
    lines.forEach((line, n) => {
      units.push({
        rows: 1,
        // The 附件说明 belongs with the 署名 below it: neither opens a page without body text above (7.3.5.1).
        keepWithPrevious: true,
        draw(items, row) {
          const b = rowBaseline(row);
          if (n === 0 && i === 0) items.push(text(label, x, b, 'fangsong', BODY_SIZE, BODY_TRACKING));
          if (n === 0 && prefix) items.push(text(prefix, x + labelW, b, 'fangsong', BODY_SIZE, BODY_TRACKING));
          drawLine(items, line, x + labelW + prefixW, b, BODY_SIZE);
        },
      });
    });
  });
  return units;
}

export function text(
  s: string,
  x: number,
  baseline: number,
  role: FontRole,
  size: number,
  spacing = 0,
  color?: string,
): PageItem {
  return { kind: 'text', x, baseline, text: s, role, size, spacing, ...(color ? { color } : {}) };
}

/** 署名, 成文日期 and 附注 as one unit that stays with the body's last line (7.3.5). */
function signatureUnit(input: NoticeInput, fonts: FontSet): Unit {
  const date = formatChineseDate(input.date);
  const nameW = measure([seg(input.signature)], fonts, BODY_SIZE, BODY_TRACKING);
  const dateW = measure([seg(date)], fonts, BODY_SIZE, BODY_TRACKING);
  let nameX: number;
  let dateX: number;
  // Sealed: two empty rows for the seal, whose top then lies within a line of the text above (7.3.5.1).
  const before = input.sealed ? 2 : 1;
  if (input.sealed) {
    dateX = X1 - 4 * CELL - dateW;
    nameX = dateX + dateW / 2 - nameW / 2;
  } else {
    nameX = X1 - 2 * CELL - nameW;
    dateX = nameX + 2 * CELL;
    if (dateX + dateW > X1 - 2 * CELL) {
      dateX = X1 - 2 * CELL - dateW;
      nameX = dateX - 2 * CELL;
    }
  }
  const noteLines = input.note
    ? breakLines([seg(`（${input.note.replace(/^[（(]|[）)]$/g, '')}）`)], fonts, {
        size: BODY_SIZE,
        tracking: BODY_TRACKING,
        firstWidth: W - 2 * CELL,
        restWidth: W - 2 * CELL,
        justify: true,
      })
    : [];
  return {
    rows: before + 2 + noteLines.length,
    keepWithPrevious: true,
    closeUp: true,
    draw(items, row) {
      items.push(text(input.signature, nameX, rowBaseline(row + before), 'fangsong', BODY_SIZE, BODY_TRACKING));
      items.push(text(date, dateX, rowBaseline(row + before + 1), 'fangsong', BODY_SIZE, BODY_TRACKING));
      noteLines.forEach((l, i) => drawLine(items, l, X0 + 2 * CELL, rowBaseline(row + before + 2 + i), BODY_SIZE));
    },
  };
}

/** The 版记 (7.4): rows of 4号仿宋 between rules, the last rule on the 版心's bottom edge. */
function imprint(input: NoticeInput, fonts: FontSet): { rows: number; draw(items: PageItem[]): void } {
  const c = IMPRINT_SIZE;
  const x = X0 + c;
  const width = W - 2 * c;
  const copy = (input.copyTo ?? []).filter((s) => s.trim());
  const label = '抄送：';
  const labelW = measure([seg(label)], fonts, c, 0);
  const copyLines = copy.length
    ? breakLines([seg(copy.join('，').replace(/[。.]$/, '') + '。')], fonts, {
        size: c,
        tracking: 0,
        firstWidth: width - labelW,
        restWidth: width - labelW,
        justify: true,
        // An organ's name is never split across lines (研究生会, not 研究生 / 会).
        keep: copy.map((x) => x.replace(/[。.]$/, '')),
      })
    : [];
  const rows = copyLines.length + 1;
  const bottom = mm(TYPE_AREA.top + TYPE_AREA.height);
  const top = bottom - rows * PITCH;
  const baselineIn = (i: number) => top + (i + 0.5) * PITCH + (EM_TOP - 0.5) * c;
  return {
    rows,
    draw(items) {
      const rule = (y: number, w: number) => items.push({ kind: 'rule', x1: X0, y1: y, x2: X1, y2: y, width: mm(w) });
      rule(top, 0.35);
      copyLines.forEach((l, i) => {
        if (i === 0) items.push(text(label, x, baselineIn(i), 'fangsong', c));
        drawLine(items, l, x + labelW, baselineIn(i), c);
      });
      if (copyLines.length) rule(top + copyLines.length * PITCH, 0.25);
      const printDate = `${formatChineseDate(input.printDate)}印发`;
      const b = baselineIn(rows - 1);
      items.push(text(input.printer, x, b, 'fangsong', c));
      items.push(text(printDate, X1 - c - measure([seg(printDate)], fonts, c, 0), b, 'fangsong', c));
      rule(bottom, 0.35);
    },
  };
}

/** Lays a notice out into pages (exported for tests and for previews). */
export function layoutNotice(input: NoticeInput, fonts: FontSet): Page[] {
  return layoutNoticeFlow(input, fonts).pages;
}

/**
 * Where the notice closed up a page's line spacing for its 署名 (7.3.5.1): the page, the factor and what of the notice
 * lies on it — `header` (版头 and title, when it is page 1), `recipients`, `body` (indices of body blocks), `note` (附件说明)
 * and the 署名 itself. The .docx closes up the same paragraphs.
 */
export interface NoticeCloseUp {
  page: number;
  factor: number;
  header: boolean;
  recipients: boolean;
  body: Set<number>;
  note: boolean;
}

export function layoutNoticeFlow(
  input: NoticeInput,
  fonts: FontSet,
): {
  pages: Page[];
  closedUp?: NoticeCloseUp;
  /** How far below a table (pt) the text after it starts, by body block ('3'), 'n', 's' or attachment block ('0.2'). */
  gaps: Map<string, number>;
  /** How the PDF lays out each table's rows, by the same keys. */
  rows: Map<string, TableRowsLaid>;
} {
  validate(input);
  checkGlyphs(fonts, glyphNeeds(input));
  const first: Page = { orientation: 'portrait', items: [] };
  const items = first.items;

  // 发文机关标志: red 小标宋, centred on the 版心, its ink top 35 mm below the 版心's top (7.2.4).
  const markSegs = [seg(input.issuerMark, 'xiaobiaosong')];
  const markSize = Math.min(MARK_MAX, W / (measure(markSegs, fonts, 1, 0) || 1));
  const markInk = inkExtent(input.issuerMark, fonts, 'xiaobiaosong');
  const markBaseline = mm(TYPE_AREA.top + 35) + markInk.top * markSize;
  centred(items, markSegs, fonts, markSize, markBaseline, RED);
  const markBottom = markBaseline - markInk.bottom * markSize;

  // 发文字号: 空二行 below the mark, centred (7.2.5); the red separator 4 mm below it (7.2.7).
  const numberTop = markBottom + 2 * PITCH;
  const numberBaseline = numberTop + EM_TOP * BODY_SIZE;
  centred(items, [seg(input.docNumber)], fonts, BODY_SIZE, numberBaseline);
  const separatorY = numberBaseline + EM_BOTTOM * BODY_SIZE + mm(4) + SEPARATOR_WIDTH / 2;
  items.push({ kind: 'rule', x1: X0, y1: separatorY, x2: X1, y2: separatorY, width: SEPARATOR_WIDTH, color: RED });

  // 标题: 空二行 below the separator, centred (7.3.1).
  const titleLines = breakTitle(input.title, fonts);
  const titleTop = separatorY + SEPARATOR_WIDTH / 2 + 2 * PITCH;
  titleLines.forEach((t, i) => {
    centred(items, [seg(t, 'xiaobiaosong')], fonts, TITLE_SIZE, titleTop + EM_TOP * TITLE_SIZE + i * TITLE_PITCH);
  });
  const titleBottom = titleTop + (titleLines.length - 1) * TITLE_PITCH + TITLE_SIZE;

  // 主送机关: 空一行 below the title, flush left, ending with a full-width colon (7.3.2).
  const startRow = firstRowAtOrBelow(titleBottom + PITCH);
  // A 公示 addresses no one: without 主送机关 the body starts on that line.
  const recipients = input.mainRecipients.replace(/[:：]\s*$/, '').trim();
  const units: Unit[] = recipients
    ? [
        ...paragraphUnits([seg(recipients + '：')], fonts, {
          x: X0,
          width: W,
          indent: 0,
          tracking: BODY_TRACKING,
          keep: recipients.split(/[，、,]/u).filter((r) => [...r].length <= 14),
        }),
      ]
    : [];
  // What each unit up to the 署名 comes from: 'r' recipients, a body block's index, 'n' the 附件说明, 's' the 署名.
  const sources: (number | 'r' | 'n' | 's')[] = units.map(() => 'r');
  const bodySources: number[] = [];
  units.push(...bodyUnits(input.body, fonts, undefined, bodySources, input.keep));
  sources.push(...bodySources);
  const attachments = input.attachments ?? [];
  if (attachments.length) {
    units.push(
      blankRow(),
      ...attachmentNoteUnits(
        attachments.map((a) => a.title),
        fonts,
      ),
    );
  }
  while (sources.length < units.length) sources.push('n');
  units.push(signatureUnit(input, fonts));
  sources.push('s');
  // Attachment i's block j: `${i}.${j}` (its heading and title: `${i}.-1`).
  const attachmentSources: string[] = [];
  attachments.forEach((a, i) => {
    const blocks: number[] = [];
    const list = attachmentUnits(a, attachments.length > 1 ? i + 1 : null, fonts, input.keep, blocks);
    units.push(...list);
    attachmentSources.push(...list.map((_, k) => `${i}.${blocks[k - (list.length - blocks.length)] ?? -1}`));
  });

  const flow = new GridFlow(first, startRow);
  flow.place(units);
  const pages = flow.pages;
  // Where text goes on under a table (for the .docx): by body block index, 'n' / 's', or `${attachment}.${block}`.
  const keyOf = (idx: number) =>
    String(idx < sources.length ? sources[idx]! : attachmentSources[idx - sources.length]!);
  const gaps = new Map<string, number>();
  for (const [idx, gap] of flow.gapsAfterFree) gaps.set(keyOf(idx), gap);
  const rows = tableRows(units, flow, keyOf);
  const c = flow.closedUp;
  const on = c ? sources.slice(c.firstUnit) : [];
  const closedUp: NoticeCloseUp | undefined = c && {
    page: c.page,
    factor: c.factor,
    header: c.page === 0,
    recipients: on.includes('r'),
    body: new Set(on.filter((x): x is number => typeof x === 'number')),
    note: on.includes('n'),
  };

  // 版记 on the last page's bottom, or on a page of its own; on an even page when asked (see gbt9704.md P39).
  const imp = imprint(input, fonts);
  const evenRule = input.imprintOnEvenPage ?? true;
  const last = pages.length; // 1-based number of the last content page
  const used = flow.currentRow;
  const contentBottom = used > 0 ? rowTop(used - 1) + BODY_SIZE : mm(TYPE_AREA.top);
  const imprintTop = mm(TYPE_AREA.top + TYPE_AREA.height) - imp.rows * PITCH;
  const fits = imprintTop >= contentBottom + (PITCH - BODY_SIZE) && used <= GRID_ROWS;
  const unnumbered = new Set<number>();
  if (fits && (!evenRule || last % 2 === 0)) {
    imp.draw(pages[last - 1]!.items);
  } else {
    if (evenRule && last % 2 === 0) {
      // The 版记 needs the next even page: the odd page between stays blank, and neither is numbered (7.5).
      pages.push({ orientation: 'portrait', items: [] });
      unnumbered.add(pages.length);
    }
    pages.push({ orientation: 'portrait', items: [] });
    imp.draw(pages[pages.length - 1]!.items);
    // 7.5: only when a blank page stands before it does the 版记 page go unnumbered (P36).
    if (unnumbered.size) unnumbered.add(pages.length);
  }

  // 页码 (7.5): the blank page before a 版记 page and the 版记 page itself carry none (see P36).
  numberPages(pages, fonts, unnumbered);
  return { pages, gaps, rows, ...(closedUp ? { closedUp } : {}) };
}

/** One attachment on new pages: 附件N (黑体, row 1), its title (2号小标宋, row 3), a blank row, the body (7.3.7). */
function attachmentUnits(
  a: NoticeAttachment,
  n: number | null,
  fonts: FontSet,
  keep: readonly string[] | undefined,
  /** Filled with the body block each of the body's units comes from. */
  sources?: number[],
): Unit[] {
  const titleLines = breakTitle(a.title, fonts);
  const rows = 2 + Math.ceil(((titleLines.length - 1) * TITLE_PITCH) / PITCH) + 1;
  const head: Unit = {
    rows,
    breakBefore: true,
    keepWithNext: true,
    draw(items, row) {
      items.push(text(n === null ? '附件' : `附件${n}`, X0, rowBaseline(row), 'heiti', BODY_SIZE, BODY_TRACKING));
      titleLines.forEach((t, i) => {
        centred(items, [seg(t, 'xiaobiaosong')], fonts, TITLE_SIZE, rowBaseline(row + 2) + i * TITLE_PITCH);
      });
    },
  };
  return [head, blankRow(), ...bodyUnits(a.body, fonts, undefined, sources, keep)];
}
