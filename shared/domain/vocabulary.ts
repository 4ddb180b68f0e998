// The institution's controlled vocabularies (级别, 角色, 活动类型, 对象类别, 单位类别) and where rules name them.
//
// Rules refer to vocabulary values by name inside their JSON. Which list a value belongs to follows from
// the field that holds it, wherever the field sits in the rule (who, counts, slots, exemptions …), so that
// a new rule construct that reuses these field names is checked and renamed without a change here.

import type { InstitutionKind } from './institution';

export const VOCABULARY_LISTS = ['levels', 'roles', 'activityTypes', 'objectCategories', 'unitCategories'] as const;
export type VocabularyList = (typeof VOCABULARY_LISTS)[number];

/** The name a secretary knows each list by. */
export const VOCABULARY_LABELS: Record<VocabularyList, string> = {
  levels: '级别',
  roles: '角色',
  activityTypes: '活动类型',
  objectCategories: '对象类别',
  unitCategories: '单位类别',
};

export function isVocabularyList(s: string): s is VocabularyList {
  return (VOCABULARY_LISTS as readonly string[]).includes(s);
}

/** The list named by its Chinese label or its identifier ('级别' or 'levels'). */
export function vocabularyListOf(s: string): VocabularyList | undefined {
  if (isVocabularyList(s)) return s;
  return VOCABULARY_LISTS.find((l) => VOCABULARY_LABELS[l] === s.trim());
}

/**
 * Rule fields that hold vocabulary values, by field name. `categories` is always an object category
 * (object filters, quota slots, attribute checks); `unitCategories` a unit category (the cadre's unit,
 * or the units that carry a duty). Rule constructs that add fields naming vocabulary values add them here.
 */
export const RULE_VOCABULARY_FIELDS: Record<string, VocabularyList> = {
  levels: 'levels',
  roles: 'roles',
  excludeRoles: 'roles',
  activityTypes: 'activityTypes',
  categories: 'objectCategories',
  unitCategories: 'unitCategories',
};

export interface RuleVocabularyRef {
  list: VocabularyList;
  value: string;
  /** Where in the rule, e.g. ['who', 'cadres', 'levels', 0]. */
  path: (string | number)[];
}

/** Every vocabulary value a rule (its JSON body) names, with where it names it. */
export function ruleVocabularyRefs(body: unknown): RuleVocabularyRef[] {
  const out: RuleVocabularyRef[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const list = RULE_VOCABULARY_FIELDS[k];
        if (list && Array.isArray(x)) {
          x.forEach((value, i) => {
            if (typeof value === 'string') out.push({ list, value, path: [...path, k, i] });
          });
        } else walk(x, [...path, k]);
      }
  };
  walk(body, []);
  return out;
}

/**
 * The rule body with one value of one list renamed wherever the rule names it; `changed` says whether
 * anything was. A value the rule names twice after the rename (both old and new were listed) is kept once.
 */
export function renameInRule<T>(
  body: T,
  list: VocabularyList,
  from: string,
  to: string,
): { body: T; changed: boolean } {
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (RULE_VOCABULARY_FIELDS[k] === list && Array.isArray(x) && x.includes(from)) {
        changed = true;
        out[k] = [...new Set(x.map((s) => (s === from ? to : s)))];
      } else out[k] = walk(x);
    }
    return out;
  };
  const next = walk(body) as T;
  return { body: changed ? next : body, changed };
}

/**
 * Default lists for a regulation started empty, by kind of institution: the words offices of that kind
 * use. A preset brings its own lists instead (the values its rules name, plus its activity types and
 * object categories).
 */
export interface VocabularySeed {
  levels: string[];
  roles: string[];
  unitCategories: string[];
  activityTypes: string[];
  objectCategories: { name: string; kind: 'unit' | 'person' }[];
}

