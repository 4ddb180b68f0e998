// The "why" of a figure agrees with the figure: for random ledgers under each of the five presets, every
// explanation lists as counted exactly the records (or contact points) the figure cites, what they add sums to
// the figure, and every record it saw but did not count carries a reason — never "原因不明".
import { describe, expect, it } from 'vitest';
import {
  buildIndex,
  evaluate,
  explain,
  UNEXPLAINED,
  type EvalAssignment,
  type EvalCadre,
  type EvalFollowUp,
  type EvalObject,
  type EvalRecord,
  type Rule,
} from '../../../shared/rules';
import { prng } from '../../crash/crash';
import { cadre, input, loadPreset, PRESET_IDS } from './fixtures';

function world(presetId: string, seed: number) {
  const p = loadPreset(presetId);
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const levels = new Set<string>();
  const roles = new Set<string>();
  const unitCats = new Set<string>(['学院']);
  for (const r of p.rules) {
    for (const l of r.who.cadres.levels ?? []) levels.add(l);
    for (const x of r.who.cadres.roles ?? []) roles.add(x);
    for (const u of [...(r.who.cadres.unitCategories ?? []), ...(r.who.unitCategories ?? [])]) unitCats.add(u);
  }
  const units = [...unitCats].flatMap((c, i) =>
    [0, 1].map((k) => ({ id: `u${i}-${k}`, name: `${c}${k}`, category: c })),
  );
  const cadres: EvalCadre[] = Array.from({ length: 10 }, (_, i) =>
    cadre(`c${i}`, `干部${i}`, {
      level: levels.size ? pick([...levels]) : '校级',
      roles: roles.size && rnd() < 0.6 ? [pick([...roles])] : [],
      unitId: pick(units).id,
      partyMember: rnd() < 0.8,
    }),
  );
  const cats = p.vocabulary.objectCategories.map((c) => c.name);
  const objects: EvalObject[] = Array.from({ length: 40 }, (_, i) => ({
    id: `o${i}`,
    // Now and then a cadre entered also as a contact object (a 班子成员 of his own unit).
    name: i % 13 === 5 ? cadres[i % 10]!.name : `对象${i}`,
    category: pick(cats),
    unitId: i % 13 === 5 ? cadres[i % 10]!.unitId : pick(units).id,
    grade: pick(['大一', '大二', '大三', null]),
  }));
  const assignments: EvalAssignment[] = Array.from({ length: 40 }, (_, i) => ({
    id: `a${i}`,
    year: pick([2025, 2026]),
    cadreId: pick(cadres).id,
    objectId: pick(objects).id,
    startDate: rnd() < 0.3 ? '2026-03-01' : null,
    endDate: rnd() < 0.3 ? '2026-09-01' : null,
  }));
  const types = p.vocabulary.activityTypes;
  const records: EvalRecord[] = Array.from({ length: 400 }, (_, i) => ({
    id: `r${i}`,
    date: `${pick([2025, 2026, 2026, 2026])}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`,
    startTime: rnd() < 0.3 ? pick(['08:00', '15:00']) : null,
    endTime: rnd() < 0.3 ? pick(['10:00', '17:00']) : null,
    activityType: pick(types),
    cadreIds:
      rnd() < 0.15 ? [pick(cadres).id, pick(cadres).id].filter((x, k, a) => a.indexOf(x) === k) : [pick(cadres).id],
    objectIds: rnd() < 0.9 ? [pick(objects).id] : [],
    hours: rnd() < 0.5 ? 1 + int(4) : null,
    days: rnd() < 0.2 ? 1 + int(3) : null,
    companions: rnd() < 0.3 ? int(6) : null,
  }));
  const events = p.rules.flatMap((r) => (r.kind === 'deadline' ? r.events : []));
  const followUps: EvalFollowUp[] = events.length
    ? Array.from({ length: 12 }, (_, i) => ({
        id: `f${i}`,
        type: pick(events),
        raisedOn: `2026-0${1 + int(9)}-1${int(9)}`,
        completedOn: rnd() < 0.6 ? `2026-1${int(3)}-0${1 + int(9)}` : null,
        objectIds: rnd() < 0.5 ? [pick(objects).id] : [],
      }))
    : [];
  return {
    rules: p.rules.filter((r) => r.measurable) as Rule[],
    cadres,
    units,
    objects,
    assignments,
    records,
    followUps,
  };
}

