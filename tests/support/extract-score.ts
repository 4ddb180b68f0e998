// Scores the extractor against rules written by hand from the same text: a hand-written rule is found when
// a proposal of the same kind has the same who, number, unit and period or deadline.
import type { Rule } from '../../shared/rules/schema';
import type { Proposal } from '../../shared/extract';

export interface Score {
  gold: Rule[];
  excluded: { rule: Rule; why: string }[];
  found: { rule: Rule; proposal: Proposal }[];
  missed: { rule: Rule; nearest?: Proposal; why: string }[];
  false: Proposal[];
  recall: number;
  precision: number;
}

const same = (a?: readonly string[], b?: readonly string[]) => {
  const x = [...(a ?? [])].sort().join('|');
  const y = [...(b ?? [])].sort().join('|');
  return x === y;
};

/** Why a proposal is not the hand-written rule, or '' when it is. */
export function difference(p: Rule, g: Rule): string {
  if (p.kind !== g.kind) return `类型 ${p.kind}≠${g.kind}`;
  if (p.who.scope !== g.who.scope) return `对象范围 ${p.who.scope}≠${g.who.scope}`;
  if (g.who.scope === 'cadre') {
    if (!same(p.who.cadres.levels, g.who.cadres.levels))
      return `级别 ${p.who.cadres.levels ?? '-'}≠${g.who.cadres.levels ?? '-'}`;
    if (!same(p.who.cadres.roles, g.who.cadres.roles))
      return `角色 ${p.who.cadres.roles ?? '-'}≠${g.who.cadres.roles ?? '-'}`;
  }
  switch (g.kind) {
    case 'frequency': {
      const q = p as typeof g;
      if (q.period !== g.period) return `周期 ${q.period}≠${g.period}`;
      if (g.period === 'window' && !same(q.windows, g.windows))
        return `节日时段 ${q.windows ?? '-'}≠${g.windows ?? '-'}`;
      if (q.quantity !== g.quantity) return `计量 ${q.quantity}≠${g.quantity}`;
      if ((q.min ?? null) !== (g.min ?? null)) return `至少 ${q.min}≠${g.min}`;
      if ((q.max ?? null) !== (g.max ?? null)) return `至多 ${q.max}≠${g.max}`;
      if ((q.minShareOfWorkdays ?? null) !== (g.minShareOfWorkdays ?? null)) return '工作日比例不同';
      return '';
    }
    case 'coverage': {
      const q = p as typeof g;
      if (q.period !== g.period) return `周期 ${q.period}≠${g.period}`;
      if (g.period === 'window' && !same(q.windows, g.windows))
        return `节日时段 ${q.windows ?? '-'}≠${g.windows ?? '-'}`;
      if (q.perObject !== g.perObject) return `每个对象次数 ${q.perObject}≠${g.perObject}`;
      if (Math.abs(q.fraction - g.fraction) > 0.01) return `比例 ${q.fraction}≠${g.fraction}`;
      return '';
    }
    case 'quota': {
      const q = p as typeof g;
      if (q.slots.length !== g.slots.length) return `联系类型数 ${q.slots.length}≠${g.slots.length}`;
      for (let i = 0; i < g.slots.length; i++) {
        const a = q.slots[i]!;
        const b = g.slots[i]!;
        if (a.min !== b.min) return `第${i + 1}类至少 ${a.min}≠${b.min}`;
        const amax = a.max ?? a.min;
        const bmax = b.max ?? b.min;
        if (a.max !== undefined && b.max !== undefined && amax !== bmax) return `第${i + 1}类至多 ${a.max}≠${b.max}`;
        if ((a.max !== undefined) !== (b.max !== undefined) && (a.max ?? b.max) !== a.min)
          return `第${i + 1}类至多不同`;
      }
      return '';
    }
    case 'deadline': {
      const q = p as typeof g;
      if (q.within !== g.within) return `期限 ${q.within}≠${g.within}`;
      if (q.dayKind !== g.dayKind) return `日的种类 ${q.dayKind}≠${g.dayKind}`;
      return '';
    }
    case 'roster': {
      const q = p as typeof g;
      if (!same(q.pattern.weekdays?.map(String), g.pattern.weekdays?.map(String))) return '星期不同';
      if (!same(q.pattern.daysOfMonth?.map(String), g.pattern.daysOfMonth?.map(String))) return '日期不同';
      if ((q.pattern.isoWeekParity ?? '') !== (g.pattern.isoWeekParity ?? '')) return '单双周不同';
      if ((q.pattern.everyNWeeks?.n ?? 1) !== (g.pattern.everyNWeeks?.n ?? 1)) return '每隔几周不同';
      if ((q.perDuty ?? 1) !== (g.perDuty ?? 1)) return `每次人数 ${q.perDuty ?? 1}≠${g.perDuty ?? 1}`;
      if (g.who.scope === 'unit' && !same(q.who.unitCategories, g.who.unitCategories)) return '单位类别不同';
      return '';
    }
    case 'interval': {
      const q = p as typeof g;
      if (q.maxGap !== g.maxGap) return `间隔 ${q.maxGap}≠${g.maxGap}`;
      if (q.per !== g.per) return `按对象/按人 ${q.per}≠${g.per}`;
      if (!same(q.who.cadres.unitCategories, g.who.cadres.unitCategories)) return '所在单位类别不同';
      return '';
    }
    case 'task': {
      const q = p as typeof g;
      if (q.period !== g.period) return `周期 ${q.period}≠${g.period}`;
      if ((q.due ?? '') !== (g.due ?? '')) return `截止 ${q.due}≠${g.due}`;
      if (q.min !== g.min) return `次数 ${q.min}≠${g.min}`;
      return '';
    }
  }
  return '';
}

