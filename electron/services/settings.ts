// 设置: the institution's names for documents, the operator and the font files, one JSON value per key.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { ParsedInput } from '../../shared/api/contract';
import {
  FONT_ROLE_KEYS,
  SETTINGS_DEFAULTS,
  type FontFile,
  type FontFiles,
  type ResolvedFont,
  type SettingsState,
  type SettingsValues,
} from '../../shared/api/settings';
import { LedgerError } from '../../shared/errors';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';
import {
  ROLE_NAMES,
  listFontconfigFonts,
  loadFonts,
  resolveFonts,
  type FontRole,
  type FontSet,
} from './documents/fonts';
import { fontDirFor } from './paths';
import { resourcesDir } from './resources';

type Key = keyof SettingsValues;
const KEYS = Object.keys(SETTINGS_DEFAULTS) as Key[];

/** Installed office fonts are looked for unless LEDGER_SYSTEM_FONTS=0 (tests and benchmarks pin the bundled ones). */
export const useSystemFonts = (): boolean => process.env.LEDGER_SYSTEM_FONTS !== '0';
export const bundledFontsDir = (): string => join(resourcesDir(), 'fonts');

export function readSettings(ctx: Pick<ServiceContext, 'db'>): SettingsValues {
  const { db } = ctx;
  const rows = db.all(db.q.selectFrom('settings').select(['key', 'value']).where('key', 'in', KEYS));
  const out: SettingsValues = { ...SETTINGS_DEFAULTS, fonts: {} };
  for (const r of rows) {
    try {
      (out as Record<string, unknown>)[r.key] = JSON.parse(r.value);
    } catch {
      /* a damaged value falls back to its default */
    }
  }
  return out;
}

/** The font of every role as documents will use it; a chosen file that is missing is reported, not fatal here. */
export function resolvedFonts(values: SettingsValues): ResolvedFont[] {
  const overrides: Partial<Record<FontRole, string>> = {};
  const problems: Partial<Record<FontRole, string>> = {};
  for (const role of FONT_ROLE_KEYS) {
    const p = values.fonts[role];
    if (!p) continue;
    if (existsSync(p)) overrides[role] = p;
    else problems[role] = `指定的文件不存在：${p}，已改用下列字体`;
  }
  const sources = resolveFonts({ bundledDir: bundledFontsDir(), overrides, useSystem: useSystemFonts() });
  return FONT_ROLE_KEYS.map((role) => {
    const s = sources[role];
    let family = '';
    let problem = problems[role];
    try {
      const f = loadFonts({ ...sources, [role]: s })[role].font;
      family = f.familyName || f.postscriptName;
    } catch (e) {
      problem = e instanceof Error ? e.message : String(e);
    }
    return {
      role,
      roleName: ROLE_NAMES[role],
      path: s.path,
      family,
      origin: s.origin,
      ...(problem ? { problem } : {}),
    };
  });
}

/** The fonts documents are rendered with, as the settings choose them. */
export function documentFonts(ctx: Pick<ServiceContext, 'db'>): FontSet {
  const values = readSettings(ctx);
  const overrides: Partial<Record<FontRole, string>> = {};
  for (const role of FONT_ROLE_KEYS) if (values.fonts[role]) overrides[role] = values.fonts[role];
  return loadFonts(resolveFonts({ bundledDir: bundledFontsDir(), overrides, useSystem: useSystemFonts() }));
}

const FONT_FILE = /\.(ttf|otf|ttc|otc)$/i;

/** Font files directly inside a folder: plain files only (no links, no sub-folders, no pipes). */
function fontFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && FONT_FILE.test(d.name))
      .map((d) => join(dir, d.name));
  } catch {
    return [];
  }
}

/** The fonts installed on this computer: fontconfig's Chinese fonts, or the font folders of Windows and macOS. */
function installedFontFiles(): FontFile[] {
  const byFolder = (dirs: string[]): FontFile[] =>
    dirs.flatMap(fontFilesIn).map((path) => ({ path, name: basename(path), families: [], place: 'system' }));
  if (process.platform === 'win32')
    return byFolder([
      join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'),
      ...(process.env.LOCALAPPDATA ? [join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : []),
    ]);
  if (process.platform === 'darwin')
    return byFolder(['/System/Library/Fonts', '/Library/Fonts', join(homedir(), 'Library', 'Fonts')]);
  const seen = new Map<string, FontFile>();
  for (const f of listFontconfigFonts()) {
    if (!f.file || !FONT_FILE.test(f.file)) continue;
    const had = seen.get(f.file);
    const families = f.families.map((n) => n.trim()).filter(Boolean);
    if (had) had.families = [...new Set([...had.families, ...families])];
    else seen.set(f.file, { path: f.file, name: basename(f.file), families, place: 'system' });
  }
  return [...seen.values()];
}

/**
 * The font files the window may choose (settings.fontFiles): those in the ledger's own font folder (made here,
 * so she can find it to copy a file into) and, unless LEDGER_SYSTEM_FONTS=0, the installed ones.
 */
export function offeredFontFiles(dbPath: string): FontFiles {
  const folder = fontDirFor(dbPath);
  try {
    mkdirSync(folder, { recursive: true });
  } catch {
    /* a read-only place: the list is only the installed fonts */
  }
  const own: FontFile[] = fontFilesIn(folder).map((path) => ({
    path,
    name: basename(path),
    families: [],
    place: 'ledger',
  }));
  const byName = (a: FontFile, b: FontFile) => a.name.localeCompare(b.name, 'zh-CN');
  return { folder, files: [...own.sort(byName), ...(useSystemFonts() ? installedFontFiles().sort(byName) : [])] };
}

export function settingsHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  const state = (): SettingsState => {
    const values = readSettings(ctx);
    return { values, fonts: resolvedFonts(values) };
  };
  return {
    'settings.get': (): SettingsState => state(),
    'settings.fontFiles': (): FontFiles => offeredFontFiles(db.path),
    'settings.set': (input: ParsedInput<'settings.set'>): SettingsState => {
      for (const role of FONT_ROLE_KEYS) {
        const p = input.fonts?.[role];
        if (p && !existsSync(p)) {
          throw new LedgerError('INVALID_INPUT', `${ROLE_NAMES[role]}字体文件不存在：${p}`, [
            { path: ['fonts', role], field: `${ROLE_NAMES[role]}字体`, message: '文件不存在' },
          ]);
        }
      }
      if (input.fonts) {
        // Parse the chosen files now, so a file that is not a font is refused before it is saved.
        const overrides: Partial<Record<FontRole, string>> = {};
        for (const role of FONT_ROLE_KEYS) if (input.fonts[role]) overrides[role] = input.fonts[role];
        loadFonts(resolveFonts({ bundledDir: bundledFontsDir(), overrides, useSystem: false }));
      }
      db.tx(() => {
        const before = readSettings(ctx);
        for (const key of KEYS) {
          const value = input[key];
          if (value === undefined) continue;
          const clean =
            key === 'fonts' ? Object.fromEntries(Object.entries(value as object).filter(([, v]) => v)) : value;
          db.run(
            db.q
              .insertInto('settings')
              .values({ key, value: JSON.stringify(clean) })
              .onConflict((c) => c.column('key').doUpdateSet({ value: JSON.stringify(clean) })),
          );
          if (JSON.stringify(before[key]) !== JSON.stringify(clean))
            appendAudit(ctx, {
              action: 'update',
              table: 'settings',
              rowId: null,
              before: { [key]: before[key] },
              after: { [key]: clean },
            });
        }
      });
      return state();
    },
  };
}
