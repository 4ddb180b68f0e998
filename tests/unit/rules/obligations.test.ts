// Every measurable rule of the five presets, through the real evaluator: exactly N → met, N − 1 → missed,
// and the last unit moved across the period boundary → missed. Scenarios are built from each rule's own data.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/format/date';
import {
  evaluate,
  patternDates,
  periodsOverlapping,
  type CoverageRule,
  type DeadlineRule,
  type EvalAssignment,
  type EvalCadre,
  type EvalFollowUp,
  type EvalObject,
  type EvalRecord,
  type EvalResult,
  type EvalUnit,
  type FrequencyRule,
  type Period,
  type QuotaRule,
  type RosterRule,
  type Rule,
  type TaskRule,
} from '../../../shared/rules';
import { PRESET_IDS, calendar, input, loadPreset, school, workdays } from './fixtures';

const SEL = { from: '2025-01-01', to: '2026-12-31' };
const AS_OF = '2027-12-31';

interface Scene {
  cadre: EvalCadre;
  unit: EvalUnit;
  objects: EvalObject[];
  assignments: EvalAssignment[];
}

/** 赵敏, who fits the rule's who-filter, in a unit of the category the rule names. */
function scene(rule: Rule): Scene {
  const f = rule.who.cadres;
  const unit: EvalUnit = {
    id: 'u1',
    name: '测试单位',
    category: rule.who.unitCategories?.[0] ?? f.unitCategories?.[0] ?? '学院',
  };
  const term = 'period' in rule && rule.period === 'termOfOffice';
  const cadre: EvalCadre = {
    id: 'c1',
    name: '赵敏',
    level: f.levels?.[0] ?? '校级',
    roles: f.roles?.[0] ? [f.roles[0]] : [],
    unitId: 'u1',
    partyMember: f.partyMember ?? true,
    termStart: term ? '2025-01-01' : null,
    termEnd: term ? '2025-12-31' : null,
  };
  return { cadre, unit, objects: [], assignments: [] };
}

function addObject(s: Scene, category: string, grade: string | null, assign: boolean, year = 2025): EvalObject {
  const o: EvalObject = {
    id: `o${s.objects.length + 1}`,
    name: `对象${s.objects.length + 1}`,
    category,
    unitId: 'u1',
    grade,
  };
  s.objects.push(o);
  if (assign)
    for (const y of [year - 1, year, year + 1, year + 2])
      s.assignments.push({ id: `a${s.assignments.length + 1}`, year: y, cadreId: 'c1', objectId: o.id });
  return o;
}

/** P1 = the first period starting in 2025, P2 = the one after it. */
function twoPeriods(rule: Rule & { period: Period['kind']; windows?: string[] }): [Period, Period | null] {
  if (rule.period === 'termOfOffice')
    return [{ kind: 'termOfOffice', label: '任期', start: '2025-01-01', end: '2025-12-31' }, null];
  const all = periodsOverlapping(rule.period as never, SEL.from, SEL.to, school, rule.windows ?? []);
  const i = all.findIndex((p) => p.start >= '2025-01-01');
  return [all[i]!, all[i + 1] ?? null];
}

function resultFor(results: EvalResult[], rule: Rule, p: Period): EvalResult {
  const unitScope = rule.who.scope === 'unit';
  const collective = ('collective' in rule && rule.collective) || rule.kind === 'roster' || rule.kind === 'task';
  const found = results.find(
    (r) =>
      r.ruleId === rule.id &&
      r.period.start === p.start &&
      (unitScope
        ? r.unitId === 'u1'
        : collective || rule.who.scope === 'institution'
          ? r.cadreId === null
          : r.cadreId === 'c1'),
  );
  if (!found) throw new Error(`no result for ${rule.id} in ${p.label}`);
  return found;
}

function run(rule: Rule, s: Scene, records: EvalRecord[], followUps: EvalFollowUp[] = []): EvalResult[] {
  return evaluate(
    input({
      rules: [rule],
      cadres: [s.cadre],
      units: [s.unit],
      objects: s.objects,
      assignments: s.assignments,
      records,
      followUps,
      asOf: AS_OF,
      selection: SEL,
    }),
  );
}

