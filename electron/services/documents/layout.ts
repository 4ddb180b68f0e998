// The grid layout engine: measures and breaks Chinese text, then flows rows onto the 22-row grid of GB/T 9704.
import type { FontRole, FontSet } from './fonts';
import type { Page, PageItem } from './model';
import { BODY_SIZE, EM_TOP, GRID_ROWS, PITCH, TYPE_AREA, mm } from './units';

/** A stretch of text in one role's font. */
export interface Segment {
  text: string;
  role: FontRole;
}

/** A placed run within a line: dx from the line's start; `spacing` follows each of its glyphs (PDF Tc). */
export interface Run {
  text: string;
  role: FontRole;
  dx: number;
  spacing: number;
}

export interface Line {
  runs: Run[];
  /** Tracking between CJK glyphs of the line (justified lines spread their slack here; Latin and digits keep 0). */
  spacing: number;
  /** From the first glyph's left edge to the last glyph's right edge. */
  width: number;
}

// 禁则 (line-breaking rules of Chinese typesetting): these may not begin a line…
const NO_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·％‰,.;:?!)]}%']);
// …and these may not end one.
const NO_END = new Set([...'（《「『【〔〈“‘([{']);
const WORD = /[A-Za-z0-9._\-/%@#&+:]/;
/** Latin letters and digits: set solid, never letter-spaced by justification. */
const SOLID = /[A-Za-z0-9._\-/%@#&+:]/;
/** A clause number (第二十三条) or a Chinese ordinal stays on one line. */
const CLAUSE = /第[〇零一二三四五六七八九十百千两\d]+[条款项章节部分批次届号]/gu;
/** A date is read as one word: “统计截至 / 2026年11月20日”, never “…2026 / 年11月20日”. */
export const DATE = /\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日/gu;
/** A number stays with the unit after it: “3个”, “12次”, “90天”, “15项”, “2026年”. */
const COUNT = /\d+(?:\.\d+)?[年月日时分秒次项条款人名个天周家所份件篇页元户岁倍%％‰]/gu;

interface Glyph {
  ch: string;
  role: FontRole;
  adv: number;
  /** Index of the token (unbreakable unit) the glyph belongs to. */
  token: number;
}

export interface TokenizeOptions {
  /** Words a line may not break inside (people's names, unit names). */
  keep?: ReadonlySet<string> | readonly string[];
  /** Keep dates and a number with its unit on one line: the default without `breakCost` (cells price such breaks). */
  numbers?: boolean;
}

/** The words to keep, by their first UTF-16 unit, longest first: built once per list (a document's names). */
const lexicons = new WeakMap<object, Map<string, string[]>>();
function lexicon(keep: ReadonlySet<string> | readonly string[]): Map<string, string[]> {
  let lex = lexicons.get(keep);
  if (!lex) {
    lex = new Map();
    for (const w of keep) {
      if ([...w].length < 2) continue;
      const list = lex.get(w[0]!) ?? [];
      if (!list.length) lex.set(w[0]!, list);
      list.push(w);
    }
    for (const list of lex.values()) list.sort((a, b) => b.length - a.length);
    lexicons.set(keep, lex);
  }
  return lex;
}

/** For each UTF-16 offset of a text that starts a character, that character's index (and the text's end). */
export function charIndexes(chars: string[]): number[] {
  const at: number[] = [];
  let u = 0;
  chars.forEach((c, i) => {
    at[u] = i;
    u += c.length;
  });
  at[u] = chars.length;
  return at;
}

/**
 * Spans [start, end) of a text's characters that must stay on one line: clause numbers, dates, a number with its
 * unit, and the words to keep (people's and units' names from the ledger).
 */
function keptSpans(
  chars: string[],
  keep: ReadonlySet<string> | readonly string[] | undefined,
  numbers: boolean,
): [number, number][] {
  const text = chars.join('');
  const spans: [number, number][] = [];
  const at = charIndexes(chars);
  // Table cells price a break inside a date instead (phraseCost): running text keeps dates and counts whole.
  for (const re of numbers ? [CLAUSE, DATE, COUNT] : [CLAUSE])
    for (const m of text.matchAll(re)) spans.push([at[m.index]!, at[m.index + m[0].length]!]);
  const lex = keep && (Array.isArray(keep) ? keep.length : (keep as ReadonlySet<string>).size) ? lexicon(keep) : null;
  if (lex)
    for (let i = 0; i < text.length; i++) {
      const words = lex.get(text[i]!);
      const w = words?.find((x) => text.startsWith(x, i));
      if (w && at[i] !== undefined) spans.push([at[i]!, at[i + w.length]!]);
    }
  return spans;
}

/** Tokens that a line break may not split: ASCII words and numbers, clause numbers, names, doubled 破折号 and 省略号. */
function tokenize(segs: Segment[], fonts: FontSet, size: number, o: TokenizeOptions = {}): Glyph[][] {
  const chars: string[] = [];
  const roles: FontRole[] = [];
  for (const seg of segs)
    for (const ch of seg.text) {
      chars.push(ch);
      roles.push(seg.role);
    }
  // glueAfter[i]: no break between character i and i + 1.
  const glueAfter = new Array<boolean>(chars.length).fill(false);
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if ((WORD.test(a) && WORD.test(b)) || ((b === '—' || b === '…') && a === b)) glueAfter[i] = true;
  }
  for (const [s, e] of keptSpans(chars, o.keep, o.numbers ?? true)) for (let i = s; i < e - 1; i++) glueAfter[i] = true;
  const tokens: Glyph[][] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const role = roles[i]!;
    const glue = i > 0 && glueAfter[i - 1];
    const glyph: Glyph = {
      ch,
      role,
      adv: fonts[role].advance(ch.codePointAt(0)!) * size,
      token: glue ? tokens.length - 1 : tokens.length,
    };
    if (glue) tokens[tokens.length - 1]!.push(glyph);
    else tokens.push([glyph]);
  }
  return tokens;
}

