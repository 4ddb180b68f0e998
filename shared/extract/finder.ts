// The obligation finder: a deterministic grammar over the sentences of a regulation that proposes, for each
// duty it can read (who, how often or how much, what, by when, on which days), a rule of the rule model,
// with the clause and the exact words it came from — and lists the sentences that look like duties but
// could not be read, for the secretary to write by hand.
import { rule as ruleSchema, type DatePattern, type MinDuration, type Rule } from '../rules/schema';
import { structure, type Clause } from './clauses';
import {
  ACTIVITY_SYNONYMS,
  AREA_CUES,
  AT_LEAST,
  AT_MOST,
  PERIOD_PATTERNS,
  QUANTITY_RE,
  UNITS,
  WEEKDAY,
  WORK_ITEM,
  escape,
  roleForms,
  type ExtractVocabulary,
  type PeriodWord,
} from './lexicon';
import { normalize, originalSpan, type Normalized } from './normalize';
import { NUMBER, parseFraction, parseNumber } from './numerals';
import { PERSON, SUBJECT, resolveWho, type WhoFound } from './who';
import { HOLIDAY_WINDOWS, windowKey } from '../rules/patterns';

export interface Span {
  start: number;
  end: number;
}

export interface Proposal {
  /** A rule valid under shared/rules/schema.ts. */
  rule: Rule;
  /** The clause it comes from, as reports cite it ('第十六条', '四.1'). */
  clause: string;
  /** The words of the obligation in the original text: [start, end) and the text itself. */
  span: Span;
  text: string;
  /** The whole sentence around it, in the original text. */
  sentence: Span;
  /** 0–1: how sure the grammar is that the rule says what the sentence says. */
  confidence: number;
  /** Sure enough to be accepted without reading (confidence ≥ SURE). */
  sure: boolean;
  /** What was assumed or left out, in Chinese, for the review screen. */
  notes: string[];
}

export interface Unread {
  clause: string;
  span: Span;
  text: string;
  /** Why no rule could be made, in Chinese. */
  reason: string;
}

export interface Extraction {
  title: string;
  code: string;
  clauses: { label: string; heading: string; span: Span }[];
  proposals: Proposal[];
  unread: Unread[];
}

export const SURE = 0.75;

/** Patterns built from the lexicon once and kept: extraction runs in milliseconds, not in regex compiling. */
const PATTERNS = new Map<string, RegExp>();
function re(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let r = PATTERNS.get(key);
  if (!r) {
    r = new RegExp(source, flags);
    PATTERNS.set(key, r);
  }
  r.lastIndex = 0;
  return r;
}

/** Sentences that carry a number but oblige nobody. */
const NOT_AN_OBLIGATION =
  /自[^，。；]{0,12}(?:印发|公布|发布|下发)之日起(?:施行|执行|实施)|本(?:办法|制度|规定|方案|细则|通知)[^，。；]{0,12}(?:施行|执行|解释|废止)|同时废止|负责解释|如下[：:]?$|^关于[^，。；]*(?:通知|制度|办法|规定|方案|意见|细则)[。]?$|^(?:根据|按照|依据)[^，。；]*《[^》]*》[^，。；]*(?:要求|精神|规定)$/;
/** A condition, not a standing duty: "重要敏感时期每天…", "必要时…". */
const CONDITIONAL = /^(?:重要敏感时期|必要时|如遇|如有|遇有|特殊情况|视情况)/;
/** Words of obligation. */
const MODAL = /要|应|须|必须|不少于|至少|不低于|坚持|确保|安排|保证/;
/** Paper work of a period: a plan made, a summary written, records handed in to an office. */
const REPORT_WORK =
  /制定|制订|拟定|总结|汇总|报送|上报|提交|交(?![流通叉办心谈友])(?:至|到|给)?[^，。；]{0,12}(?:处|办|部|科|室|委员会)/;

interface Token {
  kind: 'period' | 'quantity' | 'deadline' | 'date' | 'due';
  start: number;
  end: number;
  period?: PeriodWord;
  qual?: 'min' | 'max';
  n1?: number;
  n2?: number;
  unit?: string;
  quantity?: (typeof UNITS)[number]['quantity'];
  post?: string;
  pattern?: DatePattern;
  holiday?: 'next' | 'skip';
  within?: number;
  dayKind?: 'workdays' | 'calendarDays';
  due?: string;
  fraction?: number;
}

const PERIOD_FOR_PATTERN = (p: DatePattern): PeriodWord =>
  p.daysOfMonth || p.nthWeekday ? 'month' : p.weekdays ? 'week' : 'day';

