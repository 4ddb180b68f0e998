// 演示数据: a realistic university ledger under preset 002, offered on an empty ledger only.
import { z } from './zod-zh';
import { method } from './method';
import { year } from '../domain/fields';

export const demoInput = z
  .object({
    year: year.default(2026).describe('年度'),
    seed: z.number({ error: '必须是数字' }).int({ error: '必须是整数' }).min(0).default(1).describe('随机种子'),
  })
  .strict();

export const demoResult = z.object({
  units: z.number().int(),
  cadres: z.number().int(),
  contactObjects: z.number().int(),
  assignments: z.number().int(),
  records: z.number().int(),
  followUps: z.number().int(),
  /** True when preset 002 was applied first because the ledger had no regulation. */
  presetApplied: z.boolean(),
});
export type DemoResult = z.infer<typeof demoResult>;

/**
 * Where the window is: her own ledger, or the demo ledger — a separate file beside hers, filled with the
 * demo university, which she leaves with one click. Nothing done in the demo reaches her ledger.
 */
export const demoStatus = z.object({ active: z.boolean() });
export type DemoStatus = z.infer<typeof demoStatus>;

export const demoMethods = {
  'demo.generate': method('生成演示数据', demoInput, demoResult),
  'demo.status': method('是否在演示台账中', z.object({}).strict(), demoStatus),
  'demo.enter': method('打开演示台账', demoInput, demoResult),
  'demo.leave': method('退出演示台账', z.object({}).strict(), demoStatus),
};