/** Whether the gap after glyph a (followed by b) stays solid: inside a run of Latin letters or digits. */
const solidGap = (a: Glyph, b: Glyph | undefined) => !!b && a.token === b.token && SOLID.test(a.ch) && SOLID.test(b.ch);

/** Natural width of glyphs set with `tracking` between CJK glyphs and none inside Latin words and numbers. */
function naturalWidth(glyphs: Glyph[], tracking: number): number {
  let w = 0;
  glyphs.forEach((g, i) => {
    w += g.adv;
    if (i < glyphs.length - 1 && !solidGap(g, glyphs[i + 1])) w += tracking;
  });
  return w;
}

const tokenWidth = (t: Glyph[], tracking: number) => naturalWidth(t, tracking) + tracking;

export interface BreakOptions extends TokenizeOptions {
  size: number;
  /** Natural tracking in pt. */
  tracking: number;
  firstWidth: number;
  restWidth: number;
  /** Spread every line but the last to the full width (body text does; headers and names do not). */
  justify: boolean;
  /**
   * The cost of a line break before the character at this index (0 = a good place, e.g. after 、; higher = inside a
   * phrase). When given, the lines are chosen as the fewest lines first, then the cheapest breaks (table cells:
   * “县城污水处理厂 / 提标改造项目”, not “县城污水处理 / 厂提标改造 / 项目”); without it, greedily (body text).
   */
  breakCost?: (charIndex: number) => number;
}

/** What an extra line costs against bad breaks: a break inside a word (40) costs more than a line. */
const LINE_COST = 10;
/** What a line left empty costs (scaled by the square of its empty share): a ragged cell reads worse. */
const RAGGED = 4;
/**
 * The same in justified text, where the empty share is spread between the characters: a line 15% empty costs about
 * as much as a break beside a one-character word, 40% empty as much as a break inside a word (the 考核 report's
 * 考核依据 items read letter-spaced at 90: “走 访 老 同 志 ） 类 型 为 …”).
 */
const LOOSE = 250;
/**
 * Justified lines spread their slack first into the spaces between fields (U+3000 in a 佐证记录 item's “日期 类型 地点
 * 对象”, after a clause number), each growing by up to SEP_GROW em, and only the rest between the characters.
 */
const SEP_GROW = 1;
const isSep = (ch: string) => ch === '\u3000' || ch === ' ';
/**
 * Letter-spacing beyond this share of an em reads as loose (“走 访 老 同 志”, tests/documents/paging.ts counts such
 * lines): breaking by cost, a line beyond it costs OVER_CAP at the cap and more as it gets looser, so a break inside a
 * word (40) or after a date's 年 or 月 (table.ts WHOLE) is taken rather than a line spread well apart.
 */
export const LOOSE_CAP = 0.1;
const OVER_CAP = 100;

/**
 * Lines by least cost (see BreakOptions.breakCost), or null when a token is wider than a line. Each token's width and
 * the penalty of a break before it are worked out once (a paragraph of the 考核 report's 考核依据 tries every token as
 * the end of a line from each of the ~30 tokens before it).
 */
