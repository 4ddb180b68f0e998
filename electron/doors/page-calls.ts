// What the page (the renderer, in the Electron window or the browser) may name on disk: the doors that answer
// a page enforce shared/api/page-paths.ts. A page never sends a path the backend trusts — backups and 考核
// packets go into the ledger's own folders, a backup is restored only from the ledger's backup folder (the list
// 数据安全 shows), a font file is one settings.fontFiles offers. The same call from a terminal keeps its path
// (the secretary typed it). A job started by a page (jobs.start) is checked as the method it runs.
// Attachments are opened by id, the path made by the backend; the page never names one.
import { basename, dirname, resolve } from 'node:path';
import type { Envelope } from '../../shared/api/contract';
import { PAGE_PATH_FIELDS, pagePathRefusal, type PagePathField } from '../../shared/api/page-paths';
import { FONT_ROLE_KEYS, type SettingsState } from '../../shared/api/settings';
import type { Dispatch } from '../services/dispatch';
import { ROLE_NAMES } from '../services/documents/fonts';
import { backupDirFor } from '../services/paths';

type Fields = Record<string, PagePathField>;
const FIELDS: Record<string, Fields> = PAGE_PATH_FIELDS;

function refusal(field: PagePathField, issues?: { path: string[]; field: string; message: string }[]): Envelope {
  return { ok: false, error: { code: 'FORBIDDEN', message: pagePathRefusal(field), ...(issues ? { issues } : {}) } };
}

/** The call a page makes, with a job unwrapped into the method it runs. */
function unwrap(method: unknown, input: unknown): [unknown, unknown] {
  if (method === 'jobs.start' && input && typeof input === 'object') {
    const job = input as { method?: unknown; input?: unknown };
    return [job.method, job.input];
  }
  return [method, input];
}

/**
 * The refusal of a page's call that names a file or folder it may not, or null when the call may go (as far as
 * can be said without asking the backend: a font is checked in pageDispatch).
 */
export function pageCallRefusal(method: unknown, input: unknown, dbPath: string): Envelope | null {
  const [m, i] = unwrap(method, input);
  const fields = typeof m === 'string' ? FIELDS[m] : undefined;
  if (!fields || !i || typeof i !== 'object') return null;
  for (const [name, field] of Object.entries(fields)) {
    const value = (i as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (field.rule === 'never') return refusal(field);
    if (field.rule === 'ownBackup') {
      if (typeof value !== 'string') continue; // the contract refuses it with its own message
      const file = resolve(value);
      if (dirname(file) !== resolve(backupDirFor(dbPath)) || !basename(file).endsWith('.sqlite')) return refusal(field);
    }
  }
  return null;
}

/**
 * A page's font files: per role empty, the file already chosen (kept as it is when she saves other settings),
 * or one the backend offers. Anything else is refused naming the role.
 */
async function fontRefusal(dispatch: Dispatch, method: unknown, input: unknown): Promise<Envelope | null> {
  const [m, i] = unwrap(method, input);
  if (m !== 'settings.set' || !i || typeof i !== 'object') return null;
  const fonts = (i as { fonts?: unknown }).fonts;
  if (!fonts || typeof fonts !== 'object') return null;
  const wanted = FONT_ROLE_KEYS.flatMap((role) => {
    const v = (fonts as Record<string, unknown>)[role];
    return typeof v === 'string' && v.trim() ? [[role, v.trim()] as const] : [];
  });
  if (wanted.length === 0) return null;
  const [current, offered] = await Promise.all([dispatch('settings.get', {}), dispatch('settings.fontFiles', {})]);
  if (!current.ok) return current;
  if (!offered.ok) return offered;
  const allowed = new Set<string>([
    ...Object.values((current.value as SettingsState).values.fonts).filter((v): v is string => !!v),
    ...(offered.value as { files: { path: string }[] }).files.map((f) => f.path),
  ]);
  const bad = wanted.filter(([, v]) => !allowed.has(v));
  if (bad.length === 0) return null;
  return refusal(
    PAGE_PATH_FIELDS['settings.set'].fonts,
    bad.map(([role]) => ({
      path: ['fonts', role],
      field: `${ROLE_NAMES[role]}字体`,
      message: '不是“公文字体”中列出的字体文件',
    })),
  );
}

/** The dispatch a page's door answers with: the rules above first, then the ledger's own dispatch. */
export function pageDispatch(dispatch: Dispatch, dbPath: () => string): Dispatch {
  return async (method, input) => {
    const refused = pageCallRefusal(method, input, dbPath()) ?? (await fontRefusal(dispatch, method, input));
    return refused ?? dispatch(method, input);
  };
}
