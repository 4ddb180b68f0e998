// 设置 → 词汇: the institution's five lists. Add a value, rename one (every cadre, unit, object, record and
// rule using it follows), fold a stray value into another, delete one nobody uses.
import { useCallback, useEffect, useState } from 'react';
import type { RenameResult, VocabularyListState } from '../../../../shared/api/vocabulary';
import type { VocabularyList } from '../../../../shared/domain/vocabulary';
import { api } from '../../api';
import { useNotice } from '../../components/Notice';

/** Where each list's values are used, as the count column says it. */
const USED_BY: Record<VocabularyList, string> = {
  levels: '位干部',
  roles: '位干部',
  activityTypes: '条联系记录',
  objectCategories: '个联系对象',
  unitCategories: '个单位',
};

const HINT: Record<VocabularyList, string> = {
  levels: '干部名册的“级别”只能从这里选；制度要求按级别确定适用对象。',
  roles: '干部的“角色”（党委书记、分管教学……）；制度要求按角色确定适用对象。',
  activityTypes: '联系记录的“类型”；制度要求按类型统计次数。',
  objectCategories: '联系对象的“类别”；联系点和覆盖类要求按类别统计。',
  unitCategories: '单位的“类别”（学院、镇、县直单位……）；部分要求按所在单位类别确定适用对象。',
};

