// 后台任务: long work (import, export, the 考核 packet, backups, the audit check) runs in a worker beside
// the backend, never on the thread that answers the UI. A job is one contract method run there: start it,
// ask how far it is (done / total, time left), cancel it — a cancelled job leaves nothing half written.
import { z } from './zod-zh';
import { method } from './method';

/** The methods that may run as a job; each keeps its own input and output schema in the contract. */
export const JOB_METHODS = [
  'workbook.import',
  'workbook.export',
  'documents.packet',
  'backups.create',
  'audit.verify',
] as const;
export type JobMethod = (typeof JOB_METHODS)[number];

/** What a job is called on screen, by method (and for the ones the hosts start themselves). */
export const JOB_TITLES: Record<string, string> = {
  'workbook.import': '导入工作簿',
  'workbook.export': '导出工作簿',
  'documents.packet': '生成考核材料包',
  'backups.create': '备份',
  'audit.verify': '核查审计日志和数据',
  'backup:start': '启动时备份',
  'backup:auto': '定时备份',
  'audit:start': '启动时核查',
};

export const jobState = z.enum(['running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobState>;

export const jobStatus = z.object({
  id: z.string(),
  /** The contract method, or backup:start / backup:auto / audit:start for what a host starts itself. */
  method: z.string(),
  title: z.string(),
  state: jobState,
  /** What it is doing now, in Chinese: 读取文件, 检查, 写入 … */
  phase: z.string(),
  done: z.number(),
  /** Null while not yet known. */
  total: z.number().nullable(),
  /** What done and total count: 行, 页, 条 … */
  unit: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Estimated from the pace so far; null until there is a pace to go by. */
  secondsLeft: z.number().nullable(),
  /** The method's own output (as the contract gives it) once done. */
  result: z.unknown().optional(),
  /** Why it failed or was cancelled (code and Chinese message, with issues for an import). */
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.unknown()).optional(),
    })
    .nullable(),
});
export type JobStatus = z.infer<typeof jobStatus>;

const jobId = z.string({ error: '必须是任务编号' }).min(1).max(64).describe('任务编号');

export const jobMethods = {
  /** Input is the method's own input, checked against its schema before anything starts. */
  'jobs.start': method(
    '开始后台任务',
    z
      .object({
        method: z.enum(JOB_METHODS, { error: '不是可以在后台运行的操作' }).describe('操作'),
        input: z.unknown().describe('内容'),
      })
      .strict(),
    jobStatus,
  ),
  'jobs.status': method('查看后台任务', z.object({ id: jobId }).strict(), jobStatus),
  /** Cancelling a finished job changes nothing and answers its status. */
  'jobs.cancel': method('取消后台任务', z.object({ id: jobId }).strict(), jobStatus),
  /** The jobs of this session, newest first: running ones, and finished ones kept for a while. */
  'jobs.list': method('列出后台任务', z.object({}).strict(), z.array(jobStatus)),
};
