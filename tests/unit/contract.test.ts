// The contract speaks Chinese: a refused input names the field the way the form names it.
import { describe, expect, it } from 'vitest';
import { contract, methodNames } from '../../shared/api/contract';
import { buildRawApi } from '../../shared/api/client';
import { labelAt, summarize, toFieldIssues } from '../../shared/api/zod-zh';
import { formatChineseDate, parseLooseDate } from '../../shared/format/date';

describe('the API contract', () => {
  it('every method has a Chinese title and input and output schemas', () => {
    for (const name of methodNames) {
      const spec = contract[name];
      expect(spec.title, name).toMatch(/[\u4e00-\u9fa5]/);
      expect(spec.input, name).toBeDefined();
      expect(spec.output, name).toBeDefined();
    }
  });

  it('a refused cadre names 姓名 and 任职结束, not name and termEnd', () => {
    const schema = contract['cadres.create'].input;
    const r = schema.safeParse({ name: '', termEnd: '明天' });
    expect(r.success).toBe(false);
    if (r.success) return;
    const issues = toFieldIssues(schema, r.error);
    expect(issues.map((i) => i.field)).toEqual(['姓名', '任职结束']);
    expect(summarize(issues)).toBe('「姓名」不能为空；「任职结束」不是有效日期（格式如 2026-03-05）');
  });

  it('nested fields are labelled too', () => {
    expect(labelAt(contract['cadres.update'].input, ['patch', 'termStart'])).toBe('任职开始');
    expect(labelAt(contract['cadres.create'].input, ['roles', 2])).toBe('角色第3项');
  });

  it('the client exposes exactly the contract methods, grouped', () => {
    const api = buildRawApi(async () => ({ ok: true, value: null }));
    const exposed = Object.entries(api).flatMap(([g, fns]) => Object.keys(fns).map((f) => `${g}.${f}`));
    expect(exposed.sort()).toEqual([...methodNames].sort());
  });
});

describe('dates as a secretary types them', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    [' 2026.03.05 ', '2026-03-05'],
    ['2026-02-29', null],
    ['2024-02-29', '2024-02-29'],
    ['2026-13-01', null],
    ['3月5日', null],
  ])('%s → %s', (input, expected) => expect(parseLooseDate(input)).toBe(expected));

  it('prints dates in Arabic numerals without padding (GB/T 9704 7.3.5.4)', () => {
    expect(formatChineseDate('2026-03-01')).toBe('2026年3月1日');
    expect(formatChineseDate('2026-12-31')).toBe('2026年12月31日');
  });
});

import { matchName } from '../../shared/format/pinyin';

describe('finding a name by pinyin', () => {
  it.each([
    ['张三', 'zs', [0, 2]],
    ['张三', 'zhangs', [0, 2]],
    ['张三', 'zhang', [0, 1]],
    ['张三', '三', [1, 2]],
    ['欧阳修', 'yangx', [1, 3]],
    ['李四', 'zs', null],
  ])('%s ← %s', (name, q, range) => expect(matchName(name, q)).toEqual(range));
});
