// 统计考核: the rule engine over the ledger's data for a selection as of a date, with names, descriptions,
// summaries per unit and per rule, the reminders of what is still to be done, and the evidence records.
//
// The rules come from the one loader (evaluation-rules.ts) the documents, the rota and the CLI use too.
// Results are kept per rule; after a record edit only the cadres of that record are evaluated again for the
// rules that read one cadre's records, the collective and institution rules in full. Each result that differs
// is a new version; the last few versions are kept (sharing their unchanged rows), so that evaluation.run can
// answer a caller holding one of them with the rows changed since (`since`) instead of every row of the year.
import type { ParsedInput } from '../../shared/api/contract';
import type {
  CadreReminders,
  EvalExplanation,
  EvalRow,
  EvalRuleInfo,
  EvaluationChanges,
  EvaluationResult,
  EvaluationScreen,
  EvidenceRecord,
  OutsideRows,
  ReminderItem,
  RuleSummary,
  SelectionInput,
  StatusCounts,
  UnitSummary,
  WhyItem,
} from '../../shared/api/evaluation';
import { evaluate } from '../../shared/rules/evaluate';
import { deadlineNotice, explain } from '../../shared/rules/explain';
import { LedgerError } from '../../shared/errors';
import { selectionRange } from '../../shared/rules/periods';
import type { Rule } from '../../shared/rules/schema';
import type { EvalResult, RuleOutside, Selection } from '../../shared/rules/types';
import { randomUUID } from 'node:crypto';
import type { ServiceContext } from './context';
import type { Db } from './db/db';
import {
  evaluationInput,
  ledgerData,
  ledgerDataFor,
  resultNotes,
  touchedSince,
  type LedgerData,
} from './evaluation-inputs';
import { rulesForRange, type RuleEntry } from './evaluation-rules';
import { ScreenState } from './evaluation-screen';
import { diffRows, sameRow } from '../../shared/api/evaluation-diff';
import { outsideRow } from '../../shared/api/evaluation-outside';

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

/**
 * The activity types whose records a rule reads (the engine reaches records only through these filters), or
 * undefined when it may read records of any type (no filter; a deadline looks for visits of any type).
 */
function typesRead(rule: Rule): readonly string[] | undefined {
  const t =
    rule.kind === 'frequency' || rule.kind === 'coverage' || rule.kind === 'interval'
      ? rule.counts.activityTypes
      : rule.kind === 'roster' || rule.kind === 'task'
        ? rule.activityTypes
        : undefined;
  return t && t.length ? t : undefined;
}

type CadreOut = EvaluationResult['cadres'][number];
/** The rows (and cadres) of one version: a map of its own, never changed once made (a later version copies it). */
interface Version {
  version: number;
  rows: Map<string, EvalRow[]>;
  /** By rule id: the cadres it leaves out (their 不适用 rows are not among `rows`). */
  outside: Map<string, OutsideRows>;
  cadres: CadreOut[];
  /** How many of its rows are not shared with the version before (what keeping it costs). */
  fresh: number;
}
interface ResultCache extends Version {
  key: string;
  generation: number;
  /** The versions before, oldest first: what an evaluation.run `since` may name (see HELD_ROWS). */
  history: Version[];
}
/**
 * Earlier versions are kept while the rows they do not share with a later one stay under this many: after a
 * record edit that is a few rows each, after a change of selection all of them (~85,000 at 2,000 cadres).
 */
const HELD_ROWS = 200_000;
const HELD_VERSIONS = 20;
/**
 * What changed in the rows of each rule with the last evaluation: null = everything is new (first evaluation or
 * a full one); otherwise per rule the rows taken out and put in (rules absent did not change).
 */
export type RowsDelta = Map<string, { removed: EvalRow[]; added: EvalRow[] }> | null;
const resultCaches = new WeakMap<Db, ResultCache>();
const screens = new WeakMap<Db, ScreenState>();
/** Versions of this process: a screen still holding one from before a restart gets everything. */
const RUN = randomUUID().slice(0, 8);