export const KIND_VOCABULARY: Record<InstitutionKind, VocabularySeed> = {
  高校: {
    levels: ['校级', '正处级', '副处级', '正科级', '副科级'],
    roles: ['党委书记', '校长', '分管教学', '分管学生工作', '分管科研', '学院党委书记', '院长', '支部书记'],
    unitCategories: ['学院', '职能部门', '直属单位', '系（教研室）', '党支部'],
    activityTypes: ['调研', '走访', '座谈', '听课', '讲思政课', '谈心谈话', '组织生活', '接待日', '慰问'],
    objectCategories: [
      { name: '学院', kind: 'unit' },
      { name: '班级', kind: 'unit' },
      { name: '宿舍', kind: 'unit' },
      { name: '党支部', kind: 'unit' },
      { name: '教授', kind: 'person' },
      { name: '青年教师', kind: 'person' },
      { name: '学生', kind: 'person' },
      { name: '离退休干部', kind: 'person' },
    ],
  },
  县市区党委政府: {
    levels: ['县级', '科级', '镇级', '县直'],
    roles: ['县委书记', '县长', '包村干部', '支部书记', '党代表'],
    unitCategories: ['镇', '街道', '县直单位', '村', '社区', '企业', '项目'],
    activityTypes: ['调研', '走访', '驻点', '接访', '下访', '约访', '谈心谈话', '慰问', '帮扶', '志愿服务'],
    objectCategories: [
      { name: '镇（街道）', kind: 'unit' },
      { name: '村（社区）', kind: 'unit' },
      { name: '民营企业', kind: 'unit' },
      { name: '重点项目', kind: 'unit' },
      { name: '贫困户', kind: 'person' },
      { name: '老党员', kind: 'person' },
      { name: '普通群众', kind: 'person' },
    ],
  },
  乡镇街道: {
    levels: ['镇级', '站所负责人', '村（社区）干部'],
    roles: ['党委书记', '镇长', '包村干部', '支部书记'],
    unitCategories: ['站所', '村', '社区', '企业'],
    activityTypes: ['走访', '驻村', '接访', '下访', '谈心谈话', '慰问', '帮扶'],
    objectCategories: [
      { name: '村（社区）', kind: 'unit' },
      { name: '企业', kind: 'unit' },
      { name: '贫困户', kind: 'person' },
      { name: '老党员', kind: 'person' },
      { name: '普通群众', kind: 'person' },
    ],
  },
  企业: {
    levels: ['公司领导', '中层正职', '中层副职'],
    roles: ['党委书记', '董事长', '总经理', '工会主席', '支部书记'],
    unitCategories: ['部门', '分公司', '子公司', '车间', '班组', '项目部'],
    activityTypes: ['调研', '走访', '座谈', '谈心谈话', '接待日', '慰问'],
    objectCategories: [
      { name: '车间', kind: 'unit' },
      { name: '班组', kind: 'unit' },
      { name: '项目部', kind: 'unit' },
      { name: '一线职工', kind: 'person' },
      { name: '困难职工', kind: 'person' },
      { name: '劳模', kind: 'person' },
    ],
  },
  机关部门: {
    levels: ['厅级', '正处级', '副处级', '科级'],
    roles: ['主要负责人', '分管负责人', '支部书记'],
    unitCategories: ['处室', '直属单位', '基层站所'],
    activityTypes: ['调研', '走访', '座谈', '接访', '谈心谈话', '慰问'],
    objectCategories: [
      { name: '基层单位', kind: 'unit' },
      { name: '服务对象', kind: 'person' },
      { name: '困难群众', kind: 'person' },
    ],
  },
};

/** The values a set of rules names, per list, in the order they first appear. */
export function valuesNamedByRules(rules: readonly unknown[]): Record<VocabularyList, string[]> {
  const out = Object.fromEntries(VOCABULARY_LISTS.map((l) => [l, [] as string[]])) as Record<VocabularyList, string[]>;
  for (const r of rules)
    for (const ref of ruleVocabularyRefs(r)) if (!out[ref.list].includes(ref.value)) out[ref.list].push(ref.value);
  return out;
}

/** Whether a category names people (教授, 贫困户) or units (班级, 村): by how its name ends. */
export function guessObjectKind(category: string): 'unit' | 'person' {
  return /(人才|人士|同志|干部|教师|教授|学生|辅导员|成员|党员|户|群众|代表|负责人|带头人|专家|校友|职工|员工|对象|委员)$/.test(
    category,
  )
    ? 'person'
    : 'unit';
}
