// Issue 10, the figures a secretary must be able to defend: as-of is inclusive in every rule kind, coverage
// names who was not reached, a quota's `required` is its minimum, a cadre is not in his own coverage set,
// a limit is told apart from a minimum, a rota names the days without a record, and a deadline item is
// settled by a visit to the objects of the record it came from.
import { describe, expect, it } from 'vitest';
import { followUpKind } from '../../../shared/domain/follow-up';
import { evaluate, judge, type EvalObject, type EvalResult, type Period, type Rule } from '../../../shared/rules';
import { cadre, input, rec, ruleOf } from './fixtures';

const zhao = cadre('c1', '赵敏', { level: '校级', roles: ['党委书记'], unitId: 'u1' });
const march: Period = { kind: 'month', label: '2026年3月', start: '2026-03-01', end: '2026-03-31' };
const at = (rs: EvalResult[], start: string) => rs.find((r) => r.period.start === start)!;

describe('as-of is inclusive: a period whose last day is the as-of date is over at the end of that day', () => {
  it('judge: on 31 March a once-a-month duty not done is 未达标, done is 达标 — never 预警', () => {
    expect(judge(1, 0, march, '2026-03-31')).toBe('missed');
    expect(judge(1, 1, march, '2026-03-31')).toBe('met');
    expect(judge(1, 0, march, '2026-03-30')).toBe('behind');
  });

  it('frequency (003 四.3 每月听课): March judged on 31 March → missed; a class that day → met', () => {
    const rule = ruleOf('003', '003-4.3');
    const fc = cadre('c1', '赵敏', { level: '副处级' });
    const run = (records = [rec('2026-03-31', '听课', ['c1'])]) =>
      at(
        evaluate(input({ rules: [rule], cadres: [fc], records, asOf: '2026-03-31', selection: { year: 2026 } })),
        '2026-03-01',
      );
    expect(run([]).status).toBe('missed');
    expect(run().status).toBe('met');
  });

  it('coverage (002 第八条 每年到所联系学院): on 31 December an unvisited college → missed', () => {
    const rule = ruleOf('002', '002-8b');
    const o: EvalObject = { id: 'o1', name: '机械学院', category: '学院', unitId: null };
    const rs = evaluate(
      input({
        rules: [rule],
        cadres: [zhao],
        objects: [o],
        assignments: [{ id: 'a1', year: 2026, cadreId: 'c1', objectId: 'o1' }],
        asOf: '2026-12-31',
        selection: { year: 2026 },
      }),
    );
    expect(rs[0]!.status).toBe('missed');
  });

  it('quota (002 第二十三条 联系1个党支部): none held on 31 December → missed', () => {
    const rule = ruleOf('002', '002-23a');
    const rs = evaluate(input({ rules: [rule], cadres: [zhao], asOf: '2026-12-31', selection: { year: 2026 } }));
    expect(rs[0]!.status).toBe('missed');
  });

  it('task (000 一.4 三月公示): nothing published by 31 March, judged that day → missed', () => {
    const rule = ruleOf('000', '000-1.4');
    const rs = evaluate(input({ rules: [rule], asOf: '2026-03-31', selection: { year: 2026 } }));
    expect(rs[0]!.status).toBe('missed');
  });

  it('roster (002 第十一条 每周三): on Wednesday 25 March with no record that day, the day is due and named', () => {
    const rule = ruleOf('002', '002-11');
    const wednesdays = ['2026-03-04', '2026-03-11', '2026-03-18'];
    const rs = evaluate(
      input({
        rules: [rule],
        cadres: [zhao],
        records: wednesdays.map((d) => rec(d, '接待日', ['c1'])),
        asOf: '2026-03-25',
        selection: { year: 2026 },
      }),
    );
    const m = at(rs, '2026-03-01');
    expect([m.required, m.achieved, m.status]).toEqual([4, 3, 'behind']);
    expect(m.missing).toEqual(['2026-03-25']);
  });

  it('deadline (002 第十二条): feedback due 26 Feb not given by the end of 26 Feb → missed that day', () => {
    const rule = ruleOf('002', '002-12');
    const rs = evaluate(
      input({
        rules: [rule],
        followUps: [{ id: 'f1', type: '接待日', raisedOn: '2026-02-12', completedOn: null }],
        asOf: '2026-02-26',
        selection: { year: 2026 },
      }),
    );
    expect([rs[0]!.period.end, rs[0]!.status, rs[0]!.followUpId]).toEqual(['2026-02-26', 'missed', 'f1']);
  });
});

