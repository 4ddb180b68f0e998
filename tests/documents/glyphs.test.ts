// A name the document fonts lack a character of is named when it comes in: in the import's warnings, and by
// documents.nameGlyphs (the notice on 人员与单位) after a cadre is typed in. Bundled fonts only, real SQLite ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { applyPreset, loadPreset } from '../../electron/services/presets';
import { presetsDir } from '../../electron/services/resources';
import { importSheets } from '../../electron/services/workbook/import';
import { mayNeedFallback } from '../../electron/services/documents/glyphs';
import { rowNumbersOf } from '../../electron/services/demo/index';
import type { NameGlyph } from '../../shared/api/documents';
import { tempDbPath, tempDir } from '../support/tmp';
import { addCountyVocabulary, countySheets } from './county-fixture';

process.env.LEDGER_SYSTEM_FONTS = '0';
let b: Backend;

beforeAll(async () => {
  b = await openBackend(tempDbPath(tempDir()), { now: () => new Date('2026-11-20T08:00:00+08:00') });
  applyPreset(b.ctx, loadPreset(presetsDir(), '004'));
  await addCountyVocabulary((m, i) => b.dispatch(m as never, i));
});
afterAll(() => b.close());

async function glyphs(): Promise<NameGlyph[]> {
  const r = await b.dispatch('documents.nameGlyphs', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as NameGlyph[];
}

describe('names printed with a fallback font', () => {
  it('an import names each cadre whose name needs it, with the character and the font that prints it', async () => {
    const sheets = countySheets(2026);
    const r = await importSheets(b.ctx, sheets, rowNumbersOf(sheets), { what: '县台账', backup: false });
    const mine = r.warnings.filter((w) => w.includes('公文正文字体'));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatch(/^干部“陈堃”：“堃”在公文正文字体（仿宋）中没有，公文会改用.+字体打印这个字/);
    expect(mine[1]).toMatch(/^干部“吴䶮”：“䶮”/);
  });

  it('a cadre typed in later is listed by documents.nameGlyphs; renaming him away clears it', async () => {
    expect((await glyphs()).map((g) => g.name)).toEqual(['陈堃', '吴䶮']);
    const c = await b.dispatch('cadres.create', {
      name: '王喆',
      title: '副县长',
      level: '',
      roles: [],
      unitId: null,
      partyMember: true,
      termStart: null,
      termEnd: null,
      note: '',
    });
    if (!c.ok) throw new Error(c.error.message);
    const list = await glyphs();
    const g = list.find((x) => x.name === '王喆');
    expect(g, 'the bundled 仿宋 lacks 喆').toBeDefined();
    expect(g!.chars).toEqual(['喆']);
    expect(g!.fonts.length).toBe(1);
    expect(g!.unprintable).toEqual([]);
    const id = (c.value as { id: number }).id;
    const u = await b.dispatch('cadres.update', { id, patch: { name: '王哲' } });
    if (!u.ok) throw new Error(u.error.message);
    expect((await glyphs()).map((x) => x.name)).toEqual(['陈堃', '吴䶮']);
  });

  it('only names outside GB 2312 are looked up in the fonts (the eight of issue 12 among them)', () => {
    for (const ch of '堃喆昇犇镕祎珺䶮') expect(mayNeedFallback(`王${ch}`), ch).toBe(true);
    for (const n of ['李建国', '欧阳明远', '张三', 'Smith']) expect(mayNeedFallback(n), n).toBe(false);
  });

  it('common names raise nothing', async () => {
    const names = (await glyphs()).map((g) => g.name);
    expect(names).not.toContain('李建国');
    expect(names).not.toContain('王哲');
  });
});
