// The constructs of the second rule model at their boundaries, each case computed by hand from the 2026
// calendar (1 January 2026 is a Thursday; 1–7 October and 1–5 May are holidays; Saturday 10 October is worked).
import { describe, expect, it } from 'vitest';
import { isLedgerError } from '../../../shared/errors';
import {
  describeRule,
  evaluate,
  matchesPattern,
  patternDates,
  type EvalResult,
  type Rule,
  type RuleInput,
} from '../../../shared/rules';
import { meetsMinDuration } from '../../../shared/rules/evaluate';
import { normalizeCadreFilter, rule as ruleSchema } from '../../../shared/rules/schema';
import { validateRule } from '../../../shared/rules/validate';
import { cadre, input, rec, workdays } from './fixtures';

const R = (r: RuleInput): Rule => ruleSchema.parse(r);
const base = { id: 'x', title: '测试', clause: '测试 第一条' };

describe('holiday policy: a duty on a day off is cancelled, moved to the next working day, or brought forward', () => {
  const on10th = (onHoliday?: 'cancel' | 'next' | 'previous') => ({
    daysOfMonth: [10],
    ...(onHoliday ? { onHoliday } : {}),
  });

  it('10 January 2026 is a Saturday: moved to Monday the 12th, brought forward to Friday the 9th, or dropped', () => {
    expect(patternDates(on10th('next'), '2026-01-01', '2026-01-31', workdays)).toEqual(['2026-01-12']);
    expect(patternDates(on10th('previous'), '2026-01-01', '2026-01-31', workdays)).toEqual(['2026-01-09']);
    expect(patternDates(on10th('cancel'), '2026-01-01', '2026-01-31', workdays)).toEqual([]);
    expect(patternDates(on10th(), '2026-01-01', '2026-01-31', workdays)).toEqual(['2026-01-10']);
  });

  it('10 October 2026 is a Saturday worked in exchange for 国庆: the duty stays on it', () => {
    expect(patternDates(on10th('next'), '2026-10-01', '2026-10-31', workdays)).toEqual(['2026-10-10']);
  });

  it('every Thursday: 1 October (国庆) moves to Thursday the 8th, which is a duty day anyway — one duty, not two', () => {
    const thu = { weekdays: [4], onHoliday: 'next' as const };
    expect(patternDates(thu, '2026-09-28', '2026-10-15', workdays)).toEqual(['2026-10-08', '2026-10-15']);
    expect(patternDates({ ...thu, onHoliday: 'previous' }, '2026-09-28', '2026-10-15', workdays)).toEqual([
      '2026-09-30',
      '2026-10-08',
      '2026-10-15',
    ]);
  });

  it('a record on the Sunday itself does not count once the duty has moved to Monday', () => {
    const p = { daysOfMonth: [10], onHoliday: 'next' as const };
    expect(matchesPattern(p, '2026-05-10', null, null, workdays)).toBe(false);
    expect(matchesPattern(p, '2026-05-11', null, null, workdays)).toBe(true);
    expect(matchesPattern(p, '2026-05-12', null, null, workdays)).toBe(false);
  });

  it('reads “每月10日（遇节假日顺延至下一个工作日）”', () => {
    const r = R({
      ...base,
      kind: 'frequency',
      who: { label: '街道领导' },
      counts: { activityTypes: ['走访'], pattern: { daysOfMonth: [10], onHoliday: 'next' } },
      period: 'month',
      min: 1,
    });
    expect(describeRule(r)).toBe('每位街道领导每月10日（遇节假日顺延至下一个工作日）走访不少于1次（测试 第一条）');
  });
});

describe('every N weeks counted from a start date', () => {
  const every2 = { weekdays: [1], everyNWeeks: { n: 2, from: '2026-09-07' } };

  it('Mondays every two weeks from 7 September 2026: 7 and 21 September, 5 and 19 October', () => {
    expect(patternDates(every2, '2026-09-01', '2026-10-31')).toEqual([
      '2026-09-07',
      '2026-09-21',
      '2026-10-05',
      '2026-10-19',
    ]);
  });

  it('across the 53rd ISO week of 2026 it keeps its beat, where ISO-week parity gives two weeks running', () => {
    expect(patternDates(every2, '2026-12-21', '2027-01-17')).toEqual(['2026-12-28', '2027-01-11']);
    // ISO weeks 53 (2026) and 1 (2027) are both odd:
    expect(patternDates({ weekdays: [1], isoWeekParity: 'odd' }, '2026-12-21', '2027-01-17')).toEqual([
      '2026-12-28',
      '2027-01-04',
    ]);
  });

  it('a start date mid-week counts that week; days before the start date are not duty days', () => {
    const p = { weekdays: [1, 5], everyNWeeks: { n: 3, from: '2026-09-09' } };
    expect(patternDates(p, '2026-09-01', '2026-10-04')).toEqual(['2026-09-11', '2026-09-28', '2026-10-02']);
  });

  it('reads “自2026年9月7日所在周起每2周的星期一”', () => {
    const r = R({
      ...base,
      kind: 'roster',
      who: { label: '校领导' },
      activityTypes: ['接待日'],
      pattern: every2,
      period: 'month',
    });
    expect(describeRule(r)).toBe('校领导自2026年9月7日所在周起每2周的星期一轮流接待日（测试 第一条）');
  });
});

