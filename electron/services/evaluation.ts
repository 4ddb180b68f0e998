// 统计考核: the rule engine over the ledger's data for a selection as of a date, with names, descriptions,
// summaries per unit and per rule, the reminders of what is still to be done, and the evidence records.
//
// The rules come from the one loader (evaluation-rules.ts) the documents, the rota and the CLI use too.
// Results are kept per rule; after a record edit only the cadres of that record are evaluated again for the
// rules that read one cadre's records, the collective and institution rules in full.
import type { ParsedInput } from '../../shared/api/contract';
import type {
  CadreReminders,
  EvalRow,
  EvalRuleInfo,
  EvaluationResult,
  EvidenceRecord,
  ReminderItem,
  RuleSummary,
  SelectionInput,
  StatusCounts,
  UnitSummary,
} from '../../shared/api/evaluation';
import { evaluate } from '../../shared/rules/evaluate';
import { deadlineNotice } from '../../shared/rules/explain';
import { selectionRange } from '../../shared/rules/periods';
import type { Rule } from '../../shared/rules/schema';
import type { EvalResult, Selection } from '../../shared/rules/types';
import type { ServiceContext } from './context';
import type { Db } from './db/db';
import { ledgerData, touchedSince, type LedgerData } from './evaluation-inputs';
import { rulesForRange, type RuleEntry } from './evaluation-rules';

const COLLECTIVE_NAME = '本单位（集体）';

