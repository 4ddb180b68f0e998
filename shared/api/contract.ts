// The one API contract between the renderer and the backend: method name → zod input and output.
// Every door (Electron IPC, the browser host's HTTP, the CLI, tests) validates with it and dispatches
// into one table of handlers whose types are inferred from it.
import type { z } from './zod-zh';
import type { MethodSpec } from './method';
import { assignmentMethods } from './assignments';
import { auditMethods } from './audit';
import { backupMethods } from './backup';
import { cadreMethods } from './cadres';
import { followUpMethods } from './follow-ups';
import { objectMethods } from './objects';
import { recordMethods } from './records';
import { systemMethods } from './system';
import { unitMethods } from './units';
import { vocabularyMethods } from './vocabulary';
import { workbookMethods } from './workbook';
import { demoMethods } from './demo';
import { yearMethods } from './years';
import { ruleMethods } from './rules';
import { evaluationMethods } from './evaluation';
import { rotaMethods } from './rota';
import { settingsMethods } from './settings';
import { documentMethods } from './documents';
import { changeMethods } from './changes';
import { extractMethods } from './extract';
import { jobMethods } from './jobs';
import { calendarMethods } from './calendar';

export const contract = {
  ...systemMethods,
  ...unitMethods,
  ...cadreMethods,
  ...vocabularyMethods,
  ...objectMethods,
  ...assignmentMethods,
  ...recordMethods,
  ...followUpMethods,
  ...backupMethods,
  ...auditMethods,
  ...yearMethods,
  ...workbookMethods,
  ...demoMethods,
  ...settingsMethods,
  ...documentMethods,
  ...ruleMethods,
  ...evaluationMethods,
  ...rotaMethods,
  ...changeMethods,
  ...extractMethods,
  ...jobMethods,
  ...calendarMethods,
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives: the input after validation, defaults filled in. */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The shape of the client both sides share: `ledger.cadres.list({})`. */
type Split<S extends string> = S extends `${infer A}.${infer B}` ? [A, B] : never;
type Group<M extends MethodName> = Split<M>[0];
export type LedgerApi = {
  [G in Group<MethodName>]: {
    [M in MethodName as Split<M>[0] extends G ? Split<M>[1] : never]: (input: Input<M>) => Promise<Output<M>>;
  };
};

/** The envelope every transport carries, so that errors keep their code and Chinese message. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: import('../errors').ErrorPayload };
