// The one table of handlers: each domain file exports its handlers, merged here. Every door dispatches
// into this table after validating with the contract.
import type { MethodName, Output, ParsedInput } from '../../shared/api/contract';
import { cadreHandlers } from './cadres';
import type { ServiceContext } from './context';
import { systemHandlers } from './system';
import { unitHandlers } from './units';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

export function createHandlers(ctx: ServiceContext): Handlers {
  return {
    ...systemHandlers(ctx),
    ...unitHandlers(ctx),
    ...cadreHandlers(ctx),
  };
}
