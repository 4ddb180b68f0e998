// Bordered forms (记录表, 督办单): label and value cells on the body grid, long values continued on the next page.
import type { FontSet } from './fonts';
import type { Line, Unit } from './layout';
import { breakLines, drawLine, rowTop } from './layout';
import type { PageItem } from './model';
import { phraseCost } from './table';
import { EM_TOP, GRID_ROWS, PITCH, mm } from './units';

export interface FormCell {
  label: string;
  value: string;
  /** The value spans the rest of the row (开展情况, 意见和建议 …). */
  wide?: boolean;
  /** Rows the cell takes at least, so a hand-filled form has room to write. */
  lines?: number;
}

export interface FormBlock {
  kind: 'form';
  rows: { cells: FormCell[] }[];
}

/** 签字 lines under a form: a label and a rule to write on, two to a row. */
export interface SignatureBlock {
  kind: 'signatures';
  items: string[];
}

/** 4号 text in the cells. */
export const FORM_SIZE = 14;
const SIZE = FORM_SIZE;
/** Padding of a value from its cell's left rule. */
export const FORM_PAD = mm(1.5);
const PAD = FORM_PAD;
const RULE = 0.5;
/** Label and value columns of a two-pair row, as shares of the width. */
const COLS = [0.22, 0.3, 0.16, 0.32];
/** A value longer than this many rows continues in a new row (on the next page when needed). */
const CHUNK = GRID_ROWS - 4;

const lines = (text: string, fonts: FontSet, width: number): Line[] =>
  text.split('\n').flatMap((para) =>
    breakLines([{ text: para, role: 'fangsong' }], fonts, {
      size: SIZE,
      tracking: 0,
      firstWidth: width,
      restWidth: width,
      justify: false,
      // As in tables: a name or a date whole, breaks after a phrase (2026年1月4日 / 夏新刚调研).
      breakCost: phraseCost(para),
    }),
  );

/** One printed row of a form (a long value continues in further rows of CHUNK lines). */
export interface FormRowPlan {
  /** Lines the row is high. */
  k: number;
  cells: {
    /** Label span and value span in pt. */
    x: number;
    lw: number;
    vx: number;
    vw: number;
    /** The column the label starts in; a wide value spans the three after it. */
    col: number;
    wide: boolean;
    label: Line[];
    value: Line[];
    /** Lines the value sits down from the row's top (short values in the middle of their row). */
    vOffset: number;
    /** Lines the label sits down from the row's top. */
    offset: number;
  }[];
}

/** The form's rows as printed: the lines of each label and value, shared by the PDF and the .docx. */
export function formPlan(f: FormBlock, fonts: FontSet, o: { x: number; width: number }): FormRowPlan[] {
  const w = COLS.map((c) => c * o.width);
  const xs = w.reduce<number[]>((acc, v) => [...acc, acc[acc.length - 1]! + v], [o.x]);
  const plan: FormRowPlan[] = [];
  for (const row of f.rows) {
    // Each cell: its label span [x, x + lw] and value span [vx, vx + vw].
    const cells = row.cells.map((c, i) => {
      const col = c.wide ? 0 : 2 * i;
      const x = xs[col]!;
      const lw = w[col]!;
      const vx = x + lw;
      const vw = c.wide ? o.x + o.width - vx : w[col + 1]!;
      return {
        c,
        x,
        lw,
        vx,
        vw,
        col,
        label: lines(c.label, fonts, lw - 2 * PAD),
        value: lines(c.value, fonts, vw - 2 * PAD),
      };
    });
    const longest = Math.max(1, ...cells.map((c) => Math.max(c.label.length, c.value.length, c.c.lines ?? 1)));
    for (let from = 0; from < longest; from += CHUNK) {
      const k = Math.min(CHUNK, longest - from);
      const first = from === 0;
      plan.push({
        k,
        cells: cells.map((c) => {
          const label = (first ? c.label : lines('（续）', fonts, c.lw - 2 * PAD)).slice(0, k);
          const value = c.value.slice(from, from + k);
          return {
            x: c.x,
            lw: c.lw,
            vx: c.vx,
            vw: c.vw,
            col: c.col,
            wide: !!c.c.wide,
            label,
            value,
            offset: (k - label.length) / 2,
            // Short values sit in the middle of their row; long ones start at its top.
            vOffset: c.value.length <= k && k <= 2 ? (k - value.length) / 2 : 0,
          };
        }),
      });
    }
  }
  return plan;
}

