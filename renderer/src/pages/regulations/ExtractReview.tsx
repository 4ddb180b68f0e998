// 读取制度全文: the secretary pastes her regulation (or picks a .txt / .docx), the program proposes its rules;
// the text on the left with each duty it found marked, the proposals on the right as sentences she accepts,
// edits (in the same rule form as 制度) or rejects, and the sentences it could not read listed for her.
import { useMemo, useRef, useState } from 'react';
import type { ExtractionOut, ProposalOut } from '../../../../shared/api/extract';
import { describeRule } from '../../../../shared/rules/describe';
import type { Rule } from '../../../../shared/rules/schema';
import { api } from '../../api';
import { ledgerChanged } from '../../grid/history';
import type { Draft } from './draft';
import { RuleEditor } from './RuleEditor';

type Verdict = 'open' | 'accepted' | 'rejected';
interface Item {
  proposal: ProposalOut;
  rule: Rule;
  verdict: Verdict;
  edited: boolean;
}

/** Text of a .txt file: UTF-8, or GB18030 as Windows Notepad saves Chinese. */
function decode(bytes: ArrayBuffer): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (!utf8.includes('\ufffd')) return utf8.replace(/^\ufeff/, '');
  try {
    return new TextDecoder('gb18030').decode(bytes);
  } catch {
    return utf8;
  }
}