/** Rules whose number the text does not give (the hand-written rule carries a default), left out of recall. */
export function notInText(r: Rule): string {
  if (r.measurable === false) return '不计量';
  if (/制度未定时限|默认/.test(r.note ?? '')) return `条文未给出数字（${r.note}）`;
  return '';
}

export function score(gold: readonly Rule[], proposals: readonly Proposal[]): Score {
  const counted: Rule[] = [];
  const excluded: { rule: Rule; why: string }[] = [];
  for (const r of gold) {
    const why = notInText(r);
    if (why) excluded.push({ rule: r, why });
    else counted.push(r);
  }
  const used = new Set<number>();
  const found: Score['found'] = [];
  const missed: Score['missed'] = [];
  // A maximum matching (augmenting paths), first over proposals from the rule's own clause, then over any
  // clause (hand-written rules cite clauses in their own way): no rule takes a proposal another needs.
  const match = new Map<Rule, number>();
  const owner = new Map<number, Rule>();
  const fits = (g: Rule, k: number, sameClause: boolean) =>
    difference(proposals[k]!.rule, g) === '' &&
    (!sameClause || clauseKey(proposals[k]!.rule.clause) === clauseKey(g.clause));
  const augment = (g: Rule, sameClause: boolean, seen: Set<number>): boolean => {
    for (let k = 0; k < proposals.length; k++) {
      if (seen.has(k) || !fits(g, k, sameClause)) continue;
      seen.add(k);
      const other = owner.get(k);
      if (!other || augment(other, sameClause, seen)) {
        match.set(g, k);
        owner.set(k, g);
        return true;
      }
    }
    return false;
  };
  for (const sameClause of [true, false]) for (const g of counted) if (!match.has(g)) augment(g, sameClause, new Set());
  for (const k of owner.keys()) used.add(k);
  for (const g of counted) {
    const i = match.get(g);
    if (i !== undefined) {
      found.push({ rule: g, proposal: proposals[i]! });
    } else {
      // The nearest: same kind, else anything from the same clause.
      const near =
        proposals.find(
          (p, k) => !used.has(k) && p.rule.kind === g.kind && clauseKey(p.rule.clause) === clauseKey(g.clause),
        ) ?? proposals.find((p, k) => !used.has(k) && clauseKey(p.rule.clause) === clauseKey(g.clause));
      missed.push({ rule: g, nearest: near, why: near ? difference(near.rule, g) : '无对应提议' });
    }
  }
  const falses = proposals.filter((_, k) => !used.has(k));
  return {
    gold: counted,
    excluded,
    found,
    missed,
    false: falses,
    recall: counted.length ? found.length / counted.length : 1,
    precision: proposals.length ? (proposals.length - falses.length) / proposals.length : 1,
  };
}

/** '002 第十六条' and '第十六条', '001 五.1' and '第五条第1项' compare equal. */
function clauseKey(c: string): string {
  return c
    .replace(/^\S+\s+/, '')
    .replace(/[–—-].*$/, '')
    .replace(/^第(.+?)条第(.+?)项$/, '$1.$2')
    .replace(/^第(.+?)条$/, '$1')
    .replace(/[a-z]$/, '');
}
