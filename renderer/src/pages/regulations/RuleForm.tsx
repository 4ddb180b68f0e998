// The edit form of one rule: the fields a secretary changes (who, activity types, min/max, period,
// quantity) as form fields, a live sentence of the result, and the rest of the rule shown read-only.
import { useEffect, useMemo, useState } from 'react';
import type { StoredRule } from '../../../../shared/api/rules';
import { describeRule } from '../../../../shared/rules/describe';
import { rule as ruleSchema, type Rule } from '../../../../shared/rules/schema';
import { api } from '../../api';

const PERIODS: [string, string][] = [
  ['week', '每周'],
  ['month', '每月'],
  ['twoMonths', '每两个月'],
  ['quarter', '每季度'],
  ['semester', '每学期'],
  ['academicYear', '每学年'],
  ['calendarYear', '每年'],
  ['termOfOffice', '任期内'],
  ['window', '节日时段'],
];
const QUANTITIES: [string, string][] = [
  ['count', '次数'],
  ['hours', '学时'],
  ['days', '天数'],
  ['distinctObjects', '不同对象数'],
  ['consecutiveDays', '连续天数'],
];
const EDITED = new Set([
  'id',
  'kind',
  'title',
  'clause',
  'department',
  'who',
  'counts',
  'activityTypes',
  'min',
  'max',
  'period',
  'quantity',
]);

const list = (s: string) =>
  s
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

type Draft = Record<string, unknown> & Rule;

export function RuleForm(props: { rule: StoredRule; onCancel: () => void; onSave: (body: Rule) => Promise<void> }) {
  const [draft, setDraft] = useState<Draft>(() => structuredClone(props.rule.body) as Draft);
  const [types, setTypes] = useState<string[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    void api.vocabulary.get({}).then((v) => setTypes(v.activityTypes.map((t) => t.name)));
  }, []);

  const d = draft as Record<string, unknown>;
  const set = (patch: Record<string, unknown>) => setDraft({ ...draft, ...patch } as Draft);
  const cadres = draft.who.cadres ?? {};
  const setWho = (patch: Record<string, unknown>) => set({ who: { ...draft.who, cadres: { ...cadres, ...patch } } });
  const hasCounts = draft.kind === 'frequency' || draft.kind === 'coverage';
  const typeList: string[] = hasCounts
    ? ((d.counts as { activityTypes?: string[] } | undefined)?.activityTypes ?? [])
    : ((d.activityTypes as string[] | undefined) ?? []);
  const setTypes2 = (next: string[]) =>
    hasCounts
      ? set({ counts: { ...(d.counts as object), activityTypes: next.length ? next : undefined } })
      : set({ activityTypes: next });
  const hasTypes = hasCounts || draft.kind === 'roster' || draft.kind === 'task';
  const hasMinMax = draft.kind === 'frequency' || draft.kind === 'task';
  const hasPeriod = 'period' in draft;
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

  const preview = useMemo(() => {
    const r = ruleSchema.safeParse(draft);
    return r.success ? describeRule(r.data) : '';
  }, [draft]);
  const rest = Object.fromEntries(Object.entries(d).filter(([k]) => !EDITED.has(k)));
  const otherCounts = hasCounts
    ? Object.fromEntries(Object.entries((d.counts as object) ?? {}).filter(([k]) => k !== 'activityTypes'))
    : {};

  return (
    <div className="modal-backdrop">
      <div className="modal rule-form" role="dialog" aria-label="编辑要求">
        <h2>
          编辑要求 {props.rule.code}
          <span className="muted">{`\u3000${props.rule.regulationName}`}</span>
        </h2>
        <div className="form-grid">
          <label className="form-field">
            名称
            <input value={draft.title} onChange={(e) => set({ title: e.target.value })} />
          </label>
          <label className="form-field">
            条款
            <input value={draft.clause} onChange={(e) => set({ clause: e.target.value })} />
          </label>
          <label className="form-field">
            承办部门
            <input value={draft.department ?? ''} onChange={(e) => set({ department: e.target.value || undefined })} />
          </label>
          <label className="form-field">
            适用对象称谓
            <input
              value={draft.who.label ?? ''}
              onChange={(e) => set({ who: { ...draft.who, label: e.target.value || undefined } })}
            />
          </label>
          <label className="form-field">
            级别（用顿号分隔）
            <input
              aria-label="级别"
              defaultValue={(cadres.levels ?? []).join('、')}
              onChange={(e) => setWho({ levels: list(e.target.value).length ? list(e.target.value) : undefined })}
            />
          </label>
          <label className="form-field">
            角色（任一，用顿号分隔）
            <input
              aria-label="角色"
              defaultValue={(cadres.roles ?? []).join('、')}
              onChange={(e) => setWho({ roles: list(e.target.value).length ? list(e.target.value) : undefined })}
            />
          </label>
          {hasPeriod && (
            <label className="form-field">
              周期
              <select aria-label="周期" value={String(d.period)} onChange={(e) => set({ period: e.target.value })}>
                {PERIODS.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
          )}
          {hasMinMax && (
            <label className="form-field">
              至少
              <input
                aria-label="至少"
                type="number"
                value={d.min === undefined ? '' : String(d.min)}
                onChange={(e) => set({ min: num(e.target.value) })}
              />
            </label>
          )}
          {draft.kind === 'frequency' && (
            <>
              <label className="form-field">
                至多
                <input
                  aria-label="至多"
                  type="number"
                  value={d.max === undefined ? '' : String(d.max)}
                  onChange={(e) => set({ max: num(e.target.value) })}
                />
              </label>
              <label className="form-field">
                计量
                <select
                  aria-label="计量"
                  value={String(d.quantity)}
                  onChange={(e) => set({ quantity: e.target.value })}
                >
                  {QUANTITIES.map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
        </div>
        {hasTypes && (
          <fieldset className="type-picker">
            <legend>活动类型（任一）</legend>
            {[...new Set([...types, ...typeList])].map((t) => (
              <label key={t} className="chip">
                <input
                  type="checkbox"
                  checked={typeList.includes(t)}
                  onChange={(e) => setTypes2(e.target.checked ? [...typeList, t] : typeList.filter((x) => x !== t))}
                />
                {t}
              </label>
            ))}
          </fieldset>
        )}
        <p className="rule-preview" data-testid="rule-preview">
          {preview || '（要求尚不完整）'}
        </p>
        {(Object.keys(rest).length > 0 || Object.keys(otherCounts).length > 0) && (
          <details className="rule-rest">
            <summary>其他设置（只读）</summary>
            <pre>
              {JSON.stringify(
                { ...rest, ...(Object.keys(otherCounts).length ? { counts: otherCounts } : {}) },
                null,
                2,
              )}
            </pre>
          </details>
        )}
        {error && (
          <p className="form-errors" role="alert">
            {error}
          </p>
        )}
        <div className="modal-buttons">
          <button onClick={props.onCancel}>取消</button>
          <button
            className="primary"
            onClick={async () => {
              try {
                setError('');
                await props.onSave(draft);
              } catch (e) {
                setError((e as Error).message);
              }
            }}
          >
            保存
          </button>
        </div>
      </div>
    </div>
  );
}