function base64(bytes: ArrayBuffer): string {
  const b = new Uint8Array(bytes);
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

export function ExtractReview(props: { year: number; onClose: () => void; onSaved: (message: string) => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [result, setResult] = useState<ExtractionOut | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const read = async (input: { text?: string; docx?: string; fileName?: string }) => {
    setBusy(true);
    setError('');
    try {
      const x = await api.extract.read(input);
      setResult(x);
      setItems(x.proposals.map((p) => ({ proposal: p, rule: p.rule, verdict: 'open', edited: false })));
      setName(x.title || fileName.replace(/\.(txt|docx)$/i, ''));
      setCode(x.code);
      setSelected(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const pick = async (file: File) => {
    setFileName(file.name);
    const bytes = await file.arrayBuffer();
    if (/\.docx$/i.test(file.name)) await read({ docx: base64(bytes), fileName: file.name });
    else {
      const t = decode(bytes);
      setText(t);
      await read({ text: t, fileName: file.name });
    }
  };

  const set = (i: number, patch: Partial<Item>) => setItems(items.map((it, k) => (k === i ? { ...it, ...patch } : it)));
  const accepted = items.filter((it) => it.verdict === 'accepted');
  const sureOpen = items.filter((it) => it.verdict === 'open' && it.proposal.sure).length;

  /** The regulation's text cut into plain runs and marked runs (each found duty, each sentence not read). */
  const runs = useMemo(() => {
    if (!result) return [];
    const marks = [
      ...items.map((it, i) => ({ start: it.proposal.span.start, end: it.proposal.span.end, i, unread: false })),
      ...result.unread.map((u) => ({ start: u.span.start, end: u.span.end, i: -1, unread: true })),
    ].sort((a, b) => a.start - b.start);
    const out: { text: string; mark?: { i: number; unread: boolean } }[] = [];
    let at = 0;
    for (const m of marks) {
      if (m.start < at) continue;
      if (m.start > at) out.push({ text: result.text.slice(at, m.start) });
      out.push({ text: result.text.slice(m.start, m.end), mark: { i: m.i, unread: m.unread } });
      at = m.end;
    }
    if (at < result.text.length) out.push({ text: result.text.slice(at) });
    return out;
  }, [result, items]);

  const save = async () => {
    setBusy(true);
    setError('');
    try {
      const r = await api.extract.apply({
        year: props.year,
        name,
        code,
        rules: accepted.map((it) => ({ ...it.rule, clause: it.rule.clause || it.proposal.clause })),
        // The text is kept with the regulation: each rule beside the words it came from on 制度, and the
        // sentences she did not turn into rules listed there with why.
        source: {
          text: result!.text,
          fileName,
          spans: accepted.map((it) => ({ clause: it.proposal.clause, ...it.proposal.span })),
          unwritten: [
            ...result!.unread.map((u) => ({ clause: u.clause, ...u.span, reason: u.reason })),
            ...items
              .filter((it) => it.verdict !== 'accepted')
              .map((it) => ({
                clause: it.proposal.clause,
                ...it.proposal.span,
                reason: it.verdict === 'rejected' ? '读出的要求未采纳' : '读出的要求未审阅，未存入',
              })),
          ].sort((a, b) => a.start - b.start),
        },
      });
      // Other open pages (统计考核, 公文) read the year's rules too.
      ledgerChanged();
      props.onSaved(`已存入制度《${name}》${r.rules} 条要求（${props.year}年度）。`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!result) {
    return (
      <section className="extract-review" aria-label="读取制度全文">
        <header className="page-header">
          <h2>读取制度全文</h2>
          <button onClick={props.onClose}>关闭</button>
        </header>
        <p className="muted">
          把本单位联系群众制度的全文粘贴到下面，或选择 .txt、.docx 文件。程序会找出其中每一项要求，逐条请您确认。
        </p>
        <textarea
          aria-label="制度全文"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={16}
          style={{ width: '100%' }}
          placeholder="在此粘贴制度全文"
        />
        <div className="toolbar">
          <button disabled={busy || !text.trim()} onClick={() => read({ text, fileName })}>
            读取
          </button>
          <button disabled={busy} onClick={() => fileRef.current?.click()}>
            选择文件…
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".txt,.docx"
            aria-label="制度文件"
            style={{ display: 'none' }}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void pick(f);
              e.target.value = '';
            }}
          />
          {busy && <span className="muted">正在读取…</span>}
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="extract-review" aria-label="读取制度全文">
      <header className="page-header">
        <h2>审阅读出的要求</h2>
        <span className="muted">
          共 {items.length} 条，已采纳 {accepted.length} 条，不采纳{' '}
          {items.filter((it) => it.verdict === 'rejected').length} 条；{result.unread.length} 处需手工填写
        </span>
        <button onClick={() => setResult(null)}>重新读取</button>
        <button onClick={props.onClose}>关闭</button>
      </header>
      <div className="toolbar">
        <label className="field-inline">
          制度名称
          <input aria-label="制度名称" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 360 }} />
        </label>
        <label className="field-inline">
          发文字号
          <input aria-label="发文字号" value={code} onChange={(e) => setCode(e.target.value)} style={{ width: 180 }} />
        </label>
        <button
          disabled={!sureOpen}
          onClick={() =>
            setItems(
              items.map((it) => (it.verdict === 'open' && it.proposal.sure ? { ...it, verdict: 'accepted' } : it)),
            )
          }
        >
          采纳全部有把握的（{sureOpen}条）
        </button>
        <button className="primary" disabled={busy || !accepted.length || !name.trim()} onClick={() => void save()}>
          存入{props.year}年度（{accepted.length}条）
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="extract-columns" style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <div
          className="extract-text"
          aria-label="制度原文"
          style={{ flex: 1, whiteSpace: 'pre-wrap', maxHeight: '70vh', overflow: 'auto', lineHeight: 1.8 }}
        >
          {runs.map((r, k) =>
            r.mark ? (
              <mark
                key={k}
                data-testid={r.mark.unread ? 'unread-mark' : 'found-mark'}
                className={r.mark.unread ? 'mark-unread' : r.mark.i === selected ? 'mark-selected' : 'mark-found'}
                style={{
                  background: r.mark.unread ? '#fde2e2' : r.mark.i === selected ? '#ffe08a' : '#e3f0ff',
                  cursor: r.mark.unread ? 'default' : 'pointer',
                }}
                onClick={() => {
                  if (r.mark && !r.mark.unread) {
                    setSelected(r.mark.i);
                    document.getElementById(`proposal-${r.mark.i}`)?.scrollIntoView({ block: 'nearest' });
                  }
                }}
              >
                {r.text}
              </mark>
            ) : (
              <span key={k}>{r.text}</span>
            ),
          )}
        </div>
        <div style={{ flex: 1, maxHeight: '70vh', overflow: 'auto' }}>
          <ol className="proposal-list" aria-label="读出的要求">
            {items.map((it, i) => (
              <li
                key={i}
                id={`proposal-${i}`}
                data-verdict={it.verdict}
                className={`proposal ${i === selected ? 'selected' : ''}`}
                onClick={() => setSelected(i)}
                style={{
                  borderLeft: `4px solid ${it.verdict === 'accepted' ? '#2e7d32' : it.verdict === 'rejected' ? '#999' : '#1565c0'}`,
                  padding: '6px 8px',
                  marginBottom: 8,
                  opacity: it.verdict === 'rejected' ? 0.6 : 1,
                }}
              >
                <div>
                  <strong>[{it.proposal.clause}]</strong> {describeRule(it.rule)}
                </div>
                <div className="muted">
                  {it.proposal.sure ? '有把握' : '请核对'}（把握度 {Math.round(it.proposal.confidence * 100)}%）
                  {it.edited ? '，已修改' : ''}
                  {it.verdict === 'accepted' ? '，已采纳' : it.verdict === 'rejected' ? '，不采纳' : ''}
                </div>
                {it.proposal.notes.map((n) => (
                  <div key={n} className="muted">
                    说明：{n}
                  </div>
                ))}
                <div className="toolbar">
                  <button onClick={() => set(i, { verdict: 'accepted' })}>采纳</button>
                  <button onClick={() => setEditing(i)}>修改</button>
                  <button onClick={() => set(i, { verdict: 'rejected' })}>不采纳</button>
                </div>
              </li>
            ))}
          </ol>
          {result.unread.length > 0 && (
            <section aria-label="需手工填写">
              <h3>以下句子像是要求，但未能读成规则，请在“制度”中手工添加</h3>
              <ul>
                {result.unread.map((u, k) => (
                  <li key={k} data-testid="unread">
                    <strong>[{u.clause}]</strong> {u.text.replace(/\s+/g, '')}
                    <div className="muted">{u.reason}</div>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
      {editing !== null && (
        <RuleEditor
          target={{ body: structuredClone(items[editing]!.rule) as Draft, regulationId: null, heading: '编辑要求' }}
          year={props.year}
          regulations={[]}
          onCancel={() => setEditing(null)}
          onSaved={() => setEditing(null)}
          onSaveBody={(body: Rule) => {
            set(editing, { rule: body, edited: true, verdict: 'accepted' });
            setEditing(null);
          }}
        />
      )}
    </section>
  );
}