function breakByCost(tokens: Glyph[][], o: BreakOptions, cost: (charIndex: number) => number): Glyph[][] | null {
  const n = tokens.length;
  const widths = new Float64Array(n);
  // breakPen[j]: what a break before token j costs, before the line's emptiness is added.
  const breakPen = new Float64Array(n);
  // Before token k: the separators and the gaps between glyphs that justification spreads (see justify).
  const sepsBefore = new Int32Array(n + 1);
  const gapsBefore = new Int32Array(n + 1);
  let c = 0;
  for (let k = 0; k < n; k++) {
    const t = tokens[k]!;
    widths[k] = tokenWidth(t, o.tracking);
    let seps = 0;
    let gaps = 1;
    for (let x = 0; x < t.length; x++) {
      const g = t[x]!;
      if (isSep(g.ch)) seps++;
      if (x < t.length - 1 && !solidGap(g, t[x + 1])) gaps++;
    }
    sepsBefore[k + 1] = sepsBefore[k]! + seps;
    gapsBefore[k + 1] = gapsBefore[k]! + gaps;
    if (k > 0) {
      const prevTok = tokens[k - 1]!;
      const bad = NO_START.has(t[0]!.ch) || NO_END.has(prevTok[prevTok.length - 1]!.ch);
      breakPen[k] = bad ? 1000 : cost(c);
    }
    c += t.length;
  }
  const emptiness = o.justify ? LOOSE : RAGGED;
  const best = new Float64Array(n + 1).fill(Infinity);
  const prev = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === Infinity) continue;
    const avail = i === 0 ? o.firstWidth : o.restWidth;
    let w = 0;
    for (let j = i + 1; j <= n; j++) {
      w += widths[j - 1]!;
      if (w - o.tracking > avail + 0.01) break;
      let pen = 0;
      if (j < n) {
        // A short line costs a little (书记、校长每学年到…部门 / 现场办公 rather than 书记、/ 校长每学年…).
        const room = Math.max(0, avail - (w - o.tracking));
        let left = room;
        if (o.justify) {
          // Separators inside the line take what they can (not one that starts or ends it: it would show as indent).
          const first = tokens[i]![0]!;
          const lastTok = tokens[j - 1]!;
          const seps =
            sepsBefore[j]! -
            sepsBefore[i]! -
            (isSep(first.ch) ? 1 : 0) -
            (isSep(lastTok[lastTok.length - 1]!.ch) ? 1 : 0);
          left -= Math.min(room, Math.max(0, seps) * SEP_GROW * o.size);
          const gaps = Math.max(1, gapsBefore[j]! - gapsBefore[i]! - 1);
          // The looser, the dearer: 100 at 0.1 em, 380 at 0.38 em (a date cut after its 年 or 月, 60 in running text
          // and 150 in a list, spares a line at 0.38 em but not one at 0.12 em).
          const spread = left / gaps / o.size;
          if (spread > LOOSE_CAP) pen += (OVER_CAP * spread) / LOOSE_CAP;
        }
        const slack = left / avail;
        pen += breakPen[j]! + emptiness * slack * slack;
      }
      const v = best[i]! + LINE_COST + pen;
      if (v < best[j]!) {
        best[j] = v;
        prev[j] = i;
      }
    }
  }
  if (best[n] === Infinity) return null;
  const lines: Glyph[][] = [];
  for (let j = n; j > 0; j = prev[j]!) lines.unshift(tokens.slice(prev[j]!, j).flat());
  return lines;
}

/** Ids of the keep lists and break costs breakLines is given, for its memo (the same object: the same id). */
const ids = new WeakMap<object, number>();
let lastId = 0;
const idOf = (x: object | undefined): number => {
  if (!x) return 0;
  let id = ids.get(x);
  if (id === undefined) ids.set(x, (id = ++lastId));
  return id;
};
/**
 * Lines already broken, by font set and everything that decides them: the same cell, heading or item recurs in every
 * cadre's 考核表 and section of the 考核 report (rule names, column heads, 达标). By identity for the keep list and
 * break cost (table.ts hands out the same ones for the same text). Bounded: cleared when full. Lines are never changed
 * after they are made (drawLine and the .docx read them), so one may be handed out again.
 */
const broken = new WeakMap<FontSet, Map<string, Line[]>>();
const BROKEN_MAX = 20_000;

/** Breaks segments into lines greedily, keeping 禁则 and whole tokens, and justifies all but the last. */
export function breakLines(segs: Segment[], fonts: FontSet, o: BreakOptions): Line[] {
  let memo = broken.get(fonts);
  if (!memo) broken.set(fonts, (memo = new Map()));
  let key = `${o.size}|${o.tracking}|${o.firstWidth}|${o.restWidth}|${o.justify ? 1 : 0}|${o.numbers ?? ''}|${idOf(o.keep)}|${idOf(o.breakCost)}`;
  for (const s of segs) key += `|${s.role}:${s.text}`;
  const known = memo.get(key);
  if (known) return known;
  const lines = breakAnew(segs, fonts, o);
  if (memo.size >= BROKEN_MAX) memo.clear();
  memo.set(key, lines);
  return lines;
}