describe('coverage names who was not reached', () => {
  it('赵敏 holds 机械学院 and 计算机学院 and visited only 机械学院 → 1 of 2, 计算机学院 named', () => {
    const rule = ruleOf('002', '002-8b');
    const objects: EvalObject[] = [
      { id: 'o1', name: '机械学院', category: '学院', unitId: null },
      { id: 'o2', name: '计算机学院', category: '学院', unitId: null },
    ];
    const rs = evaluate(
      input({
        rules: [rule],
        cadres: [zhao],
        objects,
        assignments: [
          { id: 'a1', year: 2026, cadreId: 'c1', objectId: 'o1' },
          { id: 'a2', year: 2026, cadreId: 'c1', objectId: 'o2' },
        ],
        records: [rec('2026-04-02', '调研', ['c1'], { id: 'r-visit', objectIds: ['o1'] })],
        asOf: '2026-12-31',
        selection: { year: 2026 },
      }),
    );
    expect([rs[0]!.required, rs[0]!.achieved, rs[0]!.evidence, rs[0]!.missing]).toEqual([2, 1, ['r-visit'], ['o2']]);
  });

  it('collective (000 三.1): the 老同志 no leader visited at 教师节 is named', () => {
    const rule = ruleOf('000', '000-3.1a');
    const objects: EvalObject[] = [
      { id: 'o1', name: '王老', category: '离休老同志', unitId: null },
      { id: 'o2', name: '陈教授', category: '老教授', unitId: null },
    ];
    const rs = evaluate(
      input({
        rules: [rule],
        cadres: [zhao],
        objects,
        records: [rec('2025-09-08', '慰问', ['c1'], { objectIds: ['o1'] })],
        asOf: '2025-12-31',
        selection: { year: 2025 },
      }),
    );
    expect(rs.find((r) => r.period.label === '2025年教师节')!.missing).toEqual(['o2']);
  });
});

describe('a cadre entered also as a contact object is not in his own coverage set', () => {
  it('002 第二十一条: 赵敏 talked with 钱伟, the other 班子成员 → met; 赵敏 (also a 班子成员 object) is not owed a talk', () => {
    const rule = ruleOf('002', '002-21');
    const objects: EvalObject[] = [
      { id: 'o1', name: '赵敏', category: '班子成员', unitId: 'u1' },
      { id: 'o2', name: '钱伟', category: '班子成员', unitId: 'u1' },
    ];
    const rs = evaluate(
      input({
        rules: [rule],
        cadres: [zhao],
        objects,
        records: [rec('2026-05-06', '谈心谈话', ['c1'], { objectIds: ['o2'] })],
        asOf: '2026-12-31',
        selection: { year: 2026 },
      }),
    );
    expect([rs[0]!.required, rs[0]!.achieved, rs[0]!.status, rs[0]!.missing]).toEqual([1, 1, 'met', undefined]);
  });
});

describe('a quota row reports the minimum, not the number of slots', () => {
  it('004 2.1 “一联五”: 1 村, 1 老党员, 1 致富带头人, 1 贫困户 and 3 of 5 普通群众 → 7 of 9', () => {
    const rule = ruleOf('004', '004-2.1b');
    const k = cadre('c1', '孙镇长', { level: '镇级' });
    const cats = ['村（社区）', '老党员', '致富带头人', '贫困户', '普通群众', '普通群众', '普通群众'];
    const objects: EvalObject[] = cats.map((c, i) => ({ id: `o${i}`, name: `对象${i}`, category: c, unitId: null }));
    const rs = evaluate(
      input({
        rules: [rule],
        cadres: [k],
        objects,
        assignments: objects.map((o, i) => ({ id: `a${i}`, year: 2026, cadreId: 'c1', objectId: o.id })),
        asOf: '2026-12-31',
        selection: { year: 2026 },
      }),
    );
    expect([rs[0]!.required, rs[0]!.achieved, rs[0]!.status]).toEqual([9, 7, 'missed']);
  });

  it('002 第八条 1—3个学院 and 1 班级: 3 学院 and no 班级 → 1 of 2 (the extra 学院 do not fill the 班级)', () => {
    const rule = ruleOf('002', '002-8a');
    const objects: EvalObject[] = [0, 1, 2].map((i) => ({
      id: `o${i}`,
      name: `学院${i}`,
      category: '学院',
      unitId: null,
    }));
    const rs = evaluate(
      input({
        rules: [rule],
        cadres: [zhao],
        objects,
        assignments: objects.map((o, i) => ({ id: `a${i}`, year: 2026, cadreId: 'c1', objectId: o.id })),
        asOf: '2026-06-30',
        selection: { year: 2026 },
      }),
    );
    expect([rs[0]!.required, rs[0]!.achieved, rs[0]!.status]).toEqual([2, 1, 'behind']);
  });
});

