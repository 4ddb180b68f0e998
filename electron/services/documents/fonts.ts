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

/**
 * Fonts that give a glyph to every Han character of GB 18030-2022 levels 1–2 (U+4E00–U+9FFF and U+3400–U+4DBF), in
 * the order they are tried after a role's own font (and after the bundled Fandol font of that role): BabelStone Han
 * (G-source 宋 forms; all of U+4E00–U+9FFF and most of Extension A) and HanaMinA for the rest of Extension A.
 */
export const FALLBACK_FILES: readonly string[] = ['BabelStoneHan-GB18030.ttf', 'HanaMinA-ExtA.ttf'];

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
  /**
   * Files tried, in order, for a character the role's font has no glyph for: the bundled font of the role (when the
   * role's font is another), then FALLBACK_FILES.
   */
  fallbacks?: string[];
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
      out[role] = {
        role,
        path: override,
        origin: 'override',
        fallbacks: [join(opts.bundledDir, BUNDLED_FILES[role]), ...FALLBACK_FILES.map((f) => join(opts.bundledDir, f))],
      };
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
    const bundled = join(opts.bundledDir, BUNDLED_FILES[role]);
    const fallbacks = FALLBACK_FILES.map((f) => join(opts.bundledDir, f));
    out[role] = found
      ? { ...found, fallbacks: [bundled, ...fallbacks] }
      : { role, path: bundled, origin: 'bundled', fallbacks };
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
  fullName?: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FontkitGlyph;
}
interface FontkitModule {
  create(data: Uint8Array): FontkitFont & { fonts?: FontkitFont[] };
}

/** One font file (or one face of a collection) in a role's chain; `key` names it to the PDF renderer. */
export interface Face {
  key: string;
  path: string;
  font: FontkitFont;
  /** The role's own font (0), or a fallback tried after it. */
  fallback: boolean;
}

/** A parsed font serving one role, with the faces tried for a character its own font lacks. */
export interface LoadedFont {
  role: FontRole;
  /** The key of the role's own font. */
  key: string;
  source: FontSource;
  /** The role's own font. */
  font: FontkitFont;
  /** The role's font first, then its fallbacks. */
  faces: Face[];
  /** The index in `faces` of the first face with a glyph for cp; -1 when none has one. */
  faceOf(cp: number): number;
  /** Advance width of cp in em, in the face that prints it (cached: measuring is the layout's inner loop). */
  advance(cp: number): number;
}

export type FontSet = Record<FontRole, LoadedFont>;

// Parsing a CJK font (cmap, charstrings, GSUB) is most of a document's cost; each file is parsed once per process
// and the parsed object is shared by every document (it is read-only once parsed).
const parsed = new Map<string, FontkitFont>();

/** Whether a face's names match the role (a collection such as simsun.ttc holds SimSun and NSimSun). */
function faceMatches(f: FontkitFont, role: FontRole | null, face: string | undefined): boolean {
  const names = [f.postscriptName, f.familyName, f.fullName ?? ''].filter((n) => typeof n === 'string');
  if (face) return names.some((n) => n === face);
  return role !== null && names.some((n) => FAMILY_NAMES[role].test(n.trim()));
}

const files = new Map<string, FontkitFont & { fonts?: FontkitFont[] }>();

/** Whether a parsed file is a collection (.ttc/.otc) rather than a single font. */
export const isCollectionFile = (path: string): boolean => !!files.get(path)?.fonts;

/** Reads a font file; a collection yields the face named, else the face of the role, else the Simplified Chinese one. */
export function parseFontFile(path: string, role: FontRole | null, face?: string): FontkitFont {
  const id = `${path}#${face ?? ''}#${role ?? ''}`;
  const hit = parsed.get(id);
  if (hit) return hit;
  const what = role ? `${ROLE_NAMES[role]}字体` : '备用字体';
  let font = files.get(path);
  if (!font) {
    const fontkit = require('fontkit') as FontkitModule;
    try {
      font = fontkit.create(readFileSync(path));
    } catch (e) {
      throw new LedgerError(
        'INVALID_INPUT',
        `无法读取${what}：${path}（${e instanceof Error ? e.message : String(e)}）`,
      );
    }
    files.set(path, font);
  }
  let chosen: FontkitFont = font;
  if (font.fonts) {
    const faces = font.fonts;
    if (!faces.length) throw new LedgerError('INVALID_INPUT', `${what}文件中没有字体：${path}`);
    chosen =
      (face ? faces.find((f) => faceMatches(f, null, face)) : undefined) ??
      faces.find((f) => faceMatches(f, role, undefined)) ??
      faces.find((f) => /(^|[^a-z])(sc|gb)([^a-z]|$)|CJKsc|Sim/i.test(f.postscriptName)) ??
      faces[0]!;
  } else if (typeof font.hasGlyphForCodePoint !== 'function') {
    throw new LedgerError('INVALID_INPUT', `${what}不是可用的字体文件：${path}`);
  }
  parsed.set(id, chosen);
  return chosen;
}

