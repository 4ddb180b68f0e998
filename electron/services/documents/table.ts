// Tables in official documents (一览表, 考核表, 通报, 公示, 接待日安排): column widths from the content, names and dates
// never split, the text size stepping down through the standard's sizes (四号, 小四, 五号) before a table is turned
// onto landscape pages (GB/T 9704 横排表格); a header repeated on every page, a row never cut across pages.
import type { FontSet } from './fonts';
import type { Line, Unit } from './layout';
import { DATE, breakLines, charIndexes, drawLine, frameBottom, frameWidth, measure, rowTop } from './layout';
import type { PageItem } from './model';
import { isLevel, nameParts } from './names';
import { EM_TOP } from './units';

export interface TableColumn {
  title: string;
  /** Relative share of spare width (default 1). */
  width?: number;
  align?: 'left' | 'center';
  /**
   * Where a cell may break: `whole` never (names, dates, times, numbers), `list` only between the items of a list
   * (、，；), `text` as prose. Guessed from the content when not given.
   */
  wrap?: 'whole' | 'list' | 'text';
}

export interface TableBlock {
  kind: 'table';
  title?: string;
  columns: TableColumn[];
  rows: string[][];
  /** The largest cell text size in pt (default 14, 四号); the layout steps down from it when the table is wide. */
  size?: number;
}

/** 四号, 小四, 五号: the sizes a table's text steps through (shared/format/fontSize names them). */
export const TABLE_SIZES = [14, 12, 10.5] as const;
const RULE = 0.5;
const padX = (size: number) => 0.35 * size;
const padY = (size: number) => 0.3 * size;
const lineHeight = (size: number) => 1.5 * size;
/** A row cut across pages keeps at least this many lines on each side. */
const MIN_CUT = 2;
const SEPARATORS = /[、，,；;]/u;