/**
 * Running text (justified, no breakCost of its own) is broken by cost too, so that a line is not spread apart for a
 * date kept whole (the 公示: “公 示 期 为 5 个 工 作 日 ， 自 2026 年 11 月 20 日 至”, 0.38 em): a break between two
 * characters costs nothing, after the 年 or 月 of a date RUNNING_CUT — less than a loose line (OVER_CAP), so a date is
 * cut (“2026年11月 / 26日”, as printed 公文 do) rather than a line spread beyond 0.1 em — and never between a number
 * and its unit (“2026 / 年”, “5 / 个”). Lists and cells (breakCost: table.ts phraseCost) keep dates dearer.
 */
const RUNNING_CUT = 60;
function runningCost(segs: Segment[]): (charIndex: number) => number {
  const chars = segs.flatMap((s) => [...s.text]);
  const text = chars.join('');
  const at = charIndexes(chars);
  const costs = new Map<number, number>();
  for (const re of [DATE, COUNT])
    for (const m of text.matchAll(re)) {
      const s = at[m.index]!;
      const e = at[m.index + m[0].length]!;
      for (let k = s + 1; k < e; k++) {
        const cut = /[年月]/u.test(chars[k - 1]!) && /\d/u.test(chars[k]!);
        costs.set(k, Math.max(costs.get(k) ?? 0, re === DATE && cut ? RUNNING_CUT : 1000));
      }
    }
  return (i) => costs.get(i) ?? 0;
}

function breakAnew(segs: Segment[], fonts: FontSet, o: BreakOptions): Line[] {
  const cost = o.breakCost ?? (o.justify && o.numbers === undefined ? runningCost(segs) : undefined);
  const tokens = tokenize(segs, fonts, o.size, cost && o.numbers === undefined ? { ...o, numbers: false } : o);
  const byCost = cost ? breakByCost(tokens, o, cost) : null;
  const lines: Glyph[][] = byCost ?? [];
  let i = byCost ? tokens.length : 0;
  const eps = 0.01;
  const widths = byCost ? [] : tokens.map((t) => tokenWidth(t, o.tracking));
  while (i < tokens.length) {
    const avail = lines.length === 0 ? o.firstWidth : o.restWidth;
    let w = 0;
    let j = i;
    while (j < tokens.length && w + widths[j]! - o.tracking <= avail + eps) {
      w += widths[j]!;
      j++;
    }
    if (j === tokens.length) {
      lines.push(tokens.slice(i, j).flat());
      break;
    }
    if (j === i) {
      // A token longer than the line: split it by character.
      const t = tokens[i]!;
      let k = 0;
      let tw = 0;
      while (k < t.length && tw + t[k]!.adv <= avail + eps) tw += t[k++]!.adv + o.tracking;
      k = Math.max(1, k);
      // The pieces become tokens of their own.
      const rest = t.slice(k).map((g) => ({ ...g, token: -1 - g.token }));
      lines.push(t.slice(0, k));
      tokens[i] = rest;
      widths[i] = tokenWidth(rest, o.tracking);
      continue;
    }
    let k = j;
    const startsBad = (x: number) => NO_START.has(tokens[x]![0]!.ch);
    const endsBad = (x: number) => NO_END.has(tokens[x - 1]![tokens[x - 1]!.length - 1]!.ch);
    while (k > i + 1 && (startsBad(k) || endsBad(k))) k--;
    if (k === i + 1 && (startsBad(k) || endsBad(k))) k = j;
    lines.push(tokens.slice(i, k).flat());
    i = k;
  }
  return lines.map((glyphs, n) => {
    const avail = n === 0 ? o.firstWidth : o.restWidth;
    const last = n === lines.length - 1;
    const natural = glyphs.reduce((s, g) => s + g.adv, 0);
    const gaps = glyphs.filter((g, x) => x < glyphs.length - 1 && !solidGap(g, glyphs[x + 1])).length;
    if (!o.justify || last || gaps === 0) return toLine(glyphs, o.tracking);
    // The slack beyond the natural tracking: into the separators inside the line first, the rest between glyphs.
    let rest = avail - natural - gaps * o.tracking;
    const seps = glyphs.filter((g, x) => x > 0 && x < glyphs.length - 1 && isSep(g.ch)).length;
    const grow = seps && rest > 0 ? Math.min(rest / seps, SEP_GROW * o.size) : 0;
    rest -= grow * seps;
    return toLine(glyphs, o.tracking + rest / gaps, grow);
  });
}