let seq = 0;
function record(rule: Rule, date: string, types: readonly string[], objectIds: string[]): EvalRecord {
  const pattern = 'counts' in rule ? rule.counts.pattern : rule.kind === 'roster' ? rule.pattern : undefined;
  return {
    id: `r${++seq}`,
    date,
    activityType: types[0] ?? '走访',
    cadreIds: ['c1'],
    objectIds,
    hours: 1,
    days: 1,
    startTime: pattern?.timeFrom ?? null,
    endTime: pattern?.timeTo ?? null,
    unitIds: rule.who.scope === 'unit' ? ['u1'] : undefined,
  };
}

/** Dates in the period on which a record can count: the rule's pattern, and working days for workday runs. */
function dutyDates(rule: FrequencyRule | CoverageRule, p: Period): string[] {
  const pattern = { ...(rule.counts.pattern ?? {}) };
  if (rule.kind === 'frequency' && rule.consecutiveWorkdays) pattern.workdaysOnly = true;
  return patternDates(pattern, p.start, p.end, workdays);
}

// ---------------------------------------------------------------------------------------------- frequency

function frequencyStories(rule: FrequencyRule) {
  const [p1, p2] = twoPeriods(rule);
  const types = rule.counts.activityTypes ?? [];
  const filter = rule.counts.objects;
  const unitWord = { count: '次', hours: '学时', days: '天', distinctObjects: '个对象', consecutiveDays: '天' }[
    rule.quantity
  ];

  function build(dates: string[]): { s: Scene; records: EvalRecord[] } {
    const s = scene(rule);
    const assign = !!filter?.among && filter.among !== 'ownUnit';
    const shared = filter ? addObject(s, filter.categories?.[0] ?? '学院', filter.grades?.[0] ?? null, assign) : null;
    const records = dates.map((d) => {
      if (rule.quantity === 'distinctObjects') {
        const o = addObject(s, filter?.categories?.[0] ?? '群众', filter?.grades?.[0] ?? null, assign);
        return record(rule, d, types, [o.id]);
      }
      return record(rule, d, types, shared ? [shared.id] : []);
    });
    return { s, records };
  }

  /** N for the period: the rule's min, or its share of the period's working days. */
  function needed(p: Period): number {
    if (rule.minShareOfWorkdays === undefined) return rule.min ?? 0;
    return resultFor(run(rule, scene(rule), []), rule, p).required;
  }

  /** n dates of the period on which the records go; repeated when the pattern allows fewer days. */
  function datesIn(p: Period, n: number, fromEnd = false): string[] {
    const all = dutyDates(rule, p);
    if (rule.quantity === 'consecutiveDays' || rule.quantity === 'days' || all.length >= n)
      return fromEnd ? all.slice(all.length - n) : all.slice(0, n);
    return Array.from({ length: n }, (_, i) => all[i % all.length]!);
  }

  const n = needed(p1);
  const who = rule.who.scope === 'unit' ? `测试单位（${rule.who.unitCategories?.[0]}）` : '赵敏';

  it(`${rule.id} ${rule.title}: ${who} reaches exactly ${n}${unitWord} in ${p1.label} → met`, () => {
    const { s, records } = build(datesIn(p1, n));
    const r = resultFor(run(rule, s, records), rule, p1);
    expect([r.required, r.achieved, r.status]).toEqual([n, n, 'met']);
    expect(r.evidence).toHaveLength(records.length);
  });

  it(`${rule.id} ${rule.title}: ${who} reaches ${n - 1}${unitWord} in ${p1.label}, one short → missed`, () => {
    const { s, records } = build(datesIn(p1, n - 1));
    const r = resultFor(run(rule, s, records), rule, p1);
    expect([r.achieved, r.status]).toEqual([n - 1, 'missed']);
  });

  it(`${rule.id} ${rule.title}: ${who}'s last one falls on the first day after ${p1.label} → that period missed`, () => {
    const inside = datesIn(p1, n, true);
    const met = build(inside);
    expect(resultFor(run(rule, met.s, met.records), rule, p1).status).toBe('met');
    const nextDay = p2 ? dutyDates(rule, p2)[0]! : addDays(p1.end, 1);
    const { s, records } = build([...inside.slice(0, n - 1), nextDay]);
    const results = run(rule, s, records);
    expect(resultFor(results, rule, p1).status).toBe('missed');
    if (p2) expect(resultFor(results, rule, p2).achieved).toBeGreaterThanOrEqual(1);
  });

  if (rule.max !== undefined && rule.max > 0) {
    it(`${rule.id} ${rule.title}: ${who} goes over the maximum with ${rule.max + 1}${unitWord} → missed`, () => {
      const { s, records } = build(datesIn(p1, rule.max! + 1));
      expect(resultFor(run(rule, s, records), rule, p1).status).toBe('missed');
    });
  }
}

