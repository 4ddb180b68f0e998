// ledger rules list|show|add|edit|remove|check: a year's rules as sentences or JSON, and rules written as JSON
// (one or an array) stored through the contract — validated by the same schema as the editor, refusals naming
// the field in Chinese, a batch all or nothing.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { MethodName } from '../../../../shared/api/contract';
import type { Regulation, StoredRule } from '../../../../shared/api/rules';
import type { RuleWarning } from '../../../../shared/api/vocabulary';
import { LedgerError } from '../../../../shared/errors';
import type { RuleKind } from '../../../../shared/rules/schema';
import type { CliIo, Command } from '../command';
import { withLedger } from '../ledger';

/** 频次, 覆盖 … — the kinds' names, as the editor shows them (kept here: the CLI loads no schema to print). */
const KIND_LABEL: Record<RuleKind, string> = {
  frequency: '频次',
  coverage: '覆盖',
  interval: '间隔',
  quota: '联系点',
  deadline: '时限',
  roster: '排班',
  task: '任务',
};

const USAGE = [
  'ledger rules list --year 2026 [--json]',
  'ledger rules show ID [--year 2026] [--json]',
  'ledger rules add --year 2026 --file 要求.json [--regulation 制度名称或编号] [--json]',
  'ledger rules edit ID [--year 2026] (--file 修改.json | --enable | --disable) [--json]',
  'ledger rules remove ID [--year 2026]',
  'ledger rules check --year 2026 [--json]',
  'ID 是要求的编号（数字）或代码（如 002-16a，需同时给出 --year）；JSON 文件写法见 docs/rules.md。',
].join('\n');

type Dispatch = <M extends MethodName>(method: M, input: unknown) => Promise<unknown>;

function readJson(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch {
    throw new LedgerError('NOT_FOUND', `找不到文件：${file}`);
  }
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new LedgerError('INVALID_INPUT', `文件“${file}”不是有效的 JSON：${(e as Error).message}`);
  }
}

function yearOf(v: string | undefined, needed: boolean): number | undefined {
  if (v === undefined) {
    if (needed) throw new LedgerError('INVALID_INPUT', '请给出年度：--year 2026');
    return undefined;
  }
  const y = Number(v);
  if (!Number.isInteger(y) || y < 2000 || y > 2100)
    throw new LedgerError('INVALID_INPUT', `「年度」“${v}”不是有效年份`);
  return y;
}

/** A rule named by its stored number, or by its code within a year. */
async function findRule(send: Dispatch, ref: string | undefined, year: number | undefined): Promise<StoredRule> {
  if (!ref) throw new LedgerError('INVALID_INPUT', '请给出要求的编号或代码，如：ledger rules show 12');
  if (/^\d+$/.test(ref)) return (await send('rules.get', { id: Number(ref) })) as StoredRule;
  if (year === undefined) throw new LedgerError('INVALID_INPUT', `按代码“${ref}”查找要求时请给出年度：--year 2026`);
  const found = ((await send('rules.list', { year })) as StoredRule[]).filter((r) => r.code === ref);
  if (!found.length) throw new LedgerError('NOT_FOUND', `${year}年度没有代码为“${ref}”的要求`);
  if (found.length > 1)
    throw new LedgerError(
      'CONFLICT',
      `${year}年度有${found.length}条代码为“${ref}”的要求，请改用编号：${found.map((r) => r.id).join('、')}`,
    );
  return found[0]!;
}

/** The regulation new rules join: named (by number or name; a new name makes it), or the only one there is. */
async function regulationFor(send: Dispatch, io: CliIo, ref: string | undefined): Promise<Regulation> {
  const regs = (await send('rules.regulations', {})) as Regulation[];
  if (ref) {
    const found = regs.find((r) => String(r.id) === ref || r.name === ref || r.code === ref);
    if (found) return found;
    if (/^\d+$/.test(ref)) throw new LedgerError('NOT_FOUND', `编号为 ${ref} 的制度不存在`);
    const made = (await send('rules.createRegulation', { name: ref })) as Regulation;
    io.err(`已新建制度《${made.name}》（编号 ${made.id}）`);
    return made;
  }
  if (regs.length === 1) return regs[0]!;
  if (!regs.length)
    throw new LedgerError('INVALID_INPUT', '台账中还没有制度：请用 --regulation 制度名称 新建一个，或先载入制度预设');
  throw new LedgerError(
    'INVALID_INPUT',
    `台账中有${regs.length}个制度，请用 --regulation 指明：${regs.map((r) => `${r.id}《${r.name}》`).join('、')}`,
  );
}

function printRule(io: CliIo, r: StoredRule): void {
  io.out(
    `${String(r.id).padStart(4)}  ${r.code.padEnd(10)} ${r.enabled ? '' : '（已停用）'}[${KIND_LABEL[r.kind as RuleKind] ?? r.kind}] ${r.description}`,
  );
}

