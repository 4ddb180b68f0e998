// Units and the GB/T 9704-2012 page geometry: millimetres for the standard, points for the PDF.

export const PT_PER_MM = 72 / 25.4;
export const mm = (v: number): number => v * PT_PER_MM;
export const toMm = (pt: number): number => pt / PT_PER_MM;

/** A4 in mm (5.1). */
export const A4 = { width: 210, height: 297 } as const;

/** The 版心 in mm (5.2.1): 天头 37, 订口 28, 156 × 225. */
export const TYPE_AREA = { left: 28, top: 37, width: 156, height: 225 } as const;

/** 3号 and the 22 × 28 grid (5.2.3), read so one cell size fills both ways: see gbt9704.md "Grid". */
export const BODY_SIZE = 16;
export const GRID_COLUMNS = 28;
export const GRID_ROWS = 22;
/** Line pitch: 21 pitches and one glyph height fill the 225 mm 版心. */
export const PITCH = (mm(TYPE_AREA.height) - BODY_SIZE) / (GRID_ROWS - 1);
/** Tracking that makes 28 glyphs of 3号 fill 156 mm exactly (the last glyph ends on the right edge). */
export const BODY_TRACKING = (mm(TYPE_AREA.width) - GRID_COLUMNS * BODY_SIZE) / (GRID_COLUMNS - 1);
/** One 字 of body text: glyph plus tracking. */
export const CELL = BODY_SIZE + BODY_TRACKING;

/**
 * The ideographic em box of a CJK font sits from 0.88 em above the baseline to 0.12 em below (Adobe's ICF
 * convention; Fandol, SimSun and most GB fonts follow it). Layout places em boxes, not ink.
 */
export const EM_TOP = 0.88;
export const EM_BOTTOM = 0.12;

export const RED = '#E60000';