function emptyCounts(): StatusCounts {
  return { met: 0, missed: 0, open: 0, behind: 0, 'n/a': 0, rate: null };
}
function finish<T extends StatusCounts>(c: T): T {
  const applicable = c.met + c.missed + c.open + c.behind;
  c.rate = applicable ? Math.round((c.met / applicable) * 1000) / 1000 : null;
  return c;
}

/**
 * Shared by every row with no notes, no names missing or no evidence (most rows of a year): never changed by a
 * reader (frozen, so a change would throw rather than reach every row).
 */
const NO_TEXT = Object.freeze([]) as readonly string[] as string[];
const NO_IDS = Object.freeze([]) as readonly number[] as number[];

/** What every row of a cadre says of him: his number, name, unit and its name. */
interface RowCadre {
  id: number;
  name: string;
  unitId: number | null;
  unitName: string;
}
/**
 * Per loaded data (a reload makes new data): each cadre's part of a row worked out once, not once per row (a
 * year at 2,000 cadres × 50 rules is ~85,000 rows: three lookups and two number conversions each).
 */
const rowCadres = new WeakMap<LedgerData, Map<string, RowCadre>>();
function rowCadresOf(data: LedgerData): Map<string, RowCadre> {
  let m = rowCadres.get(data);
  if (!m) {
    m = new Map();
    for (const c of data.cadres)
      m.set(c.id, {
        id: Number(c.id),
        name: c.name,
        unitId: c.unitId === null ? null : Number(c.unitId),
        unitName: c.unitId === null ? '' : (data.unitNames.get(c.unitId) ?? ''),
      });
    rowCadres.set(data, m);
  }
  return m;
}

function toRows(results: readonly EvalResult[], entry: RuleEntry, data: LedgerData): EvalRow[] {
  const evidenceKind = entry.rule.kind === 'quota' ? 'assignments' : 'records';
  const { id: ruleId, code: ruleCode, description } = entry.info;
  const cadres = rowCadresOf(data);
  const out: EvalRow[] = [];
  // A cadre's periods come one after another: his part of the row is looked up once for them.
  let lastId: string | null | undefined;
  let cadre: RowCadre | undefined;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (r.cadreId !== lastId) {
      lastId = r.cadreId;
      cadre = r.cadreId ? cadres.get(r.cadreId) : undefined;
    }
    let notes = NO_TEXT;
    let missing = NO_TEXT;
    // Most results have nothing to say beyond their figure (resultNotes would answer with two empty lists).
    if (
      r.missing?.length ||
      r.missingCadres?.length ||
      r.gaps?.length ||
      r.issues?.length ||
      r.slots?.length ||
      r.warnings?.length
    )
      ({ notes, missing } = resultNotes(r, entry.rule, data));
    const fu = r.followUpId ? data.followUpInfo.get(r.followUpId) : undefined;
    if (fu)
      notes = [
        `督办事项第${r.followUpId}号：${fu.matter.length > 30 ? `${fu.matter.slice(0, 30)}…` : fu.matter}`,
        ...notes,
      ];
    // The result's own unit (a unit-level duty), else the cadre's, else none (the institution, a group).
    const ownUnit = r.unitId ?? null;
    out.push({
      cadreId: cadre ? cadre.id : null,
      cadreName: cadre?.name ?? (r.unitId ? (data.unitNames.get(r.unitId) ?? '') : COLLECTIVE_NAME),
      unitId: ownUnit !== null ? Number(ownUnit) : cadre ? cadre.unitId : null,
      unitName: ownUnit !== null ? (data.unitNames.get(ownUnit) ?? '') : cadre ? cadre.unitName : COLLECTIVE_NAME,
      ruleId,
      ruleCode,
      clause: r.clause,
      description,
      period: r.period,
      required: r.required,
      achieved: r.achieved,
      unit: r.unit,
      status: r.status,
      evidence: r.evidence.length ? r.evidence.map(Number) : NO_IDS,
      evidenceKind,
      notes,
      missing,
      max: r.max ?? null,
      followUpId: r.followUpId ? Number(r.followUpId) : null,
    });
  }
  return out;
}

