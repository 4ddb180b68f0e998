// 统计考核 methods: the rule engine run over the ledger for a selection as of a date, its summaries, the
// reminders of what is still to be done, and the records behind a figure.
import { z } from './zod-zh';
import { method } from './method';
import { id, isoDate, year } from '../domain/fields';
import type { PackedCells } from './evaluation-cells';

export const STATUSES = ['met', 'missed', 'open', 'behind', 'n/a'] as const;
export type EvalStatus = (typeof STATUSES)[number];

export const selection = z.union([
  z.object({ year: year.describe('年度') }).strict(),
  z
    .object({
      academicYear: z
        .string()
        .regex(/^\d{4}-\d{4}$/, { error: '应为“2025-2026”的形式' })
        .describe('学年'),
    })
    .strict(),
  z.object({ from: isoDate.describe('开始日期'), to: isoDate.describe('结束日期') }).strict(),
]);
export type SelectionInput = z.infer<typeof selection>;

export const periodOut = z.object({ kind: z.string(), label: z.string(), start: z.string(), end: z.string() });

/** One cadre × rule × period. */
export interface EvalRow {
  /** null for the institution, a unit or a group of cadres together. */
  cadreId: number | null;
  cadreName: string;
  /** The cadre's unit, or the unit a unit-level duty belongs to. */
  unitId: number | null;
  unitName: string;
  ruleId: number;
  ruleCode: string;
  clause: string;
  description: string;
  period: { kind: string; label: string; start: string; end: string };
  required: number;
  achieved: number;
  /** 计量单位: 次, 学时, 天, 个, 项 */
  unit: string;
  status: EvalStatus;
  /** Record ids, or assignment ids for quota rules (evidenceKind). */
  evidence: number[];
  evidenceKind: 'records' | 'assignments';
  /** Problems found (shared contact points …), who was not reached, warnings (no holiday schedule …). */
  notes: string[];
  /** Coverage: the names of the objects not reached (often enough); roster: the duty days with no record. */
  missing: string[];
  /** A limit (至多) besides the minimum `required`. */
  max: number | null;
  /** Deadline rows: the 督办事项 they judge (two items raised the same day are told apart by it). */
  followUpId: number | null;
}

export interface StatusCounts {
  met: number;
  missed: number;
  open: number;
  behind: number;
  'n/a': number;
  /** met ÷ (all but 不适用); null when nothing applies. */
  rate: number | null;
}

export interface UnitSummary extends StatusCounts {
  unitId: number | null;
  unitName: string;
}
export interface RuleSummary extends StatusCounts {
  ruleId: number;
  ruleCode: string;
  clause: string;
  clauseLabel: string;
  title: string;
  description: string;
}

export interface EvalRuleInfo {
  id: number;
  /** The rule's code inside its regulation (002-6a): for the record, never shown to the secretary. */
  code: string;
  clause: string;
  /** The clause as she reads it (第十六条), without the preset's number. */
  clauseLabel: string;
  /** The rule's short name (每月实地调研走访). */
  title: string;
  /** The whole sentence (每位领导班子成员每月实地调研走访不少于1次（002 第六条）). */
  description: string;
  kind: string;
  regulationName: string;
  /** Said of the rule as a whole, e.g. a deadline rule that no 督办事项 of the selection falls under. */
  notice?: string;
}

export interface EvaluationResult {
  asOf: string;
  range: { from: string; to: string };
  /** The year whose stored rules judge the selection (see evaluation-rules.ts), and what to say about it. */
  rulesYear: number | null;
  rulesNote: string | null;
  /**
   * Every row but the 不适用 rows of the cadres a rule's who-filter leaves out, which are listed in `outside`
   * (three rows in four at 2,000 cadres × 50 rules); expandRows (evaluation-outside.ts) gives every row, in order.
   */
  rows: EvalRow[];
  /** Per rule that leaves cadres out: who, and where their 不适用 rows stand among the rule's rows. */
  outside: OutsideRows[];
  rules: EvalRuleInfo[];
  cadres: { id: number; name: string; unitId: number | null; unitName: string }[];
  byUnit: UnitSummary[];
  byRule: RuleSummary[];
  totals: StatusCounts;
  /** Milliseconds the service spent (loading, evaluating), for the status line. */
  timing: { load: number; evaluate: number };
  /** Pass back as `since` to get only the rows changed since (EvaluationChanges). */
  version: string;
  /** false: `rows` are every row (the answer without `since`, or to a version the backend no longer knows). */
  partial: false;
}

