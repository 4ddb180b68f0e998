// Documents without a 版头 (一览表, 记录表, 督办单, 考核 report): a centred 小标宋 title, then tables, forms and
// text on the GB/T 9704 grid, page numbers as in 7.5. Tables stay on portrait pages (no rotated 版心 yet).
import { LedgerError } from '../../../shared/errors';
import type { FontSet, GlyphNeed } from './fonts';
import { checkGlyphs } from './fonts';
import { formUnits, signatureUnits, type FormBlock, type SignatureBlock } from './form';
import type { TableRowsLaid, Unit } from './layout';
import { GridFlow, blankRow, tableRows, keepTails, paragraphUnits, rowTop } from './layout';
import type { Page } from './model';
import { bodyUnits, breakTitle, centred, headingRole, type BodyBlock } from './notice';
import { numberPages } from './pagenumbers';
import { renderPages } from './pdf';
import { phraseCost } from './table';
import { BODY_SIZE, EM_TOP, PITCH, TYPE_AREA, mm } from './units';

export type PlainBlock =
  | BodyBlock
  | FormBlock
  | SignatureBlock
  /** A centred 小标宋 heading that starts a new page (one cadre's page in the 考核 report). */
  | { kind: 'title'; text: string; newPage?: boolean }
  /** A centred 楷体 line (a subtitle, the period, the lock state). */
  | { kind: 'centred'; text: string }
  /** A flush-left 黑体 line without a number (佐证记录). */
  | { kind: 'caption'; text: string }
  /** Flush-left 仿宋 lines without indent (evidence lists). */
  | { kind: 'list'; items: string[]; size?: number };

export interface PlainInput {
  title: string;
  /** A 楷体 line under the title: the period, the year. */
  subtitle?: string;
  blocks: PlainBlock[];
  /** Words a line of running text may not break inside: the ledger's names of people and units. */
  keep?: readonly string[];
}

const X0 = mm(TYPE_AREA.left);
const W = mm(TYPE_AREA.width);
const TITLE_SIZE = 22;
const TITLE_PITCH = 1.2 * PITCH;

function titleUnit(title: string, fonts: FontSet, newPage: boolean): Unit {
  const lines = breakTitle(title, fonts);
  // The title's em top on the row's top, so its glyphs stay inside the 版心; lines 1.2 rows apart.
  const rows = Math.ceil(((lines.length - 1) * TITLE_PITCH + TITLE_SIZE) / PITCH);
  return {
    rows,
    keepWithNext: true,
    ...(newPage ? { breakBefore: true } : {}),
    draw(items, row, _top, frame) {
      lines.forEach((t, i) =>
        centred(
          items,
          [{ text: t, role: 'xiaobiaosong' }],
          fonts,
          TITLE_SIZE,
          rowTop(row) + EM_TOP * TITLE_SIZE + i * TITLE_PITCH,
          undefined,
          frame,
        ),
      );
    },
  };
}

function centredUnit(s: string, fonts: FontSet): Unit {
  return {
    rows: 1,
    keepWithNext: true,
    draw(items, row, _top, frame) {
      centred(
        items,
        [{ text: s, role: 'kaiti' }],
        fonts,
        BODY_SIZE,
        rowTop(row) + EM_TOP * BODY_SIZE,
        undefined,
        frame,
      );
    },
  };
}

/**
 * The units of the blocks; `sources` is filled with the index of the block each unit comes from (an empty row after
 * a table or form with the block it comes before).
 */
