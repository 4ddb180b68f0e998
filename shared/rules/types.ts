// The evaluator's inputs and outputs: plain rows, as the database hands them over.
import type { SchoolCalendar } from '../calendar/school';
import type { WorkdayCalendar } from '../calendar/workdays';
import type { PeriodKind, Rule } from './schema';

export interface EvalCadre {
  id: string;
  name: string;
  level: string;
  roles: string[];
  unitId: string | null;
  partyMember: boolean;
  termStart: string | null;
  termEnd: string | null;
}

export interface EvalUnit {
  id: string;
  name: string;
  category: string;
}

export interface EvalObject {
  id: string;
  name: string;
  category: string;
  /** The unit the object belongs to (a village's town, a class's college, a person's unit). */
  unitId: string | null;
  /** 年级: 大一, 大二, 研一 … */
  grade?: string | null;
}

export interface EvalAssignment {
  id: string;
  year: number;
  cadreId: string;
  objectId: string;
  /** 联系类型 as entered (学院, 班级 …); slots match on the object's category. */
  slot?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

export interface EvalRecord {
  id: string;
  date: string;
  startTime?: string | null;
  endTime?: string | null;
  activityType: string;
  /** A joint activity counts for every cadre in it. Empty for institution-level records (公示, 通报). */
  cadreIds: string[];
  objectIds: string[];
  hours?: number | null;
  /** Days spent, counted from `date`; a multi-day record belongs to the period of its first day. */
  days?: number | null;
  companions?: number | null;
  /** Units that organised the record (for unit-level duties); defaults to its cadres' units. */
  unitIds?: string[];
}

/** 督办事项 or any dated event a deadline rule runs from (约访申请, 住院 …). */
export interface EvalFollowUp {
  id: string;
  type: string;
  raisedOn: string;
  /** The reply date, or else the close date (how the first model judged every deadline). */
  completedOn: string | null;
  /** 反馈日期: the first reply; judged by reply stages. Falls back to completedOn when not given. */
  feedbackOn?: string | null;
  /** 办结日期: judged by closing deadlines. */
  closedOn?: string | null;
  /** 延期至: the approved extended deadline, if one was granted. */
  extendedTo?: string | null;
  cadreId?: string | null;
  objectId?: string | null;
  /** The record it came from (转督办, or a workbook 来源 naming a record), and that record's objects. */
  recordId?: string | null;
  objectIds?: string[];
  department?: string | null;
  /** The unit it was handed to (承办部门): a roster's 涉及单位负责人一同参加 looks for a cadre of it. */
  departmentId?: string | null;
}

export interface EvalCalendar {
  school: SchoolCalendar;
  workdays: WorkdayCalendar;
}

export type Selection = { year: number } | { academicYear: string } | { from: string; to: string };

export interface EvalInput {
  rules: readonly Rule[];
  cadres: readonly EvalCadre[];
  units?: readonly EvalUnit[];
  objects: readonly EvalObject[];
  assignments: readonly EvalAssignment[];
  records: readonly EvalRecord[];
  followUps?: readonly EvalFollowUp[];
  calendar: EvalCalendar;
  asOf: string;
  selection: Selection;
}

export interface Period {
  /** 'span': the whole selection, for rules without periods of their own (interval). */
  kind: PeriodKind | 'deadline' | 'span';
  /** Chinese label: '2026年3月', '2025-2026学年第一学期', '2026年第12周' … */
  label: string;
  start: string;
  end: string;
}

export type Status = 'met' | 'missed' | 'open' | 'behind' | 'n/a';

export const STATUS_LABEL: Record<Status, string> = {
  met: '达标',
  missed: '未达标',
  open: '进行中',
  behind: '预警',
  'n/a': '不适用',
};

export interface SlotResult {
  name: string;
  min: number;
  max?: number;
  count: number;
  ok: boolean;
  assignmentIds: string[];
}

export interface QuotaIssue {
  kind: 'shared' | 'tooShort' | 'attribute';
  assignmentId: string;
  objectId: string;
  message: string;
}

/** A stretch longer than an interval rule allows, named for the result. */
export interface GapResult {
  /** The object the gap is with (per-object intervals), else null. */
  objectId: string | null;
  /** The contact before the gap; null when counted from the start of the period, term or contact point. */
  last: string | null;
  /** The contact that ended the gap; null while it is still open. */
  next: string | null;
  /** The gap in the rule's days (calendar or working days). */
  days: number;
  /** The first day past the allowed interval. */
  overdueFrom: string;
}

export interface EvalResult {
  /** null for institution-level, unit-level and collective results. */
  cadreId: string | null;
  unitId?: string | null;
  ruleId: string;
  clause: string;
  period: Period;
  required: number;
  achieved: number;
  /** 次, 学时, 天, 个, 项 */
  unit: string;
  status: Status;
  evidence: string[];
  /** coverage: the objects not reached (often enough); roster: the duty dates up to asOf with no record. */
  missing?: string[];
  /** coverage over cadre members (members): the cadres not reached (often enough). */
  missingCadres?: string[];
  /** frequency with an upper limit (至多): more than this is 未达标 whatever the minimum. */
  max?: number;
  followUpId?: string;
  slots?: SlotResult[];
  issues?: QuotaIssue[];
  /** e.g. working days assumed Monday–Friday for a year with no holiday schedule. */
  warnings?: string[];
  /** Interval rules: the gaps longer than allowed. */
  gaps?: GapResult[];
  /** Staged deadlines: which stage this row judges. */
  stage?: 'reply' | 'close';
}

/**
 * The cadres one rule's who-filter leaves out, when evaluate is asked to list them apart: each would have had a
 * 不适用 result over the whole selection (`period`), standing at `at[i]` among the results.
 */
export interface RuleOutside {
  ruleId: string;
  clause: string;
  period: Period;
  unit: string;
  cadreIds: string[];
  at: number[];
}

export type { Rule };
