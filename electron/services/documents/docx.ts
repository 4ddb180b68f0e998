// The editable copy of a document (.docx, for WPS or Word) through the `docx` library: the same A4 page and 版心,
// fonts named by role as GB/T 9704 offices have them (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体), the red
// mark and separator, 22 lines of 3号 at a fixed pitch, tables with the widths the PDF uses, the 版记 between its
// rules and page numbers “— N —” right on odd pages and left on even ones.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import type { DocumentFields, NoticeFields, PlainBlockFields, PlainFields } from '../../../shared/api/documents';
import { formatChineseDate } from '../../../shared/format/date';
import { headingPrefix } from '../../../shared/format/numbering';
import type { FontRole, FontSet } from './fonts';
import { FORM_PAD, FORM_SIZE, SIGN_LINE, formPlan, signatureRows } from './form';
import { breakLines, measure, type Line, type Segment, type TableRowsLaid } from './layout';
import { breakTitle, layoutNoticeFlow } from './notice';
import { layoutPlainFlow } from './plain';
import { cellLiner, phraseCost, planTable, type TableBlock } from './table';
import { BODY_SIZE, BODY_TRACKING, CELL, EM_TOP, GRID_COLUMNS, GRID_ROWS, PITCH, TYPE_AREA, mm } from './units';

/** The font names offices have installed for each GB/T 9704 role. */
export const DOCX_FONTS: Record<FontRole, string> = {
  fangsong: '仿宋_GB2312',
  xiaobiaosong: '方正小标宋简体',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
  songti: '宋体',
};

/**
 * The Latin face of table cells (see table()) and of 仿宋 running text (see lineRuns). Runs that name it also carry
 * w:hint="eastAsia": Word then sets the characters both faces could take — × in “××县”, “ ” ‘ ’, — and … — in the
 * Chinese face, full width as the PDF has them, and only digits and Latin letters in Times New Roman.
 */
const TABLE_LATIN = 'Times New Roman';

const TWIP_PER_PT = 20;
const tw = (pt: number) => Math.round(pt * TWIP_PER_PT);
const twMm = (v: number) => tw(mm(v));
const RED = 'E60000';
/** One 字 of 3号 text. */
const C = BODY_SIZE;
const PITCH_TW = tw(PITCH);
/**
 * 28 characters of 3号 to a 156 mm line, as in the PDF: each character condensed by the PDF's tracking (a character
 * spacing of −0.25 pt; Word, WPS and LibreOffice all honour it, where LibreOffice spreads a 行和字符网格 to 18 a line).
 */
const TRACKING_TW = Math.floor((mm(TYPE_AREA.width) / GRID_COLUMNS - BODY_SIZE) * TWIP_PER_PT);
/**
 * An exact-height line carries its text at the foot: the baseline sits the font's descent above the line's lower edge
 * (LibreOffice with its CJK font: 23.8 pt down a 29.6 pt line), where the PDF puts it 0.88 em below the row's top.
 * The top margin is lifted by the difference, so the baselines of the 22 lines fall where the PDF's do.
 */
const BASELINE_IN_LINE = PITCH - 0.3625 * BODY_SIZE;
const LIFT = BASELINE_IN_LINE - EM_TOP * BODY_SIZE;
/** The text area holds 22 lines at the PDF's pitch (the 版心's 225 mm hold 21 pitches and one glyph) and not 23. */
const TEXT_AREA_TW = GRID_ROWS * PITCH_TW + tw(2);
/**
 * How much more room a table has on a portrait page in Word and LibreOffice than in the PDF, in pt: their text area must
 * hold 22 whole lines (22 pitches), the PDF's table rows end on the 版心's lower edge (21 pitches and one glyph), and
 * a table under text starts where the line box above ends (LIFT above the PDF's row). The header row is made this much
 * taller (it is drawn on every page the table runs onto), so a page holds the PDF's rows and no more: LibreOffice had
 * one row more on a page, the demo 考核 report ran 800 pages for our 802 with 685 pages holding other text.
 */
const TABLE_ROOM = TEXT_AREA_TW / TWIP_PER_PT - mm(TYPE_AREA.height);

interface RunOpts {
  role?: FontRole;
  size?: number;
  color?: string;
  /** The body's condensed spacing (28 to the line); off for 4号 lines, which the PDF sets solid. */
  tracking?: boolean;
}

function run(text: string, o: RunOpts = {}): TextRun {
  const name = DOCX_FONTS[o.role ?? 'fangsong'];
  return new TextRun({
    text,
    font: { ascii: name, hAnsi: name, eastAsia: name, cs: name },
    size: Math.round((o.size ?? BODY_SIZE) * 2),
    ...(o.tracking === false ? {} : { characterSpacing: TRACKING_TW }),
    ...(o.color ? { color: o.color } : {}),
  });
}