// ---------------------------------------------------------------------------------------------- coverage

function coverageStories(rule: CoverageRule) {
  const [p1, p2] = twoPeriods(rule);
  const types = rule.counts.activityTypes ?? [];
  const filter = rule.counts.objects ?? {};
  const K = 3;
  const required = Math.ceil(K * rule.fraction - 1e-9);
  const who = rule.who.scope === 'unit' ? '测试单位' : rule.collective ? '校领导赵敏（集体）' : '赵敏';

  function build(visits: number[], last?: string): { s: Scene; records: EvalRecord[] } {
    const s = scene(rule);
    const cats = filter.categories ?? ['村（社区）'];
    const objs = Array.from({ length: K }, (_, i) =>
      addObject(s, cats[i % cats.length]!, filter.grades?.[0] ?? null, filter.among === 'assignments'),
    );
    const dates = dutyDates(rule, p1);
    const records: EvalRecord[] = [];
    let k = 0;
    visits.forEach((v, i) => {
      for (let j = 0; j < v; j++) records.push(record(rule, dates[k++ % dates.length]!, types, [objs[i]!.id]));
    });
    if (last && records.length) records[records.length - 1]!.date = last;
    return { s, records };
  }

  const full = Array.from({ length: K }, (_, i) => (i < required ? rule.perObject : 0));
  const short = full.map((v, i) => (i === required - 1 ? v - 1 : v));

  it(`${rule.id} ${rule.title}: ${who} reaches ${required} of ${K} objects ${rule.perObject} time(s) each in ${p1.label} → met`, () => {
    const { s, records } = build(full);
    const r = resultFor(run(rule, s, records), rule, p1);
    expect([r.required, r.achieved, r.status]).toEqual([required, required, 'met']);
  });

  it(`${rule.id} ${rule.title}: ${who} leaves one object a visit short in ${p1.label} → missed`, () => {
    const { s, records } = build(short);
    const r = resultFor(run(rule, s, records), rule, p1);
    expect([r.achieved, r.status]).toEqual([required - 1, 'missed']);
  });

  it(`${rule.id} ${rule.title}: ${who}'s last visit falls just after ${p1.label} → that period missed`, () => {
    const dates = dutyDates(rule, p1);
    const ok = build(full, dates[dates.length - 1]);
    expect(resultFor(run(rule, ok.s, ok.records), rule, p1).status).toBe('met');
    const nextDay = p2 ? dutyDates(rule, p2)[0]! : addDays(p1.end, 1);
    const { s, records } = build(full, nextDay);
    expect(resultFor(run(rule, s, records), rule, p1).status).toBe('missed');
  });
}

// ---------------------------------------------------------------------------------------------- quota

