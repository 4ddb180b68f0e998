// ledger doc: one official document from the ledger's data, as PDF.
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DOC_TYPES, type DocType } from '../../../../shared/api/documents';
import { openBackend } from '../../../services/backend';
import type { CommandSpec } from '../command';
import { dbPath } from '../db-path';

export const doc: CommandSpec = {
  usage: `doc --db PATH --type ${DOC_TYPES.join('|')} [--year Y] [--from D --to D] [--id N] [--cadre N] [--part 1|2] [--days N] [--number] --out FILE.pdf`,
  help: '按台账数据生成公文（PDF）；--number 时登记并使用下一个发文字号',
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        type: { type: 'string' },
        year: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        id: { type: 'string' },
        cadre: { type: 'string' },
        part: { type: 'string' },
        days: { type: 'string' },
        number: { type: 'boolean' },
        out: { type: 'string' },
      },
    });
    if (!values.type || !(DOC_TYPES as readonly string[]).includes(values.type)) {
      io.err(`请用 --type 指定文种：${DOC_TYPES.join('、')}`);
      return 1;
    }
    if (!values.out) {
      io.err('请用 --out 指定输出的 PDF 文件');
      return 1;
    }
    const path = dbPath(values, io);
    if (!existsSync(path)) {
      io.err(`找不到数据库文件：${path}`);
      return 1;
    }
    const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
    const backend = await openBackend(path);
    try {
      const input = Object.fromEntries(
        Object.entries({
          type: values.type as DocType,
          year: num(values.year),
          from: values.from,
          to: values.to,
          id: num(values.id),
          cadreId: num(values.cadre),
          part: num(values.part),
          days: num(values.days),
        }).filter(([, v]) => v !== undefined),
      );
      const draft = await backend.dispatch('documents.draft', input);
      if (!draft.ok) {
        io.err(draft.error.message);
        return 1;
      }
      const fields = draft.value as Record<string, unknown>;
      if (values.number && fields.layout === 'notice') {
        const year = Number(String(fields.date).slice(0, 4));
        const n = await backend.dispatch('documents.nextNumber', {
          year,
          docType: values.type,
          title: fields.title,
          issuedDate: fields.date,
        });
        if (!n.ok) {
          io.err(n.error.message);
          return 1;
        }
        fields.docNumber = (n.value as { number: string }).number;
      }
      const r = await backend.dispatch('documents.render', { fields });
      if (!r.ok) {
        io.err(r.error.message);
        return 1;
      }
      const v = r.value as { pdf: string; pages: number };
      writeFileSync(values.out, Buffer.from(v.pdf, 'base64'));
      io.out(`已生成${values.type}：${values.out}（${v.pages}页）`);
      return 0;
    } finally {
      backend.close();
    }
  },
};