describe('minimum duration per event', () => {
  it('hours: 2 hours count, 1.99 do not; 14:00—16:00 counts, 14:00—15:59 does not; no length known does not', () => {
    const m = { value: 2, unit: 'hours' as const };
    expect(meetsMinDuration(m, { hours: 2 })).toBe(true);
    expect(meetsMinDuration(m, { hours: 1.99 })).toBe(false);
    expect(meetsMinDuration(m, { startTime: '14:00', endTime: '16:00' })).toBe(true);
    expect(meetsMinDuration(m, { startTime: '14:00', endTime: '15:59' })).toBe(false);
    expect(meetsMinDuration(m, {})).toBe(false);
  });

  it('a half-day: 0.5 days or 4 hours count, 3.5 hours do not', () => {
    const m = { value: 1, unit: 'halfDays' as const };
    expect(meetsMinDuration(m, { days: 0.5 })).toBe(true);
    expect(meetsMinDuration(m, { hours: 4 })).toBe(true);
    expect(meetsMinDuration(m, { hours: 3.5 })).toBe(false);
  });

  it('a day: 1 day or 8 hours count, half a day does not', () => {
    const m = { value: 1, unit: 'days' as const };
    expect(meetsMinDuration(m, { days: 1 })).toBe(true);
    expect(meetsMinDuration(m, { days: 0.5 })).toBe(false);
    expect(meetsMinDuration(m, { hours: 8 })).toBe(true);
  });

  it('赵敏 went to the grass roots three times, one of them for an hour: 2 of 3 count against “每次不少于半天”', () => {
    const r = R({
      ...base,
      kind: 'frequency',
      who: { label: '校领导' },
      counts: { activityTypes: ['调研'], minDuration: { value: 1, unit: 'halfDays' } },
      period: 'month',
      min: 3,
    });
    const rs = evaluate(
      input({
        rules: [r],
        cadres: [cadre('c1', '赵敏')],
        records: [
          rec('2026-03-03', '调研', ['c1'], { days: 1 }),
          rec('2026-03-10', '调研', ['c1'], { hours: 1 }),
          rec('2026-03-17', '调研', ['c1'], { startTime: '08:30', endTime: '12:30' }),
        ],
        asOf: '2026-04-30',
        selection: { from: '2026-03-01', to: '2026-03-31' },
      }),
    );
    expect([rs[0]!.achieved, rs[0]!.status]).toEqual([2, 'missed']);
    expect(describeRule(r)).toBe('每位校领导每月调研（每次不少于半天，不足的不计）不少于3次（测试 第一条）');
  });
});

describe('N people per duty', () => {
  const r = R({
    ...base,
    kind: 'roster',
    who: { label: '校领导', cadres: { levels: ['校级'] } },
    activityTypes: ['接待日'],
    pattern: { weekdays: [3], workdaysOnly: true },
    period: 'month',
    perDuty: 2,
  });

  it('March 2026 has four Wednesdays; two leaders were on the 4th and the 18th only → 2 of 4', () => {
    const rs = evaluate(
      input({
        rules: [r],
        cadres: [cadre('c1', '赵敏'), cadre('c2', '钱伟'), cadre('c3', '孙丽')],
        records: [
          rec('2026-03-04', '接待日', ['c1']),
          rec('2026-03-04', '接待日', ['c2']),
          rec('2026-03-11', '接待日', ['c1']),
          rec('2026-03-18', '接待日', ['c1', 'c3']),
          rec('2026-03-25', '接待日', ['c2']),
          rec('2026-03-25', '接待日', ['c2']),
        ],
        asOf: '2026-04-30',
        selection: { from: '2026-03-01', to: '2026-03-31' },
      }),
    );
    expect([rs[0]!.required, rs[0]!.achieved, rs[0]!.status]).toEqual([4, 2, 'missed']);
    expect(rs[0]!.evidence).toHaveLength(3);
  });

  it('reads “校领导每周星期三（节假日除外）轮流（每次2人）接待日”', () => {
    expect(describeRule(r)).toBe('校领导每周星期三（节假日除外）轮流（每次2人）接待日（测试 第一条）');
  });
});

