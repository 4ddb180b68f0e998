// Fonts for official documents: which file serves each role (仿宋, 小标宋, 黑体, 楷体, 宋体), parsed once per process.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LedgerError } from '../../../shared/errors';

const require = createRequire(import.meta.url);

/** The roles GB/T 9704 gives fonts: 仿宋 body, 小标宋 title and mark, 黑体 一、, 楷体 （一）, 宋体 page numbers. */
export type FontRole = 'fangsong' | 'xiaobiaosong' | 'heiti' | 'kaiti' | 'songti';
export const FONT_ROLES: readonly FontRole[] = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'songti'];

export const ROLE_NAMES: Record<FontRole, string> = {
  fangsong: '仿宋',
  xiaobiaosong: '小标宋',
  heiti: '黑体',
  kaiti: '楷体',
  songti: '宋体',
};

/** The free fonts shipped under resources/fonts (Fandol, GPL with the font exception). */
export const BUNDLED_FILES: Record<FontRole, string> = {
  fangsong: 'FandolFang-Regular.otf',
  // No free 小标宋 exists; Fandol's bold 宋 is the nearest shape.
  xiaobiaosong: 'FandolSong-Bold.otf',
  heiti: 'FandolHei-Regular.otf',
  kaiti: 'FandolKai-Regular.otf',
  songti: 'FandolSong-Regular.otf',
};

/** Windows file names of the usual office fonts; a collection names the face to use. */
const WINDOWS_FILES: Record<FontRole, { file: string; face?: string }[]> = {
  fangsong: [{ file: 'simfang.ttf' }, { file: 'FZFSK.TTF' }],
  xiaobiaosong: [{ file: 'FZXBSJW.TTF' }, { file: '方正小标宋简体.ttf' }, { file: 'FZXBSK.TTF' }],
  heiti: [{ file: 'simhei.ttf' }],
  kaiti: [{ file: 'simkai.ttf' }, { file: 'FZKTK.TTF' }],
  songti: [{ file: 'simsun.ttc', face: 'SimSun' }, { file: 'simsun.ttf' }],
};

/** Family names that fontconfig reports for the same fonts on Linux. */
const FAMILY_NAMES: Record<FontRole, RegExp> = {
  fangsong: /^(仿宋|仿宋_GB2312|FangSong|FangSong_GB2312|华文仿宋|STFangsong|方正仿宋_GBK|方正仿宋简体)$/i,
  xiaobiaosong: /^(方正小标宋简体|方正小标宋_GBK|FZXiaoBiaoSong-B05S|FZXiaoBiaoSong-B05|小标宋|FZXBSJW)/i,
  heiti: /^(黑体|SimHei|华文黑体|STHeiti|方正黑体_GBK|方正黑体简体)$/i,
  kaiti: /^(楷体|楷体_GB2312|KaiTi|KaiTi_GB2312|华文楷体|STKaiti|方正楷体_GBK|方正楷体简体)$/i,
  songti: /^(宋体|SimSun|NSimSun|新宋体|华文宋体|STSong)$/i,
};

export type FontOrigin = 'override' | 'system' | 'bundled';

/** Where one role's font comes from: a file, and for a collection (.ttc) the face's PostScript name. */
export interface FontSource {
  role: FontRole;
  path: string;
  face?: string;
  origin: FontOrigin;
}

export interface SystemFontEntry {
  file: string;
  families: string[];
  postscriptName?: string;
}

export interface ResolveFontsOptions {
  /** resources/fonts, where the bundled fonts are. */
  bundledDir: string;
  /** A file the user chose per role (settings); it wins over everything else. */
  overrides?: Partial<Record<FontRole, string>>;
  /** Look for installed office fonts (default true); tests switch it off to be deterministic. */
  useSystem?: boolean;
  platform?: NodeJS.Platform;
  /** C:\Windows\Fonts or its equivalent. */
  windowsFontsDir?: string;
  exists?: (path: string) => boolean;
  /** The installed Chinese fonts (default: fontconfig's `fc-list :lang=zh`). */
  listSystemFonts?: () => SystemFontEntry[];
}

/** Picks a file per role: the user's override, else an installed office font, else the bundled free font. */
export function resolveFonts(opts: ResolveFontsOptions): Record<FontRole, FontSource> {
  const exists = opts.exists ?? existsSync;
  const platform = opts.platform ?? process.platform;
  const useSystem = opts.useSystem ?? true;
  let system: SystemFontEntry[] | null = null;
  const out = {} as Record<FontRole, FontSource>;
  for (const role of FONT_ROLES) {
    const override = opts.overrides?.[role];
    if (override) {
      if (!exists(override)) {
        throw new LedgerError('INVALID_INPUT', `${ROLE_NAMES[role]}字体文件不存在：${override}`, [
          { path: ['fonts', role], field: `${ROLE_NAMES[role]}字体`, message: '文件不存在' },
        ]);
      }
      out[role] = { role, path: override, origin: 'override' };
      continue;
    }
    let found: FontSource | null = null;
    if (useSystem && platform === 'win32') {
      const dir = opts.windowsFontsDir ?? join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts');
      for (const c of WINDOWS_FILES[role]) {
        const p = join(dir, c.file);
        if (exists(p)) {
          found = { role, path: p, origin: 'system', ...(c.face ? { face: c.face } : {}) };
          break;
        }
      }
    } else if (useSystem) {
      system ??= (opts.listSystemFonts ?? listFontconfigFonts)();
      const hit = system.find((f) => f.families.some((n) => FAMILY_NAMES[role].test(n.trim())));
      if (hit && exists(hit.file)) {
        const isCollection = /\.ttc$/i.test(hit.file);
        found = {
          role,
          path: hit.file,
          origin: 'system',
          ...(isCollection && hit.postscriptName ? { face: hit.postscriptName } : {}),
        };
      }
    }
    out[role] = found ?? { role, path: join(opts.bundledDir, BUNDLED_FILES[role]), origin: 'bundled' };
  }
  return out;
}

