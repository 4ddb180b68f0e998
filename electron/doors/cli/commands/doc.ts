// ledger doc: one official document from the ledger's data, as PDF or as an editable .docx (--format docx).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DOC_TYPES, type DocType } from '../../../../shared/api/documents';
import type { Command } from '../command';
import { withLedger } from '../ledger';

export const run: Command = async (args, io) => {
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
      format: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values.type || !(DOC_TYPES as readonly string[]).includes(values.type)) {
    io.err(`请用 --type 指定文种：${DOC_TYPES.join('、')}`);
    return 1;
  }
  const format = values.format ?? (values.out?.toLowerCase().endsWith('.docx') ? 'docx' : 'pdf');
  if (format !== 'pdf' && format !== 'docx') {
    io.err(`--format 只能是 pdf 或 docx，不能是“${format}”`);
    return 1;
  }
  if (!values.out) {
    io.err(`请用 --out 指定输出的${format === 'docx' ? ' Word（.docx）' : ' PDF '}文件`);
    return 1;
  }
  const out = values.out;
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
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
  ) as { type: DocType };
  return withLedger(io, values.db, { mustExist: true, readOnly: true }, async (ledger) => {
    const fields = await ledger.send('documents.draft', input);
    if (values.number && fields.layout === 'notice') {
      const n = await ledger.send('documents.nextNumber', {
        year: Number(String(fields.date).slice(0, 4)),
        docType: values.type as DocType,
        title: fields.title,
        issuedDate: fields.date,
      });
      fields.docNumber = n.number;
    }
    if (format === 'docx') {
      const d = await ledger.send('documents.renderDocx', { fields });
      writeFileSync(out, Buffer.from(d.docx, 'base64'));
      io.out(`已生成${values.type}（可编辑的 Word 文件）：${out}`);
      return 0;
    }
    const r = await ledger.send('documents.render', { fields });
    writeFileSync(out, Buffer.from(r.pdf, 'base64'));
    io.out(`已生成${values.type}：${out}（${r.pages}页）`);
    return 0;
  });
};
