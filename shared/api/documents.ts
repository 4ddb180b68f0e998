// 公文 methods: 发文字号 reservation, default fields computed from the ledger (draft), and rendering edited fields.
import { z } from './zod-zh';
import { method } from './method';
import { id, isoDate, year } from '../domain/fields';

export const DOC_TYPES = ['通知', '公示', '接待日安排', '通报', '一览表', '记录表', '督办单', '考核'] as const;
export type DocType = (typeof DOC_TYPES)[number];

const str = z.string({ error: '必须是文字' }).max(20_000, { error: '不能超过20000个字' });

export const tableBlock = z.object({
  kind: z.literal('table'),
  title: str.optional(),
  columns: z.array(
    z.object({
      title: str,
      width: z.number().positive().optional(),
      align: z.enum(['left', 'center']).optional(),
      /** Where a cell may break: never (names, dates), between list items only, or as prose. */
      wrap: z.enum(['whole', 'list', 'text']).optional(),
    }),
  ),
  rows: z.array(z.array(str)),
  size: z.number().min(9).max(16).optional(),
});

export const formBlock = z.object({
  kind: z.literal('form'),
  rows: z.array(
    z.object({
      cells: z.array(
        z.object({
          label: str,
          value: str,
          wide: z.boolean().optional(),
          lines: z.number().int().min(1).max(18).optional(),
        }),
      ),
    }),
  ),
});

export const bodyBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: str }),
  z.object({
    kind: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    text: str,
    runIn: str.optional(),
  }),
  tableBlock,
]);

export const plainBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: str }),
  z.object({
    kind: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    text: str,
    runIn: str.optional(),
  }),
  tableBlock,
  formBlock,
  z.object({ kind: z.literal('signatures'), items: z.array(str) }),
  z.object({ kind: z.literal('title'), text: str, newPage: z.boolean().optional() }),
  z.object({ kind: z.literal('centred'), text: str }),
  z.object({ kind: z.literal('caption'), text: str }),
  z.object({ kind: z.literal('list'), items: z.array(str), size: z.number().min(9).max(16).optional() }),
]);
export type PlainBlockFields = z.infer<typeof plainBlock>;

/** Names from the ledger (people, units) that a line of running text never breaks inside: “孔洋海”, not “孔 / 洋海”. */
const keepWords = z.array(z.string().max(40)).max(20_000).optional().describe('不断行的人名、单位名');

/** A 通知-shaped document (通知, 公示, 接待日安排, 通报): 版头, 主体, 附件, 版记. */
export const noticeFields = z.object({
  layout: z.literal('notice'),
  type: z.enum(DOC_TYPES),
  issuerMark: str.describe('发文机关标志'),
  docNumber: str.describe('发文字号'),
  title: str.describe('标题'),
  mainRecipients: str.describe('主送机关'),
  body: z.array(bodyBlock).describe('正文'),
  attachments: z
    .array(z.object({ title: str, body: z.array(bodyBlock) }))
    .default([])
    .describe('附件'),
  signature: str.describe('发文机关署名'),
  date: isoDate.describe('成文日期'),
  sealed: z.boolean().default(true),
  note: str.optional().describe('附注'),
  copyTo: z.array(str).default([]).describe('抄送'),
  printer: str.describe('印发机关'),
  printDate: isoDate.describe('印发日期'),
  keep: keepWords,
});

/** A document without 版头 (一览表, 记录表, 督办单, 考核 report). */
export const plainFields = z.object({
  layout: z.literal('plain'),
  type: z.enum(DOC_TYPES),
  title: str.describe('标题'),
  subtitle: str.optional().describe('副标题'),
  blocks: z.array(plainBlock),
  keep: keepWords,
});

export const documentFields = z.discriminatedUnion('layout', [noticeFields, plainFields]);
export type DocumentFields = z.infer<typeof documentFields>;
export type NoticeFields = z.infer<typeof noticeFields>;
export type PlainFields = z.infer<typeof plainFields>;