/** The items of a list cell, each with the separator that follows it. */
export function listItems(cell: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of cell) {
    cur += ch;
    if (SEPARATORS.test(ch)) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** A header cell keeps no words (one list for every header, so breakLines knows it again). */
const NO_WORDS: readonly string[] = [];
/** Items of up to this many characters (people's names, short unit names) are never broken. */
const SHORT = 6;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * keepWords' answers by text and wrap: the same list for the same cell, so breakLines finds the cell's lines again (it
 * knows a keep list by identity). Bounded: cleared when full.
 */
const keptWords = new Map<string, readonly string[]>();
/** How many texts keepWords and phraseCost remember. */
const MEMO_MAX = 20_000;

/** What a cell may not break inside: short items whole, longer ones at word boundaries only (对接, 学院 stay whole). */
function keepWords(text: string, wrap: 'whole' | 'list' | 'text'): readonly string[] {
  const key = wrap[0] + text;
  let words = keptWords.get(key);
  if (!words) {
    if (keptWords.size >= MEMO_MAX) keptWords.clear();
    keptWords.set(key, (words = findKeepWords(text, wrap)));
  }
  return words;
}

function findKeepWords(text: string, wrap: 'whole' | 'list' | 'text'): string[] {
  if (wrap === 'whole') return [text];
  const out: string[] = [];
  for (const item of wrap === 'list' ? listItems(text) : [text]) {
    const bare = item.replace(SEPARATORS, '');
    if ([...bare].length <= SHORT) out.push(item);
    // A long name (机械与动力工程学院2024级研究生第三党支部) breaks only between its levels (names.ts), each whole; a
    // part that is no level (龙泉镇 / 高标准农田建设项目) breaks between words.
    else
      for (const part of wrap === 'list' ? nameParts(bare) : [bare])
        if (wholePart(part)) out.push(part);
        else
          for (const w of segmenter.segment(part)) if (w.isWordLike && [...w.segment].length >= 2) out.push(w.segment);
  }
  return out;
}

/** A part of a long list item kept whole: a level of the name it belongs to, or a short part. */
const wholePart = (part: string): boolean => [...part].length <= SHORT || isLevel(part);

/** Characters that end a place or organisation name (龙泉镇, 县人民医院, 处理厂, 2025级): a line may end after them. */
const PHRASE_END = new Set([...'省市县区乡镇村厂场矿院校馆所站局委办处科部会队班级楼室园司生员者日']);

/**
 * What ends the name of an organisation (××县宏达机械有限公司, 北京理工大学管理与经济学院, 数学教工第二党支部): a name
 * is read as one, so a line does not end inside it (not “××县 / 宏达机械有限公司”) when it can end elsewhere — but
 * before its legal form (“××县宏达机械 / 有限公司”).
 */
const ORG_END =
  /(?:股份有限公司|有限责任公司|有限公司|公司|集团|大学|学院|中学|小学|学校|医院|研究院|研究所|党支部|党总支|党委|委员会|人民政府|办事处)/gu;
/** A firm's legal form: the break before it is not inside the name (names.ts). */
const LEGAL_FORM = /^(?:股份有限公司|有限责任公司|有限公司)$/u;
/** The characters an organisation name is made of (a name starts after a separator, a space or punctuation). */
const NAME_CHAR = /[\p{Script=Han}×Xx\dA-Za-z-]/u;
/** An organisation name is looked for up to this many characters before its ending (××县绿源农业发展有限公司: 13). */
const ORG_MAX = 16;
/** Breaking inside a list item costs more than a line (LINE_COST in layout.ts): the item goes whole to the next line. */
const IN_ITEM = 12;
/** Breaking inside an organisation name in running text costs more than between other words, but less than a line. */
const IN_NAME = 5;

/**
 * A short bracketed reference or aside — （记录2552）, （学生处）, （待核） — is read as one: never broken inside
 * (not “（记录 / 2552）”). A longer bracket (（2026年5月18日调研）) is an explanation and breaks as text.
 */
const BRACKET = /[（(][^（）()]{1,8}[）)]/gu;
/** A reference by number (记录2552, 编号12, 第3) keeps its number: not “记录 / 2552”. */
const NUMBERED = /(?:记录|编号|序号|第)\d+/gu;
/** What a number counts (3次, 2552条, 12个月, 5人, 40%): a number and its unit stay on one line. */
const UNIT = /\d(?:个|次|条|项|人|名|户|家|件|篇|份|天|日|周|月|年|届|期|元|万|亿|％|%|分|小时|学时|课时)/gu;
/**
 * Words of these documents that ICU's dictionary reads as single characters (未|达|标, 计|入): a break inside one
 * costs as much as inside any other word.
 */
const WORDS = /达标|计入|预警|佐证|联系点|接待日|督办|走访|座谈|调研|宣讲|谈心谈话|困难学生|帮扶/gu;

/** What a break inside a short bracket, after a date's 年 or 月, or inside a word of WORDS costs. */
const WHOLE = 150;
/** What a break inside a number, a numbered reference, a number with its unit or elsewhere in a date costs. */
const NEVER = 1000;
/** Between a date's 年 or 月 and the digits after it. */
const dateCut = (chars: string[], i: number): boolean => /[年月]/u.test(chars[i - 1]!) && /\d/u.test(chars[i]!);

/** Character indexes (a break before them) inside each match of the patterns. */
function insideMatches(text: string, at: number[], ...patterns: RegExp[]): Set<number> {
  const inside = new Set<number>();
  for (const re of patterns)
    for (const m of text.matchAll(re)) {
      const from = at[m.index]!;
      const to = at[m.index + m[0].length]!;
      for (let k = from + 1; k < to; k++) inside.add(k);
    }
  return inside;
}

/** For each character index, whether a break before it falls inside an organisation name. */
function insideNames(text: string, chars: string[], at: number[]): Set<number> {
  const inside = new Set<number>();
  for (const m of text.matchAll(ORG_END)) {
    const after = m.index + m[0].length;
    // 党委书记 is a title: “…学院 / 党委书记” (the name ends before it).
    if (m[0][0] === '党' && (text.startsWith('书记', after) || text.startsWith('副书记', after))) continue;
    const end = at[after]!;
    let start = at[m.index]!;
    // Before a firm's legal form is where its name breaks best (names.ts: “××县鑫盛建材 / 有限责任公司”).
    const form = LEGAL_FORM.test(m[0]) ? start : -1;
    while (start > 0 && end - start < ORG_MAX && NAME_CHAR.test(chars[start - 1]!)) start--;
    for (let k = start + 1; k < end; k++) if (k !== form) inside.add(k);
  }
  return inside;
}

/** 书记 or 副书记 at character i: the title stays with its 党委, 党总支 or 支部. */
const titleAt = (chars: string[], i: number): boolean =>
  (chars[i] === '书' && chars[i + 1] === '记') || (chars[i] === '副' && chars[i + 1] === '书' && chars[i + 2] === '记');

/** Punctuation after which a text is cut into clauses for the word finder, when a Han character follows it. */
const CLAUSE_END = new Set([...'、，。；：！？）】》”']);
const HAN = /\p{Script=Han}/u;
/** The words (ICU) of each clause seen, as lengths in characters. Bounded: cleared when full. */
const clauseWords = new Map<string, number[]>();

/**
 * The lengths in characters of a text's words (ICU), found clause by clause: the 考核 report's 考核依据 items are each
 * new, but made of clauses (rule names, 类型为…, 记录…) that recur across cadres. ICU never joins a word across this
 * punctuation between Han characters, so a clause's words are the same alone as in its text.
 */
function wordLengths(chars: string[]): number[] {
  const out: number[] = [];
  let from = 0;
  for (let i = 0; i < chars.length; i++) {
    if (i + 1 < chars.length && !(CLAUSE_END.has(chars[i]!) && HAN.test(chars[i + 1]!))) continue;
    const clause = chars.slice(from, i + 1).join('');
    let lens = clauseWords.get(clause);
    if (!lens) {
      lens = [];
      for (const w of segmenter.segment(clause)) lens.push([...w.segment].length);
      if (clauseWords.size >= MEMO_MAX) clauseWords.clear();
      clauseWords.set(clause, lens);
    }
    out.push(...lens);
    from = i + 1;
  }
  return out;
}

/**
 * phraseCost's answers by text: the same cell or item text recurs in every cadre's 考核表 and in the report (rule
 * names, 达标, column texts), and working out its words (ICU) is most of what breaking it costs. Bounded: cleared
 * when full.
 */
const phraseCosts = new Map<string, (charIndex: number) => number>();

/**
 * The cost of breaking a cell's text before each character, for breakLines' breakCost: after a list separator
 * nothing, after the end of a place or organisation name little, between two words of two or more characters a
 * little more, next to a one-character word (提|标, 新|院|区) much more, inside a word (处理, 医院) most, so a cell
 * reads “县城污水处理厂 / 提标改造项目” rather than “县城污水处理 / 厂提标改造 / 项目”. Inside an organisation name
 * (ORG_END) a break costs more; in a list cell (`list`: 联系点, 职务) every item is a name, and breaking inside one
 * costs more than a line, so an item that fits on a line is never split at a line end.
 */
export function phraseCost(text: string, o: { list?: boolean } = {}): (charIndex: number) => number {
  const key = (o.list ? 'L' : 'T') + text;
  const known = phraseCosts.get(key);
  if (known) return known;
  const chars = [...text];
  const at = charIndexes(chars);
  // segOf[i]: the length in characters of the word that character i belongs to; starts: where words begin.
  const segOf = new Array<number>(chars.length).fill(1);
  const starts = new Set<number>();
  let pos = 0;
  for (const len of wordLengths(chars)) {
    starts.add(pos);
    for (let k = 0; k < len; k++) segOf[pos + k] = len;
    pos += len;
  }
  // Broken inside only as a last resort: a short bracket and a word of these documents (WHOLE, as inside a word but
  // dearer), a date after its 年 or 月 (WHOLE: “2026年11月 / 20日” only where a justified line would otherwise be
  // spread well beyond LOOSE_CAP, see layout.ts); never a number, a numbered reference or a number with its unit
  // (“20 / 26”, “记录 / 2552”, “2026 / 年”, “3 / 次”), nor a date anywhere else.
  const whole = insideMatches(text, at, BRACKET, WORDS);
  const inDate = insideMatches(text, at, DATE);
  const never = insideMatches(text, at, NUMBERED, UNIT);
  const inName = insideNames(text, chars, at);
  const word = (i: number): number => {
    if (never.has(i)) return NEVER;
    if (inDate.has(i)) return dateCut(chars, i) ? WHOLE : NEVER;
    if (whole.has(i)) return WHOLE;
    const a = chars[i - 1]!;
    const b = chars[i]!;
    if (!starts.has(i)) return 40;
    const left = segOf[i - 1]!;
    const right = segOf[i]!;
    // A one-character suffix (区, 会, 委) never starts a line: 新院 / 区, 常委 / 会.
    if (right === 1 && PHRASE_END.has(b)) return 30;
    // Nor the 长 of a title (处长, 院长: “教务处正副 / 处长”, not “…正副处 / 长”).
    if (right === 1 && b === '长') return 30;
    // 校领导, 院领导, 县领导 are one word: “分管科研 / 校领导”, not “分管科研校 / 领导”.
    if (left === 1 && PHRASE_END.has(a) && chars[i] === '领' && chars[i + 1] === '导') return 30;
    // 书记 stays with its 党委, 党总支 or 支部: “…学院 / 党委书记”, not “…学院党委 / 书记”.
    if (titleAt(chars, i)) return 6;
    if (PHRASE_END.has(a)) return 1;
    if (left === 1 || right === 1) return 6;
    return 2;
  };
  // Every break's cost, worked out once: breakLines asks for each one from every line start that can reach it.
  const costs = new Float64Array(chars.length + 1);
  for (let i = 1; i < chars.length; i++) {
    const a = chars[i - 1]!;
    costs[i] =
      SEPARATORS.test(a) || /\s/u.test(a) ? 0 : word(i) + (o.list ? IN_ITEM : 0) + (inName.has(i) ? IN_NAME : 0);
  }
  const cost = costLookup(costs, chars.length);
  if (phraseCosts.size >= MEMO_MAX) phraseCosts.clear();
  phraseCosts.set(key, cost);
  return cost;
}

/**
 * A break's cost from the costs worked out, made outside phraseCost's scope: a closure there would keep its whole scope
 * (the characters, the words, the sets of matches) alive in the memo — 49 MB in the 500-cadre 考核 packet.
 */
function costLookup(costs: Float64Array, n: number): (charIndex: number) => number {
  return (i) => (i > 0 && i < n ? (costs[i] ?? 0) : 0);
}

export function guessWrap(cells: string[]): 'whole' | 'list' | 'text' {
  const filled = cells.filter((c) => c.trim());
  if (!filled.length) return 'whole';
  if (filled.every((c) => !SEPARATORS.test(c) && [...c].length <= 12 && !c.includes('\n'))) return 'whole';
  if (filled.every((c) => listItems(c).every((i) => [...i].length <= 20))) return 'list';
  return 'text';
}

export interface TablePlan {
  size: number;
  rotated: boolean;
  widths: number[];
  wraps: ('whole' | 'list' | 'text')[];
}

interface Measures {
  min: number[];
  /** Wide enough for each cell's longest phrase (see phraseCost), up to PHRASE characters: given before spare width. */
  pref: number[];
  /** Wide enough for each list item of the column on one line, up to ITEM_PHRASE characters: given next. */
  items: number[];
  max: number[];
}

/** A phrase longer than this many characters may wrap inside without asking for a wider column. */
const PHRASE = 7;
/** A list item (a name) of up to this many characters asks for a column wide enough to hold it on one line. */
const ITEM_PHRASE = 14;

/** The longest run of a text between good break points (after 、, after the end of a name: cost ≤ 1). */
function longestPhrase(text: string): string {
  const chars = [...text];
  const cost = phraseCost(text);
  let best = '';
  let from = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i === chars.length || cost(i) <= 1) {
      const piece = chars.slice(from, i).join('');
      if ([...piece].length > [...best].length) best = piece;
      from = i;
    }
  }
  return best;
}

