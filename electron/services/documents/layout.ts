// The grid layout engine: measures and breaks Chinese text, then flows rows onto the 22-row grid of GB/T 9704.
import type { FontRole, FontSet } from './fonts';
import type { Page, PageItem } from './model';
import { BODY_SIZE, EM_TOP, GRID_ROWS, PITCH, TYPE_AREA, mm } from './units';

/** A stretch of text in one role's font. */
export interface Segment {
  text: string;
  role: FontRole;
}

/** A placed run within a line: dx from the line's start. */
export interface Run {
  text: string;
  role: FontRole;
  dx: number;
}

export interface Line {
  runs: Run[];
  /** Tracking of every glyph of the line (justified lines spread their slack here). */
  spacing: number;
  /** From the first glyph's left edge to the last glyph's right edge. */
  width: number;
}

// 禁则 (line-breaking rules of Chinese typesetting): these may not begin a line…
const NO_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·％‰,.;:?!)]}%']);
// …and these may not end one.
const NO_END = new Set([...'（《「『【〔〈“‘([{']);
const WORD = /[A-Za-z0-9._\-/%@#&+]/;

interface Glyph {
  ch: string;
  role: FontRole;
  adv: number;
}

/** Tokens that a line break may not split: ASCII words and numbers, doubled 破折号 and 省略号. */
function tokenize(segs: Segment[], fonts: FontSet, size: number): Glyph[][] {
  const tokens: Glyph[][] = [];
  let prev: Glyph | null = null;
  for (const seg of segs) {
    const lf = fonts[seg.role];
    for (const ch of seg.text) {
      const g: Glyph = { ch, role: seg.role, adv: lf.advance(ch.codePointAt(0)!) * size };
      const last = tokens[tokens.length - 1];
      const glue =
        prev !== null &&
        last !== undefined &&
        ((WORD.test(ch) && WORD.test(prev.ch)) || ((ch === '—' || ch === '…') && ch === prev.ch));
      if (glue) last.push(g);
      else tokens.push([g]);
      prev = g;
    }
  }
  return tokens;
}

const tokenWidth = (t: Glyph[], tracking: number) => t.reduce((w, g) => w + g.adv + tracking, 0);

export interface BreakOptions {
  size: number;
  /** Natural tracking in pt. */
  tracking: number;
  firstWidth: number;
  restWidth: number;
  /** Spread every line but the last to the full width (body text does; headers and names do not). */
  justify: boolean;
}

/** Breaks segments into lines greedily, keeping 禁则 and whole ASCII words, and justifies all but the last. */
export function breakLines(segs: Segment[], fonts: FontSet, o: BreakOptions): Line[] {
  const tokens = tokenize(segs, fonts, o.size);
  const lines: Glyph[][] = [];
  let i = 0;
  const eps = 0.01;
  while (i < tokens.length) {
    const avail = lines.length === 0 ? o.firstWidth : o.restWidth;
    let w = 0;
    let j = i;
    while (j < tokens.length && w + tokenWidth(tokens[j]!, o.tracking) - o.tracking <= avail + eps) {
      w += tokenWidth(tokens[j]!, o.tracking);
      j++;
    }
    if (j === tokens.length) {
      lines.push(tokens.slice(i, j).flat());
      break;
    }
    if (j === i) {
      // A word longer than the line: split it by character.
      const t = tokens[i]!;
      let k = 0;
      let tw = 0;
      while (k < t.length && tw + t[k]!.adv <= avail + eps) tw += t[k++]!.adv + o.tracking;
      k = Math.max(1, k);
      lines.push(t.slice(0, k));
      tokens[i] = t.slice(k);
      continue;
    }
    let k = j;
    while (k > i + 1 && (NO_START.has(tokens[k]![0]!.ch) || NO_END.has(tokens[k - 1]![tokens[k - 1]!.length - 1]!.ch)))
      k--;
    if (k === i + 1 && (NO_START.has(tokens[k]![0]!.ch) || NO_END.has(tokens[i]![tokens[i]!.length - 1]!.ch))) k = j;
    lines.push(tokens.slice(i, k).flat());
    i = k;
  }
  return lines.map((glyphs, n) => {
    const avail = n === 0 ? o.firstWidth : o.restWidth;
    const natural = glyphs.reduce((s, g) => s + g.adv, 0);
    const last = n === lines.length - 1;
    const spacing = o.justify && !last && glyphs.length > 1 ? (avail - natural) / (glyphs.length - 1) : o.tracking;
    return toLine(glyphs, spacing);
  });
}

function toLine(glyphs: Glyph[], spacing: number): Line {
  const runs: Run[] = [];
  let x = 0;
  for (const g of glyphs) {
    const last = runs[runs.length - 1];
    if (last && last.role === g.role) last.text += g.ch;
    else runs.push({ text: g.ch, role: g.role, dx: x });
    x += g.adv + spacing;
  }
  return { runs, spacing, width: glyphs.length ? x - spacing : 0 };
}

/** Width of one unbroken line of text, from the first glyph's left edge to the last one's right edge. */
export function measure(segs: Segment[], fonts: FontSet, size: number, tracking: number): number {
  let w = 0;
  let n = 0;
  for (const s of segs) {
    for (const ch of s.text) {
      w += fonts[s.role].advance(ch.codePointAt(0)!) * size + tracking;
      n++;
    }
  }
  return n ? w - tracking : 0;
}

/** One line as text items at (x, baseline). */
export function drawLine(items: PageItem[], line: Line, x: number, baseline: number, size: number, color?: string) {
  for (const r of line.runs) {
    items.push({
      kind: 'text',
      x: x + r.dx,
      baseline,
      text: r.text,
      role: r.role,
      size,
      spacing: line.spacing,
      ...(color ? { color } : {}),
    });
  }
}

/** The em-box top of grid row r (0–21) on a portrait page. */
export const rowTop = (r: number): number => mm(TYPE_AREA.top) + r * PITCH;
/** The baseline of 3号 text on grid row r. */
export const rowBaseline = (r: number): number => rowTop(r) + EM_TOP * BODY_SIZE;
/** The first grid row whose em top is at or below y. */
export const firstRowAtOrBelow = (y: number): number => Math.max(0, Math.ceil((y - mm(TYPE_AREA.top)) / PITCH - 1e-6));

/** Something that occupies whole grid rows. */
export interface Unit {
  rows: number;
  draw(items: PageItem[], row: number): void;
  /** An empty row (空一行): dropped at the top of a page. */
  blank?: boolean;
  /** Start a new page first (附件). */
  breakBefore?: boolean;
  /** Never the last thing on a page (headings). */
  keepWithNext?: boolean;
  /** Never the first thing on a page: the previous unit moves along (署名 after the body, 7.3.5). */
  keepWithPrevious?: boolean;
  /** The last row this unit may end on (a table's lower rule must stay in the 版心). */
  maxEndRow?: number;
  /** Drawn again at the top of each following page the unit's group continues on (a table's header). */
  repeat?: Unit;
  /** Units sharing a group id repeat the group's header. */
  group?: number;
}

interface Placement {
  unit: Unit;
  page: number;
  row: number;
  from: number;
  to: number;
}

/** Flows units onto portrait grid pages. */
export class GridFlow {
  readonly pages: Page[] = [];
  private row = 0;
  private placed: Placement[] = [];

  constructor(first: Page, startRow: number) {
    this.pages.push(first);
    this.row = startRow;
  }

  get pageIndex(): number {
    return this.pages.length - 1;
  }
  get currentRow(): number {
    return this.row;
  }

  newPage(): void {
    this.pages.push({ orientation: 'portrait', items: [] });
    this.row = 0;
  }

  private fits(u: Unit, row: number): boolean {
    return row + u.rows <= Math.min(GRID_ROWS, (u.maxEndRow ?? GRID_ROWS - 1) + 1);
  }

  private put(u: Unit): void {
    const page = this.pages[this.pageIndex]!;
    const from = page.items.length;
    u.draw(page.items, this.row);
    this.placed.push({ unit: u, page: this.pageIndex, row: this.row, from, to: page.items.length });
    this.row += u.rows;
  }

  private headerFor(u: Unit): void {
    if (u.repeat && this.row === 0) this.put(u.repeat);
  }

  place(units: Unit[]): void {
    units.forEach((u, idx) => {
      if (u.breakBefore && !(this.row === 0 && this.pages[this.pageIndex]!.items.length === 0)) this.newPage();
      if (u.blank && this.row === 0) return;
      let need = u.rows;
      if (u.keepWithNext) {
        const next = units.slice(idx + 1).find((n) => !n.blank);
        if (next) need += next.rows;
      }
      if (this.row + need > GRID_ROWS || !this.fits(u, this.row)) {
        const prev = this.placed[this.placed.length - 1];
        this.newPage();
        if (u.keepWithPrevious && prev && prev.page === this.pageIndex - 1 && !prev.unit.blank) {
          // Move the last unit of the previous page along so this one is not alone.
          this.pages[prev.page]!.items.splice(prev.from, prev.to - prev.from);
          this.placed.pop();
          this.put(prev.unit);
        }
        this.headerFor(u);
        if (u.blank) return;
      }
      this.put(u);
    });
  }
}

/** Units for one paragraph: each line one row, first line indented by `indent`. */
export function paragraphUnits(
  segs: Segment[],
  fonts: FontSet,
  o: {
    x: number;
    width: number;
    indent: number;
    hangIndent?: number;
    size?: number;
    tracking: number;
    keepWithNext?: boolean;
  },
): Unit[] {
  const size = o.size ?? BODY_SIZE;
  const lines = breakLines(segs, fonts, {
    size,
    tracking: o.tracking,
    firstWidth: o.width - o.indent,
    restWidth: o.width - (o.hangIndent ?? 0),
    justify: true,
  });
  return lines.map((line, n) => ({
    rows: 1,
    ...(o.keepWithNext && n === lines.length - 1 ? { keepWithNext: true } : {}),
    draw(items, row) {
      drawLine(items, line, o.x + (n === 0 ? o.indent : (o.hangIndent ?? 0)), rowBaseline(row), size);
    },
  }));
}

export const blankRow = (): Unit => ({ rows: 1, blank: true, draw() {} });
