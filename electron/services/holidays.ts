// 设置 → 节假日: a year's official schedule entered by hand, pasted from the State Council notice, or read
// from an .ics file or an .xlsx table. Saving one clears the 待核 flag wherever it was: every 督办 deadline
// is recomputed on the new schedule (each changed item audited), and the evaluation reads it afresh.
import type { ParsedInput } from '../../shared/api/contract';
import type { CalendarOverview, HolidayYear, SaveHolidaysResult } from '../../shared/api/calendar';
import {
  HolidayInputError,
  checkHolidayDays,
  parseHolidayIcs,
  parseHolidayNotice,
  type HolidayDay,
} from '../../shared/calendar/holiday-import';
import type { WorkdayCalendar } from '../../shared/calendar/workdays';
import { LedgerError } from '../../shared/errors';
import { appendAudit } from './audit';
import { bundledHolidays, userHolidays, workdayCalendar } from './calendar';
import { labelChange } from './changes';
import type { ServiceContext } from './context';
import type { Db } from './db/db';
import { followUpDeadline } from './follow-ups';
import { assertYearOpen } from './year-lock';

/** A refusal that names every line at fault, as the form and the CLI show it. */
function refusal(e: HolidayInputError, what: string): LedgerError {
  return new LedgerError(
    'INVALID_INPUT',
    `${what}有${e.problems.length}处问题，没有保存任何日期：${e.message}`,
    e.problems.map((p) => ({
      path: p.line ? ['content', p.line] : ['content'],
      field: p.line ? `第${p.line}行` : '内容',
      message: p.message,
      ...(p.line ? { row: p.line } : {}),
    })),
  );
}

function withRefusal<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof HolidayInputError) throw refusal(e, what);
    throw e;
  }
}

/** The rows of an .xlsx table's first sheet as tab-separated lines, so a table reads like the notice's. */
async function xlsxLines(base64: string): Promise<string> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new LedgerError('INVALID_INPUT', '文件不是可读的 .xlsx 表格');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new LedgerError('INVALID_INPUT', '表格中没有工作表');
  const lines: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) {
      const v = row.getCell(c).value;
      cells.push(
        v instanceof Date
          ? `${v.getUTCMonth() + 1}月${v.getUTCDate()}日`
          : typeof v === 'object' && v && 'richText' in v
            ? (v.richText as { text: string }[]).map((t) => t.text).join('')
            : String(v ?? '').replace(/[\t\r\n]+/g, ' '),
      );
    }
    lines.push(cells.join('\t'));
  }
  return lines.join('\n');
}

const count = (days: readonly HolidayDay[], kind: HolidayDay['kind']) => days.filter((d) => d.kind === kind).length;

