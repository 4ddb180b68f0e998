// The one table of handlers: each domain file exports its handlers, merged here. Every door dispatches
// into this table after validating with the contract.
import type { MethodName, Output, ParsedInput } from '../../shared/api/contract';
import { assignmentHandlers } from './assignments';
import { auditHandlers } from './audit';
import { backupHandlers } from './backup/handlers';
import { cadreHandlers } from './cadres';
import { followUpHandlers } from './follow-ups';
import { objectHandlers } from './objects';
import { recordHandlers } from './records';
import type { ServiceContext } from './context';
import { systemHandlers } from './system';
import { unitHandlers } from './units';
import { vocabularyHandlers } from './vocabulary';
import { yearHandlers } from './year-lock';
import { workbookHandlers } from './workbook/index';
import { demoHandlers } from './demo/index';
import { ruleHandlers } from './rules';
import { rulePreviewHandlers } from './rules-preview';
import { evaluationHandlers } from './evaluation';
import { rotaHandlers } from './rota';
import { holidayHandlers } from './holidays';
import { settingsHandlers } from './settings';
import { documentHandlers } from './documents/service';
import { changeHandlers, undoable } from './changes';
import { extractHandlers } from './extract';
import { jobHandlers } from './jobs/handlers';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

/**
 * Every handler is wrapped so that what one call writes becomes one saved change in the undo history
 * (changes.ts); the history's own methods reach the wrapped table to run a batch as one change.
 */
export function createHandlers(ctx: ServiceContext): Handlers {
  const table: { current: Handlers | null } = { current: null };
  table.current = undoable(ctx, {
    ...systemHandlers(ctx),
    ...unitHandlers(ctx),
    ...cadreHandlers(ctx),
    ...vocabularyHandlers(ctx),
    ...objectHandlers(ctx),
    ...assignmentHandlers(ctx),
    ...recordHandlers(ctx),
    ...followUpHandlers(ctx),
    ...backupHandlers(ctx),
    ...auditHandlers(ctx),
    ...yearHandlers(ctx),
    ...workbookHandlers(ctx),
    ...demoHandlers(ctx),
    ...settingsHandlers(ctx),
    ...documentHandlers(ctx),
    ...ruleHandlers(ctx),
    ...rulePreviewHandlers(ctx),
    ...evaluationHandlers(ctx),
    ...rotaHandlers(ctx),
    ...changeHandlers(ctx, () => table.current!),
    ...extractHandlers(ctx),
    ...jobHandlers(ctx),
    ...holidayHandlers(ctx),
  });
  return table.current;
}
