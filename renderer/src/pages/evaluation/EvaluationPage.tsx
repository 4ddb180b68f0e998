// 统计考核: the matrix cadre × rule for a chosen span as of a date (cells coloured by status, headed by the
// rule's short name and clause, its sentence on hover), counts per unit and per rule, a chart of completion
// rates; any figure opens its "why" (WhyPanel): the sentence, the period, the records counted and those seen
// but not counted, with the reason; and 本月提醒.
// The matrix comes as one cell per cadre × rule (evaluation.screen), never every row of the year; the screen
// keeps what it was sent and, coming back after an edit, asks only for the cells changed since. It holds the
// cells as a table of numbers (evaluation-matrix.ts), one grid row per cadre; a cell is made into words only
// when shown. A cell opens to the rows of its cadre × rule (evaluation.cell).
import type { CellClassParams, CellClickedEvent, ColDef } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  CadreReminders,
  EvalRow,
  ScreenRow,
  EvalRuleInfo,
  SelectionInput,
  StatusCounts,
} from '../../../../shared/api/evaluation';
import {
  cellAt,
  figureAt,
  holdScreen,
  statusAt,
  type HeldScreen,
  type MatrixRow,
} from '../../../../shared/api/evaluation-matrix';
import { STATUS_LABEL } from '../../../../shared/rules/types';
import { api } from '../../api';
import { useNotice } from '../../components/Notice';
import { LedgerGrid } from '../../grid/LedgerGrid';
import { useLedgerChanged } from '../../grid/history';
import { RatesChart } from './RatesChart';
import { WhyPanel, type WhyTarget } from './WhyPanel';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

type Span = 'year' | 'academicYear' | 'range';

/** What the screen was last sent, by selection and as-of date: kept across visits to ask only for changes. */
interface Held extends HeldScreen {
  key: string;
}
let held: Held | null = null;

/** The screen for `key`, asking only for what changed since the one held (merged into it). */
async function fetchScreen(key: string, selection: SelectionInput, asOf: string): Promise<Held> {
  const since = held && held.key === key ? held.screen.version : undefined;
  const got = await api.evaluation.screen({ selection, asOf, ...(since ? { since } : {}) });
  held = { key, ...holdScreen(got, held && held.key === key ? held : null) };
  return held;
}

/** The period a cell shows: the one running on asOf, else the latest one begun, else the first. */
function pick(rows: EvalRow[], asOf: string): EvalRow {
  const running = rows.find((r) => r.period.start <= asOf && asOf <= r.period.end);
  if (running) return running;
  const begun = rows.filter((r) => r.period.start <= asOf);
  return begun.length ? begun[begun.length - 1]! : rows[0]!;
}

function CountsCells({ c }: { c: StatusCounts }) {
  return (
    <>
      <td className="num status-met">{c.met}</td>
      <td className="num status-missed">{c.missed}</td>
      <td className="num status-open">{c.open}</td>
      <td className="num status-behind">{c.behind}</td>
      <td className="num">{c['n/a']}</td>
      <td className="num">
        <b>{pct(c.rate)}</b>
      </td>
    </>
  );
}
const COUNT_HEADERS = ['达标', '未达标', '进行中', '预警', '不适用', '完成率'];

export function EvaluationPage() {
  const [tab, setTab] = useState<'matrix' | 'reminders'>('matrix');
  return (
    <section className="page evaluation-page">
      <header className="page-header">
        <h1>统计考核</h1>
        <div className="tabs" role="tablist">
          <button
            role="tab"
            aria-selected={tab === 'matrix'}
            className={tab === 'matrix' ? 'tab active' : 'tab'}
            onClick={() => setTab('matrix')}
          >
            统计考核
          </button>
          <button
            role="tab"
            aria-selected={tab === 'reminders'}
            className={tab === 'reminders' ? 'tab active' : 'tab'}
            onClick={() => setTab('reminders')}
          >
            本月提醒
          </button>
        </div>
      </header>
      {tab === 'matrix' ? <Matrix /> : <Reminders />}
    </section>
  );
}

