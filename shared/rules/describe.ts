// A rule read aloud: "每位校领导每学期听课不少于4学时（002 第十六条）". One sentence per rule, in the words a
// regulation would use; docs/rules.md gives the sentence of every construct.
import { describePattern, windowKey } from './patterns';
import type { CadreFilter, Counts, DayKind, MinDuration, PeriodKind, Rule, Threshold } from './schema';

const PERIOD: Record<PeriodKind, string> = {
  week: '每周',
  month: '每月',
  twoMonths: '每两个月',
  quarter: '每季度',
  halfYear: '每半年',
  semester: '每学期',
  academicYear: '每学年',
  calendarYear: '每年',
  termOfOffice: '任期内',
  window: '',
};

const QUANTITY_WORD = { count: '次', hours: '学时', days: '天', distinctObjects: '个对象', consecutiveDays: '天' };

/** Names for ids a rule may hold (units picked in a filter); ids are shown as they are without them. */
export interface DescribeNames {
  unit?: (id: string) => string | undefined;
}

function whoText(rule: Rule, names: DescribeNames): string {
  const w = rule.who;
  const except = exceptText(w.cadres, names);
  if (w.label) return w.label + except;
  if (w.scope === 'institution') return '本单位';
  if (w.scope === 'unit') return `各${(w.unitCategories?.length ? w.unitCategories : ['单位']).join('、')}`;
  return cadresText(w.cadres, names) + except;
}

function unitNames(ids: string[], names: DescribeNames): string {
  return ids.map((id) => names.unit?.(id) ?? `单位${id}`).join('、');
}

export function cadresText(f: CadreFilter, names: DescribeNames = {}): string {
  const parts: string[] = [];
  if (f.unitIds?.length) parts.push(unitNames(f.unitIds, names));
  if (f.partyMember) parts.push('党员');
  else if (f.partyMember === false) parts.push('非党员');
  if (f.unitCategories?.length) parts.push(f.unitCategories.join('、'));
  if (f.roles?.length) parts.push(f.roles.join('、'));
  else if (f.levels?.length) parts.push(f.levels.join('、'));
  else parts.push('领导干部');
  return parts.join('');
}

/** "（党委书记、校长除外）": the exceptions of a who-set, stated as the regulation states them. */
export function exceptText(f: CadreFilter, names: DescribeNames = {}): string {
  const x = f.except;
  if (!x) return '';
  const parts: string[] = [];
  if (x.unitIds?.length) parts.push(unitNames(x.unitIds, names));
  if (x.unitCategories?.length) parts.push(`${x.unitCategories.join('、')}的干部`);
  if (x.levels?.length) parts.push(`${x.levels.join('、')}干部`);
  if (x.roles?.length) parts.push(x.roles.join('、'));
  return parts.length ? `（${parts.join('、')}除外）` : '';
}

function durationText(m: MinDuration | undefined): string {
  if (!m) return '';
  const v = m.value;
  const what = m.unit === 'hours' ? `${v}小时` : m.unit === 'halfDays' ? (v === 1 ? '半天' : `${v}个半天`) : `${v}天`;
  return `（每次不少于${what}，不足的不计）`;
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
  // "到所联系的班级班级活动" reads as a stammer: an activity named after the place it happens in is 开展ed there.
  const joint = obj && objs?.categories?.some((k) => act.startsWith(k)) ? '开展' : '';
  return `${pat}${obj ? `到${obj}${joint}` : ''}${act}${durationText(c.minDuration)}`;
}

function periodText(period: PeriodKind, windows?: string[], c?: Counts): string {
  if (period === 'window') return `每逢${(windows ?? []).map(windowKey).join('、')}`;
  // "每月每月10日" reads badly: the pattern already says 每月 / 每周.
  const p = c?.pattern;
  if (period === 'month' && p && (p.daysOfMonth || p.nthWeekday)) return '';
  if (period === 'week' && p && p.weekdays && !p.isoWeekParity && !p.everyNWeeks) return '';
  return PERIOD[period];
}

function amount(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined && max !== min) return `${min}至${max}${unit}`;
  if (min !== undefined && max === min) return `${min}${unit}`;
  if (min !== undefined) return `不少于${min}${unit}`;
  if (max !== undefined) return `不超过${max}${unit}`;
  return '';
}

function dayText(n: number, kind: DayKind): string {
  return `${n}${kind === 'workdays' ? '个工作日' : '日'}`;
}

function thresholdText(t: Threshold, mainQuantity: keyof typeof QUANTITY_WORD): string {
  const q = t.quantity ?? mainQuantity;
  const unit = QUANTITY_WORD[q];
  const what = q === 'hours' ? '累计' : q === 'days' ? '累计' : q === 'consecutiveDays' ? '连续' : '';
  return `${periodText(t.period, t.windows)}${what}${amount(t.min, t.max, unit)}`;
}

