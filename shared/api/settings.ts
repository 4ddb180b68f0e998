// 设置 methods: the institution's names for official documents, the operator, and the font per role.
import { INSTITUTION_KINDS } from '../domain/institution';
import { z } from './zod-zh';
import { method } from './method';

export const FONT_ROLE_KEYS = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'songti'] as const;
export type FontRoleKey = (typeof FONT_ROLE_KEYS)[number];

const line = z.string({ error: '必须是文字' }).trim().max(200, { error: '不能超过200个字' });
const path = z.string({ error: '必须是文件路径' }).trim().max(1000, { error: '路径过长' });

export const settingsValues = z
  .object({
    /** 单位全称, e.g. ××大学. */
    institution: line.describe('单位名称'),
    /** 单位类别: decides the wording of documents (师生 or 群众, 各学院 or 各乡镇). */
    institutionKind: z
      .enum(INSTITUTION_KINDS, { error: `应为${INSTITUTION_KINDS.join('、')}之一` })
      .describe('单位类别'),
    /** 发文机关标志, e.g. 中共××大学委员会文件. */
    issuerMark: line.describe('发文机关标志'),
    /** 发文机关署名 (defaults to the mark without 文件). */
    signature: line.describe('发文机关署名'),
    /** 默认印发机关, e.g. 中共××大学委员会办公室. */
    printer: line.describe('印发机关'),
    /** 发文字号 机关代字, e.g. 校党发. */
    docPrefix: z
      .string({ error: '必须是文字' })
      .trim()
      .max(20, { error: '不能超过20个字' })
      .refine((s) => !/[〔〕[\]第\d]/.test(s), { error: '机关代字不能含年份、六角括号、“第”或数字' })
      .describe('机关代字'),
    /** 操作人: the audit trail records it with every change. */
    operator: line.describe('操作人'),
    /** A font file per role; empty = installed office font or the bundled free font. */
    fonts: z.partialRecord(z.enum(FONT_ROLE_KEYS), path).describe('字体'),
  })
  .strict();
export type SettingsValues = z.infer<typeof settingsValues>;

export const resolvedFont = z.object({
  role: z.enum(FONT_ROLE_KEYS),
  /** 仿宋, 小标宋 … */
  roleName: z.string(),
  path: z.string(),
  /** The font's own family name, read from the file. */
  family: z.string(),
  origin: z.enum(['override', 'system', 'bundled']),
  /** Why a chosen file is not used (missing, unreadable). */
  problem: z.string().optional(),
});
export type ResolvedFont = z.infer<typeof resolvedFont>;

export const settingsState = z.object({ values: settingsValues, fonts: z.array(resolvedFont) });
export type SettingsState = z.infer<typeof settingsState>;

/** A font file a page may choose (设置 → 公文字体): in the ledger's own font folder, or installed on this computer. */
export const fontFile = z.object({
  path: z.string(),
  /** The file's name, as the list shows it. */
  name: z.string(),
  /** Family names fontconfig gives (installed fonts on Linux); empty when not known without reading the file. */
  families: z.array(z.string()),
  place: z.enum(['ledger', 'system']),
});
export type FontFile = z.infer<typeof fontFile>;

export const fontFiles = z.object({
  /** The ledger's own font folder (beside the ledger file), where she copies a font file she wants to use. */
  folder: z.string(),
  files: z.array(fontFile),
});
export type FontFiles = z.infer<typeof fontFiles>;

export const SETTINGS_DEFAULTS: SettingsValues = {
  institution: '××大学',
  institutionKind: '高校',
  issuerMark: '中共××大学委员会文件',
  signature: '中共××大学委员会',
  printer: '中共××大学委员会办公室',
  docPrefix: '校党发',
  operator: '',
  fonts: {},
};

export const settingsMethods = {
  'settings.get': method('读取设置', z.object({}).strict(), settingsState),
  'settings.set': method('保存设置', settingsValues.partial().strict(), settingsState),
  /** The font files the window may choose from; a page's settings.set names no other (shared/api/page-paths.ts). */
  'settings.fontFiles': method('列出可选的字体文件', z.object({}).strict(), fontFiles),
};
