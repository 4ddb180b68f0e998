// 词汇: the institution's own lists — 级别, 角色, 活动类型, 对象类别, 单位类别 — that grids, forms, the
// workbook import and the rules pick from; renaming a value carries every use along.
import { z } from './zod-zh';
import { method } from './method';
import { id, year } from '../domain/fields';
import { VOCABULARY_LISTS } from '../domain/vocabulary';

const word = z
  .string({ error: '必须是文字' })
  .trim()
  .min(1, { error: '不能为空' })
  .max(40, { error: '不能超过40个字' })
  .refine((s) => !/[、,，]/.test(s), { error: '不能含“、”或逗号（工作簿中它们用来分隔多个值）' });

const objectKind = z.enum(['unit', 'person'], { error: '应为“单位”或“个人”' });

export const vocabularyList = z.enum(VOCABULARY_LISTS, { error: '应为级别、角色、活动类型、对象类别、单位类别之一' });

const term = z.object({ id, name: z.string() });
const category = term.extend({ kind: objectKind });

export const vocabulary = z.object({
  levels: z.array(term),
  roles: z.array(term),
  activityTypes: z.array(term),
  objectCategories: z.array(category),
  unitCategories: z.array(term),
});
export type Vocabulary = z.infer<typeof vocabulary>;
export type VocabularyTerm = z.infer<typeof term>;

/** One list as 设置 and `ledger vocab list` show it: each value with how much uses it. */
export const vocabularyListState = z.object({
  list: vocabularyList,
  /** 级别, 角色 … */
  label: z.string(),
  terms: z.array(
    term.extend({
      kind: objectKind.optional(),
      /** Cadres, units, contact objects or records that carry the value. */
      uses: z.number().int(),
      /** Stored rules (any year) that name it. */
      ruleUses: z.number().int(),
    }),
  ),
});
export type VocabularyListState = z.infer<typeof vocabularyListState>;

/** What followed a rename: how many rows of each kind now carry the new name. */
export const renameResult = z.object({
  list: vocabularyList,
  from: z.string(),
  to: z.string(),
  /** True when `to` was already listed and `from` was folded into it. */
  merged: z.boolean(),
  cadres: z.number().int(),
  units: z.number().int(),
  objects: z.number().int(),
  records: z.number().int(),
  rules: z.number().int(),
});
export type RenameResult = z.infer<typeof renameResult>;

/** A rule that names a value no list holds, or applies to nobody on the roster. */
export const ruleWarning = z.object({
  ruleId: z.number().int(),
  /** The rule's own code ('002-16a'), its clause and title, to show beside the warning. */
  code: z.string(),
  clause: z.string(),
  title: z.string(),
  problem: z.enum(['unknownValue', 'noCadre', 'noUnit']),
  list: vocabularyList.optional(),
  value: z.string().optional(),
  /** The sentence shown on 制度 and by `ledger rules check`. */
  message: z.string(),
});
export type RuleWarning = z.infer<typeof ruleWarning>;

export const vocabularyMethods = {
  'vocabulary.get': method('读取本单位的词汇', z.object({}).strict(), vocabulary),
  'vocabulary.lists': method('列出词汇及其使用情况', z.object({}).strict(), z.array(vocabularyListState)),
  'vocabulary.add': method(
    '新增词汇',
    z
      .object({
        list: vocabularyList.describe('词汇表'),
        name: word.describe('名称'),
        /** Object categories only: a unit (班级, 村) or a person (教授, 贫困户). */
        kind: objectKind.optional().describe('单位或个人'),
      })
      .strict(),
    term.extend({ kind: objectKind.optional() }),
  ),
  'vocabulary.rename': method(
    '改名词汇（所有使用处随之改名）',
    z
      .object({
        list: vocabularyList.describe('词汇表'),
        from: word.describe('原名称'),
        to: word.describe('新名称'),
        /** Allows folding `from` into a `to` that is already listed. */
        merge: z.boolean().optional().describe('合并'),
      })
      .strict(),
    renameResult,
  ),
  'vocabulary.remove': method(
    '删除未使用的词汇',
    z.object({ list: vocabularyList.describe('词汇表'), name: word.describe('名称') }).strict(),
    term,
  ),
  'vocabulary.checkRules': method(
    '检查要求是否都对得上词汇和名册',
    z.object({ year: year.describe('年度') }).strict(),
    z.array(ruleWarning),
  ),
  'vocabulary.addActivityType': method(
    '新增活动类型',
    z.object({ name: word.describe('类型') }).strict(),
    z.object({ id, name: z.string() }),
  ),
  'vocabulary.addObjectCategory': method(
    '新增对象类别',
    z
      .object({
        name: word.describe('类别'),
        kind: objectKind.default('person').describe('单位或个人'),
      })
      .strict(),
    category,
  ),
};
