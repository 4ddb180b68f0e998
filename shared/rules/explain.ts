// Why a figure is what it is, built beside the evaluator from the same predicates so that the screen, the
// documents and the CLI tell the same story: the rule's sentence, the period, the records counted and those
// seen but not counted with the reason; and what is said of a rule as a whole (a deadline rule no item
// falls under).
import type { DeadlineRule } from './schema';
import type { EvalFollowUp } from './types';

/**
 * A deadline rule that no 督办事项 of the range falls under says so, and which kinds the range does have —
 * the usual cause is a rule naming a kind nobody creates (a preset's wording before kinds were derived).
 */
export function deadlineNotice(
  rule: DeadlineRule,
  followUps: readonly EvalFollowUp[],
  range: { from: string; to: string },
): string | null {
  const kinds = new Map<string, number>();
  for (const f of followUps) {
    if (f.raisedOn < range.from || f.raisedOn > range.to) continue;
    if (rule.events.includes(f.type)) return null;
    if (f.type) kinds.set(f.type, (kinds.get(f.type) ?? 0) + 1);
  }
  const named = rule.events.map((e) => `“${e}”`).join('、');
  // A kind inside an event's name (接待日 in 接待日反馈) is most likely what was meant: named first.
  const near = [...kinds.keys()].filter((k) => rule.events.some((e) => e.includes(k) || k.includes(e)));
  const present = [...kinds.entries()]
    .sort((a, b) => Number(near.includes(b[0])) - Number(near.includes(a[0])) || b[1] - a[1])
    .slice(0, 8)
    .map(([k, n]) => `${k}${n}项`)
    .join('、');
  return (
    `所选范围内没有类别为${named}的督办事项，本条要求无可考核的事项` +
    (present
      ? `（${near.length ? `是否应为${near.map((k) => `“${k}”`).join('、')}？` : ''}这一范围的督办事项类别有：${present}）`
      : '（这一范围没有督办事项）') +
    '。督办事项的类别取自它的来源记录的类型（由“转督办”生成的），没有来源记录的取“来源”所填（来信、来访、意见箱等）'
  );
}
