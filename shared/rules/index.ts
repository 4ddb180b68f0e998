// The rule engine's public face: schema, periods, patterns, evaluation, description.
export * from './schema';
export * from './types';
export { evaluate, createEvaluator, buildIndex, judge, cadreMatches, QUANTITY_UNIT } from './evaluate';
export type { EvalIndex } from './evaluate';
export { describeRule } from './describe';
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
