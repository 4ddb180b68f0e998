// Validate with the contract, call the handler, wrap the answer: what every door does with a call.
import { contract, isMethodName, type Envelope } from '../../shared/api/contract';
import { summarize, toFieldIssues } from '../../shared/api/zod-zh';
import { LedgerError, isLedgerError } from '../../shared/errors';
import type { Handlers } from './handlers';

export type Dispatch = (method: unknown, input: unknown) => Promise<Envelope>;

function fail(e: LedgerError): Envelope {
  return { ok: false, error: e.toPayload() };
}

/** SQLite's own refusals, said in Chinese; anything else is an internal error. */
export function translate(e: unknown): LedgerError {
  if (isLedgerError(e)) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return new LedgerError('CONFLICT', '与已有数据重复，未保存。');
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
    return new LedgerError('IN_USE', '这条数据被其他数据引用，或引用了不存在的数据，未保存。');
  if (code === 'SQLITE_BUSY') return new LedgerError('DB_LOCKED', '数据库正忙（另一个程序在写入），请稍后再试。');
  if (code === 'SQLITE_READONLY') return new LedgerError('FORBIDDEN', '数据库文件是只读的，无法保存。');
  // The transaction is rolled back by SQLite: the ledger keeps what it had before the call.
  if (code === 'SQLITE_FULL' || (e as { code?: string }).code === 'ENOSPC')
    return new LedgerError(
      'DISK_FULL',
      '磁盘空间已满，这次没有保存（台账中原有的数据没有改动）。请清理磁盘空间后重试。',
    );
  if (code.startsWith('SQLITE_IOERR'))
    return new LedgerError(
      'DISK_FULL',
      '写入数据库文件时磁盘出错，这次没有保存（台账中原有的数据没有改动）。请检查磁盘空间和磁盘状态后重试。',
    );
  return new LedgerError('INTERNAL', `程序内部错误：${(e as Error)?.message ?? String(e)}`);
}

export function createDispatcher(handlers: Handlers, log: (e: unknown) => void = console.error): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? method.slice(0, 80) : typeof method;
      return fail(new LedgerError('UNKNOWN_METHOD', `没有名为“${shown}”的操作`));
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issues = toFieldIssues(spec.input, parsed.error);
      return fail(new LedgerError('INVALID_INPUT', `${spec.title}：${summarize(issues)}`, issues));
    }
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: spec.output.parse(value) };
    } catch (e) {
      const err = translate(e);
      if (err.code === 'INTERNAL') log(e);
      return fail(err);
    }
  };
}
