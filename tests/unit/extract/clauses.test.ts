import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize, structure } from '../../../shared/extract';

// The five seeds of ../shared/seeds, copied beside the external regulations so the tests run anywhere.
const dir = join(__dirname, '..', '..', 'fixtures', 'regulations');
const seed = (id: string) => readFileSync(join(dir, `seed-${id}.txt`), 'utf8');
const labels = (text: string) => structure(normalize(text)).clauses.map((c) => c.label);

describe('a regulation split into its numbered parts', () => {
  it('一、 with 1. inside: 一.1 … 六.3', () => {
    const l = labels(seed('000'));
    expect(l).toContain('一.3');
    expect(l).toContain('六.3');
    expect(structure(normalize(seed('000'))).code).toBe('浙外党办〔2011〕9号');
  });

  it('第X章 and 第X条: the article is the clause, the chapter its context', () => {
    const s = structure(normalize(seed('002')));
    const art = s.clauses.find((c) => c.label === '第十六条')!;
    expect(art.context).toEqual(['听课制度']);
    expect(s.title).toBe('河南理工大学领导干部联系师生实施办法');
    expect(s.clauses.some((c) => c.label === '附件')).toBe(true);
  });

  it('第X条 with numbered items: 第五条第4项', () => {
    expect(labels(seed('001'))).toContain('第五条第4项');
  });

  it('a compilation numbers its systems by the table of contents: 004 1.2, 2.3', () => {
    const l = labels(seed('004'));
    expect(l).toContain('1.2');
    expect(l).toContain('2.3');
    expect(l).toContain('10.1');
  });

  it('（一）, （1） and lines a PDF wrapped in mid-sentence', () => {
    const text =
      '一、工作内容\n（一）领导干部须常深入联系点调查，每年至少2次到联系点\n指导工作。\n（1）每月一次。\n附件：名单';
    const n = normalize(text);
    const s = structure(n);
    expect(s.clauses.map((c) => c.label)).toEqual(['一', '一（一）', '一（一）（1）', '附件']);
    // The wrapped line is joined; nothing is lost.
    expect(n.text).toContain('每年至少2次到联系点指导工作。');
  });

  it('every clause maps back to the original text exactly', () => {
    const text = seed('003');
    const n = normalize(text);
    const ascii = (ch: string) => ch.replace(/[０-９]/, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    for (const c of structure(n).clauses) {
      expect(ascii(text[n.map[c.start]!]!)).toBe(n.text[c.start]);
      expect(ascii(text[n.map[c.end - 1]!]!)).toBe(n.text[c.end - 1]);
    }
  });
});
