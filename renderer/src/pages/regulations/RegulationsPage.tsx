// 制度: the ledger's rules of a year as sentences, grouped by regulation, with their clause and preset; any rule
// created, copied, edited, switched off or deleted through the rule editor; rules that match no cadre or name a
// value no list holds shown with a warning; presets loaded, a year's rules copied to the next.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RegulationSourceOut } from '../../../../shared/api/extract';
import type { PresetSummary, Regulation, StoredRule } from '../../../../shared/api/rules';
import type { RuleWarning } from '../../../../shared/api/vocabulary';
import { api } from '../../api';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { useNotice } from '../../components/Notice';
import { KIND_OPTIONS, newRule, type Draft } from './draft';
import { ExtractReview } from './ExtractReview';
import { RuleEditor, type EditorTarget } from './RuleEditor';

const KIND: Record<string, string> = Object.fromEntries(KIND_OPTIONS.map((k) => [k.kind, k.label]));

export function RegulationsPage() {
  const notify = useNotice();
  const [year, setYear] = useState(new Date().getFullYear());
  const [years, setYears] = useState<number[]>([]);
  const [rules, setRules] = useState<StoredRule[]>([]);
  const [regs, setRegs] = useState<Regulation[]>([]);
  const [presets, setPresets] = useState<PresetSummary[]>([]);
  const [warnings, setWarnings] = useState<RuleWarning[]>([]);
  const [preset, setPreset] = useState('');
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [newReg, setNewReg] = useState<{ name: string; code: string; error: string } | null>(null);
  const [reading, setReading] = useState(false);
  // What 统计考核 says of a rule as a whole (a deadline rule no 督办事项 of the year falls under), by rule id.
  const [notices, setNotices] = useState<Map<number, string>>(new Map());
  const [sources, setSources] = useState<Map<number, RegulationSourceOut>>(new Map());

  const load = useCallback(async () => {
    try {
      const [r, y, g, p, w, src] = await Promise.all([
        api.rules.list({ year }),
        api.rules.years({}),
        api.rules.regulations({}),
        api.rules.presets({}),
        api.vocabulary.checkRules({ year }),
        api.extract.sources({}),
      ]);
      setSources(new Map(src.map((x) => [x.regulationId, x])));
      setRules(r);
      setYears(y);
      setRegs(g);
      setPresets(p);
      setWarnings(w);
      const judged = await api.evaluation.rules({ selection: { year } });
      setNotices(new Map(judged.rules.flatMap((i) => (i.notice ? [[i.id, i.notice] as const] : []))));
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  }, [year, notify]);
  useEffect(() => {
    void load();
  }, [load]);

  const groups = useMemo(
    () => regs.map((g) => ({ reg: g, rules: rules.filter((r) => r.regulationId === g.id) })),
    [regs, rules],
  );
  const warningsOf = useMemo(() => {
    const m = new Map<number, RuleWarning[]>();
    for (const w of warnings) m.set(w.ruleId, [...(m.get(w.ruleId) ?? []), w]);
    return m;
  }, [warnings]);
  const yearOptions = [...new Set([...years, year, year + 1])].sort();

  const run = async (what: () => Promise<string>) => {
    try {
      notify({ kind: 'info', text: await what() });
      await load();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  };

  const openNew = (regulationId: number | null) =>
    setEditing({ body: newRule('frequency'), regulationId, heading: '新增要求' });
  const openEdit = (r: StoredRule) =>
    setEditing({
      id: r.id,
      body: structuredClone(r.body) as Draft,
      regulationId: r.regulationId,
      heading: `编辑要求 ${r.code}`,
    });
  const openCopy = (r: StoredRule) => {
    const body = structuredClone(r.body) as Draft;
    delete body.id;
    body.title = `${r.title}（副本）`;
    setEditing({ body, regulationId: r.regulationId, heading: `复制要求 ${r.code}` });
  };

  return (
    <section className="page regulations-page">
      <header className="page-header">
        <h1>制度</h1>
        <label className="field-inline">
          年度
          <select aria-label="年度" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {yearOptions.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          共 {rules.length} 条要求，启用 {rules.filter((r) => r.enabled).length} 条
        </span>
      </header>
      <div className="toolbar">
        <button
          className="primary"
          onClick={() => openNew(regs.length === 1 ? regs[0]!.id : null)}
          disabled={!regs.length}
        >
          新增要求
        </button>
        <button onClick={() => setNewReg({ name: '', code: '', error: '' })}>新建制度</button>
        <button onClick={() => setReading(true)}>读取制度全文…</button>
        <span className="toolbar-sep" />
        <label className="field-inline">
          制度预设
          <select
            aria-label="制度预设"
            value={preset}
            onChange={(e) => setPreset(e.target.value)}
            style={{ width: 320 }}
          >
            <option value="">（选择预设）</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id} disabled={p.applied}>
                {p.id} {p.name}（{p.ruleCount}条）{p.applied ? ' — 已载入' : ''}
              </option>
            ))}
          </select>
        </label>
        <button
          disabled={!preset}
          onClick={() =>
            run(async () => {
              const r = await api.rules.applyPreset({ presetId: preset, year });
              setPreset('');
              return `已载入制度预设 ${preset}，${year}年度共 ${r.rules} 条要求。`;
            })
          }
        >
          载入预设
        </button>
        <button
          disabled={!rules.length}
          onClick={() =>
            run(async () => {
              const r = await api.rules.copyYear({ from: year, to: year + 1 });
              return `已把${year}年度的 ${r.copied} 条要求复制到${year + 1}年度。`;
            })
          }
        >
          复制到{year + 1}年度
        </button>
      </div>
      {reading && (
        <ExtractReview
          year={year}
          onClose={() => setReading(false)}
          onSaved={(message) => {
            setReading(false);
            notify({ kind: 'info', text: message });
            void load();
          }}
        />
      )}
      {warnings.length > 0 && (
        <p className="rule-warning-summary" role="status" data-testid="rule-warning-summary">
          ⚠ {new Set(warnings.map((w) => w.ruleId)).size}条要求与名册或词汇对不上，见下方标有 ⚠ 的要求。
        </p>
      )}
      <div className="rule-groups">
        {!regs.length && (
          <p className="muted">{year}年度还没有制度。可从制度预设载入，或点“新建制度”后逐条新增要求。</p>
        )}
        {groups.map(({ reg, rules: list }) => {
          const source = sources.get(reg.id);
          const sourceOf = new Map(source?.rules.map((x) => [x.code, x]));
          return (
            <section key={reg.id} className="rule-group" data-regulation={reg.name}>
              <h2>
                《{reg.name}》
                <span className="muted">
                  {reg.code}
                  {reg.presetId ? `\u3000来自预设 ${reg.presetId}` : '\u3000自定义'}
                </span>
                <button className="link" onClick={() => openNew(reg.id)}>
                  在此制度下新增要求
                </button>
              </h2>
              {!list.length && <p className="muted">{year}年度这个制度还没有要求。</p>}
              {list.length > 0 && (
                <table className="rule-table" data-testid="rule-table">
                  <thead>
                    <tr>
                      <th style={{ width: 80 }}>编号</th>
                      <th style={{ width: 110 }}>条款</th>
                      <th>要求</th>
                      <th style={{ width: 56 }}>类型</th>
                      <th style={{ width: 100 }}>承办部门</th>
                      <th style={{ width: 48 }}>启用</th>
                      <th style={{ width: 128 }} />
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((r) => {
                      const warn = warningsOf.get(r.id);
                      return (
                        <tr key={r.id} className={r.enabled ? '' : 'rule-disabled'} data-code={r.code}>
                          <td>{r.code}</td>
                          <td>{r.clause}</td>
                          <td>
                            {r.description}
                            {sourceOf.has(r.code) && (
                              <div className="rule-source muted" data-testid="rule-source">
                                原文（{sourceOf.get(r.code)!.clause}）：{sourceOf.get(r.code)!.text.replace(/\s+/g, '')}
                              </div>
                            )}
                            {warn?.map((w, i) => (
                              <div key={i} className="rule-warning" data-testid="rule-warning">
                                ⚠ {w.message}
                              </div>
                            ))}
                            {notices.has(r.id) && (
                              <div className="rule-warning" data-testid="rule-notice" data-notice-for={r.code}>
                                ※ {notices.get(r.id)}
                              </div>
                            )}
                          </td>
                          <td>{KIND[r.kind] ?? r.kind}</td>
                          <td>{r.department}</td>
                          <td>
                            <input
                              type="checkbox"
                              aria-label={`启用 ${r.code}`}
                              checked={r.enabled}
                              onChange={(e) =>
                                run(async () => {
                                  await api.rules.setEnabled({ id: r.id, enabled: e.target.checked });
                                  return `已${e.target.checked ? '启用' : '停用'}“${r.title}”。`;
                                })
                              }
                            />
                          </td>
                          <td className="row-actions">
                            <button className="link" onClick={() => openEdit(r)}>
                              编辑
                            </button>
                            <button className="link" onClick={() => openCopy(r)}>
                              复制
                            </button>
                            <button
                              className="link"
                              onClick={() =>
                                setConfirm({
                                  title: '删除要求',
                                  message: `删除“${r.description}”？删除后统计考核不再计算这条要求。`,
                                  onConfirm: () =>
                                    void run(async () => {
                                      await api.rules.delete({ id: r.id });
                                      return `已删除要求 ${r.code}。`;
                                    }),
                                })
                              }
                            >
                              删除
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
              {source && <SourceText source={source} />}
            </section>
          );
        })}
      </div>
      {editing && (
        <RuleEditor
          target={editing}
          year={year}
          regulations={regs}
          onCancel={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            notify({ kind: 'info', text: message });
            void load();
          }}
        />
      )}
      {newReg && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" aria-label="新建制度">
            <h2>新建制度</h2>
            <label className="form-field">
              制度名称
              <input
                aria-label="制度名称"
                value={newReg.name}
                placeholder="如：××县领导干部联系群众制度"
                onChange={(e) => setNewReg({ ...newReg, name: e.target.value, error: '' })}
              />
            </label>
            <label className="form-field">
              文号
              <input
                aria-label="文号"
                value={newReg.code}
                placeholder="如：×办发〔2026〕3号（可不填）"
                onChange={(e) => setNewReg({ ...newReg, code: e.target.value })}
              />
            </label>
            {newReg.error && (
              <p className="form-errors" role="alert">
                {newReg.error}
              </p>
            )}
            <div className="modal-buttons">
              <button onClick={() => setNewReg(null)}>取消</button>
              <button
                className="primary"
                onClick={async () => {
                  try {
                    const reg = await api.rules.createRegulation({ name: newReg.name, code: newReg.code });
                    setNewReg(null);
                    notify({ kind: 'info', text: `已新建制度《${reg.name}》，可在其下新增要求。` });
                    await load();
                  } catch (e) {
                    setNewReg({ ...newReg, error: (e as Error).message });
                  }
                }}
              >
                确定
              </button>
            </div>
          </div>
        </div>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}

/** What the regulation's text holds beyond its rules: the sentences left unwritten, and the text itself. */
function SourceText({ source }: { source: RegulationSourceOut }) {
  return (
    <div className="regulation-source">
      {source.unwritten.length > 0 && (
        <section aria-label="未写成要求的条文" data-testid="unwritten-sentences">
          <h3>未写成要求的条文（{source.unwritten.length}处）</h3>
          <p className="muted">这些句子在制度原文中，但没有存为要求；需要时可点“在此制度下新增要求”手工填写。</p>
          <ul>
            {source.unwritten.map((u, k) => (
              <li key={k} data-testid="unwritten-sentence">
                <strong>[{u.clause || '正文'}]</strong> {u.text.replace(/\s+/g, '')}
                <span className="muted">
                  {'\u3000'}
                  {u.reason}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <details>
        <summary>制度原文{source.fileName ? `（${source.fileName}）` : ''}</summary>
        <div className="regulation-source-text" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>
          {source.text}
        </div>
      </details>
    </div>
  );
}