/** 1位干部、16条要求 — what followed a rename. */
export function followedText(r: RenameResult): string {
  const parts = [
    r.cadres ? `${r.cadres}位干部` : '',
    r.units ? `${r.units}个单位` : '',
    r.objects ? `${r.objects}个联系对象` : '',
    r.records ? `${r.records}条联系记录` : '',
    r.rules ? `${r.rules}条要求` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('、')}随之更改` : '目前没有数据用到它';
}

interface Renaming {
  list: VocabularyList;
  label: string;
  from: string;
  to: string;
  merge: boolean;
  /** The other values of the list, for the merge choice. */
  others: string[];
}

export function VocabularySettings() {
  const notify = useNotice();
  const [lists, setLists] = useState<VocabularyListState[] | null>(null);
  const [adding, setAdding] = useState<Record<string, { name: string; kind: 'unit' | 'person' }>>({});
  const [renaming, setRenaming] = useState<Renaming | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.vocabulary.lists({}).then(setLists, (e: Error) => notify({ kind: 'error', text: e.message }));
  }, [notify]);
  useEffect(load, [load]);

  if (!lists) return <p className="muted">正在读取词汇…</p>;

  const add = async (list: VocabularyList) => {
    const a = adding[list] ?? { name: '', kind: 'person' as const };
    try {
      await api.vocabulary.add({
        list,
        name: a.name,
        ...(list === 'objectCategories' ? { kind: a.kind } : {}),
      });
      setAdding({ ...adding, [list]: { ...a, name: '' } });
      load();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  };

  const remove = async (list: VocabularyList, name: string) => {
    try {
      await api.vocabulary.remove({ list, name });
      notify({ kind: 'info', text: `已删除“${name}”。` });
      load();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    }
  };

  const rename = async () => {
    if (!renaming) return;
    setBusy(true);
    try {
      const r = await api.vocabulary.rename({
        list: renaming.list,
        from: renaming.from,
        to: renaming.to,
        ...(renaming.merge ? { merge: true } : {}),
      });
      notify({
        kind: 'info',
        text: `${r.merged ? `已把${renaming.label}“${r.from}”并入“${r.to}”` : `已把${renaming.label}“${r.from}”改名为“${r.to}”`}：${followedText(r)}。`,
      });
      setRenaming(null);
      load();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="vocabulary-settings" data-testid="vocabulary-settings">
      <p className="muted">
        这些列表归本单位所有：干部名册、单位、联系对象和联系记录只能从中选择，导入 Excel
        时遇到列表之外的值会请您对应或先添加。 改名时，所有用到它的数据和制度要求一并改名。
      </p>
      {lists.map((l) => {
        const a = adding[l.list] ?? { name: '', kind: 'person' as const };
        return (
          <section key={l.list} className="vocabulary-list" data-testid={`vocab-${l.list}`}>
            <h3>{l.label}</h3>
            <p className="muted">{HINT[l.list]}</p>
            <table className="vocabulary-table">
              <thead>
                <tr>
                  <th>名称</th>
                  {l.list === 'objectCategories' && <th>单位或个人</th>}
                  <th>使用情况</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {l.terms.length === 0 && (
                  <tr>
                    <td colSpan={4} className="muted">
                      （还没有{l.label}）
                    </td>
                  </tr>
                )}
                {l.terms.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    {l.list === 'objectCategories' && <td>{t.kind === 'unit' ? '单位' : '个人'}</td>}
                    <td className="muted">
                      {[t.uses ? `${t.uses}${USED_BY[l.list]}` : '', t.ruleUses ? `${t.ruleUses}条要求` : '']
                        .filter(Boolean)
                        .join('、') || '未使用'}
                    </td>
                    <td className="row-actions">
                      <button
                        onClick={() =>
                          setRenaming({
                            list: l.list,
                            label: l.label,
                            from: t.name,
                            to: t.name,
                            merge: false,
                            others: l.terms.map((x) => x.name).filter((x) => x !== t.name),
                          })
                        }
                        aria-label={`改名${t.name}`}
                      >
                        改名或合并
                      </button>
                      {!t.uses && !t.ruleUses && (
                        <button onClick={() => void remove(l.list, t.name)} aria-label={`删除${t.name}`}>
                          删除
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="vocabulary-add">
              <input
                value={a.name}
                placeholder={`新的${l.label}`}
                aria-label={`新的${l.label}`}
                onChange={(e) => setAdding({ ...adding, [l.list]: { ...a, name: e.target.value } })}
                onKeyDown={(e) => e.key === 'Enter' && void add(l.list)}
              />
              {l.list === 'objectCategories' && (
                <select
                  value={a.kind}
                  aria-label="单位或个人"
                  onChange={(e) =>
                    setAdding({ ...adding, [l.list]: { ...a, kind: e.target.value as 'unit' | 'person' } })
                  }
                >
                  <option value="unit">单位</option>
                  <option value="person">个人</option>
                </select>
              )}
              <button onClick={() => void add(l.list)} disabled={!a.name.trim()}>
                添加
              </button>
            </div>
          </section>
        );
      })}
      {renaming && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" aria-labelledby="rename-title">
            <h2 id="rename-title">
              改名或合并{renaming.label}“{renaming.from}”
            </h2>
            <label className="form-field">
              新名称
              <input
                value={renaming.to}
                autoFocus
                aria-label="新名称"
                onChange={(e) => {
                  const to = e.target.value;
                  setRenaming({ ...renaming, to, merge: renaming.others.includes(to.trim()) });
                }}
              />
            </label>
            <label className="form-field">
              或并入已有的{renaming.label}
              <select
                value={renaming.others.includes(renaming.to) ? renaming.to : ''}
                aria-label="并入"
                onChange={(e) =>
                  setRenaming({ ...renaming, to: e.target.value || renaming.from, merge: !!e.target.value })
                }
              >
                <option value="">（不合并）</option>
                {renaming.others.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
            <p className="muted">
              {renaming.merge
                ? `合并后，所有用“${renaming.from}”的干部、单位、联系对象、联系记录和制度要求都改为“${renaming.to}”，“${renaming.from}”从列表中删除。`
                : `改名后，所有用“${renaming.from}”的干部、单位、联系对象、联系记录和制度要求（包括往年的）都随之改名。`}
            </p>
            <div className="modal-buttons">
              <button onClick={() => setRenaming(null)}>取消</button>
              <button
                className="primary"
                disabled={busy || !renaming.to.trim() || renaming.to.trim() === renaming.from}
                onClick={() => void rename()}
              >
                {renaming.merge ? '合并' : '改名'}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