export const draftInput = z
  .object({
    type: z.enum(DOC_TYPES).describe('文种'),
    year: year.optional().describe('年度'),
    from: isoDate.optional().describe('起始日期'),
    to: isoDate.optional().describe('截止日期'),
    /** 记录表: a record; 督办单: a follow-up. */
    id: id.optional().describe('编号'),
    /** 记录表: all records of this cadre in the year; 考核: this cadre only. */
    cadreId: id.optional().describe('领导干部'),
    /** 一览表: 1 = 校党委班子成员 (附1), 2 = 副处级以上干部 (附2). */
    part: z
      .union([z.literal(1), z.literal(2)])
      .optional()
      .describe('一览表'),
    /** 公示期, working days. */
    days: z.number().int().min(1).max(60).optional().describe('公示期'),
    /** 公示: who takes objections. */
    contact: z.string().max(200).optional().describe('联系人'),
  })
  .strict();
export type DraftInput = z.infer<typeof draftInput>;

export const reservedNumber = z.object({
  prefix: z.string(),
  year: z.number().int(),
  seq: z.number().int(),
  /** 校党发〔2026〕3号 */
  number: z.string(),
});
export type ReservedNumber = z.infer<typeof reservedNumber>;

export const renderedDocument = z.object({
  /** The PDF, base64. */
  pdf: z.string(),
  pages: z.number().int(),
  fileName: z.string(),
});

export const packetResult = z.object({
  /** The folder written (beside the database unless another was asked for). */
  dir: z.string(),
  files: z.number().int(),
  pages: z.number().int(),
  workbook: z.boolean(),
});

/** A name with characters the documents print in a fallback font (chars, fonts) or cannot print (unprintable). */
export const nameGlyph = z.object({
  kind: z.enum(['干部', '联系对象']),
  id: z.number().int(),
  name: z.string(),
  chars: z.array(z.string()),
  fonts: z.array(z.string()),
  unprintable: z.array(z.string()),
});
export type NameGlyph = z.infer<typeof nameGlyph>;

export const documentMethods = {
  /** The year-end 考核 packet in one action: report, one PDF per cadre, 一览表 and workbook, in a folder. */
  'documents.packet': method(
    '生成年度考核材料包',
    z
      .object({
        year: year.describe('年度'),
        /** A folder of the user's choice (full path), written into as is; else a new one beside the database. */
        dir: z
          .string()
          .min(1, { error: '不能为空' })
          .max(4096, { error: '路径太长' })
          .optional()
          .describe('输出文件夹'),
      })
      .strict(),
    packetResult,
  ),
  'documents.nextNumber': method(
    '取发文字号',
    z
      .object({
        year: year.describe('年度'),
        prefix: z.string().trim().min(1).max(20).optional().describe('机关代字'),
        docType: z.string().max(20).default('').describe('文种'),
        title: z.string().max(500).default('').describe('标题'),
        issuedDate: isoDate.optional().describe('成文日期'),
      })
      .strict(),
    reservedNumber,
  ),
  'documents.register': method(
    '发文登记',
    z.object({ year: year.optional().describe('年度') }).strict(),
    z.array(reservedNumber.extend({ docType: z.string(), title: z.string(), issuedDate: z.string().nullable() })),
  ),
  'documents.draft': method('生成公文草稿', draftInput, documentFields),
  'documents.render': method('生成公文PDF', z.object({ fields: documentFields }).strict(), renderedDocument),
  /** Cadres and contact objects whose names the 仿宋 font lacks a character of (printed in a fallback font). */
  'documents.nameGlyphs': method('检查姓名中公文字体没有的字', z.object({}).strict(), z.array(nameGlyph)),
  /** The editable copy (.docx for WPS or Word): the same page setup, fonts named by role. */
  'documents.renderDocx': method(
    '生成可编辑的公文（Word）',
    z.object({ fields: documentFields }).strict(),
    z.object({ docx: z.string(), fileName: z.string() }),
  ),
};
