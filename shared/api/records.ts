// 联系记录 methods: paged reading with sorting and filtering done by the database, and writes.
import { z } from './zod-zh';
import { method } from './method';
import { id, isoDate, year } from '../domain/fields';
import { record, recordInput, recordPatch } from '../domain/record';

export const RECORD_SORT_FIELDS = ['date', 'activityType', 'place', 'hours', 'days', 'companions', 'id'] as const;
export type RecordSortField = (typeof RECORD_SORT_FIELDS)[number];

const search = z.string({ error: '必须是文字' }).trim().max(100, { error: '不能超过100个字' });

export const recordFilters = z
  .object({
    year: year.optional().describe('年度'),
    dateFrom: isoDate.optional().describe('起始日期'),
    dateTo: isoDate.optional().describe('截止日期'),
    activityTypeIds: z.array(id).max(100).optional().describe('类型'),
    /** Matches a cadre's name, full pinyin or initials ("zs", "zhangs" → 张三). */
    cadre: search.optional().describe('领导干部'),
    cadreId: id.optional().describe('领导干部'),
    object: search.optional().describe('联系对象'),
    objectId: id.optional().describe('联系对象'),
    place: search.optional().describe('地点'),
    /** Any of 开展情况, 意见和建议, 落实情况. */
    text: search.optional().describe('内容'),
    hasOpinions: z.boolean().optional().describe('有意见和建议'),
  })
  .strict();
export type RecordFilters = z.infer<typeof recordFilters>;

export const recordPageInput = z
  .object({
    offset: z.number().int().min(0).max(100_000_000).default(0).describe('起始行'),
    limit: z.number().int().min(1).max(1000).default(100).describe('行数'),
    sort: z
      .array(z.object({ field: z.enum(RECORD_SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).strict())
      .max(3)
      .default([{ field: 'date', dir: 'desc' }])
      .describe('排序'),
    filters: recordFilters.default({}),
  })
  .strict();

export const attachment = z.object({
  id,
  recordId: id,
  fileName: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  addedAt: z.string(),
});
export type Attachment = z.infer<typeof attachment>;

/** What a deletion hands back so that 撤销 can put everything back as it was. */
export const deletedRecord = z.object({
  record,
  attachments: z.array(attachment),
  followUpIds: z.array(id),
});
export type DeletedRecord = z.infer<typeof deletedRecord>;

export const recordMethods = {
  'records.page': method('查询联系记录', recordPageInput, z.object({ rows: z.array(record), total: z.number().int() })),
  'records.get': method('读取联系记录', z.object({ id: id.describe('记录编号') }).strict(), record),
  'records.create': method('新增联系记录', recordInput, record),
  /** Several records in one transaction (a paste from Excel): all are saved, or none. */
  'records.createMany': method(
    '批量新增联系记录',
    z
      .object({
        records: z
          .array(recordInput)
          .min(1, { error: '没有要保存的记录' })
          .max(5000, { error: '一次最多5000条' })
          .describe('记录'),
      })
      .strict(),
    z.object({ ids: z.array(id) }),
  ),
  'records.update': method(
    '修改联系记录',
    z.object({ id: id.describe('记录编号'), patch: recordPatch }).strict(),
    record,
  ),
  'records.delete': method('删除联系记录', z.object({ id: id.describe('记录编号') }).strict(), deletedRecord),
  'records.restore': method('恢复已删除的联系记录', deletedRecord.strict(), record),
  'records.attachments': method(
    '列出附件',
    z.object({ recordId: id.describe('记录编号') }).strict(),
    z.array(attachment),
  ),
  'records.attach': method(
    '添加附件',
    z
      .object({
        recordId: id.describe('记录编号'),
        fileName: z
          .string()
          .trim()
          .min(1, { error: '不能为空' })
          .max(255, { error: '不能超过255个字' })
          .describe('文件名'),
        dataBase64: z
          .string()
          .max(50 * 1024 * 1024 * 1.4, { error: '附件不能超过50MB' })
          .describe('文件内容'),
      })
      .strict(),
    attachment,
  ),
  'records.detach': method('删除附件', z.object({ id: id.describe('附件编号') }).strict(), attachment),
  /** Opens the file with the system's viewer; hosts that cannot do that refuse, and the UI downloads it. */
  'records.openAttachment': method(
    '用系统程序打开附件',
    z.object({ id: id.describe('附件编号') }).strict(),
    attachment,
  ),
  'records.readAttachment': method(
    '读取附件',
    z.object({ id: id.describe('附件编号') }).strict(),
    z.object({ attachment, dataBase64: z.string() }),
  ),
};
