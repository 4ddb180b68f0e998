// The backend's side of jobs: starts a worker per job, keeps each job's progress and result, passes the
// user's cancel on, and hands out the one write window — while a job writes, the backend's own writes
// wait for it instead of blocking the thread that answers the UI.
import { contract, isMethodName } from '../../../shared/api/contract';
import { JOB_METHODS, JOB_TITLES, type JobStatus } from '../../../shared/api/jobs';
import { summarize, toFieldIssues } from '../../../shared/api/zod-zh';
import { LedgerError } from '../../../shared/errors';
import type { SpawnWorker, Task, WorkerPort } from './messages';

export interface JobManagerOptions {
  dbPath: string;
  spawn: SpawnWorker;
  now?: () => Date;
  /** Opens (true) and closes (false) the window in which a job writes; the backend pauses its writes. */
  onWriteWindow(open: boolean): void;
  /** How long a cancelled worker may take to stop on its own before it is ended (default 10 s). */
  killAfterMs?: number;
}

export interface JobManager {
  /** A contract method as a job; its input is checked against the method's schema first. */
  startMethod(method: string, input: unknown): JobStatus;
  /** Work the hosts start themselves (start-up and timed backups, the start-up check). */
  startTask(task: Task): JobStatus;
  status(id: string): JobStatus;
  cancel(id: string): JobStatus;
  list(): JobStatus[];
  running(): JobStatus[];
  /** Resolves with the final status once the job has ended. */
  wait(id: string): Promise<JobStatus>;
  /** True while a job holds the write window. */
  readonly writing: boolean;
  /** Resolves when no job holds the write window. */
  writeDone(): Promise<void>;
  /** Cancels every running job and ends its worker. */
  close(): void;
}

interface Job {
  status: JobStatus;
  port: WorkerPort;
  started: number;
  finished: Promise<JobStatus>;
  finish: (s: JobStatus) => void;
  /** The user asked to cancel: whatever ends the worker now, the job ends cancelled. */
  cancelled: boolean;
}

const KEEP_FINISHED = 30;
const KEEP_RESULT_MS = 15 * 60_000;

let counter = 0;

