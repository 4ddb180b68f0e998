// A rule read aloud: "每位校领导每学期听课不少于4学时（002 第十六条）".
import { describePattern } from './patterns';
import type { CadreFilter, Counts, PeriodKind, Rule } from './schema';

const PERIOD: Record<PeriodKind, string> = {
  week: '每周',
  month: '每月',
  twoMonths: '每两个月',
  quarter: '每季度',
  semester: '每学期',
  academicYear: '每学年',
  calendarYear: '每年',
  termOfOffice: '任期内',
  window: '',
};

function whoText(rule: Rule): string {
  const w = rule.who;
  if (w.label) return w.label;
  if (w.scope === 'institution') return '本单位';
  if (w.scope === 'unit') return `各${(w.unitCategories ?? ['单位']).join('、')}`;
  return cadresText(w.cadres);
}

function cadresText(f: CadreFilter): string {
  const parts: string[] = [];
  if (f.partyMember) parts.push('党员');
  if (f.unitCategories?.length) parts.push(f.unitCategories.join('、'));
  if (f.roles?.length) parts.push(f.roles.join('、'));
  else if (f.levels?.length) parts.push(f.levels.join('、'));
  else parts.push('领导干部');
  let s = parts.join('');
  if (f.excludeRoles?.length) s += `（${f.excludeRoles.join('、')}除外）`;
  return s;
}

function countsText(c: Counts, verbFallback = '联系'): string {
  const pat = describePattern(c.pattern);
  const objs = c.objects;
  let obj = '';
  if (objs) {
    const scope =
      objs.among === 'assignments'
        ? '所联系的'
        : objs.among === 'ownUnit'
          ? '本单位'
          : objs.among
            ? '所联系或本单位'
            : '';
    const grades = objs.grades?.length ? `${objs.grades.join('、')}` : '';
    obj = `${scope}${grades}${objs.categories?.join('或') ?? (scope ? '对象' : '')}`;
  }
  const act = c.activityTypes?.length ? c.activityTypes.join('或') : verbFallback;
  return `${pat}${obj ? `到${obj}` : ''}${act}`;
}

function periodText(period: PeriodKind, windows?: string[], c?: Counts): string {
  if (period === 'window') return `每逢${(windows ?? []).join('、')}`;
  // "每月每月10日" reads badly: the pattern already says 每月 / 每周.
  const p = c?.pattern;
  if (period === 'month' && p && (p.daysOfMonth || p.nthWeekday)) return '';
  if (period === 'week' && p && p.weekdays && !p.isoWeekParity) return '';
  return PERIOD[period];
}

function amount(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined && max !== min) return `${min}至${max}${unit}`;
  if (min !== undefined && max === min) return `${min}${unit}`;
  if (min !== undefined) return `不少于${min}${unit}`;
  if (max !== undefined) return `不超过${max}${unit}`;
  return '';
}

export function describeRule(rule: Rule): string {
  const who = whoText(rule);
  if (!rule.measurable) return `${who}：${rule.title}（${rule.clause}，不计量）`;
  const each = rule.who.scope === 'cadre' && !('collective' in rule && rule.collective) ? '每位' : '';
  let body: string;
  switch (rule.kind) {
    case 'frequency': {
      const unitWord = { count: '次', hours: '学时', days: '天', distinctObjects: '个对象', consecutiveDays: '天' }[
        rule.quantity
      ];
      const qty =
        rule.minShareOfWorkdays !== undefined
          ? `天数不少于工作日的${Math.round(rule.minShareOfWorkdays * 100)}%`
          : rule.quantity === 'consecutiveDays'
            ? `连续${rule.consecutiveWorkdays ? '工作日' : ''}${amount(rule.min, rule.max, '天')}`
            : amount(rule.min, rule.max, unitWord);
      if (rule.counts.companionsAbove !== undefined && !rule.min) {
        body = `联系群众随行人员不超过${rule.counts.companionsAbove}人`;
        break;
      }
      body = `${rule.collective ? '（集体）' : ''}${periodText(rule.period, rule.windows, rule.counts)}${countsText(rule.counts)}${qty}`;
      break;
    }
    case 'coverage': {
      const share =
        rule.fraction < 1
          ? `至少${Math.round(rule.fraction * 100) === 33 ? '三分之一' : `${Math.round(rule.fraction * 100)}%`}的`
          : '每个';
      body = `${rule.collective ? '至少有一人' : ''}${periodText(rule.period, rule.windows)}${countsText(
        { ...rule.counts, objects: undefined },
        '联系',
      )}${share}${countsText({ objects: rule.counts.objects }, '').replace(/^到/, '') || '对象'}不少于${rule.perObject}次`;
      break;
    }
    case 'quota': {
      const slots = rule.slots.map(
        (s) => `${s.categories.join('或')}${amount(s.min, s.max, '个').replace('不少于', '至少')}`,
      );
      const extra: string[] = [];
      if (rule.exclusive) extra.push('联系点不交叉');
      if (rule.minDurationDays) extra.push(`每个联系点至少保持${rule.minDurationDays}天`);
      for (const c of rule.attributeChecks) extra.push(`${c.categories.join('、')}从${c.grades.join('、')}中确定`);
      body = `每年联系${[...slots, ...extra].join('，')}`;
      break;
    }
    case 'deadline':
      return `${rule.events.join('、')}应在${rule.within}${rule.dayKind === 'workdays' ? '个工作日' : '日'}内${
        rule.satisfiedBy ? rule.satisfiedBy.activityTypes.join('或') : '办结'
      }${rule.department ? `，由${rule.department}负责` : ''}（${rule.clause}）`;
    case 'roster':
      return `${who}${describePattern(rule.pattern) || '每天'}${rule.who.scope === 'unit' ? '安排领导' : '轮流'}${rule.activityTypes.join('或')}（${rule.clause}）`;
    case 'task':
      body = `${periodText(rule.period)}${rule.due ? `${Number(rule.due.slice(0, 2))}月${Number(rule.due.slice(3))}日前` : ''}完成${
        rule.activityTypes.join('或') || rule.title
      }${rule.min > 1 ? `${rule.min}次` : ''}`;
      return `${who}${body}（${rule.clause}）`;
  }
  return `${each}${who}${body}（${rule.clause}）`;
}
