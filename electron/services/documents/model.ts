// The laid-out page: positioned text runs and rules, in pt from the page's top-left corner.
import type { FontRole } from './fonts';

export interface TextItem {
  kind: 'text';
  x: number;
  baseline: number;
  text: string;
  role: FontRole;
  size: number;
  /** Tracking added after every glyph (PDF Tc), in pt. */
  spacing: number;
  color?: string;
}

/** A straight rule from (x1, y1) to (x2, y2) along the centre of its stroke; `width` is its thickness. */
export interface RuleItem {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color?: string;
}

export type PageItem = TextItem | RuleItem;

export interface Page {
  orientation: 'portrait' | 'landscape';
  items: PageItem[];
  /**
   * A page turned for a wide table (GB/T 9704 横排表格): `items` are laid out in a landscape frame whose 版心 starts at
   * the same left and top edges as a portrait one (28 mm, 37 mm) and is 225 × 156 mm; the renderer turns it so the
   * table's head faces the left edge of the sheet. `overlay` items (page numbers) stay in the portrait frame.
   */
  rotated?: boolean;
  overlay?: PageItem[];
}
