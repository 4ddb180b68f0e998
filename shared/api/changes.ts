// 撤销 methods: the ledger-wide undo history. Every write made through the contract is one saved change
// (a paste of three rows is one); the newest changes can be undone in order, each undo audited.
import { z } from './zod-zh';
import { method } from './method';
import { id } from '../domain/fields';

export const savedChange = z.object({
  id: z.number().int(),
  at: z.string(),
  operator: z.string(),
  /** What the secretary reads: 修改干部“张三”：职务; 粘贴新增 3 行干部. */
  label: z.string(),
  /** The contract method that made it (cadres.update, changes.apply …). */
  method: z.string(),
  /** Rows inserted, updated or deleted, the rows that belong to them (a record's cadres) included. */
  rows: z.number().int(),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
});
export type SavedChange = z.infer<typeof savedChange>;

/** One call of a batch: a contract method and its input, with where it came from for error messages. */
export const batchCall = z
  .object({
    method: z.string({ error: '必须是文字' }).min(1).max(80).describe('操作'),
    input: z.unknown(),
    /** Prefixed to a refusal: 第 3 行; 第 3 行「日期」. */
    where: z.string().max(80).optional().describe('位置'),
  })
  .strict();
export type BatchCall = z.infer<typeof batchCall>;

export const reference = z.object({
  /** What refers to the row, in Chinese with its measure word: 条联系记录, 个联系点. */
  label: z.string(),
  count: z.number().int(),
});
export type Reference = z.infer<typeof reference>;

export const changeMethods = {
  'changes.list': method(
    '查看可撤销的修改',
    z.object({ limit: z.number().int().min(1).max(500).default(50).describe('条数') }).strict(),
    z.array(savedChange),
  ),
  /**
   * Undoes the newest change not yet undone; with `throughId`, every change from the newest back to that
   * one, newest first (undone in order, never skipping one). All or nothing.
   */
  'changes.undo': method(
    '撤销修改',
    z.object({ throughId: id.optional().describe('撤销到') }).strict(),
    z.object({ undone: z.array(savedChange) }),
  ),
  /**
   * Runs several writes as one saved change, all or nothing: a paste, a fill, a replace-all. Each call is
   * checked against the contract like a call of its own; a refusal names the call's `where`.
   */
  'changes.apply': method(
    '保存一组修改',
    z
      .object({
        label: z.string({ error: '必须是文字' }).trim().min(1).max(200).describe('说明'),
        calls: z.array(batchCall).min(1, { error: '没有要保存的修改' }).max(5000, { error: '一次最多5000项' }),
      })
      .strict(),
    z.object({ change: savedChange.nullable(), results: z.array(z.unknown()) }),
  ),
  /** What refers to each row (a cadre's records, contact points …): shown before a row is overwritten. */
  'changes.references': method(
    '查看引用',
    z
      .object({
        table: z
          .string()
          .regex(/^[a-z_]+$/, { error: '不是有效的数据表名' })
          .max(64)
          .describe('数据表'),
        ids: z.array(id).max(5000).describe('编号'),
      })
      .strict(),
    z.array(z.object({ id: z.number().int(), references: z.array(reference) })),
  ),
};
