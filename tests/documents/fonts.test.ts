// Which font file serves each role: the user's choice, else the office fonts installed, else the bundled ones.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLedgerError } from '../../shared/errors';
import { fontSizeName, fontSizePt } from '../../shared/format/fontSize';
import { chineseNumeral, headingPrefix, pageNumberText } from '../../shared/format/numbering';
import { BUNDLED_FILES, FONT_ROLES, checkGlyphs, openFontSet, resolveFonts } from '../../electron/services/documents';
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

  it('the glyph check names the missing character, its code point and role', () => {
    const fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
    expect(() => checkGlyphs(fonts, [{ role: 'fangsong', text: '张三', where: '正文' }])).not.toThrow();
    expect(() => checkGlyphs(fonts, [{ role: 'heiti', text: '李喆', where: '正文标题' }])).toThrow(
      /黑体字体.*“喆”（U\+5586）.*正文标题/,
    );
  });

  it('parses each font once per process', () => {
    const a = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
    const b = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
    expect(a.fangsong.font).toBe(b.fangsong.font);
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
