// 撤销记录: the ledger's last saved changes, newest first, each with what it was, when and by whom; the
// newest can be undone, and undoing an older one undoes every change after it first (in order).
import { useCallback, useEffect, useState } from 'react';
import type { SavedChange } from '../../../shared/api/changes';
import { api } from '../api';
import { useNotice } from '../components/Notice';
import { undo, useLedgerChanged } from './history';

function when(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  const today = new Date();
  const time = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return d.toDateString() === today.toDateString() ? time : `${d.getMonth() + 1}月${d.getDate()}日 ${time}`;
}

export function UndoHistory() {
  const notify = useNotice();
  const [open, setOpen] = useState(false);
  const [changes, setChanges] = useState<SavedChange[]>([]);
  const load = useCallback(() => {
    api.changes.list({ limit: 50 }).then(setChanges, (e: Error) => notify({ kind: 'error', text: e.message }));
  }, [notify]);
  useLedgerChanged(() => open && load());
  useEffect(() => {
    if (open) load();
  }, [open, load]);

  const pending = changes.filter((c) => !c.undoneAt);
  const undoThrough = async (c: SavedChange) => {
    if (await undo(notify, c.id)) load();
  };

  return (
    <>
      <button
        className="nav-item undo-history-toggle"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        data-testid="undo-history-toggle"
        title="最近保存的修改，可按顺序撤销"
      >
        ↶ 撤销记录
      </button>
      {open && (
        <aside className="undo-history" aria-label="撤销记录" data-testid="undo-history">
          <header>
            <h2>撤销记录</h2>
            <button className="link" onClick={() => setOpen(false)} aria-label="关闭撤销记录">
              ×
            </button>
          </header>
          <p className="muted">
            最近 {changes.length} 次保存的修改，最新的在上面。撤销较早的一项时，它之后的修改会先按顺序撤销。
          </p>
          {changes.length === 0 && <p className="muted">还没有可以撤销的修改。</p>}
          <ol>
            {changes.map((c) => {
              const later = pending.filter((p) => p.id > c.id).length;
              return (
                <li key={c.id} className={c.undoneAt ? 'undone' : ''} data-testid="undo-history-item">
                  <div className="undo-label">{c.label}</div>
                  <div className="undo-meta">
                    {when(c.at)} {c.operator}
                    {c.undoneAt ? ` · 已于 ${when(c.undoneAt)} 撤销` : ''}
                  </div>
                  {!c.undoneAt && (
                    <button onClick={() => void undoThrough(c)} data-testid="undo-history-undo">
                      {later ? `撤销到这里（连同之后 ${later} 项）` : '撤销'}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        </aside>
      )}
    </>
  );
}
