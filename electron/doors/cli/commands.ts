// The `ledger` command: the same contract as the app, from a terminal.
import type { CliIo } from './command';
import { commands } from './commands/index';

/** Usage lines in a column, help beside them; a usage too long for the column gets its help below it. */
function usage(): string {
  const width = 48;
  const lines = Object.values(commands).map((c) =>
    c.usage.length < width ? `  ${c.usage.padEnd(width)}${c.help}` : `  ${c.usage}\n  ${' '.repeat(width)}${c.help}`,
  );
  return [
    '用法：ledger <命令> [选项]',
    '',
    '命令：',
    ...lines,
    `  ${'help'.padEnd(width)}显示本说明`,
    '',
    '不写 --db 时，使用环境变量 LEDGER_DB，再不然使用用户数据文件夹中的默认文件。',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let [name, ...args] = argv;
  // A two-word command ("rules extract") lives beside the one-word one ("rules") without either knowing.
  if (name && args[0] && commands[`${name} ${args[0]}`]) {
    name = `${name} ${args[0]}`;
    args = args.slice(1);
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 1;
  }
  const entry = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.err(`未知命令“${name}”。\n\n${usage()}`);
    return 1;
  }
  try {
    const { run } = await entry.load();
    return await run(args, io);
  } catch (e) {
    const { isLedgerError } = await import('../../../shared/errors');
    if (isLedgerError(e)) io.err(e.message);
    else if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      io.err(`参数有误：${(e as Error).message}\n\n${usage()}`);
    else io.err(`出错了：${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}
