// 公文: pick a type, adjust the fields drafted from the ledger, preview the PDF, save or print it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { DOC_TYPES, type DocType, type DocumentFields, type PlainBlockFields } from '../../../../shared/api/documents';
import { api } from '../../api';
import { useLookups } from '../../data/lookups';
import { useNotice } from '../../components/Notice';
import { PacketButton } from './PacketButton';

type Params = { year: number; from: string; to: string; id: string; cadreId: string; part: 1 | 2; days: number };

const NEEDS: Record<DocType, (keyof Params)[]> = {
  通知: ['year'],
  公示: ['year', 'days'],
  接待日安排: ['from', 'to'],
  通报: ['from', 'to'],
  一览表: ['year', 'part'],
  记录表: ['id', 'cadreId', 'year'],
  督办单: ['id'],
  考核: ['year', 'cadreId'],
};

const LABEL: Record<keyof Params, string> = {
  year: '年度',
  from: '起始日期',
  to: '截止日期',
  id: '编号',
  cadreId: '领导干部',
  part: '一览表',
  days: '公示期（工作日）',
};

const toTsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\n');
const fromTsv = (s: string) =>
  s
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The editable texts of one block: paragraphs, tables as tab-separated rows, form values. */
function BlockEditor({ block, onChange }: { block: PlainBlockFields; onChange: (b: PlainBlockFields) => void }) {
  switch (block.kind) {
    case 'paragraph':
      return <textarea rows={3} value={block.text} onChange={(e) => onChange({ ...block, text: e.target.value })} />;
    case 'heading':
    case 'title':
    case 'centred':
    case 'caption':
      return <input value={block.text} onChange={(e) => onChange({ ...block, text: e.target.value })} />;
    case 'table':
      return (
        <label className="form-field">
          表格（{block.columns.map((c) => c.title).join(' | ')}；每行一条，列间用制表符分隔）
          <textarea
            rows={Math.min(10, block.rows.length + 1)}
            value={toTsv(block.rows)}
            onChange={(e) => onChange({ ...block, rows: fromTsv(e.target.value) })}
          />
        </label>
      );
    case 'form':
      return (
        <div>
          {block.rows.map((row, i) =>
            row.cells.map((cell, j) => (
              <label className="form-field" key={`${i}-${j}`}>
                {cell.label.replace('\n', '')}
                <textarea
                  rows={cell.wide ? 3 : 1}
                  value={cell.value}
                  onChange={(e) => {
                    const rows = block.rows.map((r, ri) =>
                      ri !== i
                        ? r
                        : { cells: r.cells.map((c, ci) => (ci !== j ? c : { ...c, value: e.target.value })) },
                    );
                    onChange({ ...block, rows });
                  }}
                />
              </label>
            )),
          )}
        </div>
      );
    case 'list':
    case 'signatures':
      return (
        <textarea
          rows={Math.min(8, block.items.length)}
          value={block.items.join('\n')}
          onChange={(e) => onChange({ ...block, items: e.target.value.split('\n') })}
        />
      );
  }
}

