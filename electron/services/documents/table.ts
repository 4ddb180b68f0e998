// Tables (一览表, 考核表) on the body grid: every text line one grid row, rules on row boundaries.
import type { FontSet } from './fonts';
import type { Line, Unit } from './layout';
import { breakLines, drawLine, rowTop } from './layout';
import type { PageItem } from './model';
import { EM_TOP, GRID_ROWS, PITCH, mm } from './units';

export interface TableColumn {
  title: string;
  /** Relative width (default 1). */
  width?: number;
  align?: 'left' | 'center';
}

export interface TableBlock {
  kind: 'table';
  title?: string;
  columns: TableColumn[];
  rows: string[][];
  /** Cell text size in pt (default 14, 4号); wide tables use 12 (小四) to stay inside the portrait 版心. */
  size?: number;
}

const CELL_SIZE = 14;
const PAD = mm(1.5);
const RULE = 0.5;

/**
 * Units for a table: an optional 黑体 caption, a header row repeated on every page the table reaches, and one
 * unit per row. A row never splits; its lower rule stays inside the 版心 (the last usable boundary is row 21's top).
 */
export function tableUnits(t: TableBlock, fonts: FontSet, o: { x: number; width: number }): Unit[] {
  const size = t.size ?? CELL_SIZE;
  const total = t.columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const widths = t.columns.map((c) => (o.width * (c.width ?? 1)) / total);
  const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [o.x]);
  const cellLines = (cells: string[], header: boolean): Line[][] =>
    t.columns.map((_, i) =>
      breakLines([{ text: cells[i] ?? '', role: header ? 'heiti' : 'fangsong' }], fonts, {
        size,
        tracking: 0,
        firstWidth: widths[i]! - 2 * PAD,
        restWidth: widths[i]! - 2 * PAD,
        justify: false,
      }),
    );
  const rowUnit = (cells: string[], header: boolean): Unit => {
    const lines = cellLines(cells, header);
    const k = Math.max(1, ...lines.map((l) => l.length));
    return {
      rows: k,
      maxEndRow: GRID_ROWS - 2,
      keepWithNext: header,
      draw(items: PageItem[], row: number) {
        const top = rowTop(row);
        const bottom = rowTop(row + k);
        const rule = (x1: number, y1: number, x2: number, y2: number) =>
          items.push({ kind: 'rule', x1, y1, x2, y2, width: RULE });
        rule(o.x, top, o.x + o.width, top);
        rule(o.x, bottom, o.x + o.width, bottom);
        xs.forEach((x) => rule(x, top, x, bottom));
        lines.forEach((cell, c) => {
          const offset = (k - cell.length) / 2;
          cell.forEach((line, i) => {
            const centre = top + (offset + i + 0.5) * PITCH;
            const baseline = centre + (EM_TOP - 0.5) * size;
            const align = header ? 'center' : (t.columns[c]!.align ?? 'left');
            const x = align === 'center' ? xs[c]! + (widths[c]! - line.width) / 2 : xs[c]! + PAD;
            drawLine(items, line, x, baseline, size);
          });
        });
      },
    };
  };
  const header = rowUnit(
    t.columns.map((c) => c.title),
    true,
  );
  const units: Unit[] = [];
  if (t.title) {
    const caption = breakLines([{ text: t.title, role: 'heiti' }], fonts, {
      size: 16,
      tracking: 0,
      firstWidth: o.width,
      restWidth: o.width,
      justify: false,
    });
    caption.forEach((line) =>
      units.push({
        rows: 1,
        keepWithNext: true,
        draw(items, row) {
          drawLine(items, line, o.x + (o.width - line.width) / 2, rowTop(row) + EM_TOP * 16, 16);
        },
      }),
    );
  }
  units.push(header);
  for (const r of t.rows) units.push({ ...rowUnit(r, false), repeat: header });
  return units;
}
