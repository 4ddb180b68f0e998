// Long work in a worker (issue 13, item 5): a job runs a contract method beside the backend, reports how
// far it is, and can be cancelled leaving nothing written; the backend keeps answering meanwhile, and
// its own writes wait for the job's write instead of blocking.
import { describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { demoSheets } from '../../electron/services/demo/index';
import { writeWorkbook } from '../../electron/services/workbook/xlsx';
import type { BackupInfo } from '../../shared/api/backup';
import type { JobStatus } from '../../shared/api/jobs';
import type { ImportResult } from '../../shared/api/workbook';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}
const count = (b: Backend, t: string) =>
  (b.db.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

/** Polls jobs.status as the UI does, collecting what it saw, until the job ends. */
async function follow(b: Backend, id: string, seen: JobStatus[] = []): Promise<JobStatus> {
  for (;;) {
    const s = await call<JobStatus>(b, 'jobs.status', { id });
    seen.push(s);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function workbookBase64(records: number): Promise<string> {
  const base = demoSheets(2026, 1);
  const rows = [];
  for (let i = 0; rows.length < records; i++) {
    const r = base.records[i % base.records.length]!;
    rows.push({ ...r, content: `${String(r.content)}（第${i}条）` });
  }
  return (await writeWorkbook({ ...base, records: rows, followUps: [] })).toString('base64');
}

describe('jobs', () => {
  it('a backup runs as a job: running at once, then done with the backup it made', async () => {
    const b = await openBackend(tempDbPath(dir));
    await call(b, 'units.create', { name: '机械学院' });
    const started = await call<JobStatus>(b, 'jobs.start', { method: 'backups.create', input: {} });
    expect(started).toMatchObject({ state: 'running', title: '备份', method: 'backups.create', error: null });
    const done = await follow(b, started.id);
    expect(done.state).toBe('done');
    expect(done.result as BackupInfo).toMatchObject({ kind: 'manual', ok: true, counts: { units: 1 } });
    expect((await call<JobStatus[]>(b, 'jobs.list', {}))[0]!.id).toBe(started.id);
    b.close();
  });

  it('input is checked before anything starts, in Chinese, and only long methods may run as jobs', async () => {
    const b = await openBackend(tempDbPath(dir));
    expect(
      await b.dispatch('jobs.start', { method: 'workbook.import', input: { fileName: '', dataBase64: '' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('导入台账工作簿') },
    });
    expect(await b.dispatch('jobs.start', { method: 'cadres.delete', input: { id: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(b.jobs.list()).toEqual([]);
    b.close();
  });

  it('an import runs in the worker with its phases reported; the backend answers and writes meanwhile', async () => {
    const b = await openBackend(tempDbPath(dir));
    await call(b, 'rules.applyPreset', { presetId: '002', year: 2026 });
    const dataBase64 = await workbookBase64(5_000);
    const started = await call<JobStatus>(b, 'jobs.start', {
      method: 'workbook.import',
      input: { fileName: '台账.xlsx', dataBase64 },
    });
    // While it runs: reads and writes from the UI are answered (a write waits for the job's write phase).
    const written: string[] = [];
    const seen: JobStatus[] = [];
    const polling = follow(b, started.id, seen);
    for (let i = 0; i < 10; i++) {
      const u = await call<{ name: string }>(b, 'units.create', { name: `导入时新增${i}` });
      written.push(u.name);
      await new Promise((r) => setTimeout(r, 100));
    }
    const done = await polling;
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    const result = done.result as ImportResult;
    expect(result.sheets.find((s) => s.sheet === '联系记录')!.imported).toBe(5_000);
    expect(seen.some((s) => s.phase === '写入' || s.phase === '检查')).toBe(true);
    expect(count(b, 'records')).toBe(5_000);
    const names = new Set(
      (b.db.sqlite.prepare('SELECT name FROM units').all() as { name: string }[]).map((u) => u.name),
    );
    for (const n of written) expect(names.has(n)).toBe(true);
    const report = await call<{ ok: boolean }>(b, 'audit.verify', {});
    expect(report.ok).toBe(true);
    b.close();
  }, 120_000);

  it('a cancelled import leaves nothing written, and the ledger stays writable', async () => {
    const b = await openBackend(tempDbPath(dir));
    await call(b, 'rules.applyPreset', { presetId: '002', year: 2026 });
    const dataBase64 = await workbookBase64(5_000);
    const started = await call<JobStatus>(b, 'jobs.start', {
      method: 'workbook.import',
      input: { fileName: '台账.xlsx', dataBase64 },
    });
    const cancelling = await call<JobStatus>(b, 'jobs.cancel', { id: started.id });
    expect(cancelling.phase).toBe('正在取消');
    const end = await follow(b, started.id);
    expect(end.state, JSON.stringify(end.error)).toBe('cancelled');
    expect(end.error?.message).toContain('已取消');
    for (const t of ['records', 'cadres', 'units', 'contact_objects']) expect(count(b, t), t).toBe(0);
    expect((await b.dispatch('units.create', { name: '之后' })).ok).toBe(true);
    // Cancelling again changes nothing.
    expect((await call<JobStatus>(b, 'jobs.cancel', { id: started.id })).state).toBe('cancelled');
    b.close();
  }, 120_000);

  it('a large workbook (read by its own thread) cancelled while its rows are written leaves nothing written', async () => {
    const b = await openBackend(tempDbPath(dir));
    await call(b, 'rules.applyPreset', { presetId: '002', year: 2026 });
    // 20,000 records pack into more than READER_THREAD.from (1 MB): read by a worker of the job's thread.
    const dataBase64 = await workbookBase64(20_000);
    expect(Buffer.from(dataBase64, 'base64').length).toBeGreaterThan(1024 * 1024);
    const started = await call<JobStatus>(b, 'jobs.start', {
      method: 'workbook.import',
      input: { fileName: '台账.xlsx', dataBase64 },
    });
    // Cancelled once 联系记录 rows have been checked and written, not before.
    for (;;) {
      const s = await call<JobStatus>(b, 'jobs.status', { id: started.id });
      expect(s.state).toBe('running');
      if (s.phase === '检查并写入' && s.done > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await call<JobStatus>(b, 'jobs.cancel', { id: started.id });
    const end = await follow(b, started.id);
    expect(end.state, JSON.stringify(end.error)).toBe('cancelled');
    for (const t of ['records', 'record_cadres', 'cadres', 'units', 'contact_objects']) expect(count(b, t), t).toBe(0);
    expect((await b.dispatch('units.create', { name: '之后' })).ok).toBe(true);
    expect((await call<{ ok: boolean }>(b, 'audit.verify', {})).ok).toBe(true);
    b.close();
  }, 120_000);

  it('a restore is refused while a job runs, naming it', async () => {
    const b = await openBackend(tempDbPath(dir));
    const backup = await call<BackupInfo>(b, 'backups.create', {});
    const started = await call<JobStatus>(b, 'jobs.start', { method: 'audit.verify', input: {} });
    const r = await b.dispatch('backups.restore', { path: backup.path });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('核查审计日志和数据') },
    });
    await follow(b, started.id);
    b.close();
  });
});
