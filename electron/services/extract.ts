// 读制度: the backend side of issue 14 — a regulation's text (or a .docx's) read with the ledger's own
// vocabulary into proposed rules, and the rules the secretary accepts stored as a new regulation of a year.
import JSZip from 'jszip';
import type { ExtractionOut, ParsedInputExtract } from './extract-types';
import type { RegulationSourceOut } from '../../shared/api/extract';
import type { Rule } from '../../shared/rules/schema';
import { MAX_REGULATION_BYTES } from '../../shared/api/extract';
import { LedgerError } from '../../shared/errors';
import { extractRegulation, vocabularyFrom } from '../../shared/extract';
import type { ServiceContext } from './context';
import { appendAudit } from './audit';
import { assertYearOpen } from './year-lock';
import { insertRule, loadRules, validateRule } from './rules';
import { listTerms } from './vocabulary';
import type { VocabularyList } from '../../shared/domain/vocabulary';

/** The text of a .docx: its paragraphs in order, one per line. Refuses a file that is not a Word document. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new LedgerError('INVALID_INPUT', '这个文件不是Word文档（.docx），无法读取');
  }
  const doc = zip.file('word/document.xml');
  if (!doc) throw new LedgerError('INVALID_INPUT', '这个文件不是Word文档（.docx）：缺少正文');
  const xml = await doc.async('string');
  const paragraphs = xml.split(/<w:p[ >]/).slice(1);
  const lines = paragraphs.map((p) => {
    let line = '';
    for (const m of p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
      line += m[1] !== undefined ? m[1] : m[0] === '<w:tab/>' ? '\t' : '\n';
    }
    return line
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  });
  return lines.join('\n');
}

/** Refuses what is no regulation: empty, too large, or text without a duty or a numbered part. */
export function readRegulation(text: string, vocabulary: ReturnType<typeof vocabularyFrom>): ExtractionOut {
  if (Buffer.byteLength(text, 'utf8') > MAX_REGULATION_BYTES)
    throw new LedgerError('INVALID_INPUT', '文件超过5MB，不像一份制度；请只粘贴制度正文');
  if (!text.trim()) throw new LedgerError('INVALID_INPUT', '文件是空的，没有可读的制度内容');
  const chinese = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  if (chinese < 20) throw new LedgerError('INVALID_INPUT', '没有读到中文制度条文，请确认文件内容');
  const x = extractRegulation(text, vocabulary);
  if (x.proposals.length === 0 && x.unread.length === 0 && x.clauses.filter((c) => c.label).length < 2)
    throw new LedgerError('INVALID_INPUT', '这不像一份制度：没有找到编号的条款，也没有找到任何要求');
  return { text, ...x };
}