// A role's chain (its font and fallbacks) with what it has learnt — which face prints each character, each width —
// kept for the process: every document (and every call of documentFonts) with the same fonts shares it.
const chains = new Map<string, LoadedFont>();

/** Parses (or takes from the per-process cache) the font of every role and its fallbacks. */
export function loadFonts(sources: Record<FontRole, FontSource>): FontSet {
  const out = {} as FontSet;
  for (const role of FONT_ROLES) {
    const source = sources[role];
    const chainKey = JSON.stringify([role, source.path, source.face ?? '', source.fallbacks ?? []]);
    const cached = chains.get(chainKey);
    if (cached) {
      out[role] = cached.source.origin === source.origin ? cached : { ...cached, source };
      continue;
    }
    const font = parseFontFile(source.path, role, source.face);
    const faces: Face[] = [
      { key: `ledger-font:${source.path}#${source.face ?? role}`, path: source.path, font, fallback: false },
    ];
    for (const path of source.fallbacks ?? []) {
      if (path === source.path || !existsSync(path)) continue;
      // A fallback is read only when a character needs it: most documents never open the 20 MB Han font.
      let parsedFallback: FontkitFont | null = null;
      faces.push({
        key: `ledger-font:${path}#fallback`,
        path,
        get font() {
          return (parsedFallback ??= parseFontFile(path, null));
        },
        fallback: true,
      });
    }
    const index = new Map<number, number>();
    const widths = new Map<number, number>();
    const faceOf = (cp: number): number => {
      let i = index.get(cp);
      if (i === undefined) {
        i = faces.findIndex((f) => f.font.hasGlyphForCodePoint(cp));
        index.set(cp, i);
      }
      return i;
    };
    out[role] = {
      role,
      key: faces[0]!.key,
      source,
      font,
      faces,
      faceOf,
      advance(cp: number): number {
        let w = widths.get(cp);
        if (w === undefined) {
          const f = faces[Math.max(0, faceOf(cp))]!.font;
          w = f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm;
          widths.set(cp, w);
        }
        return w;
      },
    };
    chains.set(chainKey, out[role]);
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
/** IGNORED by code point, remembered (a character is tested once). */
const ignoredCps = new Map<number, boolean>();
const ignored = (cp: number): boolean => {
  let v = ignoredCps.get(cp);
  if (v === undefined) ignoredCps.set(cp, (v = IGNORED.test(String.fromCodePoint(cp))));
  return v;
};

/**
 * Refuses to render text that no font of its role's chain can show (its own font, the bundled one, the fallbacks):
 * a missing glyph would print as a blank or a box. The error names every such character, the role and where it
 * occurs. Characters of GB 18030-2022 levels 1–2 always have a glyph in the fallbacks.
 */
export function checkGlyphs(fonts: FontSet, needs: GlyphNeed[]): void {
  const missing = new Map<string, { role: FontRole; chars: Set<string>; wheres: Set<string> }>();
  for (const need of needs) {
    const lf = fonts[need.role];
    const text = need.text;
    // By code point, no string per character (the 500-cadre 考核 packet checks ~40 million characters); a character's
    // string is made only for one no face has.
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (ignored(cp) || lf.faceOf(cp) >= 0) continue;
      const ch = String.fromCodePoint(cp);
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
    const chars = [...m.chars];
    const list = chars.map((c) => `“${c}”（U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}）`);
    const tried = fonts[m.role].faces.map((f) => f.font.familyName || f.font.postscriptName).join('、');
    parts.push(`${ROLE_NAMES[m.role]}字体（${tried}）都缺少${list.join('、')}，见于${[...m.wheres].join('、')}`);
    issues.push({ path: ['fonts', m.role], field: `${ROLE_NAMES[m.role]}字体`, message: `缺字：${chars.join('')}` });
  }
  throw new LedgerError(
    'INVALID_INPUT',
    `公文中有字体无法显示的字：${parts.join('；')}。请在设置中为该字体角色指定包含这些字的字体文件，或修改文字。`,
    issues,
  );
}

/** Characters of a text that its role's own font lacks and a fallback font prints (for warnings at entry). */
export function fallbackChars(lf: LoadedFont, text: string): string[] {
  const out = new Set<string>();
  for (const ch of text) {
    if (IGNORED.test(ch)) continue;
    if (lf.faceOf(ch.codePointAt(0)!) > 0) out.add(ch);
  }
  return [...out];
}
