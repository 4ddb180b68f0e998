// 系统: what the backend can say about itself and its database file.
import { z } from './zod-zh';
import { method } from './method';

export const systemInfo = z.object({
  schemaVersion: z.number().int(),
  appSchemaVersion: z.number().int(),
  dbPath: z.string(),
  counts: z.record(z.string(), z.number().int()),
  integrity: z.string(),
});
export type SystemInfo = z.infer<typeof systemInfo>;

export const systemMethods = {
  'system.info': method('数据库信息', z.object({}).strict(), systemInfo),
};
