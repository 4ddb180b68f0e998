// The five presets ship valid: every rule parses, every word is in the preset's vocabulary, every clause is covered.
import { describe, expect, it } from 'vitest';
import { describeRule, ruleList } from '../../../shared/rules';
import { PRESET_IDS, loadPreset, rawPreset } from './fixtures';

/** Every row of obligations.md, as preset id + clause. */
const OBLIGATION_ROWS: Record<string, string[]> = {
  '000': ['一.1', '一.3', '一.4', '二.1–4', '三.1', '四', '五.1', '五.3', '六.1', '六.2', '六.3', '七'],
  '001': ['五.1', '五.3', '五.4', '五.5', '五.6', '五.7', '五.8', '六.1–2', '六.3–4'],
  '002': [
    '第四条',
    '第六条',
    '第七条',
    '第八条',
    '第九条',
    '第十条',
    '第十一条',
    '第十二条',
    '第十三条',
    '第十六条',
    '第十八条',
    '第十九条',
    '第二十条',
    '第二十一条',
    '第二十三条',
    '第二十六条',
    '第二十七条',
    '第二十八条',
    '第二十九条',
    '第三十条',
    '第三十一条',
    '第三十二条',
    '第三十三条',
  ],
  '003': ['四.1', '四.2', '四.3', '四.4', '四.5', '四.7', '四.8', '六.1', '附1–2', '六.4'],
  '004': ['1.1', '1.2', '2.1', '2.3', '2.4', '3', '4.1', '4.2', '4.3', '4.5', '5.2', '6', '7', '8', '9', '10'],
};

describe('presets', () => {
  for (const id of PRESET_IDS) {
    describe(`preset ${id}`, () => {
      it('every rule validates against the rule schema', () => {
        const raw = rawPreset(id) as { rules: unknown };
        const parsed = ruleList.safeParse(raw.rules);
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      });

      it('rule ids are unique and every rule names its clause in this preset', () => {
        const p = loadPreset(id);
        const ids = p.rules.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const r of p.rules) expect(r.clause.startsWith(`${id} `)).toBe(true);
      });

      it('every obligation row of obligations.md is carried by at least one rule', () => {
        const clauses = new Set(loadPreset(id).rules.map((r) => r.clause.slice(4)));
        const missing = OBLIGATION_ROWS[id]!.filter((c) => !clauses.has(c));
        expect(missing).toEqual([]);
      });

      it('rules use the preset’s own vocabulary for activity types and object categories', () => {
        const p = loadPreset(id);
        const types = new Set(p.vocabulary.activityTypes);
        const cats = new Set(p.vocabulary.objectCategories.map((c) => c.name));
        const unknown: string[] = [];
        for (const r of p.rules) {
          const acts = [
            ...('counts' in r ? (r.counts.activityTypes ?? []) : []),
            ...(r.kind === 'roster' || r.kind === 'task' ? r.activityTypes : []),
            ...(r.kind === 'deadline' ? (r.satisfiedBy?.activityTypes ?? []) : []),
          ];
          for (const a of acts) if (!types.has(a)) unknown.push(`${r.id}: 类型 ${a}`);
          const objCats = [
            ...('counts' in r ? (r.counts.objects?.categories ?? []) : []),
            ...(r.kind === 'quota' ? r.slots.flatMap((s) => s.categories) : []),
            ...(r.kind === 'quota' ? r.attributeChecks.flatMap((s) => s.categories) : []),
          ];
          for (const c of objCats) if (!cats.has(c)) unknown.push(`${r.id}: 类别 ${c}`);
        }
        expect(unknown).toEqual([]);
      });

      it('every rule reads as a Chinese sentence ending with its clause', () => {
        for (const r of loadPreset(id).rules)
          expect(describeRule(r)).toMatch(new RegExp(`${r.clause.replace('.', '\\.')}`));
      });
    });
  }
});
