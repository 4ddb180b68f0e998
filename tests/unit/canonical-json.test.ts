// The audit trail's canonical JSON must stay byte-for-byte what it was when older entries were hashed:
// JSON.stringify with keys sorted at every level — on both of its paths (already sorted, or walked).
import { describe, expect, it } from 'vitest';
import { canonicalJson, rowDigest, rowDigestOfJson, rowState } from '../../electron/services/audit';

const reference = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function sample(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * (depth > 2 ? 6 : 8));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1.5, 1e21, 3.14159, 2 ** 53, NaN, Infinity][Math.floor(r() * 7)];
    case 3:
      return ['', '张三', 'a"b\\c', '\n\t', '会议室302', '\u2028'][Math.floor(r() * 6)];
    case 4:
      return undefined;
    case 5:
      return '2026-03-05';
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => sample(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      const keys = ['z', 'a', 'record_id', 'B', '名称', 'id', 'row'].slice(0, 1 + Math.floor(r() * 7));
      // Half the objects list their keys already sorted: canonicalJson then takes JSON.stringify's path,
      // unless something inside (undefined, NaN, an unsorted object) sends it down the walk.
      if (r() < 0.5) keys.sort();
      for (const key of keys) o[key] = sample(r, depth + 1);
      return o;
    }
  }
}

describe('canonical JSON of audited rows', () => {
  it('equals JSON.stringify with sorted keys on 5,000 random values', () => {
    const r = random(20261122);
    for (let i = 0; i < 5000; i++) {
      const v = sample(r);
      expect(canonicalJson(v), JSON.stringify(v)).toBe(reference(v) ?? 'null');
    }
  });
  it('a row with its children, as the audit keeps it', () => {
    const state = {
      row: { id: 7, place: '会议室', hours: 2, note: null },
      record_cadres: [{ record_id: 7, cadre_id: 3 }],
    };
    expect(canonicalJson(state)).toBe(
      '{"record_cadres":[{"cadre_id":3,"record_id":7}],"row":{"hours":2,"id":7,"note":null,"place":"会议室"}}',
    );
    // The same state as an import builds it (keys already sorted): the same text.
    const sorted = {
      record_cadres: [{ cadre_id: 3, record_id: 7 }],
      row: { hours: 2, id: 7, note: null, place: '会议室' },
    };
    expect(canonicalJson(sorted)).toBe(canonicalJson(state));
    // A Date, undefined or NaN inside an otherwise sorted row is written as the walk writes it.
    const odd = { a: new Date(Date.UTC(2026, 2, 5)), b: undefined, c: NaN, d: [undefined, 1] };
    expect(canonicalJson(odd)).toBe('{"a":"2026-03-05T00:00:00.000Z","c":null,"d":[null,1]}');
  });

  it("an import's row digest from the texts in hand equals the digest of the row's state", () => {
    // What an import writes: rows with sorted keys and plain values, children in any order and number.
    const r = random(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    const text = () => pick(['', '会议室302', 'a"b\\c', '\u2028', '张三（学院）', 'é'.normalize('NFD')]);
    for (let i = 0; i < 2000; i++) {
      const id = 1 + Math.floor(r() * 1e6);
      const row = { content: text(), date: '2026-03-05', hours: pick([null, 0, 2.5, -0]), id, place: text() };
      const kids = (n: number, make: (k: number) => Record<string, unknown>) =>
        Array.from({ length: n }, (_, k) => make(k));
      const record_cadres = kids(Math.floor(r() * 4), (k) => ({
        cadre_id: 1 + Math.floor(r() * 9),
        position: k,
        record_id: id,
        title: text(),
      }));
      const record_objects = kids(Math.floor(r() * 3), (k) => ({
        object_id: 1 + Math.floor(r() * 9),
        position: k,
        record_id: id,
      }));
      const children = { record_cadres, record_objects };
      const json = (rows: Record<string, unknown>[]) => rows.map((x) => JSON.stringify(x));
      expect(
        rowDigestOfJson('records', JSON.stringify(row), {
          record_cadres: json(record_cadres),
          record_objects: json(record_objects),
        }),
      ).toBe(rowDigest(rowState('records', row, children)));
      const roles = kids(Math.floor(r() * 3), () => ({ cadre_id: id, role: text() }));
      expect(rowDigestOfJson('cadres', JSON.stringify(row), { cadre_roles: json(roles) })).toBe(
        rowDigest(rowState('cadres', row, { cadre_roles: roles })),
      );
      expect(rowDigestOfJson('units', JSON.stringify(row))).toBe(rowDigest(rowState('units', row)));
    }
  });
});
