// 制度 methods: the regulations of the ledger, their rules stored per year, the presets they come from, and
// the school calendar (semesters) the rules' periods are cut from.
import { z } from './zod-zh';
import { method } from './method';
import { id, isoDate, year } from '../domain/fields';
import { rule } from '../rules/schema';

export const regulation = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  presetId: z.string().nullable(),
  note: z.string(),
});
export type Regulation = z.infer<typeof regulation>;

export const storedRule = z.object({
  id: z.number().int(),
  regulationId: z.number().int(),
  regulationName: z.string(),
  regulationCode: z.string(),
  presetId: z.string().nullable(),
  year: z.number().int(),
  /** The rule's own code within its regulation ('002-16a'). */
  code: z.string(),
  clause: z.string(),
  title: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  sort: z.number().int(),
  department: z.string(),
  /** describeRule: "每位领导干部每学年听课不少于4次（002 第十六条）". */
  description: z.string(),
  body: rule,
});
export type StoredRule = z.infer<typeof storedRule>;

export const presetSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  issuer: z.string(),
  date: z.string(),
  ruleCount: z.number().int(),
  /** Whether this ledger already holds a regulation started from it. */
  applied: z.boolean(),
});
export type PresetSummary = z.infer<typeof presetSummary>;

export const semester = z.object({
  academicYear: z
    .string()
    .regex(/^\d{4}-\d{4}$/, { error: '应为“2025-2026”的形式' })
    .describe('学年'),
  term: z.union([z.literal(1), z.literal(2)]).describe('学期'),
  name: z.string(),
  start: isoDate.describe('开始日期'),
  end: isoDate.describe('结束日期'),
  /** False when the school calendar's default dates are shown because none were saved. */
  stored: z.boolean(),
});
export type Semester = z.infer<typeof semester>;

/** What a rule gives on the current ledger while it is being written: counts and names, this period. */
export const rulePreviewRow = z.object({
  /** The cadre, unit, 督办 item or 本单位 the row is about. */
  name: z.string(),
  period: z.string(),
  required: z.number(),
  achieved: z.number(),
  unit: z.string(),
  status: z.enum(['met', 'missed', 'open', 'behind', 'n/a']),
  /** Who or what is missing, overdue gaps, warnings — in Chinese. */
  note: z.string(),
});
export const rulePreview = z.object({
  /** The sentence the rule reads as. */
  description: z.string(),
  asOf: z.string(),
  year: z.number().int(),
  /** Cadres, units or items the rule applies to (不适用 left out). */
  subjects: z.number().int(),
  counts: z.object({
    met: z.number().int(),
    missed: z.number().int(),
    open: z.number().int(),
    behind: z.number().int(),
  }),
  /** One row per subject: the period running on the as-of date (or the last one before it). */
  rows: z.array(rulePreviewRow),
  /** Why the preview may mislead: no cadre matches, a value no list holds … */
  warnings: z.array(z.string()),
});
export type RulePreview = z.infer<typeof rulePreview>;

const ruleId = id.describe('要求编号');
/** A rule's body as the user edited it; validated against the rule schema by the service (field named). */
const body = z.unknown().describe('要求内容');

export const ruleMethods = {
  'rules.presets': method('列出制度预设', z.object({}).strict(), z.array(presetSummary)),
  'rules.applyPreset': method(
    '从制度预设载入制度和要求',
    z
      .object({
        presetId: z.string().min(1).describe('预设编号'),
        year: year.describe('年度'),
        /** A copy to edit: stored as the institution's own regulation of this name, not as the preset. */
        copyAs: z
          .string()
          .trim()
          .min(1, { error: '不能为空' })
          .max(200, { error: '不能超过200个字' })
          .optional()
          .describe('制度名称'),
      })
      .strict(),
    z.object({ regulationId: z.number().int(), rules: z.number().int() }),
  ),
  'rules.regulations': method('列出制度', z.object({}).strict(), z.array(regulation)),
  'rules.createRegulation': method(
    '新建制度',
    z
      .object({
        name: z
          .string()
          .trim()
          .min(1, { error: '不能为空' })
          .max(200, { error: '不能超过200个字' })
          .describe('制度名称'),
        code: z.string().trim().max(100, { error: '不能超过100个字' }).default('').describe('文号'),
        note: z.string().max(2000, { error: '不能超过2000个字' }).default('').describe('说明'),
      })
      .strict(),
    regulation,
  ),
  'rules.get': method('读取一条要求', z.object({ id: id.describe('要求编号') }).strict(), storedRule),
  'rules.preview': method(
    '预览要求在本台账上的结果（不保存）',
    z
      .object({
        body,
        year: year.describe('年度'),
        asOf: isoDate.optional().describe('截至日期'),
      })
      .strict(),
    rulePreview,
  ),
  'rules.years': method('列出存有要求的年度', z.object({}).strict(), z.array(z.number().int())),
  'rules.list': method(
    '列出一年的要求',
    z.object({ year: year.describe('年度'), enabledOnly: z.boolean().optional() }).strict(),
    z.array(storedRule),
  ),
  'rules.create': method(
    '新增要求',
    z.object({ regulationId: id.describe('制度编号'), year: year.describe('年度'), body }).strict(),
    storedRule,
  ),
  'rules.update': method('修改要求', z.object({ id: ruleId, body }).strict(), storedRule),
  'rules.setEnabled': method(
    '启用或停用要求',
    z.object({ id: ruleId, enabled: z.boolean().describe('启用') }).strict(),
    storedRule,
  ),
  'rules.delete': method('删除要求', z.object({ id: ruleId }).strict(), storedRule),
  'rules.copyYear': method(
    '把一年的要求复制到另一年',
    z.object({ from: year.describe('来源年度'), to: year.describe('目标年度') }).strict(),
    z.object({ copied: z.number().int() }),
  ),
  'semesters.list': method(
    '列出学期（未保存的按校历默认日期）',
    z.object({ academicYears: z.array(z.string()).optional() }).strict(),
    z.array(semester),
  ),
  'semesters.save': method(
    '保存学期起止日期',
    semester
      .omit({ stored: true })
      .extend({ name: z.string().default('') })
      .strict(),
    semester,
  ),
};
