// The rule engine's public face: schema, periods, patterns, evaluation, description.
export * from './schema';
export * from './types';
export {
  evaluate,
  withOutside,
  outsideResult,
  createEvaluator,
  buildIndex,
  judge,
  cadreMatches,
  recordHours,
  meetsMinDuration,
  QUANTITY_UNIT,
} from './evaluate';
export type { EvalIndex } from './evaluate';
export { describeRule, cadresText, exceptText } from './describe';
export type { DescribeNames } from './describe';
export { validateRule, ruleProblems, KIND_LABEL } from './validate';
export {
  matchesPattern,
  patternDates,
  describePattern,
  holidayWindow,
  windowSpan,
  windowKey,
  HOLIDAY_WINDOWS,
} from './patterns';
export { periodsOverlapping, selectionRange, termPeriod, termLabel } from './periods';
export { deadlineNotice, explain, UNEXPLAINED } from './explain';
export type { Explanation, ExplainTarget, CountedItem, SkippedItem } from './explain';