describe('staged deadlines: first reply within 3 working days, closed within 10, an extension of at most 5', () => {
  // Raised Monday 2 March 2026: the reply is due Thursday the 5th, the close Monday the 16th, an extension
  // may run to Monday the 23rd at the latest.
  const r = R({
    ...base,
    kind: 'deadline',
    who: { scope: 'institution' },
    events: ['来信'],
    within: 10,
    on: 'close',
    reply: { within: 3 },
    extension: { max: 5 },
  });
  const run = (fu: { feedbackOn?: string | null; closedOn?: string | null; extendedTo?: string | null }, rule = r) => {
    const rs = evaluate(
      input({
        rules: [rule],
        followUps: [
          {
            id: 'f1',
            type: '来信',
            raisedOn: '2026-03-02',
            completedOn: fu.feedbackOn ?? fu.closedOn ?? null,
            feedbackOn: fu.feedbackOn ?? null,
            closedOn: fu.closedOn ?? null,
            extendedTo: fu.extendedTo ?? null,
          },
        ],
        asOf: '2026-06-30',
        selection: { year: 2026 },
      }),
    );
    const by = (st: string) => rs.find((x) => x.stage === st)!;
    return { reply: by('reply'), close: by('close') };
  };

  it('replied on the 5th and closed on the 16th → both stages met, each on its own date', () => {
    const { reply, close } = run({ feedbackOn: '2026-03-05', closedOn: '2026-03-16' });
    expect([reply.period.end, reply.status]).toEqual(['2026-03-05', 'met']);
    expect([close.period.end, close.status]).toEqual(['2026-03-16', 'met']);
  });

  it('replied on the 6th and closed on the 17th → both missed by one working day', () => {
    const { reply, close } = run({ feedbackOn: '2026-03-06', closedOn: '2026-03-17' });
    expect([reply.status, close.status]).toEqual(['missed', 'missed']);
  });

  it('extended to the 20th and closed on the 19th → met; the period ends on the extended date', () => {
    const { close } = run({ feedbackOn: '2026-03-04', closedOn: '2026-03-19', extendedTo: '2026-03-20' });
    expect([close.period.end, close.status]).toEqual(['2026-03-20', 'met']);
  });

  it('extended to the 31st, beyond the 5 days allowed → judged against the 23rd, with a note', () => {
    const { close } = run({ feedbackOn: '2026-03-04', closedOn: '2026-03-24', extendedTo: '2026-03-31' });
    expect([close.period.end, close.status]).toEqual(['2026-03-23', 'missed']);
    expect(close.warnings?.[0]).toContain('超过制度允许的最长延期');
  });

  it('closed on the 4th with no reply date → the close is also the first reply', () => {
    const { reply } = run({ closedOn: '2026-03-04' });
    expect(reply.status).toBe('met');
  });

  it('a reply on the 10th does not close the item: judged on the close date (20th) it is missed; the first model’s reading accepted it', () => {
    const single = R({
      ...base,
      kind: 'deadline',
      who: { scope: 'institution' },
      events: ['来信'],
      within: 10,
      on: 'close',
    });
    expect(run({ feedbackOn: '2026-03-10', closedOn: '2026-03-20' }, single).close.status).toBe('missed');
    const legacy = R({ ...base, kind: 'deadline', who: { scope: 'institution' }, events: ['来信'], within: 10 });
    const rs = evaluate(
      input({
        rules: [legacy],
        followUps: [{ id: 'f1', type: '来信', raisedOn: '2026-03-02', completedOn: '2026-03-10' }],
        asOf: '2026-06-30',
        selection: { year: 2026 },
      }),
    );
    expect(rs[0]!.status).toBe('met');
  });

  it('extended exactly to the last day allowed (the 23rd) → closed that day met, the day after missed', () => {
    const on23 = run({ feedbackOn: '2026-03-04', closedOn: '2026-03-23', extendedTo: '2026-03-23' }).close;
    expect([on23.period.end, on23.status, on23.warnings]).toEqual(['2026-03-23', 'met', undefined]);
    const on24 = run({ feedbackOn: '2026-03-04', closedOn: '2026-03-24', extendedTo: '2026-03-23' }).close;
    expect([on24.period.end, on24.status]).toEqual(['2026-03-23', 'missed']);
  });

  it('an extension moves the close only: the first reply is still due on the 5th', () => {
    const { reply, close } = run({ feedbackOn: '2026-03-06', closedOn: '2026-03-20', extendedTo: '2026-03-20' });
    expect([reply.period.end, reply.status]).toEqual(['2026-03-05', 'missed']);
    expect([close.period.end, close.status]).toEqual(['2026-03-20', 'met']);
  });

  it('a 延期至 on or before the deadline changes nothing', () => {
    const { close } = run({ feedbackOn: '2026-03-04', closedOn: '2026-03-17', extendedTo: '2026-03-16' });
    expect([close.period.end, close.status]).toEqual(['2026-03-16', 'missed']);
  });

  it('an extension of at most 5 calendar days: to Saturday the 21st at the latest', () => {
    const cal = R({ ...r, extension: { max: 5, dayKind: 'calendarDays' } } as RuleInput);
    const on21 = run({ feedbackOn: '2026-03-04', closedOn: '2026-03-21', extendedTo: '2026-03-21' }, cal).close;
    expect([on21.period.end, on21.status]).toEqual(['2026-03-21', 'met']);
    const on23 = run({ feedbackOn: '2026-03-04', closedOn: '2026-03-23', extendedTo: '2026-03-23' }, cal).close;
    expect([on23.period.end, on23.status]).toEqual(['2026-03-21', 'missed']);
    expect(describeRule(cal)).toContain('延期不超过5日');
  });

  it('a rule that allows no extension judges on the deadline and says the extension does not count', () => {
    const none = R({ ...r, extension: undefined } as RuleInput);
    const { close } = run({ feedbackOn: '2026-03-04', closedOn: '2026-03-20', extendedTo: '2026-03-20' }, none);
    expect([close.period.end, close.status]).toEqual(['2026-03-16', 'missed']);
    expect(close.warnings).toEqual(['延期至2026年3月20日，本要求未规定可以延期，按原期限2026年3月16日计']);
  });

  it('reads “来信应在3个工作日内首次答复、10个工作日内办结，经批准可延期，延期不超过5个工作日”', () => {
    expect(describeRule(r)).toBe(
      '来信应在3个工作日内首次答复、10个工作日内办结，经批准可延期，延期不超过5个工作日（测试 第一条）',
    );
  });
});

