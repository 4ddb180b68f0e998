// The cadres a rule's who-filter leaves out, listed apart (evaluate's `outside`) instead of one 不适用 result
// each: put back with withOutside they are exactly the results evaluate gives without it — in the same places,
// among rules with further thresholds (whose passes give no 不适用 rows of their own), quotas and intervals.
import { describe, expect, it } from 'vitest';
import { evaluate, withOutside, type EvalRecord, type RuleOutside } from '../../../shared/rules';
import { PRESET_IDS, cadre, input, loadPreset, rec } from './fixtures';

function words(rules: unknown, key: string): string[] {
  const out = new Set<string>();
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) {
        if (k === key && Array.isArray(v)) for (const w of v) if (typeof w === 'string') out.add(w);
        walk(v);
      }
  };
  walk(rules);
  return [...out];
}

describe('cadres a rule leaves out, listed apart', () => {
  for (const id of PRESET_IDS)
    it(`preset ${id}: put back, they are the results evaluate gives`, () => {
      const rules = loadPreset(id).rules;
      const levels = [...words(rules, 'levels'), '科级'];
      const roles = [...words(rules, 'roles'), ''];
      const types = words(rules, 'activityTypes');
      const cadres = levels.flatMap((level, i) =>
        roles.map((role, j) =>
          cadre(`c${i}-${j}`, `干部${i}-${j}`, {
            level,
            roles: role ? [role] : [],
            unitId: j % 2 ? 'u1' : null,
            partyMember: (i + j) % 3 !== 0,
            // One in five left office in spring: 不适用 for the later periods, not left out by the filter.
            termEnd: (i + j) % 5 === 0 ? '2026-04-15' : null,
          }),
        ),
      );
      const records: EvalRecord[] = [];
      cadres.forEach((c, k) => {
        for (let m = 1; m <= 12; m += 1 + (k % 3))
          records.push(rec(`2026-${String(m).padStart(2, '0')}-1${k % 9}`, types[(k + m) % types.length]!, [c.id]));
      });
      records.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const world = input({
        rules,
        cadres,
        units: [{ id: 'u1', name: '学院一', category: '学院' }],
        records,
        asOf: '2026-09-30',
        selection: { year: 2026 },
      });
      const all = evaluate(world);
      const left: RuleOutside[] = [];
      const kept = evaluate(world, undefined, left);
      expect(withOutside(kept, left)).toEqual(all);
      const n = left.reduce((s, o) => s + o.cadreIds.length, 0);
      expect(kept.length).toBe(all.length - n);
      // Not an empty comparison: some rules leave cadres out, and the rows left are not all 不适用.
      expect(n).toBeGreaterThan(0);
      expect(kept.some((r) => r.status !== 'n/a')).toBe(true);
      for (const o of left) expect(new Set(o.cadreIds).size, o.ruleId).toBe(o.cadreIds.length);
    });
});