/**
 * One rule evaluated into rows, the cadres its who-filter leaves out listed apart (most of a large year's rows
 * would be theirs, all alike): `cadres` limits it to some cadres.
 */
function ruleRows(
  input: ReturnType<typeof evaluationInput>,
  entry: RuleEntry,
  ix: ReturnType<ReturnType<typeof ledgerDataFor>['index']>,
  data: LedgerData,
  cadres?: LedgerData['cadres'],
): { rows: EvalRow[]; outside: OutsideRows | null } {
  const left: RuleOutside[] = [];
  const results = evaluate(
    cadres ? { ...input, cadres, rules: [entry.rule] } : { ...input, rules: [entry.rule] },
    ix,
    left,
  );
  const o = left[0];
  return {
    rows: toRows(results, entry, data),
    outside: o
      ? { ruleId: entry.info.id, period: o.period, unit: o.unit, cadreIds: o.cadreIds.map(Number), at: o.at }
      : null,
  };
}

function sameOutside(a: OutsideRows | undefined, b: OutsideRows | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.unit !== b.unit || a.cadreIds.length !== b.cadreIds.length) return false;
  const p = a.period;
  const q = b.period;
  if (p.kind !== q.kind || p.label !== q.label || p.start !== q.start || p.end !== q.end) return false;
  for (let i = 0; i < a.cadreIds.length; i++) if (a.cadreIds[i] !== b.cadreIds[i] || a.at[i] !== b.at[i]) return false;
  return true;
}

/** What is said of a rule as a whole: a deadline rule that no 督办事项 of the range falls under. */
function ruleInfos(
  entries: readonly RuleEntry[],
  followUps: LedgerData['followUps'],
  range: { from: string; to: string },
): EvalRuleInfo[] {
  return entries.map((e) => {
    const notice = e.rule.kind === 'deadline' ? deadlineNotice(e.rule, followUps, range) : null;
    return notice ? { ...e.info, notice } : e.info;
  });
}

/**
 * `now` with every row equal to the row of `old` at the same place (or, when the count changed, in the equal
 * beginning and end) taken from `old`, and `old` itself when all are: unchanged rows stay the same objects, so
 * the versions kept share them and a later diff finds them by identity.
 */
function intern(old: EvalRow[] | undefined, now: EvalRow[]): { rows: EvalRow[]; fresh: number } {
  if (!old) return { rows: now, fresh: now.length };
  let fresh = 0;
  if (old.length === now.length) {
    for (let i = 0; i < now.length; i++)
      if (sameRow(old[i]!, now[i]!)) now[i] = old[i]!;
      else fresh++;
    return { rows: fresh ? now : old, fresh };
  }
  const shorter = Math.min(old.length, now.length);
  let head = 0;
  for (; head < shorter && sameRow(old[head]!, now[head]!); head++) now[head] = old[head]!;
  let tail = 0;
  for (; tail < shorter - head && sameRow(old[old.length - 1 - tail]!, now[now.length - 1 - tail]!); tail++)
    now[now.length - 1 - tail] = old[old.length - 1 - tail]!;
  return { rows: now, fresh: now.length - head - tail };
}

function sameCadres(a: readonly CadreOut[], b: readonly CadreOut[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.name !== y.name || x.unitId !== y.unitId || x.unitName !== y.unitName) return false;
  }
  return true;
}

/**
 * The engine's results for a selection as rows with names, from the cache where nothing changed; the same
 * rules (the one loader) and inputs as every other figure in the ledger.
 */