function blockUnits(
  blocks: PlainBlock[],
  fonts: FontSet,
  sources: number[] = [],
  /** The heading numbers reached before these blocks (a part of a longer document). */
  start: readonly number[] = [0, 0, 0, 0],
  keep: readonly string[] = [],
): Unit[] {
  const kept = keep.length ? { keep } : {};
  const units: Unit[] = [];
  let pending: BodyBlock[] = [];
  let pendingAt: number[] = [];
  // Heading numbers (一、二、) run through the whole document, across tables and forms.
  const counters = [...start];
  const flush = () => {
    if (pending.length) {
      const local: number[] = [];
      units.push(...bodyUnits(pending, fonts, counters, local, keep));
      sources.push(...local.map((i) => pendingAt[i]!));
    }
    pending = [];
    pendingAt = [];
  };
  // `sources` may already hold the units before these (the title's): it is filled up to them plus these.
  const before = sources.length;
  const mark = (index: number) => {
    while (sources.length < before + units.length) sources.push(index);
  };
  let prev: PlainBlock['kind'] | null = null;
  for (const [index, b] of blocks.entries()) {
    // A rule-bordered table or form is followed by an empty row before the next text.
    const afterBox =
      (prev === 'table' || prev === 'form') && b.kind !== 'table' && b.kind !== 'form' && b.kind !== 'title';
    prev = b.kind;
    if (afterBox) {
      flush();
      units.push(blankRow());
    }
    mark(index);
    if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'table') {
      pending.push(b);
      pendingAt.push(index);
      continue;
    }
    flush();
    if (b.kind === 'form') units.push(...formUnits(b, fonts, { x: X0, width: W }));
    else if (b.kind === 'signatures') units.push(blankRow(), ...signatureUnits(b, fonts, { x: X0, width: W }));
    else if (b.kind === 'title') units.push(titleUnit(b.text, fonts, b.newPage ?? false), blankRow());
    else if (b.kind === 'centred') units.push(centredUnit(b.text, fonts));
    else if (b.kind === 'caption')
      units.push(
        ...paragraphUnits([{ text: b.text, role: 'heiti' }], fonts, {
          x: X0,
          width: W,
          indent: 0,
          tracking: 0,
          keepWithNext: true,
          ...kept,
        }),
      );
    else {
      const size = b.size ?? 14;
      for (const item of b.items)
        units.push(
          ...paragraphUnits([{ text: item, role: 'fangsong' }], fonts, {
            x: X0,
            width: W,
            indent: 0,
            hangIndent: 2 * size,
            size,
            tracking: 0,
            // An item names records, places and words: a line ends between them, never inside a reference
            // (（记录2552）), a date, a number with its unit or a word (理论体系), as in a table's cells.
            breakCost: phraseCost(item),
            ...kept,
          }),
        );
    }
    mark(index);
  }
  flush();
  return units;
}

function glyphNeeds(input: PlainInput): GlyphNeed[] {
  const needs: GlyphNeed[] = [
    { role: 'xiaobiaosong', text: input.title, where: '标题' },
    { role: 'kaiti', text: input.subtitle ?? '', where: '副标题' },
    { role: 'songti', text: '— 0123456789', where: '页码' },
  ];
  for (const b of input.blocks) {
    if (b.kind === 'paragraph') needs.push({ role: 'fangsong', text: b.text, where: '正文' });
    else if (b.kind === 'heading') {
      needs.push({ role: headingRole(b.level), text: '一二三四五六七八九十（）、.' + b.text, where: '正文标题' });
      needs.push({ role: 'fangsong', text: b.runIn ?? '', where: '正文' });
    } else if (b.kind === 'table') {
      needs.push({ role: 'heiti', text: b.columns.map((c) => c.title).join('') + (b.title ?? ''), where: '表头' });
      needs.push({ role: 'fangsong', text: b.rows.flat().join(''), where: '表格' });
    } else if (b.kind === 'form') {
      needs.push({
        role: 'fangsong',
        text: '（续）' + b.rows.flatMap((r) => r.cells.map((c) => c.label + c.value)).join(''),
        where: '表格',
      });
    } else if (b.kind === 'signatures') needs.push({ role: 'fangsong', text: b.items.join(''), where: '签字栏' });
    else if (b.kind === 'title') needs.push({ role: 'xiaobiaosong', text: b.text, where: '标题' });
    else if (b.kind === 'centred') needs.push({ role: 'kaiti', text: b.text, where: '说明' });
    else if (b.kind === 'caption') needs.push({ role: 'heiti', text: b.text, where: '小标题' });
    else needs.push({ role: 'fangsong', text: b.items.join(''), where: '列表' });
  }
  return needs;
}

/** The page of a plain document whose line spacing was closed up (a form's 签字 lines), for the .docx to match. */
export interface PlainCloseUp {
  page: number;
  factor: number;
  /** The title and subtitle lie on it. */
  header: boolean;
  /** Indexes of the blocks with a unit on it. */
  blocks: Set<number>;
}

/** Throws the Chinese message naming what the fonts cannot print (an empty title, characters no font has). */
export function checkPlain(input: PlainInput, fonts: FontSet): void {
  if (!input.title.trim())
    throw new LedgerError('INVALID_INPUT', '标题不能为空', [{ path: ['title'], field: '标题', message: '不能为空' }]);
  checkGlyphs(fonts, glyphNeeds(input));
}

