// One rule checked as a whole before it is stored: its structure (the schema) and what the schema cannot say —
// a minimum above its maximum, a period the kind cannot have, an empty list where a choice is needed. Every
// refusal names the field in Chinese; the editor, the CLI and the service all call this one function.
import { labelAt, summarize, toFieldIssues } from '../api/zod-zh';
import { LedgerError, type FieldIssue } from '../errors';
import { KNOWN_WINDOWS } from './periods';
import { windowKey } from './patterns';
import {
  KIND_SCHEMAS,
  RULE_KINDS,
  rule as ruleSchema,
  type CadreFilter,
  type Counts,
  type DatePattern,
  type PeriodKind,
  type Rule,
  type RuleKind,
} from './schema';

export const KIND_LABEL: Record<RuleKind, string> = {
  frequency: '频次',
  coverage: '覆盖',
  interval: '间隔',
  quota: '联系点',
  deadline: '时限',
  roster: '排班',
  task: '任务',
};

type Problem = { path: (string | number)[]; message: string };

function emptyLists(obj: Record<string, unknown> | undefined, path: (string | number)[], out: Problem[]): void {
  if (!obj) return;
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v) && v.length === 0) out.push({ path: [...path, k], message: '请至少选择一项，或不设此条件' });
    else if (v && typeof v === 'object' && !Array.isArray(v))
      emptyLists(v as Record<string, unknown>, [...path, k], out);
  }
}

function filterProblems(f: CadreFilter, path: (string | number)[], out: Problem[]): void {
  emptyLists(f as Record<string, unknown>, path, out);
}

function patternProblems(p: DatePattern | undefined, path: (string | number)[], out: Problem[]): void {
  if (!p) return;
  emptyLists(p as Record<string, unknown>, path, out);
  if (p.timeFrom && p.timeTo && p.timeFrom >= p.timeTo)
    out.push({ path: [...path, 'timeTo'], message: '应晚于开始时间' });
  if (p.everyNWeeks && p.isoWeekParity)
    out.push({ path: [...path, 'everyNWeeks'], message: '不能与单双周同时设置，请只用其中一种' });
  if (p.window && !KNOWN_WINDOWS.includes(windowKey(p.window)))
    out.push({ path: [...path, 'window'], message: `“${p.window}”不是已知的节日时段（${KNOWN_WINDOWS.join('、')}）` });
  if (p.onHoliday && p.workdaysOnly === false)
    out.push({ path: [...path, 'onHoliday'], message: '与“不限工作日”矛盾' });
}

function countsProblems(c: Counts, path: (string | number)[], out: Problem[]): void {
  emptyLists({ activityTypes: c.activityTypes, objects: c.objects }, path, out);
  patternProblems(c.pattern, [...path, 'pattern'], out);
}

function periodProblems(
  kind: RuleKind,
  period: PeriodKind,
  windows: string[] | undefined,
  perCadre: boolean,
  path: (string | number)[],
  out: Problem[],
): void {
  const at = (k: string) => [...path, k];
  if (period === 'window') {
    if (!windows || !windows.length) out.push({ path: at('windows'), message: '周期为节日时段时，请选择节日' });
    else
      for (const w of windows)
        if (!KNOWN_WINDOWS.includes(windowKey(w)))
          out.push({ path: at('windows'), message: `“${w}”不是已知的节日时段（${KNOWN_WINDOWS.join('、')}）` });
  } else if (windows && windows.length) out.push({ path: at('windows'), message: '只有周期为“节日时段”时才填写节日' });
  if (period === 'termOfOffice' && !perCadre)
    out.push({
      path: at('period'),
      message: `${KIND_LABEL[kind]}要求${kind === 'roster' || kind === 'task' ? '' : '由单位或集体完成时'}不能以“任期内”为周期`,
    });
  if ((kind === 'roster' || kind === 'task') && period === 'window')
    out.push({ path: at('period'), message: `${KIND_LABEL[kind]}要求不能以“节日时段”为周期` });
}

function amountProblems(min: number | undefined, max: number | undefined, path: (string | number)[], out: Problem[]) {
  if (min !== undefined && max !== undefined && min > max)
    out.push({ path: [...path, 'max'], message: `不能小于“至少”（${min}）` });
}

