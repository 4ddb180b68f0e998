// 制度 → 编辑要求: what a rule being written gives on the ledger as it stands — how many cadres met, missed or
// are 预警 in the period running today, with their names — before anything is saved.
import type { ParsedInput } from '../../shared/api/contract';
import type { RulePreview } from '../../shared/api/rules';
import { describeRule } from '../../shared/rules/describe';
import { evaluate } from '../../shared/rules/evaluate';
import type { EvalResult } from '../../shared/rules/types';
import { validateRule } from '../../shared/rules/validate';
import type { ServiceContext } from './context';
import { evaluationInput, ledgerDataFor, resultNotes } from './evaluation-inputs';
import { ruleChecker } from './vocabulary';

const MAX_ROWS = 200;

function localToday(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The result of each subject to show: the period running on asOf, else the latest one begun before it. */
function current(results: EvalResult[], asOf: string): EvalResult[] {
  const bySubject = new Map<string, EvalResult>();
  for (const r of results) {
    if (r.status === 'n/a') continue;
    const key = r.followUpId ? `f${r.followUpId}|${r.stage ?? ''}` : `${r.cadreId ?? ''}|${r.unitId ?? ''}`;
    const prev = bySubject.get(key);
    const running = r.period.start <= asOf && asOf <= r.period.end;
    if (!prev) {
      bySubject.set(key, r);
      continue;
    }
    const prevRunning = prev.period.start <= asOf && asOf <= prev.period.end;
    if (running && !prevRunning) bySubject.set(key, r);
    else if (!prevRunning && !running && r.period.start <= asOf && r.period.start > prev.period.start)
      bySubject.set(key, r);
  }
  return [...bySubject.values()];
}

export function rulePreviewHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    'rules.preview': ({ body, year, asOf }: ParsedInput<'rules.preview'>): RulePreview => {
      // A rule still being written has no code yet; everything else must already hold together.
      const draft = body && typeof body === 'object' && !(body as { id?: unknown }).id ? { ...body, id: '预览' } : body;
      const rule = validateRule(draft, '预览');
      const today = localToday(ctx.now());
      const at =
        asOf ?? (today < `${year}-01-01` ? `${year}-01-01` : today > `${year}-12-31` ? `${year}-12-31` : today);
      const { data, index } = ledgerDataFor(db, { year });
      const results = evaluate(evaluationInput(data, [rule], at, { year }), index(at));
      const cadreName = (id: string) => data.cadreById.get(id)?.name ?? id;
      const shown = current(results, at);
      const counts = { met: 0, missed: 0, open: 0, behind: 0 };
      for (const r of shown) if (r.status !== 'n/a') counts[r.status]++;
      const order = { behind: 0, missed: 1, open: 2, met: 3, 'n/a': 4 } as const;
      const rows = shown
        .sort((a, b) => order[a.status] - order[b.status])
        .slice(0, MAX_ROWS)
        .map((r) => {
          const { notes } = resultNotes(r, rule, data);
          // A 督办 item by its number and what it is about, as 统计考核 names it.
          const matter = r.followUpId ? (data.followUpInfo.get(r.followUpId)?.matter ?? '') : '';
          const name = r.followUpId
            ? `督办事项第${r.followUpId}号${r.stage === 'reply' ? '（首次答复）' : r.stage === 'close' ? '（办结）' : ''}${matter ? `：${matter.length > 20 ? `${matter.slice(0, 20)}…` : matter}` : ''}`
            : r.cadreId
              ? cadreName(r.cadreId)
              : r.unitId
                ? (data.unitNames.get(r.unitId) ?? r.unitId)
                : rule.who.scope === 'cadre'
                  ? `${rule.who.label ?? '适用对象'}（集体）`
                  : '本单位';
          return {
            name,
            period: r.period.label,
            required: r.required,
            achieved: r.achieved,
            unit: r.unit,
            status: r.status,
            note: notes.join('；'),
          };
        });
      // What the 制度 page would warn of once it is saved (a value no list holds, a filter nobody matches) …
      const listed = ruleChecker(db)(rule);
      const warnings = listed.map((w) => w.message);
      // … and, from the evaluation itself, a rule nobody falls under for another reason (term of office …).
      if (
        rule.who.scope === 'cadre' &&
        !results.some((r) => r.status !== 'n/a') &&
        rule.kind !== 'deadline' &&
        !listed.some((w) => w.problem === 'noCadre' && !w.list)
      )
        warnings.push(
          data.cadres.length ? '名册中没有一位干部符合这条要求的适用对象' : '名册中还没有干部，录入后才能预览',
        );
      if (rule.kind === 'deadline' && !results.length)
        warnings.push(`${year}年没有“${rule.events.join('、')}”类的督办事项`);
      if (!rule.measurable) warnings.push('这条要求设为不计量，不参加考核');
      return {
        description: describeRule(rule, { unit: (id) => data.unitNames.get(id) }),
        asOf: at,
        year,
        subjects: shown.length,
        counts,
        rows,
        warnings,
      };
    },
  };
}