/**
 * The cadres one rule does not apply to (its who-filter leaves them out): each has one 不适用 row over the whole
 * selection (`period`), required and achieved 0, no evidence, notes or names missing; it stands after the first
 * `at[i]` of the rule's rows in `rows` (expandRows puts it there).
 */
export interface OutsideRows {
  ruleId: number;
  period: EvalRow['period'];
  unit: string;
  cadreIds: number[];
  at: number[];
}

/** The held rows `at`…`at + remove - 1` are replaced by `rows` (`remove` 0: inserted before row `at`). */
export interface RowSplice {
  at: number;
  remove: number;
  rows: EvalRow[];
}

/**
 * evaluation.run with `since` = a version the backend still keeps: instead of every row, the splices that turn
 * the rows held into the rows now (places in the held rows, in increasing order); applyChanges
 * (evaluation-diff.ts) gives the full answer. An edit of records replaces a few rows in their places.
 */
export interface EvaluationChanges extends Omit<EvaluationResult, 'rows' | 'outside' | 'cadres' | 'partial'> {
  partial: true;
  /** null: the same cadres as the version held. */
  cadres: EvaluationResult['cadres'] | null;
  /** null: the same as the version held (an edit of records never changes who a rule applies to). */
  outside: OutsideRows[] | null;
  changes: RowSplice[];
}

/**
 * One cell of the 统计考核 matrix: a cadre × rule, showing the period running on asOf (else the latest begun,
 * else the first) — what the screen shows of that cadre's rows, without their evidence.
 */
export interface MatrixCell {
  cadreId: number;
  ruleId: number;
  status: EvalStatus;
  achieved: number;
  required: number;
  unit: string;
  /** The label of the period shown (2026年3月). */
  period: string;
  notes: string[];
}

/**
 * A row as the 统计考核 screen shows it: without its evidence (the record ids counted, thousands for an
 * institution's duty — half the screen's JSON once); its why lists them (evaluation.explain).
 */
export type ScreenRow = Omit<EvalRow, 'evidence'>;

/**
 * What the 统计考核 screen shows: the cells of the matrix, the rows of collective and unit duties (not
 * 不适用, at most 300), the summaries. With `since` = the version the screen holds, `cells` are only those that
 * changed since (`partial`), so an edit costs the cells it moved, not the whole matrix.
 */
export interface EvaluationScreen {
  asOf: string;
  range: { from: string; to: string };
  rulesYear: number | null;
  rulesNote: string | null;
  rules: EvalRuleInfo[];
  /**
   * null when `partial`: the same cadres as the version held (a change of the roster is never followed cell
   * by cell, it sends everything).
   */
  cadres: { id: number; name: string; unitName: string }[] | null;
  /** Pass back as `since` to get only what changed. */
  version: string;
  /** true: `cells` are the changed cells only (replace those with the same cadre and rule). */
  partial: boolean;
  /** Column by column (evaluation-cells.ts): `unpackCells` gives the MatrixCell list. */
  cells: PackedCells;
  /** null when `partial` and no collective or unit row changed since the version held: keep those held. */
  collective: ScreenRow[] | null;
  byUnit: UnitSummary[];
  byRule: RuleSummary[];
  totals: StatusCounts;
  timing: { load: number; evaluate: number };
}

export interface ReminderItem {
  ruleId: number;
  ruleCode: string;
  clause: string;
  clauseLabel: string;
  title: string;
  description: string;
  periodLabel: string;
  /** The date by which it must be done: the period's end. */
  due: string;
  required: number;
  achieved: number;
  remaining: number;
  unit: string;
  status: 'open' | 'behind';
}

export interface CadreReminders {
  cadreId: number | null;
  cadreName: string;
  unitName: string;
  items: ReminderItem[];
}

export interface EvidenceRecord {
  id: number;
  date: string;
  activityType: string;
  place: string;
  cadreNames: string[];
  objectNames: string[];
  content: string;
  hours: number | null;
}