function measureColumns(t: TableBlock, fonts: FontSet, size: number, wraps: TablePlan['wraps']): Measures {
  const pad = 2 * padX(size);
  const w = (s: string, role: 'fangsong' | 'heiti' = 'fangsong') => measure([{ text: s, role }], fonts, size, 0);
  const min: number[] = [];
  const pref: number[] = [];
  const items: number[] = [];
  const max: number[] = [];
  t.columns.forEach((c, i) => {
    const cells = t.rows.map((r) => r[i] ?? '');
    // A header of up to 4 characters stays on one line (序号, 姓名); a longer one may take two.
    const title = [...c.title];
    const headMin =
      title.length <= 4 ? w(c.title, 'heiti') : w(title.slice(0, Math.ceil(title.length / 2)).join(''), 'heiti');
    let lo = headMin;
    let hi = Math.max(...c.title.split('\n').map((x) => w(x, 'heiti')));
    let phrase = 0;
    let item1 = 0;
    for (const cell of cells) {
      for (const para of cell.split('\n')) {
        hi = Math.max(hi, w(para));
        if (wraps[i] !== 'whole') phrase = Math.max(phrase, Math.min(w(longestPhrase(para)), PHRASE * size));
        // A list's items are names: each on one line when the frame allows (××县宏达机械有限公司、).
        if (wraps[i] === 'list')
          for (const item of listItems(para)) item1 = Math.max(item1, Math.min(w(item), ITEM_PHRASE * size));
        if (wraps[i] === 'whole') lo = Math.max(lo, w(para));
        else if (wraps[i] === 'list')
          // A short item stays whole with the separator after it (a line never starts with 、).
          for (const item of listItems(para)) {
            const bare = item.replace(SEPARATORS, '');
            lo = Math.max(lo, Math.min(w(bare), SHORT * size) + w(item.slice(bare.length)));
            // A long name's levels are never broken: the column holds the longest one.
            if ([...bare].length > SHORT)
              for (const part of nameParts(bare)) if (wholePart(part)) lo = Math.max(lo, w(part));
          }
        else lo = Math.max(lo, Math.min(w(para), SHORT * size));
      }
    }
    min.push(lo + pad);
    max.push(Math.max(lo, hi) + pad);
    pref.push(Math.min(Math.max(lo, phrase), Math.max(lo, hi)) + pad);
    items.push(Math.min(Math.max(lo, phrase, item1), Math.max(lo, hi)) + pad);
  });
  // A column of running text keeps the spare width: widening a list column for its items would add more lines to
  // the text than it saves (the 通报's 明细: 职务 beside 未达到要求的项目).
  if (wraps.includes('text')) return { min, pref, items: [...pref], max };
  return { min, pref, items, max };
}

