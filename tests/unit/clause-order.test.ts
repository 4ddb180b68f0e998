// Clauses print in the order a reader looks them up: 第六条 before 第八条 before 第二十八条.
import { describe, expect, it } from 'vitest';
import { compareClauses, parseChineseNumeral } from '../../shared/format/clause';

describe('clause order', () => {
  it('reads Chinese numerals by value', () => {
    expect(['十', '二十三', '一百零五', '两', '〇'].map(parseChineseNumeral)).toEqual([10, 23, 105, 2, 0]);
    expect(parseChineseNumeral('条')).toBeNaN();
  });

  it('sorts clauses of one regulation by number, not by pinyin or text', () => {
    const clauses = ['002 第二十八条', '002 第八条', '002 第六条', '002 第二十三条', '002 第十条', '002 第三十条'];
    expect([...clauses].sort(compareClauses)).toEqual([
      '002 第六条',
      '002 第八条',
      '002 第十条',
      '002 第二十三条',
      '002 第二十八条',
      '002 第三十条',
    ]);
  });

  it('sorts mixed Arabic sub-numbers and regulations', () => {
    expect(['003 四.10', '003 四.2', '003 二.1', '002 第九条'].sort(compareClauses)).toEqual([
      '002 第九条',
      '003 二.1',
      '003 四.2',
      '003 四.10',
    ]);
  });
});