/** What the schema cannot check: contradictions between fields of one rule. Empty when the rule is sound. */
export function ruleProblems(r: Rule): Problem[] {
  const out: Problem[] = [];
  const w = r.who;
  filterProblems(w.cadres, ['who', 'cadres'], out);
  if (w.unitCategories && !w.unitCategories.length)
    out.push({ path: ['who', 'unitCategories'], message: '请至少选择一个单位类别，或不设此条件' });
  const eachCadre = w.scope === 'cadre' && !('collective' in r && r.collective);
  switch (r.kind) {
    case 'frequency': {
      countsProblems(r.counts, ['counts'], out);
      periodProblems(r.kind, r.period, r.windows, eachCadre, [], out);
      amountProblems(r.min, r.max, [], out);
      if (r.measurable && r.min === undefined && r.max === undefined && r.minShareOfWorkdays === undefined)
        out.push({ path: ['min'], message: '请填写“至少”或“至多”' });
      if (r.minShareOfWorkdays !== undefined && r.quantity !== 'days')
        out.push({ path: ['minShareOfWorkdays'], message: '只能与“天数”计量一起使用' });
      if (r.consecutiveWorkdays && r.quantity !== 'consecutiveDays')
        out.push({ path: ['consecutiveWorkdays'], message: '只能与“连续天数”计量一起使用' });
      (r.also ?? []).forEach((t, i) => {
        periodProblems(r.kind, t.period, t.windows, eachCadre, ['also', i], out);
        amountProblems(t.min, t.max, ['also', i], out);
        if (t.min === undefined && t.max === undefined)
          out.push({ path: ['also', i, 'min'], message: '请填写“至少”或“至多”' });
        if (t.period === r.period && (t.quantity ?? r.quantity) === r.quantity)
          out.push({ path: ['also', i, 'period'], message: '与主要求的周期和计量相同，请改为另一周期或计量' });
      });
      if (r.also && !r.also.length) out.push({ path: ['also'], message: '请至少填写一项，或不设此条件' });
      break;
    }
    case 'coverage':
      countsProblems(r.counts, ['counts'], out);
      periodProblems(r.kind, r.period, r.windows, eachCadre, [], out);
      if (r.members) {
        filterProblems(r.members.cadres, ['members', 'cadres'], out);
        if (r.counts.objects) out.push({ path: ['members'], message: '覆盖的是干部时，不能再设“联系对象”条件' });
        if (r.members.sameUnit && w.scope !== 'cadre')
          out.push({ path: ['members', 'sameUnit'], message: '只适用于每位干部各自的要求' });
      }
      if (r.collective && r.counts.objects?.among)
        out.push({ path: ['counts', 'objects', 'among'], message: '集体完成时，不能限于本人联系点或本单位' });
      break;
    case 'interval': {
      countsProblems(r.counts, ['counts'], out);
      const o = r.counts.objects;
      if (r.per === 'object' && !(o && (o.categories?.length || o.among)))
        out.push({ path: ['per'], message: '按每个对象计算间隔时，请在“联系对象”中选择对象类别或范围' });
      if (r.collective && o?.among)
        out.push({ path: ['counts', 'objects', 'among'], message: '集体完成时，不能限于本人联系点或本单位' });
      break;
    }
    case 'quota':
      r.slots.forEach((s, i) => amountProblems(s.min, s.max, ['slots', i], out));
      if (r.measurable && !r.slots.length && !r.exclusive && !r.minDurationDays && !r.attributeChecks.length)
        out.push({ path: ['slots'], message: '请至少填写一种联系类型' });
      if (w.scope !== 'cadre') out.push({ path: ['who', 'scope'], message: '联系点要求只适用于领导干部' });
      break;
    case 'deadline':
      if (r.reply) {
        if ((r.reply.dayKind ?? r.dayKind) === r.dayKind && r.reply.within > r.within)
          out.push({ path: ['reply', 'within'], message: `不能长于办结期限（${r.within}）` });
        if (r.on === 'reply') out.push({ path: ['on'], message: '已设“首次答复”时，主期限应以办结日期为准' });
      }
      if (r.extension && r.on === 'reply')
        out.push({ path: ['extension'], message: '延期只适用于以办结日期为准的期限' });
      if (r.satisfiedBy && (r.reply || r.on !== 'any'))
        out.push({ path: ['satisfiedBy'], message: '以联系记录办结时，不能再分答复和办结阶段' });
      break;
    case 'roster':
      patternProblems(r.pattern, ['pattern'], out);
      periodProblems(r.kind, r.period, undefined, false, [], out);
      if (w.scope === 'institution' && r.perDuty > 1)
        out.push({ path: ['perDuty'], message: '由本单位整体承担时每次人数只能是1' });
      break;
    case 'task':
      periodProblems(r.kind, r.period, undefined, false, [], out);
      if (r.dueOnHoliday && !r.due) out.push({ path: ['dueOnHoliday'], message: '请先填写截止日期' });
      if (r.before) {
        const b = r.before;
        if (r.due) out.push({ path: ['due'], message: '已设“值班日前办理”时不能再设截止日期，请只用其中一种' });
        patternProblems(b.pattern, ['before', 'pattern'], out);
        const p = b.pattern;
        if (!p.weekdays?.length && !p.daysOfMonth?.length && !p.dates?.length && !p.nthWeekday && !p.everyNWeeks)
          out.push({ path: ['before', 'pattern'], message: '请选择值班的日期或星期' });
        if (b.max !== undefined && b.max < b.min)
          out.push({ path: ['before', 'max'], message: `不能小于“至少提前”（${b.min}）` });
        if (r.min > 1) out.push({ path: ['min'], message: '值班日前办理时每个值班日办理一次，次数只能是1' });
      }
      break;
  }
  return out;
}

/**
 * Validates one rule as entered (form, CLI, file) and returns it with defaults filled in; a refusal names each
 * field in Chinese ("新增要求：「至多」不能小于“至少”（3）"). The union's branch is chosen by kind first, so
 * the labels of that branch's fields are found.
 */
export function validateRule(body: unknown, where = '要求'): Rule {
  const kind = (body as { kind?: unknown } | null)?.kind;
  const branch = typeof kind === 'string' ? KIND_SCHEMAS[kind as RuleKind] : undefined;
  if (!branch)
    throw new LedgerError(
      'INVALID_INPUT',
      `${where}：「类型」应为${RULE_KINDS.map((k) => `${KIND_LABEL[k]}（${k}）`).join('、')}之一`,
      [{ path: ['kind'], field: '类型', message: '不是可用的要求类型' }],
    );
  const parsed = ruleSchema.safeParse(body);
  if (!parsed.success) {
    const issues = toFieldIssues(branch, parsed.error);
    throw new LedgerError('INVALID_INPUT', `${where}：${summarize(issues)}`, issues);
  }
  const problems = ruleProblems(parsed.data);
  if (problems.length) {
    const issues: FieldIssue[] = problems.map((p) => ({
      path: p.path,
      field: labelAt(branch, p.path),
      message: p.message,
    }));
    throw new LedgerError('INVALID_INPUT', `${where}：${summarize(issues)}`, issues);
  }
  return parsed.data;
}
