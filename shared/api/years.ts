// 年度锁定 methods: lock a year after its evaluation, unlock it with a reason, list the locks.
import { z } from './zod-zh';
import { method } from './method';
import { year } from '../domain/fields';

export const yearLock = z.object({
  year: z.number().int(),
  /** ISO timestamp of the lock. */
  lockedAt: z.string(),
  operator: z.string(),
  reason: z.string(),
});
export type YearLock = z.infer<typeof yearLock>;

export const yearLockState = z.object({
  year: z.number().int(),
  locked: z.boolean(),
  lockedAt: z.string().optional(),
  operator: z.string().optional(),
  reason: z.string().optional(),
});
export type YearLockState = z.infer<typeof yearLockState>;

const reason = z.string({ error: '必须是文字' }).trim().max(500, { error: '不能超过500个字' });

export const yearMethods = {
  'years.list': method('列出已锁定的年度', z.object({}).strict(), z.array(yearLock)),
  'years.lock': method(
    '锁定年度',
    z.object({ year: year.describe('年度'), reason: reason.optional().describe('理由') }).strict(),
    yearLock,
  ),
  /** The reason is required: it goes into the audit trail. */
  'years.unlock': method(
    '解锁年度',
    z
      .object({ year: year.describe('年度'), reason: reason.min(1, { error: '解锁必须填写理由' }).describe('理由') })
      .strict(),
    yearLock,
  ),
};
