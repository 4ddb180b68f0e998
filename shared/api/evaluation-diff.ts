// evaluation.run for a caller that holds an earlier answer: the rows changed since the version it holds, as
// splices of its rows, instead of every row of the year (≈85,000 rows, 36 MB of JSON at 2,000 cadres × 50
// rules). `diffRows` is what the backend sends, `applyChanges` what the caller does with it;
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
 * The splices that turn the rows of one answer into another's, each answer given as its rules' rows in the order
 * they are listed (a rule after another): places are in the first answer's rows, in increasing order. null when
 * rules both answers have changed order (then every row is sent).
 */
export function diffRows<K>(
  held: ReadonlyMap<K, readonly EvalRow[]>,
  now: ReadonlyMap<K, readonly EvalRow[]>,
): RowSplice[] | null {
  const heldIds = [...held.keys()];
  const nowIds = [...now.keys()];
  if (
    !sameList(
      heldIds.filter((id) => now.has(id)),
      nowIds.filter((id) => held.has(id)),
    )
  )
    return null;
  const out: RowSplice[] = [];
  let offset = 0;
  let j = 0;
  const insertUpTo = (id: K | undefined) => {
    for (; j < nowIds.length && nowIds[j] !== id; j++) {
      const rows = now.get(nowIds[j]!)!;
      if (rows.length) out.push({ at: offset, remove: 0, rows: rows.slice() });
    }
  };
  for (const id of heldIds) {
    const old = held.get(id)!;
    const rows = now.get(id);
    if (!rows) {
      if (old.length) out.push({ at: offset, remove: old.length, rows: [] });
    } else {
      insertUpTo(id);
      j++;
      for (const s of diffRuleRows(old, rows)) out.push({ at: offset + s.at, remove: s.remove, rows: s.rows });
    }
    offset += old.length;
  }
  insertUpTo(undefined);
  return out;
}

/**
 * The full answer at the changes' version from the answer held and the changes since its version, with the new
 * summaries and, unless unchanged, cadres and the cadres left out (`outside`). Only references are copied: after an edit of records every splice
 * replaces as many rows as it removes and the held rows are copied and written over in their places.
 */
export function applyChanges(held: EvaluationResult, changes: EvaluationChanges): EvaluationResult {
  const { changes: splices, partial: _, cadres, outside, ...rest } = changes;
  const from = held.rows;
  let rows: EvalRow[];
  if (splices.every((s) => s.remove === s.rows.length)) {
    rows = from.slice();
    for (const s of splices) for (let i = 0; i < s.rows.length; i++) rows[s.at + i] = s.rows[i]!;
  } else {
    // One pass (no Array.splice with the rows spread as arguments: a rule may have tens of thousands).
    rows = [];
    let i = 0;
    for (const s of splices) {
      for (; i < s.at; i++) rows.push(from[i]!);
      for (const r of s.rows) rows.push(r);
      i = s.at + s.remove;
    }
    for (; i < from.length; i++) rows.push(from[i]!);
  }
  return { ...rest, partial: false, cadres: cadres ?? held.cadres, rows, outside: outside ?? held.outside };
}

/** The answer of an evaluation.run asked without `since`: always every row. */
export function fullResult(r: EvaluationResult | EvaluationChanges): EvaluationResult {
  if (r.partial) throw new LedgerError('INTERNAL', '统计考核：未给出上次结果的版本，却收到了部分结果');
  return r;
}