/** Widths for one size and frame: the content's natural widths when they fit, else the minimums plus shared spare. */
function distribute(m: Measures, avail: number, weights: number[]): number[] | null {
  const sumMin = m.min.reduce((a, b) => a + b, 0);
  if (sumMin > avail + 0.01) return null;
  const sumMax = m.max.reduce((a, b) => a + b, 0);
  if (sumMax <= avail) {
    const spare = avail - sumMax;
    // Spare width goes where the content is (a weighted share of each column's natural width).
    const share = m.max.map((x, i) => x * weights[i]!);
    const wsum = share.reduce((a, b) => a + b, 0) || 1;
    return m.max.map((x, i) => x + (spare * share[i]!) / wsum);
  }
  // Each cell's longest phrase on one line when the frame allows it (县城污水处理厂 / 提标改造项目), then the rest shared.
  // Columns needing the least go first, so a column either gets its phrase or keeps its minimum.
  // Then each list column's items (names) whole, again those needing least first.
  const base = [...m.min];
  let left = avail - sumMin;
  for (const want of [m.pref, m.items])
    for (const i of base.map((_, i) => i).sort((a, b) => want[a]! - base[a]! - (want[b]! - base[b]!))) {
      const need = want[i]! - base[i]!;
      if (need > 0 && need <= left) {
        base[i] = want[i]!;
        left -= need;
      }
    }
  const spare = avail - base.reduce((a, b) => a + b, 0);
  const want = m.max.map((x, i) => x - base[i]!);
  const total = want.reduce((a, b) => a + b, 0) || 1;
  return base.map((x, i) => x + (spare * want[i]!) / total);
}