export function extractHandlers(ctx: ServiceContext) {
  const { db } = ctx;

  /**
   * What the ledger calls things: its controlled vocabularies (级别 in their listed order, highest first), and
   * the values its latest rules use that a list may not hold yet.
   */
  const vocabulary = () => {
    const latest = db.first(db.q.selectFrom('rules').select(({ fn }) => fn.max('year').as('y')));
    const rules = latest?.y ? loadRules(db, Number(latest.y), false).map((r) => r.rule) : [];
    const names = (list: VocabularyList) => listTerms(db, list).map((t) => t.name);
    return vocabularyFrom({
      rules,
      levels: names('levels'),
      roles: names('roles'),
      unitCategories: names('unitCategories'),
      activityTypes: names('activityTypes'),
      objectCategories: listTerms(db, 'objectCategories').map((t) => ({ name: t.name, kind: t.kind ?? 'person' })),
    });
  };

  /**
   * The text kept with the regulation: where each accepted rule came from (by its code, so that the year's
   * rules copied to the next keep it) and the sentences left unwritten. Spans outside the text are refused.
   */
  const storeSource = (
    regulationId: number,
    source: NonNullable<ParsedInputExtract<'extract.apply'>['source']>,
    rules: readonly Rule[],
    at: string,
  ) => {
    if (Buffer.byteLength(source.text, 'utf8') > MAX_REGULATION_BYTES)
      throw new LedgerError('INVALID_INPUT', '制度原文超过5MB，未存入');
    if (source.spans.length !== rules.length)
      throw new LedgerError('INVALID_INPUT', `制度原文：要求有${rules.length}条，原文位置却有${source.spans.length}处`);
    const inside = (x: { start: number; end: number }, where: string) => {
      if (x.end <= x.start || x.end > source.text.length)
        throw new LedgerError('INVALID_INPUT', `${where}的原文位置（第${x.start}–${x.end}字）不在制度原文之内`);
    };
    db.run(
      db.q
        .insertInto('regulation_sources')
        .values({ regulation_id: regulationId, text: source.text, file_name: source.fileName, stored_at: at }),
    );
    source.spans.forEach((x, i) => {
      if (!x) return;
      inside(x, `第${i + 1}条要求`);
      db.run(
        db.q.insertInto('regulation_source_spans').values({
          regulation_id: regulationId,
          rule_code: rules[i]!.id,
          clause: x.clause || rules[i]!.clause,
          start: x.start,
          end: x.end,
          reason: '',
        }),
      );
    });
    source.unwritten.forEach((x, i) => {
      inside(x, `第${i + 1}处未写成要求的条文`);
      db.run(
        db.q.insertInto('regulation_source_spans').values({
          regulation_id: regulationId,
          rule_code: null,
          clause: x.clause,
          start: x.start,
          end: x.end,
          reason: x.reason,
        }),
      );
    });
  };

  return {
    'extract.read': async (input: ParsedInputExtract<'extract.read'>): Promise<ExtractionOut> => {
      let text = input.text;
      if (input.docx !== undefined) {
        const bytes = Buffer.from(input.docx, 'base64');
        if (bytes.byteLength > MAX_REGULATION_BYTES)
          throw new LedgerError('INVALID_INPUT', '文件超过5MB，不像一份制度；请只粘贴制度正文');
        text = await docxText(bytes);
      }
      if (text === undefined) throw new LedgerError('INVALID_INPUT', '请粘贴制度全文，或选择一个 .txt / .docx 文件');
      return readRegulation(text, vocabulary());
    },

    'extract.apply': (input: ParsedInputExtract<'extract.apply'>) =>
      db.tx(() => {
        assertYearOpen(ctx, input.year, '存入读取的制度要求');
        // Every rule is checked before anything is written: one bad rule stores nothing.
        const rules = input.rules.map((r, i) => validateRule(r, `第${i + 1}条要求`));
        const at = ctx.now().toISOString();
        const { lastInsertRowid } = db.run(
          db.q.insertInto('regulations').values({
            code: input.code,
            name: input.name,
            preset_id: null,
            note: '由制度全文读取',
            created_at: at,
          }),
        );
        const regulationId = Number(lastInsertRowid);
        appendAudit(ctx, {
          action: 'create',
          table: 'regulations',
          rowId: regulationId,
          after: { name: input.name, code: input.code },
        });
        rules.forEach((r, i) => insertRule(ctx, regulationId, input.year, r, i + 1));
        if (input.source) storeSource(regulationId, input.source, rules, at);
        return { regulationId, rules: rules.length };
      }),

    'extract.sources': (_input: ParsedInputExtract<'extract.sources'>): RegulationSourceOut[] => {
      const spans = db.all(db.q.selectFrom('regulation_source_spans').selectAll().orderBy('start').orderBy('id'));
      return db.all(db.q.selectFrom('regulation_sources').selectAll().orderBy('regulation_id')).map((src) => {
        const own = spans.filter((x) => x.regulation_id === src.regulation_id);
        const words = (x: { start: number; end: number }) => src.text.slice(x.start, x.end);
        return {
          regulationId: src.regulation_id,
          fileName: src.file_name,
          storedAt: src.stored_at,
          text: src.text,
          rules: own
            .filter((x) => x.rule_code !== null)
            .map((x) => ({ code: x.rule_code!, clause: x.clause, text: words(x) })),
          unwritten: own
            .filter((x) => x.rule_code === null)
            .map((x) => ({ clause: x.clause, text: words(x), reason: x.reason })),
        };
      });
    },
  };
}
