// 制度: the ledger's rules of a year as sentences, grouped by regulation, with their clause and preset;
// enable/disable, an edit form for the common fields, presets loaded, a year's rules copied to the next.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PresetSummary, Regulation, StoredRule } from '../../../../shared/api/rules';
import { describeRule } from '../../../../shared/rules/describe';
import type { Rule } from '../../../../shared/rules/schema';
import { api } from '../../api';
import { useNotice } from '../../components/Notice';
import { ExtractReview } from './ExtractReview';
import { RuleForm } from './RuleForm';

const KIND: Record<string, string> = {
  frequency: '频次',
  coverage: '覆盖',
  quota: '联系点',
  deadline: '时限',
  roster: '排班',
  task: '任务',
};

export function RegulationsPage() {
  const notify = useNotice();
  const [year, setYear] = useState(new Date().getFullYear());
  const [years, setYears] = useState<number[]>([]);
  const [rules, setRules] = useState<StoredRule[]>([]);
  const [regs, setRegs] = useState<Regulation[]>([]);
  const [presets, setPresets] = useState<PresetSummary[]>([]);
  const [preset, setPreset] = useState('');
  const [editing, setEditing] = useState<StoredRule | null>(null);
  const [reading, setReading] = useState(false);

  const load = useCallback(async () => {
    try {
      const [r, y, g, p] = await Promise.all([
        api.rules.list({ year }),
        api.rules.years({}),
        api.rules.regulations({}),
        api.rules.presets({}),
      ]);
      setRules(r);
      setYears(y);
      setRegs(g);
      setPresets(p);
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  }, [year, notify]);
  useEffect(() => {
    void load();
  }, [load]);

  const groups = useMemo(
    () =>
      regs.map((g) => ({ reg: g, rules: rules.filter((r) => r.regulationId === g.id) })).filter((g) => g.rules.length),
    [regs, rules],
  );
  const yearOptions = [...new Set([...years, year, year + 1])].sort();

  const run = async (what: () => Promise<string>) => {
    try {
      notify({ kind: 'info', text: await what() });
      await load();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
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
        <label className="field-inline">
          制度预设
          <select
            aria-label="制度预设"
            value={preset}
            onChange={(e) => setPreset(e.target.value)}
            style={{ width: 360 }}
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
        <button onClick={() => setReading(true)}>读取制度全文…</button>
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
      <div className="rule-groups">
        {!groups.length && <p className="muted">{year}年度还没有要求。可从制度预设载入，或从上一年度复制。</p>}
        {groups.map(({ reg, rules: list }) => (
          <section key={reg.id} className="rule-group">
            <h2>
              《{reg.name}》
              <span className="muted">
                {reg.code}
                {reg.presetId ? `\u3000来自预设 ${reg.presetId}` : '\u3000自定义'}
              </span>
            </h2>
            <table className="rule-table" data-testid="rule-table">
              <thead>
                <tr>
                  <th style={{ width: 80 }}>编号</th>
                  <th style={{ width: 120 }}>条款</th>
                  <th>要求</th>
                  <th style={{ width: 60 }}>类型</th>
                  <th style={{ width: 110 }}>承办部门</th>
                  <th style={{ width: 60 }}>启用</th>
                  <th style={{ width: 60 }} />
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.id} className={r.enabled ? '' : 'rule-disabled'} data-code={r.code}>
                    <td>{r.code}</td>
                    <td>{r.clause}</td>
                    <td>{r.description}</td>
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
                    <td>
                      <button className="link" onClick={() => setEditing(r)}>
                        编辑
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      {editing && (
        <RuleForm
          rule={editing}
          onCancel={() => setEditing(null)}
          onSave={async (body: Rule) => {
            const saved = await api.rules.update({ id: editing.id, body });
            setEditing(null);
            notify({ kind: 'info', text: `已保存：${describeRule(saved.body)}` });
            await load();
          }}
        />
      )}
    </section>
  );
}
