// ledger profile: the institution's profile — its name, kind and the names its official documents carry.
import { parseArgs } from 'node:util';
import { INSTITUTION_KINDS, institutionWording, isInstitutionKind } from '../../../../shared/domain/institution';
import type { Command } from '../command';
import { withLedger } from '../ledger';

const LABELS = {
  institution: '单位名称',
  institutionKind: '单位类别',
  issuerMark: '发文机关标志',
  signature: '发文机关署名',
  docPrefix: '发文字号机关代字',
  printer: '印发机关',
} as const;

export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      mark: { type: 'string' },
      prefix: { type: 'string' },
      printer: { type: 'string' },
      signature: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (sub !== 'show' && sub !== 'set') {
    io.err('用法：ledger profile show|set （见 ledger help）');
    return 1;
  }
  if (values.kind !== undefined && !isInstitutionKind(values.kind)) {
    io.err(`「单位类别」“${values.kind}”无效，应为${INSTITUTION_KINDS.join('、')}之一`);
    return 1;
  }
  const patch = {
    ...(values.name !== undefined ? { institution: values.name } : {}),
    ...(values.kind !== undefined ? { institutionKind: values.kind as (typeof INSTITUTION_KINDS)[number] } : {}),
    ...(values.mark !== undefined ? { issuerMark: values.mark } : {}),
    ...(values.prefix !== undefined ? { docPrefix: values.prefix } : {}),
    ...(values.printer !== undefined ? { printer: values.printer } : {}),
    ...(values.signature !== undefined ? { signature: values.signature } : {}),
  };
  if (sub === 'set' && !Object.keys(patch).length) {
    io.err('请至少给出一项，如 --name ××县 --kind 县市区党委政府');
    return 1;
  }
  return withLedger(io, values.db, { mustExist: true, readOnly: sub === 'show' }, async (l) => {
    const state = sub === 'set' ? await l.send('settings.set', patch) : await l.send('settings.get', {});
    const v = state.values;
    if (values.json) {
      const profile = Object.fromEntries(Object.keys(LABELS).map((k) => [k, v[k as keyof typeof LABELS]]));
      io.out(JSON.stringify({ ...profile, wording: institutionWording(v.institutionKind) }, null, 2));
      return 0;
    }
    if (sub === 'set') io.out('已保存。');
    for (const [k, label] of Object.entries(LABELS)) io.out(`${label}：${v[k as keyof typeof LABELS] || '（未填）'}`);
    const w = institutionWording(v.institutionKind);
    io.out(`公文用语：联系${w.masses}；主送${w.mainRecipients}；称领导为“${w.leaders}”`);
    return 0;
  });
};