/** Estimated height of the table at a plan (for choosing between plans). */
function estimateHeight(t: TableBlock, fonts: FontSet, size: number, widths: number[]): number {
  const lh = lineHeight(size);
  let h = 0;
  for (const r of [t.columns.map((c) => c.title), ...t.rows]) {
    let lines = 1;
    r.forEach((cell, i) => {
      const inner = widths[i]! - 2 * padX(size);
      for (const para of (cell ?? '').split('\n'))
        lines = Math.max(lines, Math.ceil(measure([{ text: para, role: 'fangsong' }], fonts, size, 0) / inner - 1e-6));
    });
    h += lines * lh + 2 * padY(size);
  }
  return h;
}

/** What a name split across lines costs in planTable's score (pages): more than a size step (0.3). */
const SPLIT_NAME = 0.4;

/** How many different list items (names of up to ITEM_PHRASE characters) a plan's widths cannot hold on one line. */
function splitItems(t: TableBlock, fonts: FontSet, size: number, widths: number[], wraps: TablePlan['wraps']): number {
  const split = new Set<string>();
  wraps.forEach((wrap, i) => {
    if (wrap !== 'list') return;
    const inner = widths[i]! - 2 * padX(size) + 0.01;
    for (const r of t.rows)
      for (const para of (r[i] ?? '').split('\n'))
        for (const item of listItems(para)) {
          if ([...item.replace(SEPARATORS, '')].length > ITEM_PHRASE || split.has(item)) continue;
          if (measure([{ text: item, role: 'fangsong' }], fonts, size, 0) > inner) split.add(item);
        }
  });
  return split.size;
}

