// A year's official holiday schedule (放假 and 调休上班 days) read from what a secretary has at hand: the
// State Council notice pasted as text or as its table, or an .ics file from a calendar app. All or nothing:
// a line for another year, or a make-up working day on a holiday, refuses the whole input naming the line.
import { addDays, isIsoDate, weekday } from '../format/date';

export type HolidayDayKind = 'holiday' | 'workday';

export interface HolidayDay {
  date: string;
  kind: HolidayDayKind;
  /** 元旦, 春节 … */
  name: string;
}

export interface HolidayProblem {
  /** 1-based line of the input, when the problem is on one. */
  line?: number;
  message: string;
}

export class HolidayInputError extends Error {
  constructor(readonly problems: HolidayProblem[]) {
    super(problems.map((p) => (p.line ? `第${p.line}行：${p.message}` : p.message)).join('；'));
    this.name = 'HolidayInputError';
  }
}

/** The names the notices use, longest first so that 中秋节 wins over 中秋. */
const HOLIDAY_NAMES: [RegExp, string][] = [
  [/元旦/, '元旦'],
  [/春节|除夕/, '春节'],
  [/清明/, '清明节'],
  [/劳动节|五一/, '劳动节'],
  [/端午/, '端午节'],
  [/中秋/, '中秋节'],
  [/国庆/, '国庆节'],
];

function holidayNames(text: string): string[] {
  return HOLIDAY_NAMES.filter(([re]) => re.test(text)).map(([, n]) => n);
}

const pad = (n: number) => String(n).padStart(2, '0');

interface Placed {
  day: HolidayDay;
  line: number;
}

/**
 * Checks a schedule: every date in the year, a date listed once, a make-up working day never on a holiday
 * and always on a weekend (a 调休上班 day is a Saturday or Sunday made a working day).
 */
function check(year: number, placed: Placed[]): HolidayDay[] {
  const problems: HolidayProblem[] = [];
  const byDate = new Map<string, Placed>();
  const wrongYear = new Set<number>();
  for (const p of placed) {
    const { date, kind, name } = p.day;
    if (Number(date.slice(0, 4)) !== year) {
      // One problem per line: a week of another year is one mistake, not seven.
      if (wrongYear.has(p.line)) continue;
      wrongYear.add(p.line);
      problems.push({
        line: p.line,
        message: `“${name}”的${date}不在${year}年内——这是另一年的安排吗？请只导入${year}年的节假日`,
      });
      continue;
    }
    const other = byDate.get(date);
    if (other) {
      if (other.day.kind !== kind)
        problems.push({
          line: p.line,
          message: `${date}既是放假日（第${(kind === 'holiday' ? p : other).line}行${(kind === 'holiday' ? p : other).day.name}）又是调休上班日（第${(kind === 'workday' ? p : other).line}行），调休上班日不能在假期内`,
        });
      continue;
    }
    byDate.set(date, p);
    const wd = weekday(date);
    if (kind === 'workday' && wd !== 0 && wd !== 6)
      problems.push({
        line: p.line,
        message: `${date}是星期${'日一二三四五六'[wd]}，本来就上班，不会是调休上班日——请核对日期`,
      });
  }
  if (problems.length) throw new HolidayInputError(problems);
  if (!byDate.size) throw new HolidayInputError([{ message: `没有读到${year}年的放假或调休上班日期` }]);
  return [...byDate.values()].map((p) => p.day).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ———————————————————————————————————— the notice ————————————————————————————————————

/** 1月28日, 2027年1月28日, 1.28 is not used by notices; 至6日 continues the month before it. */
const DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g;
const RANGE =
  /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*(?:至|到|—|－|-|~|～)\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/g;

function iso(y: number, m: number, d: number, line: number): string {
  const s = `${y}-${pad(m)}-${pad(d)}`;
  if (!isIsoDate(s)) throw new HolidayInputError([{ line, message: `${m}月${d}日不是有效日期` }]);
  return s;
}

/** Every date a piece of a notice names, ranges expanded. */
function datesIn(text: string, year: number, line: number): string[] {
  const out: string[] = [];
  const taken: [number, number][] = [];
  for (const m of text.matchAll(RANGE)) {
    const y1 = m[1] ? Number(m[1]) : year;
    const from = iso(y1, Number(m[2]), Number(m[3]), line);
    const y2 = m[4] ? Number(m[4]) : y1;
    const to = iso(y2, m[5] ? Number(m[5]) : Number(m[2]), Number(m[6]), line);
    if (to < from) throw new HolidayInputError([{ line, message: `${from}至${to}：结束早于开始` }]);
    if (to > addDays(from, 40))
      throw new HolidayInputError([{ line, message: `${from}至${to}：一段假期不会超过40天` }]);
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    taken.push([m.index!, m.index! + m[0].length]);
  }
  for (const m of text.matchAll(DATE)) {
    if (taken.some(([a, b]) => m.index! >= a && m.index! < b)) continue;
    out.push(iso(m[1] ? Number(m[1]) : year, Number(m[2]), Number(m[3]), line));
  }
  return out;
}

/**
 * The State Council notice (国务院办公厅关于××年部分节假日安排的通知), pasted as its text — 「二、春节：1月28日
 * （农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。」 —
 * or as its table (节日 / 放假时间 / 调休上班日期 / 天数, cells separated by tabs). Lines that name no date
 * (the title, the preamble) are passed over; a line with dates but no holiday is refused.
 */
export function parseHolidayNotice(text: string, year: number): HolidayDay[] {
  const placed: Placed[] = [];
  const problems: HolidayProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    // Notes in brackets (周二, 农历除夕) name no date of their own but may hold 、 that would split cells.
    const clean = raw.replace(/（[^）]*）|\([^)]*\)/g, '').trim();
    if (!/\d{1,2}月\d{1,2}日/.test(clean)) return;
    const names = holidayNames(clean.split(/[：:\t]/)[0] ?? '');
    const name = names.length ? names.join('、') : holidayNames(clean).join('、');
    if (!name) {
      problems.push({ line, message: `看不出“${raw.trim().slice(0, 30)}”是哪个节日的安排` });
      return;
    }
    try {
      const cells = clean.includes('\t') ? clean.split('\t').map((c) => c.trim()) : null;
      let off: string;
      let on: string;
      if (cells) {
        // 节日 | 放假时间 | 调休上班日期 | 放假天数: the cell that says 上班 (or comes third) holds the working days.
        const work = cells.findIndex((c, j) => j > 0 && /上班/.test(c));
        on = work > 0 ? cells[work]! : (cells[2] ?? '');
        off = cells.filter((_, j) => j > 0 && j !== (work > 0 ? work : 2)).join(' ');
      } else {
        // 放假 … 。 … 上班: the sentences that end in 上班 hold the working days.
        const parts = clean.split(/[。；;]/);
        on = parts.filter((p) => /上班/.test(p)).join('。');
        off = parts.filter((p) => !/上班/.test(p)).join('。');
      }
      for (const date of datesIn(off, year, line)) placed.push({ day: { date, kind: 'holiday', name }, line });
      for (const date of datesIn(on, year, line)) placed.push({ day: { date, kind: 'workday', name }, line });
    } catch (e) {
      if (e instanceof HolidayInputError) problems.push(...e.problems);
      else throw e;
    }
  });
  if (problems.length) throw new HolidayInputError(problems);
  return check(year, placed);
}

