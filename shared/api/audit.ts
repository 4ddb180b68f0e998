// 审计 methods: verify the trail and the rows it describes; the history of one row.
import { z } from './zod-zh';
import { method } from './method';

export const rowFinding = z.object({
  /** changed: differs from its latest audited state; inserted / deleted: outside the app. */
  kind: z.enum(['changed', 'inserted', 'deleted']),
  table: z.string(),
  rowId: z.number().int(),
  /** The latest audit entry of the row, when there is one. */
  auditId: z.number().int().optional(),
  /** Columns (or child tables such as record_cadres) that differ. */
  fields: z.array(z.string()),
  message: z.string(),
});
export type RowFinding = z.infer<typeof rowFinding>;

export const chainBreak = z.object({
  id: z.number().int(),
  table: z.string(),
  rowId: z.number().int().nullable(),
  reason: z.string(),
});

/** An anchor kept outside the file (head file, anchors log, a backup, a year lock) the trail contradicts. */
export const anchorBreak = z.object({
  /** Where the anchor is, in words: 2026年3月1日 08:30的备份“…”, 2025年度锁定记录 … */
  source: z.string(),
  at: z.string().nullable(),
  /** The entry number the anchor names. */
  id: z.number().int(),
  message: z.string(),
});
export type AnchorBreak = z.infer<typeof anchorBreak>;

export const verifyReport = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  chainBreaks: z.array(chainBreak),
  rowsChecked: z.number().int(),
  /** Rows whose latest entry predates schema v2 and so carries no state to compare with. */
  rowsUnverifiable: z.number().int(),
  findings: z.array(rowFinding),
  /** Anchors outside the file checked against the trail, and those it contradicts. */
  anchorsChecked: z.number().int(),
  anchorBreaks: z.array(anchorBreak),
  /** What the check could not do, said plainly (no anchors kept yet …). */
  notes: z.array(z.string()),
});
export type VerifyReport = z.infer<typeof verifyReport>;

export const auditHistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  operator: z.string(),
  osUser: z.string(),
  action: z.string(),
  table: z.string(),
  rowId: z.number().int().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditHistoryEntry = z.infer<typeof auditHistoryEntry>;

export const auditMethods = {
  'audit.verify': method('校验审计日志和数据', z.object({}).strict(), verifyReport),
  'audit.history': method(
    '查看一条数据的修改历史',
    z
      .object({
        table: z.string({ error: '必须是文字' }).min(1, { error: '不能为空' }).max(64).describe('数据表'),
        rowId: z.number({ error: '必须是数字' }).int({ error: '必须是整数' }).describe('编号'),
        limit: z.number().int().min(1).max(10_000).optional().describe('条数'),
      })
      .strict(),
    z.array(auditHistoryEntry),
  ),
};
