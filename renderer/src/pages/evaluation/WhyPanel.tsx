// 依据: why a figure on 统计考核 is what it is — the rule's sentence, the period, the records counted (and what
// each adds) and the records seen but not counted with the reason, as the evaluator's explain() gives them.
import { useEffect, useState } from 'react';
import type {
  EvalExplanation,
  EvalRuleInfo,
  ScreenRow,
  SelectionInput,
  WhyItem,
} from '../../../../shared/api/evaluation';
import { STATUS_LABEL } from '../../../../shared/rules/types';
import { api } from '../../api';
import { useNotice } from '../../components/Notice';

export interface WhyTarget {
  /** Whose figure: a cadre's name, a unit's, or 本单位（集体）. */
  who: string;
  rule: EvalRuleInfo;
  /** Every period of this subject and rule in the selection; `row` is the one explained (its evidence unread). */
  rows: ScreenRow[];
  row: ScreenRow;
  selection: SelectionInput;
  asOf: string;
}

const statusClass = (s: string) => `status-${s === 'n/a' ? 'na' : s}`;
const samePeriod = (a: ScreenRow, b: ScreenRow) =>
  a.period.start === b.period.start && a.period.end === b.period.end && a.followUpId === b.followUpId;

function Items({
  items,
  testId,
  last,
  showCadres,
}: {
  items: WhyItem[];
  testId: string;
  last: string;
  showCadres: boolean;
}) {
  return (
    <table className="plain-table why-table" data-testid={testId}>
      <thead>
        <tr>
          <th>日期</th>
          <th>类型</th>
          {showCadres && <th>领导干部</th>}
          <th>联系对象</th>
          <th>地点</th>
          <th>{last}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((x) => (
          <tr key={`${x.kind}${x.id}`}>
            <td>{x.date}</td>
            <td>{x.activityType}</td>
            {showCadres && <td>{x.cadreNames.join('、')}</td>}
            <td>{x.objectNames.join('、')}</td>
            <td>{x.place}</td>
            <td>
              {x.amount !== null && last === '计入' ? `+${x.amount}` : ''}
              {x.note ? `${x.amount !== null && last === '计入' ? '　' : ''}${x.note}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WhyPanel({
  target,
  onPick,
  onClose,
}: {
  target: WhyTarget;
  onPick: (row: ScreenRow) => void;
  onClose: () => void;
}) {
  const notify = useNotice();
  const [why, setWhy] = useState<EvalExplanation | null>(null);
  const { row, rule, selection, asOf } = target;
  useEffect(() => {
    let live = true;
    setWhy(null);
    api.evaluation
      .explain({
        selection,
        asOf,
        ruleId: row.ruleId,
        cadreId: row.cadreId,
        unitId: row.unitId,
        periodStart: row.period.start,
        periodEnd: row.period.end,
        followUpId: row.followUpId,
      })
      .then((w) => live && setWhy(w))
      .catch((e: Error) => notify({ kind: 'error', text: e.message }));
    return () => {
      live = false;
    };
  }, [row, selection, asOf, notify]);

  const unit = why?.unit ?? row.unit;
  const noun = why?.counted[0]?.kind === 'assignment' || rule.kind === 'quota' ? '联系点' : '记录';
  const showCadres = row.cadreId === null;
  return (
    <div className="evidence-panel why-panel" data-testid="evidence-panel">
      <h3>
        <span>
          {target.who} · {rule.title}（{rule.clauseLabel}）的依据
        </span>
        <button className="link" onClick={onClose} aria-label="关闭依据">
          ×
        </button>
      </h3>
      <p className="why-sentence" data-testid="why-sentence">
        {rule.description}
        {rule.regulationName && (
          <span className="muted">
            {'\u3000'}《{rule.regulationName}》
          </span>
        )}
      </p>
      {target.rows.length > 1 && (
        <table className="plain-table why-periods">
          <thead>
            <tr>
              <th>周期</th>
              <th>完成</th>
              <th>要求</th>
              <th>状态</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {target.rows.map((r) => (
              <tr
                key={`${r.period.start}|${r.period.end}|${r.followUpId ?? ''}`}
                className={`clickable${samePeriod(r, row) ? ' picked' : ''}`}
                onClick={() => onPick(r)}
                title="点击查看这一周期的依据"
              >
                <td>{r.period.label}</td>
                <td className="num">
                  {r.achieved}
                  {r.unit}
                </td>
                <td className="num">
                  {r.required}
                  {r.unit}
                  {r.max !== null ? `（至多${r.max}）` : ''}
                </td>
                <td className={statusClass(r.status)}>{STATUS_LABEL[r.status]}</td>
                <td>{r.notes.join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!why ? (
        <p className="muted">正在查找依据…</p>
      ) : (
        <div data-testid="why">
          <ul className="why-lines" data-testid="why-lines">
            {why.lines.map((l, i) => (
              <li key={i} className={i === 0 ? statusClass(why.status) + '-text' : ''}>
                {l}
              </li>
            ))}
          </ul>
          <h4>
            计入的{noun}（{why.counted.length}
            {noun === '记录' ? '条' : '个'}
            {why.counted.some((x) => x.amount !== null) && unit !== '个'
              ? `，合计${Math.round(why.counted.reduce((a, x) => a + (x.amount ?? 0), 0) * 100) / 100}${unit}`
              : ''}
            ）
          </h4>
          {why.counted.length ? (
            <Items items={why.counted} testId="evidence-records" last="计入" showCadres={showCadres} />
          ) : (
            <p className="muted" data-testid="evidence-records">
              没有计入的{noun}。
            </p>
          )}
          <h4>
            看到但未计入的{noun}（{why.skipped.length + why.skippedMore}
            {noun === '记录' ? '条' : '个'}
            {why.skippedMore ? `，列出前${why.skipped.length}条` : ''}）
          </h4>
          {why.skipped.length ? (
            <Items items={why.skipped} testId="skipped-records" last="未计入的原因" showCadres={showCadres} />
          ) : (
            <p className="muted" data-testid="skipped-records">
              本周期前后没有其他相关{noun}。
            </p>
          )}
        </div>
      )}
    </div>
  );
}
