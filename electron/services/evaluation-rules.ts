// The one rule loader: which stored rules a selection is judged by. 统计考核, the printed 通报 and 考核, the
// rota and `ledger evaluate` all ask here, so the same selection always gets the same rules — never the
// preset as shipped, never a second reading of the rules table with other defaults.
//
// A selection is judged by the rules of the year it ends in; a year with no rules stored takes the latest
// earlier year that has some (rules are copied forward year by year; until 2027's are, 2026's stand), or the
// earliest year when the selection lies before all of them. Rules switched off in that year stay off.
import type { EvalRuleInfo } from '../../shared/api/evaluation';
import { describeRule } from '../../shared/rules/describe';
import { rule as ruleSchema, type Rule } from '../../shared/rules/schema';
import type { Db } from './db/db';

export interface RuleEntry {
  /** As the engine takes it: its id is the stored row's id as text. */
  rule: Rule;
  info: EvalRuleInfo;
}

export interface LoadedRules {
  /** The year whose stored rules apply, or null when the ledger has none. */
  year: number | null;
  entries: RuleEntry[];
  /** Said beside every figure drawn from these rules: which year's rules stand in, or that none exist. */
  note: string | null;
}

/** The year whose stored rules apply to a selection ending in `endYear`. */
export function rulesYear(db: Db, endYear: number): number | null {
  const years = db.all(db.q.selectFrom('rules').select('year').distinct().orderBy('year')).map((r) => r.year);
  if (!years.length) return null;
  const earlier = years.filter((y) => y <= endYear);
  return earlier.length ? earlier[earlier.length - 1]! : years[0]!;
}

/**
 * A clause as a secretary reads it: “第十六条”, “五.4” — the preset's number that prefixes it (“002 第十六条”)
 * means nothing to her and the regulation's name is said beside it.
 */
export function clauseLabel(clause: string, presetId: string | null): string {
  if (!presetId || !clause.startsWith(presetId)) return clause;
  return clause.slice(presetId.length).trim() || clause;
}

/**
 * A stored body read by the schema and described, by its text: the same 50 bodies are read again on every
 * evaluation (after each edit), and reading one costs a schema parse and a sentence. Never changed by readers.
 */
const readBodies = new Map<string, { rule: Rule; description: string } | null>();
function readBody(body: string): { rule: Rule; description: string } | null {
  let got = readBodies.get(body);
  if (got !== undefined) return got;
  let parsed: ReturnType<typeof ruleSchema.safeParse>;
  try {
    parsed = ruleSchema.safeParse(JSON.parse(body));
  } catch {
    parsed = { success: false } as ReturnType<typeof ruleSchema.safeParse>;
  }
  got = parsed.success ? { rule: parsed.data, description: describeRule(parsed.data) } : null;
  if (readBodies.size >= 2000) readBodies.clear();
  readBodies.set(body, got);
  return got;
}

/** The enabled rules that judge a selection [from, to], each with what the screens and documents show of it. */
export function rulesForRange(db: Db, range: { from: string; to: string }): LoadedRules {
  const endYear = Number(range.to.slice(0, 4));
  const year = rulesYear(db, endYear);
  if (year === null) return { year, entries: [], note: '本台账尚未设置制度要求（可在「制度」中载入制度预设）' };
  const regs = new Map(
    db.all(db.q.selectFrom('regulations').select(['id', 'name', 'preset_id'])).map((r) => [r.id, r] as const),
  );
  const rows = db.all(
    db.q
      .selectFrom('rules')
      .selectAll()
      .where('year', '=', year)
      .where('enabled', '=', 1)
      .orderBy('regulation_id')
      .orderBy('sort')
      .orderBy('id'),
  );
  const entries: RuleEntry[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    const read = readBody(row.body);
    if (!read) {
      unreadable.push(`“${row.title || row.clause}”`);
      continue;
    }
    const original = read.rule;
    const reg = regs.get(row.regulation_id);
    entries.push({
      rule: { ...original, id: String(row.id) },
      info: {
        id: row.id,
        code: original.id,
        clause: original.clause,
        clauseLabel: clauseLabel(original.clause, reg?.preset_id ?? null),
        title: original.title,
        description: read.description,
        kind: original.kind,
        regulationName: reg?.name ?? '',
      },
    });
  }
  const notes: string[] = [];
  if (year !== endYear)
    notes.push(
      year < endYear
        ? `${endYear}年度尚未设置要求，按${year}年度的要求考核`
        : `所选范围早于已设置要求的年度，按${year}年度的要求考核`,
    );
  if (!rows.length) notes.push(`${year}年度的要求都已停用`);
  if (unreadable.length) notes.push(`要求${unreadable.join('、')}无法读取，未参加考核，请在「制度」中重新保存`);
  return { year, entries, note: notes.length ? notes.join('；') : null };
}