describe('a duty done ahead of each duty day (县 第三条: 接待日的5日前通知，接待前一天汇报)', () => {
  // Duty on the 15th, moved to the next working day: 24 February 2026 (Spring Festival), Monday 16 March,
  // Wednesday 15 April.
  const duty = { daysOfMonth: [15], onHoliday: 'next' as const };
  const notice = R({
    ...base,
    kind: 'task',
    who: { scope: 'institution', label: '县信访局' },
    activityTypes: ['通知接待'],
    period: 'month',
    before: { pattern: duty, min: 5 },
  });
  const report = (dayKind?: 'workdays') =>
    R({
      ...base,
      kind: 'task',
      who: { scope: 'institution', label: '县信访局' },
      activityTypes: ['汇报预约情况'],
      period: 'month',
      before: { pattern: duty, min: 1, max: 1, ...(dayKind ? { dayKind } : {}) },
    });
  const run = (rule: Rule, records: ReturnType<typeof rec>[], asOf = '2026-04-30', month = '03') =>
    evaluate(
      input({
        rules: [rule],
        records,
        asOf,
        selection: { from: `2026-${month}-01`, to: `2026-${month}-${month === '04' ? '30' : '31'}` },
      }),
    )[0]!;

  it('a notice on 11 March, five days before Monday the 16th, is in time; on the 12th it is late', () => {
    const inTime = run(notice, [rec('2026-03-11', '通知接待', [])]);
    expect([inTime.required, inTime.achieved, inTime.status]).toEqual([1, 1, 'met']);
    const late = run(notice, [rec('2026-03-12', '通知接待', [])]);
    expect([late.achieved, late.status, late.missing]).toEqual([0, 'missed', ['2026-03-16']]);
  });

  it('a notice on 24 February (the previous duty day) is not one for March; from the 25th it is', () => {
    expect(run(notice, [rec('2026-02-24', '通知接待', [])]).status).toBe('missed');
    expect(run(notice, [rec('2026-02-25', '通知接待', [])]).status).toBe('met');
  });

  it('in April: on the 9th nothing is due yet (进行中); after the 10th with no notice it is 预警 naming the 15th', () => {
    expect(run(notice, [], '2026-04-09', '04').status).toBe('open');
    const late = run(notice, [], '2026-04-11', '04');
    expect([late.status, late.missing]).toEqual(['behind', ['2026-04-15']]);
  });

  it('“接待前一天”: Sunday 15 March counts for Monday the 16th, Saturday the 14th does not', () => {
    expect(run(report(), [rec('2026-03-15', '汇报预约情况', [])]).status).toBe('met');
    expect(run(report(), [rec('2026-03-14', '汇报预约情况', [])]).status).toBe('missed');
  });

  it('counted in working days the day before Monday the 16th is Friday the 13th', () => {
    expect(run(report('workdays'), [rec('2026-03-13', '汇报预约情况', [])]).status).toBe('met');
    expect(run(report('workdays'), [rec('2026-03-15', '汇报预约情况', [])]).status).toBe('missed');
  });

  it('one record serves one duty day: a single notice in March does not cover both the 16th and April', () => {
    const rs = evaluate(
      input({
        rules: [notice],
        records: [rec('2026-03-02', '通知接待', [])],
        asOf: '2026-04-30',
        selection: { from: '2026-03-01', to: '2026-04-30' },
      }),
    );
    expect(rs.map((x) => [x.period.label, x.status])).toEqual([
      ['2026年3月', 'met'],
      ['2026年4月', 'missed'],
    ]);
  });

  it('reads as the regulation does', () => {
    expect(describeRule(notice)).toBe(
      '县信访局于每月15日（遇节假日顺延至下一个工作日）值班日前至少5日通知接待（测试 第一条）',
    );
    expect(describeRule(report())).toBe(
      '县信访局于每月15日（遇节假日顺延至下一个工作日）值班日前1日汇报预约情况（测试 第一条）',
    );
  });
});