/**
 * Places glyphs: `spacing` after each glyph, none inside Latin words and numbers, `grow` more after a separator inside
 * the line; a run per role and spacing.
 */
function toLine(glyphs: Glyph[], spacing: number, grow = 0): Line {
  const runs: (Run & { closed?: boolean })[] = [];
  let x = 0;
  let prevGap: number | null = null;
  glyphs.forEach((g, i) => {
    const next = glyphs[i + 1];
    const gap = solidGap(g, next) ? 0 : spacing + (grow && i > 0 && next && isSep(g.ch) ? grow : 0);
    const last = runs[runs.length - 1];
    // A glyph joins the run when the gap before it is the run's spacing and its own gap is too, or when it ends its
    // token (the gap after a run's last glyph does not matter: the next run is placed by its own dx).
    const endsToken = !next || next.token !== g.token;
    if (
      last &&
      !last.closed &&
      last.role === g.role &&
      prevGap === last.spacing &&
      (gap === last.spacing || endsToken)
    ) {
      last.text += g.ch;
      if (gap !== last.spacing) last.closed = true;
    } else runs.push({ text: g.ch, role: g.role, dx: x, spacing: gap });
    prevGap = gap;
    x += g.adv + gap;
  });
  const lastGap = glyphs.length ? spacing : 0;
  return { runs: runs.map(({ closed: _c, ...r }) => r), spacing, width: glyphs.length ? x - lastGap : 0 };
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
      spacing: r.spacing,
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

/**
 * Something placed on a page: text lines occupy whole rows of the body grid; a table row or form row (a free unit,
 * `height` set) sits where the previous unit ended, and the text after it goes on to the next grid row.
 */
export interface Unit {
  /** Grid rows taken (grid units). */
  rows: number;
  /** Height in pt of a free unit (placed at the cursor, off the grid). */
  height?: number;
  /** Draws the unit; `row` is its grid row (grid units), `top` its top edge in pt, `frame` the page's 版心 width. */
  draw(items: PageItem[], row: number, top: number, frame: Frame): void;
  /** An empty row (空一行): dropped at the top of a page. */
  blank?: boolean;
  /** Start a new page first (附件). */
  breakBefore?: boolean;
  /** Never the last thing on a page (headings, a table's caption and header). */
  keepWithNext?: boolean;
  /** Never the first thing on a page: the previous unit moves along (署名 after the body, 7.3.5). */
  keepWithPrevious?: boolean;
  /** May close up the page's line spacing rather than open a page of its own (the 署名 block, 7.3.5.1). */
  closeUp?: boolean;
  /** Drawn again at the top of each following page the unit's table continues on (a table's header). */
  repeat?: Unit;
  /** On a page turned for a wide table (横排表格): the 版心 is 225 mm wide and 156 mm high. */
  rotated?: boolean;
  /**
   * A table row that may be cut across pages: its first part within `room` pt and the rest, or null when either would
   * be too short. Used only where the heading and header leading into the row could stand on no page with it whole.
   */
  split?(room: number): [Unit, Unit] | null;
  /** The row of its table a row unit draws (0-based, header none): the .docx lets the rows the PDF cuts break. */
  tableRow?: number;
}

/** The 版心 of the page a unit is drawn on: its left edge and width (a turned page's is 225 mm wide). */
export interface Frame {
  left: number;
  width: number;
  rotated: boolean;
}

interface Placement {
  unit: Unit;
  page: number;
  from: number;
  to: number;
  /** The cursor before the unit. */
  y: number;
  /** The unit's index in the list placed. */
  idx: number;
}

/** A page whose line spacing was closed up for the 署名 (7.3.5.1), for the .docx to do the same. */
export interface ClosedUpPage {
  /** 0-based page index. */
  page: number;
  /** Index of the first unit placed on that page. */
  firstUnit: number;
  /** Index of the unit that closed it up: the last one on it. */
  lastUnit: number;
  /** Every vertical distance on the page from the 版心's top is multiplied by this. */
  factor: number;
}

/** Rows of the grid in a frame: 22 on a portrait page, 15 on a turned one (156 mm high). */
export const frameRows = (rotated: boolean): number =>
  rotated ? Math.floor((mm(TYPE_AREA.width) - BODY_SIZE) / PITCH) + 1 : GRID_ROWS;
/** The lower edge of the 版心 in the frame's coordinates. */
export const frameBottom = (rotated: boolean): number =>
  mm(TYPE_AREA.top) + (rotated ? mm(TYPE_AREA.width) : mm(TYPE_AREA.height));
/** Width of the 版心 in the frame. */
export const frameWidth = (rotated: boolean): number => (rotated ? mm(TYPE_AREA.height) : mm(TYPE_AREA.width));

/**
 * Flows units onto pages: grid units on the 22-row body grid, free units (table rows) at the cursor. A page turned
 * for a wide table keeps the portrait 版心's left and top edges in its own coordinates (see pdf.ts).
 */
export class GridFlow {
  readonly pages: Page[] = [];
  private y: number;
  private afterFree = false;
  private placed: Placement[] = [];
  /** Set when a page's line spacing was closed up. */
  closedUp?: ClosedUpPage;
  /**
   * Grid units placed right under a table or form on the same page, by index: how far below its lower edge (pt) the
   * unit's row starts (text goes on at the next grid row a line's gap down). The .docx reproduces it: Word and
   * LibreOffice set the next paragraph right under the table.
   */
  readonly gapsAfterFree = new Map<number, number>();
  /** Units cut across a page's foot (Unit.split), by index. */
  readonly cutUnits = new Set<number>();

  constructor(first: Page, startRow: number) {
    this.pages.push(first);
    this.y = rowTop(startRow);
  }

  get pageIndex(): number {
    return this.pages.length - 1;
  }
  private get page(): Page {
    return this.pages[this.pageIndex]!;
  }
  private get rotated(): boolean {
    return !!this.page.rotated;
  }
  /** The first grid row still free on the current page. */
  get currentRow(): number {
    return firstRowAtOrBelow(this.y + (this.afterFree ? PITCH - BODY_SIZE : 0));
  }
  private get atTop(): boolean {
    return this.y <= rowTop(0) + 0.01;
  }

  newPage(rotated = false): void {
    this.pages.push({ orientation: 'portrait', items: [], ...(rotated ? { rotated: true } : {}) });
    this.y = rowTop(0);
    this.afterFree = false;
  }

  /** Where a unit would start from cursor y, and the cursor after it; null when it does not fit. */
  private fit(
    u: Unit,
    y: number,
    afterFree: boolean,
    rotated: boolean,
  ): { top: number; row: number; end: number } | null {
    if (u.height !== undefined) {
      const end = y + u.height;
      return end <= frameBottom(rotated) + 0.01 ? { top: y, row: firstRowAtOrBelow(y), end } : null;
    }
    // Text after a table keeps a line's gap from its lower rule.
    const row = firstRowAtOrBelow(y + (afterFree ? PITCH - BODY_SIZE : 0));
    return row + u.rows <= frameRows(rotated) ? { top: rowTop(row), row, end: rowTop(row + u.rows) } : null;
  }

  /**
   * Places a grid unit that overflows the page by up to three rows by closing up the page's line spacing (GB/T 9704
   * 7.3.5.1: 调整行距): every line keeps its size, the baselines move towards the 版心's top so the last one ends on
   * its bottom edge. Returns false when the page cannot take it that way.
   */
  private squeeze(u: Unit, idx: number): boolean {
    if (u.height !== undefined || this.rotated) return false;
    const row = this.currentRow;
    const need = row + u.rows - frameRows(false);
    if (need <= 0 || need > 3) return false;
    const from = this.page.items.length;
    u.draw(this.page.items, row, rowTop(row), { left: mm(TYPE_AREA.left), width: frameWidth(false), rotated: false });
    this.placed.push({ unit: u, page: this.pageIndex, from, to: this.page.items.length, y: this.y, idx });
    const top = mm(TYPE_AREA.top);
    const last = rowTop(row + u.rows - 1) + EM_TOP * BODY_SIZE;
    const f = (frameBottom(false) - (1 - EM_TOP) * BODY_SIZE - top) / (last - top);
    const onPage = this.placed.filter((p) => p.page === this.pageIndex).map((p) => p.idx);
    this.closedUp = { page: this.pageIndex, firstUnit: Math.min(...onPage), lastUnit: idx, factor: f };
    const at = (y: number) => top + (y - top) * f;
    for (const item of this.page.items) {
      if (item.kind === 'text') item.baseline = at(item.baseline);
      else {
        item.y1 = at(item.y1);
        item.y2 = at(item.y2);
      }
    }
    this.y = frameBottom(false) + PITCH;
    this.afterFree = false;
    return true;
  }

  /**
   * Whether a unit and the units it must stay with fit from the cursor on (from the top of an empty page with
   * `fresh`); with `cut`, whether they fit when the row they lead to is cut at the page's foot (Unit.split).
   */
  private chainFits(units: Unit[], idx: number, o: { fresh?: boolean; cut?: boolean } = {}): boolean {
    let y = o.fresh ? rowTop(0) : this.y;
    let afterFree = o.fresh ? false : this.afterFree;
    for (let i = idx; i < units.length; i++) {
      const u = units[i]!;
      if (i > idx && u.breakBefore) return true;
      if (i > idx && !!u.rotated !== this.rotated) return true;
      // An empty row inside a chain (under 附件N and its title) takes its row like any other.
      if (u.blank && i > idx && !units[i - 1]!.keepWithNext) return true;
      const f = this.fit(u, y, afterFree, this.rotated);
      if (!f) return !!o.cut && !!u.split?.(frameBottom(this.rotated) - y);
      y = f.end;
      afterFree = u.height !== undefined;
      // An empty row the chain starts with ends it (the 署名 after it closes up its own page); one inside goes on.
      if (!u.keepWithNext && !(u.blank && i > idx)) return true;
    }
    return true;
  }

  /**
   * A heading and a table's header kept with the table's first row, when that row is so tall that they fit on no
   * page together (a 明细 row of many lines under 附件2 and its title): the row is cut at the page's foot and goes on
   * under the repeated header, rather than the heading standing alone on a page (issue 12).
   */
  private mustCut(units: Unit[], idx: number): boolean {
    const prev = this.placed.findLast((p) => !p.unit.blank);
    // Inside a chain already placed on this page (its last unit keeps with this one), or a chain no page could hold.
    const bound = !!prev && prev.page === this.pageIndex && !!prev.unit.keepWithNext && !units[idx]!.breakBefore;
    if (!bound && this.chainFits(units, idx, { fresh: true })) return false;
    return this.chainFits(units, idx, { cut: true });
  }

  private put(u: Unit, idx: number): void {
    const f = this.fit(u, this.y, this.afterFree, this.rotated) ?? {
      top: this.y,
      row: firstRowAtOrBelow(this.y),
      end: this.y + (u.height ?? u.rows * PITCH),
    };
    const from = this.page.items.length;
    u.draw(this.page.items, f.row, f.top, {
      left: mm(TYPE_AREA.left),
      width: frameWidth(this.rotated),
      rotated: this.rotated,
    });
    this.placed.push({ unit: u, page: this.pageIndex, from, to: this.page.items.length, y: this.y, idx });
    if (this.afterFree && u.height === undefined) this.gapsAfterFree.set(idx, f.top - this.y);
    this.y = f.end;
    this.afterFree = u.height !== undefined;
  }

  place(input: Unit[]): void {
    // What leads into a turned table (its title, a heading, the empty row between) goes onto the turned page with it.
    const units = [...input];
    for (let i = units.length - 2; i >= 0; i--) {
      const u = units[i]!;
      if (
        !u.rotated &&
        units[i + 1]!.rotated &&
        (u.keepWithNext || u.blank) &&
        u.height === undefined &&
        !units[i + 1]!.breakBefore
      )
        units[i] = { ...u, rotated: true };
    }
    for (let idx = 0; idx < units.length; idx++) {
      const u = units[idx]!;
      const empty = this.page.items.length === 0 && this.atTop;
      if (!!u.rotated !== this.rotated) {
        if (empty) this.page.rotated = !!u.rotated || undefined;
        else this.newPage(!!u.rotated);
        if (!u.rotated) delete this.page.rotated;
      } else if (u.breakBefore && !empty) this.newPage(this.rotated);
      if (u.blank && this.atTop) continue;
      if (!this.chainFits(units, idx)) {
        // 7.3.5.1: the 署名 shares a page with body text — first by closing up the page's line spacing.
        if (u.closeUp && this.squeeze(u, idx)) continue;
        if (this.mustCut(units, idx)) {
          const parts =
            u.split && this.fit(u, this.y, this.afterFree, this.rotated) === null
              ? u.split(frameBottom(this.rotated) - this.y)
              : null;
          if (parts) {
            // The row's first part here; the rest on the next page under the repeated header.
            this.cutUnits.add(idx);
            this.put(parts[0], idx);
            this.newPage(this.rotated);
            if (u.repeat) this.put(u.repeat, idx);
            this.put(parts[1], idx);
          } else this.put(u, idx);
          continue;
        }
        const moved: Placement[] = [];
        if (u.keepWithPrevious) {
          // Else the lines before it move along with it, down to a line of body text.
          for (;;) {
            const prev = this.placed[this.placed.length - 1];
            if (!prev || prev.page !== this.pageIndex || prev.y <= rowTop(0) + 0.01) break;
            this.page.items.splice(prev.from, prev.to - prev.from);
            this.placed.pop();
            this.gapsAfterFree.delete(prev.idx);
            this.y = prev.y;
            moved.unshift(prev);
            // A line of body text ends the move — unless the line before it keeps with it (a paragraph's last two
            // lines, a heading and its first lines): moving one line alone would leave the other alone.
            const before = this.placed[this.placed.length - 1];
            const bound = !!before && before.page === this.pageIndex && !!before.unit.keepWithNext;
            if (!prev.unit.blank && !prev.unit.keepWithPrevious && !bound) break;
          }
        }
        // A page still empty gains nothing from the next one (the unit overflows either way).
        if (moved.length || this.page.items.length > 0 || !this.atTop) this.newPage(this.rotated);
        for (const m of moved) if (!(m.unit.blank && this.atTop)) this.put(m.unit, m.idx);
        if (u.repeat) this.put(u.repeat, idx);
        if (u.blank) continue;
      }
      this.put(u, idx);
    }
  }
}

/** How the PDF lays out one table's rows, for the .docx. */
export interface TableRowsLaid {
  /** Rows cut at a page's foot, or drawn in parts because they are taller than a page (the .docx's rows otherwise never split). */
  broken: Set<number>;
  /** The first row is bound to the second (table.ts: the header and both within half a page). */
  firstBound: boolean;
}

/** By what `keyOf` says each unit comes from (a table block): how the PDF lays out its rows. */
export function tableRows(
  units: readonly Unit[],
  flow: GridFlow,
  keyOf: (idx: number) => string,
): Map<string, TableRowsLaid> {
  const out = new Map<string, TableRowsLaid>();
  const seen = new Set<string>();
  units.forEach((u, idx) => {
    if (u.tableRow === undefined) return;
    const key = keyOf(idx);
    let laid = out.get(key);
    if (!laid) out.set(key, (laid = { broken: new Set(), firstBound: false }));
    if (u.tableRow === 0 && u.keepWithNext) laid.firstBound = true;
    const id = `${key}/${u.tableRow}`;
    if (flow.cutUnits.has(idx) || seen.has(id)) laid.broken.add(u.tableRow);
    seen.add(id);
  });
  return out;
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
    /** Words the lines may not break inside. */
    keep?: readonly string[];
    /** Where a line may end, by cost (see BreakOptions.breakCost); greedy without it. */
    breakCost?: (charIndex: number) => number;
  },
): Unit[] {
  const size = o.size ?? BODY_SIZE;
  const lines = breakLines(segs, fonts, {
    size,
    tracking: o.tracking,
    firstWidth: o.width - o.indent,
    restWidth: o.width - (o.hangIndent ?? 0),
    justify: true,
    ...(o.keep ? { keep: o.keep } : {}),
    ...(o.breakCost ? { breakCost: o.breakCost } : {}),
  });
  // Widow and orphan control (Word's rule, which the .docx sets too): the first line of a paragraph never stands alone
  // at a page's foot — nor with the heading above it (“考核依据” and one line of its paragraph) — and the last never
  // alone atop the next page: the first line keeps with the second, the last but one with the last.
  const last = lines.length - 1;
  return lines.map((line, n) => ({
    rows: 1,
    ...((o.keepWithNext && n === last) || (last > 0 && (n === 0 || n === last - 1)) ? { keepWithNext: true } : {}),
    draw(items, row) {
      drawLine(items, line, o.x + (n === 0 ? o.indent : (o.hangIndent ?? 0)), rowBaseline(row), size);
    },
  }));
}

export const blankRow = (): Unit => ({ rows: 1, blank: true, draw() {} });

/**
 * The units with each section's last line kept with the line before it: where a section ends (before a unit that
 * starts a new page, or at the document's end) on a line of its own — a one-line list item, “无。” — that line never
 * stands alone on a page (the 考核 report: a cadre's last 考核依据 item alone on a page, 14 of 802 pages).
 */
export function keepTails(units: Unit[]): Unit[] {
  const out = [...units];
  for (let end = out.length; end > 0;) {
    let start = end - 1;
    while (start > 0 && !out[start]!.breakBefore) start--;
    const lines = [];
    for (let i = end - 1; i >= start && lines.length < 2; i--) if (!out[i]!.blank) lines.push(i);
    const [last, before] = lines;
    const line = (u: Unit) => u.height === undefined && u.rows === 1 && !u.rotated;
    if (before !== undefined && line(out[last!]!) && line(out[before]!) && !out[before]!.keepWithNext)
      out[before] = { ...out[before]!, keepWithNext: true };
    end = start;
  }
  return out;
}
