// Rules stored by the first rule model keep their meaning: a body as the first program wrote it (excludeRoles,
// none of the fields added since) is read into the same rule as the preset today, and the five presets evaluate
// identically from either form over a ledger built to exercise every rule.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/format/date';
import {
  evaluate,
  readRule,
  rule as ruleSchema,
  type EvalAssignment,
  type EvalCadre,
  type EvalFollowUp,
  type EvalObject,
  type EvalRecord,
  type EvalUnit,
  type Preset,
  type Rule,
} from '../../../shared/rules';
import { PRESET_IDS, input, loadPreset, rawPreset } from './fixtures';

/** The first model spelled "except these roles" as cadres.excludeRoles; nothing else it wrote has changed. */
function firstModelBody(raw: Record<string, unknown>): Record<string, unknown> {
  const body = structuredClone(raw) as { who?: { cadres?: Record<string, unknown> } };
  const cadres = body.who?.cadres;
  const except = cadres?.except as { roles?: string[] } | undefined;
  if (cadres && except?.roles) {
    cadres.excludeRoles = except.roles;
    delete cadres.except;
  }
  return body as Record<string, unknown>;
}

/** A small deterministic pseudo-random sequence, so the ledger is the same on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Cadres fitting every who-filter of the preset, one object per category, records of every type over 2026. */
function ledgerFor(p: Preset) {
  const rnd = random(Number(p.id) + 7);
  const units: EvalUnit[] = [];
  const unitOf = (category: string) => {
    let u = units.find((x) => x.category === category);
    if (!u) units.push((u = { id: `u${units.length + 1}`, name: `${category}${units.length + 1}`, category }));
    return u.id;
  };
  const cadres: EvalCadre[] = [];
  for (const r of p.rules) {
    const f = r.who.cadres;
    for (const variant of [0, 1])
      cadres.push({
        id: `c${cadres.length + 1}`,
        name: `干部${cadres.length + 1}`,
        level: f.levels?.[variant % (f.levels.length || 1)] ?? '校级',
        // The second of each pair also holds the excepted role, so exceptions are exercised.
        roles: [...(f.roles?.slice(0, 1) ?? []), ...(variant ? (f.except?.roles?.slice(0, 1) ?? []) : [])],
        unitId: unitOf(f.unitCategories?.[0] ?? r.who.unitCategories?.[0] ?? '学院'),
        partyMember: f.partyMember ?? variant === 0,
        termStart: null,
        termEnd: null,
      });
    for (const c of r.who.unitCategories ?? []) unitOf(c);
  }
  const objects: EvalObject[] = p.vocabulary.objectCategories.flatMap((c, i) =>
    [0, 1].map((k) => ({
      id: `o${i}-${k}`,
      name: `${c.name}${k}`,
      category: c.name,
      unitId: units[(i + k) % units.length]!.id,
      grade: k ? '大一' : '大三',
    })),
  );
  const assignments: EvalAssignment[] = [];
  for (const c of cadres)
    for (const o of objects)
      if (rnd() < 0.15)
        assignments.push({ id: `a${assignments.length + 1}`, year: 2026, cadreId: c.id, objectId: o.id });
  const records: EvalRecord[] = [];
  for (let i = 0; i < 1500; i++) {
    const date = addDays('2025-09-01', Math.floor(rnd() * 480));
    const who = cadres.filter(() => rnd() < 0.02);
    records.push({
      id: `r${i}`,
      date,
      activityType: p.vocabulary.activityTypes[Math.floor(rnd() * p.vocabulary.activityTypes.length)]!,
      cadreIds: who.length ? who.map((c) => c.id) : [cadres[Math.floor(rnd() * cadres.length)]!.id],
      objectIds: objects.filter(() => rnd() < 0.05).map((o) => o.id),
      hours: Math.floor(rnd() * 4) + 1,
      days: rnd() < 0.2 ? 3 : 1,
      companions: Math.floor(rnd() * 5),
    });
  }
  const events = p.rules.flatMap((r) => (r.kind === 'deadline' ? r.events : []));
  const followUps: EvalFollowUp[] = events.flatMap((type, i) =>
    [0, 1, 2].map((k) => {
      const raisedOn = addDays('2026-02-01', i * 20 + k * 50);
      const done = k === 2 ? null : addDays(raisedOn, k === 0 ? 3 : 40);
      return { id: `f${i}-${k}`, type, raisedOn, completedOn: done, feedbackOn: done, closedOn: done };
    }),
  );
  return { cadres, units, objects, assignments, records, followUps };
}

describe('rules stored by the first model', () => {
  for (const id of PRESET_IDS) {
    it(`preset ${id}: the first model’s bodies read into the very rules of today and evaluate identically`, () => {
      const raw = (rawPreset(id) as { rules: Record<string, unknown>[] }).rules;
      const today: Rule[] = raw.map((r) => ruleSchema.parse(r));
      const stored: Rule[] = raw.map((r) => readRule(JSON.parse(JSON.stringify(firstModelBody(r)))));
      expect(stored).toEqual(today);

      const ledger = ledgerFor(loadPreset(id));
      const run = (rules: Rule[]) =>
        evaluate(input({ rules, ...ledger, asOf: '2026-10-15', selection: { year: 2026 } }));
      const before = run(stored);
      const after = run(today);
      expect(after).toEqual(before);
      // The ledger exercises the rules: results of every kind of status, not a wall of 不适用.
      const statuses = new Set(after.map((r) => r.status));
      expect(statuses.has('met') && statuses.has('missed')).toBe(true);
      expect(after.filter((r) => r.status !== 'n/a').length).toBeGreaterThan(50);
    });
  }

  it('002 第十三条 (其他班子成员) was stored with excludeRoles and now reads as an exception', () => {
    const raw = (rawPreset('002') as { rules: Record<string, unknown>[] }).rules.find((r) => r.id === '002-13b')!;
    const legacy = firstModelBody(raw) as { who: { cadres: Record<string, unknown> } };
    expect(legacy.who.cadres.excludeRoles).toEqual(['党委书记', '校长']);
    expect(readRule(legacy).who.cadres).toEqual({ levels: ['校级'], except: { roles: ['党委书记', '校长'] } });
  });

  it('a first-model deadline body, written without the fields added since, keeps its single-stage reading', () => {
    const body = {
      kind: 'deadline',
      id: 'd',
      title: '反馈',
      clause: '002 第十二条',
      events: ['接待日'],
      within: 5,
      dayKind: 'workdays',
    };
    const r = readRule(body);
    expect(r.kind === 'deadline' && [r.on, r.reply, r.extension]).toEqual(['any', undefined, undefined]);
  });
});
