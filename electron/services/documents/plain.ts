// Documents without a 版头 (一览表, 记录表, 督办单, 考核 report): a centred 小标宋 title, then tables, forms and
// text on the GB/T 9704 grid, page numbers as in 7.5. Tables stay on portrait pages (no rotated 版心 yet).
import { LedgerError } from '../../../shared/errors';
import type { FontSet, GlyphNeed } from './fonts';
import { checkGlyphs } from './fonts';
import { formUnits, signatureUnits, type FormBlock, type SignatureBlock } from './form';
import type { Unit } from './layout';
import { GridFlow, blankRow, paragraphUnits, rowTop } from './layout';
import type { Page } from './model';
import { bodyUnits, breakTitle, centred, headingRole, type BodyBlock } from './notice';
import { numberPages } from './pagenumbers';
import { renderPages } from './pdf';
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

function blockUnits(blocks: PlainBlock[], fonts: FontSet): Unit[] {
  const units: Unit[] = [];
  let pending: BodyBlock[] = [];
  // Heading numbers (一、二、) run through the whole document, across tables and forms.
  const counters = [0, 0, 0, 0];
  const flush = () => {
    if (pending.length) units.push(...bodyUnits(pending, fonts, counters));
    pending = [];
  };
  let prev: PlainBlock['kind'] | null = null;
  for (const b of blocks) {
    // A rule-bordered table or form is followed by an empty row before the next text.
    const afterBox =
      (prev === 'table' || prev === 'form') && b.kind !== 'table' && b.kind !== 'form' && b.kind !== 'title';
    prev = b.kind;
    if (afterBox) {
      flush();
      units.push(blankRow());
    }
    if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'table') {
      pending.push(b);
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
          }),
        );
    }
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

export function layoutPlain(input: PlainInput, fonts: FontSet): Page[] {
  if (!input.title.trim())
    throw new LedgerError('INVALID_INPUT', '标题不能为空', [{ path: ['title'], field: '标题', message: '不能为空' }]);
  checkGlyphs(fonts, glyphNeeds(input));
  const first: Page = { orientation: 'portrait', items: [] };
  const units: Unit[] = [titleUnit(input.title, fonts, false)];
  if (input.subtitle?.trim()) units.push(centredUnit(input.subtitle, fonts));
  units.push(blankRow(), ...blockUnits(input.blocks, fonts));
  const flow = new GridFlow(first, 0);
  flow.place(units);
  numberPages(flow.pages, fonts);
  return flow.pages;
}

export async function renderPlain(input: PlainInput, fonts: FontSet): Promise<{ pdf: Buffer; pages: number }> {
  const pages = layoutPlain(input, fonts);
  return { pdf: await renderPages(pages, fonts, { title: input.title }), pages: pages.length };
}