/** One record (or contact point) in a "why": what it is, and what it added or why it did not count. */
export interface WhyItem {
  id: number;
  /** 联系记录 or 联系点. */
  kind: 'record' | 'assignment';
  date: string;
  /** The activity type; for a contact point its 联系类型 (slot) or 联系点. */
  activityType: string;
  cadreNames: string[];
  objectNames: string[];
  place: string;
  /** Counted: what it adds (1次, 2学时 …); null where the figure is not a sum. */
  amount: number | null;
  /** Counted: a remark (未填学时，计0学时); not counted: the reason. */
  note: string | null;
}

/** Why a figure is what it is: the rule's sentence, the period, the records counted and those seen but not. */
export interface EvalExplanation {
  ruleId: number;
  title: string;
  clauseLabel: string;
  regulationName: string;
  /** The rule read aloud, with its clause. */
  sentence: string;
  cadreName: string;
  period: { kind: string; label: string; start: string; end: string };
  required: number;
  achieved: number;
  max: number | null;
  unit: string;
  status: EvalStatus;
  asOf: string;
  /** The figure against the requirement, the pace, deadlines, slots, who was not reached, problems, warnings. */
  lines: string[];
  counted: WhyItem[];
  skipped: WhyItem[];
  /** Records seen but not listed (the list stops at a few hundred). */
  skippedMore: number;
}

// Results run to hundreds of thousands of rows: they are built by the service from typed code and not
// re-validated field by field on the way out (z.custom keeps the type without the cost).
export const evaluationMethods = {
  'evaluation.run': method(
    '统计考核',
    z
      .object({
        selection: selection.describe('统计范围'),
        asOf: isoDate.optional().describe('截至日期'),
        /** Leave out the per-row results (summaries only). */
        summaryOnly: z.boolean().optional(),
        /** The version of the answer the caller holds: then only what changed since (EvaluationChanges). */
        since: z.string().max(100).optional().describe('上次结果的版本'),
      })
      .strict(),
    z.custom<EvaluationResult | EvaluationChanges>(
      (v) => typeof v === 'object' && v !== null && typeof (v as { partial?: unknown }).partial === 'boolean',
    ),
  ),
  'evaluation.screen': method(
    '统计考核',
    z
      .object({
        selection: selection.describe('统计范围'),
        asOf: isoDate.optional().describe('截至日期'),
        since: z.string().max(100).optional().describe('上次结果的版本'),
      })
      .strict(),
    z.custom<EvaluationScreen>((v) => typeof v === 'object' && v !== null),
  ),
  'evaluation.cell': method(
    '统计考核明细',
    z
      .object({
        selection: selection.describe('统计范围'),
        asOf: isoDate.optional().describe('截至日期'),
        cadreId: id.describe('干部'),
        ruleId: id.describe('要求'),
      })
      .strict(),
    z.custom<EvalRow[]>((v) => Array.isArray(v)),
  ),
  'evaluation.reminders': method(
    '本月提醒',
    z.object({ asOf: isoDate.optional().describe('截至日期'), cadreId: id.optional().describe('干部') }).strict(),
    z.custom<CadreReminders[]>((v) => Array.isArray(v)),
  ),
  'evaluation.rules': method(
    '适用的制度要求',
    z.object({ selection: selection.describe('统计范围') }).strict(),
    z.custom<{ year: number | null; note: string | null; rules: EvalRuleInfo[] }>(
      (v) => typeof v === 'object' && v !== null,
    ),
  ),
  'evaluation.explain': method(
    '考核结果的依据',
    z
      .object({
        selection: selection.describe('统计范围'),
        asOf: isoDate.optional().describe('截至日期'),
        ruleId: id.describe('要求'),
        cadreId: id.nullable().describe('干部'),
        unitId: id.nullable().optional().describe('单位'),
        periodStart: isoDate.describe('周期开始'),
        periodEnd: isoDate.optional().describe('周期结束'),
        followUpId: id.nullable().optional().describe('督办事项'),
      })
      .strict(),
    z.custom<EvalExplanation>((v) => typeof v === 'object' && v !== null),
  ),
  'evaluation.evidence': method(
    '考核依据的联系记录',
    z.object({ ids: z.array(id).max(5000).describe('记录编号') }).strict(),
    z.custom<EvidenceRecord[]>((v) => Array.isArray(v)),
  ),
};
