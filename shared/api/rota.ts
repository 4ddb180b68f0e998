// 接待日排班 methods: generate a semester's rota from a roster rule, list it, swap two duties, clear it.
import { z } from './zod-zh';
import { method } from './method';
import { id, isoDate, line } from '../domain/fields';

export const rotaDuty = z.object({
  id: z.number().int(),
  date: z.string(),
  /** 星期三 */
  weekday: z.string(),
  cadreId: z.number().int(),
  cadreName: z.string(),
  cadreTitle: z.string(),
  ruleId: z.number().int().nullable(),
  clause: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  place: z.string(),
  /** The record of the duty (a record of the rule's type by that cadre on that day), once there is one. */
  recordId: z.number().int().nullable(),
  note: z.string(),
});
export type RotaDuty = z.infer<typeof rotaDuty>;

const time = z
  .string()
  .regex(/^\d{2}:\d{2}$/, { error: '应为“时:分”，如 15:00' })
  .nullable();

export const rotaMethods = {
  'rota.list': method(
    '列出接待日排班',
    z.object({ from: isoDate.describe('开始日期'), to: isoDate.describe('结束日期') }).strict(),
    z.array(rotaDuty),
  ),
  'rota.generate': method(
    '生成接待日排班',
    z
      .object({
        ruleId: id.describe('排班要求'),
        academicYear: z
          .string()
          .regex(/^\d{4}-\d{4}$/, { error: '应为“2025-2026”的形式' })
          .describe('学年'),
        term: z.union([z.literal(1), z.literal(2)]).describe('学期'),
        /** Rotation order; empty = every cadre the rule applies to, in roster order. */
        cadreIds: z.array(id).default([]).describe('轮值干部'),
        place: line.default('').describe('地点'),
        startTime: time.optional().describe('开始时间'),
        endTime: time.optional().describe('结束时间'),
        /** Replace duties of this rule already in the semester. */
        replace: z.boolean().default(true),
      })
      .strict(),
    z.array(rotaDuty),
  ),
  'rota.swap': method(
    '对调两次值班',
    z.object({ a: id.describe('第一次值班'), b: id.describe('第二次值班') }).strict(),
    z.array(rotaDuty),
  ),
  'rota.update': method(
    '修改值班',
    z
      .object({
        id: id.describe('值班编号'),
        patch: z
          .object({
            cadreId: id.optional().describe('值班干部'),
            place: line.optional().describe('地点'),
            note: line.optional().describe('备注'),
          })
          .strict(),
      })
      .strict(),
    rotaDuty,
  ),
  'rota.clear': method(
    '清除接待日排班',
    z.object({ from: isoDate.describe('开始日期'), to: isoDate.describe('结束日期'), ruleId: id.optional() }).strict(),
    z.object({ deleted: z.number().int() }),
  ),
};