/**
 * Chooses size, orientation and column widths: the plan that takes the fewest pages, preferring portrait and the
 * larger size when they cost little; names (whole cells) never split when any plan keeps them whole.
 */
export function planTable(t: TableBlock, fonts: FontSet): TablePlan {
  const wraps = t.columns.map((c, i) => c.wrap ?? guessWrap(t.rows.map((r) => r[i] ?? '')));
  const weights = t.columns.map((c) => c.width ?? 1);
  const largest = t.size ?? 14;
  const sizes = TABLE_SIZES.filter((s) => s <= largest + 0.01);
  if (!sizes.length) sizes.push(largest as (typeof TABLE_SIZES)[number]);
  let best: (TablePlan & { score: number }) | null = null;
  for (const rotated of [false, true]) {
    const avail = frameWidth(rotated);
    const pageHeight = frameBottom(rotated) - rowTop(0);
    // In each orientation the size that splits the fewest names, then the one taking fewest pages: a name split at a
    // line end (××县宏达机械 / 有限公司) costs more than a size step (issue 12: the text steps down first).
    let mine: (TablePlan & { score: number; rank: number }) | null = null;
    sizes.forEach((size, step) => {
      const widths = distribute(measureColumns(t, fonts, size, wraps), avail, weights);
      if (!widths) return;
      const pages = estimateHeight(t, fonts, size, widths) / pageHeight;
      // A turned page and a smaller size each cost about a third of a page of reading comfort.
      const score = pages + (rotated ? 0.35 : 0) + 0.3 * step;
      const rank = score + SPLIT_NAME * Math.min(3, splitItems(t, fonts, size, widths, wraps));
      if (!mine || rank < mine.rank - 1e-9) mine = { size, rotated, widths, wraps, score, rank };
    });
    // Between portrait and turned pages, pages and comfort decide: a page is not turned (and another added) only to
    // keep a name on one line that no size keeps whole on a portrait page.
    const m = mine as (TablePlan & { score: number; rank: number }) | null;
    if (m && (!best || m.score < best.score - 1e-9)) {
      const { rank: _rank, ...plan } = m;
      void _rank;
      best = plan;
    }
  }
  if (best) {
    const { score: _score, ...plan } = best as TablePlan & { score: number };
    void _score;
    return plan;
  }
  // Nothing keeps every name whole: the widest frame and smallest size, widths by the minimums (a last resort).
  const size = sizes[sizes.length - 1]!;
  const m = measureColumns(t, fonts, size, wraps);
  const sum = m.min.reduce((a, b) => a + b, 0);
  return { size, rotated: true, widths: m.min.map((x) => (x * frameWidth(true)) / sum), wraps };
}

