// The evaluation behind 通报 and 考核: the rules of the year (or the regulation's preset when none are
// stored yet) over the ledger's inputs, shared with 统计考核.
import { rule as ruleSchema, type Rule } from '../../../shared/rules/schema';
import { evaluate } from '../../../shared/rules/evaluate';
import type { EvalInput, EvalResult, Selection } from '../../../shared/rules/types';
import type { ServiceContext } from '../context';
import type { Db } from '../db/db';
import { ledgerData } from '../evaluation-inputs';
import { listPresets } from '../presets';
import { presetsDir } from '../resources';

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
  /** Where the rules came from: 制度要求 stored for the year, or a preset as shipped. */
  rulesSource: 'stored' | 'preset' | 'none';
  records: Map<number, RecordSummary>;
}

function loadRules(
  ctx: Pick<ServiceContext, 'db'>,
  year: number,
): { rules: Rule[]; source: LedgerEvaluation['rulesSource'] } {
  const { db } = ctx;
  const stored = db.all(
    db.q.selectFrom('rules').select(['body']).where('year', '=', year).where('enabled', '=', 1).orderBy('sort'),
  );
  const parse = (xs: unknown[]) =>
    xs.flatMap((x) => {
      const r = ruleSchema.safeParse(x);
      return r.success ? [r.data] : [];
    });
  if (stored.length) {
    const rules = parse(
      stored.map((s) => {
        try {
          return JSON.parse(s.body) as unknown;
        } catch {
          return null;
        }
      }),
    );
    if (rules.length) return { rules, source: 'stored' };
  }
  const presetIds = db
    .all(db.q.selectFrom('regulations').select('preset_id').where('preset_id', 'is not', null))
    .map((r) => r.preset_id!);
  if (presetIds.length) {
    const presets = listPresets(presetsDir()).filter((p) => presetIds.includes(p.id));
    const rules = parse(presets.flatMap((p) => p.rules as unknown[]));
    if (rules.length) return { rules, source: 'preset' };
  }
  return { rules: [], source: 'none' };
}

/**
 * Evaluates the ledger for [from, to] as of `asOf`, on the same (cached) inputs as 统计考核, so that a
 * printed 通报 or 考核 report always agrees with the screen; then summarises the evidence records.
 */
export function evaluateLedger(
  ctx: Pick<ServiceContext, 'db'>,
  o: { year: number; from: string; to: string; asOf: string; selection?: Selection },
): LedgerEvaluation {
  const { db } = ctx;
  const { rules, source } = loadRules(ctx, o.year);
  const { data } = ledgerData(db);
  const input: EvalInput = {
    rules,
    cadres: data.cadres,
    units: data.units,
    objects: data.objects,
    assignments: data.assignments,
    records: data.records,
    followUps: data.followUps,
    calendar: data.calendar,
    asOf: o.asOf,
    selection: o.selection ?? { from: o.from, to: o.to },
  };
  const results = rules.length ? evaluate(input) : [];
  return { results, rules, rulesSource: source, records: summaries(db, results) };
}

/** Date, type, place and objects of the records the results cite, read for those records only. */
function summaries(db: Db, results: readonly EvalResult[]): Map<number, RecordSummary> {
  const ids = [...new Set(results.flatMap((r) => r.evidence))].map(Number).filter(Number.isInteger);
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
