// Find and replace in a grid (renderer/src/grid/find.ts): what counts as found, what a replacement
// writes, and where 下一个 / 上一个 go from the active cell.
import { describe, expect, it } from 'vitest';
import { matches, nextMatch, occurrences, replaceAt, replaceIn } from '../../../renderer/src/grid/find';

describe('find in a grid', () => {
  it('finds Chinese text anywhere in a cell, Latin letters without regard to case', () => {
    expect(matches('与计箅机学院学生座谈', '计箅机学院')).toBe(true);
    expect(matches('计算机学院', '计箅机学院')).toBe(false);
    expect(matches('教1-201 Room B', 'room b')).toBe(true);
    expect(matches('任何内容', '')).toBe(false);
  });

  it('replaces every occurrence in a cell, and takes the replacement literally', () => {
    expect(replaceIn('计箅机学院与计箅机学院', '计箅机学院', '计算机学院')).toBe('计算机学院与计算机学院');
    expect(replaceIn('Room b, room B', 'ROOM B', '会议室')).toBe('会议室, 会议室');
    expect(replaceIn('1.5 学时 (1+1)', '(1+1)', '$&')).toBe('1.5 学时 $&');
  });

  it('goes to the next match after the active cell in reading order, wrapping at either end', () => {
    const found = [
      { row: 2, col: 4 },
      { row: 4, col: 4 },
      { row: 5, col: 9 },
      { row: 7, col: 4 },
    ];
    expect(nextMatch(found, { row: 0, col: 0 }, 1)).toBe(0);
    expect(nextMatch(found, { row: 2, col: 4 }, 1)).toBe(1);
    expect(nextMatch(found, { row: 5, col: 2 }, 1)).toBe(2);
    expect(nextMatch(found, { row: 7, col: 4 }, 1)).toBe(0);
    expect(nextMatch(found, { row: 5, col: 9 }, -1)).toBe(1);
    expect(nextMatch(found, { row: 2, col: 4 }, -1)).toBe(3);
    expect(nextMatch(found, null, -1)).toBe(3);
    expect(nextMatch([], { row: 1, col: 1 }, 1)).toBe(-1);
  });

  it('lists every occurrence in a form, field by field, and replaces one by its place', () => {
    const fields = [
      ['place', '计箅机学院'],
      ['content', '与计箅机学院学生座谈，计箅机学院办公室'],
      ['opinions', ''],
    ] as const;
    const found = occurrences(fields, '计箅机学院');
    expect(found).toEqual([
      { field: 'place', start: 0, end: 5 },
      { field: 'content', start: 1, end: 6 },
      { field: 'content', start: 11, end: 16 },
    ]);
    expect(replaceAt(fields[1][1], found[2]!, '计算机学院')).toBe('与计箅机学院学生座谈，计算机学院办公室');
    expect(occurrences([['x', 'Room B room b']], 'ROOM B')).toHaveLength(2);
    expect(occurrences([['x', 'aaa']], 'aa')).toEqual([{ field: 'x', start: 0, end: 2 }]);
    expect(occurrences(fields, '')).toEqual([]);
  });
});