/** A paragraph on the body grid: fixed line pitch, no space before or after. */
function para(
  children: ParagraphChild[],
  o: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    firstLine?: number;
    left?: number;
    right?: number;
    hanging?: number;
    before?: number;
    pitch?: number;
    /** Closes up the line (7.3.5.1): pitch and space before multiplied by this. */
    scale?: number;
    border?: { color: string; size: number; space: number };
    pageBreakBefore?: boolean;
    keepNext?: boolean;
    /** Running text: never one line alone at a page's foot or top, as the PDF lays it out (paragraphUnits). */
    widows?: boolean;
    /** A left tab stop (twips from the margin). */
    tab?: number;
  } = {},
): Paragraph {
  return new Paragraph({
    children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    // The PDF keeps two lines together at a break only in running text (paragraphUnits); elsewhere it breaks after
    // any line, and LibreOffice would keep two together.
    widowControl: !!o.widows,
    // No extra space between Chinese and digits (the PDF sets 2026年 solid); LibreOffice and WPS add it by default.
    autoSpaceEastAsianText: false,
    // Punctuation may hang past the margin: Word's default, written out because LibreOffice reads this element the
    // other way round (w:overflowPunct on → its “hanging punctuation” off) and, without it, hangs a 。 or ， that the
    // PDF moves to the next line with the character before it (the county 考核 report: 120 pages for our 127).
    overflowPunctuation: true,
    spacing: {
      line: Math.floor((o.pitch ?? PITCH_TW) * (o.scale ?? 1)),
      lineRule: LineRuleType.EXACT,
      before: Math.floor((o.before ?? 0) * (o.scale ?? 1)),
      after: 0,
    },
    indent: {
      ...(o.firstLine ? { firstLine: o.firstLine } : {}),
      ...(o.left ? { left: o.left } : {}),
      ...(o.right ? { right: o.right } : {}),
      ...(o.hanging ? { hanging: o.hanging } : {}),
    },
    ...(o.border
      ? {
          border: {
            bottom: { style: BorderStyle.SINGLE, color: o.border.color, size: o.border.size, space: o.border.space },
          },
        }
      : {}),
    ...(o.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(o.keepNext ? { keepNext: true } : {}),
    ...(o.tab ? { tabStops: [{ type: TabStopType.LEFT, position: o.tab }] } : {}),
  });
}

const blank = (scale = 1) => para([run('')], { scale });

/** Page numbers (7.5): 4号 宋体 “— N —”, odd pages right and even pages left, one 字 in. */
function footers() {
  const number = (align: 'right' | 'left') =>
    new Footer({
      children: [
        new Paragraph({
          alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: align === 'right' ? { right: tw(14) } : { left: tw(14) },
          children: [
            new TextRun({
              children: ['— ', PageNumber.CURRENT, ' —'],
              font: { ascii: DOCX_FONTS.songti, hAnsi: DOCX_FONTS.songti, eastAsia: DOCX_FONTS.songti },
              size: 28,
            }),
          ],
        }),
      ],
    });
  return { default: number('right'), even: number('left') };
}

/**
 * A4, 订口 28 mm, 版心 156 mm wide; 22 lines at the PDF's pitch from where the PDF's first line is (天头 37 mm, see
 * LIFT); the footer's line 7 mm below the 版心.
 */
function pageProps(landscape = false): ISectionOptions['properties'] {
  const top = twMm(TYPE_AREA.top) - tw(LIFT);
  const margin = { top, left: twMm(28), right: twMm(210 - 28 - 156), bottom: twMm(297) - top - TEXT_AREA_TW };
  return {
    page: {
      // The docx library swaps width and height itself for a landscape page: given 297 × 210 it wrote a portrait
      // page marked landscape, and LibreOffice cut the turned tables off at the right edge.
      size: landscape
        ? { width: twMm(210), height: twMm(297), orientation: PageOrientation.LANDSCAPE }
        : { width: twMm(210), height: twMm(297) },
      margin: landscape
        ? // 156 mm high as the PDF's turned 版心, less half a point: LibreOffice let a row end 0.1 mm past it that our
          // PDF cut at its edge (the county 通报's 附件2).
          {
            top: twMm(28),
            bottom: twMm(26) + tw(0.5),
            left: twMm(35),
            right: twMm(37),
            footer: twMm(12),
            header: twMm(10),
          }
        : { ...margin, footer: twMm(297 - 262 - 7 - 3), header: twMm(15) },
    },
    grid: { type: DocumentGridType.DEFAULT, linePitch: PITCH_TW },
  };
}

const HEADING_ROLE: Record<1 | 2 | 3 | 4, FontRole> = { 1: 'heiti', 2: 'kaiti', 3: 'fangsong', 4: 'fangsong' };

/** A table with the PDF's plan: the same widths and size, header repeated, rows never split across pages. */
function table(
  t: TableBlock,
  fonts: FontSet,
  /** How the PDF lays out the rows: those it breaks across pages, whether the first is bound to the second. */
  laid: TableRowsLaid = { broken: new Set(), firstBound: false },
): { table: Table; landscape: boolean } {
  const plan = planTable(t, fonts);
  const size = plan.size;
  const widths = plan.widths.map(tw);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  // Each cell keeps the PDF's lines (names and list items whole; Word would break them anywhere), joined by line
  // breaks inside one paragraph, so the rows are as tall as the PDF's.
  const liner = cellLiner(t, fonts, plan);
  // A turned table's page: the same 156 mm in both (margins 28 and 26 mm of a 210 mm page).
  const extra = plan.rotated ? 0 : TABLE_ROOM;
  const cell = (lines: Line[], i: number, header: boolean, keepNext = false, mayBreak = false) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      borders,
      verticalAlign: VerticalAlignTable.CENTER,
      // The PDF's padding, less half a rule above and below: Word and LibreOffice add the 0.5 pt rule to the row. No
      // padding on the right: the lines are the PDF's, and a font with wider digits than ours (LibreOffice substitutes
      // one for 仿宋_GB2312) must not wrap them again.
      margins: {
        left: tw(0.35 * size),
        right: 0,
        top: tw(0.3 * size - 0.25 + (header ? extra / 2 : 0)),
        bottom: tw(0.3 * size - 0.25 + (header ? extra / 2 : 0)),
      },
      children: [
        new Paragraph({
          alignment:
            header || (t.columns[i]!.align ?? (plan.wraps[i] === 'whole' ? 'center' : 'left')) === 'center'
              ? AlignmentType.CENTER
              : AlignmentType.LEFT,
          spacing: { line: tw(1.5 * size), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          autoSpaceEastAsianText: false,
          // A row broken across pages keeps two lines of each cell on either side, as the PDF cuts it (MIN_CUT).
          widowControl: mayBreak,
          // The header row stays with the first row (Word and LibreOffice honour keepNext into the next row), so a
          // heading and title kept with the table never stand alone at a page's foot; the row before the last keeps
          // with it, as in the PDF (the last row never alone under the repeated header).
          ...(header || keepNext ? { keepNext: true } : {}),
          children: lines.map((l, n) => {
            const line = l.runs.map((r) => r.text).join('');
            const name = DOCX_FONTS[header ? 'heiti' : 'fangsong'];
            // Digits and Latin letters in Times New Roman (half an em, like the PDF's): the lines are the PDF's and
            // must not wrap again where 仿宋_GB2312 is missing and a wider Latin font stands in for it (LibreOffice
            // takes DejaVu Sans, whose digits made a 通报's 明细 table a page longer); every office has Times New
            // Roman or a metric twin (Liberation Serif).
            // The room: the cell less its left padding (no right padding, see above).
            const scale = autospaceScale(l, plan.widths[i]! - 0.35 * size, size);
            return new TextRun({
              text: line,
              font: { ascii: TABLE_LATIN, hAnsi: TABLE_LATIN, eastAsia: name, cs: name, hint: 'eastAsia' },
              size: Math.round(size * 2),
              ...(scale < 100 ? { scale } : {}),
              ...(n > 0 ? { break: 1 } : {}),
            });
          }),
        }),
      ],
    });
  // keepNext: the row before the last keeps with it, as in the PDF (the last row never alone under the header).
  const rowOf = (cells: string[], header: boolean, keepNext = false, mayBreak = false) =>
    new TableRow({
      ...(header ? { tableHeader: true } : {}),
      cantSplit: !mayBreak,
      children: liner(cells, header).map((lines, i) => cell(lines, i, header, keepNext, mayBreak)),
    });
  const rows = [
    rowOf(
      t.columns.map((c) => c.title),
      true,
    ),
    // The first row keeps with the second where the PDF binds them (table.ts: the header and both within half a page),
    // so a table never starts with one row under its header at a page's foot.
    ...t.rows.map((r, i) =>
      rowOf(r, false, i === t.rows.length - 2 || (i === 0 && laid.firstBound), laid.broken.has(i)),
    ),
  ];
  return {
    table: new Table({
      rows,
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    }),
    landscape: plan.rotated,
  };
}