describe('the heads of the departments a duty handed problems to take part (涉及的乡镇、部门负责人一同参加)', () => {
  const r = (involved: { cadres?: { roles?: string[] } } = {}) =>
    R({
      ...base,
      kind: 'roster',
      who: { label: '县领导', cadres: { levels: ['县级'] } },
      activityTypes: ['接待日'],
      pattern: { daysOfMonth: [15], onHoliday: 'next' },
      period: 'month',
      involved,
    });
  const cadres = [
    cadre('c1', '赵县长', { level: '县级', unitId: 'u0' }),
    cadre('c5', '钱镇长', { level: '乡科级', unitId: 'u1', roles: ['镇长'] }),
    cadre('c6', '孙副镇长', { level: '乡科级', unitId: 'u1', roles: ['副镇长'] }),
  ];
  const units = [
    { id: 'u0', name: '县政府', category: '县直机关' },
    { id: 'u1', name: '城关镇', category: '乡镇' },
  ];
  const run = (rule: Rule, cadreIds: string[], handedTo: string | null = 'u1') =>
    evaluate(
      input({
        rules: [rule],
        cadres,
        units,
        records: [rec('2026-03-16', '接待日', cadreIds, { id: 'd1' })],
        followUps: handedTo
          ? [
              {
                id: 'f1',
                type: '接待日',
                raisedOn: '2026-03-16',
                completedOn: null,
                recordId: 'd1',
                departmentId: handedTo,
              },
            ]
          : [],
        asOf: '2026-04-30',
        selection: { from: '2026-03-01', to: '2026-03-31' },
      }),
    )[0]!;

  it('a problem handed to 城关镇 and nobody of 城关镇 at the reception → not held, the town named', () => {
    const res = run(r(), ['c1']);
    expect([res.achieved, res.status, res.missing]).toEqual([0, 'missed', undefined]);
    expect(res.warnings).toEqual(['2026年3月16日：涉及的城关镇负责人未一同参加']);
  });

  it('the town head received with the county leader → held', () => {
    expect(run(r(), ['c1', 'c5']).status).toBe('met');
  });

  it('no problem handed to anyone that day → held by the county leader alone', () => {
    expect(run(r(), ['c1'], null).status).toBe('met');
  });

  it('when the rule names 镇长, a deputy does not count', () => {
    expect(run(r({ cadres: { roles: ['镇长'] } }), ['c1', 'c6']).status).toBe('missed');
    expect(run(r({ cadres: { roles: ['镇长'] } }), ['c1', 'c5']).status).toBe('met');
  });

  it('reads as the regulation does', () => {
    expect(describeRule(r())).toBe(
      '县领导每月15日（遇节假日顺延至下一个工作日）轮流接待日，涉及的承办单位负责人一同参加（测试 第一条）',
    );
    expect(describeRule(r({ cadres: { roles: ['镇长'] } }))).toContain('涉及的承办单位镇长一同参加');
  });
});

describe('two thresholds at once', () => {
  const r = R({
    ...base,
    kind: 'frequency',
    who: { label: '校领导' },
    counts: { activityTypes: ['听课'] },
    period: 'month',
    min: 2,
    also: [{ period: 'semester', quantity: 'hours', min: 8 }],
  });
  const run = (hours: number) =>
    evaluate(
      input({
        rules: [r],
        cadres: [cadre('c1', '赵敏')],
        records: [
          rec('2026-03-03', '听课', ['c1'], { hours: 2 }),
          rec('2026-03-10', '听课', ['c1'], { hours: 2 }),
          rec('2026-04-07', '听课', ['c1'], { hours: 2 }),
          rec('2026-04-14', '听课', ['c1'], { hours }),
        ],
        asOf: '2026-08-31',
        selection: { from: '2026-03-01', to: '2026-04-30' },
      }),
    );

  it('two classes in March and in April, 8 学时 in the semester → every row met', () => {
    const rs = run(2);
    expect(rs.map((x) => [x.period.label, x.achieved, x.unit, x.status])).toEqual([
      ['2026年3月', 2, '次', 'met'],
      ['2026年4月', 2, '次', 'met'],
      ['2025-2026学年第二学期', 8, '学时', 'met'],
    ]);
  });

  it('the same with 7.5 学时 → the months met, the semester missed', () => {
    const rs = run(1.5);
    expect(rs.map((x) => x.status)).toEqual(['met', 'met', 'missed']);
  });

  it('a cadre outside the who-set gets one 不适用 row, not one per threshold', () => {
    const narrow = R({ ...r, who: { label: '书记', cadres: { roles: ['党委书记'] } } } as RuleInput);
    const rs = evaluate(
      input({ rules: [narrow], cadres: [cadre('c1', '赵敏')], asOf: '2026-08-31', selection: { year: 2026 } }),
    );
    expect(rs.map((x) => x.status)).toEqual(['n/a']);
  });

  it('reads “每月听课不少于2次，且每学期累计不少于8学时”', () => {
    expect(describeRule(r)).toBe('每位校领导每月听课不少于2次，且每学期累计不少于8学时（测试 第一条）');
  });
});