function Matrix() {
  const notify = useNotice();
  const now = today();
  const [span, setSpan] = useState<Span>('year');
  const [year, setYear] = useState(Number(now.slice(0, 4)));
  const [from, setFrom] = useState(`${now.slice(0, 7)}-01`);
  const [to, setTo] = useState(now);
  const [asOf, setAsOf] = useState(now);
  const [view, setView] = useState<Held | null>(null);
  const result = view?.screen ?? null;
  const [why, setWhy] = useState<WhyTarget | null>(null);
  const [busy, setBusy] = useState(false);

  const selection: SelectionInput =
    span === 'year' ? { year } : span === 'academicYear' ? { academicYear: `${year}-${year + 1}` } : { from, to };
  const key = JSON.stringify([selection, asOf]);
  // A figure's why is for one selection and as-of date: it closes when they change.
  useEffect(() => setWhy(null), [key]);
  const load = useCallback(async () => {
    setBusy(true);
    try {
      setView(await fetchScreen(key, JSON.parse(key)[0] as SelectionInput, JSON.parse(key)[1] as string));
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }, [key, notify]);
  useEffect(() => {
    // What was held for this selection shows at once; the cells changed since follow.
    if (held && held.key === key) setView(held);
    void load();
  }, [load, key]);
  // An edit or an undo elsewhere while the page is open: the cells it moved.
  useLedgerChanged(() => void load());

  const matrix = view?.rows ?? [];
  const collective = view?.screen.collective ?? [];

  // The rules some cadre has a cell under, with their column in the table held.
  const perCadreRules = useMemo(
    () => (view ? view.screen.rules.map((rule, col) => ({ rule, col })).filter((r) => view.matrix.cells[r.col]) : []),
    [view],
  );
  const ruleById = useMemo(() => new Map((result?.rules ?? []).map((r) => [r.id, r])), [result]);
  const columns = useMemo<ColDef<MatrixRow>[]>(
    () => [
      { field: 'name', headerName: '干部', pinned: 'left', width: 100, editable: false },
      { field: 'unit', headerName: '单位', pinned: 'left', width: 130, editable: false },
      ...perCadreRules.map<ColDef<MatrixRow>>(({ rule, col }) => ({
        colId: `r${rule.id}`,
        // What a secretary reads: the rule's short name and its clause; the whole sentence on hover.
        headerName: `${rule.title}（${rule.clauseLabel}）`,
        headerTooltip: `${rule.description}${rule.regulationName ? `\n《${rule.regulationName}》` : ''}`,
        headerClass: 'eval-rule-header',
        wrapHeaderText: true,
        autoHeaderHeight: true,
        width: 128,
        editable: false,
        filter: false,
        valueGetter: (p) => (p.data ? figureAt(p.data.matrix, p.data.at, col) : ''),
        tooltipValueGetter: (p) => {
          const c = p.data && cellAt(p.data.matrix, p.data.at, col);
          return c
            ? `${c.period}：${STATUS_LABEL[c.status]}，完成${c.achieved}${c.unit}，要求${c.required}${c.unit}${c.notes.length ? `。${c.notes.join('；')}` : ''}`
            : undefined;
        },
        cellClass: (p: CellClassParams<MatrixRow>) => {
          const s = p.data && statusAt(p.data.matrix, p.data.at, col);
          return s ? `eval-cell status-${s === 'n/a' ? 'na' : s}` : 'eval-cell';
        },
      })),
    ],
    [perCadreRules],
  );

  const open = (who: string, rows: ScreenRow[], row: ScreenRow) => {
    const rule = ruleById.get(row.ruleId);
    if (rule) setWhy({ who, rule, rows, row, selection: JSON.parse(key)[0] as SelectionInput, asOf });
  };
  const onCell = (e: CellClickedEvent<MatrixRow>) => {
    const col = e.column.getColId();
    if (!col.startsWith('r') || !e.data) return;
    const at = e.data.matrix.colOf.get(Number(col.slice(1)));
    if (at === undefined || !statusAt(e.data.matrix, e.data.at, at)) return;
    const name = e.data.name;
    api.evaluation
      .cell({
        selection: JSON.parse(key)[0] as SelectionInput,
        asOf: JSON.parse(key)[1] as string,
        cadreId: e.data.cadreId,
        ruleId: Number(col.slice(1)),
      })
      .then((rows) => rows.length && open(name, rows, pick(rows, asOf)))
      .catch((err: Error) => notify({ kind: 'error', text: err.message }));
  };
  const notices = (result?.rules ?? []).filter((r): r is EvalRuleInfo & { notice: string } => !!r.notice);

  return (
    <div className="evaluation">
      <div className="toolbar">
        <label className="field-inline">
          统计范围
          <select
            aria-label="统计范围"
            value={span}
            onChange={(e) => setSpan(e.target.value as Span)}
            style={{ width: 100 }}
          >
            <option value="year">年度</option>
            <option value="academicYear">学年</option>
            <option value="range">起止日期</option>
          </select>
        </label>
        {span !== 'range' ? (
          <label className="field-inline">
            {span === 'year' ? '年度' : '学年起始年'}
            <input aria-label="年份" type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} />
            {span === 'academicYear' && <span className="muted">{`${year}-${year + 1}学年`}</span>}
          </label>
        ) : (
          <>
            <input aria-label="开始日期" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            <span>至</span>
            <input aria-label="结束日期" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </>
        )}
        <label className="field-inline">
          截至
          <input
            aria-label="截至日期"
            type="date"
            value={asOf}
            onChange={(e) => setAsOf(e.target.value)}
            style={{ width: 140 }}
          />
        </label>
        <span className="legend">
          <span className="swatch status-met" />
          达标 <span className="swatch status-missed" />
          未达标 <span className="swatch status-open" />
          进行中 <span className="swatch status-behind" />
          预警 <span className="swatch status-na" />
          不适用
        </span>
        {result && (
          <span className="toolbar-count muted" data-testid="eval-summary">
            {busy
              ? '计算中…'
              : `${result.rules.length}条要求 · 达标${result.totals.met} · 未达标${result.totals.missed} · 预警${result.totals.behind} · 完成率${pct(result.totals.rate)} · 用时${result.timing.load + result.timing.evaluate}毫秒`}
          </span>
        )}
      </div>
      <div className="grid-box eval-matrix" data-testid="eval-matrix">
        <LedgerGrid
          rowData={matrix}
          columnDefs={columns}
          getRowId={(p: { data: MatrixRow }) => String(p.data.cadreId)}
          onCellClicked={(e: CellClickedEvent<MatrixRow>) => onCell(e)}
          tooltipShowDelay={300}
          rowSelection={undefined}
        />
      </div>
      {result?.rulesNote && (
        <p className="eval-note" data-testid="rules-note">
          {result.rulesNote}。
        </p>
      )}
      {notices.length > 0 && (
        <ul className="eval-notices" data-testid="rule-notices">
          {notices.map((r) => (
            <li key={r.id}>
              <b>
                {r.title}（{r.clauseLabel}）
              </b>
              ：{r.notice}。
            </li>
          ))}
        </ul>
      )}
      {why && <WhyPanel target={why} onPick={(row) => setWhy({ ...why, row })} onClose={() => setWhy(null)} />}
      {result && (
        <div className="eval-summaries">
          <section>
            <h3>各要求完成率</h3>
            <RatesChart
              items={result.byRule
                .filter((r) => r.rate !== null)
                .map((r) => ({ key: String(r.ruleId), label: r.title, title: r.description, rate: r.rate! }))}
            />
          </section>
          <section>
            <h3>按单位统计</h3>
            <table className="plain-table" data-testid="by-unit">
              <thead>
                <tr>
                  <th>单位</th>
                  {COUNT_HEADERS.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.byUnit.map((u) => (
                  <tr key={u.unitId ?? 0}>
                    <td>{u.unitName}</td>
                    <CountsCells c={u} />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="wide">
            <h3>按要求统计</h3>
            <table className="plain-table" data-testid="by-rule">
              <thead>
                <tr>
                  <th>要求</th>
                  <th>条款</th>
                  {COUNT_HEADERS.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.byRule.map((r) => (
                  <tr key={r.ruleId} title={r.description}>
                    <td>{r.title}</td>
                    <td>{r.clauseLabel}</td>
                    <CountsCells c={r} />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {collective.length > 0 && (
            <section className="wide">
              <h3>本单位（集体）与各单位的要求</h3>
              <table className="plain-table">
                <thead>
                  <tr>
                    <th>对象</th>
                    <th>要求</th>
                    <th>周期</th>
                    <th>完成/要求</th>
                    <th>状态</th>
                    <th>说明</th>
                  </tr>
                </thead>
                <tbody>
                  {collective
                    .filter((r) => r.status !== 'n/a')
                    .slice(0, 300)
                    .map((r, i) => (
                      <tr
                        key={i}
                        className="clickable"
                        title="点击查看依据"
                        onClick={() => open(r.cadreName, [r], r)}
                        data-testid="collective-row"
                      >
                        <td>{r.cadreName}</td>
                        <td title={r.description}>
                          {ruleById.get(r.ruleId)?.title}（{ruleById.get(r.ruleId)?.clauseLabel}）
                        </td>
                        <td>{r.period.label}</td>
                        <td className="num">
                          {r.achieved}/{r.required}
                          {r.unit}
                        </td>
                        <td className={`status-${r.status}`}>{STATUS_LABEL[r.status]}</td>
                        <td>{r.notes.join('；')}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          )}
        </div>
      )}
    </div>
  );
}

function Reminders() {
  const notify = useNotice();
  const [asOf, setAsOf] = useState(today());
  const [list, setList] = useState<CadreReminders[]>([]);
  useEffect(() => {
    api.evaluation
      .reminders({ asOf })
      .then(setList)
      .catch((e: Error) => notify({ kind: 'error', text: e.message }));
  }, [asOf, notify]);
  const monthEnd = `${asOf.slice(0, 7)}-31`;
  return (
    <div className="reminders" data-testid="reminders">
      <div className="toolbar">
        <label className="field-inline">
          截至
          <input
            aria-label="提醒日期"
            type="date"
            value={asOf}
            onChange={(e) => setAsOf(e.target.value)}
            style={{ width: 140 }}
          />
        </label>
        <span className="muted">列出当前周期内尚未完成的要求，截止日期近的在前；红色为预警，加粗为本月内到期。</span>
      </div>
      {!list.length && <p className="muted">没有需要提醒的事项。</p>}
      {list.map((c) => (
        <section key={`${c.cadreId}-${c.cadreName}`} className="reminder-card">
          <h3>
            {c.cadreName}
            <span className="muted">{`\u3000${c.unitName}`}</span>
          </h3>
          <ul>
            {c.items.map((i) => (
              <li
                key={`${i.ruleId}-${i.due}`}
                className={`${i.status === 'behind' ? 'status-behind-text' : ''} ${i.due <= monthEnd ? 'due-this-month' : ''}`}
              >
                <span className="due">{i.due.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}前</span>
                {i.description.replace(/（[^（]*）$/, '')}：还差 {i.remaining}
                {i.unit}（{i.periodLabel}已完成{i.achieved}
                {i.unit}）<span className="muted">{i.clauseLabel}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
