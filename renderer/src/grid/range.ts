// A rectangle of cells, as a spreadsheet selects them: an anchor (where the selection started) and an end
// (where Shift+arrows, Shift+click or a drag took it). Rows are displayed row indexes, columns indexes into
// the displayed columns (pinned first), so the rectangle follows what is shown. The active cell is the
// grid's focused cell, kept apart (Ctrl+A selects everything and leaves it where it is).
export interface Cell {
  row: number;
  col: number;
}

export interface Range {
  anchor: Cell;
  end: Cell;
}

export interface Bounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export const bounds = (r: Range): Bounds => ({
  top: Math.min(r.anchor.row, r.end.row),
  bottom: Math.max(r.anchor.row, r.end.row),
  left: Math.min(r.anchor.col, r.end.col),
  right: Math.max(r.anchor.col, r.end.col),
});

export const single = (c: Cell): Range => ({ anchor: c, end: c });

export const isSingle = (r: Range) => r.anchor.row === r.end.row && r.anchor.col === r.end.col;

export const contains = (b: Bounds, row: number, col: number) =>
  row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;

export const height = (b: Bounds) => b.bottom - b.top + 1;
export const width = (b: Bounds) => b.right - b.left + 1;

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** One step (or to the edge, with Ctrl) from a cell, inside a grid of rows × cols. */
export function step(c: Cell, dRow: number, dCol: number, rows: number, cols: number, toEdge = false): Cell {
  if (toEdge)
    return {
      row: dRow < 0 ? 0 : dRow > 0 ? rows - 1 : c.row,
      col: dCol < 0 ? 0 : dCol > 0 ? cols - 1 : c.col,
    };
  return { row: clamp(c.row + dRow, 0, Math.max(0, rows - 1)), col: clamp(c.col + dCol, 0, Math.max(0, cols - 1)) };
}

/** Shift+arrow: the end moves, the anchor (active cell) stays. */
export function extend(r: Range, dRow: number, dCol: number, rows: number, cols: number, toEdge = false): Range {
  return { anchor: r.anchor, end: step(r.end, dRow, dCol, rows, cols, toEdge) };
}

/** Ctrl+A: every cell (the active cell, kept by the grid's focus, stays where it is). */
export function all(rows: number, cols: number): Range {
  return { anchor: { row: 0, col: 0 }, end: { row: Math.max(0, rows - 1), col: Math.max(0, cols - 1) } };
}

/**
 * The rows a fill writes and where each takes its values from. Ctrl+D over several rows copies the top
 * row down; over one row it copies the row above. A drag of the fill handle below the range repeats the
 * range's rows, in order, down to the row reached.
 */
export function fillPlan(b: Bounds, toRow?: number): { target: number; source: number }[] {
  if (toRow !== undefined) {
    const plan: { target: number; source: number }[] = [];
    for (let t = b.bottom + 1; t <= toRow; t++)
      plan.push({ target: t, source: b.top + ((t - b.bottom - 1) % height(b)) });
    return plan;
  }
  if (b.bottom > b.top) {
    const plan: { target: number; source: number }[] = [];
    for (let t = b.top + 1; t <= b.bottom; t++) plan.push({ target: t, source: b.top });
    return plan;
  }
  return b.top > 0 ? [{ target: b.top, source: b.top - 1 }] : [];
}