export function evaluateSelection(db: Db, selection: Selection, asOf: string) {
  const t0 = performance.now();
  const { data, generation, index, lockedAt } = ledgerDataFor(db, selection);
  const range = selectionRange(selection, data.calendar.school);
  const loaded = rulesForRange(db, range);
  const entries = loaded.entries;
  const ix = index(asOf);
  const t1 = performance.now();
  const key = JSON.stringify([selection, asOf, lockedAt, entries.map((e) => [e.info.id, e.rule])]);
  const cached = resultCaches.get(db);
  const touched = cached && cached.key === key ? touchedSince(db, cached.generation) : null;
  const input = evaluationInput(data, [], asOf, selection);
  let rows: Map<string, EvalRow[]>;
  let outside: Map<string, OutsideRows>;
  let delta: RowsDelta;
  let fresh = 0;
  /** Whether any row differs from the version before (else that version stays). */
  let changed = false;
  if (cached && touched && touched.cadreIds.size === 0 && touched.types.size === 0) {
    rows = cached.rows;
    outside = cached.outside;
    delta = new Map();
  } else if (cached && touched) {
    // A map of this version's own: the one before stays as it was, for callers holding it (`since`).
    rows = new Map(cached.rows);
    outside = cached.outside;
    delta = new Map();
    let outsideMoved = false;
    const cadres = data.cadres.filter((c) => touched.cadreIds.has(c.id));
    const cadreNumbers = new Set([...touched.cadreIds].map(Number));
    for (const e of entries) {
      const id = e.rule.id;
      const old = rows.get(id)!;
      const types = typesRead(e.rule);
      // A rule that reads only records of other types than those changed: nothing it reads changed.
      if (types && !types.some((t) => touched.types.has(t))) continue;
      if (perCadre(e.rule)) {
        // Who a rule leaves out depends on the cadres, never on records: only the rows of the others can move.
        const now = ruleRows(input, e, ix, data, cadres).rows;
        // The touched cadres' rows come in the same order as in the whole rule's (cadres in the ledger's order,
        // each pass of the rule): put back in their places, the rows stay in the order a full evaluation gives.
        const at: number[] = [];
        for (let i = 0; i < old.length; i++) {
          const c = old[i]!.cadreId;
          if (c !== null && cadreNumbers.has(c)) at.push(i);
        }
        const inPlace =
          at.length === now.length &&
          at.every((p, j) => {
            const o = old[p]!;
            const n = now[j]!;
            return o.cadreId === n.cadreId && o.period.start === n.period.start && o.period.end === n.period.end;
          });
        if (inPlace) {
          const next = old.slice();
          const removed: EvalRow[] = [];
          const added: EvalRow[] = [];
          for (let j = 0; j < at.length; j++) {
            const o = old[at[j]!]!;
            const n = sameRow(o, now[j]!) ? o : now[j]!;
            if (n !== o) {
              fresh++;
              changed = true;
            }
            next[at[j]!] = n;
            removed.push(o);
            added.push(n);
          }
          rows.set(id, next);
          delta.set(id, { removed, added });
          continue;
        }
      }
      // The whole rule again (its rows of other cadres or periods may have moved).
      const got = ruleRows(input, e, ix, data);
      const now = intern(old, got.rows);
      fresh += now.fresh;
      rows.set(id, now.rows);
      if (now.rows !== old) {
        delta.set(id, { removed: old, added: now.rows });
        changed = true;
      }
      if (!sameOutside(outside.get(id), got.outside ?? undefined)) {
        if (!outsideMoved) outside = new Map(outside);
        outsideMoved = true;
        if (got.outside) outside.set(id, got.outside);
        else outside.delete(id);
      }
    }
    // The places of 不适用 rows moved (rows came or went before them): the screen is made afresh.
    if (outsideMoved) {
      delta = null;
      changed = true;
    }
  } else {
    rows = new Map();
    outside = new Map();
    delta = null;
    changed = !cached || cached.rows.size !== entries.length;
    let sameLeft = !!cached;
    for (const e of entries) {
      const old = cached?.rows.get(e.rule.id);
      const got = ruleRows(input, e, ix, data);
      const now = intern(old, got.rows);
      fresh += now.fresh;
      rows.set(e.rule.id, now.rows);
      if (now.rows !== old) changed = true;
      const was = cached?.outside.get(e.rule.id);
      if (got.outside) outside.set(e.rule.id, sameOutside(was, got.outside) ? was! : got.outside);
      if (!sameOutside(was, got.outside ?? undefined)) sameLeft = false;
    }
    if (sameLeft && outside.size === cached!.outside.size) outside = cached!.outside;
    else changed = true;
  }
  // Only a reload (the full evaluation) can change the cadres; a record edit never does.
  const cadres: CadreOut[] =
    cached && delta !== null
      ? cached.cadres
      : data.cadres.map((c) => ({
          id: Number(c.id),
          name: c.name,
          unitId: c.unitId === null ? null : Number(c.unitId),
          unitName: c.unitId ? (data.unitNames.get(c.unitId) ?? '') : '',
        }));
  if (cached && !changed && cached.key === key && sameCadres(cached.cadres, cadres)) {
    // Every row came out as it was: the same version (a screen holding it keeps it). Another selection or as-of
    // date is always another version: the screen's cells depend on the as-of date, not only on the rows.
    rows = cached.rows;
    outside = cached.outside;
    delta = new Map();
  }
  let version: number;
  if (cached && rows === cached.rows && outside === cached.outside) {
    version = cached.version;
    cached.generation = generation;
  } else {
    version = (cached?.version ?? 0) + 1;
    const history = cached ? [...cached.history, cached] : [];
    // Keeping a version costs the rows the next one replaced (its `fresh`).
    let kept = 0;
    let from = history.length;
    while (from > 0 && history.length - from < HELD_VERSIONS) {
      const cost = (history[from] ?? { fresh }).fresh;
      if (kept + cost > HELD_ROWS) break;
      kept += cost;
      from--;
    }
    resultCaches.set(db, {
      key,
      generation,
      version,
      rows,
      outside,
      cadres: cached && sameCadres(cached.cadres, cadres) ? cached.cadres : cadres,
      fresh,
      history: history
        .slice(from)
        .map(({ version, rows, outside, cadres, fresh }) => ({ version, rows, outside, cadres, fresh })),
    });
  }
  const versionId = `${RUN}.${version}`;
  // The screen's cells follow every evaluation of the same selection (whoever asked for it).
  const screen = screens.get(db);
  if (screen && screen.version !== versionId)
    if (screen.key !== key || !delta || !cached || screen.version !== `${RUN}.${cached.version}`) screens.delete(db);
    else if (!screen.apply(versionId, delta, rows)) screens.delete(db);
  const rules = ruleInfos(entries, data.followUps, range);
  const t2 = performance.now();
  return {
    data,
    range,
    entries,
    rules,
    rulesYear: loaded.year,
    rulesNote: loaded.note,
    rows,
    outside,
    cadres: resultCaches.get(db)!.cadres,
    /** Identifies `rows` (same version = same rows), and what changed to reach them. */
    version: versionId,
    key,
    delta,
    timing: { load: Math.round(t1 - t0), evaluate: Math.round(t2 - t1) },
  };
}

