// The progress of a job while it runs: what it is doing, how far (done / total), the time left, and 取消.
import type { JobStatus } from '../../../shared/api/jobs';

function timeLeft(seconds: number): string {
  if (seconds < 60) return `约 ${Math.max(1, seconds)} 秒`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `约 ${m} 分钟` : `约 ${Math.floor(m / 60)} 小时 ${m % 60} 分钟`;
}

const count = (n: number) => Math.round(n).toLocaleString('zh-CN');

export function JobProgress({ status, onCancel }: { status: JobStatus; onCancel: () => void }) {
  const { total, done } = status;
  const known = total !== null && total > 0;
  const percent = known ? Math.min(100, Math.floor((done / total) * 100)) : null;
  const cancelling = status.phase === '正在取消';
  return (
    <div className="job-progress" role="status" aria-live="polite" data-testid="job-progress">
      <div className="job-progress-line">
        <strong>{status.title}</strong>
        <span>{status.phase}</span>
        {known && (
          <span data-testid="job-count">
            {count(done)} / {count(total)} {status.unit}
          </span>
        )}
        {status.secondsLeft !== null && !cancelling && <span>剩余{timeLeft(status.secondsLeft)}</span>}
        <button onClick={onCancel} disabled={cancelling || status.state !== 'running'} data-testid="job-cancel">
          {cancelling ? '正在取消…' : '取消'}
        </button>
      </div>
      <div
        className={`job-bar${percent === null ? ' job-bar-unknown' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent !== null ? { 'aria-valuenow': percent } : {})}
      >
        <div style={{ width: percent === null ? '30%' : `${percent}%` }} />
      </div>
    </div>
  );
}