function toJson(r: StoredRule) {
  return {
    id: r.id,
    year: r.year,
    regulation: r.regulationName,
    enabled: r.enabled,
    description: r.description,
    rule: r.body,
  };
}

export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean' },
      file: { type: 'string' },
      regulation: { type: 'string' },
      enable: { type: 'boolean' },
      disable: { type: 'boolean' },
    },
  });
  if (!sub || !['list', 'show', 'add', 'edit', 'remove', 'check'].includes(sub)) {
    io.err(`${sub ? `未知的子命令“${sub}”。\n` : ''}用法：\n${USAGE}`);
    return 1;
  }
  return withLedger(io, values.db, { mustExist: true }, async (ledger) => {
    const send: Dispatch = (method, input) => ledger.send(method, input as never);
    switch (sub) {
      case 'list': {
        const year = yearOf(values.year, true)!;
        const list = (await send('rules.list', { year })) as StoredRule[];
        if (values.json) io.out(JSON.stringify(list.map(toJson), null, 2));
        else {
          io.out(`${year}年度共${list.length}条要求，启用${list.filter((r) => r.enabled).length}条`);
          for (const r of list) printRule(io, r);
        }
        return 0;
      }
      case 'show': {
        const r = await findRule(send, positionals[0], yearOf(values.year, false));
        if (values.json) io.out(JSON.stringify(toJson(r), null, 2));
        else {
          io.out(
            `编号 ${r.id}  代码 ${r.code}  ${r.year}年度  《${r.regulationName}》  ${r.enabled ? '启用' : '已停用'}`,
          );
          io.out(r.description);
          io.out(JSON.stringify(r.body, null, 2));
        }
        return 0;
      }
      case 'add': {
        const year = yearOf(values.year, true)!;
        if (!values.file) throw new LedgerError('INVALID_INPUT', '请用 --file 给出要求的 JSON 文件（一条或一组）');
        const data = readJson(values.file);
        const bodies = Array.isArray(data) ? data : [data];
        if (!bodies.length) throw new LedgerError('INVALID_INPUT', `文件“${values.file}”里没有要求`);
        const reg = await regulationFor(send, io, values.regulation);
        // One rule is one call; several are one batch, all stored or none (the refusal says which).
        const out =
          bodies.length === 1
            ? {
                results: [(await send('rules.create', { regulationId: reg.id, year, body: bodies[0] })) as StoredRule],
              }
            : ((await send('changes.apply', {
                label: `新增${bodies.length}条要求（《${reg.name}》，${year}年度）`,
                calls: bodies.map((body, i) => ({
                  method: 'rules.create',
                  input: { regulationId: reg.id, year, body },
                  where: `第${i + 1}条`,
                })),
              })) as { results: StoredRule[] });
        if (values.json) io.out(JSON.stringify(out.results.map(toJson), null, 2));
        else {
          io.out(`已新增${out.results.length}条要求（《${reg.name}》，${year}年度）：`);
          for (const r of out.results) printRule(io, r);
        }
        return 0;
      }
      case 'edit': {
        const r = await findRule(send, positionals[0], yearOf(values.year, false));
        if (values.enable && values.disable) throw new LedgerError('INVALID_INPUT', '--enable 和 --disable 只能用一个');
        let saved = r;
        if (values.file) {
          const patch = readJson(values.file);
          if (!patch || typeof patch !== 'object' || Array.isArray(patch))
            throw new LedgerError(
              'INVALID_INPUT',
              `文件“${values.file}”应是一条要求（JSON 对象），可以只写要修改的字段`,
            );
          saved = (await send('rules.update', { id: r.id, body: { ...r.body, ...patch } })) as StoredRule;
        }
        if (values.enable || values.disable)
          saved = (await send('rules.setEnabled', { id: r.id, enabled: !!values.enable })) as StoredRule;
        if (!values.file && !values.enable && !values.disable)
          throw new LedgerError('INVALID_INPUT', '请用 --file 给出修改的内容，或用 --enable / --disable');
        if (values.json) io.out(JSON.stringify(toJson(saved), null, 2));
        else {
          io.out('已修改：');
          printRule(io, saved);
        }
        return 0;
      }
      case 'remove': {
        const r = await findRule(send, positionals[0], yearOf(values.year, false));
        await send('rules.delete', { id: r.id });
        io.out(`已删除要求 ${r.id}（${r.code}）：${r.description}`);
        return 0;
      }
      case 'check': {
        const year = yearOf(values.year, true)!;
        const warnings = (await send('vocabulary.checkRules', { year })) as RuleWarning[];
        if (values.json) io.out(JSON.stringify(warnings, null, 2));
        else if (!warnings.length) io.out(`${year}年度的要求与名册、词汇都对得上`);
        else {
          io.out(`${year}年度有${warnings.length}处要求与名册或词汇对不上：`);
          for (const w of warnings) io.out(`  ${w.ruleId}（${w.code}，${w.clause}）${w.title}：${w.message}`);
        }
        return 0;
      }
    }
    return 1;
  });
};