export function describeRule(rule: Rule, names: DescribeNames = {}): string {
  const who = whoText(rule, names);
  if (!rule.measurable) return `${who}：${rule.title}（${rule.clause}，不计量）`;
  const each = rule.who.scope === 'cadre' && !('collective' in rule && rule.collective) ? '每位' : '';
  let body = '';
  switch (rule.kind) {
    case 'frequency': {
      const unitWord = QUANTITY_WORD[rule.quantity];
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
      const also = (rule.also ?? []).map((t) => `，且${thresholdText(t, rule.quantity)}`).join('');
      body = `${rule.collective ? '（集体）' : ''}${periodText(rule.period, rule.windows, rule.counts)}${countsText(rule.counts)}${qty}${also}`;
      break;
    }
    case 'coverage': {
      const share =
        rule.fraction < 1
          ? `至少${Math.round(rule.fraction * 100) === 33 ? '三分之一' : `${Math.round(rule.fraction * 100)}%`}的`
          : '每个';
      const act = countsText({ ...rule.counts, objects: undefined }, '联系');
      if (rule.members) {
        const m = rule.members;
        const set = `${m.sameUnit ? '本单位' : ''}${cadresText(m.cadres, names)}${exceptText(m.cadres, names)}`;
        const shareP = share === '每个' ? '每位' : share;
        body = `${rule.collective ? '至少有一人' : ''}${periodText(rule.period, rule.windows)}与${shareP}${set}${act}不少于${rule.perObject}次`;
        break;
      }
      body = `${rule.collective ? '至少有一人' : ''}${periodText(rule.period, rule.windows)}${act}${share}${countsText({ objects: rule.counts.objects }, '').replace(/^到/, '') || '对象'}不少于${rule.perObject}次`;
      break;
    }
    case 'interval': {
      const act = countsText({ ...rule.counts, objects: undefined }, '联系');
      const objs = rule.counts.objects
        ? countsText({ objects: rule.counts.objects }, '').replace(/^到/, '') || '对象'
        : '';
      const gap = `间隔不超过${dayText(rule.maxGap, rule.dayKind)}`;
      body =
        rule.per === 'object'
          ? `${rule.collective ? '（集体）' : ''}对每个${objs}${act}，同一对象相邻两次${gap}`
          : `${rule.collective ? '（集体）' : ''}${objs ? `到${objs}` : ''}${act}，相邻两次${gap}`;
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
    case 'deadline': {
      const verb = rule.satisfiedBy
        ? rule.satisfiedBy.activityTypes.join('或')
        : rule.on === 'close' || rule.reply
          ? '办结'
          : rule.on === 'reply'
            ? '答复'
            : '办结';
      const reply = rule.reply ? `${dayText(rule.reply.within, rule.reply.dayKind ?? rule.dayKind)}内首次答复、` : '';
      const ext = rule.extension
        ? `，经批准可延期，延期不超过${dayText(rule.extension.max, rule.extension.dayKind ?? rule.dayKind)}`
        : '';
      return `${rule.events.join('、')}应在${reply}${dayText(rule.within, rule.dayKind)}内${verb}${ext}${
        rule.department ? `，由${rule.department}负责` : ''
      }（${rule.clause}）`;
    }
    case 'roster': {
      const people = rule.perDuty > 1 ? `每次${rule.perDuty}人` : '';
      const how = rule.who.scope === 'unit' ? `安排领导${people}` : `轮流${people ? `（${people}）` : ''}`;
      const involved = rule.involved
        ? `，涉及的承办单位${
            rule.involved.cadres.roles?.length || rule.involved.cadres.levels?.length
              ? cadresText(rule.involved.cadres, names)
              : '负责人'
          }一同参加`
        : '';
      return `${who}${describePattern(rule.pattern) || '每天'}${how}${rule.activityTypes.join('或')}${involved}（${rule.clause}）`;
    }
    case 'task': {
      if (rule.before) {
        const b = rule.before;
        const ahead =
          b.max === undefined
            ? `至少${dayText(b.min, b.dayKind)}`
            : b.max === b.min
              ? dayText(b.min, b.dayKind)
              : `${b.min}至${dayText(b.max, b.dayKind)}`;
        return `${who}于${describePattern(b.pattern)}值班日前${ahead}${rule.activityTypes.join('或') || rule.title}（${rule.clause}）`;
      }
      const due = rule.due
        ? `${Number(rule.due.slice(0, 2))}月${Number(rule.due.slice(3))}日前${
            rule.dueOnHoliday === 'next'
              ? '（遇节假日顺延）'
              : rule.dueOnHoliday === 'previous'
                ? '（遇节假日提前）'
                : ''
          }`
        : '';
      body = `${periodText(rule.period)}${due}完成${rule.activityTypes.join('或') || rule.title}${rule.min > 1 ? `${rule.min}次` : ''}`;
      return `${who}${body}（${rule.clause}）`;
    }
  }
  return `${each}${who}${body}（${rule.clause}）`;
}