function localToday(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Per-cadre rules read one cadre's records only: an edit re-evaluates just the cadres it touched. */
function perCadre(rule: Rule): boolean {
  if (rule.who.scope !== 'cadre') return false;
  if (rule.kind === 'quota') return true;
  return (rule.kind === 'frequency' || rule.kind === 'coverage') && !rule.collective;
}

interface ResultCache {
  key: string;
  generation: number;
  rows: Map<string, EvalRow[]>;
}
const resultCaches = new WeakMap<Db, ResultCache>();

function emptyCounts(): StatusCounts {
  return { met: 0, missed: 0, open: 0, behind: 0, 'n/a': 0, rate: null };
}
function finish<T extends StatusCounts>(c: T): T {
  const applicable = c.met + c.missed + c.open + c.behind;
  c.rate = applicable ? Math.round((c.met / applicable) * 1000) / 1000 : null;
  return c;
}

/** At most this many names in a note; the row's `missing` keeps them all. */
const NAMED_IN_NOTE = 10;
const listed = (names: string[]) =>
  names.slice(0, NAMED_IN_NOTE).join('、') + (names.length > NAMED_IN_NOTE ? `等${names.length}个` : '');
const monthDay = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

function toRows(results: readonly EvalResult[], entry: RuleEntry, data: LedgerData): EvalRow[] {
  const evidenceKind = entry.rule.kind === 'quota' ? 'assignments' : 'records';
  return results.map((r) => {
    const cadre = r.cadreId ? data.cadreById.get(r.cadreId) : undefined;
    const unitId = r.unitId ?? cadre?.unitId ?? null;
    const notes: string[] = [];
    let missing: string[] = [];
    if (r.missing) {
      if (entry.rule.kind === 'roster') {
        missing = r.missing.map(monthDay);
        notes.push(`未见记录：${listed(missing)}`);
      } else {
        missing = r.missing.map((id) => data.objectNames.get(id) ?? id);
        notes.push(`未联系：${listed(missing)}`);
      }
    }
    const fu = r.followUpId ? data.followUpInfo.get(r.followUpId) : undefined;
    if (fu)
      notes.push(`督办事项第${r.followUpId}号：${fu.matter.length > 30 ? `${fu.matter.slice(0, 30)}…` : fu.matter}`);
    if (r.issues) for (const i of r.issues) notes.push(i.message);
    if (r.slots)
      for (const s of r.slots)
        if (!s.ok)
          notes.push(
            `${s.name}：${s.count}个（应${s.max !== undefined && s.max !== s.min ? `${s.min}至${s.max}` : s.min}个）`,
          );
    if (r.warnings) notes.push(...r.warnings);
    return {
      cadreId: cadre ? Number(cadre.id) : null,
      cadreName: cadre?.name ?? (r.unitId ? (data.unitNames.get(r.unitId) ?? '') : COLLECTIVE_NAME),
      unitId: unitId === null ? null : Number(unitId),
      unitName: unitId === null ? (cadre ? '' : COLLECTIVE_NAME) : (data.unitNames.get(unitId) ?? ''),
      ruleId: entry.info.id,
      ruleCode: entry.info.code,
      clause: r.clause,
      description: entry.info.description,
      period: r.period,
      required: r.required,
      achieved: r.achieved,
      unit: r.unit,
      status: r.status,
      evidence: r.evidence.map(Number),
      evidenceKind,
      notes,
      missing,
      max: r.max ?? null,
      followUpId: r.followUpId ? Number(r.followUpId) : null,
    };
  });
}

/**
 * The engine's results for a selection as rows with names, from the cache where nothing changed; the same
 * rules (the one loader) and inputs as every other figure in the ledger.
 */
export function evaluateSelection(db: Db, selection: Selection, asOf: string) {
  const t0 = performance.now();
  const { data, generation, index } = ledgerData(db);
  const range = selectionRange(selection, data.calendar.school);
  const loaded = rulesForRange(db, range);
  const entries = loaded.entries;
  const ix = index(asOf);
  const t1 = performance.now();
  const key = JSON.stringify([selection, asOf, entries.map((e) => [e.info.id, e.rule])]);
  const cached = resultCaches.get(db);
  const touched = cached && cached.key === key ? touchedSince(db, cached.generation) : null;
  const input = {
    cadres: data.cadres,
    units: data.units,
    objects: data.objects,
    assignments: data.assignments,
    records: data.records,
    followUps: data.followUps,
    calendar: data.calendar,
    asOf,
    selection,
  };
  let rows: Map<string, EvalRow[]>;
  if (cached && touched && touched.size === 0) rows = cached.rows;
  else if (cached && touched) {
    rows = cached.rows;
    const cadres = data.cadres.filter((c) => touched.has(c.id));
    for (const e of entries) {
      const id = e.rule.id;
      if (perCadre(e.rule)) {
        const fresh = toRows(evaluate({ ...input, cadres, rules: [e.rule] }, ix), e, data);
        rows.set(id, [...rows.get(id)!.filter((r) => r.cadreId === null || !touched.has(String(r.cadreId))), ...fresh]);
      } else rows.set(id, toRows(evaluate({ ...input, rules: [e.rule] }, ix), e, data));
    }
  } else {
    rows = new Map();
    for (const e of entries) rows.set(e.rule.id, toRows(evaluate({ ...input, rules: [e.rule] }, ix), e, data));
  }
  resultCaches.set(db, { key, generation, rows });
  // What is said of a rule as a whole: a deadline rule that no 督办事项 of the selection falls under.
  const rules: EvalRuleInfo[] = entries.map((e) => {
    const notice = e.rule.kind === 'deadline' ? deadlineNotice(e.rule, data.followUps, range) : null;
    return notice ? { ...e.info, notice } : e.info;
  });
  const t2 = performance.now();
  return {
    data,
    range,
    entries,
    rules,
    rulesYear: loaded.year,
    rulesNote: loaded.note,
    rows,
    timing: { load: Math.round(t1 - t0), evaluate: Math.round(t2 - t1) },
  };
}

export function evaluationHandlers(ctx: ServiceContext) {
  const { db } = ctx;

  const run = (selection: Selection, asOf: string) => evaluateSelection(db, selection, asOf);

  const summarize = (entries: RuleEntry[], rows: Map<string, EvalRow[]>) => {
    const totals = emptyCounts();
    const byUnit = new Map<string, UnitSummary>();
    const byRule: RuleSummary[] = [];
    for (const e of entries) {
      const rs: RuleSummary = {
        ...emptyCounts(),
        ruleId: e.info.id,
        ruleCode: e.info.code,
        clause: e.info.clause,
        clauseLabel: e.info.clauseLabel,
        title: e.info.title,
        description: e.info.description,
      };
      for (const r of rows.get(e.rule.id) ?? []) {
        rs[r.status]++;
        totals[r.status]++;
        const k = r.unitId === null ? '' : String(r.unitId);
        let u = byUnit.get(k);
        if (!u) byUnit.set(k, (u = { ...emptyCounts(), unitId: r.unitId, unitName: r.unitName || '（未填单位）' }));
        u[r.status]++;
      }
      byRule.push(finish(rs));
    }
    return {
      totals: finish(totals),
      byRule,
      byUnit: [...byUnit.values()].map(finish).sort((a, b) => (a.unitId ?? 0) - (b.unitId ?? 0)),
    };
  };

  const today = () => localToday(ctx.now());

  return {
    'evaluation.run': ({ selection, asOf, summaryOnly }: ParsedInput<'evaluation.run'>): EvaluationResult => {
      const at = asOf ?? today();
      const { data, range, entries, rules, rulesYear, rulesNote, rows, timing } = run(selection as SelectionInput, at);
      const s = summarize(entries, rows);
      const all: EvalRow[] = [];
      if (!summaryOnly) for (const e of entries) for (const r of rows.get(e.rule.id) ?? []) all.push(r);
      return {
        asOf: at,
        range,
        rulesYear,
        rulesNote,
        rows: all,
        rules,
        cadres: data.cadres.map((c) => ({
          id: Number(c.id),
          name: c.name,
          unitName: c.unitId ? (data.unitNames.get(c.unitId) ?? '') : '',
        })),
        ...s,
        timing,
      };
    },

    /** What each cadre still has to do in the periods running on asOf, soonest deadline first. */
    'evaluation.reminders': ({ asOf, cadreId }: ParsedInput<'evaluation.reminders'>): CadreReminders[] => {
      const at = asOf ?? today();
      const { data, entries, rows } = run({ from: at, to: at }, at);
      const by = new Map<string, CadreReminders>();
      for (const e of entries)
        for (const r of rows.get(e.rule.id) ?? []) {
          if (r.status !== 'open' && r.status !== 'behind') continue;
          if (r.period.start > at || r.period.end < at) continue;
          if (cadreId !== undefined && r.cadreId !== cadreId) continue;
          const k = r.cadreId === null ? `u${r.unitId ?? ''}` : String(r.cadreId);
          let c = by.get(k);
          if (!c) by.set(k, (c = { cadreId: r.cadreId, cadreName: r.cadreName, unitName: r.unitName, items: [] }));
          const item: ReminderItem = {
            ruleId: r.ruleId,
            ruleCode: r.ruleCode,
            clause: r.clause,
            clauseLabel: e.info.clauseLabel,
            title: e.info.title,
            description: r.description,
            periodLabel: r.period.label,
            due: r.period.end,
            required: r.required,
            achieved: r.achieved,
            remaining: Math.max(0, Math.round((r.required - r.achieved) * 100) / 100),
            unit: r.unit,
            status: r.status,
          };
          c.items.push(item);
        }
      const order = new Map(data.cadres.map((c, i) => [Number(c.id), i]));
      const out = [...by.values()];
      for (const c of out) c.items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.ruleId - b.ruleId));
      out.sort((a, b) =>
        a.cadreId === null ? -1 : b.cadreId === null ? 1 : order.get(a.cadreId)! - order.get(b.cadreId)!,
      );
      return out;
    },

    /** The rules that judge a selection, from the one loader (the rota lists its roster rules from here). */
    'evaluation.rules': ({ selection }: ParsedInput<'evaluation.rules'>) => {
      const { data } = ledgerData(db);
      const loaded = rulesForRange(db, selectionRange(selection as SelectionInput, data.calendar.school));
      return { year: loaded.year, note: loaded.note, rules: loaded.entries.map((e) => e.info) };
    },

    'evaluation.evidence': ({ ids }: ParsedInput<'evaluation.evidence'>): EvidenceRecord[] => {
      if (!ids.length) return [];
      const recs = db.all(
        db.q
          .selectFrom('records as r')
          .innerJoin('activity_types as t', 't.id', 'r.activity_type_id')
          .select(['r.id', 'r.date', 't.name as type', 'r.place', 'r.content', 'r.hours'])
          .where('r.id', 'in', ids)
          .orderBy('r.date')
          .orderBy('r.id'),
      );
      const cadres = db.all(
        db.q
          .selectFrom('record_cadres as rc')
          .innerJoin('cadres as c', 'c.id', 'rc.cadre_id')
          .select(['rc.record_id', 'c.name'])
          .where('rc.record_id', 'in', ids)
          .orderBy('rc.position'),
      );
      const objects = db.all(
        db.q
          .selectFrom('record_objects as ro')
          .innerJoin('contact_objects as o', 'o.id', 'ro.object_id')
          .select(['ro.record_id', 'o.name'])
          .where('ro.record_id', 'in', ids)
          .orderBy('ro.position'),
      );
      return recs.map((r) => ({
        id: r.id,
        date: r.date,
        activityType: r.type,
        place: r.place,
        content: r.content,
        hours: r.hours,
        cadreNames: cadres.filter((c) => c.record_id === r.id).map((c) => c.name),
        objectNames: objects.filter((o) => o.record_id === r.id).map((o) => o.name),
      }));
    },
  };
}