export function DocumentsPage() {
  const notify = useNotice();
  const [type, setType] = useState<DocType>('通知');
  const [params, setParams] = useState<Params>({
    year: new Date().getFullYear(),
    from: `${new Date().getFullYear()}-01-01`,
    to: `${new Date().getFullYear()}-12-31`,
    id: '',
    cadreId: '',
    part: 1,
    days: 5,
  });
  const [fields, setFields] = useState<DocumentFields | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [fileName, setFileName] = useState('公文.pdf');
  const [busy, setBusy] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  // 领导干部 is chosen by name (or 姓名（单位） for namesakes), as everywhere else in the ledger.
  const { cadreOptions } = useLookups();
  const draftInput = useMemo(() => {
    const input: Record<string, unknown> = { type };
    for (const k of NEEDS[type]) {
      const v = params[k];
      if (v === '' || v === undefined) continue;
      if (k === 'cadreId') input[k] = cadreOptions.find((o) => o.name === String(v).trim())?.id ?? -1;
      else input[k] = k === 'id' || k === 'year' || k === 'days' || k === 'part' ? Number(v) : v;
    }
    return input;
  }, [type, params, cadreOptions]);

  const draft = async () => {
    if (draftInput.cadreId === -1)
      return notify({ kind: 'error', text: `「领导干部」名册中没有“${params.cadreId}”。` });
    setBusy(true);
    try {
      setFields(await api.documents.draft(draftInput as Parameters<typeof api.documents.draft>[0]));
      notify({ kind: 'info', text: '已按台账数据生成草稿，可修改后预览。' });
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const preview = async (f: DocumentFields | null = fields) => {
    if (!f) return;
    setBusy(true);
    try {
      const r = await api.documents.render({ fields: f });
      const bytes = Uint8Array.from(atob(r.pdf), (c) => c.charCodeAt(0));
      setUrl(URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })));
      setFileName(r.fileName);
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const reserve = async () => {
    if (!fields || fields.layout !== 'notice') return;
    try {
      const n = await api.documents.nextNumber({
        year: Number(fields.date.slice(0, 4)),
        docType: fields.type,
        title: fields.title,
        issuedDate: fields.date,
      });
      const next = { ...fields, docNumber: n.number };
      setFields(next);
      notify({ kind: 'info', text: `已登记发文字号 ${n.number}` });
      await preview(next);
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    }
  };

  const save = () => {
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
  };

  const print = () => frame.current?.contentWindow?.print();

  // The editable copy for WPS or Word: same page setup, fonts named by role (documents helper).
  const saveDocx = async () => {
    if (!fields) return;
    setBusy(true);
    try {
      const r = await api.documents.renderDocx({ fields });
      const bytes = Uint8Array.from(atob(r.docx), (c) => c.charCodeAt(0));
      const href = URL.createObjectURL(
        new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }),
      );
      const a = document.createElement('a');
      a.href = href;
      a.download = r.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      notify({ kind: 'info', text: `已保存可编辑的 Word 文件：${r.fileName}` });
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const set = <K extends keyof Params>(k: K, v: Params[K]) => setParams((p) => ({ ...p, [k]: v }));
  const setField = (patch: Partial<DocumentFields>) =>
    setFields((f) => (f ? ({ ...f, ...patch } as DocumentFields) : f));

  return (
    <section className="page documents-page" data-testid="documents-page">
      <header className="page-header">
        <h1>公文</h1>
      </header>
      <div className="toolbar">
        <label className="field-inline">
          文种
          <select
            value={type}
            onChange={(e) => {
              setType(e.target.value as DocType);
              setFields(null);
            }}
            style={{ width: 120 }}
          >
            {DOC_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        {NEEDS[type].map((k) => (
          <label className="field-inline" key={k}>
            {LABEL[k]}
            {k === 'part' ? (
              <select
                value={params.part}
                onChange={(e) => set('part', Number(e.target.value) as 1 | 2)}
                style={{ width: 150 }}
              >
                <option value={1}>附1 校党委班子成员</option>
                <option value={2}>附2 副处级以上干部</option>
              </select>
            ) : (
              <input
                list={k === 'cadreId' ? 'document-cadres' : undefined}
                placeholder={k === 'cadreId' ? '姓名' : k === 'id' ? '记录或督办编号' : undefined}
                type={k === 'from' || k === 'to' ? 'date' : k === 'cadreId' ? 'text' : 'number'}
                value={params[k] as string | number}
                style={{ width: k === 'from' || k === 'to' || k === 'cadreId' ? 140 : 80 }}
                onChange={(e) =>
                  set(
                    k,
                    (k === 'from' || k === 'to' || k === 'id' || k === 'cadreId'
                      ? e.target.value
                      : Number(e.target.value)) as never,
                  )
                }
              />
            )}
          </label>
        ))}
        <datalist id="document-cadres">
          {cadreOptions.map((o) => (
            <option key={o.id} value={o.name} />
          ))}
        </datalist>
        <button onClick={draft} disabled={busy}>
          生成草稿
        </button>
        <button onClick={() => preview()} disabled={busy || !fields}>
          预览
        </button>
        {type === '考核' && <PacketButton year={params.year} />}
        {fields?.layout === 'notice' && (
          <button onClick={reserve} disabled={busy}>
            取号
          </button>
        )}
        <button onClick={save} disabled={!url}>
          保存
        </button>
        <button onClick={saveDocx} disabled={busy || !fields} title="保存为可在 WPS 或 Word 中修改的文件">
          保存为Word
        </button>
        <button onClick={print} disabled={!url}>
          打印
        </button>
      </div>
      <div style={{ display: 'flex', gap: 16, flex: 1, minHeight: 0 }}>
        <div style={{ flex: '0 0 420px', overflow: 'auto' }}>
          {!fields && <p className="muted">选择文种和范围后点“生成草稿”，按台账数据填好各项内容。</p>}
          {fields?.layout === 'notice' && (
            <div>
              {(
                [
                  ['issuerMark', '发文机关标志'],
                  ['docNumber', '发文字号'],
                  ['title', '标题'],
                  ['mainRecipients', '主送机关'],
                  ['signature', '署名'],
                  ['date', '成文日期'],
                  ['printer', '印发机关'],
                  ['printDate', '印发日期'],
                  ['note', '附注'],
                ] as const
              ).map(([k, label]) => (
                <label className="form-field" key={k}>
                  {label}
                  <input
                    value={(fields[k] as string | undefined) ?? ''}
                    onChange={(e) => setField({ [k]: e.target.value })}
                  />
                </label>
              ))}
              <label className="form-field">
                抄送（用顿号分隔）
                <input
                  value={fields.copyTo.join('、')}
                  onChange={(e) => setField({ copyTo: e.target.value.split('、').filter(Boolean) })}
                />
              </label>
              {fields.body.map((b, i) => (
                <div className="form-field" key={i}>
                  <BlockEditor
                    block={b}
                    onChange={(nb) =>
                      setField({ body: fields.body.map((x, j) => (j === i ? nb : x)) as typeof fields.body })
                    }
                  />
                </div>
              ))}
            </div>
          )}
          {fields?.layout === 'plain' && (
            <div>
              <label className="form-field">
                标题
                <input value={fields.title} onChange={(e) => setField({ title: e.target.value })} />
              </label>
              {fields.blocks.slice(0, 60).map((b, i) => (
                <div className="form-field" key={i}>
                  <BlockEditor
                    block={b}
                    onChange={(nb) => setField({ blocks: fields.blocks.map((x, j) => (j === i ? nb : x)) })}
                  />
                </div>
              ))}
              {fields.blocks.length > 60 && (
                <p className="muted">其余 {fields.blocks.length - 60} 项按台账数据生成，不在此编辑。</p>
              )}
            </div>
          )}
        </div>
        <div style={{ flex: 1, minWidth: 0 }}>
          {url ? (
            <iframe
              ref={frame}
              title="公文预览"
              src={url}
              style={{ width: '100%', height: '100%', border: '1px solid #ddd' }}
              data-testid="document-preview"
            />
          ) : (
            <p className="muted">预览在此显示。</p>
          )}
        </div>
      </div>
    </section>
  );
}
