// ledger evaluate: the evaluation (考核) of a year, an academic year or a span, as of a date — JSON or a table.
import { parseArgs } from 'node:util';
import type { SelectionInput } from '../../../../shared/api/evaluation';
import { fullResult } from '../../../../shared/api/evaluation-diff';
import { expandRows } from '../../../../shared/api/evaluation-outside';
import { STATUS_LABEL } from '../../../../shared/rules/types';
import type { Command } from '../command';
import { withLedger } from '../ledger';

/** Pads to a display width where a Chinese character takes two columns. */
function pad(s: string, width: number): string {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, width - w));
}

export const run: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      year: { type: 'string' },
      'academic-year': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
      all: { type: 'boolean' },
    },
  });
  let selection: SelectionInput;
  if (values.year) selection = { year: Number(values.year) };
  else if (values['academic-year']) selection = { academicYear: values['academic-year'] };
  else if (values.from && values.to) selection = { from: values.from, to: values.to };
  else {
    io.err('请给出统计范围：--year 2026、--academic-year 2025-2026 或 --from 日期 --to 日期');
    return 1;
  }
  return withLedger(io, values.db, { mustExist: true, readOnly: true }, async (ledger) => {
    // In process (no JSON between them), and without `since`: every row of the selection.
    const result = fullResult(
      await ledger.send('evaluation.run', {
        selection,
        ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
      }),
    );
    // Every row, the 不适用 rows of the cadres a rule leaves out (sent as a list) among them.
    const every = values.json || values.all ? expandRows(result) : result.rows;
    if (values.json) {
      const titles = new Map(result.rules.map((x) => [x.id, x.title]));
      io.out(
        JSON.stringify(
          every.map((x) => ({
            cadre: x.cadreName,
            rule: x.ruleCode,
            title: titles.get(x.ruleId) ?? '',
            clause: x.clause,
            description: x.description,
            period: { label: x.period.label, start: x.period.start, end: x.period.end },
            required: x.required,
            achieved: x.achieved,
            unit: x.unit,
            status: x.status,
            evidence: x.evidenceKind === 'records' ? x.evidence : [],
            ...(x.evidenceKind === 'assignments' ? { assignments: x.evidence } : {}),
            ...(x.notes.length ? { notes: x.notes } : {}),
            ...(x.missing.length ? { missing: x.missing } : {}),
            ...(x.max !== null ? { max: x.max } : {}),
            ...(x.followUpId !== null ? { followUp: x.followUpId } : {}),
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    io.out(`统计范围：${result.range.from} 至 ${result.range.to}，截至 ${result.asOf}，共${result.rules.length}条要求`);
    if (result.rulesNote) io.out(`说明：${result.rulesNote}`);
    const t = result.totals;
    io.out(
      `合计：达标${t.met}\u3000未达标${t.missed}\u3000进行中${t.open}\u3000预警${t.behind}\u3000不适用${t['n/a']}\u3000完成率${t.rate === null ? '—' : `${Math.round(t.rate * 100)}%`}`,
    );
    for (const rule of result.rules) {
      const rows = every.filter((x) => x.ruleId === rule.id && (values.all || x.status !== 'n/a'));
      if (!rows.length && !rule.notice) continue;
      io.out('');
      io.out(`【${rule.title}\u3000${rule.clauseLabel}】${rule.description}`);
      if (rule.notice) io.out(`  ※ ${rule.notice}`);
      for (const x of rows)
        io.out(
          `  ${pad(x.cadreName, 16)}${pad(x.period.label, 30)}${pad(`${x.achieved}/${x.required}${x.unit}`, 12)}${STATUS_LABEL[x.status]}${x.notes.length ? `\u3000${x.notes.join('；')}` : ''}`,
        );
    }
    return 0;
  });
};