/** The rows and cadres of a version this process made and still keeps (the current one or one before). */
function keptVersion(db: Db, version: string): Version | undefined {
  const cache = resultCaches.get(db);
  const dot = version.lastIndexOf('.');
  if (!cache || version.slice(0, dot) !== RUN) return undefined;
  const n = Number(version.slice(dot + 1));
  return cache.version === n ? cache : cache.history.find((v) => v.version === n);
}

/** Records by id with names, in the order given, each with what it added or why it did not count. */
function recordItems(
  db: Db,
  list: { id: string; amount?: number | null; note?: string | null; reason?: string }[],
): WhyItem[] {
  const byId = new Map<number, Omit<WhyItem, 'amount' | 'note'>>();
  const ids = list.map((x) => Number(x.id)).filter(Number.isInteger);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(',');
    for (const r of db.sqlite
      .prepare(
        `SELECT r.id, r.date, t.name AS type, r.place FROM records r JOIN activity_types t ON t.id = r.activity_type_id
          WHERE r.id IN (${marks})`,
      )
      .all(...chunk) as { id: number; date: string; type: string; place: string }[])
      byId.set(r.id, {
        id: r.id,
        kind: 'record',
        date: r.date,
        activityType: r.type,
        place: r.place,
        cadreNames: [],
        objectNames: [],
      });
    for (const x of db.sqlite
      .prepare(
        `SELECT rc.record_id AS id, c.name FROM record_cadres rc JOIN cadres c ON c.id = rc.cadre_id
          WHERE rc.record_id IN (${marks}) ORDER BY rc.record_id, rc.position`,
      )
      .all(...chunk) as { id: number; name: string }[])
      byId.get(x.id)?.cadreNames.push(x.name);
    for (const x of db.sqlite
      .prepare(
        `SELECT ro.record_id AS id, o.name FROM record_objects ro JOIN contact_objects o ON o.id = ro.object_id
          WHERE ro.record_id IN (${marks}) ORDER BY ro.record_id, ro.position`,
      )
      .all(...chunk) as { id: number; name: string }[])
      byId.get(x.id)?.objectNames.push(x.name);
  }
  return list.flatMap((x) => {
    const r = byId.get(Number(x.id));
    return r ? [{ ...r, amount: x.amount ?? null, note: x.reason ?? x.note ?? null }] : [];
  });
}

