// 公文 handlers: 发文字号, drafts from the ledger, PDFs of edited fields.
import type { ParsedInput } from '../../../shared/api/contract';
import { LedgerError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { documentFonts, readSettings } from '../settings';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { exportWorkbook } from '../workbook/index';
import { draftDocument, fileNameFor, formatDocNumber, renderFields, reserveNumber } from './ledger';
import { writePacket } from './packet';
import { ledgerNameGlyphs } from './glyphs';

export function documentHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    'documents.nextNumber': (input: ParsedInput<'documents.nextNumber'>) => {
      const prefix = input.prefix ?? readSettings(ctx).docPrefix;
      if (!prefix)
        throw new LedgerError('INVALID_INPUT', '请先在设置中填写发文字号的机关代字', [
          { path: ['prefix'], field: '机关代字', message: '未填写' },
        ]);
      return reserveNumber(ctx, {
        prefix,
        year: input.year,
        docType: input.docType,
        title: input.title,
        issuedDate: input.issuedDate ?? null,
      });
    },
    'documents.register': (input: ParsedInput<'documents.register'>) => {
      let q = db.q
        .selectFrom('document_register')
        .selectAll()
        .orderBy('year', 'desc')
        .orderBy('prefix')
        .orderBy('seq', 'desc');
      if (input.year !== undefined) q = q.where('year', '=', input.year);
      return db.all(q).map((r) => ({
        prefix: r.prefix,
        year: r.year,
        seq: r.seq,
        number: formatDocNumber(r.prefix, r.year, r.seq),
        docType: r.doc_type,
        title: r.title,
        issuedDate: r.issued_date,
      }));
    },
    'documents.draft': (input: ParsedInput<'documents.draft'>) => draftDocument(ctx, input),
    /** Written into <ledger>.packets/<year>年度考核材料-<time>/ beside the database, never over an older one. */
    'documents.packet': async ({ year, dir }: ParsedInput<'documents.packet'>) => {
      if (dir !== undefined && !isAbsolute(dir))
        throw new LedgerError('INVALID_INPUT', `输出文件夹必须是完整路径：“${dir.slice(0, 200)}”`);
      const stamp = ctx.now().toISOString().replace(/[-:]/g, '').slice(0, 15);
      const out = dir ?? join(dirname(db.path), `${basename(db.path)}.packets`, `${year}年度考核材料-${stamp}`);
      const r = await writePacket(ctx, { year, out, fonts: documentFonts(ctx), workbook: exportWorkbook });
      return { dir: r.dir, files: r.files.length, pages: r.pages, workbook: r.workbook };
    },

    'documents.nameGlyphs': () => ledgerNameGlyphs(db, () => documentFonts(ctx)),

    'documents.renderDocx': async (input: ParsedInput<'documents.renderDocx'>) => {
      // Loaded when first asked for: the docx library costs every door ≈ 5 MB at start (import's peak memory).
      const { docxFileNameFor, renderDocx } = await import('./docx');
      const docx = await renderDocx(input.fields, documentFonts(ctx));
      return { docx: docx.toString('base64'), fileName: docxFileNameFor(input.fields) };
    },

    'documents.render': async (input: ParsedInput<'documents.render'>) => {
      const r = await renderFields(input.fields, documentFonts(ctx));
      return { pdf: r.pdf.toString('base64'), pages: r.pages, fileName: fileNameFor(input.fields) };
    },
  };
}
