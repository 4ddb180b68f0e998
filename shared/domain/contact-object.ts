// 联系对象: a unit or a person a cadre contacts (学院, 班级, 宿舍, 教授, 老同志, 贫困户 …).
import { z } from '../api/zod-zh';
import { id, line, name } from './fields';

const f = {
  name: name.describe('名称'),
  category: z
    .string({ error: '必须是文字' })
    .trim()
    .min(1, { error: '不能为空' })
    .max(40, { error: '不能超过40个字' })
    .describe('类别'),
  unitId: id.nullable().describe('所属单位'),
  /** 年级 (大一 … 研一) where the regulations care (003 四.8). */
  grade: line.describe('年级'),
  note: line.describe('备注'),
};

export const contactObjectInput = z
  .object({
    name: f.name,
    category: f.category,
    unitId: f.unitId.default(null),
    grade: f.grade.default(''),
    note: f.note.default(''),
  })
  .strict();

export const contactObjectPatch = z.object(f).partial().strict();

export const contactObject = z.object({
  id,
  name: z.string(),
  category: z.string(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  grade: z.string(),
  note: z.string(),
});

export type ContactObjectInput = z.input<typeof contactObjectInput>;
export type ContactObject = z.infer<typeof contactObject>;

/** The grades a student-facing rule may ask for, in order. */
export const GRADES = ['大一', '大二', '大三', '大四', '大五', '研一', '研二', '研三', '博一', '博二', '博三'] as const;