describe('a limit is not a minimum', () => {
  it('004 2.4 随行人员不超过3人: required 0, at most 0 records with more than 3; one with 5 → missed', () => {
    const rule = ruleOf('004', '004-2.4');
    const k = cadre('c1', '孙镇长', { level: '镇级' });
    const run = (companions: number) =>
      evaluate(
        input({
          rules: [rule],
          cadres: [k],
          records: [rec('2026-04-01', '走访', ['c1'], { companions })],
          asOf: '2026-12-31',
          selection: { year: 2026 },
        }),
      )[0]!;
    expect([run(5).required, run(5).max, run(5).achieved, run(5).status]).toEqual([0, 0, 1, 'missed']);
    expect([run(3).achieved, run(3).status]).toEqual([0, 'met']);
  });

  it('004 1.1 每年1—2篇调研报告: required is the minimum 1, the maximum 2 travels with it', () => {
    const rule = ruleOf('004', '004-1.1');
    const rs = evaluate(input({ rules: [rule], cadres: [zhao], asOf: '2026-12-31', selection: { year: 2026 } }));
    expect([rs[0]!.required, rs[0]!.max]).toEqual([1, 2]);
  });
});

describe('deadline items are the ones users create', () => {
  it('an item’s kind is its source record’s type, else its 来源 as written', () => {
    expect(followUpKind('2026-03-05 张三 接待日', '接待日')).toBe('接待日');
    expect(followUpKind('2026-03-05 张三、李四 座谈', null)).toBe('座谈');
    expect(followUpKind('意见箱', null)).toBe('意见箱');
    expect(followUpKind('', null)).toBe('');
  });

  it('every deadline rule of every preset matches a kind a user can create: a 来源 word or the preset’s own type', async () => {
    const { FOLLOW_UP_SOURCES } = await import('../../../shared/domain/follow-up');
    const { loadPreset, PRESET_IDS } = await import('./fixtures');
    for (const id of PRESET_IDS) {
      const p = loadPreset(id);
      const creatable = new Set<string>([...FOLLOW_UP_SOURCES, ...p.vocabulary.activityTypes]);
      for (const r of p.rules as Rule[])
        if (r.kind === 'deadline')
          expect(
            r.events.filter((e) => !creatable.has(e)),
            `${r.id} ${r.title}`,
          ).toEqual([]);
    }
  });

  it('000 三.1 看望 within 7 days: the item from a record about 王老 is settled by a later 看望 of 王老', () => {
    const rule = ruleOf('000', '000-3.1b');
    const o: EvalObject = { id: 'o1', name: '王老', category: '离休老同志', unitId: null };
    const rs = evaluate(
      input({
        rules: [rule],
        cadres: [zhao],
        objects: [o],
        records: [rec('2026-05-08', '看望', ['c1'], { id: 'r-visit', objectIds: ['o1'] })],
        followUps: [{ id: 'f1', type: '住院', raisedOn: '2026-05-06', completedOn: null, objectIds: ['o1'] }],
        asOf: '2026-12-31',
        selection: { year: 2026 },
      }),
    );
    expect([rs[0]!.status, rs[0]!.evidence, rs[0]!.followUpId]).toEqual(['met', ['r-visit'], 'f1']);
  });

  it('000 三.1 without any object to look for: the item’s own completion date settles it', () => {
    const rule = ruleOf('000', '000-3.1b');
    const rs = evaluate(
      input({
        rules: [rule],
        followUps: [{ id: 'f1', type: '住院', raisedOn: '2026-05-06', completedOn: '2026-05-09' }],
        asOf: '2026-12-31',
        selection: { year: 2026 },
      }),
    );
    expect(rs[0]!.status).toBe('met');
  });
});
