// 接待日: a semester's reception-day rota generated from a roster rule (holidays skipped, 校领导 in
// rotation), two duties picked and swapped, each duty showing whether its record has been entered.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RotaDuty } from '../../../../shared/api/rota';
import type { EvalRuleInfo } from '../../../../shared/api/evaluation';
import type { Semester } from '../../../../shared/api/rules';
import { api } from '../../api';
import { useNotice } from '../../components/Notice';

export function RotaPage() {
  const notify = useNotice();
  const [rules, setRules] = useState<EvalRuleInfo[]>([]);
  const [rulesNote, setRulesNote] = useState<string | null>(null);
  const [ruleId, setRuleId] = useState<number | null>(null);
  const [semesters, setSemesters] = useState<Semester[]>([]);
  const [semKey, setSemKey] = useState('');
  const [place, setPlace] = useState('');
  const [duties, setDuties] = useState<RotaDuty[]>([]);
  const [picked, setPicked] = useState<number[]>([]);

  useEffect(() => {
    api.semesters
      .list({})
      .then((s) => {
        setSemesters(s);
        const today = new Date().toISOString().slice(0, 10);
        const current = s.find((x) => x.start <= today && today <= x.end) ?? s.find((x) => x.start > today) ?? s[0];
        setSemKey((cur) => cur || (current ? `${current.academicYear}#${current.term}` : ''));
      })
      .catch((e: Error) => notify({ kind: 'error', text: e.message }));
  }, [notify]);

  const semester = useMemo(() => semesters.find((s) => `${s.academicYear}#${s.term}` === semKey), [semesters, semKey]);
  // The roster rules that judge the semester, from the same loader as 统计考核 and the documents.
  useEffect(() => {
    if (!semester) return;
    api.evaluation
      .rules({ selection: { from: semester.start, to: semester.end } })
      .then((r) => {
        const roster = r.rules.filter((x) => x.kind === 'roster');
        setRules(roster);
        setRulesNote(r.note);
        setRuleId((cur) => (cur !== null && roster.some((x) => x.id === cur) ? cur : (roster[0]?.id ?? null)));
      })
      .catch((e: Error) => notify({ kind: 'error', text: e.message }));
  }, [semester, notify]);
  const load = useCallback(async () => {
    if (!semester) return;
    try {
      const all = await api.rota.list({ from: semester.start, to: semester.end });
      setDuties(ruleId === null ? all : all.filter((d) => d.ruleId === ruleId));
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  }, [semester, ruleId, notify]);
  useEffect(() => {
    void load();
  }, [load]);

  const generate = async () => {
    if (!semester || ruleId === null) return;
    try {
      const list = await api.rota.generate({
        ruleId,
        academicYear: semester.academicYear,
        term: semester.term,
        place,
      });
      setPicked([]);
      notify({ kind: 'info', text: `已生成${semester.name}接待日排班，共${list.length}次（节假日已跳过）。` });
      await load();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  };
  const swap = async () => {
    if (picked.length !== 2) return;
    try {
      const [a, b] = await api.rota.swap({ a: picked[0]!, b: picked[1]! });
      notify({ kind: 'info', text: `已对调：${a!.date} ${a!.cadreName}，${b!.date} ${b!.cadreName}。` });
      setPicked([]);
      await load();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  };
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const rule = rules.find((r) => r.id === ruleId);

  return (
    <section className="page rota-page">
      <header className="page-header">
        <h1>接待日</h1>
        {rule && <span className="muted">{rule.description}</span>}
      </header>
      <div className="toolbar">
        <label className="field-inline">
          排班要求
          <select
            aria-label="排班要求"
            value={ruleId ?? ''}
            onChange={(e) => setRuleId(Number(e.target.value))}
            style={{ width: 280 }}
          >
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}（{r.clauseLabel}）
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          学期
          <select aria-label="学期" value={semKey} onChange={(e) => setSemKey(e.target.value)} style={{ width: 300 }}>
            {semesters.map((s) => (
              <option key={`${s.academicYear}#${s.term}`} value={`${s.academicYear}#${s.term}`}>
                {s.name}（{s.start}至{s.end}）
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          地点
          <input
            aria-label="地点"
            value={place}
            onChange={(e) => setPlace(e.target.value)}
            placeholder="值班校领导办公室"
            style={{ width: 160 }}
          />
        </label>
        <button className="primary" onClick={generate} disabled={!rules.length || !semester}>
          生成排班
        </button>
        <button onClick={swap} disabled={picked.length !== 2}>
          对调所选两次
        </button>
        <span className="toolbar-count muted">
          共 {duties.length} 次，已记录 {duties.filter((d) => d.recordId !== null).length} 次
        </span>
      </div>
      {!rules.length && (
        <p className="muted">本学期没有排班类要求（如“每周三校领导接待日”）。请先在“制度”中载入或启用。</p>
      )}
      {rulesNote && <p className="muted">{rulesNote}。</p>}
      <div className="rota-box">
        <table className="plain-table rota-table" data-testid="rota-table">
          <thead>
            <tr>
              <th style={{ width: 40 }} />
              <th>日期</th>
              <th>星期</th>
              <th>值班领导</th>
              <th>职务</th>
              <th>时间</th>
              <th>地点</th>
              <th>联系记录</th>
            </tr>
          </thead>
          <tbody>
            {duties.map((d) => (
              <tr key={d.id} className={picked.includes(d.id) ? 'picked' : ''} onClick={() => toggle(d.id)}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`选择 ${d.date}`}
                    checked={picked.includes(d.id)}
                    onChange={() => toggle(d.id)}
                    onClick={(e) => e.stopPropagation()}
                  />
                </td>
                <td>{d.date}</td>
                <td>{d.weekday}</td>
                <td>{d.cadreName}</td>
                <td>{d.cadreTitle}</td>
                <td>{d.startTime ? `${d.startTime}—${d.endTime ?? ''}` : '全天'}</td>
                <td>{d.place}</td>
                <td>
                  {d.recordId !== null ? (
                    <span className="status-met-text">已记录（#{d.recordId}）</span>
                  ) : (
                    <span className="muted">未记录</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
