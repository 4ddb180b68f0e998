// `npm run bench -- extract`: the obligation finder against rules written by hand from the same text — the
// five presets from the seeds, and the hand-written rules of the external regulations beside their text
// (tests/fixtures/regulations/<name>.rules.json) — with every miss and every false proposal; then the time
// to read a 15,000-character regulation (median of 30 runs after 5 warm-up runs).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractRegulation, vocabularyFrom } from '../../shared/extract';
import { preset as presetSchema, ruleList, type Rule } from '../../shared/rules/schema';
import { score, type Score } from '../support/extract-score';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'tests', 'fixtures', 'regulations');

function describeRule(r: Rule): string {
  const w = r.who.scope === 'cadre' ? JSON.stringify(r.who.cadres) : r.who.scope;
  const body = { ...r } as Record<string, unknown>;
  for (const k of [
    'id',
    'title',
    'clause',
    'who',
    'measurable',
    'note',
    'department',
    'counts',
    'collective',
    'exclusive',
    'attributeChecks',
  ])
    delete body[k];
  return `${r.clause} ${w} ${JSON.stringify(body)}`;
}

function print(name: string, s: Score, proposals: number): void {
  console.log(
    `${name.padEnd(18)} recall ${(s.recall * 100).toFixed(0).padStart(3)}% (${s.found.length}/${s.gold.length})  precision ${(s.precision * 100).toFixed(0).padStart(3)}% (${proposals - s.false.length}/${proposals})`,
  );
  for (const e of s.excluded.filter((x) => x.why !== '不计量')) console.log(`    不计入：${e.rule.id} ${e.why}`);
  for (const m of s.missed) console.log(`    漏提：${m.rule.id} ${describeRule(m.rule)} — ${m.why}`);
  for (const f of s.false)
    console.log(`    误提：${describeRule(f.rule)} 「${f.text.replace(/\s+/g, '').slice(0, 40)}」`);
}

export function run(): void {
  const rows: { name: string; recall: number; precision: number }[] = [];
  console.log('— the five seeds against their presets —');
  for (const id of ['000', '001', '002', '003', '004']) {
    const p = presetSchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'presets', `${id}.json`), 'utf8')));
    const text = readFileSync(join(dir, `seed-${id}.txt`), 'utf8');
    const vocab = vocabularyFrom({
      rules: p.rules,
      activityTypes: p.vocabulary.activityTypes,
      objectCategories: p.vocabulary.objectCategories,
    });
    const x = extractRegulation(text, vocab, { prefix: id });
    const s = score(p.rules, x.proposals);
    print(id, s, x.proposals.length);
    rows.push({ name: id, recall: s.recall, precision: s.precision });
  }
  console.log('— external regulations against rules written by hand —');
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.txt') && !x.startsWith('seed-'))
    .sort()) {
    const name = f.replace(/\.txt$/, '');
    const rulesFile = join(dir, `${name}.rules.json`);
    if (!existsSync(rulesFile)) {
      console.log(`${name.padEnd(18)} (no hand-written rules yet)`);
      continue;
    }
    const raw = JSON.parse(readFileSync(rulesFile, 'utf8')) as unknown;
    const doc = (Array.isArray(raw) ? { rules: raw } : raw) as {
      rules: unknown;
      vocabulary?: { activityTypes?: string[]; objectCategories?: { name: string; kind: 'unit' | 'person' }[] };
    };
    const gold = ruleList.parse(doc.rules);
    const vocab = vocabularyFrom({
      rules: gold,
      activityTypes: doc.vocabulary?.activityTypes ?? [
        ...new Set(
          gold.flatMap((r) =>
            'counts' in r ? (r.counts.activityTypes ?? []) : 'activityTypes' in r ? r.activityTypes : [],
          ),
        ),
      ],
      objectCategories: doc.vocabulary?.objectCategories ?? [],
    });
    const x = extractRegulation(readFileSync(join(dir, f), 'utf8'), vocab);
    const s = score(gold, x.proposals);
    print(name, s, x.proposals.length);
    rows.push({ name, recall: s.recall, precision: s.precision });
  }

  // Speed: a regulation of 15,000 characters (the 004 compilation and 002's articles, repeated to length).
  let big = readFileSync(join(dir, 'seed-004.txt'), 'utf8') + readFileSync(join(dir, 'seed-002.txt'), 'utf8');
  while (big.length < 15_000) big += readFileSync(join(dir, 'seed-003.txt'), 'utf8');
  big = big.slice(0, 15_000);
  const p4 = presetSchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'presets', '004.json'), 'utf8')));
  const vocab = vocabularyFrom({
    rules: p4.rules,
    activityTypes: p4.vocabulary.activityTypes,
    objectCategories: p4.vocabulary.objectCategories,
  });
  const times: number[] = [];
  // Five warm-up runs (the first compiles the patterns), then 30 measured.
  for (let i = 0; i < 5; i++) extractRegulation(big, vocab);
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    extractRegulation(big, vocab);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[15]!;
  console.log(
    `extract ${big.length} characters: median ${median.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[29]!.toFixed(1)}) — goal ≤ 200 ms`,
  );
  const low = rows.filter((r) => r.recall < 0.9 || r.precision < 0.9).map((r) => r.name);
  console.log(low.length ? `below 90 %: ${low.join(', ')}` : 'every regulation ≥ 90 % recall and precision');
}
