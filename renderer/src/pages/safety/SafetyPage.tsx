// 数据安全: backups (list with dates and what each holds, back up now, restore keeping a copy of the
// current file), the audit check (the chain and every row against its audited state), and year locks.
import { useCallback, useEffect, useState } from 'react';
import {
  BACKUP_KIND_LABELS,
  RESTORE_ACCEPTS,
  type BackupInfo,
  type RestoreAccept,
} from '../../../../shared/api/backup';
import { LedgerError } from '../../../../shared/errors';
import type { VerifyReport } from '../../../../shared/api/audit';
import type { JobStatus } from '../../../../shared/api/jobs';
import type { YearLock } from '../../../../shared/api/years';
import { api } from '../../api';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { JobProgress } from '../../components/JobProgress';
import { useNotice } from '../../components/Notice';
import { isCancelled, useJob } from '../../data/jobs';

/** Times are stored in UTC; the secretary reads them in her own time zone. */
const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function SafetyPage() {
  const notify = useNotice();
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [locks, setLocks] = useState<YearLock[]>([]);
  const [report, setReport] = useState<VerifyReport | null>(null);
  /** The check the program ran in the background at start, while it runs and once it is done. */
  const [startCheck, setStartCheck] = useState<JobStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const backupJob = useJob();
  const verifyJob = useJob();
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [lockYear, setLockYear] = useState(new Date().getFullYear());
  const [reason, setReason] = useState('');

  const load = useCallback(() => {
    api.backups.list({}).then(setBackups, (e: Error) => notify({ kind: 'error', text: e.message }));
    api.years.list({}).then(setLocks, (e: Error) => notify({ kind: 'error', text: e.message }));
  }, [notify]);
  useEffect(load, [load]);

  // The start-up check: shown as it runs, and its findings once it is done.
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = () =>
      api.jobs.list({}).then(
        (jobs) => {
          if (stop) return;
          const s = jobs.find((j) => j.method === 'audit:start') ?? null;
          setStartCheck(s);
          if (s?.state === 'done') setReport((r) => r ?? (s.result as VerifyReport));
          if (s?.state === 'running') timer = setTimeout(poll, 500);
        },
        () => undefined,
      );
    void poll();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, []);

  const run = async (what: () => Promise<string>) => {
    setBusy(true);
    try {
      notify({ kind: 'info', text: await what() });
      load();
    } catch (e) {
      notify({ kind: isCancelled(e) ? 'info' : 'error', text: isCancelled(e) ? '已取消。' : errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const restore = (b: BackupInfo) =>
    setConfirm({
      title: '从备份恢复',
      message: `用 ${when(b.at)} 的备份（${b.counts.records} 条联系记录、${b.counts.cadres} 名干部）替换现在的台账吗？现在的文件会先另存一份，可以再恢复回来。`,
      onConfirm: () => void run(() => restoreFrom(b, [])),
    });

  /**
   * A file of another ledger, or one whose audit trail is broken, is refused with the reason; she may
   * still restore it, but only by a second, separate choice naming that reason (仍要恢复).
   */
  const restoreFrom = async (b: BackupInfo, accept: RestoreAccept[]): Promise<string> => {
    try {
      const r = await api.backups.restore({ path: b.path, ...(accept.length ? { accept } : {}) });
      return `已恢复 ${when(r.backup.at)} 的备份。恢复前的台账另存为：${r.safetyCopy}`;
    } catch (e) {
      const needs = (e instanceof LedgerError ? (e.issues ?? []) : [])
        .map((i) => i.value)
        .filter((v): v is RestoreAccept => (RESTORE_ACCEPTS as readonly string[]).includes(v ?? ''));
      if (!needs.length) throw e;
      const reasons = (e as LedgerError).issues!.filter((i) => i.path[0] === 'accept').map((i) => i.message);
      setConfirm({
        title: '仍要恢复？',
        message:
          `${reasons.join('；')}。` +
          '如果确认要用这个文件替换现在的台账，请选择“仍要恢复”：现在的文件会先另存一份，这次恢复及其原因会另行记录在案。',
        confirmLabel: '仍要恢复',
        onConfirm: () => void run(() => restoreFrom(b, [...new Set([...accept, ...needs])])),
      });
      return '没有恢复，台账未作任何改动。';
    }
  };

  const locked = new Set(locks.map((l) => l.year));

  return (
    <section className="page safety-page" data-testid="safety-page">
      <header className="page-header">
        <h1>数据安全</h1>
      </header>
      <div className="safety-grid">
        <div className="panel">
          <h2>备份</h2>
          <p className="muted">
            程序启动时和使用中每隔几小时自动备份到数据库旁的文件夹，导入和恢复前也会先备份。每个备份都经过完整性检查。
          </p>
          <div className="toolbar">
            <button
              className="primary"
              disabled={busy}
              onClick={() => void run(async () => `已备份：${(await backupJob.run('backups.create', {})).fileName}`)}
              data-testid="backup-now"
            >
              立即备份
            </button>
            {backupJob.status && <JobProgress status={backupJob.status} onCancel={backupJob.cancel} />}
          </div>
          <div className="table-box">
            <table className="plain-table" data-testid="backup-list">
              <thead>
                <tr>
                  <th>时间</th>
                  <th>方式</th>
                  <th>联系记录</th>
                  <th>干部</th>
                  <th>督办</th>
                  <th>状态</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {backups.map((b) => (
                  <tr key={b.path} title={b.path}>
                    <td>{when(b.at)}</td>
                    <td>{BACKUP_KIND_LABELS[b.kind]}</td>
                    <td>{b.counts.records}</td>
                    <td>{b.counts.cadres}</td>
                    <td>{b.counts.followUps}</td>
                    <td>{b.ok ? '完好' : <span className="bad">{b.problem}</span>}</td>
                    <td>
                      <button disabled={busy || !b.ok} onClick={() => restore(b)}>
                        恢复
                      </button>
                    </td>
                  </tr>
                ))}
                {backups.length === 0 && (
                  <tr>
                    <td colSpan={7} className="muted">
                      还没有备份。
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>

        <div className="panel">
          <h2>数据核查</h2>
          <p className="muted">
            逐条核对审计日志的校验链，并把每一行数据与它最后一次经本程序保存时的内容比对，再与备份、年度锁定记录和台账旁保存的日志末条记录对照，找出在本程序之外被改动、添加或删除的数据。
          </p>
          <div className="toolbar">
            <button
              disabled={busy}
              data-testid="verify-now"
              onClick={() =>
                void run(async () => {
                  const r = await verifyJob.run('audit.verify', {});
                  setReport(r);
                  return r.ok
                    ? `核查通过：审计日志 ${r.entries} 条，数据 ${r.rowsChecked} 行，均未发现改动。`
                    : '核查发现问题，见下方列表。';
                })
              }
            >
              开始核查
            </button>
            {verifyJob.status && <JobProgress status={verifyJob.status} onCancel={verifyJob.cancel} />}
          </div>
          {startCheck && !verifyJob.status && (
            <p className="muted" data-testid="start-check">
              {startCheck.state === 'running'
                ? '程序启动后正在后台核查……'
                : startCheck.state === 'done'
                  ? `程序启动时已在后台核查（${when(startCheck.finishedAt ?? startCheck.startedAt)}）。`
                  : `启动时的后台核查没有完成：${startCheck.error?.message ?? ''}`}
            </p>
          )}
          {report && (
            <div data-testid="verify-report">
              <p className={report.ok ? 'good' : 'bad'}>
                {report.ok
                  ? '✓ 未发现在本程序之外的改动。'
                  : `发现 ${report.chainBreaks.length + report.findings.length + report.anchorBreaks.length} 处问题：`}
              </p>
              <ul className="findings">
                {report.chainBreaks.map((b) => (
                  <li key={`c${b.id}`}>
                    审计日志第 {b.id} 条：{b.reason}
                  </li>
                ))}
                {report.findings.map((f) => (
                  <li key={`${f.table}-${f.rowId}-${f.kind}`}>{f.message}</li>
                ))}
                {report.anchorBreaks.map((a, i) => (
                  <li key={`a${i}`}>{a.message}</li>
                ))}
              </ul>
              {report.notes.map((n, i) => (
                <p key={`n${i}`} className="muted">
                  {n}
                </p>
              ))}
            </div>
          )}
        </div>

        <div className="panel">
          <h2>年度锁定</h2>
          <p className="muted">
            年度考核结束后锁定该年度：联系记录、联系点和制度要求都变为只读。解锁必须填写理由，记入审计日志。
          </p>
          <div className="toolbar">
            <label className="field-inline">
              年度
              <input type="number" value={lockYear} onChange={(e) => setLockYear(Number(e.target.value) || lockYear)} />
            </label>
            <label className="field-inline">
              理由
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 220 }}
                placeholder="解锁时必填"
              />
            </label>
            {locked.has(lockYear) ? (
              <button
                disabled={busy}
                onClick={() =>
                  void run(
                    async () => (
                      await api.years.unlock({ year: lockYear, reason }),
                      setReason(''),
                      `已解锁 ${lockYear} 年度。`
                    ),
                  )
                }
              >
                解锁
              </button>
            ) : (
              <button
                className="primary"
                disabled={busy}
                onClick={() =>
                  void run(
                    async () => (
                      await api.years.lock({ year: lockYear, reason }),
                      setReason(''),
                      `已锁定 ${lockYear} 年度。`
                    ),
                  )
                }
                data-testid="lock-year"
              >
                锁定
              </button>
            )}
          </div>
          <ul className="findings">
            {locks.map((l) => (
              <li key={l.year}>
                {l.year} 年度：{when(l.lockedAt)} 由 {l.operator || '（未署名）'} 锁定
                {l.reason ? `（${l.reason}）` : ''}
              </li>
            ))}
            {locks.length === 0 && <li className="muted">没有锁定的年度。</li>}
          </ul>
        </div>
      </div>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}