function quotaStories(rule: QuotaRule) {
  function build(counts: number[], year = 2025): Scene {
    const s = scene(rule);
    rule.slots.forEach((sl, i) => {
      for (let j = 0; j < counts[i]!; j++) {
        const o: EvalObject = {
          id: `o${i}_${j}`,
          name: `${sl.name}${j + 1}`,
          category: sl.categories[sl.categories.length - 1]!,
          unitId: 'u1',
        };
        s.objects.push(o);
        s.assignments.push({ id: `a${i}_${j}`, year, cadreId: 'c1', objectId: o.id, slot: sl.name });
      }
    });
    return s;
  }
  const mins = rule.slots.map((s) => s.min);
  const last = mins.reduce((acc, m, i) => (m > 0 ? i : acc), -1);
  const p2025: Period = { kind: 'calendarYear', label: '2025年', start: '2025-01-01', end: '2025-12-31' };
  const slotsText = rule.slots.map((s) => `${s.min} ${s.name}`).join(', ');

  it(`${rule.id} ${rule.title}: 赵敏 holds exactly ${slotsText} for 2025 → met`, () => {
    const r = resultFor(run(rule, build(mins), []), rule, p2025);
    // required is the minimum the slots ask for (五个一 → 5, 一联五 → 1+1+1+1+5 = 9), not the number of slots.
    const least = mins.reduce((a, m) => a + m, 0);
    expect([r.required, r.achieved, r.status]).toEqual([least, least, 'met']);
  });

  it(`${rule.id} ${rule.title}: 赵敏 lacks one ${rule.slots[last]!.name} → missed`, () => {
    const r = resultFor(run(rule, build(mins.map((m, i) => (i === last ? m - 1 : m))), []), rule, p2025);
    expect(r.status).toBe('missed');
    expect(r.slots![last]!.ok).toBe(false);
  });

  it(`${rule.id} ${rule.title}: 赵敏's contact points are entered for 2026, not 2025 → 2025 missed`, () => {
    const r = resultFor(run(rule, build(mins, 2026), []), rule, p2025);
    expect([r.achieved, r.status]).toEqual([0, 'missed']);
  });

  const capped = rule.slots.findIndex((s) => s.max !== undefined);
  if (capped >= 0) {
    const sl = rule.slots[capped]!;
    it(`${rule.id} ${rule.title}: 赵敏 holds ${sl.max! + 1} ${sl.name}, over the maximum → missed`, () => {
      const r = resultFor(run(rule, build(mins.map((m, i) => (i === capped ? sl.max! + 1 : m))), []), rule, p2025);
      expect(r.status).toBe('missed');
    });
  }
}

// ---------------------------------------------------------------------------------------------- roster

function rosterStories(rule: RosterRule) {
  const [p1, p2] = twoPeriods(rule);
  const duty = patternDates(rule.pattern, p1.start, p1.end, workdays);
  const who = rule.who.scope === 'unit' ? '测试单位' : '值班领导赵敏';
  const build = (dates: string[]) => dates.map((d) => record(rule, d, rule.activityTypes, []));

  it(`${rule.id} ${rule.title}: ${who} holds all ${duty.length} duty days of ${p1.label} → met`, () => {
    const r = resultFor(run(rule, scene(rule), build(duty)), rule, p1);
    expect([r.required, r.achieved, r.status]).toEqual([duty.length, duty.length, 'met']);
  });

  it(`${rule.id} ${rule.title}: ${who} skips one duty day of ${p1.label} → missed`, () => {
    const r = resultFor(run(rule, scene(rule), build(duty.slice(1))), rule, p1);
    expect([r.achieved, r.status]).toEqual([duty.length - 1, 'missed']);
  });

  it(`${rule.id} ${rule.title}: the last duty of ${p1.label} is held on the next period's first duty day → missed`, () => {
    const next = patternDates(rule.pattern, p2!.start, p2!.end, workdays)[0]!;
    const results = run(rule, scene(rule), build([...duty.slice(0, -1), next]));
    expect(resultFor(results, rule, p1).status).toBe('missed');
    expect(resultFor(results, rule, p2!).achieved).toBe(1);
  });
}

// ---------------------------------------------------------------------------------------------- task

function taskStories(rule: TaskRule) {
  const [p1, p2] = twoPeriods(rule);
  const due = rule.due ? `${p1.end.slice(0, 4)}-${rule.due}` : p1.end;
  const who = rule.who.scope === 'unit' ? `测试单位（${rule.who.unitCategories?.[0]}）` : '党委办公室';
  const build = (dates: string[]) =>
    dates.map((d) => ({
      ...record(rule, d, rule.activityTypes, []),
      cadreIds: rule.who.scope === 'unit' ? ['c1'] : [],
    }));

  it(`${rule.id} ${rule.title}: ${who} files it on the last allowed day ${due} → met`, () => {
    const r = resultFor(run(rule, scene(rule), build([due])), rule, p1);
    expect([r.required, r.achieved, r.status]).toEqual([1, 1, 'met']);
  });

  it(`${rule.id} ${rule.title}: ${who} files nothing in ${p1.label} → missed`, () => {
    const r = resultFor(run(rule, scene(rule), []), rule, p1);
    expect([r.achieved, r.status]).toEqual([0, 'missed']);
  });

  it(`${rule.id} ${rule.title}: ${who} files it one day late (${addDays(due, 1)}) → missed`, () => {
    const results = run(rule, scene(rule), build([addDays(due, 1)]));
    expect(resultFor(results, rule, p1).status).toBe('missed');
    if (!rule.due && p2 && p2.start === addDays(due, 1)) expect(resultFor(results, rule, p2).achieved).toBe(1);
  });
}

