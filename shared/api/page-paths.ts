// Every contract input that names a file or folder on disk, and what the program's window (a page: the Electron
// window or the browser) may send there. A page is web content: if it were ever made to run foreign script,
// every path it sends would be the attacker's. So a page never names a path the backend trusts: the folders
// are the ledger's own (backups beside it, 考核 packets beside it), a backup to restore is one of the list
// 数据安全 shows, a font file one of the list 设置 offers (settings.fontFiles). A terminal (`ledger …`) keeps
// every path: the secretary typed it herself. The doors that answer a page enforce this table
// (electron/doors/page-calls.ts); tests/unit/page-paths.test.ts walks the contract so that a new path-bearing
// field cannot be added without a line here.
import type { MethodName } from './contract';

/**
 * never: a page may not send the field at all (the backend's own folder is used);
 * ownBackup: only a .sqlite file directly inside the ledger's backup folder;
 * offeredFont: per role, empty, the file already chosen, or one of settings.fontFiles.
 */
export type PagePathRule = 'never' | 'ownBackup' | 'offeredFont';

export interface PagePathField {
  rule: PagePathRule;
  /** Why the page need not name it, told to whoever tries (Chinese, for the secretary). */
  instead: string;
  /** The terminal command that takes another place, when there is one. */
  terminal?: string;
}

export const PAGE_PATH_FIELDS = {
  'backups.list': {
    dir: { rule: 'never', instead: '程序窗口只列出本台账备份文件夹中的备份' },
  },
  'backups.create': {
    dir: {
      rule: 'never',
      instead: '程序窗口中的备份保存在本台账旁的备份文件夹中',
      terminal: 'ledger backup --to 文件夹',
    },
  },
  'backups.restore': {
    path: {
      rule: 'ownBackup',
      instead: '只能从本台账的备份文件夹里选择备份来恢复（即“数据安全”中列出的备份）',
      terminal: 'ledger restore --from 该文件',
    },
  },
  'documents.packet': {
    dir: {
      rule: 'never',
      instead: '程序窗口中生成的考核材料包保存在本台账旁的考核材料文件夹中',
      terminal: 'ledger packet --year 年度 --out 文件夹',
    },
  },
  // A page holds the workbook the secretary picked or dropped and sends its bytes; only a terminal names a path.
  'workbook.import': {
    path: {
      rule: 'never',
      instead: '程序窗口中导入的工作簿请用“导入 Excel”选择文件',
      terminal: 'ledger import 该文件',
    },
  },
  'workbook.unknownValues': {
    path: {
      rule: 'never',
      instead: '程序窗口中导入的工作簿请用“导入 Excel”选择文件',
      terminal: 'ledger import 该文件',
    },
  },
  'settings.set': {
    fonts: {
      rule: 'offeredFont',
      instead:
        '字体文件只能从“设置 → 公文字体”列出的文件中选择（本台账的字体文件夹和本机已安装的中文字体）；' +
        '要用其他字体文件，请先把它复制到本台账的字体文件夹',
    },
  },
} as const satisfies Partial<Record<MethodName, Record<string, PagePathField>>>;

/**
 * Input fields whose name sounds like a path but that the backend never opens as one: the name of a file whose
 * bytes travel in the call (stored under its hash, or only shown), and a sort direction. Keyed "method field".
 */
export const NOT_PATHS: Record<string, string> = {
  'records.page sort.dir': '排序方向（asc / desc）',
  'records.attach fileName': '附件原名：只用于显示和判断类型，文件按内容散列保存',
  'records.restore attachments.fileName': '附件原名：文件按散列值在附件文件夹中找，原名只取扩展名',
  'workbook.import fileName': '工作簿原名：文件内容随调用传来（或终端给出的 path 指向它）',
  'workbook.unknownValues fileName': '工作簿原名：文件内容随调用传来（或终端给出的 path 指向它）',
  'extract.read fileName': '制度文件原名：文件内容随调用传来',
  'extract.apply source.fileName': '制度文件原名：只记下来显示',
};

/** How a page's refusal reads: nothing was done, why, and how to do it from a terminal if she means it. */
export function pagePathRefusal(field: PagePathField): string {
  const terminal = field.terminal ? `要使用其他位置，请在终端中运行 ${field.terminal}。` : '';
  return `在程序窗口中不能指定这个文件或文件夹：${field.instead}。未作任何改动。${terminal}`;
}
