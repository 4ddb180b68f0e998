// 联系点: which cadre holds which contact object in which year, filling which slot of the rules.
import { z } from '../api/zod-zh';
import { id, line, optionalLedgerDate, year } from './fields';

const f = {
  year: year.describe('年度'),
  cadreId: id.describe('干部'),
  objectId: id.describe('联系对象'),
  /** 联系类型: the slot the regulations name (联系学院, 联系班级, 一联六·老区村 …). */
  slot: line.describe('联系类型'),
  startDate: optionalLedgerDate.describe('开始日期'),
  endDate: optionalLedgerDate.describe('结束日期'),
  note: line.describe('备注'),
};

const inOrder = (a: { startDate?: string | null; endDate?: string | null }) =>
  !a.startDate || !a.endDate || a.startDate <= a.endDate;
export const DATE_ORDER_MESSAGE = '结束日期不能早于开始日期';

export const assignmentInput = z
  .object({
    year: f.year,
    cadreId: f.cadreId,
    objectId: f.objectId,
    slot: f.slot.default(''),
    startDate: f.startDate.default(null),
    endDate: f.endDate.default(null),
    note: f.note.default(''),
  })
  .strict()
  .refine(inOrder, { error: DATE_ORDER_MESSAGE, path: ['endDate'] });

export const assignmentPatch = z.object(f).partial().strict();

export const assignment = z.object({
  id,
  year: z.number().int(),
  cadreId: id,
  cadreName: z.string(),
  objectId: id,
  objectName: z.string(),
  objectCategory: z.string(),
  slot: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  note: z.string(),
});

export type AssignmentInput = z.input<typeof assignmentInput>;
export type Assignment = z.infer<typeof assignment>;
export { inOrder as assignmentDatesInOrder };
