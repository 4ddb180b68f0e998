// Ink extents of glyphs, for placing text by its ink rather than its em box (the mark, page-number dashes).
import type { FontRole, FontSet } from './fonts';
import { EM_BOTTOM, EM_TOP } from './units';

/** Ink extent of a text in em: the highest top and lowest bottom of its glyphs above the baseline. */
export function inkExtent(text: string, fonts: FontSet, role: FontRole): { top: number; bottom: number } {
  const lf = fonts[role];
  let top = -Infinity;
  let bottom = Infinity;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const f = lf.faces[Math.max(0, lf.faceOf(cp))]!.font;
    const g = f.glyphForCodePoint(cp);
    if (g.bbox.maxY <= g.bbox.minY) continue;
    top = Math.max(top, g.bbox.maxY / f.unitsPerEm);
    bottom = Math.min(bottom, g.bbox.minY / f.unitsPerEm);
  }
  return Number.isFinite(top) ? { top, bottom } : { top: EM_TOP, bottom: -EM_BOTTOM };
}