/** Installed Chinese fonts as fontconfig lists them; none when fontconfig is absent. */
export function listFontconfigFonts(): SystemFontEntry[] {
  try {
    const text = execFileSync('fc-list', [':lang=zh', '--format', '%{file}|%{family}|%{postscriptname}\n'], {
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [file = '', families = '', ps] = line.split('|');
        return { file, families: families.split(','), ...(ps ? { postscriptName: ps } : {}) };
      });
  } catch {
    return [];
  }
}

/** The part of a fontkit font the engine uses. */
export interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
}
export interface FontkitFont {
  postscriptName: string;
  familyName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FontkitGlyph;
}
interface FontkitModule {
  create(data: Uint8Array, postscriptName?: string): FontkitFont & { fonts?: FontkitFont[] };
}

/** A parsed font serving one role; `key` names it to the PDF renderer. */
export interface LoadedFont {
  role: FontRole;
  key: string;
  source: FontSource;
  font: FontkitFont;
  /** Advance widths per code point in em (cached: measuring is the layout's inner loop). */
  advance(cp: number): number;
}

export type FontSet = Record<FontRole, LoadedFont>;

// Parsing a CJK font (cmap, CFF charstrings, GSUB) is most of a document's cost; each file is parsed once per
// process and the parsed object is shared by every document (it is read-only once parsed).
const parsed = new Map<string, FontkitFont>();

function parseFont(source: FontSource): FontkitFont {
  const id = `${source.path}#${source.face ?? ''}`;
  const hit = parsed.get(id);
  if (hit) return hit;
  const fontkit = require('fontkit') as FontkitModule;
  let font: FontkitFont & { fonts?: FontkitFont[] };
  try {
    font = fontkit.create(readFileSync(source.path), source.face);
  } catch (e) {
    throw new LedgerError('INVALID_INPUT', `无法读取${ROLE_NAMES[source.role]}字体：${source.path}（${String(e)}）`);
  }
  if (font.fonts) {
    // A collection without a chosen face: take the Simplified Chinese member, else the first.
    font = font.fonts.find((f) => /(^|[^a-z])(sc|gb)([^a-z]|$)|CJKsc|Sim/i.test(f.postscriptName)) ?? font.fonts[0]!;
  }
  parsed.set(id, font);
  return font;
}

/** Parses (or takes from the per-process cache) the font of every role. */
export function loadFonts(sources: Record<FontRole, FontSource>): FontSet {
  const out = {} as FontSet;
  for (const role of FONT_ROLES) {
    const source = sources[role];
    const font = parseFont(source);
    const widths = new Map<number, number>();
    out[role] = {
      role,
      key: `ledger-font:${source.path}#${source.face ?? ''}`,
      source,
      font,
      advance(cp: number): number {
        let w = widths.get(cp);
        if (w === undefined) {
          w = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
          widths.set(cp, w);
        }
        return w;
      },
    };
  }
  return out;
}

/** Loads the fonts for documents in one call: resolution, then parsing. */
export function openFontSet(opts: ResolveFontsOptions): FontSet {
  return loadFonts(resolveFonts(opts));
}

/** A run of text in the font of one role, and where it comes from (for the error message). */
export interface GlyphNeed {
  role: FontRole;
  text: string;
  where: string;
}

const IGNORED = /[\s\u200b]/u;

/**
 * Refuses to render text a font cannot show: a missing glyph would print as a blank or a box. The error names
 * every missing character, the role and font, and where it occurs.
 */
export function checkGlyphs(fonts: FontSet, needs: GlyphNeed[]): void {
  const missing = new Map<string, { role: FontRole; chars: Set<string>; wheres: Set<string> }>();
  for (const need of needs) {
    const font = fonts[need.role].font;
    for (const ch of need.text) {
      if (IGNORED.test(ch)) continue;
      if (font.hasGlyphForCodePoint(ch.codePointAt(0)!)) continue;
      const m = missing.get(need.role) ?? { role: need.role, chars: new Set(), wheres: new Set() };
      m.chars.add(ch);
      m.wheres.add(need.where);
      missing.set(need.role, m);
    }
  }
  if (missing.size === 0) return;
  const parts: string[] = [];
  const issues = [];
  for (const m of missing.values()) {
    const font = fonts[m.role].font;
    const chars = [...m.chars];
    const list = chars.map((c) => `“${c}”（U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}）`);
    parts.push(
      `${ROLE_NAMES[m.role]}字体（${font.familyName || font.postscriptName}）缺少${list.join('、')}，见于${[...m.wheres].join('、')}`,
    );
    issues.push({ path: ['fonts', m.role], field: `${ROLE_NAMES[m.role]}字体`, message: `缺字：${chars.join('')}` });
  }
  throw new LedgerError(
    'INVALID_INPUT',
    `公文中有字体无法显示的字：${parts.join('；')}。请在设置中为该字体角色指定包含这些字的字体文件（如系统的仿宋、方正小标宋），或修改文字。`,
    issues,
  );
}