/** Finds every date pattern, deadline, period and amount of a sentence, the longest first, without overlap. */
export function tokens(t: string): Token[] {
  const out: Token[] = [];
  const taken = (s: number, e: number) => out.some((o) => s < o.end && e > o.start);
  const add = (tok: Token) => {
    if (!taken(tok.start, tok.end)) out.push(tok);
  };
  let m: RegExpExecArray | null;

  // Dates: 每月10日、20日, 逢十, 每周三下午, 双周一, 每月第2个星期六, 15:00—17:00, 遇节假日顺延.
  const timeRe =
    /(上午|下午|晚上)?\s*(\d{1,2})[:：](\d{2})\s*(?:-{1,2}|—{1,2}|–|~|～|至|到)\s*(?:(上午|下午))?\s*(\d{1,2})[:：](\d{2})/g;
  let time: { from: string; to: string } | undefined;
  while ((m = timeRe.exec(t))) {
    const pm = m[1] === '下午' || m[1] === '晚上';
    const h1 = Number(m[2]) + (pm && Number(m[2]) < 12 ? 12 : 0);
    const pm2 = pm || m[4] === '下午';
    const h2 = Number(m[5]) + (pm2 && Number(m[5]) < 12 ? 12 : 0);
    time = { from: `${String(h1).padStart(2, '0')}:${m[3]}`, to: `${String(h2).padStart(2, '0')}:${m[6]}` };
    add({
      kind: 'date',
      start: m.index,
      end: m.index + m[0].length,
      pattern: { timeFrom: time.from, timeTo: time.to },
    });
  }
  const datePatterns: [RegExp, (m: RegExpExecArray) => DatePattern][] = [
    [
      re(`每(?:个)?月第(${NUMBER})个?(?:星期|周)([一二三四五六日天])`, 'g'),
      (m) => ({ nthWeekday: { n: parseNumber(m[1]!) ?? 1, weekday: WEEKDAY[m[2]!]! } }),
    ],
    [
      /(?:每月)?(?:逢)?(双|单)周(?:周|星期)?([一二三四五六日])/g,
      (m) => ({ weekdays: [WEEKDAY[m[2]!]!], isoWeekParity: m[1] === '双' ? 'even' : 'odd' }),
    ],
    [
      /(?:每(?:个)?(?:周|星期)|(?<![两二三四五六\d个])周)([一二三四五六日天](?:(?:、|和|至)[一二三四五六日])*)(?=全天|上午|下午|晚上|[^一二三四五六日]|$)/g,
      (m) => ({
        weekdays: m[1]!
          .split(/、|和/)
          .map((d) => WEEKDAY[d]!)
          .filter((d) => d !== undefined),
      }),
    ],
    // 逢十 is the 10th, 20th and 30th; "逢五" is said of Fridays as often as of the 5th, so it is left to the
    // words that follow it (每周五).
    [/逢十/g, () => ({ daysOfMonth: [10, 20, 30] })],
    [
      re(`每(?:个)?月(?:的)?((?:${NUMBER}[日号](?:、|和)?)+)`, 'g'),
      (m) => ({
        daysOfMonth: m[1]!
          .split(/[日号](?:、|和)?/)
          .filter(Boolean)
          .map((d) => parseNumber(d) ?? 0)
          .filter((d) => d >= 1 && d <= 31),
      }),
    ],
  ];
  for (const [re, make] of datePatterns) {
    while ((m = re.exec(t))) {
      const pattern = make(m);
      if (time) Object.assign(pattern, { timeFrom: time.from, timeTo: time.to });
      add({ kind: 'date', start: m.index, end: m.index + m[0].length, pattern, period: PERIOD_FOR_PATTERN(pattern) });
    }
  }
  const holiday = /(?:遇|逢)(?:法定)?节假日(?:则)?(?:顺延|取消|停止|暂停)|(?:节假日|法定节假日)除外|节假日不安排/.exec(
    t,
  );

  // Deadlines: 5个工作日内, 收到后15日内, 一周内.
  const deadlineRe = re(`(${NUMBER})\\s*(个工作日|个?工作日|日|天|周|个月)(?:之内|内)`, 'g');
  while ((m = deadlineRe.exec(t))) {
    const n = parseNumber(m[1]!);
    if (n === null) continue;
    const u = m[2]!;
    const within = u.includes('工作日') ? n : u === '周' ? n * 7 : u === '个月' ? n * 30 : n;
    add({
      kind: 'deadline',
      start: m.index,
      end: m.index + m[0].length,
      within,
      dayKind: u.includes('工作日') ? 'workdays' : 'calendarDays',
    });
  }

  // Due dates: 每年三月份, 3月底前, 1月15日前, 12月10日以前.
  const dueRe = re(`(?:每年|当年|于|在)?(${NUMBER})月(?:份|底|末)?(?:(${NUMBER})[日号])?(?:前|以前|之前|底前|份)`, 'g');
  while ((m = dueRe.exec(t))) {
    const month = parseNumber(m[1]!);
    const day = m[2] ? parseNumber(m[2]) : null;
    if (!month || month > 12) continue;
    const last = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
    const d = day && day <= last ? day : last;
    add({
      kind: 'due',
      start: m.index,
      end: m.index + m[0].length,
      due: `${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    });
  }

  // "年终统一归档", "年底前报送": the year's last day.
  // "年底对工作进行检查指导": a check or summing-up at the year's end is due then too.
  const yearEnd =
    /(?:于|在)?(?:每年)?(?:年终|年底|年末)(?:前|以前)?(?=[^，。；]{0,10}(?:归档|报送|上报|汇总|报|检查|总结|考核|考评|评议|通报))/g;
  while ((m = yearEnd.exec(t))) add({ kind: 'due', start: m.index, end: m.index + m[0].length, due: '12-31' });

  for (const p of PERIOD_PATTERNS) {
    p.re.lastIndex = 0;
    while ((m = p.re.exec(t))) add({ kind: 'period', start: m.index, end: m.index + m[0].length, period: p.kind });
  }

  // Fractions of a set: 不少于1/3, 三分之一以上, 一半以上.
  const fracRe = re(
    `(?:${AT_LEAST})?\\s*(\\d+\\s*/\\s*\\d+|${NUMBER}分之${NUMBER}|一半|\\d+(?:\\.\\d+)?[%％])(?:以上)?`,
    'g',
  );
  while ((m = fracRe.exec(t))) {
    const f = parseFraction(m[1]!);
    if (f !== null && f > 0 && f <= 1)
      add({ kind: 'quantity', start: m.index, end: m.index + m[0].length, fraction: f, qual: 'min' });
  }

  QUANTITY_RE.lastIndex = 0;
  while ((m = QUANTITY_RE.exec(t))) {
    const g = m.groups!;
    let start = m.index;
    const numStart = m.index + m[0].indexOf(g.n1!, g.qual ? g.qual.length : 0);
    const before = t[numStart - 1] ?? '';
    const after = t[m.index + m[0].length] ?? '';
    // 第22次, 2019年12月5日, 45周岁, "五个一" are no amounts.
    if (before === '第' || /[年月\d.]/.test(before) || /^[一”"]/.test(after) || /^(?:月|年)/.test(after)) continue;
    // "八项规定", "三问决策": a number in a name.
    if (
      /^(?:规定|制度|原则|要求|决策|工作法|机制|承诺|标准|重要|举措)/.test(
        t.slice(m.index + m[0].length, m.index + m[0].length + 4),
      )
    )
      continue;
    if (/[日号]/.test(g.unit!) && /^(?:前|以前|之前|起)/.test(after)) continue;
    const n1 = parseNumber(g.n1!);
    if (n1 === null) continue;
    const n2 = g.n2 ? parseNumber(g.n2) : null;
    const unitDef = UNITS.find((u) => re(`^(?:${u.re})$`).test(g.unit!))!;
    let qual: 'min' | 'max' | undefined = g.qual
      ? re(`^(?:${AT_LEAST})$`).test(g.qual)
        ? 'min'
        : 'max'
      : g.post === '以上' || g.post === '及以上'
        ? 'min'
        : g.post === '以内' || g.post === '以下'
          ? 'max'
          : undefined;
    if (!qual) {
      // "至少要为学生讲1堂": the qualifier may stand a few words before the number.
      const lead = t.slice(Math.max(0, start - 12), start);
      const q = re(`(${AT_LEAST}|${AT_MOST})[^，。；、]*$`).exec(lead);
      if (q) {
        qual = re(`^(?:${AT_LEAST})`).test(q[1]!) ? 'min' : 'max';
      }
    }
    add({
      kind: 'quantity',
      start,
      end: m.index + m[0].length,
      qual,
      n1,
      n2: n2 ?? undefined,
      unit: g.unit,
      quantity: unitDef.quantity,
      post: g.post,
    });
    start = 0;
  }
  out.sort((a, b) => a.start - b.start);
  // "《关于实行每周一市领导接待群众来访制度的通知》": the title of a document cited is no duty of this one.
  const cited = [...t.matchAll(/《[^》]*》/g)].map((m) => [m.index, m.index + m[0].length] as const);
  if (cited.length) {
    const kept = out.filter((tok) => !cited.some(([a, b]) => tok.start >= a && tok.start < b));
    out.length = 0;
    out.push(...kept);
  }
  if (holiday) {
    for (const tok of out)
      if (tok.kind === 'date') tok.holiday = /除外|不安排|取消|停止|暂停/.test(holiday[0]) ? 'skip' : 'next';
  }
  return out;
}

interface Ctx {
  n: Normalized;
  original: string;
  vocab: ExtractVocabulary;
  academicYear: boolean;
  prefix: string;
  proposals: Proposal[];
  unread: Unread[];
  counter: Map<string, number>;
  /** The last people obliged anywhere before: a rota clause without a subject ("三、接待时间：每周四…") is theirs. */
  documentWho: WhoFound | null;
  /** Who the duties of the last sentence with a subject of its own fell on (each distinct who-set). */
  sentenceWhos: WhoFound[];
  /** Quota slots set up earlier in the sentence ("每人联系1名…老同志，每年走访老同志1次以上"). */
  sentenceQuota: QuotaSlot[];
  /** "每次接访由一名领导班子成员、两名科室负责人组成": who serves each duty, and how many of each. */
  crews: Crew[]; /** Work due ahead of each duty day, proposed once the duty days are read (aheadOfDuty). */
  ahead: Ahead[];
}

/** Where a finding sits: its clause, its sentence, and the text it was read from. */
interface Placed {
  clause: Clause;
  base: number;
  start: number;
  end: number;
  sentence: Span;
  t: string;
}

interface Ahead extends Placed {
  who: WhoFound;
  verb: string;
  min: number;
  max?: number;
  workdays: boolean;
}

interface Crew extends Placed {
  members: { n: number; who: WhoFound }[];
}

export interface ExtractOptions {
  /** Put before each rule's id and clause, e.g. '003'. */
  prefix?: string;
}

/** Reads a regulation's text and proposes its rules. Pure and deterministic. */
export function extractRegulation(
  original: string,
  vocab: ExtractVocabulary,
  options: ExtractOptions = {},
): Extraction {
  const n = normalize(original);
  const s = structure(n);
  const ctx: Ctx = {
    n,
    original,
    vocab,
    // "按学年汇总和考核": the regulation counts its yearly duties by academic year.
    academicYear: /按学年(?:汇总|考核|统计|进行)/.test(n.text),
    prefix: options.prefix ?? '',
    proposals: [],
    unread: [],
    counter: new Map(),
    sentenceQuota: [],
    sentenceWhos: [],
    crews: [],
    ahead: [],
    documentWho: null,
  };
  for (const clause of s.clauses) readClause(ctx, clause);
  applyCrews(ctx);
  anchorFortnights(ctx);
  aheadOfDuty(ctx);
  mergeQuotas(ctx);
  dropImplied(ctx);
  return {
    title: s.title,
    code: s.code,
    clauses: s.clauses.map((c) => ({ label: c.label, heading: c.heading, span: originalSpan(n, c.start, c.end) })),
    proposals: ctx.proposals,
    unread: ctx.unread,
  };
}

/**
 * Who does the work ahead of a duty day: the office the sentence names ("由医院综合办负责", "综合办提前一天
 * 通知", "县信访局认真做好…"), else the office of the sentence before; never the leaders on duty.
 */
function aheadWho(ctx: Ctx, t: string, previous: WhoFound | null, before: string): WhoFound | null {
  const office = /由([^，。；由]{1,12}?)(?:负责|统一|在|于|每|提前)/.exec(t)?.[1];
  const lead = re(LEAD_TIME.source).exec(t);
  const upTo = lead
    ? t.slice(0, lead.index).replace(/(?:在|于)?[^，。；]{0,6}$/, (x) => (/^(?:在|于)/.test(x) ? '' : x))
    : t;
  const subject = office ?? subjectOf(upTo.replace(/提前$/, ''), upTo.replace(/提前$/, '').length);
  const w = subject ? resolveWho(subject, ctx.vocab, previous, ctx.n.text) : null;
  if (w && w.scope !== 'cadre') return w;
  // "三、县信访局认真做好…准备工作。在领导接待日的5日前通知…": the office the clause opened with.
  const opening = before.replace(
    /^\s*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、．.])/,
    '',
  );
  const first = opening ? subjectOf(opening, opening.length) : '';
  const o = first ? resolveWho(first, ctx.vocab, previous, ctx.n.text) : null;
  if (!subject && o && o.scope !== 'cadre' && o.resolved) return o;
  if (!subject && previous && previous.scope !== 'cadre') return previous;
  if (previous && previous.scope !== 'cadre' && !(w && w.resolved)) return previous;
  // "至少提前两天公示接访信息" with nobody named: publishing is the institution's.
  if (!subject && /公示|公布|发布/.test(t))
    return { scope: 'institution', label: '本单位', cadres: {}, resolved: true };
  return null;
}

/** The task ahead of each duty day, on the days of the regulation's first rota of leaders. */
function aheadOfDuty(ctx: Ctx): void {
  const rota = ctx.proposals.find((p) => p.rule.kind === 'roster' && p.rule.who.scope === 'cadre');
  for (const a of ctx.ahead) {
    const span = originalSpan(ctx.n, a.base + a.start, a.base + a.end);
    if (!rota || rota.rule.kind !== 'roster') {
      ctx.unread.push({
        clause: label(ctx, a.clause),
        span,
        text: ctx.original.slice(span.start, span.end),
        reason: '在值班日之前若干天要办的事，但条文没有写出值班日',
      });
      continue;
    }
    const { timeFrom: _f, timeTo: _t, workdaysOnly: _w, ...days } = rota.rule.pattern;
    const words = ctx.vocab.activityTypes.filter((x) => x.includes(a.verb));
    const notes = [`每个值班日（${rota.text}）之前${a.max ? '恰好' : '至少'}${a.min}天有一条记录`];
    if (!words.length) notes.push(`活动类型“${a.verb}”不在词汇表中`);
    propose(
      ctx,
      a.clause,
      a.base,
      a.start,
      a.end,
      a.sentence,
      a.who.scope === 'unit' ? a.who : { ...a.who, scope: 'institution' },
      {
        kind: 'task',
        activityTypes: words.length ? words.slice(0, 1) : [a.verb],
        period: 'month',
        min: 1,
        before: {
          pattern: days,
          min: a.min,
          ...(a.max ? { max: a.max } : {}),
          dayKind: a.workdays ? 'workdays' : 'calendarDays',
        },
      },
      a.t,
      words.length ? 0.8 : 0.6,
      notes,
    );
  }
}

const CREW = re(`每次[^，。；]{0,8}?由((?:${NUMBER}\\s*名[^、，。；和及]+[、和及]?){2,})组成`);

function readCrew(ctx: Ctx, clause: Clause, base: number, t: string, previous: WhoFound | null): void {
  const m = CREW.exec(t);
  if (!m) return;
  const members: Crew['members'] = [];
  for (const part of m[1]!.matchAll(re(`(${NUMBER})\\s*名([^、，。；和及]+)`, 'g'))) {
    const n = parseNumber(part[1]!);
    const who = resolveWho(part[2]!, ctx.vocab, previous, ctx.n.text);
    if (n && who.scope === 'cadre' && who.resolved) members.push({ n, who });
  }
  if (members.length < 2) return;
  const sentence = originalSpan(ctx.n, base, base + t.length);
  ctx.crews.push({ clause, base, start: m.index, end: m.index + m[0].length, sentence, t, members });
}

/**
 * A rota read elsewhere ("每周三，每位局领导轮流接待") served each time by a crew of several kinds of people:
 * each kind keeps its own rota with its own number a day, on the same days.
 */
function applyCrews(ctx: Ctx): void {
  const key = (w: { cadres: unknown }) => JSON.stringify(w.cadres);
  for (const crew of ctx.crews) {
    const rosters = ctx.proposals.filter((p) => p.rule.kind === 'roster' && p.rule.who.scope === 'cadre');
    for (const p of rosters) {
      if (p.rule.kind !== 'roster') continue;
      const own = crew.members.find((m) => key(m.who) === key(p.rule.who));
      if (!own) continue;
      p.rule.perDuty = own.n;
      for (const m of crew.members) {
        if (m === own || rosters.some((o) => key(o.rule.who) === key(m.who))) continue;
        const { id: _id, title: _title, clause: _clause, who: _who, ...body } = p.rule;
        propose(
          ctx,
          crew.clause,
          crew.base,
          crew.start,
          crew.end,
          crew.sentence,
          m.who,
          { ...body, perDuty: m.n },
          crew.t,
          Math.min(0.8, p.confidence),
          [`排班日期取自${p.clause}`],
        );
      }
    }
  }
}

/**
 * "自本周始…每月逢双周周四": the text says from which week the fortnights count — the week of its own date
 * (a notice's signature date, the last full date it gives). Counted from there, not by the ISO week number,
 * whose parity slips in a year of 53 weeks.
 */
function anchorFortnights(ctx: Ctx): void {
  if (!/自本周(?:起|始|开始)|从本周(?:起|开始)/.test(ctx.n.text)) return;
  const dates = [...ctx.n.text.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g)];
  const last = dates[dates.length - 1];
  if (!last) return;
  const day = new Date(Date.UTC(Number(last[1]), Number(last[2]) - 1, Number(last[3])));
  if (Number.isNaN(day.getTime())) return;
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  const from = day.toISOString().slice(0, 10);
  for (const p of ctx.proposals) {
    const pattern: DatePattern | undefined =
      p.rule.kind === 'roster' ? p.rule.pattern : p.rule.kind === 'frequency' ? p.rule.counts.pattern : undefined;
    if (!pattern?.isoWeekParity) continue;
    delete pattern.isoWeekParity;
    pattern.everyNWeeks = { n: 2, from };
    p.notes.push(`双周按通知所在周（${Number(last[1])}年${Number(last[2])}月${Number(last[3])}日所在周）起每2周计`);
  }
}

const IMPLIED = '条文未写次数，按每期1次计';

/**
 * "每年要带头下基层开展调查研究…每人每年要…完成1-2篇调研报告": where the clause gives the same people a
 * number for the same period, the duty without one says nothing more.
 */
function dropImplied(ctx: Ctx): void {
  const key = (p: Proposal) =>
    `${p.clause}|${JSON.stringify({ ...p.rule.who, label: '' })}|${'period' in p.rule ? p.rule.period : ''}`;
  const numbered = new Set(
    ctx.proposals.filter((p) => p.rule.kind === 'frequency' && !p.notes.includes(IMPLIED)).map(key),
  );
  ctx.proposals = ctx.proposals.filter((p) => !(p.notes.includes(IMPLIED) && numbered.has(key(p))));
}

/** One quota per who and clause: "每人明确1～3个学院…。…每人固定联系1个班级或…" is one set of contact points. */
function mergeQuotas(ctx: Ctx): void {
  const out: Proposal[] = [];
  for (const p of ctx.proposals) {
    if (p.rule.kind === 'quota') {
      const prev = out.find(
        (o) =>
          o.rule.kind === 'quota' &&
          o.clause === p.clause &&
          JSON.stringify({ ...o.rule.who, label: '' }) === JSON.stringify({ ...p.rule.who, label: '' }),
      );
      if (prev && prev.rule.kind === 'quota') {
        prev.rule.slots.push(...p.rule.slots);
        prev.span = { start: prev.span.start, end: Math.max(prev.span.end, p.span.end) };
        prev.text = ctx.original.slice(prev.span.start, prev.span.end);
        prev.confidence = Math.min(prev.confidence, p.confidence);
        prev.sure = prev.confidence >= SURE;
        continue;
      }
    }
    out.push(p);
  }
  ctx.proposals = out;
}

const SENTENCE_END = /[。；;！？!?\n]/;

function readClause(ctx: Ctx, clause: Clause): void {
  const t = ctx.n.text;
  let i = clause.start;
  let previousWho: WhoFound | null = null;
  const first = ctx.proposals.length;
  ctx.sentenceWhos = [];
  while (i < clause.end) {
    let j = i;
    while (j < clause.end && !SENTENCE_END.test(t[j]!)) j++;
    const end = Math.min(j + (j < clause.end && t[j] !== '\n' ? 1 : 0), clause.end);
    const before = ctx.proposals.length;
    const who = readSentence(ctx, clause, i, end, previousWho);
    // The people of a sentence with subjects of its own, for a following sentence with none ("村“两委”干部每月
    // 家访不少于10户，村民小组组长每月家访不少于5户；对…重点家访对象，每季度至少登门家访1次").
    if (who) {
      const whos: WhoFound[] = [];
      for (const p of ctx.proposals.slice(before))
        if (p.rule.who.scope === 'cadre')
          whos.push({ scope: 'cadre', label: p.rule.who.label ?? '', cadres: p.rule.who.cadres, resolved: true });
      ctx.sentenceWhos = whos;
    }
    // A condition's subject ("若公司领导因出差…", "若…，经受理单位主要领导同意，可…") is not who the
    // regulation's duties fall on, in the sentences after it either.
    const opening = t.slice(i, end).replace(/^[\d一二三四五六七八九十（）()、.．\s]+/, '');
    if (who && !/^(?:若|如果|如|凡|遇|因)/.test(opening)) previousWho = who;
    if (who?.scope === 'cadre' && !/^(?:若|如果|如|凡|遇|因)/.test(opening)) ctx.documentWho = who;
    i = end;
    while (i < clause.end && /[\n\s]/.test(t[i]!)) i++;
  }
  stageDeadlines(ctx, clause, first);
}

const REPLY_WORDS = /告知|答复|回复|反馈|受理/;
const CLOSE_WORDS = /办结|完结|办理完毕|处理完毕|办理完成|处理完成/;

/**
 * "收到后15天内书面告知受理情况；30天内办理完结；延长时间最长不得超过30天": one deadline of the clause, to
 * close in 30 days, with a first reply in 15 and an extension of at most 30 — not two deadlines.
 */
function stageDeadlines(ctx: Ctx, clause: Clause, first: number): void {
  const mine = ctx.proposals.slice(first).filter((p) => p.rule.kind === 'deadline');
  if (!mine.length) return;
  const after = (p: Proposal) => ctx.original.slice(p.span.end, Math.min(p.sentence.end, p.span.end + 24));
  const words = (p: Proposal) => `${p.text}${after(p)}`;
  const close = mine.find((p) => CLOSE_WORDS.test(words(p)));
  if (!close || close.rule.kind !== 'deadline') return;
  const reply = mine.find(
    (p) =>
      p !== close &&
      p.rule.kind === 'deadline' &&
      close.rule.kind === 'deadline' &&
      REPLY_WORDS.test(words(p)) &&
      !CLOSE_WORDS.test(words(p)) &&
      p.rule.within < close.rule.within,
  );
  const clauseText = ctx.n.text.slice(clause.start, clause.end);
  const ext = re(`延长[^，。；]{0,10}?(?:最长|最多)?(?:${AT_MOST})\\s*(${NUMBER})\\s*(个工作日|天|日)`).exec(
    clauseText,
  );
  const extMax = ext ? parseNumber(ext[1]!) : null;
  if (!reply && !extMax) return;
  const r = close.rule;
  const generic = r.events.length === 1 && r.events[0] === '群众反映问题';
  const parsed = ruleSchema.safeParse({
    ...r,
    on: 'close',
    ...(reply && reply.rule.kind === 'deadline'
      ? {
          reply: { within: reply.rule.within, dayKind: reply.rule.dayKind },
          ...(generic ? { events: reply.rule.events } : {}),
        }
      : {}),
    ...(extMax && Number.isInteger(extMax) && extMax > 0
      ? { extension: { max: extMax, dayKind: ext![2] === '个工作日' ? 'workdays' : 'calendarDays' } }
      : {}),
  });
  if (!parsed.success) return;
  close.rule = parsed.data;
  if (reply) {
    if (generic)
      close.notes = [
        ...close.notes.filter((x) => !/事项登记之日起算/.test(x)),
        ...reply.notes.filter((x) => /事项登记之日起算/.test(x)),
      ];
    close.notes.push(`首次答复${reply.rule.kind === 'deadline' ? reply.rule.within : ''}日内（${reply.text}）`);
    ctx.proposals.splice(ctx.proposals.indexOf(reply), 1);
  }
  if (extMax) close.notes.push(`可延期，至多${extMax}日`);
}

/** A piece of a sentence between commas, with what it contains. */
interface Segment {
  start: number;
  end: number;
  text: string;
  toks: Token[];
}

/** "5日前", "提前5个工作日": a lead time before another date. */
const LEAD_TIME = re(
  `(?:(?<![月\\d〇零一二三四五六七八九十两])${NUMBER}\\s*(?:个工作日|日|天)(?:以)?前|提前\\s*${NUMBER}\\s*(?:个工作日|日|天)|前一(?:天|日)(?!内))`,
  'g',
);
/** What is done ahead of a duty day, and the activity word of the vocabulary it is most likely recorded as. */
const AHEAD_VERB = /通知|告知|报送|上报|提交|报告|汇报|发布|公布|公示|完成|准备/;

function readSentence(
  ctx: Ctx,
  clause: Clause,
  start: number,
  end: number,
  previousWho: WhoFound | null,
): WhoFound | null {
  const full = ctx.n.text.slice(start, end);
  // The clause number is no part of the sentence.
  const marker =
    /^(?:第[一二三四五六七八九十百零〇\d]+条|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}(?:[、．]|\.(?!\d))|[①-⑳])\s*/.exec(
      full,
    );
  const off = marker ? marker[0].length : 0;
  const t = full.slice(off);
  const base = start + off;
  if (!t.trim() || NOT_AN_OBLIGATION.test(t)) return null;
  // "每周二为院长接待日。遇节假日顺延至下周进行。": the holiday rule of the rota just read.
  const holidayOnly =
    /^(?:遇|逢)(?:法定)?节假日[^，。；]{0,10}(?:顺延|取消|停止|暂停)|^(?:节假日|法定节假日)(?:除外|不安排)/.exec(t);
  const lastRota = ctx.proposals[ctx.proposals.length - 1];
  if (holidayOnly && lastRota?.rule.kind === 'roster' && !lastRota.rule.pattern.onHoliday) {
    const { workdaysOnly: _w, ...days } = lastRota.rule.pattern;
    const parsed = ruleSchema.safeParse({
      ...lastRota.rule,
      pattern: { ...days, onHoliday: /顺延/.test(holidayOnly[0]) ? 'next' : 'cancel' },
    });
    if (parsed.success) {
      lastRota.rule = parsed.data;
      if (/下周/.test(t)) lastRota.notes.push('条文写顺延至下周，要求按顺延至下一个工作日计');
      return previousWho;
    }
  }
  const toks = tokens(t);
  readCrew(ctx, clause, base, t, previousWho);
  // "在领导接待日的5日前通知参加接待的县领导": work due some days before another date — listed for her.
  LEAD_TIME.lastIndex = 0;
  const lead = LEAD_TIME.exec(t);
  LEAD_TIME.lastIndex = 0;
  if (lead && AHEAD_VERB.test(t) && !CONDITIONAL.test(t)) {
    // "在领导接待日的5日前通知参加接待的县领导，…在接待前一天将预约情况向县领导汇报": work due ahead of each
    // duty day — a task per duty day, once the regulation's duty days are known (aheadOfDuty, at the end).
    // "因故不能参加接待的，应提前5日告知": a condition on someone's absence, which the ledger does not keep.
    const conditional = /因故|不能按时|不能参加|如遇|如有特殊|特殊情况/.test(t);
    const who = conditional ? null : aheadWho(ctx, t, previousWho, ctx.n.text.slice(clause.start, base));
    const found: Ahead[] = [];
    if (who) {
      let m: RegExpExecArray | null;
      const segs = [...t.matchAll(/[^，,；;。]+/g)];
      while ((m = LEAD_TIME.exec(t))) {
        const at = m.index;
        const seg = segs.find((x) => x.index! <= at && at < x.index! + x[0].length);
        if (!seg) continue;
        // The verb follows the lead time in its segment ("提前一天通知到人", "在接待日前一天完成").
        const after = seg[0].slice(at - seg.index! + m[0].length);
        let verb = AHEAD_VERB.exec(after)?.[0];
        if (!verb) continue;
        // "准备工作由综合办负责，在接待日前一天完成": what is completed is the work the sentence named.
        if (verb === '完成') verb = /通知|告知|报送|上报|提交|报告|汇报|发布|公布|公示|准备/.exec(t)?.[0] ?? verb;
        const n = /前一(?:天|日)|提前\s*(?:一|1)\s*(?:天|日)/.test(m[0])
          ? 1
          : (parseNumber(re(`(${NUMBER})`).exec(m[0])?.[1] ?? '') ?? 0);
        if (n < 1) continue;
        const exact = n === 1 && /前一(?:天|日)|提前\s*(?:一|1)\s*(?:天|日)/.test(m[0]);
        found.push({
          clause,
          base,
          start: seg.index!,
          end: seg.index! + seg[0].length,
          sentence: originalSpan(ctx.n, base, base + t.length),
          t,
          who,
          verb,
          min: n,
          ...(exact ? { max: 1 } : {}),
          workdays: /工作日/.test(m[0]),
        });
      }
    }
    if (found.length) {
      ctx.ahead.push(...found);
      return subjectWho(ctx, t, previousWho) ?? previousWho;
    }
    const span = originalSpan(ctx.n, base, base + t.length);
    ctx.unread.push({
      clause: label(ctx, clause),
      span,
      text: ctx.original.slice(span.start, span.end),
      reason: '在另一日期之前若干天要办的事，现有要求类型还不能表达',
    });
    return subjectWho(ctx, t, previousWho);
  }
  // "落实新学期第一课制度…安排书记、校长第一课和二级学院书记、院长思政第一课": each new semester's first
  // lesson, once a semester, given by each group of people the sentence names before 第一课.
  const clauseText = ctx.n.text.slice(clause.start, clause.end);
  if (
    /(?:新学期|开学)第一课/.test(`${clauseText}${clause.heading}`) &&
    /第一课/.test(t) &&
    !/制度/.test(t.replace(/第一课制度/, ''))
  ) {
    const lesson = activitiesIn(ctx.vocab, '思政第一课 第一课');
    for (const m of t.matchAll(/([^，。；和及]{2,24}?)((?:思政|思想政治)?第一课)/g)) {
      const phrase = m[1]!.replace(/^.*(?:安排|组织|讲授|讲好|讲|上好|上|由)/, '').replace(/^(?:学校)/, '');
      if (!phrase || !PERSON.test(phrase)) continue;
      const w = resolveWho(phrase, ctx.vocab, previousWho, ctx.n.text);
      if (w.scope !== 'cadre') continue;
      const s0 = m.index! + m[0].length - m[2]!.length - phrase.length;
      propose(
        ctx,
        clause,
        base,
        s0,
        m.index! + m[0].length,
        originalSpan(ctx.n, base, base + t.length),
        w,
        {
          kind: 'frequency',
          period: 'semester',
          min: 1,
          counts: lesson.length ? { activityTypes: lesson.slice(0, 1) } : {},
        },
        t,
        0.75,
        ['“新学期第一课”按每学期1次计'],
      );
    }
  }
  // "全县科级以上干部采取“一助一”的形式，与困难户结成帮扶对子": each of them is paired with one of the set.
  if (readPairing(ctx, clause, base, t, previousWho)) return subjectWho(ctx, t, previousWho) ?? previousWho;
  // "如每年的教师节、“七.一”、元旦与春节期间…慰问", "在春种秋收、八一和春节等特殊时点…走访慰问": visits
  // within named holiday windows.
  const windowed = readWindowVisit(ctx, clause, base, start, t, toks, previousWho);
  if (windowed) return windowed.who;
  const meaningful = toks.filter((k) => k.kind !== 'quantity' || k.fraction !== undefined || k.n1 !== undefined);
  if (!meaningful.length && !/不(?:重复)?交叉|不得交叉|联系时间/.test(t)) return subjectWho(ctx, t, previousWho);

  // Split at commas (and colons); a segment carries its own tokens.
  const segs: Segment[] = [];
  let s0 = 0;
  for (let k = 0; k <= t.length; k++) {
    if (k === t.length || /[，,：:]/.test(t[k]!)) {
      if (k > s0)
        segs.push({ start: s0, end: k, text: t.slice(s0, k), toks: toks.filter((x) => x.start >= s0 && x.end <= k) });
      s0 = k + 1;
    }
  }
  const sentenceSpan = originalSpan(ctx.n, base, base + t.length);
  let who: WhoFound | null = null;
  let period: Token | undefined;
  let quota: { slots: QuotaSlot[]; start: number; end: number; who: WhoFound } | null = null;
  const made: number[] = [];
  const firstProposal = ctx.proposals.length;
  const durations: { start: number; end: number; minDuration: MinDuration }[] = [];
  ctx.sentenceQuota = [];
  const quotaWhos: WhoFound[] = [];
  const flushQuota = () => {
    if (quota && quota.slots.length) {
      ctx.sentenceQuota.push(...quota.slots);
      quotaWhos.push(quota.who);
      propose(
        ctx,
        clause,
        base,
        quota.start,
        quota.end,
        sentenceSpan,
        quota.who,
        { kind: 'quota', slots: quota.slots },
        t,
      );
      made.push(1);
    }
    quota = null;
  };

  for (const seg of segs) {
    const firstTok = seg.toks[0];
    const subjectText = subjectOf(seg.text, firstTok ? firstTok.start - seg.start : seg.text.length);
    // "各部门单位处理信访件的情况，……年终进行考评": what is assessed, not who does it.
    const ownSubject =
      !!subjectText &&
      !/(?:情况|结果|事项|问题)$/.test(subjectText) &&
      (PERSON.test(subjectText) ||
        SUBJECT.test(subjectText.slice(-6)) ||
        // "楼栋长每月…": a post the vocabulary has, whatever its title ends with.
        ctx.vocab.roles.some((r) => roleForms(r).some((x) => x.test(subjectText))) ||
        // "每个村委会每年…": a unit category of the vocabulary is a body that carries duties.
        ctx.vocab.unitCategories.some((u) => u.length >= 2 && subjectText.endsWith(u)));
    if (ownSubject) {
      let w = resolveWho(subjectText, ctx.vocab, who ?? previousWho, ctx.n.text);
      // "校长、分管校领导每月至少到科研一线…": the leader in charge is the one in charge of what the duty is
      // about, when the vocabulary has exactly one such role named by the rest of the sentence.
      const generic = /分管(?:的)?(?:校|县|局|院)?(?:领导|负责同志)|分管(?:副)?(?:校长|县长|局长)/.test(subjectText);
      // "党委书记、校长和分管副书记、副校长每学年至少与辅导员、班主任…座谈": deputies "in charge" of no named
      // area are those in charge of what the duty is about — here the people met are student work's.
      const deputies =
        /^(.*?)(?:和|及|以及|、)分管(?:副)?(?:书记|校长|县长|局长|院长)(?:、副(?:书记|校长|县长|局长|院长))*$/.exec(
          subjectText,
        );
      if ((generic || deputies) && w.scope === 'cadre' && !w.cadres.roles?.some((r) => r.startsWith('分管'))) {
        // The deputies' duty is read in its own piece ("…座谈1次"), not in the aims after it (潜心科研).
        const rest = (deputies && !generic ? seg.text : t).replace(subjectText, '');
        const literal = ctx.vocab.roles.filter(
          (r) => r.startsWith('分管') && r.length > 2 && rest.includes(r.slice(2)),
        );
        const cued = literal.length
          ? literal
          : ctx.vocab.roles.filter((r) => r.startsWith('分管') && AREA_CUES[r.slice(2)]?.test(rest));
        const areas = generic ? literal : cued;
        const plain = Object.keys(w.cadres).every((k) => k === 'roles' || k === 'levels');
        const named = deputies?.[1] ? resolveWho(deputies[1], ctx.vocab, null, ctx.n.text) : null;
        if (areas.length === 1 && deputies && named?.scope === 'cadre' && named.resolved && named.cadres.roles?.length)
          w = {
            ...w,
            cadres: { roles: [...named.cadres.roles, areas[0]!] },
            resolved: true,
            note: `“分管”未写明分管何项工作，按所涉及的${areas[0]!.slice(2)}理解`,
          };
        else if (areas.length === 1 && plain && generic)
          w = { ...w, cadres: { roles: [...(w.cadres.roles ?? []), areas[0]!] }, resolved: true };
      }
      // "联系班级的干部每学年…": those who were given classes to contact — the people of that quota.
      const holders = /^(?:所|负责)?联系([^的，。；]{1,8})的(?:领导干部|领导|干部|同志)$/.exec(subjectText);
      if (holders && w.scope === 'cadre' && !w.resolved) {
        const q = [...ctx.proposals]
          .reverse()
          .find(
            (x) =>
              x.rule.kind === 'quota' &&
              x.rule.slots.some((sl) => sl.categories.some((c) => holders[1]!.includes(c) || c.includes(holders[1]!))),
          );
        if (q) w = { scope: 'cadre', label: subjectText, cadres: q.rule.who.cadres, resolved: true };
      }
      if (quota && JSON.stringify(w) !== JSON.stringify(quota.who)) flushQuota();
      who = w;
    }
    let currentWho = who ?? previousWho;
    // "值班表由综合办每季度排定一次": an office named with 由 is who does it, whoever the sentence is about.
    // "材料由综合办按月保管，年终统一归档": the office stays the doer for the rest of the sentence.
    const byOffice = ownSubject
      ? null
      : /由([^，。；由]{1,12}?)(?:负责|统一)?(?=每|定期|在|于|按)/.exec(t.slice(0, seg.end));
    if (byOffice && (segPeriod0(seg) || seg.toks.some((x) => x.kind === 'due'))) {
      const w = resolveWho(byOffice[1]!, ctx.vocab, null, ctx.n.text);
      if (w.scope !== 'cadre' && w.resolved) currentWho = w;
    }
    // No subject before the duty: the people the sentence names elsewhere ("选派…后备干部…，时间不少于3个月").
    if (!currentWho) currentWho = taskBody(t) ?? namedIn(ctx, t);
    // "每年三月份在校园网上公示…": publishing is the institution's, whoever is named.
    if (!currentWho && /公示|备案|上报|报送/.test(seg.text))
      currentWho = { scope: 'institution', label: '本单位', cadres: {}, resolved: true };
    let segPeriod = seg.toks.find((x) => x.kind === 'period');
    // "每年三月份公示": a due month says the duty is yearly.
    const dueTok = seg.toks.find((x) => x.kind === 'due');
    // ("每季度…检查一次，年底…进行考评": a due date in a piece of its own is that piece's year.)
    if (!segPeriod && dueTok && (!period || period.start < seg.start))
      segPeriod = { kind: 'period', start: dueTok.start, end: dueTok.start, period: 'calendarYear' };
    if (segPeriod) period = segPeriod;
    if (CONDITIONAL.test(seg.text)) continue;
    const dates = seg.toks.filter((x) => x.kind === 'date');
    const pattern = mergePatterns(dates);
    const deadline = seg.toks.find((x) => x.kind === 'deadline');
    const due = seg.toks.find((x) => x.kind === 'due');
    let amounts = seg.toks.filter((x) => x.kind === 'quantity');
    // "每两周一次，时间为双周一": the odd/even weeks say it; the count adds nothing.
    if (toks.some((x) => x.pattern?.isoWeekParity) && segPeriod?.period === 'twoWeeks') amounts = [];
    // "随员不超过3人": a limit on each record, not an amount to reach.
    const companions = re(`(?:随员|随行人员|陪同人员)[^，。；]{0,4}(?:${AT_MOST})\\s*(${NUMBER})\\s*人`).exec(seg.text);
    if (companions && currentWho) {
      flushQuota();
      propose(
        ctx,
        clause,
        base,
        seg.start,
        seg.end,
        sentenceSpan,
        currentWho,
        {
          kind: 'frequency',
          period: 'calendarYear',
          max: 0,
          counts: { companionsAbove: parseNumber(companions[1]!) ?? 0 },
        },
        t,
        0.85,
        ['按超出随员人数的记录计，每年0次'],
      );
      made.push(1);
      continue;
    }
    // "每次时间不少于1天", "每次不少于半天": how long each counted contact must last, for the duty just read.
    // "每次不少于半天", and "时间不少于半天" after a count ("每2个月不少于1次，时间不少于半天"): how long each
    // counted contact must last, for the duty just read. ("每年下基层，时间不少于30天" with no count before it is
    // the days themselves.)
    const each = re(`^(每次(?:时间|活动)?|时间|活动时间)(?:${AT_LEAST})\\s*(${NUMBER})\\s*(个小时|小时|天|分钟)`).exec(
      seg.text.trim(),
    );
    const last = each ? [...ctx.proposals].reverse().find((p) => p.sentence.start === sentenceSpan.start) : undefined;
    const lastCounts =
      !!last && (last.rule.kind === 'coverage' || (last.rule.kind === 'frequency' && last.rule.quantity === 'count'));
    if (each && (each[1]!.startsWith('每次') || lastCounts)) {
      const minDuration = durationOf(parseNumber(each[2]!) ?? 0, each[3]!);
      const lr = last?.rule;
      if (last && minDuration && lr && (lr.kind === 'frequency' || lr.kind === 'coverage')) {
        const parsed = ruleSchema.safeParse({ ...lr, counts: { ...lr.counts, minDuration } });
        if (parsed.success) {
          last.rule = parsed.data;
          const end = originalSpan(ctx.n, base + seg.start, base + seg.end).end;
          last.span = { start: last.span.start, end: Math.max(last.span.end, end) };
          last.text = ctx.original.slice(last.span.start, last.span.end);
        }
      }
      continue;
    }
    // "每周至少与一名职工代表谈心（不少于30分钟）": the length of each, in brackets after the duty.
    const bracket = re(`[（(](?:每次)?(?:时间)?(?:${AT_LEAST})\\s*(${NUMBER})\\s*(个小时|小时|分钟)[）)]`).exec(
      seg.text,
    );
    if (bracket) {
      const d = durationOf(parseNumber(bracket[1]!) ?? 0, bracket[2]!);
      if (d) durations.push({ start: seg.start, end: seg.end, minDuration: d });
    }
    // "联系村民小组群众的时间间隔不得超过1个月": the longest gap between two contacts.
    const gap = re(`间隔(?:时间)?(?:${AT_MOST}|不得多于)\\s*(${NUMBER})\\s*(个工作日|天|日|周|个月|月)`).exec(seg.text);
    if (gap && currentWho) {
      flushQuota();
      const n = parseNumber(gap[1]!) ?? 0;
      const u = gap[2]!;
      const days = u.includes('月') ? n * 30 : u === '周' ? n * 7 : n;
      const acts = activitiesIn(ctx.vocab, t);
      const own = /所联系|联系点|联系的/.test(t);
      if (
        days >= 1 &&
        propose(
          ctx,
          clause,
          base,
          seg.start,
          seg.end,
          sentenceSpan,
          currentWho,
          {
            kind: 'interval',
            maxGap: Math.round(days),
            dayKind: u === '个工作日' ? 'workdays' : 'calendarDays',
            per: own ? 'object' : 'kind',
            counts: {
              ...(acts.length ? { activityTypes: acts } : {}),
              ...(own ? { objects: { among: 'assignments' } } : {}),
            },
          },
          t,
          0.8,
          u.includes('月') ? ['1个月按30天计'] : [],
        )
      )
        made.push(1);
      continue;
    }
    // "每天安排1名领导公开接访": a rota with people on duty each day.
    const daily = segPeriod?.period === 'day' || /每(?:个)?工作日/.test(seg.text);
    if (daily && /接访|接待|值班|带班/.test(seg.text) && currentWho) {
      flushQuota();
      const acts = activitiesIn(ctx.vocab, seg.text);
      // "党委每个工作日安排一名领导接待": the leader on duty, not the institution that arranges it (a unit that
      // must put one of its leaders on each day keeps the duty: 镇（街道）每天都要安排1名领导干部).
      const crew = dutyCrew(ctx, seg.text);
      propose(
        ctx,
        clause,
        base,
        seg.start,
        seg.end,
        sentenceSpan,
        crew?.who && currentWho.scope === 'institution' ? crew.who : currentWho,
        {
          kind: 'roster',
          activityTypes: acts.length ? acts : ['接待日'],
          pattern: /工作日/.test(seg.text) ? { workdaysOnly: true } : {},
          period: 'month',
          // "每个工作日安排2名领导干部": people on each duty.
          ...(amounts[0]?.n1 && amounts[0].n1 > 1 && Number.isInteger(amounts[0].n1) ? { perDuty: amounts[0].n1 } : {}),
        },
        t,
        0.8,
      );
      made.push(1);
      continue;
    }
    const segStart = seg.start;
    const segEnd = seg.end;

    if (deadline) {
      flushQuota();
      proposeDeadline(ctx, clause, base, segStart, segEnd, sentenceSpan, currentWho, deadline, t);
      made.push(1);
      continue;
    }

    // Quota: "每人联系1个学院、1个班级" — people or units to be paired with, no count of visits.
    const items = amounts.filter((a) => a.quantity === 'items' && a.n1 !== undefined);
    const isQuota =
      items.length > 0 &&
      !amounts.some((a) => a.quantity !== 'items') &&
      (/联系|结对|结成[^，。；]{0,4}对子|对接|建立|明确|确定|固定|认领|帮扶/.test(seg.text) ||
        (quota !== null && !/走访|人数/.test(seg.text))) &&
      !/走访[^，。；]*人数|人数不|参加人员|随员|随行/.test(seg.text) &&
      // "选择一个村民小组进行对口联系": choosing one is the duty, as 要 or 每人 says it elsewhere.
      /每人|每位|每名|要|应|须|至少|不少于|选择|选定|确定|挑选/.test(t.slice(0, segEnd));
    if (isQuota && currentWho && currentWho.scope === 'cadre') {
      const slots = quotaSlots(ctx, seg.text, items, seg.start);
      if (slots.length) {
        if (!quota) quota = { slots: [], start: segStart, end: segEnd, who: currentWho };
        quota.slots.push(...slots);
        quota.end = segEnd;
        continue;
      }
    }
    flushQuota();

    // "每个县直单位确定一户…": people to pair a unit with are no count the model keeps for units; people the
    // unit helps or visits within a period ("每年帮扶一户优抚对象困难户") are.
    if (currentWho?.scope === 'unit')
      amounts = amounts.filter(
        (a) =>
          a.quantity !== 'items' ||
          (!!segPeriod && /(?:帮扶|走访|慰问|看望|救助)$/.test(seg.text.slice(0, a.start - seg.start).trim())),
      );
    const counted = amounts.filter(
      (a) =>
        a.quantity !== 'items' ||
        // People counted only when visited: "走访党员群众人数不低于50名", not "至少有一位校领导上门慰问".
        /人数/.test(seg.text) ||
        VISIT.test(t.slice(seg.start, a.start)) ||
        // "每周至少与一名职工代表谈心": one talk with one of them each time — a count of those talks.
        (a.n1 === 1 && /(?:与|同)\s*$/.test(t.slice(Math.max(seg.start, a.start - 2), a.start))) ||
        currentWho?.scope === 'unit' ||
        a.unit === '份' ||
        a.unit === '件' ||
        a.unit === '项' ||
        workItem(t, a),
    );
    const effPeriod = segPeriod ?? (counted.length || pattern ? period : undefined);

    // "每个村（社区）走访群众不少于3户": a count within each of a set — households of each village — which
    // no rule kind keeps apart per village; listed for her rather than proposed as one yearly count.
    const perGroup = /^每(?:一)?个([^，。；]{1,8}?)(?:要|须|应)?(?:走访|联系|看望|慰问|帮扶)/.exec(seg.text.trim());
    if (counted.length && perGroup && !ownSubject && counted.every((a) => a.quantity === 'items')) {
      const words = seg.text.replace(/[；;。\s]+$/, '');
      const span = originalSpan(ctx.n, base + seg.start, base + seg.start + words.length);
      ctx.unread.push({
        clause: label(ctx, clause),
        span,
        text: ctx.original.slice(span.start, span.end),
        reason: `按每个${perGroup[1]}分别计数的要求，现有要求类型还不能按${perGroup[1]}分组计`,
      });
      continue;
    }
    if (counted.length) {
      // Amounts joined by 或 are one duty with either activity; others are separate duties.
      const groups: Token[][] = [];
      for (const a of counted) {
        const last = groups[groups.length - 1];
        const prev = last?.[last.length - 1];
        if (prev && /或/.test(t.slice(prev.end, a.start)) && !/[、，]/.test(t.slice(prev.end, a.start))) last!.push(a);
        else groups.push([a]);
      }
      for (let g = 0; g < groups.length; g++) {
        const group = groups[g]!;
        const gs = g === 0 ? segStart : group[0]!.start;
        const ge = g === groups.length - 1 ? segEnd : groups[g + 1]![0]!.start;
        proposeAmount(
          ctx,
          clause,
          base,
          gs,
          ge,
          sentenceSpan,
          ownSubject ? currentWho : (pairedWho(quotaWhos) ?? (who ? null : pairedWho(ctx.sentenceWhos)) ?? currentWho),
          effPeriod,
          group,
          pattern,
          due,
          t,
          segStart,
        );
        made.push(1);
      }
      continue;
    }
    // "任期内要跑遍全县所有村", "每年要跑遍本镇所有村": every object of a set, once.
    if (
      segPeriod &&
      currentWho &&
      /跑遍|走遍|走访遍|全覆盖|全面走访[^，。；]*各|(?:走访|家访|入户|登门)(?:一|1)遍|逐户(?:走访|家访)/.test(seg.text)
    ) {
      const p = periodKind(ctx, segPeriod.period);
      if (!ownSubject && !who) currentWho = pairedWho(ctx.sentenceWhos) ?? currentWho;
      // "全面走访所联乡镇（街道）各村（社区）": the set is what follows 各.
      const every = /.*各([^，。；、]+)$/.exec(seg.text)?.[1];
      const named = every ? categoriesIn(ctx.vocab, every, false) : [];
      const cats = named.length ? named : categoriesIn(ctx.vocab, seg.text, false);
      const fuzzy = cats.length
        ? cats
        : ctx.vocab.objectCategories
            .filter((c) => /村|社区|学院|单位/.test(c.name) && seg.text.includes(c.name.slice(0, 1)))
            .map((c) => c.name)
            .slice(0, 1);
      if (p) {
        propose(
          ctx,
          clause,
          base,
          segStart,
          segEnd,
          sentenceSpan,
          currentWho,
          {
            kind: 'coverage',
            period: p,
            counts: {
              ...(activitiesIn(ctx.vocab, seg.text).length ? { activityTypes: activitiesIn(ctx.vocab, seg.text) } : {}),
              objects: {
                ...(fuzzy.length ? { categories: fuzzy } : {}),
                ...(/本镇|本单位|所属|本乡/.test(seg.text)
                  ? { among: 'ownUnit' }
                  : /所联|所联系|联系的/.test(seg.text)
                    ? { among: 'assignments' }
                    : {}),
              },
            },
          },
          t,
          0.8,
        );
        made.push(1);
        continue;
      }
    }
    // A date with no 以外: "每周三以外的时间" names the days that are not duty days.
    const notDuty = pattern && /^[^，。；]{0,4}(?:以外|之外)/.test(t.slice(dates[dates.length - 1]!.end));
    let patternWho = currentWho ?? laterWho(ctx, segs, segs.indexOf(seg), who ?? previousWho);
    // "领导人员接待日是指每个月10日，公司党委班子成员…以轮流值班的形式，负责当天的来信来访": the people the
    // sentence puts on the days further on, when its subject names nobody the vocabulary knows.
    if (pattern && patternWho?.scope === 'cadre' && !patternWho.resolved) {
      const later = laterWho(ctx, segs, segs.indexOf(seg), who ?? previousWho);
      if (later?.scope === 'cadre' && later.resolved) patternWho = later;
    }
    let borrowed = false;
    if (pattern && /通知|公示|公布|发布/.test(seg.text)) {
      // "具体接待时间由办公室每双周一在网站上通知，同时公示…": the office's own duty on those days, kept as
      // the institution's rota of that notice.
      const office = /由([^，。；每在于]{1,12}?)(?=每|在|于)/.exec(seg.text)?.[1];
      const inst: WhoFound = {
        scope: 'institution',
        label: office ?? '本单位',
        cadres: {},
        ...(office ? { department: office } : {}),
        resolved: true,
      };
      const named = activitiesIn(ctx.vocab, t).filter((a) => /公示|通知|公布|发布/.test(a));
      const p: DatePattern = { ...pattern };
      const holiday = dates.find((d) => d.holiday)?.holiday;
      if (holiday === 'next') p.onHoliday = 'next';
      else if (holiday === 'skip') p.onHoliday = 'cancel';
      propose(
        ctx,
        clause,
        base,
        segStart,
        segEnd,
        sentenceSpan,
        inst,
        { kind: 'roster', activityTypes: named.length ? named.slice(0, 1) : ['公示'], pattern: p, period: 'month' },
        t,
        named.length ? 0.7 : 0.5,
        named.length ? [] : ['活动类型“公示”不在词汇表中'],
      );
      made.push(1);
      continue;
    }
    // "每周一为镇领导接访日", "每周一安排两名镇领导接待": who the day is for is inside the phrase.
    if (pattern && !patternWho) {
      const named =
        /为([^，。；为]{1,10}?(?:领导|书记|校长|院长|局长|镇长|县长|主任|班子成员))(?:信访)?(?:接访|接待)日/.exec(
          seg.text,
        );
      const w = named ? resolveWho(named[1]!, ctx.vocab, null, ctx.n.text) : (dutyCrew(ctx, seg.text)?.who ?? null);
      if (w && w.scope === 'cadre' && w.resolved) patternWho = w;
    }
    if (pattern && !patternWho && ctx.documentWho && /接待|接访|值班/.test(`${seg.text}${clause.heading}`)) {
      patternWho = ctx.documentWho;
      borrowed = true;
    }
    // "每周二为院长接待日" with nobody named yet: the leaders the text puts on it further on ("接待日的接待以
    // 院领导为主", "由院领导轮流负责接待").
    let ahead: WhoFound | null = null;
    if (pattern && !patternWho && /接待|接访|值班/.test(`${seg.text}${clause.heading}`)) {
      const m = /(?:以|由)([^，。；以由]{1,10}?(?:领导|班子成员|负责人))(?:为主|轮流|负责|参加)/.exec(
        ctx.n.text.slice(base + t.length),
      );
      const w = m ? resolveWho(m[1]!, ctx.vocab, null, ctx.n.text) : null;
      if (w && w.scope === 'cadre' && w.resolved) ahead = w;
    }
    if (ahead) {
      patternWho = ahead;
      borrowed = true;
    }
    if (pattern && patternWho && !notDuty) {
      proposePattern(
        ctx,
        clause,
        base,
        segStart,
        segEnd,
        sentenceSpan,
        patternWho,
        pattern,
        dates,
        t,
        borrowed ? [`条文此处未写适用对象，取${ahead ? '下' : '上'}文的“${patternWho.label}”`] : [],
      );
      made.push(1);
      continue;
    }
    // "党群工作部以月为单位，对…进行回访调查": a period said in a lead piece of its own governs the work after it.
    // ("每年的重大节日和夏季高温季节，…走访慰问" names times within the period, not the period of the work.)
    const leadSeg =
      period && !segPeriod ? segs.find((x) => x.start <= period!.start && period!.end <= x.end) : undefined;
    const bareLead =
      !!leadSeg &&
      leadSeg !== seg &&
      leadSeg.text.slice(period!.end - leadSeg.start).replace(/[，,\s]/g, '').length <= 1;
    const onceP = segPeriod ?? (!made.length && bareLead ? period : undefined);
    if (
      onceP &&
      currentWho &&
      (due || /公示|备案|通报|召开|开展|安排|进行|下访|调研|走访/.test(seg.text) || REPORT_WORK.test(seg.text)) &&
      MODAL.test(t.slice(0, segEnd)) !== null
    ) {
      const once = proposeOnce(ctx, clause, base, segStart, segEnd, sentenceSpan, currentWho, onceP, due, t);
      if (once) made.push(1);
    }
  }
  flushQuota();
  for (const d of durations)
    for (const p of ctx.proposals.slice(firstProposal)) {
      if (p.rule.kind !== 'frequency' && p.rule.kind !== 'coverage') continue;
      if (p.rule.kind === 'frequency' && p.rule.quantity !== 'count') continue;
      const seg = originalSpan(ctx.n, base + d.start, base + d.end);
      if (p.span.start >= seg.end || p.span.end <= seg.start) continue;
      const parsed = ruleSchema.safeParse({ ...p.rule, counts: { ...p.rule.counts, minDuration: d.minDuration } });
      if (parsed.success) p.rule = parsed.data;
    }

  // "联系点一般不重复交叉，每个联系点的联系时间不少于1年": contact points not shared, held a minimum time.
  const held = re(`(?:联系时间|保持|固定)[^，。；]{0,4}(?:${AT_LEAST})\\s*(${NUMBER})\\s*(年|个月)`).exec(t);
  if (!made.length && (held || /不(?:重复)?交叉|不得交叉/.test(t)) && /联系点|联系对象/.test(t)) {
    const n = held ? parseNumber(held[1]!) : null;
    const who = subjectWho(ctx, t, previousWho) ?? {
      scope: 'cadre' as const,
      label: '领导干部',
      cadres: {},
      resolved: true,
    };
    if (
      propose(
        ctx,
        clause,
        base,
        0,
        t.length,
        sentenceSpan,
        who,
        {
          kind: 'quota',
          exclusive: /不(?:重复)?交叉|不得交叉|不共用/.test(t),
          ...(n ? { minDurationDays: held![2] === '年' ? Math.round(n * 365) : Math.round(n * 30) } : {}),
        },
        t,
        0.8,
        held ? [`${held[1]}${held[2]}按${held[2] === '年' ? 365 : 30}天计`] : [],
      )
    )
      made.push(1);
  }
  if (!made.length && looksLikeDuty(t, toks)) {
    ctx.unread.push({
      clause: label(ctx, clause),
      span: sentenceSpan,
      text: ctx.original.slice(sentenceSpan.start, sentenceSpan.end),
      reason: unreadReason(t, toks),
    });
  }
  halfYearly(ctx, base, t, sentenceSpan);
  return who;
}

/**
 * The object categories a visit's sentence puts first as its topic: before the period in the piece
 * ("一般家庭户每年走访两次"), or after 对 at the sentence's start ("对…高风险老年人，…每周走访不少于一次").
 * People of the ledger (a role or rank) are no topic.
 */
function visitedTopic(
  ctx: Ctx,
  t: string,
  segStart: number,
  periodTok: Token | undefined,
  who: WhoFound | null,
): string[] {
  const before =
    periodTok && periodTok.start > segStart
      ? t.slice(segStart, periodTok.start).replace(who?.label ?? '\u0000', '')
      : '';
  const lead = /^(?:对|针对)([^，。；]{2,40}?)[，,]/.exec(t)?.[1] ?? '';
  for (const phrase of [before, lead]) {
    if (!phrase || /联系|所联|帮扶对象|结对/.test(phrase)) continue;
    const cats = categoriesIn(ctx.vocab, phrase, false);
    if (!cats.length) continue;
    // What is left once the categories are taken out must be joiners and qualifiers, not a person.
    const rest = cats.reduce((x, c) => x.split(c).join(''), phrase);
    if (PERSON.test(rest) || ctx.vocab.roles.some((r) => rest.includes(r))) continue;
    return cats;
  }
  return [];
}

/** How long each counted contact lasts: 半天 a half-day, N天 days, N分钟 in hours. */
function durationOf(n: number, unit: string): MinDuration | null {
  if (!(n > 0)) return null;
  if (unit === '天') return n === 0.5 ? { value: 1, unit: 'halfDays' } : { value: n, unit: 'days' };
  if (unit === '分钟') return { value: Math.round((n / 60) * 100) / 100, unit: 'hours' };
  return { value: n, unit: 'hours' };
}

/** Holiday names as regulations write them ("七.一", 建党节), by the window the rule model knows them as. */
const HOLIDAY_NAMES: [RegExp, string][] = [
  [/^元旦$/, '元旦'],
  [/^春节$/, '春节'],
  [/^教师节$/, '教师节'],
  [/^(?:七[.．·・]?一|建党节)$/, '七一'],
  [/^(?:八[.．·・]?一|建军节)$/, '八一'],
  [/^春种$/, '春种'],
  [/^秋收$/, '秋收'],
  [/^中秋节?$/, '中秋'],
  [/^国庆节?$/, '国庆'],
];
const HOLIDAY = String.raw`元旦|春节|教师节|七[.．·・]?一|建党节|八[.．·・]?一|建军节|春种|秋收|中秋节?|国庆节?|重阳节?|端午节?|清明节?|劳动节|五[.．·・]?一|三[.．·・]?八|妇女节|六[.．·・]?一|儿童节|五[.．·・]?四|青年节|老人节|助残日|残疾人日`;
/** A run of holiday names closed by 期间/前后/之际/时点: "教师节、“七.一”、元旦与春节期间", "春种秋收、八一和春节等特殊时点". */
const WINDOW_RUN = new RegExp(
  String.raw`((?:[“"‘]?(?:${HOLIDAY})[”"’]?(?:、|，(?=[“"]?(?:${HOLIDAY}))|和|与|及|或|至|—|－|-|~|～)?){1,8})(?:等)?(?:重要|传统|重大|特殊)?(?:节日|节假日|节庆)?(?:期间|前后|之际|时点|时节|时期|前夕|来临之际|节日)`,
  'g',
);
const VISIT = /走访|慰问|看望|探望|送温暖|拜访|家访|上门/;
const HOLIDAY_RE = new RegExp(HOLIDAY);
const HOLIDAY_ALL = new RegExp(HOLIDAY, 'g');

/**
 * The holiday windows a sentence names, as the rule model's window names; 元旦 followed by 春节 is the one
 * window 元旦—春节 (the weeks from the new year to the spring festival). Names the model has no window for
 * are returned apart, for the sentence to be listed.
 */
export function holidayWindows(t: string): { windows: string[]; unknown: string[]; start: number; end: number } | null {
  // Most sentences name no holiday: the plain names are looked for before the run around them.
  const first = HOLIDAY_RE.exec(t);
  if (!first) return null;
  WINDOW_RUN.lastIndex = Math.max(0, first.index - 1);
  const m = WINDOW_RUN.exec(t);
  if (!m) return null;
  const names = [...m[1]!.matchAll(HOLIDAY_ALL)].map((x) => x[0]);
  const windows: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const key = HOLIDAY_NAMES.find(([r]) => r.test(names[i]!))?.[1];
    if (key === '元旦' && names[i + 1] === '春节') {
      windows.push('元旦—春节');
      i++;
      continue;
    }
    if (key && HOLIDAY_WINDOWS[windowKey(key)]) windows.push(windowKey(key));
    else unknown.push(names[i]!.replace(/[.．·・]/g, ''));
  }
  return { windows: [...new Set(windows)], unknown, start: m.index, end: m.index + m[0].length };
}

/**
 * Visits due within holiday windows: coverage of the objects the sentence (or the lead sentence before its
 * colon, or the pairing just read) names, once within each window; "至少有一位校领导" makes it a duty of
 * the group together. Without objects it is a visit within each window.
 */
function readWindowVisit(
  ctx: Ctx,
  clause: Clause,
  base: number,
  start: number,
  t: string,
  toks: Token[],
  previousWho: WhoFound | null,
): { who: WhoFound | null } | null {
  if (!VISIT.test(t)) return null;
  const w = holidayWindows(t);
  if (!w || /严禁|不得|禁止|不准|不许|杜绝/.test(t) || CONDITIONAL.test(t)) return null;
  const sentenceSpan = originalSpan(ctx.n, base, base + t.length);
  // "节日期间的慰问：…" before the list, or the list's lead sentence ending with a colon.
  const before = ctx.n.text.slice(clause.start, start);
  const lead = (/([^。；;\n]*)[：:]\s*$/.exec(before)?.[1] ?? '').replace(
    /^\s*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}(?:[、．]|\.(?!\d)))\s*/,
    '',
  );
  const prior = /([^。；;\n]*)[。；;]?\s*$/.exec(before.replace(/[。；;\s]+$/, ''))?.[1] ?? '';
  // The subject stands before the first comma ("县民政局…等单位，要…于每年元旦、春节期间…").
  const first = t.slice(0, w.start).split(/[，,]/)[0]!;
  // A body may carry the visits as well as a person (县民政局…等单位: units, each of them).
  const own = first ? (subjectWho(ctx, first, null) ?? bodyWho(ctx, first)) : null;
  const who = own ?? (lead ? (subjectWho(ctx, lead, previousWho) ?? previousWho) : previousWho);
  if (w.unknown.length || !w.windows.length) {
    ctx.unread.push({
      clause: label(ctx, clause),
      span: sentenceSpan,
      text: ctx.original.slice(sentenceSpan.start, sentenceSpan.end),
      reason: `节日时段“${w.unknown.join('、')}”没有预设的月份，请在要求中选定节日时段`,
    });
    return { who: own ?? previousWho };
  }
  // A count of visits within each window ("春节前走访慰问不少于2次") is a frequency of that window.
  const amount = toks.find((k) => k.kind === 'quantity' && k.n1 !== undefined && k.quantity === 'count');
  const together = re(`至少(?:要)?(?:有)?(?:一|1)\\s*(?:位|名|个)`).test(`${lead}${t}`);
  const acts = activitiesIn(ctx.vocab, t);
  const visits = acts.length ? acts : ctx.vocab.activityTypes.filter((a) => /走访|慰问|看望/.test(a));
  // The holidays' own words name nobody (教师节 is no 教师).
  const bare = t.slice(0, w.start) + '，'.repeat(w.end - w.start) + t.slice(w.end);
  let cats = categoriesIn(ctx.vocab, own ? bare.slice(first.length) : bare, false);
  let among: 'assignments' | 'ownUnit' | undefined;
  if (!cats.length && lead) cats = categoriesIn(ctx.vocab, lead, false);
  if (!cats.length) {
    // "元旦、春节期间，以送温暖为主": those the sentence before paired them with.
    const paired = [...ctx.proposals]
      .reverse()
      .find((p) => p.clause === label(ctx, clause) && p.rule.kind === 'quota' && p.rule.slots.length);
    if (paired && paired.rule.kind === 'quota') {
      cats = [...new Set(paired.rule.slots.flatMap((s) => s.categories))];
      among = 'assignments';
    }
  }
  if (!cats.length && /帮扶对象|结对对象|联系对象|对口/.test(t) && prior) {
    // "要深入帮扶对象家中进行走访慰问": the people the sentence before named for this help.
    cats = categoriesIn(ctx.vocab, prior, false);
    if (cats.length) among = who?.scope === 'unit' ? 'ownUnit' : 'assignments';
  }
  const counts = {
    ...(visits.length ? { activityTypes: visits } : {}),
    ...(cats.length || among
      ? { objects: { ...(cats.length ? { categories: cats } : {}), ...(among ? { among } : {}) } }
      : {}),
  };
  const notes = [`节日时段按月计：${w.windows.map((x) => windowKey(x)).join('、')}`];
  if (together) notes.push('至少有一位即可：按集体完成计');
  const body =
    amount || !cats.length
      ? {
          kind: 'frequency',
          period: 'window',
          windows: w.windows,
          min: amount?.n1 ?? 1,
          collective: together,
          counts,
        }
      : {
          kind: 'coverage',
          period: 'window',
          windows: w.windows,
          collective: together,
          counts,
        };
  if (!amount && !cats.length) notes.push('条文未写走访对象：每个节日时段至少1次');
  const ok = propose(ctx, clause, base, 0, t.length, sentenceSpan, who, body, t, who ? 0.8 : 0.6, notes);
  return ok ? { who: own ?? previousWho } : null;
}

/** "一助一", "一帮一", "结对帮扶": each of the people is paired with one (or some) of a set of objects. */
function readPairing(ctx: Ctx, clause: Clause, base: number, t: string, previousWho: WhoFound | null): boolean {
  const one = /[“"]?(?:一助一|一帮一|一对一|一带一)[”"]?/.test(t);
  const with_ = /与([^，。；与]{1,16}?)(?:结成|结为|建立|结)[^，。；]{0,4}(?:对子|结对|对口|帮扶关系|联系)/.exec(t);
  const pair = with_ ?? /结对(?:帮扶|联系)([^，。；]{1,12})/.exec(t);
  if (!pair || (!one && !with_)) return false;
  const who = subjectWho(ctx, t, previousWho);
  if (!who || who.scope !== 'cadre') return false;
  const phrase = pair[1]!.replace(/^(?:各|全县|全镇|本单位)?/, '');
  const cats = categoriesIn(ctx.vocab, phrase, true);
  if (!cats.length) return false;
  const sentenceSpan = originalSpan(ctx.n, base, base + t.length);
  return propose(
    ctx,
    clause,
    base,
    0,
    t.length,
    sentenceSpan,
    who,
    { kind: 'quota', slots: [{ name: phrase, categories: cats, min: 1, ...(one ? { max: 1 } : {}) }] },
    t,
    0.8,
    one ? ['“一助一”：每人结对1个'] : ['条文未写结对个数：每人至少1个'],
  );
}

/**
 * "每年走访不少于2次（上半年、下半年至少各一次）": the bracket is a second threshold of the yearly count — once in
 * each half-year — not a coverage of its own.
 */
function halfYearly(ctx: Ctx, base: number, t: string, sentence: Span): void {
  const m = re(`[（(]?上半年[、和]?下半年(?:都)?(?:至少|不少于)?各\\s*(${NUMBER})\\s*次[）)]?`).exec(t);
  if (!m) return;
  const n = parseNumber(m[1]!);
  const at = originalSpan(ctx.n, base + m.index, base + m.index + m[0].length);
  const mine = ctx.proposals.filter((p) => p.sentence.start === sentence.start);
  const yearly = mine.find(
    (p) => p.rule.kind === 'frequency' && p.span.start < at.start && p.rule.period === 'calendarYear',
  );
  if (!n || !yearly || yearly.rule.kind !== 'frequency') return;
  const parsed = ruleSchema.safeParse({
    ...yearly.rule,
    also: [...(yearly.rule.also ?? []), { period: 'halfYear', min: n }],
  });
  if (!parsed.success) return;
  yearly.rule = parsed.data;
  yearly.notes.push(`同时每半年不少于${n}次`);
  for (const p of mine)
    if (p !== yearly && p.span.start >= at.start - 1 && p.span.end <= at.end + 1)
      ctx.proposals.splice(ctx.proposals.indexOf(p), 1);
}

function segPeriod0(seg: Segment): boolean {
  return seg.toks.some((x) => x.kind === 'period');
}

function looksLikeDuty(t: string, toks: Token[]): boolean {
  if (CONDITIONAL.test(t)) return false;
  const hasPeriodOrAmount = toks.some(
    (k) => k.kind === 'period' || (k.kind === 'quantity' && k.quantity !== 'items') || k.kind === 'date',
  );
  return hasPeriodOrAmount && MODAL.test(t);
}

function unreadReason(t: string, toks: Token[]): string {
  if (toks.some((k) => k.period === 'twoWeeks')) return '“每两周”的周期，现有要求类型还不能表达';
  if (!toks.some((k) => k.kind === 'quantity')) return '有周期但没有次数或数量';
  return '未能确定适用对象或计量方式';
}

/** The words before the first number or period of a segment, cut at the first verb: the segment's subject. */
function subjectOf(text: string, upTo: number): string {
  // "通过广播、电视或公示栏等方式，至少提前两天公示": the means come first; they are nobody.
  const means = /^(?:通过|采取|利用|运用)[^，。；]*?(?:方式|形式|渠道|途径|手段)[，,]?/.exec(text);
  if (means) return means[0].length >= upTo ? '' : subjectOf(text.slice(means[0].length), upTo - means[0].length);
  const lead = /^(?:每个|每名|每位|每一名|每一位|每一个|由)/.exec(text)?.[0] ?? '';
  let s = text.slice(lead.length, Math.max(upTo, lead.length));
  if (lead && upTo <= lead.length) {
    const rest = text.slice(lead.length);
    const stop = /每|全年|至少|不少于|\d/.exec(rest);
    s = rest.slice(0, stop ? stop.index : rest.length);
  }
  const cut =
    /(?:根据|按照|结合|(?<![主重需])要|需(?!求)|应|须|必须|坚持|在|于|对|把|将|到|与|给|为|深入|参加|每|下基层|有责任|轮流|定期|经常|带头|分别|采取|建立|负责(?!人|同志)|实行|落实|认真|及时|(?<!特别)是|原则上|可|统一|围绕|从|接待|接访|至少|不少于|安排|选择|选定|挑选|通过|采用|利用)/.exec(
      s,
    );
  if (cut) s = s.slice(0, cut.index);
  // "各乡镇、县直机关各单位领导接待日定为每月10日": each unit's reception day, the units' duty.
  if (/各|单位|部门/.test(s) && s.endsWith('领导') && text.startsWith('接待日', lead.length + s.length))
    s = s.slice(0, -2);
  s = s
    // "镇（街道）每天都要安排…": a bracket closing the subject names another body of the same duty.
    .replace(/^([^（]{1,6})（([^）或含包]{1,4})）$/, '$1、$2')
    .replace(/（[^）]*）|\([^)]*\)/g, '')
    .replace(/[“”"]/g, '')
    .trim();
  if (!s || s.length > 40 || (s.length < 2 && !/^[镇乡村]$/.test(s))) return '';
  return s;
}

/** "接待时间为每周三，每位局领导轮流安排接待": the subject of a later piece of the same sentence. */
function laterWho(ctx: Ctx, segs: Segment[], from: number, previous: WhoFound | null): WhoFound | null {
  for (const seg of segs.slice(from + 1)) {
    const first = seg.toks[0];
    const subject = subjectOf(seg.text, first ? first.start - seg.start : seg.text.length);
    if (subject && PERSON.test(subject)) return resolveWho(subject, ctx.vocab, previous, ctx.n.text);
  }
  return null;
}

/** People the sentence names anywhere, by a role or rank of the vocabulary. */
function namedIn(ctx: Ctx, t: string): WhoFound | null {
  const roles = ctx.vocab.roles.filter((r) => t.includes(r));
  if (roles.length) return resolveWho(roles.join('、'), ctx.vocab, null, ctx.n.text);
  // "将全处班子成员分成12个组，坚持每月…": the people the sentence is about, wherever they stand.
  const phrase =
    /(?:^|[将把由让使组织，、])((?:全[^，。；、将把]{0,4})?[^，。；、将把由]{0,8}(?:班子成员|领导干部|党员干部|领导班子))/.exec(
      t,
    );
  if (phrase) return resolveWho(phrase[1]!, ctx.vocab, null, ctx.n.text);
  return null;
}

/** "对…调查评价工作，每年进行1次": a piece of work of the institution itself. */
function taskBody(t: string): WhoFound | null {
  if (/工作[，,]?\s*每|活动[，,]?\s*每/.test(t) && /进行|开展|召开|组织/.test(t))
    return { scope: 'institution', label: '本单位', cadres: {}, resolved: true };
  return null;
}

function subjectWho(ctx: Ctx, t: string, previous: WhoFound | null): WhoFound | null {
  const s = subjectOf(t, t.length);
  if (s && PERSON.test(s)) return resolveWho(s, ctx.vocab, previous, ctx.n.text);
  return null;
}

/** A body or units named as the subject (县民政局、总工会及各镇（街道）等单位, 村党支部). */
function bodyWho(ctx: Ctx, t: string): WhoFound | null {
  const s = subjectOf(t, t.length);
  if (!s || !SUBJECT.test(s)) return null;
  const w = resolveWho(s, ctx.vocab, null, ctx.n.text);
  return w.scope !== 'cadre' && w.resolved ? w : null;
}

/**
 * "校领导每人联系1名…，处级领导干部每人联系1～2名…，每年走访老同志1次以上": a duty without a subject of its
 * own after quotas of several people is all of theirs — when they are named alike (ranks, or roles).
 */
function pairedWho(whos: WhoFound[]): WhoFound | null {
  const distinct = whos.filter((w, i) => whos.findIndex((o) => JSON.stringify(o) === JSON.stringify(w)) === i);
  if (distinct.length < 2 || distinct.some((w) => w.scope !== 'cadre' || !w.resolved)) return null;
  const keys = (w: WhoFound) => Object.keys(w.cadres).sort().join();
  const k = keys(distinct[0]!);
  if (!distinct.every((w) => keys(w) === k) || (k !== 'levels' && k !== 'roles')) return null;
  const field = k as 'levels' | 'roles';
  return {
    scope: 'cadre',
    label: distinct.map((w) => w.label).join('、'),
    cadres: { [field]: [...new Set(distinct.flatMap((w) => w.cadres[field] ?? []))] },
    resolved: true,
  };
}

function mergePatterns(dates: Token[]): DatePattern | undefined {
  if (!dates.length) return undefined;
  const p: DatePattern = {};
  for (const d of dates) Object.assign(p, d.pattern);
  return p;
}

type QuotaSlot = { name: string; categories: string[]; min: number; max?: number };

/** Slots of a quota: "1个学生班级或1个学生社团，1个学生宿舍、1个困难学生", "一位老同志（或民主党派负责人）". */
function quotaSlots(ctx: Ctx, text: string, items: Token[], segStart: number): QuotaSlot[] {
  const slots: QuotaSlot[] = [];
  for (let k = 0; k < items.length; k++) {
    const a = items[k]!;
    // "每名干部在17个村的农户居民中都有自己的联系户": 在 N个 places says where, not how many to take on.
    if (/在\s*$/.test(text.slice(0, a.start - segStart))) continue;
    const from = a.end - segStart;
    const next = items[k + 1];
    const to = next ? next.start - segStart : text.length;
    const tail = text.slice(from, to);
    // What follows the number up to the next separator names the object (or its alternatives).
    // Up to the next separator or 或 — but "（或民主党派负责人）" in brackets stays with its noun.
    const phrase = /^(?:（[^）]*）|\([^)]*\)|[^、，；。或（(])*/.exec(tail)![0];
    // "…作为联系点": what follows 作为 is the role the objects take, not an object (联系点 holds a 系).
    let cats = categoriesIn(ctx.vocab, phrase.replace(/作为.*$/, ''), true);
    // "学生班级": a compound names its head, the last word (班级), unless 或/、/和 join them.
    if (cats.length > 1 && !/[或、和及]/.test(phrase.replace(/（.*?）/g, ''))) cats = cats.slice(-1);
    // "1～2个系（教研室）、学生班级作为联系点": the last counted object followed by others without a count of
    // their own — they are alternatives within the same count.
    if (!next && cats.length) {
      let rest = tail.slice(phrase.length);
      for (let m = /^[、或和及]((?:（[^）]*）|[^、，；。或和及（(])+)/.exec(rest); m;) {
        const word = m[1]!.replace(/作为.*$|等.*$/, '');
        if (re(`^${NUMBER}`).test(word)) break;
        const more = categoriesIn(ctx.vocab, word, true).filter((c) => !cats.includes(c));
        if (!more.length) break;
        cats = [...cats, ...more.slice(-1)];
        rest = rest.slice(m[0].length);
        m = /^[、或和及]((?:（[^）]*）|[^、，；。或和及（(])+)/.exec(rest);
      }
    }
    const joined = next && /^[^、，；。]*或\s*$/.test(tail);
    const min = a.n1!;
    const max =
      a.n2 ??
      (a.qual === 'min' || a.post === '以上' || /至少/.test(text.slice(0, a.start - segStart)) ? undefined : min);
    // "至少建立一个联系点": contact points of any kind the regulation lists (or the vocabulary has).
    const anyPoint = !cats.length && /^(?:相应的)?(?:联系点|联系对象|联系单位)/.test(phrase);
    if (anyPoint && ctx.vocab.objectCategories.length) {
      const named = ctx.vocab.objectCategories.map((c) => c.name).filter((c) => ctx.n.text.includes(c));
      cats = named.length ? named : ctx.vocab.objectCategories.map((c) => c.name);
    }
    // Without object categories in the vocabulary, the phrase itself names the slot.
    const words = cats.length
      ? cats
      : ctx.vocab.objectCategories.length
        ? []
        : [
            phrase
              .replace(/[（(].*$/, '')
              .replace(/作为.*$/, '')
              .replace(/等$/, '')
              .slice(0, 12),
          ].filter(Boolean);
    if (!words.length) continue;
    const prevSlot = slots[slots.length - 1];
    if (prevSlot && (prevSlot as QuotaSlot & { open?: boolean }).open) {
      prevSlot.categories.push(...words.filter((w) => !prevSlot.categories.includes(w)));
      prevSlot.name = prevSlot.categories.join('或');
      (prevSlot as QuotaSlot & { open?: boolean }).open = joined;
      continue;
    }
    const slot: QuotaSlot & { open?: boolean } = {
      name: anyPoint ? '联系点' : words.join('或'),
      categories: words,
      min,
      max,
    };
    slot.open = joined;
    slots.push(slot);
  }
  return slots.map(({ name, categories, min, max }) => ({
    name,
    categories,
    min,
    ...(max !== undefined ? { max } : {}),
  }));
}

/** The vocabulary's object categories named in a phrase, longest first, without overlap. */
function categoriesIn(vocab: ExtractVocabulary, phrase: string, fuzzy: boolean): string[] {
  const found: { name: string; at: number; len: number }[] = [];
  // Longest first by the words outside brackets: 村民小组 before 村（社区）, whose short form 村 is inside it.
  const core = (n: string) => n.replace(/（.*?）|\(.*?\)/g, '').length || n.length;
  const names = vocab.objectCategories.map((c) => c.name).sort((a, b) => core(b) - core(a) || b.length - a.length);
  for (const name of names) {
    const forms = [name, name.replace(/（.*?）|\(.*?\)/g, '')];
    for (const f of forms) {
      if (!f) continue;
      // A one-character form (系 of 系（教研室）) is not the one inside 联系, 关系, 体系 or 系统.
      const inWord = (i: number) =>
        f.length === 1 && /联系|关系|体系|系统/.test(phrase.slice(Math.max(0, i - 1), i + 2));
      let at = phrase.indexOf(f);
      while (at >= 0 && inWord(at)) at = phrase.indexOf(f, at + 1);
      if (at >= 0 && !found.some((x) => at < x.at + x.len && at + f.length > x.at)) {
        found.push({ name, at, len: f.length });
        break;
      }
    }
  }
  if (!found.length && fuzzy) {
    // "一户建档立卡贫困户" names 建档立卡贫困户; "1个学生宿舍" names 宿舍: a category inside the phrase's noun.
    for (const name of names) {
      const core = name.replace(/（.*?）|\(.*?\)/g, '');
      if (core.length >= 1 && phrase.replace(/（.*?）/g, '').endsWith(core)) return [name];
    }
    // "10-20名群众": the category whose name ends with the phrase's first word (普通群众).
    for (let len = 4; len >= 2; len--) {
      const head = phrase.slice(0, len);
      const hit = names.find((n) => n.endsWith(head));
      if (hit) return [hit];
    }
  }
  // Parenthesised alternatives: "一位老同志（或民主党派负责人）".
  return found.sort((a, b) => a.at - b.at).map((x) => x.name);
}

/** Activity types named in a piece of text: the vocabulary's own word, or a synonym that maps onto it. */
function activitiesIn(vocab: ExtractVocabulary, text: string): string[] {
  const out: string[] = [];
  const names = [...vocab.activityTypes].sort((a, b) => b.length - a.length);
  // "进1次宿舍" is 进宿舍, "联系班级的活动" is 班级活动: the amount and 的 are read past.
  const bare = text.replace(re(`${NUMBER}\\s*(?:次|个|堂|场)`, 'g'), '').replace(/的/g, '');
  for (const name of names) {
    if ((text.includes(name) || bare.includes(name)) && !out.some((o) => o.includes(name))) out.push(name);
  }
  for (const syn of ACTIVITY_SYNONYMS) {
    if (!syn.forms.test(text)) continue;
    const exact = vocab.activityTypes.find((a) => a === syn.concept);
    const near =
      exact ??
      vocab.activityTypes.find(
        (a) => syn.concept.includes(a) || (a.includes(syn.concept) && a.length <= syn.concept.length + 2),
      );
    const word = near ?? (vocab.activityTypes.length ? undefined : syn.concept);
    if (word && !out.includes(word) && !out.some((o) => o.includes(word))) out.push(word);
  }
  return out;
}

function label(ctx: Ctx, clause: Clause): string {
  const l = clause.label || '序言';
  return ctx.prefix ? `${ctx.prefix} ${l}` : l;
}

function nextId(ctx: Ctx, clause: Clause): string {
  const key = clause.label || '序言';
  const k = (ctx.counter.get(key) ?? 0) + 1;
  ctx.counter.set(key, k);
  const suffix = k === 1 ? '' : String.fromCharCode(96 + k);
  return `${ctx.prefix ? `${ctx.prefix}-` : ''}${key}${suffix}`;
}

function whoJson(w: WhoFound | null): Record<string, unknown> {
  if (!w) return { scope: 'cadre', cadres: {} };
  if (w.scope === 'institution') return { scope: 'institution', cadres: {} };
  if (w.scope === 'unit') return { scope: 'unit', cadres: {}, unitCategories: w.unitCategories, label: w.label };
  return { scope: 'cadre', label: w.label, cadres: w.cadres };
}

function periodKind(ctx: Ctx, p: PeriodWord | undefined): string | null {
  if (!p) return null;
  if (p === 'calendarYear' && ctx.academicYear) return 'academicYear';
  if (p === 'day' || p === 'twoWeeks') return null;
  return p;
}

function propose(
  ctx: Ctx,
  clause: Clause,
  base: number,
  s: number,
  e: number,
  sentence: Span,
  who: WhoFound | null,
  body: Record<string, unknown>,
  t: string,
  confidence = 0.9,
  notes: string[] = [],
): boolean {
  const text = t.slice(s, e).replace(/^[，,、\s]+/, '');
  const trim = t.slice(s, e).length - text.length;
  const counts = body.counts as { objects?: { among?: string } } | undefined;
  if (who?.scope === 'unit' && who.resolved && counts?.objects?.among === 'assignments') {
    // "机关科室…深入所联系的科室": contact points are kept under the cadres of a unit, so a unit's duty toward
    // its own contact points is the duty of its cadres.
    who = { scope: 'cadre', label: who.label, cadres: { unitCategories: who.unitCategories }, resolved: true };
    notes = [...notes, '联系点登记在干部名下：按该类单位的干部计'];
  }
  if (
    who &&
    who.scope !== 'cadre' &&
    body.kind === 'frequency' &&
    body.quantity === 'count' &&
    typeof body.min === 'number' &&
    body.max === undefined &&
    /(?:形成|完成|撰写|提交|报送|上报|报)[^，。；]{0,8}(?:报告|总结|方案|材料|文章)/.test(t.slice(s, e))
  ) {
    // "机关科室每年至少要形成一份调研报告": a report a unit hands in is a piece of work, not visits to count.
    const acts = (body.counts as { activityTypes?: string[] }).activityTypes ?? [];
    body = { kind: 'task', activityTypes: acts, period: body.period, min: body.min };
  }
  const span = originalSpan(ctx.n, base + s + trim, base + e);
  let c = confidence;
  const n = [...notes];
  if (who && !who.resolved) {
    c -= 0.3;
    n.push(`“${who.label}”不在级别、角色词汇中，请选定适用对象`);
  }
  if (!who) {
    c -= 0.3;
    n.push('未找到适用对象');
  }
  if (who?.note) n.push(who.note);
  const candidate = {
    id: nextId(ctx, clause),
    title: title(text),
    clause: label(ctx, clause),
    who: whoJson(who),
    ...body,
    ...(who?.department ? { department: who.department } : {}),
  };
  const parsed = ruleSchema.safeParse(candidate);
  if (!parsed.success) {
    ctx.unread.push({
      clause: label(ctx, clause),
      span,
      text: ctx.original.slice(span.start, span.end),
      reason: '读出的要求不完整：' + parsed.error.issues.map((i) => i.message).join('；'),
    });
    return false;
  }
  c = Math.max(0, Math.min(1, Math.round(c * 100) / 100));
  // One sentence saying the same duty twice ("接待日每两周一次，时间为双周一…") gives one rule.
  const sameBody = (r: Rule) => JSON.stringify({ ...r, id: '', title: '' });
  if (ctx.proposals.some((p) => p.sentence.start === sentence.start && sameBody(p.rule) === sameBody(parsed.data)))
    return true;
  ctx.proposals.push({
    rule: parsed.data,
    clause: label(ctx, clause),
    span,
    text: ctx.original.slice(span.start, span.end),
    sentence,
    confidence: c,
    sure: c >= SURE,
    notes: n,
  });
  if (who?.also) propose(ctx, clause, base, s, e, sentence, who.also, body, t, confidence, notes);
  return true;
}

function title(text: string): string {
  const s = text
    .replace(/[，。；：、]+$/, '')
    .replace(/\s+/g, '')
    .replace(/^(?:同时|并且|并|且|另外|此外|请)/, '');
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function proposeDeadline(
  ctx: Ctx,
  clause: Clause,
  base: number,
  s: number,
  e: number,
  sentence: Span,
  who: WhoFound | null,
  tok: Token,
  t: string,
): void {
  // The 督办 kinds the clock starts from are the ledger's (来信, 来访, 座谈, 接待日 …, see follow-up.ts):
  // the sentence's own word first, then its heading's.
  const topicText = `${t} ${clause.heading} ${clause.context.join(' ')}`;
  const events = /约访/.test(topicText)
    ? ['约访']
    : /接待日/.test(topicText)
      ? ['接待日']
      : /座谈/.test(topicText)
        ? ['座谈']
        : /信访|来信|来访/.test(topicText)
          ? ['来信', '来访']
          : /意见箱|电子信箱|举报电话/.test(topicText)
            ? (['意见箱', '电子信箱', '举报电话'] as string[]).filter((w) => topicText.includes(w))
            : ['群众反映问题'];
  const event = events.join('、');
  const inst: WhoFound =
    who && who.scope === 'institution'
      ? who
      : { scope: 'institution', label: who?.label ?? '', cadres: {}, resolved: true, department: who?.label };
  propose(
    ctx,
    clause,
    base,
    s,
    e,
    sentence,
    inst,
    {
      kind: 'deadline',
      events,
      within: tok.within,
      dayKind: tok.dayKind,
      ...(inst.department ? { department: inst.department } : {}),
    },
    t,
    0.85,
    [`期限从“${event}”事项登记之日起算`],
  );
}

/** "牵头完成两个以上重点调研课题": 个 of a piece of work is a count of that work. */
function workItem(t: string, a: Token): boolean {
  return a.unit === '个' && WORK_ITEM.test(t.slice(a.end));
}

function proposeAmount(
  ctx: Ctx,
  clause: Clause,
  base: number,
  s: number,
  e: number,
  sentence: Span,
  who: WhoFound | null,
  periodTok: Token | undefined,
  group: Token[],
  pattern: DatePattern | undefined,
  due: Token | undefined,
  t: string,
  segStart: number,
): void {
  const a = group[0]!;
  const notes: string[] = [];
  let conf = 0.9;
  const piece = t.slice(segStart, e);
  const local = t.slice(s, e);
  // The second of "1次A、1次B" reads its own words only; the first reads from its segment's start.
  const acts = activitiesIn(ctx.vocab, s > segStart ? local : local.length > 3 ? piece : t);
  if (!acts.length) {
    // The sentence (or its heading) names the activity only when it names one.
    const wider = activitiesIn(ctx.vocab, `${t} ${clause.heading}`);
    if (wider.length === 1) acts.push(wider[0]!);
    else {
      conf -= 0.15;
      notes.push('未识别活动类型，任何记录都计入');
    }
  }
  let period = periodKind(ctx, periodTok?.period ?? (pattern ? PERIOD_FOR_PATTERN(pattern) : undefined));
  // "至少每两周深入…一次": no more than 14 days between two contacts (an interval, per contact point when
  // the sentence names the cadre's own).
  if (!period && periodTok?.period === 'twoWeeks' && a.n1 === 1 && a.quantity === 'count') {
    const own = /所联系|联系点|联系的/.test(piece);
    propose(
      ctx,
      clause,
      base,
      s,
      e,
      sentence,
      who,
      {
        kind: 'interval',
        maxGap: 14,
        dayKind: 'calendarDays',
        per: own ? 'object' : 'kind',
        counts: {
          ...(acts.length ? { activityTypes: acts } : {}),
          ...(own ? { objects: { among: 'assignments' } } : {}),
        },
      },
      t,
      conf - 0.15,
      [...notes, '“每两周一次”按相邻两次间隔不超过14天计'],
    );
    return;
  }
  // "每天对责任网格巡查一次": a contact on each day — the days with one, each month, as many as its working days.
  if (
    !period &&
    periodTok?.period === 'day' &&
    a.quantity === 'count' &&
    a.n1 === 1 &&
    who?.scope === 'cadre' &&
    !/工作日/.test(t.slice(periodTok.start, periodTok.end))
  ) {
    propose(
      ctx,
      clause,
      base,
      s,
      e,
      sentence,
      who,
      {
        kind: 'frequency',
        period: 'month',
        quantity: 'days',
        minShareOfWorkdays: 1,
        counts: acts.length ? { activityTypes: acts } : {},
      },
      t,
      conf - 0.15,
      [...notes, '“每天一次”按每月有记录的天数不少于当月工作日数计'],
    );
    return;
  }
  if (!period && periodTok?.period) {
    ctx.unread.push({
      clause: label(ctx, clause),
      span: originalSpan(ctx.n, base + s, base + e),
      text: ctx.original.slice(
        originalSpan(ctx.n, base + s, base + e).start,
        originalSpan(ctx.n, base + s, base + e).end,
      ),
      reason:
        periodTok.period === 'twoWeeks' ? '“每两周”的周期，现有要求类型还不能表达' : '这一周期现有要求类型还不能表达',
    });
    return;
  }
  if (!period) {
    if (!MODAL.test(piece) || !who) return;
    if (a.fraction !== undefined && /时间/.test(piece)) period = 'month';
    else period = ctx.academicYear ? 'academicYear' : 'calendarYear';
    conf -= 0.3;
    notes.push('条文未写周期，按每年计');
  }
  // What follows the subject: from the period (or the amount) on.
  const from = periodTok && periodTok.start >= segStart && periodTok.start < a.start ? periodTok.start : segStart;
  const objectPart = from > segStart ? t.slice(from, e) : who ? piece.replace(who.label, '') : piece;
  const cats = categoriesIn(ctx.vocab, objectPart, false);
  const quotaWords = ctx.sentenceQuota.flatMap((q) => q.categories);
  const quotaRef = quotaWords.some((w) => objectPart.includes(w) || (w.length > 3 && objectPart.includes(w.slice(-3))));
  // "所联系的", "走访联系的": each of the cadre's own contact points; "联系班级的活动" only says which activity.
  // "与联系的党外代表人士交流谈心1次以上" is each of them; "与联系的党外人士或民主党派负责人谈话一次" is one talk.
  const strongAmong = /所联|联系点|(?:走访|看望|深入|到)联系|与(?:其)?联系的(?![^，。；]*或)/.test(piece);
  const among =
    strongAmong || quotaRef || /联系的|对接的|结对的/.test(piece)
      ? 'assignments'
      : /所属|本单位|本镇|本部门|所在/.test(piece)
        ? 'ownUnit'
        : undefined;

  // "一半以上的时间精力放在一线": days at the front line as a share of the working days.
  if (a.fraction !== undefined && /时间/.test(piece)) {
    propose(
      ctx,
      clause,
      base,
      s,
      e,
      sentence,
      who,
      {
        kind: 'frequency',
        period: periodTok ? period : 'month',
        quantity: 'days',
        minShareOfWorkdays: a.fraction,
        counts: acts.length ? { activityTypes: acts } : {},
      },
      t,
      conf - 0.1,
      [...notes, '按每月一线天数占工作日的比例计'],
    );
    return;
  }
  // Fractions: "走访社区居民不少于1/3" — a share of a set to reach.
  if (a.fraction !== undefined) {
    propose(
      ctx,
      clause,
      base,
      s,
      e,
      sentence,
      who,
      {
        kind: 'coverage',
        period,
        fraction: a.fraction,
        counts: {
          ...(acts.length ? { activityTypes: acts } : {}),
          objects: { ...(cats.length ? { categories: cats } : {}), ...(among ? { among } : {}) },
        },
      },
      t,
      conf,
      notes,
    );
    return;
  }
  const n1 = a.n1!;
  const min = a.qual === 'max' ? undefined : n1;
  const max = a.n2 ?? (a.qual === 'max' ? n1 : undefined);
  const activityTypes = [
    ...new Set([
      ...acts,
      ...group.slice(1).flatMap((g) => activitiesIn(ctx.vocab, t.slice(g.start, Math.min(g.end + 12, e)))),
    ]),
  ];
  const counts: Record<string, unknown> = {};
  if (activityTypes.length) counts.activityTypes = activityTypes;
  if (pattern && (pattern.daysOfMonth || pattern.weekdays || pattern.nthWeekday || pattern.months))
    counts.pattern = { ...pattern };
  const monthWindow = /每年(\d{1,2}|[一二三四五六七八九十]+)月份?/.exec(piece) ?? /安排在每年(\d{1,2})月份/.exec(t);
  if (monthWindow && a.quantity === 'days')
    counts.pattern = { ...(counts.pattern as object), months: [parseNumber(monthWindow[1]!) ?? 1] };

  // Coverage: each object of a set — "走遍所有村", "到各学院…至少一次", "深入联系学院1次以上", "与每名党员".
  const everyObject =
    /跑遍|走遍|覆盖|每个|每名|每位(?!校领导|领导)|逐一|所有|全部|各(?:学院|村|单位|社区|支部)|与所属/.test(objectPart);
  const visit = /走访|深入|到|看望|谈心/.test(objectPart);
  // "一般家庭户每年走访两次", "对…高风险老年人，…平时每周走访不少于一次": the people visited stand first, as
  // the topic, and the count is of visits to each of them.
  const topic = visitedTopic(ctx, t, segStart, periodTok, who);
  if (topic.length && a.quantity === 'count' && Number.isInteger(n1) && n1 >= 1 && VISIT.test(piece)) {
    propose(
      ctx,
      clause,
      base,
      s,
      e,
      sentence,
      who,
      {
        kind: 'coverage',
        period,
        perObject: n1,
        counts: { ...counts, objects: { categories: topic, ...(among ? { among } : {}) } },
      },
      t,
      conf - 0.05,
      [...notes, `按每个${topic.join('、')}分别计`],
    );
    return;
  }
  const coverage =
    (everyObject && (cats.length > 0 || /村|社区|学院|党员|支部/.test(objectPart))) ||
    (n1 === 1 && a.quantity === 'count' && (strongAmong || (quotaRef && visit)));
  if (coverage && a.quantity === 'count') {
    const objects: Record<string, unknown> = {};
    // "每年深入联系点1次以上" after "每人明确1～2个系（教研室）、学生班级作为联系点": the quota's objects.
    const covCats = cats.length
      ? cats
      : (strongAmong || quotaRef) && quotaWords.length
        ? [...new Set(quotaWords)]
        : categoriesIn(ctx.vocab, t, false).slice(0, 1);
    if (covCats.length) objects.categories = covCats;
    if (among) objects.among = among;
    propose(
      ctx,
      clause,
      base,
      s,
      e,
      sentence,
      who,
      {
        kind: 'coverage',
        period,
        perObject: Math.max(1, Math.round(n1)),
        counts: { ...counts, objects },
      },
      t,
      conf - (covCats.length ? 0 : 0.2),
      notes,
    );
    return;
  }
  if (/跑遍|走遍/.test(piece) && !a) return;

  // "主要领导或者分管领导干部每年至少向离退休老同志通报1次本单位工作": reporting the unit's work, by
  // leaders the text does not pin down, is the institution's task.
  if (
    who?.scope === 'cadre' &&
    !who.resolved &&
    /向[^，。；]{1,12}通报[^，。；]{0,12}(?:本单位|学校|单位)?工作|通报[^，。；]{0,6}(?:本单位|学校)工作/.test(piece)
  ) {
    who = { scope: 'institution', label: '本单位', cadres: {}, resolved: true };
    notes.push('由单位统一通报，按单位的任务计');
  }
  const isInstitution = who?.scope === 'institution';
  if (isInstitution && a.quantity === 'count' && Number.isInteger(n1) && n1 >= 1) {
    propose(
      ctx,
      clause,
      base,
      s,
      e,
      sentence,
      who,
      {
        kind: 'task',
        period,
        min: n1,
        activityTypes: activityTypes,
        ...(due?.due ? { due: due.due } : {}),
      },
      t,
      conf,
      notes,
    );
    return;
  }

  let quantity: string = 'count';
  let objectsOfOne = false;
  let lo = min;
  let hi = max;
  let consecutiveWorkdays: boolean | undefined;
  const scale = (v: number | undefined, k: number) => (v === undefined ? undefined : v * k);
  switch (a.quantity) {
    case 'hours':
      quantity = 'hours';
      break;
    case 'days':
      quantity = /连续/.test(piece) ? 'consecutiveDays' : 'days';
      break;
    case 'months':
      quantity = 'days';
      lo = scale(lo, 30);
      hi = scale(hi, 30);
      notes.push('1个月按30天计');
      break;
    case 'weeks':
      // "集中安排一周时间": five working days in a row.
      quantity = /集中|连续/.test(piece) ? 'consecutiveDays' : 'days';
      lo = scale(lo, 5);
      hi = scale(hi, 5);
      consecutiveWorkdays = quantity === 'consecutiveDays' ? true : undefined;
      notes.push('一周按5个工作日计');
      break;
    case 'items':
      quantity = a.unit === '份' || a.unit === '件' || a.unit === '项' || workItem(t, a) ? 'count' : 'distinctObjects';
      // "每年帮扶一户优抚对象困难户": one of them is one record with one of them — a count, of those objects.
      if (quantity === 'distinctObjects' && lo === 1 && hi === undefined) {
        quantity = 'count';
        const one = categoriesIn(ctx.vocab, t.slice(a.end, e).split(/[，。；、]/)[0]!, true);
        if (one.length) cats.splice(0, cats.length, ...one);
        objectsOfOne = one.length > 0;
      }
      break;
    default:
      quantity = 'count';
  }
  if (counts.pattern && (counts.pattern as DatePattern).daysOfMonth && !a.n1) {
    lo = (counts.pattern as DatePattern).daysOfMonth!.length;
  }
  const objects: Record<string, unknown> = {};
  if (cats.length && (a.quantity !== 'items' || objectsOfOne)) objects.categories = cats;
  if (among && !(among === 'assignments' && !/所联|联系的/.test(piece) && !cats.length))
    objects.among = among === 'assignments' && /分管或联系|分管和联系/.test(piece) ? 'assignmentsOrOwnUnit' : among;
  if (Object.keys(objects).length) counts.objects = objects;
  if (a.quantity === 'count' && a.unit === '篇') conf -= 0;
  if (/原则上/.test(piece)) notes.push('条文写“原则上”');
  propose(
    ctx,
    clause,
    base,
    s,
    e,
    sentence,
    who,
    {
      kind: 'frequency',
      period,
      quantity,
      ...(consecutiveWorkdays ? { consecutiveWorkdays } : {}),
      ...(lo !== undefined ? { min: lo } : {}),
      ...(hi !== undefined ? { max: hi } : {}),
      counts,
      ...(who?.scope === 'unit' ? {} : {}),
    },
    t,
    conf,
    notes,
  );
}

/** A duty on fixed days: a reception rota (每周三轮流接待) or visits on set days (逢十必进, 每周五进村). */
/**
 * "每周一安排两名镇领导…接待", "党委每个工作日安排一名领导接待": the people put on each duty and how many —
 * whoever arranges it.
 */
function dutyCrew(ctx: Ctx, piece: string): { n: number; who: WhoFound | null } | null {
  const m = re(`安排\\s*(${NUMBER})\\s*[名位个]([^，。；在到于对]{0,12}?(?:领导|班子成员|负责人|干部|同志))`).exec(
    piece,
  );
  if (!m) return null;
  const n = parseNumber(m[1]!);
  if (!n || !Number.isInteger(n) || n < 1 || n > 20) return null;
  const w = resolveWho(m[2]!, ctx.vocab, null, ctx.n.text);
  return { n, who: w.scope === 'cadre' ? w : null };
}

/** Two statements of one rota ("每周一为接访日。每周一安排两名镇领导接待"): the same days. */
function sameDays(a: DatePattern, b: DatePattern): boolean {
  const k = (p: DatePattern) =>
    JSON.stringify([p.weekdays, p.daysOfMonth, p.nthWeekday, p.isoWeekParity, p.everyNWeeks?.n, p.dates]);
  return k(a) === k(b);
}

function proposePattern(
  ctx: Ctx,
  clause: Clause,
  base: number,
  s: number,
  e: number,
  sentence: Span,
  who: WhoFound,
  pattern: DatePattern,
  dates: Token[],
  t: string,
  extraNotes: string[] = [],
): void {
  const piece = t.slice(s, e);
  const wide = `${t} ${clause.heading}`;
  const notes: string[] = [...extraNotes];
  const holiday = dates.find((d) => d.holiday)?.holiday;
  const p: DatePattern = { ...pattern };
  // 遇节假日顺延 moves the duty to the next working day; 节假日除外 cancels it; a weekly rota keeps to working days.
  if (holiday === 'next') p.onHoliday = 'next';
  else if (holiday === 'skip') p.onHoliday = 'cancel';
  if (p.weekdays && !p.onHoliday) p.workdaysOnly = true;
  const reception = /接待|接访|值班|轮流|来访/.test(wide);
  if (reception) {
    const acts = activitiesIn(ctx.vocab, piece);
    const all = acts.length ? acts : activitiesIn(ctx.vocab, wide);
    const activityTypes = all.filter((a) => /接待|接访|值班|来访/.test(a));
    const chosen = activityTypes.length ? activityTypes : all.length ? all.slice(0, 1) : ['接待日'];
    if (!all.length) notes.push('活动类型“接待日”不在词汇表中');
    const crew = dutyCrew(ctx, piece);
    if (crew?.who && (who.scope === 'institution' || (who.scope === 'cadre' && (!who.resolved || extraNotes.length)))) {
      who = crew.who;
      notes.length = 0;
      if (!all.length) notes.push('活动类型“接待日”不在词汇表中');
    }
    // The same days said again with who and how many: one rota, completed by what this sentence adds.
    const earlier = ctx.proposals.find((x) => x.rule.kind === 'roster' && sameDays(x.rule.pattern, p));
    if (earlier && earlier.rule.kind === 'roster') {
      const r = earlier.rule;
      const better = who.scope === 'cadre' && who.resolved && !(r.who.scope === 'cadre' && earlier.notes.length === 0);
      const parsed = ruleSchema.safeParse({
        ...r,
        ...(better ? { who: { scope: who.scope, label: who.label, cadres: who.cadres } } : {}),
        ...(crew && crew.n > (r.perDuty ?? 1) ? { perDuty: crew.n } : {}),
        pattern: { ...r.pattern, ...(p.onHoliday && !r.pattern.onHoliday ? { onHoliday: p.onHoliday } : {}) },
      });
      if (parsed.success) {
        earlier.rule = parsed.data;
        if (better) earlier.notes = earlier.notes.filter((x) => !/适用对象/.test(x));
        earlier.notes.push(`条文“${label(ctx, clause)}”又写了同一接待日${crew ? `，每次${crew.n}人` : ''}`);
        return;
      }
    }
    propose(
      ctx,
      clause,
      base,
      s,
      e,
      sentence,
      who,
      {
        kind: 'roster',
        activityTypes: chosen,
        pattern: p,
        period: 'month',
        ...(crew && crew.n > 1 ? { perDuty: crew.n } : {}),
      },
      t,
      0.85 - (all.length ? 0 : 0.2) - (extraNotes.length ? 0.2 : 0),
      notes,
    );
    return;
  }
  const acts = activitiesIn(ctx.vocab, piece);
  const n = p.daysOfMonth?.length ?? 1;
  propose(
    ctx,
    clause,
    base,
    s,
    e,
    sentence,
    who,
    {
      kind: 'frequency',
      period: PERIOD_FOR_PATTERN(p) === 'day' ? 'week' : PERIOD_FOR_PATTERN(p),
      min: n,
      counts: { ...(acts.length ? { activityTypes: acts } : {}), pattern: p },
    },
    t,
    0.8 - (acts.length ? 0 : 0.15),
    notes,
  );
}

/** "每年三月份公示", "每月安排下访": once per period, by a date when one is given. */
function proposeOnce(
  ctx: Ctx,
  clause: Clause,
  base: number,
  s: number,
  e: number,
  sentence: Span,
  who: WhoFound,
  periodTok: Token,
  due: Token | undefined,
  t: string,
): boolean {
  const period = periodKind(ctx, periodTok.period);
  const piece = t.slice(s, e);
  const acts = activitiesIn(ctx.vocab, piece);
  if (!period) {
    if (periodTok.period === 'day' && /安排|接访|接待|值班/.test(piece)) {
      const crew = dutyCrew(ctx, piece);
      if (crew?.who && who.scope === 'institution') who = crew.who;
      return propose(
        ctx,
        clause,
        base,
        s,
        e,
        sentence,
        who,
        {
          kind: 'roster',
          activityTypes: acts.length ? acts : ['接待日'],
          pattern: /工作日/.test(piece) ? { workdaysOnly: true } : {},
          period: 'month',
        },
        t,
        0.8,
      );
    }
    return false;
  }
  // Publishing and filing are done by the institution or a unit, whoever the sentence is about.
  if (/公示|备案|上报|报送/.test(piece) && who.scope === 'cadre') {
    const unit = ctx.vocab.unitCategories.find((u) => who.label.includes(u) || piece.includes(`${u}内`));
    who = unit
      ? { scope: 'unit', label: unit, cadres: {}, unitCategories: [unit], resolved: true }
      : { scope: 'institution', label: '本单位', cadres: {}, resolved: true };
  }
  // A unit's plan, summary or papers handed in ("各学院于每月末将听课记录交教务处", "每年年初制定调研计划") is
  // the unit's task of the period, as a date due would make it.
  if (who.scope === 'institution' || (who.scope === 'unit' && (due || REPORT_WORK.test(piece)))) {
    return propose(
      ctx,
      clause,
      base,
      s,
      e,
      sentence,
      who,
      {
        kind: 'task',
        period,
        activityTypes: acts,
        ...(due?.due ? { due: due.due } : {}),
      },
      t,
      0.85,
    );
  }
  return propose(
    ctx,
    clause,
    base,
    s,
    e,
    sentence,
    who,
    {
      kind: 'frequency',
      period,
      min: 1,
      counts: acts.length ? { activityTypes: acts } : {},
    },
    t,
    0.75,
    [IMPLIED],
  );
}

// Re-exported for tests of single phrases.
export { escape };
