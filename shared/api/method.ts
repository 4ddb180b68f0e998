// What one method of the contract is: a zod schema for what goes in and one for what comes out.
import type { z } from './zod-zh';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line in Chinese on what the method does (shown in errors and docs). */
  title: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(title: string, input: I, output: O): MethodSpec<I, O> {
  return { title, input, output };
}
