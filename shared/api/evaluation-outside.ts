// The 不适用 rows of the cadres a rule leaves out, which evaluation.run sends as one list per rule (`outside`)
// rather than as rows: at 2,000 cadres × 50 rules they are ~57,000 of the year's ~85,000 rows, all alike but
// for the cadre. A caller that wants every row (the CLI, a script) puts them back with expandRows.
import type { EvalRow, EvaluationResult, EvalRuleInfo, OutsideRows } from './evaluation';

/** The row of cadre `cadre` that rule `rule` leaves out (listed in `o`). */
export function outsideRow(
  rule: Pick<EvalRuleInfo, 'id' | 'code' | 'clause' | 'description' | 'kind'>,
  o: OutsideRows,
  cadre: { id: number; name: string; unitId: number | null; unitName: string },
): EvalRow {
  return {
    cadreId: cadre.id,
    cadreName: cadre.name,
    unitId: cadre.unitId,
    unitName: cadre.unitName,
    ruleId: rule.id,
    ruleCode: rule.code,
    clause: rule.clause,
    description: rule.description,
    period: o.period,
    required: 0,
    achieved: 0,
    unit: o.unit,
    status: 'n/a',
    evidence: [],
    evidenceKind: rule.kind === 'quota' ? 'assignments' : 'records',
    notes: [],
    missing: [],
    max: null,
    followUpId: null,
  };
}

/**
 * Every row of an answer, in order, the rows of the cadres left out (`outside`) put back in their places. The
 * answer's rows come rule after rule in the order of its `rules`.
 */
export function expandRows(r: Pick<EvaluationResult, 'rows' | 'outside' | 'rules' | 'cadres'>): EvalRow[] {
  if (!r.outside.length) return r.rows.slice();
  const byRule = new Map(r.outside.map((o) => [o.ruleId, o]));
  const cadres = new Map(r.cadres.map((c) => [c.id, c]));
  const rows = r.rows;
  const out: EvalRow[] = [];
  let j = 0;
  for (const rule of r.rules) {
    const o = byRule.get(rule.id);
    const first = j;
    if (o)
      for (let i = 0; i < o.at.length; i++) {
        while (j - first < o.at[i]! && j < rows.length && rows[j]!.ruleId === rule.id) out.push(rows[j++]!);
        const cadre = cadres.get(o.cadreIds[i]!) ?? { id: o.cadreIds[i]!, name: '', unitId: null, unitName: '' };
        out.push(outsideRow(rule, o, cadre));
      }
    while (j < rows.length && rows[j]!.ruleId === rule.id) out.push(rows[j++]!);
  }
  while (j < rows.length) out.push(rows[j++]!);
  return out;
}
