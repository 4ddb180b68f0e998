import { describe, expect, it } from 'vitest';
import { parseFraction, parseNumber } from '../../../shared/extract';

describe('Chinese numerals as regulations write them', () => {
  it.each([
    ['两', 2],
    ['十五', 15],
    ['二十', 20],
    ['三十五', 35],
    ['一百零五', 105],
    ['4', 4],
    ['1.5', 1.5],
    ['半', 0.5],
  ])('%s = %d', (raw, value) => expect(parseNumber(raw)).toBe(value));

  it('a year written digit by digit is no count', () => {
    expect(parseNumber('二〇一一')).toBeNull();
    expect(parseNumber('两次')).toBeNull();
  });

  it.each([
    ['1/3', 1 / 3],
    ['三分之一', 1 / 3],
    ['一半', 0.5],
    ['50%', 0.5],
  ])('fraction %s', (raw, value) => expect(parseFraction(raw)).toBeCloseTo(value));
});
