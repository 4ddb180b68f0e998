// An empty ledger greets a new user with the ways to begin. Demo data is offered, never forced, and only
// while the ledger has no cadres and no records.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useNotice } from './Notice';

export function Welcome({ onFilled }: { onFilled: () => void }) {
  const notify = useNotice();
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem('ledger-welcome') === 'closed');

  useEffect(() => {
    api.system.info({}).then(
      (i) => setEmpty((i.counts.cadres ?? 0) === 0 && (i.counts.records ?? 0) === 0),
      () => setEmpty(false),
    );
  }, []);

  if (!empty || dismissed) return null;

  const close = () => {
    sessionStorage.setItem('ledger-welcome', 'closed');
    setDismissed(true);
  };

  const demo = async () => {
    setBusy(true);
    try {
      const r = await api.demo.generate({});
      notify({
        kind: 'info',
        text: `已载入示例数据：${r.cadres} 名干部、${r.contactObjects} 个联系对象、${r.assignments} 个联系点、${r.records} 条联系记录、${r.followUps} 件督办事项。`,
      });
      setEmpty(false);
      onFilled();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="welcome" role="region" aria-label="开始使用" data-testid="welcome">
      <h2>欢迎使用联系群众工作台账</h2>
      <p>这是一个空台账。可以这样开始：</p>
      <ol>
        <li>在“人员与单位”中添加单位、干部和联系对象，或点“导入模板”下载 Excel 模板，填好后“导入 Excel”；</li>
        <li>在“联系点”中安排本年度的联系点；</li>
        <li>在“台账”中点“新增记录”（Alt+N）登记每一次联系。</li>
      </ol>
      <p className="muted">
        想先看看填好的台账是什么样子？可以载入一所大学一年的示例数据（按河南理工大学制度），随时可以换成正式数据文件。
      </p>
      <div className="modal-buttons">
        <button onClick={close}>不用了</button>
        <button className="primary" onClick={() => void demo()} disabled={busy} data-testid="welcome-demo">
          {busy ? '正在生成…' : '载入示例数据'}
        </button>
      </div>
    </div>
  );
}