/** Contact points by id with names, as a "why" lists them for a quota. */
function assignmentItems(
  db: Db,
  list: { id: string; amount?: number | null; note?: string | null; reason?: string }[],
): WhyItem[] {
  const ids = list.map((x) => Number(x.id)).filter(Number.isInteger);
  if (!ids.length) return [];
  const rows = db.sqlite
    .prepare(
      `SELECT a.id, a.year, a.slot, a.start_date, c.name AS cadre, o.name AS object, o.category
         FROM assignments a JOIN cadres c ON c.id = a.cadre_id JOIN contact_objects o ON o.id = a.object_id
        WHERE a.id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids) as {
    id: number;
    year: number;
    slot: string;
    start_date: string | null;
    cadre: string;
    object: string;
    category: string;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return list.flatMap((x) => {
    const a = byId.get(Number(x.id));
    return a
      ? [
          {
            id: a.id,
            kind: 'assignment' as const,
            date: a.start_date ?? `${a.year}年度`,
            activityType: a.slot || '联系点',
            cadreNames: [a.cadre],
            objectNames: [`${a.object}（${a.category}）`],
            place: '',
            amount: x.amount ?? null,
            note: x.reason ?? x.note ?? null,
          },
        ]
      : [];
  });
}

function summarize(
  entries: readonly RuleEntry[],
  rows: Map<string, EvalRow[]>,
  outside: Map<string, OutsideRows>,
  cadres: readonly CadreOut[],
) {
  const totals = emptyCounts();
  const byUnit = new Map<number | null, UnitSummary>();
  const cadreById = new Map(cadres.map((c) => [c.id, c]));
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
    // An indexed loop: run once per cold evaluation, often before the optimiser reaches it, a for…of made an
    // iterator result per row (2.2 MB per cold evaluation.run on the 200k bench ledger).
    const list = rows.get(e.rule.id) ?? [];
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      rs[r.status]++;
      totals[r.status]++;
      let u = byUnit.get(r.unitId);
      if (!u)
        byUnit.set(r.unitId, (u = { ...emptyCounts(), unitId: r.unitId, unitName: r.unitName || '（未填单位）' }));
      u[r.status]++;
    }
    // The cadres the rule leaves out: one 不适用 row each, counted as their rows were.
    const o = outside.get(e.rule.id);
    if (o)
      for (const id of o.cadreIds) {
        const c = cadreById.get(id);
        const unitId = c ? c.unitId : null;
        rs['n/a']++;
        totals['n/a']++;
        let u = byUnit.get(unitId);
        if (!u)
          byUnit.set(unitId, (u = { ...emptyCounts(), unitId, unitName: (c ? c.unitName : '') || '（未填单位）' }));
        u['n/a']++;
      }
    byRule.push(finish(rs));
  }
  return {
    totals: finish(totals),
    byRule,
    byUnit: [...byUnit.values()].map(finish).sort((a, b) => (a.unitId ?? 0) - (b.unitId ?? 0)),
  };
}

/** Per version's rows (and the rules' names, in the key): the summaries, counted once. */
const summaries = new WeakMap<
  Map<string, EvalRow[]>,
  { key: string; outside: Map<string, OutsideRows>; cadres: readonly CadreOut[]; s: ReturnType<typeof summarize> }
>();
function summaryOf(
  key: string,
  entries: readonly RuleEntry[],
  rows: Map<string, EvalRow[]>,
  outside: Map<string, OutsideRows>,
  cadres: readonly CadreOut[],
) {
  let got = summaries.get(rows);
  if (!got || got.key !== key || got.outside !== outside || got.cadres !== cadres)
    summaries.set(rows, (got = { key, outside, cadres, s: summarize(entries, rows, outside, cadres) }));
  return got.s;
}
/** The cadres each rule leaves out, in the rules' order. */
function outsideList(entries: readonly RuleEntry[], outside: Map<string, OutsideRows>): OutsideRows[] {
  const out: OutsideRows[] = [];
  for (const e of entries) {
    const o = outside.get(e.rule.id);
    if (o) out.push(o);
  }
  return out;
}
/** Every row, rule after rule: a list of the caller's own (the cache's lists are never handed out to change). */
function allRows(entries: readonly RuleEntry[], rows: Map<string, EvalRow[]>): EvalRow[] {
  const all: EvalRow[] = [];
  for (const e of entries) {
    const list = rows.get(e.rule.id) ?? [];
    for (let i = 0; i < list.length; i++) all.push(list[i]!);
  }
  return all;
}

export function evaluationHandlers(ctx: ServiceContext) {
  const { db } = ctx;

  const run = (selection: Selection, asOf: string) => evaluateSelection(db, selection, asOf);

  const today = () => localToday(ctx.now());

  return {
    'evaluation.run': ({
      selection,
      asOf,
      summaryOnly,
      since,
    }: ParsedInput<'evaluation.run'>): EvaluationResult | EvaluationChanges => {
      const at = asOf ?? today();
      const ev = run(selection as SelectionInput, at);
      const head = {
        asOf: at,
        range: ev.range,
        rulesYear: ev.rulesYear,
        rulesNote: ev.rulesNote,
        rules: ev.rules,
        ...summaryOf(ev.key, ev.entries, ev.rows, ev.outside, ev.cadres),
        timing: ev.timing,
        version: ev.version,
      };
      const held = since === undefined || summaryOnly ? undefined : keptVersion(db, since);
      // Only what changed since the version the caller holds: splices of its rows. The held rows are its
      // rules' rows in the order of its map (the rules' order then), as allRows put them together.
      const changes = held
        ? diffRows(held.rows, new Map(ev.entries.map((e) => [e.rule.id, ev.rows.get(e.rule.id) ?? []])))
        : null;
      if (held && changes)
        return {
          ...head,
          partial: true,
          cadres: held.cadres === ev.cadres ? null : ev.cadres,
          outside: held.outside === ev.outside ? null : outsideList(ev.entries, ev.outside),
          changes,
        };
      return {
        ...head,
        partial: false,
        cadres: ev.cadres,
        rows: summaryOnly ? [] : allRows(ev.entries, ev.rows),
        outside: summaryOnly ? [] : outsideList(ev.entries, ev.outside),
      };
    },

    /**
     * The screen's matrix: one cell per cadre × rule, the collective rows shown, the summaries; with `since`
     * (the version the screen holds) only the cells changed since.
     */
    'evaluation.screen': ({ selection, asOf, since }: ParsedInput<'evaluation.screen'>): EvaluationScreen => {
      const at = asOf ?? today();
      const ev = run(selection as SelectionInput, at);
      let screen = screens.get(db);
      if (!screen || screen.key !== ev.key || screen.version !== ev.version) {
        screen = new ScreenState(
          ev.key,
          ev.version,
          at,
          ev.entries.map((e) => e.rule.id),
          ev.rows,
          ev.outside,
          ev.cadres,
        );
        screens.set(db, screen);
      }
      const changed = screen.changedSince(since);
      // What the screen holds and did not change is not sent again: the cadres (a roster change is never
      // partial) and, unless one of them changed, the collective rows — most of an edit's answer otherwise.
      const partial = changed !== null && since !== undefined;
      return {
        asOf: at,
        range: ev.range,
        rulesYear: ev.rulesYear,
        rulesNote: ev.rulesNote,
        rules: ev.rules,
        cadres: partial
          ? null
          : ev.data.cadres.map((c) => ({
              id: Number(c.id),
              name: c.name,
              unitName: c.unitId ? (ev.data.unitNames.get(c.unitId) ?? '') : '',
            })),
        version: ev.version,
        partial,
        cells: changed ?? screen.packAll(),
        collective: partial && !screen.collectiveChangedSince(since) ? null : screen.collectiveRows(),
        ...screen.summaries(ev.rules),
        timing: ev.timing,
      };
    },

    /** Every period's row of one cadre × rule, with its evidence: what a cell of the matrix opens to. */
    'evaluation.cell': ({ selection, asOf, cadreId, ruleId }: ParsedInput<'evaluation.cell'>): EvalRow[] => {
      const at = asOf ?? today();
      const { rows, outside, rules, cadres } = run(selection as SelectionInput, at);
      const o = outside.get(String(ruleId));
      const rule = rules.find((x) => x.id === ruleId);
      const cadre = cadres.find((c) => c.id === cadreId);
      // A cadre the rule leaves out has its one 不适用 row, as every row of evaluation.run would list it.
      if (o && rule && cadre && o.cadreIds.includes(cadreId)) return [outsideRow(rule, o, cadre)];
      return (rows.get(String(ruleId)) ?? []).filter((r) => r.cadreId === cadreId);
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
      const range = selectionRange(selection as SelectionInput, data.calendar.school);
      const loaded = rulesForRange(db, range);
      // The same notices as the matrix (a deadline rule no 督办事项 falls under), for 制度 and the rota.
      return { year: loaded.year, note: loaded.note, rules: ruleInfos(loaded.entries, data.followUps, range) };
    },

    /** Why a figure is what it is, from the pure explain() beside the evaluator, with names for the screen. */
    'evaluation.explain': (q: ParsedInput<'evaluation.explain'>): EvalExplanation => {
      const at = q.asOf ?? today();
      const selection = q.selection as SelectionInput;
      const { data, index } = ledgerDataFor(db, selection);
      const loaded = rulesForRange(db, selectionRange(selection, data.calendar.school));
      const entry = loaded.entries.find((e) => e.info.id === q.ruleId);
      if (!entry)
        throw new LedgerError('NOT_FOUND', '这条要求不在所选范围适用的要求之中（可能已停用或删除），请刷新后再试');
      const input = evaluationInput(data, [entry.rule], at, selection);
      const e = explain(
        input,
        entry.rule,
        {
          cadreId: q.cadreId === null ? null : String(q.cadreId),
          unitId: q.unitId === null || q.unitId === undefined ? null : String(q.unitId),
          periodStart: q.periodStart,
          ...(q.periodEnd ? { periodEnd: q.periodEnd } : {}),
          followUpId: q.followUpId ? String(q.followUpId) : null,
        },
        index(at),
      );
      if (!e) throw new LedgerError('NOT_FOUND', '所选范围内没有这一考核结果，请刷新后再试');
      const r = e.result;
      const cadre = r.cadreId ? data.cadreById.get(r.cadreId) : undefined;
      const items = (list: { id: string; amount?: number | null; note?: string | null; reason?: string }[]) =>
        e.evidenceKind === 'assignments' ? assignmentItems(db, list) : recordItems(db, list);
      return {
        ruleId: entry.info.id,
        title: entry.info.title,
        clauseLabel: entry.info.clauseLabel,
        regulationName: entry.info.regulationName,
        sentence: e.sentence,
        cadreName: cadre?.name ?? (r.unitId ? (data.unitNames.get(r.unitId) ?? '') : COLLECTIVE_NAME),
        period: r.period,
        required: r.required,
        achieved: r.achieved,
        max: r.max ?? null,
        unit: r.unit,
        status: r.status,
        asOf: at,
        lines: e.lines,
        counted: items(e.counted),
        skipped: items(e.skipped),
        skippedMore: e.skippedMore,
      };
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