describe('exemptions stated positively', () => {
  const units = [
    { id: 'u1', name: '党委办公室', category: '机关部门' },
    { id: 'u2', name: '文学院', category: '学院' },
  ];
  const cadres = [
    cadre('c1', '赵敏', { roles: ['党委书记'], unitId: 'u2' }),
    cadre('c2', '钱伟', { roles: ['副校长'], unitId: 'u1' }),
    cadre('c3', '孙丽', { roles: ['副校长'], unitId: 'u2' }),
    cadre('c4', '李强', { level: '正处级', unitId: 'u2' }),
  ];
  const applies = (except: Record<string, string[]>) =>
    evaluate(
      input({
        rules: [
          R({
            ...base,
            kind: 'frequency',
            who: { cadres: { except } },
            counts: { activityTypes: ['听课'] },
            period: 'calendarYear',
            min: 1,
          }),
        ],
        cadres,
        units,
        asOf: '2026-06-30',
        selection: { year: 2026 },
      }),
    )
      .filter((x) => x.status !== 'n/a')
      .map((x) => x.cadreId);

  it('except a role, a unit category, a unit, a level', () => {
    expect(applies({ roles: ['党委书记'] })).toEqual(['c2', 'c3', 'c4']);
    expect(applies({ unitCategories: ['机关部门'] })).toEqual(['c1', 'c3', 'c4']);
    expect(applies({ unitIds: ['u2'] })).toEqual(['c2']);
    expect(applies({ levels: ['正处级'] })).toEqual(['c1', 'c2', 'c3']);
  });

  it('the first model’s excludeRoles is read as except.roles', () => {
    expect(normalizeCadreFilter({ levels: ['校级'], excludeRoles: ['党委书记', '校长'] })).toEqual({
      levels: ['校级'],
      except: { roles: ['党委书记', '校长'] },
    });
    const r = R({
      ...base,
      kind: 'frequency',
      who: { cadres: { excludeRoles: ['党委书记'] } },
      period: 'month',
      min: 1,
    });
    expect(r.who.cadres).toEqual({ except: { roles: ['党委书记'] } });
  });

  it('reads “校级（党委书记、校长除外）” and names excepted units', () => {
    const r = R({
      ...base,
      kind: 'frequency',
      who: { cadres: { levels: ['校级'], except: { roles: ['党委书记', '校长'], unitIds: ['u1'] } } },
      counts: { activityTypes: ['讲思政课'] },
      quantity: 'hours',
      period: 'semester',
      min: 2,
    });
    expect(describeRule(r, { unit: (id) => units.find((u) => u.id === id)?.name })).toBe(
      '每位校级（党委办公室、党委书记、校长除外）每学期讲思政课不少于2学时（测试 第一条）',
    );
  });
});

describe('every member of a set of cadres has a contact', () => {
  const r = R({
    ...base,
    kind: 'coverage',
    who: { label: '党委书记', cadres: { roles: ['党委书记'] } },
    counts: { activityTypes: ['谈心谈话'] },
    members: { cadres: { levels: ['校级'] } },
    period: 'calendarYear',
  });
  const cadres = [
    cadre('c1', '赵敏', { roles: ['党委书记'] }),
    cadre('c2', '钱伟'),
    cadre('c3', '孙丽'),
    cadre('c4', '李强', { level: '正处级' }),
  ];

  it('赵敏 talked with 钱伟 (a joint record) but not 孙丽 → 1 of 2 班子成员; 李强 is not in the set', () => {
    const rs = evaluate(
      input({
        rules: [r],
        cadres,
        records: [rec('2026-05-06', '谈心谈话', ['c1', 'c2']), rec('2026-05-07', '谈心谈话', ['c1', 'c4'])],
        asOf: '2027-01-31',
        selection: { year: 2026 },
      }),
    );
    const zhao = rs.find((x) => x.cadreId === 'c1')!;
    expect([zhao.required, zhao.achieved, zhao.status]).toEqual([2, 1, 'missed']);
  });

  it('reads “每年与每位校级谈心谈话不少于1次”', () => {
    expect(describeRule(r)).toBe('每位党委书记每年与每位校级谈心谈话不少于1次（测试 第一条）');
  });
});

describe('a due date moved off a holiday', () => {
  const task = (dueOnHoliday?: 'next' | 'previous') =>
    R({
      ...base,
      kind: 'task',
      who: { scope: 'institution' },
      activityTypes: ['公示'],
      period: 'calendarYear',
      due: '05-01',
      ...(dueOnHoliday ? { dueOnHoliday } : {}),
    });
  const run = (rule: Rule, date: string) =>
    evaluate(
      input({ rules: [rule], records: [rec(date, '公示', [])], asOf: '2026-12-31', selection: { year: 2026 } }),
    )[0]!;

  it('due 1 May 2026 (劳动节, off to the 5th): moved to Wednesday the 6th, so a notice that day is in time', () => {
    expect(run(task('next'), '2026-05-06').status).toBe('met');
    expect(run(task(), '2026-05-06').status).toBe('missed');
    expect(run(task('previous'), '2026-04-30').status).toBe('met');
    expect(run(task('previous'), '2026-05-06').status).toBe('missed');
  });
});

