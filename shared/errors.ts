// The one error type of the ledger: a stable code for programs, a Chinese message for people.

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_METHOD'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IN_USE'
  | 'DB_NEWER'
  | 'DB_CORRUPT'
  | 'DB_LOCKED'
  | 'FORBIDDEN'
  /** A job the user cancelled: nothing of it was kept. */
  | 'CANCELLED'
  /** The disk is full (or failing): nothing of the call was kept, the ledger is as it was. */
  | 'DISK_FULL'
  | 'INTERNAL';

/**
 * One problem with one field of the input, e.g. { path: ['name'], field: '姓名', message: '不能为空' }.
 * Problems found in a spreadsheet also say where: sheet, row number (as Excel shows it) and the value.
 */
export interface FieldIssue {
  path: (string | number)[];
  field: string;
  message: string;
  sheet?: string;
  row?: number;
  value?: string;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** How many problems there were when `issues` lists only the first of them (a large workbook). */
  issueTotal?: number;
}

export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly issueTotal?: number;

  constructor(code: ErrorCode, message: string, issues?: FieldIssue[], issueTotal?: number) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
    if (issues) this.issues = issues;
    if (issueTotal !== undefined) this.issueTotal = issueTotal;
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.issueTotal !== undefined ? { issueTotal: this.issueTotal } : {}),
    };
  }

  static fromPayload(p: ErrorPayload): LedgerError {
    return new LedgerError(p.code, p.message, p.issues, p.issueTotal);
  }
}

export function isLedgerError(e: unknown): e is LedgerError {
  return e instanceof LedgerError;
}