// ———————————————————————————————————— .ics ————————————————————————————————————

/** Whether an event's title says a working day (班, 上班, 补班, 调休上班) rather than a day off. */
const WORKDAY = /补班|上班|调休班|（班）|\(班\)|^班$|\s班$/;
const DAY_OFF = /休|假|放假/;

function icsDate(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  if (!m) return null;
  const s = `${m[1]}-${m[2]}-${m[3]}`;
  return isIsoDate(s) ? s : null;
}

/**
 * An iCalendar file (RFC 5545) as calendar apps publish the official schedule: one VEVENT per holiday
 * (DTSTART/DTEND whole days, DTEND exclusive) or per make-up working day, its SUMMARY naming the holiday
 * and saying 休/假 or 班/上班. Folded lines are unfolded; the line named in a refusal is the event's SUMMARY.
 */
export function parseHolidayIcs(text: string, year: number): HolidayDay[] {
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // Unfold (a line starting with a space or tab continues the one before), keeping the first line's number.
  const lines: { text: string; line: number }[] = [];
  rawLines.forEach((t, i) => {
    if (/^[ \t]/.test(t) && lines.length) lines[lines.length - 1]!.text += t.slice(1);
    else lines.push({ text: t, line: i + 1 });
  });
  if (!lines.some((l) => /^BEGIN:VCALENDAR/i.test(l.text)))
    throw new HolidayInputError([{ message: '这不是 .ics 日历文件（没有 BEGIN:VCALENDAR）' }]);

  const placed: Placed[] = [];
  const problems: HolidayProblem[] = [];
  let ev: { start?: string; end?: string; summary?: string; line: number; startLine?: number } | null = null;
  for (const { text: t, line } of lines) {
    if (/^BEGIN:VEVENT/i.test(t)) {
      ev = { line };
      continue;
    }
    if (!ev) continue;
    const m = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/i.exec(t);
    if (m) {
      const key = m[1]!.toUpperCase();
      const value = m[2]!.replace(/\\,/g, ',').replace(/\\n/gi, ' ').trim();
      if (key === 'DTSTART') {
        ev.start = value;
        ev.startLine = line;
      } else if (key === 'DTEND') ev.end = value;
      else if (key === 'SUMMARY') {
        ev.summary = value;
        ev.line = line;
      }
    }
    if (/^END:VEVENT/i.test(t)) {
      const e = ev;
      ev = null;
      const summary = e.summary ?? '';
      const start = e.start ? icsDate(e.start) : null;
      if (!start) {
        problems.push({ line: e.startLine ?? e.line, message: `“${summary}”没有可读的开始日期（DTSTART）` });
        continue;
      }
      const end = e.end ? icsDate(e.end) : null;
      // DTEND of a whole-day event is the day after the last one; none means one day.
      const last = end && end > start ? addDays(end, -1) : start;
      const working = WORKDAY.test(summary);
      const names = holidayNames(summary);
      if (!working && !DAY_OFF.test(summary) && !names.length) {
        problems.push({ line: e.line, message: `看不出“${summary}”是放假还是调休上班` });
        continue;
      }
      const name = names.join('、') || (working ? '调休' : '假日');
      if (last > addDays(start, 40)) {
        problems.push({ line: e.line, message: `“${summary}”从${start}到${last}，一段假期不会超过40天` });
        continue;
      }
      for (let d = start; d <= last; d = addDays(d, 1))
        placed.push({ day: { date: d, kind: working ? 'workday' : 'holiday', name }, line: e.line });
    }
  }
  if (problems.length) throw new HolidayInputError(problems);
  return check(year, placed);
}

/** A schedule entered by hand, one day a row: checked the same way as a file. */
export function checkHolidayDays(year: number, days: readonly HolidayDay[]): HolidayDay[] {
  return check(
    year,
    days.map((day, i) => ({ day, line: i + 1 })),
  );
}