/** The lines of each cell of a row as the PDF breaks them (names and list items whole), for the plan. */
export function cellLiner(
  t: TableBlock,
  fonts: FontSet,
  plan: TablePlan = planTable(t, fonts),
): (cells: string[], header: boolean) => Line[][] {
  const { size, widths } = plan;
  const pad = padX(size);
  return (cells, header) =>
    t.columns.map((_, i) => {
      const text = cells[i] ?? '';
      return text.split('\n').flatMap((para) =>
        breakLines([{ text: para, role: header ? 'heiti' : 'fangsong' }], fonts, {
          size,
          tracking: 0,
          firstWidth: widths[i]! - 2 * pad,
          restWidth: widths[i]! - 2 * pad,
          justify: false,
          keep: header ? NO_WORDS : keepWords(para, plan.wraps[i]!),
          breakCost: phraseCost(para, { list: plan.wraps[i] === 'list' }),
        }),
      );
    });
}

/**
 * Units for a table: an optional 黑体 caption and the header kept with the first row, one free unit per row (split
 * only when a single row is taller than a page), the header repeated on every page the table continues on.
 */
export function tableUnits(t: TableBlock, fonts: FontSet, o: { x: number; width?: number }): Unit[] {
  const plan = planTable(t, fonts);
  const { size, rotated, widths } = plan;
  const x0 = o.x;
  const total = widths.reduce((a, b) => a + b, 0);
  const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [x0]);
  const lh = lineHeight(size);
  const pad = padX(size);
  const cellLines = cellLiner(t, fonts, plan);
  const maxLines = Math.max(1, Math.floor((frameBottom(rotated) - rowTop(0) - 2 * padY(size)) / lh) - 4);
  const rowUnits = (cells: string[], header: boolean, tableRow?: number): Unit[] => {
    const lines = cellLines(cells, header);
    const k = Math.max(1, ...lines.map((l) => l.length));
    const out: Unit[] = [];
    // Lines from..from+n of the row; `cut` when the row is drawn in parts (its cells then start at the top).
    const part = (from: number, n: number, cut: boolean): Unit => {
      const height = n * lh + 2 * padY(size);
      return {
        rows: 0,
        height,
        rotated,
        ...(tableRow === undefined ? {} : { tableRow }),
        ...(header ? { keepWithNext: true } : {}),
        // A row may be cut only where the heading and header leading into it would otherwise stand alone (GridFlow).
        ...(header || n < 2 * MIN_CUT
          ? {}
          : {
              split(room: number): [Unit, Unit] | null {
                const m = Math.min(n - MIN_CUT, Math.floor((room - 2 * padY(size)) / lh + 1e-6));
                return m >= MIN_CUT ? [part(from, m, true), part(from + m, n - m, true)] : null;
              },
            }),
        draw(items: PageItem[], _row: number, top: number) {
          const bottom = top + height;
          const rule = (x1: number, y1: number, x2: number, y2: number) =>
            items.push({ kind: 'rule', x1, y1, x2, y2, width: RULE });
          rule(x0, top, x0 + total, top);
          rule(x0, bottom, x0 + total, bottom);
          xs.forEach((x) => rule(x, top, x, bottom));
          lines.forEach((cell, c) => {
            // A row's continuation on the next page names its row again (序号, 姓名: cells that are one line).
            const piece =
              cut && from > 0 && cell.length <= from && plan.wraps[c] === 'whole' ? cell : cell.slice(from, from + n);
            // A short cell sits in the middle of its row.
            const offset = k <= maxLines && !cut ? (n - piece.length) / 2 : 0;
            piece.forEach((line, i) => {
              const centre = top + padY(size) + (offset + i + 0.5) * lh;
              const baseline = centre + (EM_TOP - 0.5) * size;
              const align = header
                ? 'center'
                : (t.columns[c]!.align ?? (plan.wraps[c] === 'whole' ? 'center' : 'left'));
              const x = align === 'center' ? xs[c]! + (widths[c]! - line.width) / 2 : xs[c]! + pad;
              drawLine(items, line, x, baseline, size);
            });
          });
        },
      };
    };
    for (let from = 0; from < k; from += maxLines) out.push(part(from, Math.min(maxLines, k - from), k > maxLines));
    return out;
  };
  const [header] = rowUnits(
    t.columns.map((c) => c.title),
    true,
  );
  const units: Unit[] = [];
  if (t.title) {
    const caption = breakLines([{ text: t.title, role: 'heiti' }], fonts, {
      size: 16,
      tracking: 0,
      firstWidth: total,
      restWidth: total,
      justify: false,
    });
    caption.forEach((line) =>
      units.push({
        rows: 1,
        rotated,
        keepWithNext: true,
        draw(items, row) {
          drawLine(items, line, x0 + (total - line.width) / 2, rowTop(row) + EM_TOP * 16, 16);
        },
      }),
    );
  }
  units.push(header!);
  const rows = t.rows.map((r, i) => rowUnits(r, false, i));
  const tall = (u: Unit) => u.height ?? 0; // rows and the header always have a height
  const firstTwoShort =
    rows.length > 1 &&
    rows[0]!.length === 1 &&
    rows[1]!.length === 1 &&
    tall(header!) + tall(rows[0]![0]!) + tall(rows[1]![0]!) <= (frameBottom(rotated) - rowTop(0)) / 2;
  rows.forEach((parts, i) => {
    // The last row never stands alone under the repeated header on a page of its own: the row before goes with it.
    // Nor does the first stand alone under the header at a page's foot: a table starts on the next page when fewer
    // than two of its rows fit. Only short rows are bound so (the header and both rows within half a page): tall
    // rows are no stranded start, and with a heading above them no page may hold the chain, so the second row would
    // be cut at the page's foot instead of moving whole — a cut the .docx (rows not split there) cannot follow.
    const bound = i === rows.length - 2 || (i === 0 && rows.length > 1 && firstTwoShort);
    for (const u of parts) units.push({ ...u, repeat: header!, ...(bound ? { keepWithNext: true } : {}) });
  });
  return units;
}
