// Which font file serves each role: the user's choice, else the office fonts installed, else the bundled ones.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLedgerError } from '../../shared/errors';
import { fontSizeName, fontSizePt } from '../../shared/format/fontSize';
import { chineseNumeral, headingPrefix, pageNumberText } from '../../shared/format/numbering';
import {
  BUNDLED_FILES,
  FONT_ROLES,
  checkGlyphs,
  fallbackChars,
  loadFonts,
  openFontSet,
  resolveFonts,
} from '../../electron/services/documents';
import { FONTS_DIR } from './fixtures';

describe('font resolution', () => {
  it('falls back to the bundled free fonts, which ship with their licence', () => {
    const r = resolveFonts({ bundledDir: FONTS_DIR, useSystem: false });
    for (const role of FONT_ROLES) {
      expect(r[role].origin).toBe('bundled');
      expect(r[role].path).toBe(join(FONTS_DIR, BUNDLED_FILES[role]));
    }
  });

  it('on Windows takes simfang/simkai/simhei/simsun (the SimSun face of the collection) from the Fonts folder', () => {
    const present = new Set(['simfang.ttf', 'simkai.ttf', 'simhei.ttf', 'simsun.ttc'].map((f) => join('W', f)));
    const r = resolveFonts({
      bundledDir: FONTS_DIR,
      platform: 'win32',
      windowsFontsDir: 'W',
      exists: (p) => present.has(p) || p.startsWith(FONTS_DIR),
    });
    expect(r.fangsong).toMatchObject({ origin: 'system', path: join('W', 'simfang.ttf') });
    expect(r.songti).toMatchObject({ origin: 'system', face: 'SimSun' });
    expect(r.xiaobiaosong.origin).toBe('bundled');
  });

  it('on Linux matches fontconfig family names exactly (AR PL KaitiM is not 楷体)', () => {
    const r = resolveFonts({
      bundledDir: FONTS_DIR,
      platform: 'linux',
      exists: () => true,
      listSystemFonts: () => [
        { file: '/f/gkai00mp.ttf', families: ['AR PL KaitiM GB'] },
        { file: '/f/simfang.ttf', families: ['FangSong', '仿宋'] },
        { file: '/f/FZXBSJW.TTF', families: ['方正小标宋简体'] },
      ],
    });
    expect(r.fangsong.path).toBe('/f/simfang.ttf');
    expect(r.xiaobiaosong.path).toBe('/f/FZXBSJW.TTF');
    expect(r.kaiti.origin).toBe('bundled');
  });

  it('a user override that does not exist is refused in Chinese', () => {
    try {
      resolveFonts({ bundledDir: FONTS_DIR, overrides: { fangsong: '/nowhere/仿宋.ttf' } });
      expect.unreachable();
    } catch (e) {
      expect(isLedgerError(e)).toBe(true);
      expect((e as Error).message).toContain('仿宋字体文件不存在');
    }
  });

  it('the glyph check names a character no font of the role has, its code point and role', () => {
    const fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
    expect(() => checkGlyphs(fonts, [{ role: 'fangsong', text: '张三李喆', where: '正文' }])).not.toThrow();
    expect(() => checkGlyphs(fonts, [{ role: 'heiti', text: '李𠀀', where: '正文标题' }])).toThrow(
      /黑体字体.*“𠀀”（U\+20000）.*正文标题/,
    );
  });

  it('every Han character of GB 18030-2022 levels 1–2 (U+4E00–U+9FFF, U+3400–U+4DBF) has a glyph in every role', () => {
    const fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
    for (const role of FONT_ROLES) {
      const missing: string[] = [];
      for (const [from, to] of [
        [0x4e00, 0x9fff],
        [0x3400, 0x4dbf],
      ] as const)
        for (let cp = from; cp <= to; cp++) if (fonts[role].faceOf(cp) < 0) missing.push(cp.toString(16));
      expect(missing, role).toEqual([]);
    }
    // The rare name characters come from the fallback, not the role's own Fandol font.
    expect(fallbackChars(fonts.fangsong, '张堃李䶮')).toEqual(['堃', '䶮']);
  });

  it('a collection’s face is the one the system names for the role, else the Simplified Chinese one', () => {
    const ttc = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
    if (!existsSync(ttc)) return;
    const named = resolveFonts({
      bundledDir: FONTS_DIR,
      platform: 'linux',
      exists: (p) => p === ttc || existsSync(p),
      listSystemFonts: () => [{ file: ttc, families: ['宋体'], postscriptName: 'NotoSerifCJKjp-Regular' }],
    });
    expect(named.songti).toMatchObject({ path: ttc, face: 'NotoSerifCJKjp-Regular' });
    expect(loadFonts(named).songti.font.postscriptName).toBe('NotoSerifCJKjp-Regular');
    const chosen = openFontSet({ bundledDir: FONTS_DIR, useSystem: false, overrides: { kaiti: ttc } });
    expect(chosen.kaiti.font.postscriptName).toBe('NotoSerifCJKsc-Regular');
    // The role's bundled font and the fallbacks follow the user's font.
    expect(chosen.kaiti.faces.map((f) => f.font.postscriptName)).toEqual([
      'NotoSerifCJKsc-Regular',
      'FandolKai-Regular',
      'BabelStoneHan',
      'HanaMinA',
    ]);
  });

  it('parses each font once per process, and keeps what it learnt of each character for later documents', () => {
    const a = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
    const b = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
    expect(a.fangsong.font).toBe(b.fangsong.font);
    // The chain itself — which face prints a character, its width — is shared, not rebuilt per document.
    expect(a.fangsong).toBe(b.fangsong);
    expect(b.fangsong.faceOf('堃'.codePointAt(0)!)).toBeGreaterThan(0);
    expect(b.fangsong.advance('堃'.codePointAt(0)!)).toBeCloseTo(1, 1);
    // Another choice of fonts is another chain.
    const other = openFontSet({
      bundledDir: FONTS_DIR,
      useSystem: false,
      overrides: { fangsong: join(FONTS_DIR, BUNDLED_FILES.kaiti) },
    });
    expect(other.fangsong).not.toBe(a.fangsong);
    expect(other.fangsong.font.postscriptName).toBe('FandolKai-Regular');
  });
});

describe('Chinese formats', () => {
  it('字号 names map to points', () => {
    expect(fontSizePt('初号')).toBe(42);
    expect(fontSizePt('三号')).toBe(16);
    expect(fontSizePt('小五')).toBe(9);
    expect(fontSizeName(22)).toBe('二号');
    expect(fontSizeName(13)).toBeNull();
  });

  it('heading numbers and page numbers', () => {
    expect([1, 10, 11, 20, 21, 105].map(chineseNumeral)).toEqual(['一', '十', '十一', '二十', '二十一', '一百零五']);
    expect(headingPrefix(1, 3)).toBe('三、');
    expect(headingPrefix(2, 12)).toBe('（十二）');
    expect(headingPrefix(3, 2)).toBe('2.');
    expect(headingPrefix(4, 2)).toBe('（2）');
    expect(pageNumberText(7)).toBe('— 7 —');
  });
});