export function createJobManager(opts: JobManagerOptions): JobManager {
  const now = opts.now ?? (() => new Date());
  const jobs = new Map<string, Job>();
  let writer: Job | null = null;
  const waitingToWrite: Job[] = [];
  let writeWaiters: (() => void)[] = [];

  const get = (id: string): Job => {
    const job = jobs.get(id);
    if (!job) throw new LedgerError('NOT_FOUND', '没有这个后台任务（可能已经结束很久，或程序重新启动过）。');
    return job;
  };

  const snapshot = (job: Job): JobStatus => {
    const s = job.status;
    if (s.state !== 'running') return { ...s, secondsLeft: null };
    const elapsed = (Date.now() - job.started) / 1000;
    const secondsLeft =
      s.total !== null && s.done > 0 && elapsed >= 1 && s.total >= s.done
        ? Math.round((elapsed * (s.total - s.done)) / s.done)
        : null;
    return { ...s, secondsLeft };
  };

  const grantNext = () => {
    if (writer) return;
    const next = waitingToWrite.shift();
    if (!next) {
      const w = writeWaiters;
      writeWaiters = [];
      for (const r of w) r();
      return;
    }
    writer = next;
    opts.onWriteWindow(true);
    next.port.post({ type: 'write-granted' });
  };

  const releaseWrite = (job: Job) => {
    const queued = waitingToWrite.indexOf(job);
    if (queued >= 0) waitingToWrite.splice(queued, 1);
    if (writer !== job) return;
    writer = null;
    opts.onWriteWindow(false);
    grantNext();
  };

  const prune = () => {
    const finished = [...jobs.values()].filter((j) => j.status.state !== 'running');
    const cutoff = Date.now() - KEEP_RESULT_MS;
    for (const j of finished) if (j.started < cutoff) delete j.status.result;
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(j.status.id);
  };

  let closed = false;
  const launch = (method: string, task: Task): JobStatus => {
    if (closed) throw new LedgerError('FORBIDDEN', '台账已经关闭，不能再开始后台任务。');
    if (task.kind === 'method' && method === 'workbook.import') {
      const other = [...jobs.values()].find((j) => j.status.state === 'running' && j.status.method === method);
      if (other) throw new LedgerError('CONFLICT', '已有一个导入正在进行，请等它完成或取消后再导入。');
    }
    const id = `${Date.now().toString(36)}-${++counter}`;
    const port = opts.spawn();
    let finish!: (s: JobStatus) => void;
    const finished = new Promise<JobStatus>((r) => (finish = r));
    const job: Job = {
      status: {
        id,
        method,
        title: JOB_TITLES[method] ?? method,
        state: 'running',
        phase: '准备',
        done: 0,
        total: null,
        unit: '',
        startedAt: now().toISOString(),
        finishedAt: null,
        secondsLeft: null,
        error: null,
      },
      port,
      started: Date.now(),
      finished,
      finish,
      cancelled: false,
    };
    jobs.set(id, job);
    const end = (state: JobStatus['state'], fields: Partial<JobStatus>) => {
      if (job.status.state !== 'running') return;
      releaseWrite(job);
      job.status = { ...job.status, ...fields, state, finishedAt: now().toISOString() };
      job.finish(snapshot(job));
      prune();
    };
    port.onMessage((m) => {
      if (m.type === 'progress') {
        job.status.done = m.done;
        job.status.total = m.total;
        if (m.phase && m.phase !== job.status.phase && !job.cancelled) {
          // A new phase counts its own pace.
          job.status.phase = m.phase;
          job.started = Date.now();
        }
        if (m.unit) job.status.unit = m.unit;
      } else if (m.type === 'want-write') {
        waitingToWrite.push(job);
        grantNext();
      } else if (m.type === 'write-done') releaseWrite(job);
      else if (m.type === 'result') {
        const env = m.envelope;
        if (env.ok)
          end('done', {
            result: env.value,
            phase: '完成',
            ...(job.status.total !== null ? { done: job.status.total } : {}),
          });
        else
          end(env.error.code === 'CANCELLED' || job.cancelled ? 'cancelled' : 'failed', {
            error:
              env.error.code === 'CANCELLED' || !job.cancelled
                ? env.error
                : { code: 'CANCELLED', message: '已取消，没有保存任何改动。' },
            phase: env.error.code === 'CANCELLED' || job.cancelled ? '已取消' : '失败',
          });
      }
    });
    port.onExit((code, error) => {
      if (job.status.state !== 'running') return;
      if (job.cancelled)
        end('cancelled', { error: { code: 'CANCELLED', message: '已取消，没有保存任何改动。' }, phase: '已取消' });
      else
        end('failed', {
          phase: '失败',
          error: {
            code: 'INTERNAL',
            message: `后台任务意外中止（${error ?? `退出码 ${code}`}），没有保存任何改动。`,
          },
        });
    });
    port.post({ type: 'start', dbPath: opts.dbPath, task, clockOffsetMs: now().getTime() - Date.now() });
    return snapshot(job);
  };

  const manager: JobManager = {
    startMethod(method, input) {
      if (!(JOB_METHODS as readonly string[]).includes(method) || !isMethodName(method))
        throw new LedgerError('INVALID_INPUT', `“${String(method).slice(0, 40)}”不能在后台运行。`);
      const spec = contract[method];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        const issues = toFieldIssues(spec.input, parsed.error);
        throw new LedgerError('INVALID_INPUT', `${spec.title}：${summarize(issues)}`, issues);
      }
      return launch(method, { kind: 'method', method, input });
    },
    startTask(task) {
      const method =
        task.kind === 'backup' ? `backup:${task.backupKind}` : task.kind === 'verify' ? 'audit:start' : task.method;
      return launch(method, task);
    },
    status: (id) => snapshot(get(id)),
    cancel(id) {
      const job = get(id);
      if (job.status.state !== 'running') return snapshot(job);
      job.cancelled = true;
      job.status.phase = '正在取消';
      job.port.post({ type: 'cancel' });
      // A worker deep in a synchronous stretch hears the cancel late; past this it is ended. Its open
      // transaction dies with it, so nothing it wrote stays.
      const t = setTimeout(() => job.port.kill(), opts.killAfterMs ?? 10_000);
      t.unref?.();
      void job.finished.then(() => clearTimeout(t));
      return snapshot(job);
    },
    list: () =>
      [...jobs.values()]
        .map(snapshot)
        .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : b.id.localeCompare(a.id))),
    running: () => [...jobs.values()].filter((j) => j.status.state === 'running').map(snapshot),
    wait: (id) => get(id).finished,
    get writing() {
      return writer !== null;
    },
    writeDone: () =>
      writer || waitingToWrite.length ? new Promise<void>((r) => writeWaiters.push(r)) : Promise.resolve(),
    close() {
      closed = true;
      for (const job of jobs.values()) {
        if (job.status.state !== 'running') continue;
        job.cancelled = true;
        job.status.phase = '正在取消';
        job.port.post({ type: 'cancel' });
        job.port.kill();
      }
    },
  };
  return manager;
}