/**
 * A stretch of a plain document laid out on its own, so that a long one (the 考核 report) can be laid out and written
 * in parts at once (pool.ts): `head` — it opens the document (title, subtitle, the empty row); otherwise its first
 * block starts a new page (a `title` with newPage), so its pages are the ones the whole document has there.
 * `counters`: the heading numbers reached before it (countersAfter of the blocks before).
 */
export interface PlainPart extends PlainInput {
  head: boolean;
  counters?: number[];
}

/** The heading numbers (一、二、, (一)…) the blocks leave behind them, as blockUnits counts them. */
export function countersAfter(blocks: readonly PlainBlock[], start: readonly number[] = [0, 0, 0, 0]): number[] {
  const c = [...start];
  for (const b of blocks)
    if (b.kind === 'heading') {
      c[b.level - 1]!++;
      for (let i = b.level; i < 4; i++) c[i] = 0;
    }
  return c;
}

function flowPlain(
  part: PlainPart,
  fonts: FontSet,
): { flow: GridFlow; sources: number[]; units: Unit[]; tails: number[] } {
  const units: Unit[] = [];
  if (part.head) {
    units.push(titleUnit(part.title, fonts, false));
    if (part.subtitle?.trim()) units.push(centredUnit(part.subtitle, fonts));
    units.push(blankRow());
  }
  // -1: the title, subtitle and the empty row under them.
  const sources = units.map(() => -1);
  units.push(...blockUnits(part.blocks, fonts, sources, part.counters, part.keep));
  const flow = new GridFlow({ orientation: 'portrait', items: [] }, 0);
  const placed = keepTails(units);
  flow.place(placed);
  return { flow, sources, units: placed, tails: placed.flatMap((u, i) => (u === units[i] ? [] : [i])) };
}

/** A part's pages, not yet numbered: numberPages(pages, fonts, undefined, first) once the pages before it are known. */
export function layoutPlainPart(part: PlainPart, fonts: FontSet): Page[] {
  checkPlain(part, fonts);
  return flowPlain(part, fonts).flow.pages;
}

export function layoutPlainFlow(
  input: PlainInput,
  fonts: FontSet,
): {
  pages: Page[];
  closedUp?: PlainCloseUp;
  /** By block: how far below the table or form before it (pt) the block's first row is (its empty row's, if any). */
  gaps: Map<number, number>;
  /** By table block: how the PDF lays out its rows. */
  rows: Map<string, TableRowsLaid>;
  /**
   * By block: which of its paragraphs (list items, lines of a paragraph's text) keeps with the next, counted from its
   * end (1: the last) — a section's last one-line paragraph never stands alone on a page (keepTails).
   */
  tails: Map<number, number>;
} {
  checkPlain(input, fonts);
  const { flow, sources, units, tails: tailUnits } = flowPlain({ ...input, head: true }, fonts);
  const tails = new Map<number, number>();
  for (const idx of tailUnits) {
    // The line kept is the last of its paragraph, and what it keeps with a one-line paragraph (a longer one keeps its
    // last two lines together already): in the same block, the block's last paragraph; else the next block's first.
    let next = idx + 1;
    while (next < units.length && units[next]!.blank) next++;
    if (sources[idx]! >= 0) tails.set(sources[idx]!, sources[next] === sources[idx] ? 2 : 1);
  }
  numberPages(flow.pages, fonts);
  const gaps = new Map<number, number>();
  for (const [idx, gap] of flow.gapsAfterFree) if (sources[idx]! >= 0) gaps.set(sources[idx]!, gap);
  const rows = tableRows(units, flow, (idx) => String(sources[idx]));
  const c = flow.closedUp;
  if (!c) return { pages: flow.pages, gaps, rows, tails };
  // The units on the closed-up page: from its first one to the one that closed it up (the last placed on it).
  const on = sources.slice(c.firstUnit, c.lastUnit + 1);
  return {
    pages: flow.pages,
    gaps,
    rows,
    tails,
    closedUp: {
      page: c.page,
      factor: c.factor,
      header: on.includes(-1),
      blocks: new Set(on.filter((i) => i >= 0)),
    },
  };
}

export const layoutPlain = (input: PlainInput, fonts: FontSet): Page[] => layoutPlainFlow(input, fonts).pages;

export async function renderPlain(input: PlainInput, fonts: FontSet): Promise<{ pdf: Buffer; pages: number }> {
  const pages = layoutPlain(input, fonts);
  return { pdf: await renderPages(pages, fonts, { title: input.title }), pages: pages.length };
}
