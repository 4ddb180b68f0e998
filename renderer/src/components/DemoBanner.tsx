// The demo ledger: a separate file beside hers, filled with a demo university. While it is shown, a band
// above every page says so and leaves it with one click; nothing done in it reaches her own ledger.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useNotice } from './Notice';

/**
 * Opens the demo ledger and shows it. Every page reads afresh from the ledger now shown, so the window
 * reloads rather than each page being told.
 */
export async function enterDemo(): Promise<void> {
  await api.demo.enter({ year: new Date().getFullYear() });
  window.location.reload();
}

export function DemoBanner() {
  const notify = useNotice();
  const [active, setActive] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.demo.status({}).then(
      (s) => setActive(s.active),
      () => setActive(false),
    );
  }, []);

  if (!active) return null;

  const leave = async () => {
    setBusy(true);
    try {
      await api.demo.leave({});
      window.location.reload();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
      setBusy(false);
    }
  };

  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      <strong>演示台账</strong>
      <span>
        这里是一所大学一年的示例数据，与您自己的台账分开保存。在这里新增、修改、删除都不会影响您的台账；退出后演示数据即被删除。
      </span>
      <button className="primary" onClick={() => void leave()} disabled={busy}>
        {busy ? '正在退出…' : '退出演示，回到我的台账'}
      </button>
    </div>
  );
}
