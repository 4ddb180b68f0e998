// Schema v1: the whole domain of the ledger (design.md), from the roster to the audit trail.
import { sql } from 'kysely';
import type { Migration } from './context';

const stamps = (t: ReturnType<Parameters<Migration['up']>[0]['db']['schema']['createTable']>) =>
  t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());

export const m0001: Migration = {
  version: 1,
  name: 'initial',
  up({ db, exec }) {
    const s = db.schema;

    // 单位 — colleges, departments, towns, villages, enterprises; a tree through parent_id.
    exec(
      stamps(
        s
          .createTable('units')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('parent_id', 'integer', (c) => c.references('units.id').onDelete('restrict'))
          .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
      ),
    );
    // Two units may share a name only under different parents (workbook: 名称（所属单位）).
    exec(sql`CREATE UNIQUE INDEX units_name_parent ON units (name, ifnull(parent_id, 0))`.compile(db));

    // 领导干部 — pinyin columns feed the search ("zs", "zhangs" → 张三).
    exec(
      stamps(
        s
          .createTable('cadres')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('level', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('restrict'))
          .addColumn('party_member', 'integer', (c) =>
            c
              .notNull()
              .defaultTo(1)
              .check(sql`party_member IN (0, 1)`),
          )
          .addColumn('term_start', 'text')
          .addColumn('term_end', 'text')
          .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('pinyin', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('initials', 'text', (c) => c.notNull().defaultTo('')),
      ),
    );
    exec(s.createIndex('cadres_name').on('cadres').column('name'));
    exec(s.createIndex('cadres_unit').on('cadres').column('unit_id'));

    // 角色 — tags the rules filter on (党委书记, 校长, 分管教学 …).
    exec(
      s
        .createTable('cadre_roles')
        .addColumn('cadre_id', 'integer', (c) => c.notNull().references('cadres.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('cadre_roles_pk', ['cadre_id', 'role']),
    );
    exec(s.createIndex('cadre_roles_role').on('cadre_roles').column('role'));

    // The institution's vocabulary: categories of contact objects and types of activity.
    exec(
      s
        .createTable('object_categories')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) =>
          c
            .notNull()
            .defaultTo('unit')
            .check(sql`kind IN ('unit', 'person')`),
        )
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0)),
    );
    exec(
      s
        .createTable('activity_types')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0)),
    );

    // 联系对象 — a unit or a person a cadre contacts; 年级 where the rules care (003 四.8).
    exec(
      stamps(
        s
          .createTable('contact_objects')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('restrict'))
          .addColumn('grade', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('pinyin', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('initials', 'text', (c) => c.notNull().defaultTo('')),
      ),
    );
    exec(
      sql`CREATE UNIQUE INDEX contact_objects_identity ON contact_objects (name, category, ifnull(unit_id, 0))`.compile(
        db,
      ),
    );
    exec(s.createIndex('contact_objects_category').on('contact_objects').column('category'));

    // 联系点 — who holds which contact point in which year, and which slot of the rules it fills.
    exec(
      stamps(
        s
          .createTable('assignments')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('cadre_id', 'integer', (c) => c.notNull().references('cadres.id').onDelete('restrict'))
          .addColumn('object_id', 'integer', (c) => c.notNull().references('contact_objects.id').onDelete('restrict'))
          .addColumn('slot', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('start_date', 'text')
          .addColumn('end_date', 'text')
          .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
      ),
    );
    exec(
      s
        .createIndex('assignments_identity')
        .unique()
        .on('assignments')
        .columns(['year', 'cadre_id', 'object_id', 'slot']),
    );
    exec(s.createIndex('assignments_object').on('assignments').columns(['year', 'object_id']));

    // 联系记录 — the fields of 002 第三十二条 plus type, hours, days and accompanying staff.
    exec(
      stamps(
        s
          .createTable('records')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('start_time', 'text')
          .addColumn('end_time', 'text')
          .addColumn('activity_type_id', 'integer', (c) =>
            c.notNull().references('activity_types.id').onDelete('restrict'),
          )
          .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('opinions', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('implementation', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('hours', 'real')
          .addColumn('days', 'real')
          .addColumn('companions', 'integer'),
      ),
    );
    exec(s.createIndex('records_date').on('records').columns(['date', 'id']));
    exec(s.createIndex('records_type_date').on('records').columns(['activity_type_id', 'date']));

    // Several cadres per record (a joint seminar counts for each), with 职务 as it was that day.
    exec(
      s
        .createTable('record_cadres')
        .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
        .addColumn('cadre_id', 'integer', (c) => c.notNull().references('cadres.id').onDelete('restrict'))
        .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('record_cadres_pk', ['record_id', 'cadre_id']),
    );
    exec(s.createIndex('record_cadres_cadre').on('record_cadres').columns(['cadre_id', 'record_id']));
    exec(
      s
        .createTable('record_objects')
        .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
        .addColumn('object_id', 'integer', (c) => c.notNull().references('contact_objects.id').onDelete('restrict'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('record_objects_pk', ['record_id', 'object_id']),
    );
    exec(s.createIndex('record_objects_object').on('record_objects').columns(['object_id', 'record_id']));

    // 附件 — files copied beside the database, named by content hash.
    exec(
      s
        .createTable('attachments')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('added_at', 'text', (c) => c.notNull()),
    );
    exec(s.createIndex('attachments_record').on('attachments').column('record_id'));

    // 督办事项 — a problem raised, handed to a department, chased until it is closed.
    exec(
      stamps(
        s
          .createTable('follow_ups')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('raised_date', 'text', (c) => c.notNull())
          .addColumn('record_id', 'integer', (c) => c.references('records.id').onDelete('set null'))
          .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('matter', 'text', (c) => c.notNull())
          .addColumn('raiser', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('department_id', 'integer', (c) => c.references('units.id').onDelete('restrict'))
          .addColumn('limit_days', 'integer')
          .addColumn('assigned_date', 'text')
          .addColumn('due_date', 'text')
          .addColumn('feedback_date', 'text')
          .addColumn('closed_date', 'text')
          .addColumn('status', 'text', (c) =>
            c
              .notNull()
              .defaultTo('待交办')
              .check(sql`status IN ('待交办', '已交办', '已反馈', '已办结')`),
          )
          .addColumn('result', 'text', (c) => c.notNull().defaultTo('')),
      ),
    );
    exec(s.createIndex('follow_ups_status_due').on('follow_ups').columns(['status', 'due_date']));
    exec(s.createIndex('follow_ups_record').on('follow_ups').column('record_id'));

    // 制度 and 要求: rule sets and their rules (JSON validated by the rule schema), versioned by year.
    exec(
      s
        .createTable('regulations')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('preset_id', 'text')
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull()),
    );
    exec(
      stamps(
        s
          .createTable('rules')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('regulation_id', 'integer', (c) => c.notNull().references('regulations.id').onDelete('cascade'))
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('clause', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) =>
            c
              .notNull()
              .defaultTo(1)
              .check(sql`enabled IN (0, 1)`),
          )
          .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('department', 'text', (c) => c.notNull().defaultTo('')),
      ),
    );
    exec(s.createIndex('rules_year').on('rules').columns(['year', 'regulation_id', 'sort']));

    // 校历: semesters per academic year ('2025-2026', term 1 or 2).
    exec(
      s
        .createTable('semesters')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('academic_year', 'text', (c) => c.notNull())
        .addColumn('term', 'integer', (c) => c.notNull().check(sql`term IN (1, 2)`))
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addUniqueConstraint('semesters_identity', ['academic_year', 'term']),
    );

    // The official holiday schedule the user adds for years the bundled data does not cover.
    exec(
      s
        .createTable('calendar_years')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull().defaultTo('user'))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
    );
    exec(
      s
        .createTable('calendar_days')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('holiday', 'workday')`))
        .addColumn('name', 'text', (c) => c.notNull().defaultTo('')),
    );

    // 接待日排班 — one duty a row; linked to the record that documents it.
    exec(
      s
        .createTable('rota_duties')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('cadre_id', 'integer', (c) => c.notNull().references('cadres.id').onDelete('restrict'))
        .addColumn('rule_id', 'integer', (c) => c.references('rules.id').onDelete('set null'))
        .addColumn('start_time', 'text')
        .addColumn('end_time', 'text')
        .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('record_id', 'integer', (c) => c.references('records.id').onDelete('set null'))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
    );
    exec(s.createIndex('rota_duties_date').on('rota_duties').columns(['date', 'cadre_id']));

    exec(
      s
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull()),
    );

    // 发文字号 register: a number is never given twice in one year under one prefix.
    exec(
      s
        .createTable('document_register')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('doc_type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('issued_date', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('document_register_number', ['prefix', 'year', 'seq']),
    );

    // 年度锁定: after the year-end evaluation a year's data becomes read-only.
    exec(
      s
        .createTable('year_locks')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('locked_at', 'text', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo('')),
    );

    // 审计日志: every write, chained by SHA-256 so that a change made outside the app shows.
    exec(
      s
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('os_user', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'integer')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull()),
    );
    exec(s.createIndex('audit_log_row').on('audit_log').columns(['table_name', 'row_id']));
  },
};
