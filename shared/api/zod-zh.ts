// Zod speaks Chinese to the people who use the ledger; field names come from each schema's description.
import { z } from 'zod';
import type { FieldIssue } from '../errors';

z.config(z.locales.zhCN());

export { z };

type AnySchema = z.core.$ZodType;

function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const def = cur._zod.def as unknown as { type: string; innerType?: AnySchema; in?: AnySchema };
    if (def.innerType) cur = def.innerType;
    else if (def.type === 'pipe' && def.in) cur = def.in;
    else break;
  }
  return cur;
}

function descriptionOf(s: AnySchema): string | undefined {
  let cur: AnySchema | undefined = s;
  for (let i = 0; cur && i < 10; i++) {
    const d = z.globalRegistry.get(cur)?.description;
    if (d) return d;
    const def = cur._zod.def as unknown as { innerType?: AnySchema; in?: AnySchema };
    cur = def.innerType ?? def.in;
  }
  return undefined;
}

/** The Chinese label of the field at `path`, from the nearest `.describe()` on the way down. */
export function labelAt(schema: AnySchema, path: readonly PropertyKey[]): string {
  let cur: AnySchema | undefined = schema;
  let label = '';
  for (const key of path) {
    if (!cur) break;
    const base = unwrap(cur);
    const def = base._zod.def as unknown as {
      type: string;
      shape?: Record<string, AnySchema>;
      element?: AnySchema;
    };
    if (def.type === 'object' && def.shape && typeof key === 'string') cur = def.shape[key];
    else if (def.type === 'array' && def.element) cur = def.element;
    else cur = undefined;
    const d = cur ? descriptionOf(cur) : undefined;
    if (d) label = d;
    else if (typeof key === 'number') label = label ? `${label}第${key + 1}项` : `第${key + 1}项`;
  }
  return label || path.map(String).join('.') || '输入';
}

export function toFieldIssues(schema: AnySchema, error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
    field: labelAt(schema, i.path),
    message: i.message,
  }));
}

/** "「姓名」：不能为空；「任职开始」：日期无效" — one line a secretary can read. */
export function summarize(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `「${i.field}」${i.message}`).join('；');
}