export function formUnits(f: FormBlock, fonts: FontSet, o: { x: number; width: number }): Unit[] {
  return formPlan(f, fonts, o).map(({ k, cells }) => ({
    rows: 0,
    height: k * PITCH,
    draw(items: PageItem[], _r: number, top: number) {
      const bottom = top + k * PITCH;
      const rule = (x1: number, y1: number, x2: number, y2: number) =>
        items.push({ kind: 'rule', x1, y1, x2, y2, width: RULE });
      rule(o.x, top, o.x + o.width, top);
      rule(o.x, bottom, o.x + o.width, bottom);
      rule(o.x, top, o.x, bottom);
      rule(o.x + o.width, top, o.x + o.width, bottom);
      for (const c of cells) {
        if (c.x > o.x + 0.1) rule(c.x, top, c.x, bottom);
        rule(c.vx, top, c.vx, bottom);
        c.label.forEach((line, i) => {
          const baseline = top + (c.offset + i + 0.5) * PITCH + (EM_TOP - 0.5) * SIZE;
          drawLine(items, line, c.x + (c.lw - line.width) / 2, baseline, SIZE);
        });
        c.value.forEach((line, i) => {
          const baseline = top + (c.vOffset + i + 0.5) * PITCH + (EM_TOP - 0.5) * SIZE;
          drawLine(items, line, c.vx + PAD, baseline, SIZE);
        });
      }
    },
  }));
}

/**
 * 签字 lines: a label and a line of at least 40 mm to write on; two to a row when both fit, else one. One unit: a
 * form is signed on one page — when the lines do not fit below the form, the page's line spacing closes up (as for
 * a 署名, 7.3.5.1) before they move on together.
 */
/** The shortest line to sign on. */
export const SIGN_LINE = mm(40);

/** The 签字 labels row by row: two to a row when both fit half the width with a 40 mm line, else one. */
export function signatureRows(s: SignatureBlock, fonts: FontSet, width: number): string[][] {
  const fitsHalf = (label: string) => lines(label, fonts, width)[0]!.width + mm(1) + SIGN_LINE + mm(4) <= width / 2;
  const rows: string[][] = [];
  for (let i = 0; i < s.items.length;) {
    const pair = fitsHalf(s.items[i]!) && i + 1 < s.items.length && fitsHalf(s.items[i + 1]!) ? 2 : 1;
    rows.push(s.items.slice(i, i + pair));
    i += pair;
  }
  return rows;
}

export function signatureUnits(s: SignatureBlock, fonts: FontSet, o: { x: number; width: number }): Unit[] {
  const half = o.width / 2;
  const labelOf = (label: string) => lines(label, fonts, o.width)[0]!;
  const rows = signatureRows(s, fonts, o.width);
  if (!rows.length) return [];
  return [
    {
      rows: rows.length,
      closeUp: true,
      draw(items, r0) {
        rows.forEach((labels, k) => {
          const r = r0 + k;
          const span = labels.length === 2 ? half : Math.min(o.width, half + SIGN_LINE);
          labels.forEach((label, j) => {
            const x = o.x + j * half;
            const line = labelOf(label);
            // The 4号 em box centred in the row's 3号 em box, so the last row stays inside the 版心.
            const baseline = rowTop(r) + (16 - SIZE) / 2 + EM_TOP * SIZE;
            drawLine(items, line, x, baseline, SIZE);
            const y = baseline + mm(1);
            items.push({ kind: 'rule', x1: x + line.width + mm(1), y1: y, x2: x + span - mm(4), y2: y, width: RULE });
          });
        });
      },
    },
  ];
}