// ---------------------------------------------------------------------------------------------- deadline

function deadlineStories(rule: DeadlineRule) {
  const raised = '2025-03-03';
  const dueOf = (d: string) =>
    rule.dayKind === 'workdays' ? workdays.addWorkdays(d, rule.within).date : addDays(d, rule.within);
  const days = rule.dayKind === 'workdays' ? '个工作日' : '日';

  function build(raisedOn: string, doneOn: string | null): { s: Scene; records: EvalRecord[]; fu: EvalFollowUp } {
    const s = scene(rule);
    const o = addObject(s, '老同志', null, false);
    const fu: EvalFollowUp = {
      id: 'f1',
      type: rule.events[0]!,
      raisedOn,
      completedOn: rule.satisfiedBy ? null : doneOn,
      objectId: o.id,
    };
    const records = rule.satisfiedBy && doneOn ? [record(rule, doneOn, rule.satisfiedBy.activityTypes, [o.id])] : [];
    return { s, records, fu };
  }
  const judgeOne = (raisedOn: string, doneOn: string | null, asOf = AS_OF) => {
    const { s, records, fu } = build(raisedOn, doneOn);
    const results = evaluate(
      input({ rules: [rule], cadres: [s.cadre], objects: s.objects, records, followUps: [fu], asOf, selection: SEL }),
    );
    expect(results).toHaveLength(1);
    return results[0]!;
  };

  it(`${rule.id} ${rule.title}: a ${rule.events[0]} raised ${raised} is closed on day ${rule.within}${days} → met`, () => {
    const r = judgeOne(raised, dueOf(raised));
    expect([r.period.end, r.status]).toEqual([dueOf(raised), 'met']);
  });

  it(`${rule.id} ${rule.title}: closed one day after the ${rule.within}${days} limit → missed`, () => {
    expect(judgeOne(raised, addDays(dueOf(raised), 1)).status).toBe('missed');
  });

  it(`${rule.id} ${rule.title}: raised 2026-02-12 before the Spring Festival, still open → open, then missed after the limit`, () => {
    const due = dueOf('2026-02-12');
    if (rule.dayKind === 'workdays') expect(due > addDays('2026-02-12', rule.within + 7)).toBe(true);
    expect(['open', 'behind']).toContain(judgeOne('2026-02-12', null, '2026-02-13').status);
    expect(judgeOne('2026-02-12', null, addDays(due, 1)).status).toBe('missed');
    expect(judgeOne('2026-02-12', due).status).toBe('met');
  });
}

// ---------------------------------------------------------------------------------------------- all presets

/** Rules whose boundary is not a count and are told as their own stories in stories.test.ts. */
const OWN_STORIES = new Set(['004-2.4', '002-10', '003-4.8']);

for (const id of PRESET_IDS) {
  describe(`preset ${id}: every measurable obligation at its boundary`, () => {
    for (const rule of loadPreset(id).rules) {
      if (!rule.measurable || OWN_STORIES.has(rule.id)) continue;
      describe(`${rule.clause} ${rule.id}`, () => {
        switch (rule.kind) {
          case 'frequency':
            return frequencyStories(rule);
          case 'coverage':
            return coverageStories(rule);
          case 'quota':
            return quotaStories(rule);
          case 'roster':
            return rosterStories(rule);
          case 'task':
            return taskStories(rule);
          case 'deadline':
            return deadlineStories(rule);
        }
      });
    }
  });
}

it('the calendar fixture is the bundled one', () => {
  expect(calendar.workdays.knowsYear(2026)).toBe(true);
});
