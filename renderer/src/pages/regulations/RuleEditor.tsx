// 新增 / 编辑要求: any rule of any kind through Chinese forms — who, what counts, how much, per which period or
// within which deadline, date patterns, exemptions, clause — with the sentence it reads as and a preview of what
// it gives on the ledger today. Checked as the service checks it; a refusal names the field and saves nothing.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Regulation, RulePreview } from '../../../../shared/api/rules';
import { isLedgerError } from '../../../../shared/errors';
import { describeRule } from '../../../../shared/rules/describe';
import type { Rule, RuleKind } from '../../../../shared/rules/schema';
import { validateRule } from '../../../../shared/rules/validate';
import { api } from '../../api';
import { changeKind, KIND_OPTIONS, setAt, type Draft } from './draft';
import { Field, WhoSection, type EditorContext } from './fields';
import { KindSections } from './kinds';
import { useEditorLists } from './lists';

const STATUS: Record<string, string> = {
  met: '达标',
  missed: '未达标',
  open: '进行中',
  behind: '预警',
  'n/a': '不适用',
};

export interface EditorTarget {
  /** The stored rule being edited; absent for a new rule or a copy. */
  id?: number;
  body: Draft;
  regulationId: number | null;
  heading: string;
}

/** The draft as the rule it would be, or the refusal by field path. */
function check(draft: Draft): { rule: Rule | null; errors: Map<string, string>; summary: string } {
  try {
    // A rule not yet saved has no code: the service gives it one.
    const rule = validateRule(draft.id ? draft : { ...draft, id: '新' }, '要求');
    return { rule, errors: new Map(), summary: '' };
  } catch (e) {
    if (!isLedgerError(e)) throw e;
    const errors = new Map<string, string>();
    for (const i of e.issues ?? [])
      if (!errors.has(i.path.join('.'))) errors.set(i.path.join('.'), `「${i.field}」${i.message}`);
    return { rule: null, errors, summary: e.message.replace(/^要求：/, '') };
  }
}

