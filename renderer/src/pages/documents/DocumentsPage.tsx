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
  // What the preview shows, and the exact fields it was made from: 保存 and 打印 hand over these bytes,
  // made again from the form first when the form changed since, so what is saved is what is shown.
  const [shown, setShown] = useState<{ url: string; fileName: string; fields: DocumentFields } | null>(null);
  // The 发文字号 reserved in the register for the document in the form (a draft only shows the next free one).
  const [reserved, setReserved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const printWhenLoaded = useRef(false);

  useEffect(
    () => () => {
      if (shown) URL.revokeObjectURL(shown.url);
    },
    [shown],
  );

  /** A new document in the form: nothing of the previous one stays shown, saved or numbered. */
  const startDocument = (f: DocumentFields | null) => {
    setFields(f);
    setShown(null);
    setReserved(null);
  };

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
      startDocument(await api.documents.draft(draftInput as Parameters<typeof api.documents.draft>[0]));
      notify({ kind: 'info', text: '已按台账数据生成草稿，可修改后预览。' });
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const render = async (f: DocumentFields) => {
    const r = await api.documents.render({ fields: f });
    const bytes = Uint8Array.from(atob(r.pdf), (c) => c.charCodeAt(0));
    const next = {
      url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })),
      fileName: r.fileName,
      fields: f,
    };
    setShown(next);
    return next;
  };

  const preview = async () => {
    if (!fields) return;
    setBusy(true);
    try {
      await render(fields);
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  /** Reserves the document's own 发文字号 unless it has one; returns the fields carrying it. */
  const numbered = async (f: DocumentFields): Promise<DocumentFields> => {
    if (f.layout !== 'notice' || (reserved !== null && f.docNumber === reserved)) return f;
    const n = await api.documents.nextNumber({
      year: Number(f.date.slice(0, 4)),
      docType: f.type,
      title: f.title,
      issuedDate: f.date,
    });
    const next = { ...f, docNumber: n.number };
    setReserved(n.number);
    setFields(next);
    notify({ kind: 'info', text: `已登记发文字号 ${n.number}` });
    return next;
  };

  const reserve = async () => {
    if (!fields) return;
    setBusy(true);
    try {
      await render(await numbered(fields));
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  /** The document as it will leave the program: numbered, and shown exactly as saved or printed. */
  const final = async () => {
    if (!fields) return null;
    const f = await numbered(fields);
    return shown && shown.fields === f ? { ...shown, fresh: false } : { ...(await render(f)), fresh: true };
  };

  const save = async () => {
    setBusy(true);
    try {
      const d = await final();
      if (!d) return;
      const a = document.createElement('a');
      a.href = d.url;
      a.download = d.fileName;
      a.click();
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const print = async () => {
    setBusy(true);
    try {
      const d = await final();
      if (!d) return;
      // A preview made just now is printed once the frame has loaded it, never the one before.
      if (d.fresh) printWhenLoaded.current = true;
      else frame.current?.contentWindow?.print();
    } catch (e) {
      notify({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const frameLoaded = () => {
    if (!printWhenLoaded.current) return;
    printWhenLoaded.current = false;
    frame.current?.contentWindow?.print();
  };

  // The editable copy for WPS or Word: same page setup, fonts named by role (documents helper).
  const saveDocx = async () => {
    if (!fields) return;
    setBusy(true);
    try {
      // A Word copy leaves the program too: it carries the document's own reserved number.
      const r = await api.documents.renderDocx({ fields: await numbered(fields) });
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
              startDocument(null);
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
        <button onClick={() => void preview()} disabled={busy || !fields}>
          预览
        </button>
        {type === '考核' && <PacketButton year={params.year} />}
        {fields?.layout === 'notice' && reserved === null && (
          <button onClick={() => void reserve()} disabled={busy}>
            取号
          </button>
        )}
        <button onClick={() => void save()} disabled={busy || !fields}>
          保存
        </button>
        <button onClick={() => void saveDocx()} disabled={busy || !fields} title="保存为可在 WPS 或 Word 中修改的文件">
          保存为Word
        </button>
        <button onClick={() => void print()} disabled={busy || !fields}>
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
              ).map(([k, label]) =>
                // The number comes only from the register (取号, or by itself on 保存/打印), never typed,
                // so two documents never carry the same one.
                k === 'docNumber' ? (
                  <label className="form-field" key={k}>
                    {reserved === null ? '发文字号（尚未登记，保存或打印时自动取号）' : '发文字号（已登记）'}
                    <input value={fields.docNumber} readOnly data-testid="doc-number" />
                  </label>
                ) : (
                  <label className="form-field" key={k}>
                    {label}
                    <input
                      value={(fields[k] as string | undefined) ?? ''}
                      onChange={(e) => setField({ [k]: e.target.value })}
                    />
                  </label>
                ),
              )}
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
        <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          {shown && fields && shown.fields !== fields && (
            <p className="muted" data-testid="preview-stale">
              左侧内容已修改，预览尚未更新；保存或打印时先按修改后的内容重新生成。
            </p>
          )}
          {shown ? (
            <iframe
              ref={frame}
              title="公文预览"
              src={shown.url}
              onLoad={frameLoaded}
              style={{ width: '100%', flex: 1, border: '1px solid #ddd' }}
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