/**
 * LibreOffice puts a little space between a Chinese character and a digit or Latin letter next to it (a fifth of an
 * em; it ignores w:autoSpaceDN and w:autoSpaceDE); Word and WPS do so between Chinese and Latin letters (w:autoSpaceDE,
 * which the docx library cannot write; digits are kept solid by w:autoSpaceDN). A table line is the PDF's, set solid,
 * and with those spaces it may no longer fit its cell: it wraps, the row grows and the table runs a page longer (a
 * 通报's 明细 of dates: “1月1日、1月2日、…”). Such a line is narrowed (w:w, a horizontal scale in per cent) by what the
 * spaces would add beyond the room the cell has; 100 when it fits as it is.
 */
export function autospaceScale(line: Line, room: number, size: number): number {
  const t = transitions(line.runs.map((r) => r.text).join(''));
  // Half an em to spare: the substitute fonts' glyphs are not exactly ours.
  const fits = room - size / 2;
  const need = line.width + t * AUTOSPACE * size;
  if (!t || need <= fits || line.width <= 0) return 100;
  return Math.max(50, Math.floor((100 * (fits - t * AUTOSPACE * size)) / line.width));
}

/** The space allowed for between Chinese and Latin, in em (LibreOffice: 2.1 pt at 10.5 pt, a fifth). */
const AUTOSPACE = 0.25;
/** The same space as LibreOffice 7.4 sets it in running text, measured in its PDF (3.2 pt at 16 pt, 2.4 at 12). */
const LO_AUTOSPACE = 0.2;

/**
 * Where LibreOffice puts its extra space: between a Han character and a digit or Latin letter (measured in its PDF: 2.7
 * pt between 2026 and 年 at 12 pt, none between 96 and （ or between 、 and 2).
 */
const ASIAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z0-9]/;
function transitions(text: string): number {
  const chars = [...text];
  let t = 0;
  for (let i = 1; i < chars.length; i++) {
    const a = chars[i - 1]!;
    const b = chars[i]!;
    if ((ASIAN.test(a) && LATIN.test(b)) || (LATIN.test(a) && ASIAN.test(b))) t++;
  }
  return t;
}

/**
 * The first piece of a line that a line break cannot split (Word's 禁则 as the PDF's): opening brackets and quotes with
 * what follows them, a number or word, and the closing punctuation after it.
 */
