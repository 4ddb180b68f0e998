// The tables of the schema as Kysely types (snake_case, as stored). Mirrors migrations/0001_initial.ts and
// the additive migrations after it.
import type { Generated } from 'kysely';

interface Stamped {
  created_at: string;
  updated_at: string;
}

export interface UnitsTable extends Stamped {
  id: Generated<number>;
  name: string;
  category: string;
  parent_id: number | null;
  note: string;
}

export interface CadresTable extends Stamped {
  id: Generated<number>;
  name: string;
  title: string;
  level: string;
  unit_id: number | null;
  party_member: number;
  term_start: string | null;
  term_end: string | null;
  note: string;
  pinyin: string;
  initials: string;
}

export interface CadreRolesTable {
  cadre_id: number;
  role: string;
}

export interface ObjectCategoriesTable {
  id: Generated<number>;
  name: string;
  kind: 'unit' | 'person';
  sort: number;
}

export interface ActivityTypesTable {
  id: Generated<number>;
  name: string;
  note: string;
  sort: number;
}

/** Schema v5: 级别, 角色 and 单位类别 lists (活动类型 and 对象类别 have tables of their own). */
export interface VocabularyTermsTable {
  id: Generated<number>;
  list: 'levels' | 'roles' | 'unitCategories';
  name: string;
  sort: number;
  note: string;
}

export interface ContactObjectsTable extends Stamped {
  id: Generated<number>;
  name: string;
  category: string;
  unit_id: number | null;
  grade: string;
  note: string;
  pinyin: string;
  initials: string;
}

export interface AssignmentsTable extends Stamped {
  id: Generated<number>;
  year: number;
  cadre_id: number;
  object_id: number;
  slot: string;
  start_date: string | null;
  end_date: string | null;
  note: string;
}

export interface RecordsTable extends Stamped {
  id: Generated<number>;
  date: string;
  start_time: string | null;
  end_time: string | null;
  activity_type_id: number;
  place: string;
  content: string;
  opinions: string;
  implementation: string;
  hours: number | null;
  days: number | null;
  companions: number | null;
}

export interface RecordCadresTable {
  record_id: number;
  cadre_id: number;
  title: string;
  position: number;
}

export interface RecordObjectsTable {
  record_id: number;
  object_id: number;
  position: number;
}

export interface AttachmentsTable {
  id: Generated<number>;
  record_id: number;
  file_name: string;
  sha256: string;
  size: number;
  mime: string;
  added_at: string;
}

export type FollowUpStatus = '待交办' | '已交办' | '已反馈' | '已办结';

export interface FollowUpsTable extends Stamped {
  id: Generated<number>;
  raised_date: string;
  record_id: number | null;
  source: string;
  matter: string;
  raiser: string;
  department_id: number | null;
  limit_days: number | null;
  assigned_date: string | null;
  due_date: string | null;
  feedback_date: string | null;
  closed_date: string | null;
  /** 延期至: the approved extension of the deadline (schema v6). */
  extended_date: string | null;
  status: FollowUpStatus;
  result: string;
}

export interface RegulationsTable {
  id: Generated<number>;
  code: string;
  name: string;
  preset_id: string | null;
  note: string;
  created_at: string;
}

export interface RulesTable extends Stamped {
  id: Generated<number>;
  regulation_id: number;
  year: number;
  clause: string;
  title: string;
  body: string;
  enabled: number;
  sort: number;
  department: string;
}

/** A regulation read from its text (0009): the text itself. */
export interface RegulationSourcesTable {
  regulation_id: number;
  text: string;
  file_name: string;
  stored_at: string;
}

/** The words of the text a rule came from (rule_code), or a sentence left unwritten (rule_code NULL). */
export interface RegulationSourceSpansTable {
  id: Generated<number>;
  regulation_id: number;
  rule_code: string | null;
  clause: string;
  start: number;
  end: number;
  reason: string;
}

export interface SemestersTable {
  id: Generated<number>;
  academic_year: string;
  term: 1 | 2;
  name: string;
  start_date: string;
  end_date: string;
}

export interface CalendarYearsTable {
  year: number;
  source: string;
  note: string;
}

export interface CalendarDaysTable {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface RotaDutiesTable {
  id: Generated<number>;
  date: string;
  cadre_id: number;
  rule_id: number | null;
  start_time: string | null;
  end_time: string | null;
  place: string;
  record_id: number | null;
  note: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface DocumentRegisterTable {
  id: Generated<number>;
  prefix: string;
  year: number;
  seq: number;
  doc_type: string;
  title: string;
  issued_date: string | null;
  created_at: string;
}

export interface YearLocksTable {
  year: number;
  locked_at: string;
  operator: string;
  reason: string;
  /** Schema v4: the head of the audit trail when the year was locked. */
  audit_head_id: number | null;
  audit_head_hash: string | null;
  /** Schema v10: the roster the year was locked with (locked-roster.ts), JSON; NULL for older locks. */
  roster: string | null;
}

/** Schema v4: the file's identity (ledgerId) and when it was made. */
export interface LedgerMetaTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  operator: string;
  os_user: string;
  action: string;
  table_name: string;
  row_id: number | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
  /** Schema v2: the raw row(s) as written, canonical JSON; 'null' once deleted; NULL when not kept. */
  row_state: string | null;
}

/** Schema v3: one saved change that can be undone (see electron/services/changes.ts). */
export interface UndoChangesTable {
  id: Generated<number>;
  at: string;
  operator: string;
  label: string | null;
  method: string;
  undone_at: string | null;
  undone_by: string | null;
}

/** One row a change inserted, updated or deleted, as JSON of its columns before and after. */
export interface UndoRowsTable {
  id: Generated<number>;
  change_id: number;
  table_name: string;
  op: 'insert' | 'update' | 'delete';
  row_key: number;
  before: string | null;
  after: string | null;
}

export interface DB {
  units: UnitsTable;
  cadres: CadresTable;
  cadre_roles: CadreRolesTable;
  object_categories: ObjectCategoriesTable;
  activity_types: ActivityTypesTable;
  vocabulary_terms: VocabularyTermsTable;
  contact_objects: ContactObjectsTable;
  assignments: AssignmentsTable;
  records: RecordsTable;
  record_cadres: RecordCadresTable;
  record_objects: RecordObjectsTable;
  attachments: AttachmentsTable;
  follow_ups: FollowUpsTable;
  regulations: RegulationsTable;
  rules: RulesTable;
  regulation_sources: RegulationSourcesTable;
  regulation_source_spans: RegulationSourceSpansTable;
  semesters: SemestersTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  rota_duties: RotaDutiesTable;
  settings: SettingsTable;
  document_register: DocumentRegisterTable;
  year_locks: YearLocksTable;
  audit_log: AuditLogTable;
  ledger_meta: LedgerMetaTable;
  undo_changes: UndoChangesTable;
  undo_rows: UndoRowsTable;
}

/** The tables `ledger info` counts, in the order a person reads them. */
export const countedTables = [
  'units',
  'cadres',
  'contact_objects',
  'assignments',
  'activity_types',
  'records',
  'follow_ups',
  'regulations',
  'rules',
  'attachments',
  'document_register',
  'audit_log',
] as const satisfies readonly (keyof DB)[];