describe('maximum interval between consecutive contacts', () => {
  const every30 = R({
    ...base,
    kind: 'interval',
    who: { label: '镇领导' },
    counts: { activityTypes: ['走访'] },
    maxGap: 30,
  });
  const zhao = cadre('c1', '赵敏');
  const run = (dates: string[], opts: { asOf?: string; rule?: Rule; from?: string; to?: string } = {}) =>
    evaluate(
      input({
        rules: [opts.rule ?? every30],
        cadres: [zhao],
        records: dates.map((d) => rec(d, '走访', ['c1'])),
        asOf: opts.asOf ?? '2026-06-30',
        selection: { from: opts.from ?? '2026-01-01', to: opts.to ?? '2026-03-31' },
      }),
    )[0]!;

  it('contacts on 31 January and 2 March are 30 days apart (February has 28) → met; 3 March is 31 → missed', () => {
    const ok = run(['2026-01-31', '2026-03-02']);
    expect([ok.achieved, ok.required, ok.unit, ok.status]).toEqual([30, 30, '天', 'met']);
    const late = run(['2026-01-31', '2026-03-03']);
    expect([late.achieved, late.status]).toEqual([31, 'missed']);
    expect(late.gaps).toEqual([
      { objectId: null, last: '2026-01-31', next: '2026-03-03', days: 31, overdueFrom: '2026-03-03' },
    ]);
  });

  it('with no contact before, the first one is due within 30 days of the start: 31 January is on time, 1 February is not', () => {
    expect(run(['2026-01-31', '2026-03-02']).status).toBe('met');
    const r = run(['2026-02-01', '2026-03-02']);
    expect([r.status, r.gaps?.[0]?.last, r.gaps?.[0]?.days]).toEqual(['missed', null, 31]);
  });

  it('the first gap runs from the last contact of the year before: 20 December → 25 January is 36 days → missed', () => {
    const r = run(['2025-12-20', '2026-01-25', '2026-02-20', '2026-03-20']);
    expect([r.status, r.gaps?.[0]?.last, r.gaps?.[0]?.overdueFrom]).toEqual(['missed', '2025-12-20', '2026-01-20']);
    const ok = run(['2025-12-26', '2026-01-25', '2026-02-20', '2026-03-20']);
    expect(ok.status).toBe('met');
  });

  it('a gap that overran in the year before and is still open on 1 January is missed in the new year too', () => {
    const r = run(['2025-11-01', '2026-01-10', '2026-02-05', '2026-03-05']);
    expect([r.status, r.gaps?.[0]?.overdueFrom]).toEqual(['missed', '2026-01-01']);
  });

  it('at the end: 10 March → 31 March is 21 days, not yet too long → met; the rest of that gap is judged in the next period', () => {
    expect(run(['2026-01-20', '2026-02-15', '2026-03-10']).status).toBe('met');
  });

  it('while running: 5 days left before the 30 are up → 预警; 10 days left → 进行中; past them → 未达标', () => {
    expect(run(['2026-01-31'], { asOf: '2026-02-25' }).status).toBe('behind');
    expect(run(['2026-01-31'], { asOf: '2026-02-20' }).status).toBe('open');
    expect(run(['2026-01-31'], { asOf: '2026-03-03' }).status).toBe('missed');
  });

  it('in working days: after Friday 3 April (清明 4–6 April) the fifth working day is Monday the 13th', () => {
    const wd = R({ ...every30, maxGap: 5, dayKind: 'workdays' } as RuleInput);
    const at = (d: string) =>
      run(['2026-04-03', d], { rule: wd, from: '2026-04-01', to: '2026-04-14', asOf: '2026-04-14' });
    expect(at('2026-04-13').status).toBe('met');
    expect(at('2026-04-14').status).toBe('missed');
    expect(at('2026-04-14').gaps?.[0]?.days).toBe(6);
  });

  it('per object: the village 李村 was visited every month, 王村 never → missed, naming 王村', () => {
    const r = R({
      ...base,
      kind: 'interval',
      who: { label: '镇领导' },
      counts: { activityTypes: ['走访'], objects: { categories: ['村（社区）'], among: 'assignments' } },
      maxGap: 45,
      per: 'object',
    });
    const rs = evaluate(
      input({
        rules: [r],
        cadres: [zhao],
        objects: [
          { id: 'o1', name: '李村', category: '村（社区）', unitId: null },
          { id: 'o2', name: '王村', category: '村（社区）', unitId: null },
        ],
        assignments: [
          { id: 'a1', year: 2026, cadreId: 'c1', objectId: 'o1' },
          { id: 'a2', year: 2026, cadreId: 'c1', objectId: 'o2', startDate: '2026-02-01' },
        ],
        records: ['2026-01-20', '2026-02-25', '2026-03-30'].map((d) => rec(d, '走访', ['c1'], { objectIds: ['o1'] })),
        asOf: '2026-06-30',
        selection: { from: '2026-01-01', to: '2026-03-31' },
      }),
    );
    const res: EvalResult = rs[0]!;
    expect(res.status).toBe('missed');
    // 王村 is held from 1 February: 45 days later is 18 March, so from 19 March it is overdue.
    expect(res.gaps).toEqual([{ objectId: 'o2', last: null, next: null, days: 58, overdueFrom: '2026-03-19' }]);
    expect(describeRule(r)).toBe(
      '每位镇领导对每个所联系的村（社区）走访，同一对象相邻两次间隔不超过45日（测试 第一条）',
    );
  });

  it('reads “走访，相邻两次间隔不超过30日”', () => {
    expect(describeRule(every30)).toBe('每位镇领导走访，相邻两次间隔不超过30日（测试 第一条）');
  });
});

