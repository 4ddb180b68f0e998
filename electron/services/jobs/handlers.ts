// 后台任务 handlers: the contract's jobs.* methods over the backend's job manager.
import type { ParsedInput } from '../../../shared/api/contract';
import type { JobStatus } from '../../../shared/api/jobs';
import { LedgerError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { JobManager } from './manager';

export function jobHandlers(ctx: ServiceContext) {
  const jobs = (): JobManager => {
    const m = ctx.host?.jobs;
    if (!m) throw new LedgerError('FORBIDDEN', '这种打开方式不能运行后台任务。');
    return m;
  };
  return {
    'jobs.start': ({ method, input }: ParsedInput<'jobs.start'>): JobStatus => jobs().startMethod(method, input),
    'jobs.status': ({ id }: ParsedInput<'jobs.status'>): JobStatus => jobs().status(id),
    'jobs.cancel': ({ id }: ParsedInput<'jobs.cancel'>): JobStatus => jobs().cancel(id),
    'jobs.list': (): JobStatus[] => jobs().list(),
  };
}
