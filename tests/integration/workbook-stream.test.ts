// A large sheet is read as a stream, a slice of the packed part at a time: text split between two
// slices in the middle of a Chinese character, a cell or a row tag must still read whole. Every cell of
// 30,000 rows of inline Chinese text (about 6 MB of sheet XML, dozens of slices) reads back as written,
// with its Excel row number.
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../electron/services/workbook/read';
import { readXlsxCells } from '../../electron/services/workbook/xlsx-reader';
import { headerRow, workbook } from '../security/xlsx-attacks';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
const CHARS = '联系群众工作台账走访座谈调研党委书记机械学院食堂热水意见建议落实情况𠀋𡈽';

/** Text of varying length (so slice boundaries fall anywhere), Chinese, a 4-byte character, and & and <. */
function text(i: number): string {
  let s = '';
  for (let k = 0; k < 20 + (i % 37); k++) s += [...CHARS][(i * 7 + k) % [...CHARS].length];
  return `${s}&<${i}>`;
}

describe('a large sheet read as a stream', () => {
  it('gives back every cell of 30,000 rows of Chinese text, with the row numbers', async () => {
    const N = 30_000;
    const rows: string[] = [headerRow()];
    // Blank rows here and there: the row numbers kept are Excel's, not counts.
    for (let i = 0; i < N; i++) {
      const r = i + 2 + Math.floor(i / 1000);
      rows.push(
        `<row r="${r}">${cell(`A${r}`, '2026-03-05')}${cell(`D${r}`, '张伟')}${cell(`E${r}`, '座谈')}${cell(`K${r}`, text(i))}</row>`,
      );
    }
    const file = workbook([{ name: '联系记录', rows: rows.join('') }]);
    const read = await readWorkbook(file, '大表.xlsx');
    expect(read.sheets.records).toHaveLength(N);
    const wrong = read.sheets.records.flatMap((r, i) =>
      r.content !== text(i) || r.cadres !== '张伟' || read.rowNumbers.records[i] !== i + 2 + Math.floor(i / 1000)
        ? [i]
        : [],
    );
    expect(wrong).toEqual([]);
    // Read by the streaming reader itself (not exceljs's fallback, which a failure would switch to).
    const [sheet] = await readXlsxCells(file);
    expect(sheet!.rows).toHaveLength(N + 1);
    expect(sheet!.rows.at(-1)).toEqual([N + 1 + Math.floor((N - 1) / 1000), expect.arrayContaining([text(N - 1)])]);
  });
});