describe('a rule that contradicts itself is refused, the field named in Chinese', () => {
  const refused = (body: unknown): string => {
    try {
      validateRule(body, '新增要求');
    } catch (e) {
      if (isLedgerError(e)) return e.message;
      throw e;
    }
    return '（未拒绝）';
  };
  const freq = { ...base, kind: 'frequency', counts: { activityTypes: ['听课'] }, period: 'month' };

  it('min above max', () => {
    expect(refused({ ...freq, min: 3, max: 2 })).toBe('新增要求：「至多」不能小于“至少”（3）');
  });
  it('an empty who-list', () => {
    expect(refused({ ...freq, min: 1, who: { cadres: { levels: [] } } })).toBe(
      '新增要求：「级别」请至少选择一项，或不设此条件',
    );
  });
  it('a deadline of 0 days', () => {
    expect(refused({ ...base, kind: 'deadline', events: ['来信'], within: 0 })).toBe('新增要求：「期限」至少为1');
  });
  it('a period the kind cannot have', () => {
    expect(refused({ ...base, kind: 'roster', activityTypes: ['接待日'], pattern: {}, period: 'termOfOffice' })).toBe(
      '新增要求：「周期」排班要求不能以“任期内”为周期',
    );
    expect(refused({ ...freq, min: 1, period: 'window' })).toBe('新增要求：「节日时段」周期为节日时段时，请选择节日');
    expect(refused({ ...freq, min: 1, collective: true, period: 'termOfOffice' })).toBe(
      '新增要求：「周期」频次要求由单位或集体完成时不能以“任期内”为周期',
    );
  });
  it('a reply stage longer than the close', () => {
    expect(refused({ ...base, kind: 'deadline', events: ['来信'], within: 5, reply: { within: 10 } })).toBe(
      '新增要求：「答复期限」不能长于办结期限（5）',
    );
  });
  it('a duty done ahead of duty days that contradicts itself', () => {
    const task = { ...base, kind: 'task', activityTypes: ['通知接待'], period: 'month' };
    const before = { pattern: { daysOfMonth: [15] }, min: 5 };
    expect(refused({ ...task, due: '01-15', before })).toBe(
      '新增要求：「截止日期」已设“值班日前办理”时不能再设截止日期，请只用其中一种',
    );
    expect(refused({ ...task, before: { ...before, max: 3 } })).toBe('新增要求：「至多提前」不能小于“至少提前”（5）');
    expect(refused({ ...task, before: { ...before, pattern: {} } })).toBe('新增要求：「值班日」请选择值班的日期或星期');
    expect(refused({ ...task, before: { ...before, min: 0 } })).toBe('新增要求：「至少提前」至少为1');
  });
  it('no amount at all', () => {
    expect(refused(freq)).toBe('新增要求：「至少」请填写“至少”或“至多”');
  });
  it('an unknown kind', () => {
    expect(refused({ ...base, kind: 'often' })).toMatch(/^新增要求：「类型」应为频次（frequency）/);
  });
  it('a sound rule passes with its defaults filled in', () => {
    const r = validateRule({ ...freq, min: 1 });
    expect(r.kind === 'frequency' && r.quantity).toBe('count');
  });
});

describe('the sentence of a rule', () => {
  it('an activity named after the place it happens in is not said twice: 到所联系的班级开展班级活动', () => {
    const at = (activityTypes: string[]) =>
      describeRule(
        R({
          ...base,
          kind: 'frequency',
          who: { scope: 'cadre', label: '副处级以上干部' },
          counts: { activityTypes, objects: { categories: ['班级'], among: 'assignments' } },
          period: 'semester',
          min: 1,
        }),
      );
    expect(at(['班级活动'])).toBe('每位副处级以上干部每学期到所联系的班级开展班级活动不少于1次（测试 第一条）');
    expect(at(['听课'])).toBe('每位副处级以上干部每学期到所联系的班级听课不少于1次（测试 第一条）');
  });
});