export function RuleEditor(props: {
  target: EditorTarget;
  year: number;
  regulations: Regulation[];
  onCancel: () => void;
  onSaved: (message: string) => void;
  /** A rule not to be stored here (a proposal read from a regulation's text): handed back once it is sound. */
  onSaveBody?: (rule: Rule) => void;
}) {
  const [listError, setListError] = useState('');
  const lists = useEditorLists(setListError);
  const [draft, setDraft] = useState<Draft>(props.target.body);
  const [regulationId, setRegulationId] = useState<number | null>(props.target.regulationId);
  const [shown, setShown] = useState(false);
  const [serverError, setServerError] = useState<{ errors: Map<string, string>; summary: string } | null>(null);
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [previewError, setPreviewError] = useState('');
  const [saving, setSaving] = useState(false);

  const checked = useMemo(() => check(draft), [draft]);
  const units = useMemo(() => new Map(lists.units.map((u) => [String(u.id), u.name])), [lists.units]);
  const sentence = checked.rule ? describeRule(checked.rule, { unit: (id) => units.get(id) }) : '';

  // The preview follows the draft, a moment after typing stops; an outdated answer is dropped.
  const seq = useRef(0);
  useEffect(() => {
    if (!checked.rule) {
      setPreview(null);
      return;
    }
    const n = ++seq.current;
    const t = setTimeout(() => {
      api.rules
        .preview({ body: draft, year: props.year })
        .then((p) => {
          if (n === seq.current) {
            setPreview(p);
            setPreviewError('');
          }
        })
        .catch((e: Error) => n === seq.current && setPreviewError(e.message));
    }, 350);
    return () => clearTimeout(t);
  }, [checked.rule, draft, props.year]);

  const errors = shown ? (serverError?.errors.size ? serverError.errors : checked.errors) : new Map<string, string>();
  const ctx: EditorContext = {
    draft,
    set: (path, value) => {
      setServerError(null);
      setDraft((d) => setAt(d, path, value));
    },
    lists,
    errors,
  };

  const save = async () => {
    setShown(true);
    if (!checked.rule) return;
    if (props.onSaveBody) {
      props.onSaveBody({ ...checked.rule, id: (draft.id as string | undefined) ?? checked.rule.id });
      return;
    }
    if (regulationId === null) return;
    setSaving(true);
    try {
      const saved = props.target.id
        ? await api.rules.update({ id: props.target.id, body: draft })
        : await api.rules.create({ regulationId, year: props.year, body: draft });
      props.onSaved(`已保存：${saved.description}`);
    } catch (e) {
      const errs = new Map<string, string>();
      if (isLedgerError(e)) for (const i of e.issues ?? []) errs.set(i.path.join('.'), `「${i.field}」${i.message}`);
      setServerError({ errors: errs, summary: (e as Error).message });
    } finally {
      setSaving(false);
    }
  };

  const summary = shown ? (serverError?.summary ?? checked.summary) : '';
  const regMissing = shown && regulationId === null && !props.onSaveBody;

  return (
    <div className="modal-backdrop">
      <div className="modal rule-editor" role="dialog" aria-modal="true" aria-label={props.target.heading}>
        <h2>{props.target.heading}</h2>
        <div className="rule-editor-body">
          <div className="rule-editor-form">
            <fieldset className="section" data-section="basic">
              <legend>要求</legend>
              <div className="form-grid">
                <Field ctx={ctx} path="kind" label="要求的类型">
                  <select
                    aria-label="要求的类型"
                    value={draft.kind}
                    onChange={(e) => setDraft((d) => changeKind(d, e.target.value as RuleKind))}
                  >
                    {KIND_OPTIONS.map((k) => (
                      <option key={k.kind} value={k.kind}>
                        {k.label}：{k.hint}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field ctx={ctx} path="title" label="名称">
                  <input
                    aria-label="名称"
                    value={(draft.title as string | undefined) ?? ''}
                    placeholder="如：每月听课"
                    onChange={(e) => ctx.set('title', e.target.value)}
                  />
                </Field>
                <Field ctx={ctx} path="clause" label="条款">
                  <input
                    aria-label="条款"
                    value={(draft.clause as string | undefined) ?? ''}
                    placeholder="如：第十六条"
                    onChange={(e) => ctx.set('clause', e.target.value)}
                  />
                </Field>
                {!props.target.id && !props.onSaveBody && (
                  <div className={`form-field${regMissing ? ' has-error' : ''}`}>
                    <span className="field-label">属于哪个制度</span>
                    <select
                      aria-label="属于哪个制度"
                      value={regulationId ?? ''}
                      onChange={(e) => setRegulationId(e.target.value ? Number(e.target.value) : null)}
                    >
                      <option value="">（请选择）</option>
                      {props.regulations.map((r) => (
                        <option key={r.id} value={r.id}>
                          《{r.name}》
                        </option>
                      ))}
                    </select>
                    {regMissing && (
                      <span className="field-error" role="alert">
                        「制度」请选择这条要求属于哪个制度
                      </span>
                    )}
                  </div>
                )}
                <Field ctx={ctx} path="department" label="承办部门">
                  <input
                    aria-label="承办部门"
                    value={(draft.department as string | undefined) ?? ''}
                    onChange={(e) => ctx.set('department', e.target.value)}
                  />
                </Field>
                <div className="form-field">
                  <span className="field-label">考核</span>
                  <label className="check">
                    <input
                      type="checkbox"
                      aria-label="计入考核"
                      checked={draft.measurable !== false}
                      onChange={(e) => ctx.set('measurable', e.target.checked ? undefined : false)}
                    />
                    计入考核（不勾选：只作记录，不计量）
                  </label>
                </div>
              </div>
              <Field ctx={ctx} path="note" label="说明" wide>
                <input
                  aria-label="说明"
                  value={(draft.note as string | undefined) ?? ''}
                  onChange={(e) => ctx.set('note', e.target.value)}
                />
              </Field>
            </fieldset>
            {draft.kind === 'deadline' ? (
              <p className="muted small">时限要求按督办事项计算，由本单位整体承担。</p>
            ) : (
              <WhoSection ctx={ctx} />
            )}
            <KindSections ctx={ctx} />
          </div>
          <aside className="rule-editor-side">
            <h3>这条要求读作</h3>
            <p className="rule-sentence" data-testid="rule-sentence">
              {sentence || '（要求尚不完整，见下方提示）'}
            </p>
            {!checked.rule && (
              <ul className="rule-todo" data-testid="rule-todo">
                {[...checked.errors.values()].slice(0, 6).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
            <h3>在本台账上的预览</h3>
            <RulePreviewView preview={checked.rule ? preview : null} error={previewError} />
          </aside>
        </div>
        {listError && <p className="form-errors">{listError}</p>}
        {summary && (
          <p className="form-errors" role="alert" data-testid="rule-errors">
            未保存。{summary}
          </p>
        )}
        <div className="modal-buttons">
          <button onClick={props.onCancel}>取消</button>
          <button className="primary" disabled={saving} onClick={() => void save()}>
            保存
          </button>
        </div>
      </div>
    </div>
  );
}

function RulePreviewView({ preview, error }: { preview: RulePreview | null; error: string }) {
  if (error) return <p className="muted">{error}</p>;
  if (!preview) return <p className="muted">要求填写完整后，这里显示它在本台账上的结果。</p>;
  const c = preview.counts;
  // A deadline rule judges each 督办 item over its own span (and extension): the span goes on the item's line.
  const perItem = preview.rows.some((r) => r.name.startsWith('督办'));
  const period = perItem ? undefined : preview.rows[0]?.period;
  return (
    <div className="rule-preview-box" data-testid="rule-preview">
      <p>
        截至{preview.asOf.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}
        {period ? `，${period}` : ''}：共{preview.subjects}
        {perItem ? '项' : '个'}
      </p>
      <p className="preview-counts">
        <span className="st-met">达标 {c.met}</span>
        <span className="st-missed">未达标 {c.missed}</span>
        <span className="st-open">进行中 {c.open}</span>
        <span className="st-behind">预警 {c.behind}</span>
      </p>
      {preview.warnings.map((w) => (
        <p key={w} className="preview-warning">
          ⚠ {w}
        </p>
      ))}
      {preview.rows.length > 0 && (
        <table className="plain-table preview-table">
          <thead>
            <tr>
              <th>对象</th>
              <th>完成</th>
              <th>情况</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.slice(0, 40).map((r, i) => (
              <tr key={i} className={`st-${r.status}`}>
                <td>
                  {r.name}
                  {perItem && <div className="muted small">{r.period}</div>}
                  {r.note && <div className="muted small">{r.note}</div>}
                </td>
                <td className="num">
                  {r.achieved}/{r.required}
                  {r.unit}
                </td>
                <td>{STATUS[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.rows.length > 40 && <p className="muted">另有{preview.rows.length - 40}个未列出</p>}
    </div>
  );
}
