// 设置 → 校历 and 设置 → 节假日. 校历: the two semesters of an academic year, default dates until she sets
// them. 节假日: a year's official schedule — typed in by hand, pasted from the 国务院办公厅 notice, or read
// from an .ics file; what was read is shown for checking before it is saved, and saving recomputes every
// 督办 deadline (the “待核” marks of that year go away).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CalendarOverview, HolidayDayInput, HolidayYear } from '../../../../shared/api/calendar';
import type { Semester } from '../../../../shared/api/rules';
import { weekday } from '../../../../shared/format/date';
import { api } from '../../api';
import { useNotice } from '../../components/Notice';
import { ledgerChanged } from '../../grid/history';

const TERM = { 1: '第一学期', 2: '第二学期' } as const;
const SOURCE = { bundled: '程序内置', user: '自行录入', none: '没有安排' } as const;
const KIND = { holiday: '放假', workday: '调休上班' } as const;
const WEEKDAY = '日一二三四五六';

const thisYear = () => new Date().getFullYear();

// ———————————————————————————————————— 校历 ————————————————————————————————————

export function SemesterSettings() {
  const notify = useNotice();
  const now = thisYear();
  const years = [now - 2, now - 1, now, now + 1].map((y) => `${y}-${y + 1}`);
  const [academicYear, setAcademicYear] = useState(() =>
    new Date().getMonth() >= 7 ? `${now}-${now + 1}` : `${now - 1}-${now}`,
  );
  const [terms, setTerms] = useState<Semester[] | null>(null);

  const load = useCallback(() => {
    api.semesters
      .list({ academicYears: [academicYear] })
      .then(setTerms, (e: Error) => notify({ kind: 'error', text: e.message }));
  }, [academicYear, notify]);
  useEffect(load, [load]);

  const edit = (term: 1 | 2, k: 'start' | 'end', v: string) =>
    setTerms((ts) => ts?.map((s) => (s.term === term ? { ...s, [k]: v } : s)) ?? null);

  const save = async (s: Semester) => {
    try {
      const saved = await api.semesters.save({
        academicYear: s.academicYear,
        term: s.term,
        start: s.start,
        end: s.end,
        name: s.name,
      });
      notify({
        kind: 'info',
        text: `已保存${saved.academicYear}学年${TERM[saved.term]}：${saved.start} 至 ${saved.end}`,
      });
      ledgerChanged();
      load();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  };

  return (
    <>
      <h2>校历</h2>
      <p className="muted">
        按学期统计的要求（如“每学期听课不少于2次”）按这里的起止日期划分学期。没有设置的学年使用默认日期。
      </p>
      <label className="form-field" style={{ maxWidth: 240 }}>
        学年
        <select value={academicYear} onChange={(e) => setAcademicYear(e.target.value)} aria-label="学年">
          {(years.includes(academicYear) ? years : [academicYear, ...years]).map((y) => (
            <option key={y} value={y}>
              {y}学年
            </option>
          ))}
        </select>
      </label>
      {!terms ? (
        <p className="muted">正在读取校历…</p>
      ) : (
        <table className="vocabulary-table" data-testid="semesters">
          <thead>
            <tr>
              <th>学期</th>
              <th>开始日期</th>
              <th>结束日期</th>
              <th />
              <th />
            </tr>
          </thead>
          <tbody>
            {terms.map((s) => (
              <tr key={s.term} aria-label={TERM[s.term]}>
                <td>{TERM[s.term]}</td>
                <td>
                  <input
                    type="date"
                    aria-label={`${TERM[s.term]}开始日期`}
                    value={s.start}
                    onChange={(e) => edit(s.term, 'start', e.target.value)}
                  />
                </td>
                <td>
                  <input
                    type="date"
                    aria-label={`${TERM[s.term]}结束日期`}
                    value={s.end}
                    onChange={(e) => edit(s.term, 'end', e.target.value)}
                  />
                </td>
                <td className="muted">{s.stored ? '已设置' : '默认日期'}</td>
                <td className="row-actions">
                  <button onClick={() => void save(s)}>保存{TERM[s.term]}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

// ———————————————————————————————————— 节假日 ————————————————————————————————————

interface Draft {
  days: HolidayDayInput[];
  /** Where the draft came from: 手工录入, 国务院通知, the .ics file's name. */
  origin: string;
}

const emptyDay = (year: number): HolidayDayInput => ({ date: `${year}-01-01`, kind: 'holiday', name: '元旦' });

export function HolidaySettings() {
  const notify = useNotice();
  const [overview, setOverview] = useState<CalendarOverview | null>(null);
  const [year, setYear] = useState(() => thisYear() + 1);
  const [current, setCurrent] = useState<HolidayYear | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const icsInput = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    api.calendar.overview({}).then(setOverview, (e: Error) => notify({ kind: 'error', text: e.message }));
    api.calendar.holidays({ year }).then(setCurrent, (e: Error) => notify({ kind: 'error', text: e.message }));
  }, [year, notify]);
  useEffect(load, [load]);

  const pick = (y: number) => {
    setYear(y);
    setDraft(null);
    setNotice(null);
    setProblems([]);
  };

  const refusal = (e: unknown) => {
    const err = e as Error & { issues?: { field?: string; message: string }[] };
    setProblems(
      err.issues?.length ? err.issues.map((i) => (i.field ? `${i.field}：${i.message}` : i.message)) : [err.message],
    );
  };

  const read = async (format: 'notice' | 'ics', content: string, origin: string) => {
    setProblems([]);
    try {
      const days = await api.calendar.parseHolidays({ year, format, content });
      setDraft({ days, origin });
      setNotice(null);
    } catch (e) {
      refusal(e);
    }
  };

  const readIcs = async (file: File) => read('ics', await file.text(), file.name);

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setProblems([]);
    try {
      const r = await api.calendar.saveHolidays({ year, days: draft.days, origin: draft.origin });
      notify({
        kind: 'info',
        text:
          `已保存${year}年节假日安排（${draft.origin}）：放假${r.holidays}天，调休上班${r.workdays}天；` +
          `重新计算督办期限${r.followUpsUpdated}件${r.followUpsCleared ? `，其中${r.followUpsCleared}件不再“待核”` : ''}。`,
      });
      setDraft(null);
      ledgerChanged();
      load();
    } catch (e) {
      refusal(e);
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    try {
      const r = await api.calendar.clearHolidays({ year });
      notify({
        kind: 'info',
        text: `已删除自行录入的${year}年节假日安排；重新计算督办期限${r.followUpsUpdated}件。`,
      });
      ledgerChanged();
      load();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  };

  const editDay = (i: number, patch: Partial<HolidayDayInput>) =>
    setDraft((d) => (d ? { ...d, days: d.days.map((x, j) => (j === i ? { ...x, ...patch } : x)) } : d));

  const shown = draft?.days ?? current?.days ?? [];

  return (
    <>
      <h2>节假日</h2>
      <p className="muted">
        督办事项的“工作日”期限按国务院办公厅公布的节假日安排计算。没有安排的年份，跨入该年的期限按周一至周五计算并标为“（待核）”；录入该年的安排后，所有期限重新计算，“待核”随之消失。
      </p>
      {overview && (
        <table className="vocabulary-table" data-testid="holiday-years">
          <thead>
            <tr>
              <th>年度</th>
              <th>节假日安排</th>
              <th>放假</th>
              <th>调休上班</th>
              <th>待核的督办期限</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {overview.years.map((y) => (
              <tr key={y.year} aria-label={`${y.year}年`} className={y.year === year ? 'selected' : undefined}>
                <td>{y.year}年</td>
                <td>{SOURCE[y.source]}</td>
                <td>{y.source === 'none' ? '' : `${y.holidays}天`}</td>
                <td>{y.source === 'none' ? '' : `${y.workdays}天`}</td>
                <td className={y.flaggedFollowUps ? 'form-errors' : undefined}>
                  {y.flaggedFollowUps ? `${y.flaggedFollowUps}件` : ''}
                </td>
                <td className="row-actions">
                  <button onClick={() => pick(y.year)} aria-label={`查看或录入${y.year}年`}>
                    {y.year === year ? '正在查看' : y.source === 'none' ? '录入' : '查看'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3 data-testid="holiday-year-title">
        {year}年节假日安排
        {!draft && current && (
          <span className="muted">
            （{SOURCE[current.source]}
            {current.origin ? `：${current.origin}` : ''}）
          </span>
        )}
        {draft && <span className="muted">（待保存：{draft.origin}）</span>}
      </h3>
      <div className="vocabulary-add">
        <button onClick={() => icsInput.current?.click()}>从 .ics 文件导入…</button>
        <input
          ref={icsInput}
          type="file"
          accept=".ics,text/calendar"
          hidden
          data-testid="holiday-ics"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void readIcs(f);
          }}
        />
        <button onClick={() => setNotice(notice === null ? '' : null)}>粘贴国务院办公厅通知…</button>
        <button
          onClick={() =>
            setDraft((d) => ({
              origin: d?.origin ?? '手工录入',
              days: [...(d?.days ?? current?.days ?? []), emptyDay(year)],
            }))
          }
        >
          手工添加一天
        </button>
        {!draft && current?.source === 'user' && <button onClick={() => void clear()}>删除自行录入的安排</button>}
      </div>
      {notice !== null && (
        <div style={{ marginTop: 8 }}>
          <label className="form-field">
            把《国务院办公厅关于{year}年部分节假日安排的通知》的正文或表格粘贴在这里
            <textarea
              aria-label="通知正文"
              rows={7}
              value={notice}
              placeholder={`一、元旦：1月1日至3日放假调休，共3天。\n二、春节：……放假调休，共8天。2月…日（周六）上班。`}
              onChange={(e) => setNotice(e.target.value)}
            />
          </label>
          <div className="modal-buttons">
            <button onClick={() => setNotice(null)}>取消</button>
            <button
              className="primary"
              disabled={!notice.trim()}
              onClick={() => void read('notice', notice, '国务院办公厅通知')}
            >
              读取通知
            </button>
          </div>
        </div>
      )}
      {problems.length > 0 && (
        <ul className="form-errors" data-testid="holiday-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {shown.length === 0 ? (
        <p className="muted">{year}年还没有节假日安排。</p>
      ) : (
        <table className="vocabulary-table" data-testid="holiday-days">
          <thead>
            <tr>
              <th>日期</th>
              <th>星期</th>
              <th>类别</th>
              <th>节日</th>
              {draft && <th />}
            </tr>
          </thead>
          <tbody>
            {shown.map((d, i) =>
              draft ? (
                <tr key={i}>
                  <td>
                    <input
                      type="date"
                      aria-label={`第${i + 1}天日期`}
                      value={d.date}
                      onChange={(e) => editDay(i, { date: e.target.value })}
                    />
                  </td>
                  <td>{/^\d{4}-\d{2}-\d{2}$/.test(d.date) ? `星期${WEEKDAY[weekday(d.date)]}` : ''}</td>
                  <td>
                    <select
                      aria-label={`第${i + 1}天类别`}
                      value={d.kind}
                      onChange={(e) => editDay(i, { kind: e.target.value as HolidayDayInput['kind'] })}
                    >
                      <option value="holiday">放假</option>
                      <option value="workday">调休上班</option>
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`第${i + 1}天节日`}
                      value={d.name}
                      style={{ width: 90 }}
                      onChange={(e) => editDay(i, { name: e.target.value })}
                    />
                  </td>
                  <td className="row-actions">
                    <button
                      onClick={() => setDraft({ ...draft, days: draft.days.filter((_, j) => j !== i) })}
                      aria-label={`删去第${i + 1}天`}
                    >
                      删去
                    </button>
                  </td>
                </tr>
              ) : (
                <tr key={d.date}>
                  <td>{d.date}</td>
                  <td>星期{WEEKDAY[weekday(d.date)]}</td>
                  <td>{KIND[d.kind]}</td>
                  <td>{d.name}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {draft && (
        <div className="modal-buttons">
          <button
            onClick={() => {
              setDraft(null);
              setProblems([]);
            }}
          >
            放弃
          </button>
          <button className="primary" disabled={busy} onClick={() => void save()} data-testid="holiday-save">
            保存{year}年安排（放假{draft.days.filter((d) => d.kind === 'holiday').length}天，调休上班
            {draft.days.filter((d) => d.kind === 'workday').length}天）
          </button>
        </div>
      )}
    </>
  );
}
