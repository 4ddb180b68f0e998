// A year's holiday schedule read from the State Council notice (text or table) and from .ics files: the
// days match the bundled schedule of the same year; a wrong year or a make-up day on a holiday is refused
// whole, naming the line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HolidayInputError,
  checkHolidayDays,
  parseHolidayIcs,
  parseHolidayNotice,
  type HolidayDay,
} from '../../../shared/calendar/holiday-import';

const bundled = (year: number) => {
  const y = JSON.parse(readFileSync(join('resources', 'holidays', `${year}.json`), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  return [
    ...Object.keys(y.holidays).map((date) => ({ date, kind: 'holiday' })),
    ...Object.keys(y.workdays).map((date) => ({ date, kind: 'workday' })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
};
const shape = (days: HolidayDay[]) => days.map(({ date, kind }) => ({ date, kind }));
const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof HolidayInputError) return e.problems;
    throw e;
  }
  throw new Error('accepted');
};

// 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号), as pasted from the notice.
const NOTICE_2025 = `国务院办公厅关于2025年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。`;

// The same kind of notice for 2026, pasted as its table (节日 / 放假时间 / 调休上班日期 / 天数).
const TABLE_2026 = [
  '节日\t放假时间\t调休上班日期\t放假天数',
  '元旦\t1月1日至3日\t1月4日（周日）上班\t3天',
  '春节\t2月15日至23日\t2月14日（周六）、2月28日（周六）上班\t9天',
  '清明节\t4月4日至6日\t\t3天',
  '劳动节\t5月1日至5日\t5月9日（周六）上班\t5天',
  '端午节\t6月19日至21日\t\t3天',
  '中秋节\t9月25日至27日\t\t3天',
  '国庆节\t10月1日至7日\t9月20日（周日）、10月10日（周六）上班\t7天',
].join('\n');

describe('the State Council notice', () => {
  it('the 2025 notice as text gives exactly the 2025 schedule (28 days off, 5 make-up working days)', () => {
    const days = parseHolidayNotice(NOTICE_2025, 2025);
    expect(shape(days)).toEqual(bundled(2025));
    expect(days.find((d) => d.date === '2025-10-08')?.name).toBe('中秋节、国庆节');
    expect(days.find((d) => d.date === '2025-01-26')).toEqual({ date: '2025-01-26', kind: 'workday', name: '春节' });
  });

  it('the 2026 notice pasted as its table gives exactly the 2026 schedule', () => {
    expect(shape(parseHolidayNotice(TABLE_2026, 2026))).toEqual(bundled(2026));
  });

  it('the 2025 notice entered for 2026 is refused whole, naming the first line of the other year', () => {
    const p = problems(() => parseHolidayNotice(NOTICE_2025.replace('1月1日（周三）', '2025年1月1日'), 2026));
    expect(p[0]).toMatchObject({ line: 4, message: expect.stringContaining('2025-01-01不在2026年内') });
  });

  it('a line with dates but no holiday named is refused with its line', () => {
    const p = problems(() => parseHolidayNotice('一、元旦：1月1日放假\n5月3日至5日放假', 2026));
    expect(p).toEqual([{ line: 2, message: expect.stringContaining('看不出') }]);
  });
});

describe('.ics files', () => {
  const ics = readFileSync(join('tests', 'fixtures', 'holidays', '2027-sample.ics'), 'utf8');

  it('whole-day events become days off and make-up working days (DTEND exclusive)', () => {
    const days = parseHolidayIcs(ics, 2027);
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 1 + 1 + 7);
    expect(days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
      '2027-01-31',
      '2027-02-20',
      '2027-04-25',
      '2027-05-08',
      '2027-09-26',
      '2027-10-09',
    ]);
    expect(days.find((d) => d.date === '2027-02-13')).toEqual({ date: '2027-02-13', kind: 'holiday', name: '春节' });
  });

  it('the 2027 file entered for 2026 is refused whole, naming the line of its first event', () => {
    const p = problems(() => parseHolidayIcs(ics, 2026));
    expect(p[0]).toMatchObject({ line: 10, message: expect.stringContaining('2027-01-01不在2026年内') });
    expect(p.length).toBe(13);
  });

  it('a make-up working day on a holiday is refused, naming both lines', () => {
    const bad = ics.replace(
      'DTSTART;VALUE=DATE:20270131\r\nDTEND;VALUE=DATE:20270201',
      'DTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270207',
    );
    const p = problems(() => parseHolidayIcs(bad, 2027));
    expect(p).toEqual([
      { line: 24, message: expect.stringMatching(/2027-02-06既是放假日（第24行春节）又是调休上班日（第17行）/) },
    ]);
  });

  it('folded lines are unfolded; an event with 休/班 in brackets is read; a file that is not a calendar is refused', () => {
    const folded = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270101',
      'SUMMARY:元',
      ' 旦（休）',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20270131T000000',
      'SUMMARY:春节（班）',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(parseHolidayIcs(folded, 2027)).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-31', kind: 'workday', name: '春节' },
    ]);
    expect(problems(() => parseHolidayIcs('日期,节日\n2027-01-01,元旦', 2027))[0]!.message).toContain('不是 .ics');
  });
});

describe('entered by hand', () => {
  it('a make-up working day on a Wednesday is refused: it is a working day anyway', () => {
    const p = problems(() =>
      checkHolidayDays(2027, [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-06', kind: 'workday', name: '元旦' },
      ]),
    );
    expect(p).toEqual([{ line: 2, message: expect.stringContaining('2027-01-06是星期三，本来就上班') }]);
  });
});
