// evaluation.run for a caller that holds an earlier answer: the rows changed since the version it holds, as
// splices of each rule's rows, instead of every row of the year (≈85,000 rows, 36 MB of JSON at 2,000
// cadres × 50 rules). `diffRuleRows` is what the backend sends, `applyChanges` what the caller does with it;
// held answer + changes = the full answer at the new version, row for row and in the same order.
import type { EvalRow, EvaluationChanges, EvaluationResult, RowSplice } from './evaluation';
import { LedgerError } from '../errors';

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every field of two rows equal (the evidence, notes and names in the same order). */
export function sameRow(a: EvalRow, b: EvalRow): boolean {
  if (a === b) return true;
  return (
    a.cadreId === b.cadreId &&
    a.ruleId === b.ruleId &&
    a.status === b.status &&
    a.achieved === b.achieved &&
    a.required === b.required &&
    a.unitId === b.unitId &&
    a.followUpId === b.followUpId &&
    a.max === b.max &&
    a.unit === b.unit &&
    a.evidenceKind === b.evidenceKind &&
    a.cadreName === b.cadreName &&
    a.unitName === b.unitName &&
    a.ruleCode === b.ruleCode &&
    a.clause === b.clause &&
    a.description === b.description &&
    (a.period === b.period ||
      (a.period.kind === b.period.kind &&
        a.period.label === b.period.label &&
        a.period.start === b.period.start &&
        a.period.end === b.period.end)) &&
    sameList(a.evidence, b.evidence) &&
    sameList(a.notes, b.notes) &&
    sameList(a.missing, b.missing)
  );
}

/**
 * The splices that turn one rule's rows `old` into `now`. Same number of rows (an edit of records: the same
 * cadres and periods, other figures): each run of changed rows, in place. Otherwise (cadres or periods came or
 * went): the rows between the longest equal beginning and end, replaced at once.
 */
export function diffRuleRows(old: readonly EvalRow[], now: readonly EvalRow[]): RowSplice[] {
  if (old === now) return [];
  const out: RowSplice[] = [];
  if (old.length === now.length) {
    let i = 0;
    while (i < now.length) {
      if (sameRow(old[i]!, now[i]!)) {
        i++;
        continue;
      }
      const at = i;
      while (i < now.length && !sameRow(old[i]!, now[i]!)) i++;
      out.push({ at, remove: i - at, rows: now.slice(at, i) });
    }
    return out;
  }
  const shorter = Math.min(old.length, now.length);
  let head = 0;
  while (head < shorter && sameRow(old[head]!, now[head]!)) head++;
  let tail = 0;
  while (tail < shorter - head && sameRow(old[old.length - 1 - tail]!, now[now.length - 1 - tail]!)) tail++;
  out.push({ at: head, remove: old.length - head - tail, rows: now.slice(head, now.length - tail) });
  return out;
}

/**
 * The full answer at the changes' version from the answer held and the changes since its version: each rule's
 * rows spliced (splices name places in the held rows, in increasing order), in the order of the rules now
 * judging (a rule no longer among them has no rows), with the new summaries and, unless unchanged, cadres.
 */
export function applyChanges(held: EvaluationResult, changes: EvaluationChanges): EvaluationResult {
  const byRule = new Map<number, EvalRow[]>();
  for (const r of held.rows) {
    const l = byRule.get(r.ruleId);
    if (l) l.push(r);
    else byRule.set(r.ruleId, [r]);
  }
  for (const c of changes.changes) {
    const l = byRule.get(c.ruleId) ?? [];
    // One pass (no Array.splice with the rows spread as arguments: a rule may have tens of thousands).
    const out: EvalRow[] = [];
    let from = 0;
    for (const s of c.splices) {
      for (let i = from; i < s.at; i++) out.push(l[i]!);
      for (const r of s.rows) out.push(r);
      from = s.at + s.remove;
    }
    for (let i = from; i < l.length; i++) out.push(l[i]!);
    byRule.set(c.ruleId, out);
  }
  const rows: EvalRow[] = [];
  for (const rule of changes.rules) {
    const l = byRule.get(rule.id);
    if (l) for (const r of l) rows.push(r);
  }
  const { changes: _, partial: __, cadres, ...rest } = changes;
  return { ...rest, partial: false, cadres: cadres ?? held.cadres, rows };
}

/** The answer of an evaluation.run asked without `since`: always every row. */
export function fullResult(r: EvaluationResult | EvaluationChanges): EvaluationResult {
  if (r.partial) throw new LedgerError('INTERNAL', '统计考核：未给出上次结果的版本，却收到了部分结果');
  return r;
}
