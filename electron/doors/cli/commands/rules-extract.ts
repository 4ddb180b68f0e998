// ledger rules extract FILE.txt|FILE.docx: a regulation's text read into proposed rules (rule JSON, clause,
// source span, confidence), and with --apply the sure ones stored as a new regulation of the year.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExtractionOut } from '../../../../shared/api/extract';
import { MAX_REGULATION_BYTES } from '../../../../shared/api/extract';
import { describeRule } from '../../../../shared/rules/describe';
import type { Command } from '../command';
import { withLedger } from '../ledger';

export const run: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean' },
      apply: { type: 'boolean' },
      year: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) {
    io.err('请给出制度文件，如：ledger rules extract 制度.txt');
    return 1;
  }
  if (!existsSync(file)) {
    io.err(`找不到文件：${file}`);
    return 1;
  }
  if (statSync(file).size > MAX_REGULATION_BYTES) {
    io.err(`文件超过5MB，不像一份制度：${file}`);
    return 1;
  }
  const ext = extname(file).toLowerCase();
  if (ext !== '.txt' && ext !== '.docx') {
    io.err('只能读取 .txt 或 .docx 文件');
    return 1;
  }
  if (values.apply && !values.year) {
    io.err('存入要求时请给出年度：--year 2026');
    return 1;
  }
  const bytes = readFileSync(file);
  const input =
    ext === '.docx'
      ? { docx: bytes.toString('base64'), fileName: basename(file) }
      : { text: decodeText(bytes), fileName: basename(file) };

  // Without a ledger the text is read with no vocabulary of its own: a fresh one in memory.
  return withLedger(io, values.db, { mustExist: !!values.apply, scratch: !values.apply }, async (ledger) => {
    const x: ExtractionOut = await ledger.send('extract.read', input);
    if (values.json && !values.apply) {
      io.out(JSON.stringify({ title: x.title, code: x.code, proposals: x.proposals, unread: x.unread }, null, 2));
      return 0;
    }
    if (!values.apply) {
      io.out(`《${x.title || basename(file)}》${x.code ? ` ${x.code}` : ''}`);
      io.out(
        `提出要求 ${x.proposals.length} 条（有把握 ${x.proposals.filter((p) => p.sure).length} 条），需手工填写 ${x.unread.length} 处`,
      );
      for (const p of x.proposals) {
        io.out(
          `${p.sure ? '✓' : '?'} [${p.clause}] ${describeRule(p.rule)}  把握度 ${Math.round(p.confidence * 100)}%`,
        );
        io.out(`    原文（第${p.span.start}–${p.span.end}字）：${p.text.replace(/\s+/g, '')}`);
        for (const n of p.notes) io.out(`    说明：${n}`);
      }
      for (const u of x.unread) io.out(`✗ [${u.clause}] ${u.reason}：${u.text.replace(/\s+/g, '')}`);
      return 0;
    }
    const sure = x.proposals.filter((p) => p.sure);
    if (!sure.length) {
      io.err('没有有把握的要求可以存入；请在“制度”页面逐条审阅');
      return 1;
    }
    const done = await ledger.send('extract.apply', {
      year: Number(values.year),
      name: values.name ?? (x.title || basename(file, ext)),
      code: x.code,
      rules: sure.map((p) => ({ ...p.rule, clause: p.clause })),
      source: {
        text: x.text,
        fileName: basename(file),
        spans: sure.map((p) => ({ clause: p.clause, ...p.span })),
        unwritten: [
          ...x.unread.map((u) => ({ clause: u.clause, ...u.span, reason: u.reason })),
          ...x.proposals
            .filter((p) => !p.sure)
            .map((p) => ({ clause: p.clause, ...p.span, reason: '读出的要求没有把握，未存入，请在“制度”页面核对' })),
        ].sort((a, b) => a.start - b.start),
      },
    });
    if (values.json) io.out(JSON.stringify(done));
    else
      io.out(
        `已存入制度《${values.name ?? (x.title || basename(file, ext))}》${done.rules} 条要求（${values.year}年度）`,
      );
    return 0;
  });
};

/** UTF-8, or GB18030 as Windows Notepad saves Chinese text. */
function decodeText(bytes: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (!utf8.includes('\ufffd')) return utf8.replace(/^\ufeff/, '');
  try {
    return new TextDecoder('gb18030').decode(bytes);
  } catch {
    return utf8;
  }
}
