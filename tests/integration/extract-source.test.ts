// 制度原文: a regulation read from its text keeps the text in the ledger file — each accepted rule beside the
// words it came from, the sentences she did not turn into rules listed with why — across a copy to the next
// year and an undo; spans outside the text are refused and store nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { ExtractionOut, RegulationSourceOut } from '../../shared/api/extract';
import type { Regulation, StoredRule } from '../../shared/api/rules';
import { tempDbPath, tempDir } from '../support/tmp';
import { calls } from '../support/calls';

const dir = tempDir();
let b: Backend;
const text = readFileSync(join(__dirname, '..', 'fixtures', 'regulations', 'county-jiedairi.txt'), 'utf8');

const { ok, refused } = calls(() => b);

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-03-10T08:00:00Z') });
  return () => b.close();
});

describe('the regulation’s text kept with the rules she accepted', () => {
  let x: ExtractionOut;
  it('the accepted rules keep their words; rejected proposals and unread sentences stay listed', async () => {
    x = await ok<ExtractionOut>('extract.read', { text });
    expect(x.proposals.length).toBeGreaterThan(2);
    expect(x.unread.length).toBeGreaterThan(0);
    const [a, c, ...rest] = x.proposals;
    const r = await ok<{ regulationId: number; rules: number }>('extract.apply', {
      year: 2026,
      name: '党政领导接待群众来访日通知',
      rules: [a!.rule, c!.rule],
      source: {
        text: x.text,
        fileName: '方案.txt',
        spans: [a, c].map((p) => ({ clause: p!.clause, ...p!.span })),
        unwritten: [
          ...x.unread.map((u) => ({ clause: u.clause, ...u.span, reason: u.reason })),
          ...rest.map((p) => ({ clause: p.clause, ...p.span, reason: '读出的要求未采纳' })),
        ],
      },
    });
    expect(r.rules).toBe(2);
    const [src] = await ok<RegulationSourceOut[]>('extract.sources', {});
    expect(src).toMatchObject({ regulationId: r.regulationId, fileName: '方案.txt', text: x.text });
    // Each rule of the year finds its own words by its code, exactly as the file has them.
    const rules = await ok<StoredRule[]>('rules.list', { year: 2026 });
    expect(rules.map((q) => src!.rules.find((s) => s.code === q.code)?.text)).toEqual([a!.text, c!.text]);
    expect(src!.rules[0]!.clause).toBe(a!.clause);
    expect(src!.unwritten).toHaveLength(x.unread.length + rest.length);
    expect(src!.unwritten.map((u) => u.text)).toContain(x.unread[0]!.text);
    expect(src!.unwritten.find((u) => u.text === rest[0]!.text)?.reason).toBe('读出的要求未采纳');
  });

  it('a year copied to the next keeps each rule beside its words', async () => {
    await ok('rules.copyYear', { from: 2026, to: 2027 });
    const [src] = await ok<RegulationSourceOut[]>('extract.sources', {});
    const next = await ok<StoredRule[]>('rules.list', { year: 2027 });
    expect(next).toHaveLength(2);
    expect(next.every((q) => src!.rules.some((s) => s.code === q.code))).toBe(true);
  });

  it('words outside the text are refused naming the rule; nothing is stored', async () => {
    const regs = (await ok<Regulation[]>('rules.regulations', {})).length;
    const p = x.proposals[0]!;
    const msg = await refused('extract.apply', {
      year: 2026,
      name: '另一份制度',
      rules: [p.rule],
      source: { text: '很短的原文', spans: [{ clause: p.clause, ...p.span }], unwritten: [] },
    });
    expect(msg).toContain('第1条要求的原文位置');
    expect(msg).toContain('不在制度原文之内');
    expect(
      await refused('extract.apply', {
        year: 2026,
        name: '另一份制度',
        rules: [p.rule],
        source: { text: x.text, spans: [], unwritten: [] },
      }),
    ).toContain('要求有1条，原文位置却有0处');
    expect(await ok<Regulation[]>('rules.regulations', {})).toHaveLength(regs);
    expect(await ok<RegulationSourceOut[]>('extract.sources', {})).toHaveLength(1);
  });

  it('undoing the storing takes the text away with the regulation and its rules', async () => {
    await ok('changes.undo', {}); // the copy to 2027
    await ok('changes.undo', {}); // the regulation read from its text
    expect(await ok<StoredRule[]>('rules.list', { year: 2026 })).toHaveLength(0);
    expect(await ok<RegulationSourceOut[]>('extract.sources', {})).toEqual([]);
  });
});
