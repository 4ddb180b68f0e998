// The `ledger` command: the same services as the app, from a terminal.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isLedgerError } from '../../../shared/errors';
import { openBackend } from '../../services/backend';
import { resolveDbPath } from '../../services/paths';
import { applyPreset, listPresets, loadPreset } from '../../services/presets';
import { presetsDir } from '../../services/resources';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const TABLE_LABELS: Record<string, string> = {
  units: '单位',
  cadres: '干部',
  contact_objects: '联系对象',
  assignments: '联系点',
  activity_types: '活动类型',
  records: '联系记录',
  follow_ups: '督办事项',
  regulations: '制度',
  rules: '要求',
  attachments: '附件',
  document_register: '发文登记',
  audit_log: '审计日志',
};

const USAGE = `用法：ledger <命令> [选项]

命令：
  init --db PATH [--preset ID]   新建台账数据库（可选：从制度预设开始）
  info --db PATH [--json]        显示数据结构版本、各表行数和完整性检查结果
  presets                        列出制度预设
  help                           显示本说明

不写 --db 时，使用环境变量 LEDGER_DB，再不然使用用户数据文件夹中的默认文件。`;

type Command = (args: string[], io: CliIo) => Promise<number>;

function dbPath(values: { db?: string | undefined }, io: CliIo): string {
  return values.db ?? resolveDbPath([], io.env);
}

const init: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, preset: { type: 'string' } } });
  const path = dbPath(values, io);
  const existed = existsSync(path) && statSync(path).size > 0;
  const preset = values.preset ? loadPreset(presetsDir(), values.preset) : null;
  const backend = await openBackend(path);
  try {
    const info = backend.handlers['system.info']({}) as { schemaVersion: number };
    io.out(`${existed ? '已打开现有' : '已新建'}台账数据库：${path}（数据结构版本 ${info.schemaVersion}）`);
    if (preset) {
      const already = backend.db.first(
        backend.db.q.selectFrom('regulations').select('id').where('preset_id', '=', preset.id),
      );
      if (already) io.out(`制度预设 ${preset.id}《${preset.name}》已在此台账中，未重复导入。`);
      else {
        applyPreset(backend.ctx, preset);
        io.out(`已载入制度预设 ${preset.id}《${preset.name}》（${preset.code}）。`);
      }
    }
  } finally {
    backend.close();
  }
  return 0;
};

const info: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' } } });
  const path = dbPath(values, io);
  if (!existsSync(path)) {
    io.err(`找不到数据库文件：${path}。可用 ledger init --db ${path} 新建。`);
    return 1;
  }
  const backend = await openBackend(path);
  try {
    const i = await backend.handlers['system.info']({});
    if (values.json) {
      io.out(JSON.stringify(i, null, 2));
      return 0;
    }
    io.out(`数据库：${i.dbPath}`);
    io.out(`数据结构版本：${i.schemaVersion}（本程序支持到 ${i.appSchemaVersion}）`);
    io.out(`完整性检查：${i.integrity === 'ok' ? '通过（ok）' : i.integrity}`);
    for (const [table, n] of Object.entries(i.counts)) io.out(`${(TABLE_LABELS[table] ?? table).padEnd(6, '　')}${n}`);
    return i.integrity === 'ok' ? 0 : 2;
  } finally {
    backend.close();
  }
};

const presets: Command = async (_args, io) => {
  for (const p of listPresets(presetsDir())) io.out(`${p.id}  ${p.code}  《${p.name}》`);
  return 0;
};

const commands: Record<string, Command> = { init, info, presets };

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    io.err(`未知命令“${name}”。\n\n${USAGE}`);
    return 1;
  }
  try {
    return await command(args, io);
  } catch (e) {
    if (isLedgerError(e)) io.err(e.message);
    else if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      io.err(`参数有误：${(e as Error).message}\n\n${USAGE}`);
    else io.err(`出错了：${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}
