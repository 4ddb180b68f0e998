// Schema v5: the institution's own lists of 级别, 角色 and 单位类别 (活动类型 and 对象类别 have their tables
// since v1), seeded from what the ledger already holds so that existing data keeps its meaning: every
// level, role and category a cadre, unit, contact object or stored rule uses becomes a listed value.
import type { Migration } from './context';

/** Rule fields holding each list's values (shared/domain/vocabulary.ts RULE_VOCABULARY_FIELDS). */
const RULE_FIELDS = {
  levels: ['levels'],
  roles: ['roles', 'excludeRoles'],
  unitCategories: ['unitCategories'],
} as const;

/** A category whose name ends so is a person (the import's guess for a category it did not know). */
const PERSON_SUFFIXES =
  '人才 人士 同志 干部 教师 教授 学生 辅导员 成员 党员 户 群众 代表 负责人 带头人 专家 校友 职工 员工 对象 委员'.split(
    ' ',
  );

/** json_tree rows that are text elements of an array held under one of these field names. */
const ruleValues = (fields: readonly string[]) =>
  `SELECT j.value AS name FROM rules, json_tree(rules.body) AS j
     WHERE json_valid(rules.body) AND j.type = 'text' AND (${fields.map((f) => `j.path LIKE '%.${f}'`).join(' OR ')})`;

export const m0005: Migration = {
  version: 5,
  name: 'vocabulary',
  up({ exec }) {
    exec(`CREATE TABLE vocabulary_terms (
      id INTEGER PRIMARY KEY,
      list TEXT NOT NULL CHECK (list IN ('levels', 'roles', 'unitCategories')),
      name TEXT NOT NULL,
      sort INTEGER NOT NULL DEFAULT 0,
      note TEXT NOT NULL DEFAULT '',
      UNIQUE (list, name)
    )`);
    const seed = (list: string, source: string) =>
      exec(`INSERT OR IGNORE INTO vocabulary_terms (list, name, sort)
        SELECT '${list}', name, row_number() OVER (ORDER BY first, name) - 1 FROM (
          SELECT trim(name) AS name, min(n) AS first FROM (${source}) WHERE trim(name) <> '' GROUP BY trim(name))`);
    seed(
      'levels',
      `SELECT level AS name, 0 AS n FROM cadres UNION ALL SELECT name, 1 FROM (${ruleValues(RULE_FIELDS.levels)})`,
    );
    seed(
      'roles',
      `SELECT role AS name, 0 AS n FROM cadre_roles UNION ALL SELECT name, 1 FROM (${ruleValues(RULE_FIELDS.roles)})`,
    );
    seed(
      'unitCategories',
      `SELECT category AS name, 0 AS n FROM units UNION ALL SELECT name, 1 FROM (${ruleValues(RULE_FIELDS.unitCategories)})`,
    );
    // Categories contact objects already use but the list lacks (an import before v5 could leave none).
    exec(`INSERT OR IGNORE INTO object_categories (name, kind, sort)
      SELECT category, CASE WHEN ${PERSON_SUFFIXES.map((x) => `category LIKE '%${x}'`).join(' OR ')} THEN 'person' ELSE 'unit' END,
          (SELECT coalesce(max(sort), -1) + 1 FROM object_categories)
        FROM contact_objects WHERE trim(category) <> '' GROUP BY category`);
  },
};
