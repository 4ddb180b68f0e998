// ledger vocab: the institution's lists (级别, 角色, 活动类型, 对象类别, 单位类别) as 设置 → 词汇 shows them.
import { parseArgs } from 'node:util';
import { VOCABULARY_LABELS, VOCABULARY_LISTS, vocabularyListOf } from '../../../../shared/domain/vocabulary';
import type { Command, CliIo } from '../command';
import { withLedger } from '../ledger';

const LISTS = VOCABULARY_LISTS.map((l) => VOCABULARY_LABELS[l]).join('、');

function listArg(v: string | undefined, io: CliIo) {
  const list = v ? vocabularyListOf(v) : undefined;
  if (!list) io.err(`「词汇表」“${v ?? ''}”无效，应为${LISTS}之一，如 --list 级别`);
  return list;
}

export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      list: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      merge: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (sub === 'list') {
    const only = values.list === undefined ? undefined : listArg(values.list, io);
    if (values.list !== undefined && !only) return 1;
    return withLedger(io, values.db, { mustExist: true, readOnly: true }, async (l) => {
      const lists = (await l.send('vocabulary.lists', {})).filter((x) => !only || x.list === only);
      if (values.json) {
        io.out(JSON.stringify(lists, null, 2));
        return 0;
      }
      for (const x of lists) {
        io.out(`${x.label}（${x.terms.length}）：`);
        for (const t of x.terms) {
          const uses = [t.uses ? `${t.uses}处数据` : '', t.ruleUses ? `${t.ruleUses}条要求` : ''].filter(Boolean);
          io.out(
            `  ${t.name}${t.kind ? `（${t.kind === 'unit' ? '单位' : '个人'}）` : ''}${uses.length ? `\u3000${uses.join('、')}` : ''}`,
          );
        }
      }
      return 0;
    });
  }
  if (sub === 'add') {
    const list = listArg(values.list, io);
    if (!list) return 1;
    const kind = values.kind === '单位' ? 'unit' : values.kind === '个人' ? 'person' : undefined;
    if (values.kind !== undefined && !kind) {
      io.err(`「单位或个人」“${values.kind}”无效，应为“单位”或“个人”`);
      return 1;
    }
    return withLedger(io, values.db, { mustExist: true }, async (l) => {
      const t = await l.send('vocabulary.add', { list, name: values.name ?? '', ...(kind ? { kind } : {}) });
      io.out(`已在${VOCABULARY_LABELS[list]}中添加“${t.name}”`);
      return 0;
    });
  }
  if (sub === 'rename') {
    const list = listArg(values.list, io);
    if (!list) return 1;
    return withLedger(io, values.db, { mustExist: true }, async (l) => {
      const r = await l.send('vocabulary.rename', {
        list,
        from: values.from ?? '',
        to: values.to ?? '',
        ...(values.merge ? { merge: true } : {}),
      });
      const followed = [
        r.cadres ? `${r.cadres}位干部` : '',
        r.units ? `${r.units}个单位` : '',
        r.objects ? `${r.objects}个联系对象` : '',
        r.records ? `${r.records}条联系记录` : '',
        r.rules ? `${r.rules}条要求` : '',
      ].filter(Boolean);
      io.out(
        `${r.merged ? `已把${VOCABULARY_LABELS[list]}“${r.from}”并入“${r.to}”` : `已把${VOCABULARY_LABELS[list]}“${r.from}”改名为“${r.to}”`}` +
          `：${followed.length ? `${followed.join('、')}随之更改` : '目前没有数据用到它'}`,
      );
      return 0;
    });
  }
  io.err('用法：ledger vocab list|add|rename （见 ledger help）');
  return 1;
};
