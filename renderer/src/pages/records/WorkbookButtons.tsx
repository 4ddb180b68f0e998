// 导入/导出 Excel: the ledger workbook in and out, and its empty template. Import and export run as jobs
// in the background with their progress and 取消; an import that is refused lists its errors (sheet,
// row, column, value, reason) and changes nothing, and so does one that is cancelled. A value the ledger's
// lists lack (级别 正处, 类型 听客) is never added silently: the user maps it to a listed value, or adds it.
import { useRef, useState } from 'react';
import type { UnknownValue, VocabularyMapping } from '../../../../shared/api/workbook';
import { LedgerError, type FieldIssue } from '../../../../shared/errors';
import { api } from '../../api';
import { JobProgress } from '../../components/JobProgress';
import { useNotice } from '../../components/Notice';
import { isCancelled, useJob } from '../../data/jobs';
import { downloadBase64, fileToBase64 } from '../../grid/download';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function WorkbookButtons({ onImported }: { onImported: () => void }) {
  const notify = useNotice();
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<{ message: string; issues: FieldIssue[]; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob();
  /** The file waiting while the user says what its unknown values are; '' = not chosen yet, '+' = add it. */
  const [asking, setAsking] = useState<{
    file: { fileName: string; dataBase64: string };
    unknown: UnknownValue[];
    choice: string[];
  } | null>(null);

  const download = async (what: 'export' | 'template') => {
    setBusy(true);
    try {
      const f = what === 'export' ? await job.run('workbook.export', {}) : await api.workbook.template({});
      downloadBase64(f.dataBase64, f.fileName, XLSX);
    } catch (e) {
      notify({ kind: isCancelled(e) ? 'info' : 'error', text: isCancelled(e) ? '已取消导出。' : (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const data = { fileName: file.name, dataBase64: await fileToBase64(file) };
      const unknown = await api.workbook.unknownValues(data);
      if (unknown.length) setAsking({ file: data, unknown, choice: unknown.map(() => '') });
      else await runImport(data, []);
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  /** Adds the values the user chose to add, then imports with the others mapped. */
  const answer = async () => {
    if (!asking) return;
    setBusy(true);
    try {
      const mappings: VocabularyMapping[] = [];
      for (const [i, u] of asking.unknown.entries()) {
        const c = asking.choice[i]!;
        if (c === '+') await api.vocabulary.add({ list: u.list, name: u.value });
        else mappings.push({ list: u.list, from: u.value, to: c });
      }
      const file = asking.file;
      setAsking(null);
      await runImport(file, mappings);
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const runImport = async (file: { fileName: string; dataBase64: string }, mappings: VocabularyMapping[]) => {
    try {
      const r = await job.run('workbook.import', { ...file, ...(mappings.length ? { mappings } : {}) });
      const added = r.sheets.filter((s) => s.imported > 0).map((s) => `${s.sheet} ${s.imported} 行`);
      const skipped = r.sheets.reduce((n, s) => n + s.skipped, 0);
      notify({
        kind: 'info',
        text: `已导入“${file.fileName}”：${added.join('、') || '没有新数据'}${skipped ? `；${skipped} 行已在台账中，未重复导入` : ''}。`,
      });
      onImported();
    } catch (e) {
      if (isCancelled(e)) notify({ kind: 'info', text: `已取消导入“${file.fileName}”，台账没有任何改动。` });
      else if (e instanceof LedgerError && e.issues?.length)
        setErrors({ message: e.message, issues: e.issues, total: e.issueTotal ?? e.issues.length });
      else notify({ kind: 'error', text: (e as Error).message });
    }
  };

  return (
    <>
      <button onClick={() => input.current?.click()} disabled={busy} data-testid="workbook-import">
        {job.status?.method === 'workbook.import' ? '正在导入…' : '导入 Excel'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".xlsx"
        hidden
        onChange={(e) => void importFile(e.target.files?.[0])}
        data-testid="workbook-file"
      />
      <button onClick={() => void download('export')} disabled={busy} data-testid="workbook-export">
        导出 Excel
      </button>
      <button onClick={() => void download('template')} data-testid="workbook-template">
        导入模板
      </button>
      {job.status && <JobProgress status={job.status} onCancel={job.cancel} />}
      {asking && (
        <div className="modal-backdrop">
          <div className="modal import-errors" role="dialog" aria-modal="true" aria-labelledby="import-map-title">
            <h2 id="import-map-title">文件中有 {asking.unknown.length} 个值不在本单位的列表中</h2>
            <p>请为每个值选择它在本台账中对应的值，或把它添加为新的一项。选好后才会导入；取消则什么都不导入。</p>
            <div className="error-table-box">
              <table className="error-table" data-testid="import-mapping">
                <thead>
                  <tr>
                    <th>所在列</th>
                    <th>文件中的值</th>
                    <th>行数</th>
                    <th>对应到</th>
                  </tr>
                </thead>
                <tbody>
                  {asking.unknown.map((u, i) => (
                    <tr key={`${u.list}-${u.value}`}>
                      <td>{u.where}</td>
                      <td>{u.value}</td>
                      <td>{u.rows}</td>
                      <td>
                        <select
                          aria-label={`“${u.value}”对应到`}
                          value={asking.choice[i]}
                          onChange={(e) =>
                            setAsking({
                              ...asking,
                              choice: asking.choice.map((c, j) => (j === i ? e.target.value : c)),
                            })
                          }
                        >
                          <option value="">（请选择）</option>
                          {u.allowed.map((a) => (
                            <option key={a} value={a}>
                              {a}
                            </option>
                          ))}
                          <option value="+">
                            添加为新的{u.label}“{u.value}”
                          </option>
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="modal-buttons">
              <button onClick={() => setAsking(null)}>取消导入</button>
              <button
                className="primary"
                disabled={busy || asking.choice.some((c) => c === '')}
                onClick={() => void answer()}
              >
                按所选对应后导入
              </button>
            </div>
          </div>
        </div>
      )}
      {errors && (
        <div className="modal-backdrop">
          <div className="modal import-errors" role="dialog" aria-modal="true" aria-labelledby="import-errors-title">
            <h2 id="import-errors-title">导入未完成：文件中有 {errors.total} 处错误</h2>
            <p>
              为避免台账数据不完整，本次没有导入任何数据。请在 Excel 中改正
              {errors.total > errors.issues.length ? `以下前 ${errors.issues.length} 处及其余同类错误` : '以下各处'}
              后重新导入。
            </p>
            <div className="error-table-box">
              <table className="error-table" data-testid="import-errors">
                <thead>
                  <tr>
                    <th>工作表</th>
                    <th>行</th>
                    <th>列</th>
                    <th>内容</th>
                    <th>原因</th>
                  </tr>
                </thead>
                <tbody>
                  {errors.issues.map((i, n) => (
                    <tr key={n}>
                      <td>{i.sheet ?? ''}</td>
                      <td>{i.row ?? ''}</td>
                      <td>{i.field}</td>
                      <td>{i.value ?? ''}</td>
                      <td>{i.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="modal-buttons">
              <button className="primary" onClick={() => setErrors(null)} autoFocus>
                知道了
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
