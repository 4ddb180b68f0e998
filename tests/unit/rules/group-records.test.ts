// A rota, a task or a collective rule of a few cadres reads those cadres' own records (gathered and sorted)
// instead of testing every record of the year; the results must be exactly those of the scan: same figures,
// same statuses, the same evidence in the same order. Every rule of the five presets, as shipped and made
// collective, over random ledgers, evaluated once with the gathering and once with it turned off.
import { describe, expect, it } from 'vitest';
import { buildIndex, evaluate } from '../../../shared/rules/evaluate';
import type { EvalCadre, EvalObject, EvalRecord, EvalUnit, Rule } from '../../../shared/rules';
import { prng } from '../../crash/crash';
import { calendar, loadPreset, PRESET_IDS } from './fixtures';

const LEVELS = ['校级', '正处级', '副处级', '县级', '科级', '镇级'];

function vocabulary(rules: Rule[]) {
  const roles = new Set<string>();
  const types = new Set<string>();
  const categories = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const v of x) walk(v);
    else if (x && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) {
        if (Array.isArray(v) && v.every((s) => typeof s === 'string')) {
          if (k === 'roles') for (const s of v) roles.add(s as string);
          if (k === 'activityTypes' || k === 'events') for (const s of v) types.add(s as string);
          if (k === 'categories') for (const s of v) categories.add(s as string);
        } else walk(v);
      }
  };
  walk(rules);
  return { roles: [...roles], types: [...types, '其他'], categories: [...categories, '其他'] };
}

function world(seed: number, rules: Rule[]) {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const v = vocabulary(rules);
  const units: EvalUnit[] = Array.from({ length: 8 }, (_, i) => ({
    id: String(i + 1),
    name: `单位${i + 1}`,
    category: i === 0 ? '校领导' : pick(['学院', '机关', '村（社区）']),
  }));
  const cadres: EvalCadre[] = Array.from({ length: 80 }, (_, i) => ({
    id: String(i + 1),
    name: `干部${i + 1}`,
    // Few at the top (the rota, the 班子), many below: the groups the gathering is for.
    level: i < 6 ? pick(['校级', '县级']) : pick(LEVELS),
    roles: rnd() < 0.3 && v.roles.length ? [pick(v.roles)] : [],
    unitId: String(1 + int(units.length)),
    partyMember: rnd() < 0.8,
    termStart: rnd() < 0.1 ? '2026-03-01' : null,
    termEnd: null,
  }));
  const objects: EvalObject[] = Array.from({ length: 60 }, (_, i) => ({
    id: String(i + 1),
    name: `对象${i + 1}`,
    category: pick(v.categories),
    unitId: rnd() < 0.8 ? String(1 + int(units.length)) : null,
    grade: null,
  }));
  const records: EvalRecord[] = [];
  for (let i = 0; i < 4000; i++) {
    const c1 = pick(cadres).id;
    const ids = rnd() < 0.15 ? [c1, pick(cadres.filter((c) => c.id !== c1)).id] : [c1];
    records.push({
      // Ids are not in date order (records are entered late), several records share a day.
      id: String(1 + int(1_000_000)) + String(i).padStart(4, '0'),
      date: `2026-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`,
      startTime: rnd() < 0.3 ? '14:00' : null,
      endTime: null,
      activityType: pick(v.types),
      cadreIds: ids,
      objectIds: rnd() < 0.8 ? [pick(objects).id] : [],
      hours: rnd() < 0.4 ? 1 + int(4) : null,
      days: null,
      companions: null,
    });
  }
  // The ledger's order: date, then id as a number.
  records.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id)));
  return { cadres, units, objects, records };
}

describe('records of a group gathered from its members = the scan of every record', () => {
  for (const id of PRESET_IDS) {
    it(`preset ${id}, as shipped and made collective`, () => {
      const shipped = loadPreset(id).rules;
      const collective = shipped.map((r) =>
        (r.kind === 'frequency' || r.kind === 'coverage') && r.who.scope === 'cadre'
          ? ({ ...r, id: `${r.id}-c`, collective: true } as Rule)
          : r,
      );
      const rules = [...shipped, ...collective.filter((r) => r.id.endsWith('-c'))];
      for (const seed of [1, 2, 3]) {
        const w = world(seed * 7919 + Number(id), rules);
        const input = {
          ...w,
          rules,
          assignments: [],
          followUps: [],
          calendar,
          asOf: '2026-10-20',
          selection: { year: 2026 },
        };
        const ix = buildIndex(input);
        expect(ix.ordered).toBe(true);
        const gathered = evaluate(input, ix);
        const scanned = evaluate(input, { ...buildIndex(input), ordered: false });
        expect(gathered.length).toBeGreaterThan(0);
        expect(gathered).toEqual(scanned);
        // Not vacuous: some group rule counted records.
        const groupRows = gathered.filter((r) => r.cadreId === null && r.evidence.length > 0);
        if (rules.some((r) => r.kind === 'roster' || r.id.endsWith('-c'))) expect(groupRows.length).toBeGreaterThan(0);
      }
    });
  }

  it('ids that are not numbers, or records out of order: the scan, never a different order', () => {
    const rules = loadPreset('002').rules;
    const w = world(5, rules);
    const named = w.records.map((r, i) => ({ ...r, id: `r${i}` }));
    expect(buildIndex({ ...w, records: named, assignments: [], asOf: '2026-12-31' }).ordered).toBe(false);
    const swapped = [...w.records];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    const same = swapped[0]!.date === swapped[1]!.date;
    expect(buildIndex({ ...w, records: swapped, assignments: [], asOf: '2026-12-31' }).ordered).toBe(!same);
  });
});
