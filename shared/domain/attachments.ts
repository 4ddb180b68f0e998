// What a ledger keeps as an attachment: photos, scans, PDFs, office documents and text — nothing that
// runs. A file is opened by the system's viewer for its extension, so the extension decides what runs:
// only extensions on this list are ever stored or opened, and the stored file is named by its hash
// and this extension, never by the name the user gave.
import { LedgerError } from '../errors';

/** Extension (lower case, with the dot) → MIME type. */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.webp': 'image/webp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.pdf': 'application/pdf',
  '.ofd': 'application/ofd',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.wps': 'application/vnd.ms-works',
  '.et': 'application/vnd.ms-excel',
  '.dps': 'application/vnd.ms-powerpoint',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.rtf': 'application/rtf',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
};

/** In words, for the refusal. */
export const ATTACHMENT_KINDS_TEXT = '图片（jpg、png 等）、PDF、OFD、Word、Excel、PowerPoint、WPS 文档和文本文件';

/**
 * Characters that change how a name reads without being seen: controls (NUL among them), the
 * direction marks and overrides (照片\u202Egpj.exe reads as 照片exe.jpg), zero-width characters.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;
/** What no file system takes in a name (Windows is the strictest), and separators that would make it a path. */
const RESERVED = /[\\/:*?"<>|]/g;

/** Splits a name into its base and its extension (lower case, with the dot; '' when none). */
function splitExt(name: string): [string, string] {
  const i = name.lastIndexOf('.');
  return i > 0 ? [name.slice(0, i), name.slice(i).toLowerCase()] : [name, ''];
}

/**
 * The name as kept and shown: Unicode NFC, no invisible characters, no path, no reserved characters,
 * no trailing dots or spaces (Windows drops them, so 'a.exe.' would run), at most 120 characters.
 */
export function normaliseFileName(name: string): string {
  let s = name.normalize('NFC').replace(INVISIBLE, '');
  // A name that arrives with a path keeps only its last part.
  s = s.split(/[\\/]/).pop() ?? '';
  s = s
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  const [base, ext] = splitExt(s);
  if (base.length + ext.length > 120) s = base.slice(0, 120 - ext.length) + ext;
  return s;
}

export interface AttachmentName {
  /** The name as kept. */
  fileName: string;
  /** Its extension, on the list. */
  ext: string;
  mime: string;
}

/** The name normalised and its type checked against the list; refused in Chinese otherwise. */
export function checkAttachmentName(given: string): AttachmentName {
  const fileName = normaliseFileName(given);
  const [base, ext] = splitExt(fileName);
  if (!base || !fileName) throw new LedgerError('INVALID_INPUT', `附件的文件名“${given}”不可用，请改名后再添加。`);
  const mime = ATTACHMENT_TYPES[ext];
  if (!mime)
    throw new LedgerError(
      'INVALID_INPUT',
      `附件“${fileName}”的类型${ext ? `（${ext}）` : '（没有扩展名）'}不能添加：只能添加${ATTACHMENT_KINDS_TEXT}。程序、脚本和快捷方式一律不收。`,
    );
  return { fileName, ext, mime };
}

/**
 * Content that runs whatever its name says: a Windows program (MZ), a Linux or macOS program (ELF,
 * Mach-O), a script (#!), a Windows shortcut. Returns what it is, or null.
 */
export function executableContent(head: Uint8Array): string | null {
  const b = (i: number) => head[i] ?? -1;
  if (b(0) === 0x4d && b(1) === 0x5a) return 'Windows 程序';
  if (b(0) === 0x7f && b(1) === 0x45 && b(2) === 0x4c && b(3) === 0x46) return 'Linux 程序';
  if ((b(0) === 0xcf || b(0) === 0xce) && b(1) === 0xfa && b(2) === 0xed && b(3) === 0xfe) return 'macOS 程序';
  if (b(0) === 0x23 && b(1) === 0x21) return '脚本';
  if (b(0) === 0x4c && b(1) === 0x00 && b(2) === 0x00 && b(3) === 0x00 && b(4) === 0x01 && b(5) === 0x14)
    return 'Windows 快捷方式';
  return null;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
