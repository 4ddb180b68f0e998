// ledger calendar: the school calendar (semesters) and the official holiday schedule, as 设置 shows them.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { HolidayYear } from '../../../../shared/api/calendar';
import type { Semester } from '../../../../shared/api/rules';
import type { Command, CliIo } from '../command';
import { withLedger, type LedgerClient } from '../ledger';

const SOURCE = { bundled: '程序内置', user: '自行录入', none: '没有（涉及该年的工作日期限显示“待核”）' } as const;
const TERM = { 1: '第一学期', 2: '第二学期' } as const;

function printHolidays(io: CliIo, h: HolidayYear): void {
  io.out(`${h.year}年节假日安排：${SOURCE[h.source]}${h.origin ? `（${h.origin}）` : ''}`);
  const off = h.days.filter((d) => d.kind === 'holiday');
  const on = h.days.filter((d) => d.kind === 'workday');
  if (!h.days.length) return;
  // One line per holiday: its days off, then the make-up working days it brings.
  const names = [...new Set(h.days.map((d) => d.name))];
  for (const n of names) {
    const o = off.filter((d) => d.name === n).map((d) => d.date.slice(5));
    const w = on.filter((d) => d.name === n).map((d) => d.date.slice(5));
    io.out(`  ${n}：放假 ${o.join('、') || '—'}${w.length ? `；调休上班 ${w.join('、')}` : ''}`);
  }
  io.out(`  合计放假${off.length}天，调休上班${on.length}天`);
}

function printSemesters(io: CliIo, list: Semester[]): void {
  for (const s of list)
    io.out(`  ${s.academicYear}学年${TERM[s.term]}：${s.start} 至 ${s.end}${s.stored ? '' : '（默认日期）'}`);
}

const academicYear = (v: string | undefined, io: CliIo): string | null => {
  if (v && /^\d{4}-\d{4}$/.test(v) && Number(v.slice(5)) === Number(v.slice(0, 4)) + 1) return v;
  io.err(`「学年」“${v ?? ''}”无效，应写成 --year 2026-2027`);
  return null;
};

const calendarYear = (v: string | undefined, io: CliIo): number | null => {
  const y = Number(v);
  if (v && Number.isInteger(y) && y >= 2000 && y <= 2100) return y;
  io.err(`「年度」“${v ?? ''}”无效，应写成 --year 2027`);
  return null;
};

async function semesters(ledger: LedgerClient, io: CliIo, year: string, sets: string[]): Promise<number> {
  for (const s of sets) {
    const m = /^([12])[:：](\d{4}-\d{2}-\d{2})(?:\.\.|至|~)(\d{4}-\d{2}-\d{2})$/.exec(s.trim());
    if (!m) {
      io.err(`--set “${s}”看不懂，应写成 学期:开始..结束，如 --set 1:2026-09-01..2027-01-20`);
      return 1;
    }
    const saved = await ledger.send('semesters.save', {
      academicYear: year,
      term: Number(m[1]) as 1 | 2,
      start: m[2]!,
      end: m[3]!,
    });
    io.out(`已保存${saved.academicYear}学年${TERM[saved.term]}：${saved.start} 至 ${saved.end}`);
  }
  io.out(`${year}学年校历：`);
  printSemesters(io, await ledger.send('semesters.list', { academicYears: [year] }));
  return 0;
}

async function holidays(
  ledger: LedgerClient,
  io: CliIo,
  year: number,
  v: {
    import?: string | undefined;
    file?: string | undefined;
    notice?: string | undefined;
    clear?: boolean | undefined;
  },
): Promise<number> {
  const given = [v.import, v.file, v.notice].filter(Boolean);
  if (given.length > 1) {
    io.err('--import、--file 和 --notice 只能选一个');
    return 1;
  }
  if (v.clear) {
    const r = await ledger.send('calendar.clearHolidays', { year });
    io.out(`已删除自行录入的${year}年节假日安排；重新计算督办期限${r.followUpsUpdated}件`);
  } else if (given.length) {
    const path = given[0]!;
    const format = v.import ? 'ics' : v.file ? 'xlsx' : 'notice';
    if (format === 'ics' && extname(path).toLowerCase() !== '.ics')
      io.err(`提示：“${basename(path)}”不是 .ics 文件名，仍按 .ics 日历文件读取`);
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      io.err(`找不到文件：${path}`);
      return 1;
    }
    const content = format === 'xlsx' ? data.toString('base64') : data.toString('utf8');
    const days = await ledger.send('calendar.parseHolidays', { year, format, content });
    const r = await ledger.send('calendar.saveHolidays', { year, days, origin: basename(path) });
    io.out(
      `已保存${year}年节假日安排（${basename(path)}）：放假${r.holidays}天，调休上班${r.workdays}天；` +
        `重新计算督办期限${r.followUpsUpdated}件${r.followUpsCleared ? `，其中${r.followUpsCleared}件不再“待核”` : ''}`,
    );
  }
  printHolidays(io, await ledger.send('calendar.holidays', { year }));
  return 0;
}

export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      year: { type: 'string' },
      set: { type: 'string', multiple: true },
      import: { type: 'string' },
      file: { type: 'string' },
      notice: { type: 'string' },
      clear: { type: 'boolean' },
    },
  });
  if (sub === 'semesters') {
    const year = academicYear(values.year, io);
    if (!year) return 1;
    return withLedger(io, values.db, { mustExist: true }, (l) => semesters(l, io, year, values.set ?? []));
  }
  if (sub === 'holidays') {
    const year = calendarYear(values.year, io);
    if (year === null) return 1;
    const writes = !!(values.import || values.file || values.notice || values.clear);
    return withLedger(io, values.db, { mustExist: true, readOnly: !writes }, (l) => holidays(l, io, year, values));
  }
  if (sub === 'show') {
    const year = calendarYear(values.year, io);
    if (year === null) return 1;
    return withLedger(io, values.db, { mustExist: true, readOnly: true }, async (l) => {
      printHolidays(io, await l.send('calendar.holidays', { year }));
      io.out(`${year}年所涉学年的校历：`);
      printSemesters(
        io,
        await l.send('semesters.list', { academicYears: [`${year - 1}-${year}`, `${year}-${year + 1}`] }),
      );
      const o = await l.send('calendar.overview', { from: year, to: year });
      const flagged = o.years[0]?.flaggedFollowUps ?? 0;
      if (flagged) io.out(`有${flagged}件督办事项的期限跨入${year}年而该年没有节假日安排，显示为“待核”`);
      return 0;
    });
  }
  io.err('用法：ledger calendar semesters|holidays|show --year … （见 ledger help）');
  return 1;
};