/** A year as the program reads it now: the user's schedule, else the bundled one, else none. */
export function holidayYear(db: Db, year: number): HolidayYear {
  const user = userHolidays(db).find((y) => y.year === year);
  const bundled = bundledHolidays().find((y) => y.year === year);
  const src = user ?? bundled;
  if (!src) return { year, source: 'none', origin: '', days: [] };
  const days: HolidayDay[] = [
    ...Object.entries(src.holidays).map(([date, name]) => ({ date, kind: 'holiday' as const, name })),
    ...Object.entries(src.workdays).map(([date, name]) => ({ date, kind: 'workday' as const, name })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
  const origin = user
    ? (db.first(db.q.selectFrom('calendar_years').select('note').where('year', '=', year))?.note ?? '')
    : `程序内置（${bundled?.source ?? ''}）`;
  return { year, source: user ? 'user' : 'bundled', origin, days };
}

/**
 * Every 督办 deadline recomputed on the calendar as it now is; items whose due date or 待核 flag changed
 * are written and audited. `before` is the calendar the stored dates were computed on.
 */
function recomputeDeadlines(ctx: ServiceContext, before: WorkdayCalendar): { updated: number; cleared: number } {
  const { db } = ctx;
  const after = workdayCalendar(db);
  const rows = db.all(
    db.q
      .selectFrom('follow_ups')
      .select(['id', 'raised_date', 'assigned_date', 'limit_days', 'due_date'])
      .where('limit_days', 'is not', null),
  );
  let updated = 0;
  let cleared = 0;
  const at = ctx.now().toISOString();
  for (const r of rows) {
    const f = { raisedDate: r.raised_date, assignedDate: r.assigned_date, limitDays: r.limit_days };
    const old = followUpDeadline(before, f);
    const now = followUpDeadline(after, f);
    if (old.dueDateUncertain && !now.dueDateUncertain) cleared++;
    if (now.dueDate === r.due_date && old.dueDateUncertain === now.dueDateUncertain) continue;
    db.run(db.q.updateTable('follow_ups').set({ due_date: now.dueDate, updated_at: at }).where('id', '=', r.id));
    appendAudit(ctx, {
      action: 'update',
      table: 'follow_ups',
      rowId: r.id,
      before: { dueDate: r.due_date, dueDateUncertain: old.dueDateUncertain },
      after: { dueDate: now.dueDate, dueDateUncertain: now.dueDateUncertain },
    });
    updated++;
  }
  return { updated, cleared };
}

export function holidayHandlers(ctx: ServiceContext) {
  const { db } = ctx;

  const replace = (year: number, days: HolidayDay[] | null, origin: string): SaveHolidaysResult =>
    db.tx(() => {
      assertYearOpen(ctx, year, '节假日安排');
      const beforeCal = workdayCalendar(db);
      const beforeYear = holidayYear(db, year);
      db.run(db.q.deleteFrom('calendar_days').where('date', 'like', `${year}-%`));
      db.run(db.q.deleteFrom('calendar_years').where('year', '=', year));
      if (days) {
        db.run(db.q.insertInto('calendar_years').values({ year, source: 'user', note: origin }));
        for (const d of days) db.run(db.q.insertInto('calendar_days').values(d));
      }
      const afterYear = holidayYear(db, year);
      const summary = (y: HolidayYear) => ({
        source: y.source,
        origin: y.origin,
        holidays: count(y.days, 'holiday'),
        workdays: count(y.days, 'workday'),
      });
      labelChange(ctx, days ? `录入${year}年节假日安排（${origin}）` : `删除自行录入的${year}年节假日安排`);
      appendAudit(ctx, {
        action: days ? (beforeYear.source === 'user' ? 'update' : 'create') : 'delete',
        table: 'calendar_years',
        rowId: year,
        before: summary(beforeYear),
        after: { ...summary(afterYear), days: afterYear.source === 'user' ? afterYear.days : undefined },
      });
      const { updated, cleared } = recomputeDeadlines(ctx, beforeCal);
      return {
        year,
        holidays: count(afterYear.days, 'holiday'),
        workdays: count(afterYear.days, 'workday'),
        followUpsUpdated: updated,
        followUpsCleared: cleared,
      };
    });

  return {
    'calendar.overview': ({ from, to }: ParsedInput<'calendar.overview'>): CalendarOverview => {
      const cal = workdayCalendar(db);
      const thisYear = ctx.now().getFullYear();
      // 督办 items whose working-day count crosses a year with no schedule, by that year.
      const flagged = new Map<number, number>();
      const rows = db.all(
        db.q
          .selectFrom('follow_ups')
          .select(['raised_date', 'assigned_date', 'limit_days'])
          .where('limit_days', 'is not', null),
      );
      for (const r of rows)
        for (const y of followUpDeadline(cal, {
          raisedDate: r.raised_date,
          assignedDate: r.assigned_date,
          limitDays: r.limit_days,
        }).unknownYears)
          flagged.set(y, (flagged.get(y) ?? 0) + 1);
      const userYears = userHolidays(db).map((y) => y.year);
      const first = from ?? thisYear - 1;
      const last = to ?? Math.max(thisYear + 1, ...userYears, ...flagged.keys());
      const years = [];
      for (let y = first; y <= last; y++) {
        const h = holidayYear(db, y);
        years.push({
          year: y,
          source: h.source,
          holidays: count(h.days, 'holiday'),
          workdays: count(h.days, 'workday'),
          flaggedFollowUps: flagged.get(y) ?? 0,
        });
      }
      return { years };
    },

    'calendar.holidays': ({ year }: ParsedInput<'calendar.holidays'>): HolidayYear => holidayYear(db, year),

    'calendar.parseHolidays': async ({ year, format, content }: ParsedInput<'calendar.parseHolidays'>) => {
      if (format === 'ics') return withRefusal('这个 .ics 文件', () => parseHolidayIcs(content, year));
      if (format === 'notice') return withRefusal('粘贴的通知', () => parseHolidayNotice(content, year));
      const text = await xlsxLines(content);
      return withRefusal('这个表格', () => parseHolidayNotice(text, year));
    },

    'calendar.saveHolidays': ({ year, days, origin }: ParsedInput<'calendar.saveHolidays'>): SaveHolidaysResult => {
      const checked = withRefusal('这份安排', () => checkHolidayDays(year, days));
      return replace(year, checked, origin || '手工录入');
    },

    'calendar.clearHolidays': ({ year }: ParsedInput<'calendar.clearHolidays'>): SaveHolidaysResult => {
      if (!userHolidays(db).some((y) => y.year === year))
        throw new LedgerError('NOT_FOUND', `${year}年没有自行录入的节假日安排`);
      return replace(year, null, '');
    },
  };
}