for (const presetId of PRESET_IDS)
  describe(`preset ${presetId}: the why of every figure agrees with the figure`, () => {
    it('counted = the figure’s evidence, the amounts sum to it, every record not counted has a reason', () => {
      const w = world(presetId, 7 + Number(presetId));
      const base = input({ ...w, asOf: '2026-09-15', selection: { year: 2026 } });
      const ix = buildIndex(base);
      let checked = 0;
      const skippedReasons = new Set<string>();
      for (const rule of w.rules) {
        const results = evaluate({ ...base, rules: [rule] }, ix).filter(
          (r) => r.status !== 'n/a' && (r.cadreId === null || ['c0', 'c1', 'c2', 'c3'].includes(r.cadreId)),
        );
        for (const r of results.slice(0, 60)) {
          const e = explain(
            base,
            rule,
            {
              cadreId: r.cadreId,
              unitId: r.unitId ?? null,
              periodStart: r.period.start,
              periodEnd: r.period.end,
              followUpId: r.followUpId ?? null,
            },
            ix,
          )!;
          const at = `${rule.id} ${r.cadreId ?? r.unitId ?? '集体'} ${r.period.label}`;
          expect(e, at).not.toBeNull();
          expect([e.result.achieved, e.result.status], at).toEqual([r.achieved, r.status]);
          if (rule.kind !== 'quota') expect(e.counted.map((c) => c.id).sort(), at).toEqual([...r.evidence].sort());
          else expect(e.counted.length, at).toBeGreaterThanOrEqual(r.achieved);
          if (rule.kind === 'frequency' && rule.quantity !== 'consecutiveDays' && !rule.also?.length) {
            const sum = e.counted.reduce((a, c) => a + (c.amount ?? 0), 0);
            expect(Math.round(sum * 100) / 100, at).toBe(r.achieved);
          }
          for (const s of e.skipped) {
            expect(s.reason, `${at} ${s.id}`).not.toBe(UNEXPLAINED);
            skippedReasons.add(
              s.reason
                .replace(/“[^”]*”/g, '“…”')
                .replace(/\d+/g, 'N')
                .slice(0, 12),
            );
          }
          expect(e.lines[0], at).toContain(r.period.label);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(30);
      // The reasons are of several kinds, not one catch-all.
      expect(skippedReasons.size).toBeGreaterThan(3);
    });
  });

describe('the reasons a secretary reads', () => {
  it('赵敏’s March under 003 四.3 (每月听课): a 座谈 is the wrong type, a class on 1 April is outside March', () => {
    const rule = loadPreset('003').rules.find((r) => r.id === '003-4.3')!;
    const zhao = cadre('c1', '赵敏', { level: '副处级' });
    const rec = (id: string, date: string, activityType: string): EvalRecord => ({
      id,
      date,
      activityType,
      cadreIds: ['c1'],
      objectIds: [],
    });
    const base = input({
      rules: [rule],
      cadres: [zhao],
      records: [rec('r1', '2026-03-10', '听课'), rec('r2', '2026-03-12', '座谈'), rec('r3', '2026-04-01', '听课')],
      asOf: '2026-03-20',
      selection: { year: 2026 },
    });
    const e = explain(base, rule, { cadreId: 'c1', periodStart: '2026-03-01' })!;
    expect(e.sentence).toContain('听课');
    expect(e.counted).toEqual([{ id: 'r1', amount: 1, note: null }]);
    expect(e.skipped).toEqual([
      { id: 'r2', reason: '类型为“座谈”，本要求只计“听课”' },
      { id: 'r3', reason: '晚于截至日期2026年3月20日，尚未计入' },
    ]);
    expect(e.lines[0]).toBe('2026年3月（2026年3月1日至2026年3月31日）：应1次，实1次，达标');
  });

  it('002 第八条: a visit to a college she does not hold is “不是本人2026年的联系点”', () => {
    const rule = loadPreset('002').rules.find((r) => r.id === '002-8b')!;
    const zhao = cadre('c1', '赵敏', { level: '校级' });
    const objects: EvalObject[] = [
      { id: 'o1', name: '机械学院', category: '学院', unitId: null },
      { id: 'o2', name: '理学院', category: '学院', unitId: null },
    ];
    const base = input({
      rules: [rule],
      cadres: [zhao],
      objects,
      assignments: [{ id: 'a1', year: 2026, cadreId: 'c1', objectId: 'o1' }],
      records: [{ id: 'r1', date: '2026-05-06', activityType: '调研', cadreIds: ['c1'], objectIds: ['o2'] }],
      asOf: '2026-12-31',
      selection: { year: 2026 },
    });
    const e = explain(base, rule, { cadreId: 'c1', periodStart: '2026-01-01' })!;
    expect(e.skipped).toEqual([{ id: 'r1', reason: '联系对象不符：“理学院”不是本人2026年的联系点' }]);
    expect(e.lines).toContain('未联系：机械学院');
  });
});
