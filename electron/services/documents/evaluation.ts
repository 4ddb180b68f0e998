// The evaluation behind 通报 and 考核: the rules of the one loader (evaluation-rules.ts) over the ledger's
// cached inputs — the same rules and the same figures as 统计考核 for the same span and as-of date.
import { evaluate } from '../../../shared/rules/evaluate';
import { explainResult, type Explanation } from '../../../shared/rules/explain';
import { selectionRange } from '../../../shared/rules/periods';
import type { Rule } from '../../../shared/rules/schema';
import type { EvalResult, Selection } from '../../../shared/rules/types';
import type { ServiceContext } from '../context';
import type { Db } from '../db/db';
import { evaluationInput, ledgerDataFor, resultNotes } from '../evaluation-inputs';
import { rulesForRange, type RuleEntry } from '../evaluation-rules';

export interface RecordSummary {
  id: number;
  date: string;
  type: string;
  place: string;
  objects: string[];
}

export interface LedgerEvaluation {
  results: EvalResult[];
  rules: Rule[];
  entries: RuleEntry[];
  /** 'stored' when some rules judge the span, 'none' when the ledger has none that apply. */
  rulesSource: 'stored' | 'none';
  /** The year whose rules judge the span, and what a document should say about it (see the loader). */
  rulesYear: number | null;
  rulesNote: string | null;
  records: Map<number, RecordSummary>;
  /** The record ids a result cites: a quota's evidence is contact points, not records. */
  recordEvidence(r: EvalResult): string[];
  /**
   * Why a result is what it is — the records counted and those seen but not counted, each with its reason —
   * from the same explain() as the 依据 panel of 统计考核, on the same inputs.
   */
  why(r: EvalResult): Explanation | null;
  /** Date, type, place and objects of any records (the ones a why names but the results do not cite). */
  recordsOf(ids: readonly string[]): Map<number, RecordSummary>;
  /** What a result says beyond its figure (未联系：…, 未见记录：…, slots short), as 统计考核's cell notes. */
  notes(r: EvalResult): string[];
  /** The name of a unit a unit-level result judges. */
  unitName(id: string): string | undefined;
}

/**
 * Evaluates the ledger for [from, to] as of `asOf`, on the same (cached) inputs and the same rules as
 * 统计考核, so that a printed 通报 or 考核 report always agrees with the screen; then summarises the
 * evidence records.
 */
export function evaluateLedger(
  ctx: Pick<ServiceContext, 'db'>,
  o: { from: string; to: string; asOf: string; selection?: Selection },
): LedgerEvaluation {
  const { db } = ctx;
  const selection = o.selection ?? { from: o.from, to: o.to };
  const { data, index } = ledgerDataFor(db, selection);
  const loaded = rulesForRange(db, selectionRange(selection, data.calendar.school));
  const rules = loaded.entries.map((e) => e.rule);
  const input = evaluationInput(data, rules, o.asOf, selection);
  const ix = index(o.asOf);
  const results = rules.length ? evaluate(input, ix) : [];
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const quota = new Set(rules.filter((r) => r.kind === 'quota').map((r) => r.id));
  const recordEvidence = (r: EvalResult) => (quota.has(r.ruleId) ? [] : r.evidence);
  return {
    results,
    rules,
    entries: loaded.entries,
    rulesSource: rules.length ? 'stored' : 'none',
    rulesYear: loaded.year,
    rulesNote: loaded.note,
    records: summaries(db, results.flatMap(recordEvidence)),
    recordEvidence,
    why: (r) => {
      const rule = ruleById.get(r.ruleId);
      return rule ? explainResult(input, rule, r, ix) : null;
    },
    recordsOf: (ids) => summaries(db, ids),
    notes: (r) => {
      const rule = ruleById.get(r.ruleId);
      return rule ? resultNotes(r, rule, data).notes : [];
    },
    unitName: (id) => data.unitNames.get(id),
  };
}

/** Date, type, place and objects of the records the results cite, read for those records only. */
function summaries(db: Db, evidence: readonly string[]): Map<number, RecordSummary> {
  const ids = [...new Set(evidence)].map(Number).filter(Number.isInteger);
  const out = new Map<number, RecordSummary>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(',');
    const rows = db.sqlite
      .prepare(
        `SELECT r.id, r.date, t.name AS type, r.place FROM records r JOIN activity_types t ON t.id = r.activity_type_id
         WHERE r.id IN (${marks})`,
      )
      .all(...chunk) as { id: number; date: string; type: string; place: string }[];
    for (const r of rows) out.set(r.id, { ...r, objects: [] });
    const objects = db.sqlite
      .prepare(
        `SELECT ro.record_id, o.name FROM record_objects ro JOIN contact_objects o ON o.id = ro.object_id
         WHERE ro.record_id IN (${marks}) ORDER BY ro.record_id, ro.position`,
      )
      .all(...chunk) as { record_id: number; name: string }[];
    for (const x of objects) out.get(x.record_id)?.objects.push(x.name);
  }
  return out;
}
