// 读制度: a regulation's text (pasted, or a .docx) read into proposed rules, and the accepted ones stored as
// a new regulation of the year.
import { z } from './zod-zh';
import { method } from './method';
import { year } from '../domain/fields';
import { rule } from '../rules/schema';

/** 5 MB of text is far beyond any regulation; larger input is refused before it is read. */
export const MAX_REGULATION_BYTES = 5 * 1024 * 1024;

const span = z.object({ start: z.number().int(), end: z.number().int() });

export const proposal = z.object({
  rule,
  clause: z.string(),
  span,
  text: z.string(),
  sentence: span,
  confidence: z.number(),
  sure: z.boolean(),
  notes: z.array(z.string()),
});
export type ProposalOut = z.infer<typeof proposal>;

export const extraction = z.object({
  /** The text read (for a .docx, the text taken from it): spans point into it. */
  text: z.string(),
  title: z.string(),
  code: z.string(),
  clauses: z.array(z.object({ label: z.string(), heading: z.string(), span })),
  proposals: z.array(proposal),
  unread: z.array(z.object({ clause: z.string(), span, text: z.string(), reason: z.string() })),
});
export type ExtractionOut = z.infer<typeof extraction>;

/** A sentence of the text that became no rule, and why (not read, or not accepted). */
const unwritten = z.object({
  clause: z.string().default(''),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  reason: z.string().default(''),
});

/** The regulation's text as she read it, kept with the rules she accepted from it. */
export const regulationSourceIn = z
  .object({
    text: z.string().min(1, { error: '不能为空' }).describe('制度原文'),
    fileName: z.string().default('').describe('文件名'),
    /** One per accepted rule, in the order of `rules`: the words it came from (null: written by hand). */
    spans: z
      .array(
        z
          .object({ clause: z.string().default(''), start: z.number().int().min(0), end: z.number().int().min(0) })
          .nullable(),
      )
      .describe('要求的原文位置'),
    unwritten: z.array(unwritten).default([]).describe('未写成要求的条文'),
  })
  .strict();

export const regulationSource = z.object({
  regulationId: z.number().int(),
  fileName: z.string(),
  storedAt: z.string(),
  /** The whole text, for reading the regulation as it was. */
  text: z.string(),
  /** By rule code: the clause and the words the rule came from. */
  rules: z.array(z.object({ code: z.string(), clause: z.string(), text: z.string() })),
  unwritten: z.array(z.object({ clause: z.string(), text: z.string(), reason: z.string() })),
});
export type RegulationSourceOut = z.infer<typeof regulationSource>;

export const extractMethods = {
  'extract.read': method(
    '读取制度全文，提出要求',
    z
      .object({
        text: z.string().optional().describe('制度全文'),
        /** A .docx file's bytes, base64. */
        docx: z.string().optional().describe('Word文件'),
        fileName: z.string().optional().describe('文件名'),
      })
      .strict(),
    extraction,
  ),
  'extract.apply': method(
    '把采纳的要求存为本年度制度',
    z
      .object({
        year: year.describe('年度'),
        name: z.string().trim().min(1, { error: '不能为空' }).describe('制度名称'),
        code: z.string().default('').describe('发文字号'),
        rules: z.array(z.unknown()).min(1, { error: '至少要采纳一条要求' }).describe('要求'),
        source: regulationSourceIn.optional().describe('制度原文'),
      })
      .strict(),
    z.object({ regulationId: z.number().int(), rules: z.number().int() }),
  ),
  'extract.sources': method(
    '制度原文：每条要求出自的条文，未写成要求的条文',
    z.object({}).strict(),
    z.array(regulationSource),
  ),
};