function firstPiece(text: string): string {
  const chars = [...text];
  let i = 0;
  while (i < chars.length - 1 && /[（《「『【〔〈“‘([{]/.test(chars[i]!)) i++;
  i++;
  // A word or number, up to a hyphen inside it: Word and LibreOffice break after one (“2025- / 2026”).
  if (/[A-Za-z0-9]/.test(chars[i - 1]!))
    while (i < chars.length && /[A-Za-z0-9._\-/%]/.test(chars[i]!)) if (chars[i++] === '-') break;
  while (i < chars.length && /[，。、；：？！）》」』】〕〉”’…—·％]/.test(chars[i]!)) i++;
  return chars.slice(0, i).join('');
}

/**
 * Whether LibreOffice 7.4 refuses a line break between the end of `text` and `next` where the PDF breaks (checked in
 * its PDF): a digit or Latin letter before an opening bracket, and 、 or ， between digits.
 */
function loNoBreak(text: string, next: string): boolean {
  const chars = [...text];
  const last = chars[chars.length - 1] ?? '';
  if (/[A-Za-z0-9]/.test(last) && /[（《〔【「『〈([]/.test(next)) return true;
  return /[、，]/.test(last) && /[0-9]/.test(chars[chars.length - 2] ?? '') && /[0-9]/.test(next);
}

/** The Latin face of running text and titles in the role fonts that name one (see lineRuns, titleRun). */
const latinFace = (role: FontRole) => (role === 'fangsong' || role === 'xiaobiaosong' ? TABLE_LATIN : DOCX_FONTS[role]);

/**
 * Running text (paragraphs, headings, list items, captions) as the PDF breaks it: the lines of `breakLines` with the
 * PDF's options, written as runs of ordinary flowing text — no line breaks, the secretary edits and Word re-flows.
 * What is changed is only the character spacing of a line that LibreOffice would not fit: it puts about a fifth of an
 * em between a Chinese character and a digit or Latin letter (ignoring w:autoSpaceDN), so a full line of the PDF with
 * “2026年11月20日” overflows by a character and every following line and page shifts (the 考核 report ran 134 pages for
 * our 127). Such a line is set a little tighter (a fraction of a point a character) by exactly what those spaces need;
 * never so tight that Word or WPS, which keep digits solid, could pull the next line's first character up. Digits and
 * Latin letters of 仿宋 text are in Times New Roman (half an em like 仿宋_GB2312's; the usual choice of offices; where
 * 仿宋_GB2312 is missing, LibreOffice takes its metric twin instead of the wider DejaVu Sans).
 */
function lineRuns(
  segs: Segment[],
  fonts: FontSet,
  o: {
    size: number;
    tracking: number;
    firstWidth: number;
    restWidth: number;
    firstRoom: number;
    restRoom: number;
    breakCost?: (charIndex: number) => number;
    keep?: readonly string[] | undefined;
  },
): TextRun[] & { lineCount: number } {
  const lines = breakLines(segs, fonts, {
    size: o.size,
    tracking: o.tracking,
    firstWidth: o.firstWidth,
    restWidth: o.restWidth,
    justify: true,
    ...(o.breakCost ? { breakCost: o.breakCost } : {}),
    ...(o.keep?.length ? { keep: o.keep } : {}),
  });
  // As the body runs have always been written: whole twips, rounded down (−0.25 pt keeps 28 to the line).
  const base = Math.floor(o.tracking * TWIP_PER_PT);
  const out: TextRun[] = [];
  // LibreOffice's script of the text so far: a quote or × takes the script of the strong character before it.
  let script: 'latin' | 'asian' = 'latin';
  lines.forEach((line, n) => {
    const text = line.runs.map((r) => r.text).join('');
    const room = n === 0 ? o.firstRoom : o.restRoom;
    const chars = [...text].length;
    const natural = measure(
      line.runs.map((r) => ({ text: r.text, role: r.role })),
      fonts,
      o.size,
      0,
    );
    // The same line as LibreOffice sets it (its auto spaces, its Latin faces), and the characters its spacing follows.
    const lo = loLine(line.runs, fonts, o.size, script);
    script = lo.script;
    const next = lines[n + 1];
    // Character spacing, in twips, between `min` (the next line's first piece must not fit) and `max`; `spaced`: how
    // many characters a spacing of that sign follows.
    const at = (target: number, width: number, spaced: (sign: number) => number) =>
      ((target - width) / spaced(Math.sign(target - width))) * TWIP_PER_PT;
    const range = (width: number, spaced: (sign: number) => number, first: number | null, fit: number) => ({
      max: Math.floor(at(room - fit, width, spaced)),
      min: first === null ? -Infinity : Math.floor(at(room + PULL - first, width, spaced)) + 1,
    });
    let piece: { text: string; role: FontRole } | null = null;
    // Less a comma or full stop at its end: Word and LibreOffice hang those past the margin (w:overflowPunct), so the
    // rest is what must not fit — “…只计“听 / 课”，” was pulled up whole in LibreOffice on a loose line (the demo
    // 考核 report, 4 pages).
    if (next) {
      const first = firstPiece(next.runs.map((r) => r.text).join(''));
      piece = { text: first.replace(/(?<=.)[，。、,.]+$/u, ''), role: next.runs[0]!.role };
    }
    // Word and WPS set digits solid (w:autoSpaceDN off) and the quotes in the Chinese face (w:hint).
    const word = range(natural, () => chars, piece && measure([piece], fonts, o.size, 0), 0);
    const libre = range(
      lo.width,
      (sign) => Math.max(1, sign < 0 ? lo.condensed : lo.spaced),
      piece && loLine([piece], fonts, o.size, script).width + (joins(text, piece.text) ? LO_AUTOSPACE * o.size : 0),
      SPARE,
    );
    // The PDF's spacing where both keep the PDF's line; else the nearest that Word keeps, then the nearest that
    // LibreOffice keeps — its pages are the ones measured — but never so wide that either wraps the line early (a
    // line wrapped early moves every line and page after it; a character pulled up makes a paragraph no longer).
    const clamp = (v: number, r: { min: number; max: number }) => Math.min(r.max, Math.max(r.min, v));
    // LibreOffice's fit is given up where it needs the Chinese characters closer than TIGHTEST (a line dense with
    // dates): Word and WPS would set that line visibly squeezed for an application the office may not use.
    const tightest = Math.floor(-TIGHTEST * o.size * TWIP_PER_PT);
    const lo2 = libre.max < tightest ? { min: -Infinity, max: Infinity } : libre;
    const spacing = Math.min(clamp(clamp(base, word), lo2), word.max, lo2.max);
    // One run per role on the line (the PDF's runs also split where digits are set solid).
    const merged: { text: string; role: FontRole }[] = [];
    for (const r of line.runs) {
      const last = merged[merged.length - 1];
      if (last && last.role === r.role) last.text += r.text;
      else merged.push({ text: r.text, role: r.role });
    }
    // Where LibreOffice finds no break and the PDF (and Word) break — between a digit or letter and an opening bracket
    // (“记录41 / （2026年…”), after 、 inside a list of numbers (“第1、2、…7、 / 8、9条”) — an invisible break
    // opportunity (U+200B) lets it break there too; otherwise it carries the number down and the lines after it move.
    const after = next?.runs[0]?.text[0];
    if (after && loNoBreak(text, after)) merged[merged.length - 1]!.text += '\u200b';
    for (const r of merged) {
      const name = DOCX_FONTS[r.role];
      const latin = latinFace(r.role);
      out.push(
        new TextRun({
          text: r.text,
          font: { ascii: latin, hAnsi: latin, eastAsia: name, cs: name, hint: 'eastAsia' },
          size: Math.round(o.size * 2),
          ...(spacing ? { characterSpacing: spacing } : {}),
        }),
      );
    }
  });
  return Object.assign(out, { lineCount: lines.length });
}

/**
 * Widths, in em, that LibreOffice 7.4 gives characters of the Latin face (Liberation Serif for Times New Roman, measured
 * in its PDF): a quote or × after a digit or at a paragraph's start is set in it, not full width as in the PDF.
 */
const LO_LATIN: Record<string, number> = {
  '“': 0.444,
  '”': 0.444,
  '‘': 0.333,
  '’': 0.333,
  '×': 0.564,
  '·': 0.25,
  '.': 0.25,
  ',': 0.25,
  ':': 0.278,
  ';': 0.278,
  '/': 0.278,
  '-': 0.333,
  '%': 0.833,
  ' ': 0.25,
};
/** Characters LibreOffice gives the script of the strong character before them (its "weak" ones). */
const WEAK = /[“”‘’×·—…!-/:-@[-`{-~\s]/;

/** Whether LibreOffice puts its auto space where `b` follows `a`. */
const joins = (a: string, b: string) => transitions((a.slice(-1) || ' ') + (b[0] ?? ' ')) > 0;

/**
 * A line as LibreOffice sets it: the PDF's widths, plus its space between Han and digits or Latin letters (it ignores
 * w:autoSpaceDN), quotes and × after a digit in its Latin face, digits of a face it lacks wider. The characters its
 * character spacing follows (measured in its PDF): every one when it widens (`spaced`), but when it condenses not where
 * the script changes (“（2026年”: three of five), nor after the last (`condensed`).
 */
function loLine(
  runs: readonly { text: string; role: FontRole }[],
  fonts: FontSet,
  size: number,
  script: 'latin' | 'asian',
): { width: number; spaced: number; condensed: number; script: 'latin' | 'asian' } {
  let width = 0;
  let count = 0;
  let changes = 0;
  const text = runs.map((r) => r.text).join('');
  for (const r of runs) {
    const tnr = latinFace(r.role) === TABLE_LATIN;
    for (const ch of r.text) {
      count++;
      const before = script;
      const ours = fonts[r.role].advance(ch.codePointAt(0)!) * size;
      if (/[A-Za-z0-9]/.test(ch)) {
        script = 'latin';
        width += tnr ? (/[0-9]/.test(ch) ? 0.5 * size : ours) : ours + WIDE_LATIN * size;
      } else if (WEAK.test(ch)) {
        width += script === 'latin' && ch in LO_LATIN ? LO_LATIN[ch]! * size : ours;
      } else {
        script = 'asian';
        width += ours;
      }
      if (count > 1 && script !== before) changes++;
    }
  }
  const t = transitions(text);
  return { width: width + t * LO_AUTOSPACE * size, spaced: count, condensed: count - changes - 1, script };
}

/** The most LibreOffice's fit may condense a line, in em a character (0.1 em: 1.6 pt at 3号). */
const TIGHTEST = 0.1;
/** How far past the line a pulled-up piece must reach before an application is taken not to pull it, in pt. */
const PULL = 0.3;

/** How much wider LibreOffice's stand-in for a Latin face it lacks sets a digit than the PDF (DejaVu Sans: 0.64 em). */
const WIDE_LATIN = 0.15;
/** What a line keeps in hand against rounding and the substitute fonts' widths, in pt. */
const SPARE = 0.5;

/** The 版心's width in pt. */
const W_PT = mm(TYPE_AREA.width);

/** A body paragraph or heading: 3号, the PDF's tracking, the first line indented two 字 (the PDF's 2 × CELL). */
const bodyLines = (segs: Segment[], fonts: FontSet, keep: readonly string[] | undefined) =>
  lineRuns(segs, fonts, {
    keep,
    size: BODY_SIZE,
    tracking: BODY_TRACKING,
    firstWidth: W_PT - 2 * CELL,
    restWidth: W_PT,
    firstRoom: W_PT - (2 * tw(C)) / TWIP_PER_PT,
    restRoom: W_PT,
  });

type Block = Paragraph | Table;

/**
 * One line of a 2号 小标宋 title as the PDF breaks it (breakTitle), set solid as the PDF sets it. Its digits and Latin
 * letters are in Times New Roman (half an em, as the PDF's): LibreOffice, lacking 方正小标宋简体, set them in DejaVu
 * Sans (0.64 em) and, with its space between Chinese and digits, wrapped “关于2026年9月1日至2026年12月31日” (352 pt of
 * the 442 in the PDF) after its last 日 — a title line more, and the 接待日安排 ran a page longer. A line LibreOffice
 * would still not fit is set tighter by what it needs, never beyond TIGHTEST (Word would show it squeezed).
 */
function titleRun(line: string, fonts: FontSet, size = 22): TextRun {
  const lo = loLine([{ text: line, role: 'xiaobiaosong' }], fonts, size, 'latin');
  const over = lo.width - (W_PT - SPARE);
  const spacing =
    over > 0
      ? Math.max(
          Math.floor(-TIGHTEST * size * TWIP_PER_PT),
          Math.floor((-over / Math.max(1, lo.condensed)) * TWIP_PER_PT),
        )
      : 0;
  const name = DOCX_FONTS.xiaobiaosong;
  return new TextRun({
    text: line,
    font: { ascii: TABLE_LATIN, hAnsi: TABLE_LATIN, eastAsia: name, cs: name, hint: 'eastAsia' },
    size: Math.round(size * 2),
    ...(spacing ? { characterSpacing: spacing } : {}),
  });
}

/**
 * A plain document's title (plain.ts titleUnit): 2号 小标宋 lines 1.2 rows apart, the whole taking as many rows of the
 * grid as the PDF's — the last line gets what is left, so a one-line title is one row high.
 */
function titleParas(text: string, fonts: FontSet, scale = 1, newPage = false, before = 0): Paragraph[] {
  const lines = breakTitle(text, fonts);
  const rows = Math.ceil(((lines.length - 1) * 1.2 * PITCH + 22) / PITCH);
  return lines.map((line, i) =>
    para([titleRun(line, fonts)], {
      align: AlignmentType.CENTER,
      pitch: i < lines.length - 1 ? tw(1.2 * PITCH) : tw(rows * PITCH - (lines.length - 1) * 1.2 * PITCH),
      pageBreakBefore: newPage && i === 0,
      ...(i === 0 && before ? { before } : {}),
      keepNext: true,
      scale,
    }),
  );
}

/** Sections: a landscape table gets a section of its own (Word turns the page; the PDF turns the table). */
class Sections {
  readonly list: ISectionOptions[] = [];
  private current: Block[] = [];
  private landscape = false;

  push(...b: Block[]) {
    this.current.push(...b);
  }
  turn(landscape: boolean) {
    if (landscape === this.landscape) return;
    this.flush();
    this.landscape = landscape;
  }
  flush() {
    if (!this.current.length) return;
    this.list.push({ properties: pageProps(this.landscape), footers: footers(), children: this.current });
    this.current = [];
  }
}

function bodyBlocks(
  blocks: readonly (PlainBlockFields | NoticeFields['body'][number])[],
  fonts: FontSet,
  out: Sections,
  counters = [0, 0, 0, 0],
  /** The line-spacing factor of block i (a closed-up page, 7.3.5.1). */
  scaleOf: (i: number) => number = () => 1,
  /** A plain document: as its PDF, an empty row after a table or form before what follows. */
  plain = false,
  /** Names the lines of running text keep whole (the fields' keep, as the PDF). */
  keep?: readonly string[],
  /** How far below the table or form before it the PDF starts block i's first row (pt), when on the same page. */
  gapOf: (i: number) => number | undefined = () => undefined,
  /** The last paragraph keeps with what follows (the 署名 never opens a page without body text, as the PDF). */
  keepEnd = false,
  /** How the PDF lays out the rows of table block i. */
  rowsOf: (i: number) => TableRowsLaid | undefined = () => undefined,
  /** Which paragraph of block i keeps with the next, counted from its end (plain.ts layoutPlainFlow tails). */
  tailOf: (i: number) => number | undefined = () => undefined,
): void {
  let prev: string | null = null;
  // The space before the block's first paragraph (twips): the PDF goes on at the next grid row under a table, Word and
  // LibreOffice right under it. `room`: what the table's header row was given beyond the PDF's (TABLE_ROOM).
  let lead = 0;
  let room = 0;
  const take = () => {
    const v = lead;
    lead = 0;
    return v;
  };
  for (const [i, b] of blocks.entries()) {
    const scale = scaleOf(i);
    const gap = prev === 'table' || prev === 'form' ? gapOf(i) : undefined;
    lead = gap === undefined ? 0 : Math.max(0, tw(gap - room));
    if (plain && (prev === 'table' || prev === 'form') && b.kind !== 'table' && b.kind !== 'form' && b.kind !== 'title')
      // The empty row: where the PDF has it (not at the top of a page: then the next page begins with the block).
      if (gap !== undefined) out.push(para([run('')], { before: take(), scale }));
    prev = b.kind;
    room = 0;
    switch (b.kind) {
      case 'paragraph': {
        const ps = b.text.split('\n').filter((x) => x.trim());
        for (const [k, p] of ps.entries()) {
          const runs = bodyLines([{ text: p.trim(), role: 'fangsong' }], fonts, keep);
          out.push(
            para(runs, {
              firstLine: 2 * tw(C),
              before: take(),
              // The PDF takes the body's last line to the 署名's page with the lines bound to it — the whole paragraph
              // when it has up to three lines (its first two and last two keep together), else its last two, which
              // LibreOffice's widow control does by itself; on a longer paragraph it takes keep-with-next to mean the
              // whole paragraph (a sample 通知: six lines and its heading moved for the PDF's three). The same for the
              // paragraph before a section's last one-line paragraph (keepTails).
              keepNext:
                runs.lineCount <= 3 &&
                ((keepEnd && i === blocks.length - 1 && k === ps.length - 1) || ps.length - k === tailOf(i)),
              scale,
              widows: true,
            }),
          );
        }
        break;
      }
      case 'heading': {
        counters[b.level - 1]!++;
        for (let i = b.level; i < 4; i++) counters[i] = 0;
        const segs: Segment[] = [
          { text: headingPrefix(b.level, counters[b.level - 1]!) + b.text, role: HEADING_ROLE[b.level] },
        ];
        if (b.runIn) segs.push({ text: b.runIn, role: 'fangsong' });
        const lines = bodyLines(segs, fonts, keep);
        out.push(
          para(lines, {
            firstLine: 2 * tw(C),
            keepNext: !b.runIn || (tailOf(i) === 1 && lines.lineCount <= 3),
            before: take(),
            scale,
            widows: true,
          }),
        );
        break;
      }
      case 'table': {
        const t = table(b, fonts, rowsOf(i));
        out.turn(t.landscape);
        if (b.title)
          out.push(
            para([run(b.title, { role: 'heiti' })], { align: AlignmentType.CENTER, keepNext: true, before: take() }),
          );
        out.push(t.table);
        room = t.landscape ? 0 : TABLE_ROOM;
        out.turn(false);
        break;
      }
      case 'form': {
        // The PDF's rows: its lines in each cell (names and dates whole), each row as high as the PDF's.
        const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
        const borders = { top: border, bottom: border, left: border, right: border };
        const W = mm(TYPE_AREA.width);
        const plan = formPlan(b, fonts, { x: 0, width: W });
        const edges = [...new Set(plan.flatMap((r) => r.cells.flatMap((c) => [c.x, c.vx, c.vx + c.vw])))]
          .concat(0)
          .sort((a, b) => a - b)
          .filter((x, i, a) => i === 0 || x - a[i - 1]! > 0.5);
        const cols = edges.slice(1).map((x, i) => tw(x) - tw(edges[i]!));
        const colOf = (x: number) => edges.findIndex((e) => Math.abs(e - x) < 0.5);
        const pitch = Math.floor(PITCH_TW * scale);
        const cellOf = (lines: Line[], from: number, to: number, offset: number, label: boolean) =>
          new TableCell({
            width: { size: tw(to - from), type: WidthType.DXA },
            columnSpan: colOf(to) - colOf(from),
            borders,
            verticalAlign: VerticalAlignTable.TOP,
            margins: { left: label ? 0 : tw(FORM_PAD), right: 0, top: 0, bottom: 0 },
            children: [
              new Paragraph({
                alignment: label ? AlignmentType.CENTER : AlignmentType.LEFT,
                widowControl: false,
                autoSpaceEastAsianText: false,
                // The first line sits `offset` lines down (short values and labels in the middle of their row).
                spacing: { line: pitch, lineRule: LineRuleType.EXACT, before: Math.round(offset * pitch), after: 0 },
                children: (lines.length ? lines : [{ runs: [], spacing: 0, width: 0 }]).map((l, n) => {
                  const scale = autospaceScale(l, to - from - (label ? 0 : FORM_PAD), FORM_SIZE);
                  return new TextRun({
                    text: l.runs.map((r) => r.text).join(''),
                    font: { ascii: TABLE_LATIN, hAnsi: TABLE_LATIN, eastAsia: DOCX_FONTS.fangsong, hint: 'eastAsia' },
                    size: FORM_SIZE * 2,
                    ...(scale < 100 ? { scale } : {}),
                    ...(n > 0 ? { break: 1 } : {}),
                  });
                }),
              }),
            ],
          });
        const rows = plan.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              height: { value: r.k * pitch, rule: 'exact' },
              children: r.cells.flatMap((c) => [
                cellOf(c.label, c.x, c.vx, c.offset, true),
                cellOf(c.value, c.vx, c.vx + c.vw, c.vOffset, false),
              ]),
            }),
        );
        out.push(
          new Table({
            rows,
            columnWidths: cols,
            layout: TableLayoutType.FIXED,
            width: { size: cols.reduce((a, x) => a + x, 0), type: WidthType.DXA },
          }),
        );
        break;
      }
      case 'signatures': {
        // As the PDF: an empty row, then each label followed by a rule to write on (a tab stop with an underline),
        // two to a row when both fit.
        out.push(para([run('')], { before: take(), scale }));
        const W = twMm(TYPE_AREA.width);
        for (const labels of signatureRows(b, fonts, mm(TYPE_AREA.width))) {
          const span = labels.length === 2 ? W / 2 : Math.min(W, W / 2 + tw(SIGN_LINE));
          const children: ParagraphChild[] = [];
          labels.forEach((label, j) => {
            if (j > 0) children.push(new TextRun({ children: [new Tab()], size: FORM_SIZE * 2 }));
            children.push(run(label, { size: FORM_SIZE, tracking: false }));
            children.push(new TextRun({ children: [new Tab()], underline: {}, size: FORM_SIZE * 2 }));
          });
          const stops = labels.length === 2 ? [span - twMm(4), span, 2 * span - twMm(4)] : [span - twMm(4)];
          out.push(
            new Paragraph({
              children,
              tabStops: stops.map((position) => ({ type: TabStopType.LEFT, position: Math.round(position) })),
              widowControl: false,
              spacing: { line: Math.floor(PITCH_TW * scale), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
            }),
          );
        }
        break;
      }
      case 'title':
        out.push(...titleParas(b.text, fonts, scale, !!b.newPage, take()), blank(scale));
        break;
      case 'centred':
        out.push(
          para([run(b.text, { role: 'kaiti' })], {
            align: AlignmentType.CENTER,
            keepNext: true,
            before: take(),
            scale,
          }),
        );
        break;
      case 'caption':
        out.push(
          para(
            lineRuns([{ text: b.text, role: 'heiti' }], fonts, {
              keep,
              size: BODY_SIZE,
              tracking: 0,
              firstWidth: W_PT,
              restWidth: W_PT,
              firstRoom: W_PT,
              restRoom: W_PT,
            }),
            { keepNext: true, before: take(), scale, widows: true },
          ),
        );
        break;
      case 'list': {
        const size = b.size ?? 14;
        for (const [k, item] of b.items.entries()) {
          const lines = lineRuns([{ text: item, role: 'fangsong' }], fonts, {
            keep,
            size,
            tracking: 0,
            firstWidth: W_PT,
            restWidth: W_PT - 2 * size,
            firstRoom: W_PT,
            restRoom: W_PT - 2 * size,
            // As the PDF breaks a list item (plain.ts).
            breakCost: phraseCost(item),
          });
          out.push(
            para(lines, {
              hanging: 2 * tw(size),
              left: 2 * tw(size),
              before: take(),
              scale,
              widows: true,
              // A section's last one-line item keeps with the line before, as in the PDF (see the paragraph's case).
              keepNext: b.items.length - k === tailOf(i) && lines.lineCount <= 3,
            }),
          );
        }
        break;
      }
    }
  }
}

function noticeDocx(f: NoticeFields, fonts: FontSet): ISectionOptions[] {
  const out = new Sections();
  const laid = layoutNoticeFlow({ ...f, ...(f.note?.trim() ? { note: f.note } : {}) }, fonts);
  // Where the PDF closed up a page's line spacing so the 署名 shares it with body text (7.3.5.1), the same paragraphs
  // here get the same factor; the 署名 is always on that page.
  const c = laid.closedUp;
  const closed = (on: boolean | undefined) => (c && on ? c.factor : 1);
  const h = closed(c?.header);
  const sig = closed(!!c);
  // 发文机关标志: red 小标宋, centred, its top 35 mm below the 版心's top; sized to the 版心 width as in the PDF.
  const markSize = Math.min(
    42,
    mm(TYPE_AREA.width) / (measure([{ text: f.issuerMark, role: 'xiaobiaosong' }], fonts, 1, 0) || 1),
  );
  out.push(
    para([run(f.issuerMark, { role: 'xiaobiaosong', size: Math.floor(markSize * 2) / 2, color: RED })], {
      align: AlignmentType.CENTER,
      // The page's top margin is lifted by LIFT; the mark stays 35 mm below the 版心's top.
      before: Math.floor((twMm(35) - tw(0.4 * markSize)) * h) + tw(LIFT),
      pitch: Math.floor(tw(markSize * 1.15) * h),
    }),
  );
  // 发文字号 two lines below, centred; the red separator 4 mm under it, as wide as the 版心. The mark's taller line
  // and the separator's space are taken out of the empty lines after them, so the title starts where the PDF's does.
  out.push(para([run('')], { pitch: PITCH_TW - tw(0.2 * markSize), scale: h }), blank(h));
  out.push(
    para([run(f.docNumber)], {
      align: AlignmentType.CENTER,
      border: { color: RED, size: 12, space: Math.round(mm(4)) },
      scale: h,
    }),
  );
  out.push(para([run('')], { pitch: PITCH_TW - tw(mm(4) + 1.5), scale: h }), blank(h));
  for (const line of breakTitle(f.title, fonts))
    out.push(
      para([titleRun(line, fonts)], {
        align: AlignmentType.CENTER,
        pitch: tw(1.2 * PITCH),
        scale: h,
      }),
    );
  out.push(blank(h));
  const recipients = f.mainRecipients.replace(/[:：]\s*$/, '').trim();
  if (recipients) out.push(para([run(recipients + '：')], { scale: closed(c?.recipients) }));
  const gap = (key: string) => laid.gaps.get(key);
  // From the body's last paragraph to the 署名 each keeps with the next: the PDF moves the 署名 (and the 附件说明 above
  // it) to a new page only with the body's last lines (7.3.5.1), and LibreOffice left them on the page before.
  bodyBlocks(
    f.body,
    fonts,
    out,
    undefined,
    (i) => closed(c?.body.has(i)),
    false,
    f.keep,
    (i) => gap(String(i)),
    true,
    (i) => laid.rows.get(String(i)),
  );
  // What follows a table that ends the body: as under a table inside it (bodyBlocks).
  const end = f.body[f.body.length - 1];
  const endRoom = end?.kind === 'table' && !planTable(end, fonts).rotated ? TABLE_ROOM : 0;
  const under = (key: string) => {
    const g = end?.kind === 'table' ? gap(key) : undefined;
    return g === undefined ? 0 : Math.max(0, tw(g - endRoom));
  };
  if (f.attachments.length) {
    const n = closed(c?.note);
    out.push(para([run('')], { before: under('n'), scale: n, keepNext: true }));
    // 7.3.4: “附件：1. …”, the numbers under each other and a wrapped name under the name — the PDF's lines
    // (notice.ts attachmentNoteUnits), the name after a tab stop at the hanging indent. Written as one run before, the
    // name wrapped back to the 附件 label, and where LibreOffice wrapped it (“…领导干部 / 联系群众…”).
    const label = '附件：';
    const labelW = measure([{ text: label, role: 'fangsong' }], fonts, BODY_SIZE, BODY_TRACKING) + BODY_TRACKING;
    f.attachments.forEach((a, i) => {
      const prefix = f.attachments.length > 1 ? `${i + 1}. ` : '';
      const prefixW = prefix
        ? measure([{ text: prefix, role: 'fangsong' }], fonts, BODY_SIZE, BODY_TRACKING) + BODY_TRACKING
        : 0;
      const width = W_PT - 2 * C - labelW - prefixW;
      const name = lineRuns([{ text: a.title.replace(/[。；，.;,]+$/u, ''), role: 'fangsong' }], fonts, {
        size: BODY_SIZE,
        tracking: BODY_TRACKING,
        firstWidth: width,
        restWidth: width,
        firstRoom: width,
        restRoom: width,
      });
      const at = tw(2 * C + labelW + prefixW);
      out.push(
        para(
          [
            ...(i === 0 ? [run(label)] : []),
            ...(prefix
              ? [
                  new TextRun({
                    text: prefix,
                    font: { ascii: TABLE_LATIN, hAnsi: TABLE_LATIN, eastAsia: DOCX_FONTS.fangsong, hint: 'eastAsia' },
                    size: BODY_SIZE * 2,
                    characterSpacing: TRACKING_TW,
                  }),
                ]
              : []),
            new TextRun({ children: [new Tab()], size: BODY_SIZE * 2 }),
            ...name,
          ],
          { left: at, hanging: at - tw(i === 0 ? 2 * C : 2 * C + labelW), tab: at, scale: n, keepNext: true },
        ),
      );
    });
  }
  // 署名 and 成文日期 (7.3.5): sealed — the date 4 字 from the right, the 署名 centred over it; unsealed — 2 字.
  const date = formatChineseDate(f.date);
  const nameW = measure([{ text: f.signature, role: 'fangsong' }], fonts, BODY_SIZE, 0);
  const dateW = measure([{ text: date, role: 'fangsong' }], fonts, BODY_SIZE, 0);
  out.push(para([run('')], { before: f.attachments.length ? 0 : under('s'), scale: sig, keepNext: true }));
  if (f.sealed) out.push(para([run('')], { scale: sig, keepNext: true }));
  const dateRight = f.sealed ? 4 * C : 2 * C;
  const nameRight = f.sealed ? dateRight + (dateW - nameW) / 2 : 2 * C + Math.max(0, dateW - nameW - 2 * C);
  out.push(
    para([run(f.signature)], {
      align: AlignmentType.RIGHT,
      right: tw(Math.max(0, nameRight)),
      scale: sig,
      keepNext: true,
    }),
  );
  out.push(
    para([run(date)], { align: AlignmentType.RIGHT, right: tw(dateRight), scale: sig, keepNext: !!f.note?.trim() }),
  );
  if (f.note?.trim())
    out.push(para([run(`（${f.note.replace(/^[（(]|[）)]$/g, '')}）`)], { left: 2 * tw(C), scale: sig }));
  f.attachments.forEach((a, i) => {
    // An attachment that opens with a turned table is turned with its heading and title, as on the PDF's page (they
    // stood alone on a portrait page before it: LibreOffice, the county 通报's 附件2, one page more).
    const first = a.body[0];
    out.turn(first?.kind === 'table' && planTable(first, fonts).rotated);
    // Heading, title and the empty lines stay with what follows (a table's header and first row, see table()).
    out.push(
      para([run(f.attachments.length > 1 ? `附件${i + 1}` : '附件', { role: 'heiti' })], {
        pageBreakBefore: true,
        align: AlignmentType.LEFT,
        keepNext: true,
      }),
    );
    out.push(para([run('')], { keepNext: true }));
    const lines = breakTitle(a.title, fonts);
    for (const line of lines)
      out.push(
        para([titleRun(line, fonts)], {
          align: AlignmentType.CENTER,
          pitch: tw(1.2 * PITCH),
          keepNext: true,
        }),
      );
    // The title takes the PDF's whole rows (notice.ts attachmentUnits), its lines 1.2 rows apart: the empty row under
    // it takes up the rest (without, a two-line title put the table 0.6 rows higher than the PDF's).
    const rows = Math.ceil(((lines.length - 1) * 1.2 * PITCH) / PITCH) + 1;
    out.push(para([run('')], { keepNext: true, pitch: tw((rows + 1) * PITCH - lines.length * 1.2 * PITCH) }));
    bodyBlocks(
      a.body,
      fonts,
      out,
      undefined,
      undefined,
      false,
      f.keep,
      (j) => gap(`${i}.${j}`),
      false,
      (j) => laid.rows.get(`${i}.${j}`),
    );
  });
  // 版记 (7.4): where the PDF puts it — on the last page's bottom (the empty lines above it as in the PDF) or on a page
  // of its own — between a thick first and last rule, a thin one between 抄送 and 印发.
  const pages = laid.pages;
  const last = pages[pages.length - 1]!;
  const rules = last.items.filter(
    // The 版记's rules are 0.25 and 0.35 mm thick; a table's, as wide as the 版心, are 0.5 pt.
    (i) => i.kind === 'rule' && i.y1 === i.y2 && Math.abs(i.x2 - i.x1 - mm(TYPE_AREA.width)) < 1 && i.width > 0.6,
  );
  const imprintTop = Math.min(...rules.map((r) => (r.kind === 'rule' ? r.y1 : Infinity)));
  // What stands above the 版记 on its page: text of any size (a table's too) and the table's rules.
  const above = last.items.filter((i) =>
    i.kind === 'text' ? i.baseline < imprintTop : i.kind === 'rule' && Math.max(i.y1, i.y2) < imprintTop - 0.01,
  );
  const copy = f.copyTo.filter((s) => s.trim());
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const imprintRows: TableRow[] = [];
  const cellOpts = { margins: { left: tw(14), right: tw(14) }, verticalAlign: VerticalAlignTable.CENTER };
  if (copy.length)
    imprintRows.push(
      new TableRow({
        height: { value: PITCH_TW, rule: 'atLeast' },
        children: [
          new TableCell({
            ...cellOpts,
            columnSpan: 2,
            borders: { top: thick, bottom: thin, left: none, right: none },
            children: [
              new Paragraph({ children: [run(`抄送：${copy.join('，').replace(/[。.]$/, '')}。`, { size: 14 })] }),
            ],
          }),
        ],
      }),
    );
  imprintRows.push(
    new TableRow({
      height: { value: PITCH_TW, rule: 'atLeast' },
      children: [
        new TableCell({
          ...cellOpts,
          borders: { top: copy.length ? thin : thick, bottom: thick, left: none, right: none },
          children: [new Paragraph({ children: [run(f.printer, { size: 14 })] })],
        }),
        new TableCell({
          ...cellOpts,
          borders: { top: copy.length ? thin : thick, bottom: thick, left: none, right: none },
          children: [
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              children: [run(`${formatChineseDate(f.printDate)}印发`, { size: 14 })],
            }),
          ],
        }),
      ],
    }),
  );
  const W = twMm(TYPE_AREA.width);
  const imprint = new Table({
    rows: imprintRows,
    columnWidths: [W / 2, W / 2],
    layout: TableLayoutType.FIXED,
    width: { size: W, type: WidthType.DXA },
  });
  if (above.length === 0) {
    // A page of its own, after an empty unnumbered page when the PDF has one (the 版记 on an even page). The break
    // goes on the next paragraph, not in one of its own: on a full page that paragraph would open an empty page.
    if (pages.length >= 2 && pages[pages.length - 2]!.items.length === 0)
      out.push(para([run('')], { pageBreakBefore: true }));
    const rows = Math.max(1, Math.round((imprintTop - mm(TYPE_AREA.top)) / PITCH) - 1);
    for (let i = 0; i < rows; i++) out.push(para([run('')], { pageBreakBefore: i === 0 }));
  } else {
    const lowest = Math.max(
      ...above.map((i) => (i.kind === 'text' ? i.baseline : i.kind === 'rule' ? Math.max(i.y1, i.y2) : 0)),
    );
    const free = Math.floor((imprintTop - lowest) / PITCH) - 1;
    for (let i = 0; i < free; i++) out.push(blank());
  }
  out.push(imprint);
  out.flush();
  return out.list;
}

function plainDocx(f: PlainFields, fonts: FontSet): ISectionOptions[] {
  const out = new Sections();
  // A document that is one wide table turns as a whole (its title goes with it).
  const first = f.blocks.find((b) => b.kind === 'table');
  if (first && f.blocks.length === 1 && first.kind === 'table' && planTable(first, fonts).rotated) out.turn(true);
  // Where the PDF closed up a page (a form's 签字 lines kept with it), the blocks on it get the same factor.
  const laid = layoutPlainFlow(
    {
      title: f.title,
      ...(f.subtitle ? { subtitle: f.subtitle } : {}),
      blocks: f.blocks,
      ...(f.keep ? { keep: f.keep } : {}),
    },
    fonts,
  );
  const c = laid.closedUp;
  const h = c?.header ? c.factor : 1;
  // As the PDF: the title, the subtitle right under it, then an empty row.
  out.push(...titleParas(f.title, fonts, h));
  if (f.subtitle?.trim())
    out.push(para([run(f.subtitle, { role: 'kaiti' })], { align: AlignmentType.CENTER, keepNext: true, scale: h }));
  out.push(blank(h));
  bodyBlocks(
    f.blocks,
    fonts,
    out,
    undefined,
    (i) => (c?.blocks.has(i) ? c.factor : 1),
    true,
    f.keep,
    (i) => laid.gaps.get(i),
    false,
    (i) => laid.rows.get(String(i)),
    (i) => laid.tails.get(i),
  );
  out.flush();
  return out.list;
}

/** Writes the fields of any document type as a .docx. */
export async function renderDocx(fields: DocumentFields, fonts: FontSet): Promise<Buffer> {
  const sections = fields.layout === 'notice' ? noticeDocx(fields, fonts) : plainDocx(fields, fonts);
  const doc = new Document({
    creator: '联系群众工作台账',
    title: fields.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: DOCX_FONTS.fangsong, hAnsi: DOCX_FONTS.fangsong, eastAsia: DOCX_FONTS.fangsong },
            size: BODY_SIZE * 2,
          },
        },
      },
    },
    sections,
  });
  return Packer.toBuffer(doc);
}

export const docxFileNameFor = (f: DocumentFields): string =>
  `${f.title.replace(/[\\/:*?"<>|\n]/g, '').slice(0, 60) || f.type}.docx`;
