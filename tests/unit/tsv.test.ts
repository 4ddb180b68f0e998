// Text copied from Excel or WPS arrives tab-separated; cells with line breaks come quoted.
import { describe, expect, it } from 'vitest';
import { parseTsv, toCsv } from '../../shared/format/tsv';

describe('clipboard text from a spreadsheet', () => {
  it('splits rows and cells and ignores the last line break', () => {
    expect(parseTsv('张三\t党委书记\r\n李四\t校长\r\n')).toEqual([
      ['张三', '党委书记'],
      ['李四', '校长'],
    ]);
  });
  it('keeps empty cells and a quoted cell with a line break and quotes inside', () => {
    expect(parseTsv('2026-03-05\t\t"第一行\n第二行 ""引号"""\t2\n')).toEqual([
      ['2026-03-05', '', '第一行\n第二行 "引号"', '2'],
    ]);
  });
  it('a single cell is one row of one cell', () => expect(parseTsv('张三')).toEqual([['张三']]));
});

describe('CSV for Excel', () => {
  it('starts with a byte-order mark and quotes what needs quoting', () => {
    expect(
      toCsv([
        ['姓名', '备注'],
        ['张三', '说了"好",很好'],
      ]),
    ).toBe('\uFEFF姓名,备注\r\n张三,"说了""好"",很好"\r\n');
  });
});
