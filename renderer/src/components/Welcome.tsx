// First start. A ledger with no regulation asks, in order: the institution (name, kind, 发文机关标志, 发文字号
// 机关代字, 印发机关 — every document's words about the institution come from these), then the regulation it
// follows: one of the presets as issued, a copy of one to edit as her own, or an empty one. Both are saved as
// one change (undoable from 撤销记录). An empty ledger that has its regulation shows the ways to begin, and
// offers the demo ledger (a separate file, left with one click) — never forced.
import { useEffect, useState } from 'react';
import type { PresetSummary } from '../../../shared/api/rules';
import type { SettingsValues } from '../../../shared/api/settings';
import { INSTITUTION_KINDS, institutionWording, type InstitutionKind } from '../../../shared/domain/institution';
import { api } from '../api';
import { ledgerChanged } from '../grid/history';
import { enterDemo } from './DemoBanner';
import { useNotice } from './Notice';

type Profile = Pick<
  SettingsValues,
  'institution' | 'institutionKind' | 'issuerMark' | 'signature' | 'printer' | 'docPrefix'
>;
type ProfileKey = Exclude<keyof Profile, 'institutionKind'>;

const NAME_HINT: Record<InstitutionKind, string> = {
  高校: '如：河南理工大学',
  县市区党委政府: '如：兰考县',
  乡镇街道: '如：城关镇',
  企业: '如：××集团有限公司',
  机关部门: '如：××市住房公积金管理中心',
};

/** What an institution of this kind usually prints, from its name — a suggestion she can change. */
export function suggestProfile(kind: InstitutionKind, name: string): Omit<Profile, 'institution' | 'institutionKind'> {
  const n = name.trim() || '××';
  const party =
    kind === '机关部门'
      ? `中共${n}党组`
      : kind === '乡镇街道' && /街道$/.test(n)
        ? `中共${n}工作委员会`
        : `中共${n}委员会`;
  const prefix =
    kind === '高校'
      ? '校党发'
      : kind === '县市区党委政府'
        ? `${/[县市区旗]$/.test(n) ? n.slice(-1) : '县'}委发`
        : kind === '乡镇街道'
          ? /街道$/.test(n)
            ? '街党工委发'
            : `${/[镇乡]$/.test(n) ? n.slice(-1) : '镇'}党发`
          : kind === '企业'
            ? '党委发'
            : '党组发';
  return {
    issuerMark: `${party}文件`,
    signature: party,
    printer: kind === '机关部门' ? `${n}办公室` : `${party}办公室`,
    docPrefix: prefix,
  };
}

const FIELDS: [ProfileKey, string][] = [
  ['issuerMark', '发文机关标志（公文版头的红色大字）'],
  ['signature', '发文机关署名'],
  ['docPrefix', '发文字号的机关代字（如“县委发”〔2026〕3号中的“县委发”）'],
  ['printer', '印发机关（版记中的印发机关）'],
];

type Mode = 'preset' | 'copy' | 'empty';

function FirstStart({ onDone }: { onDone: () => void }) {
  const notify = useNotice();
  const [step, setStep] = useState<1 | 2>(1);
  const [profile, setProfile] = useState<Profile>({
    institution: '',
    institutionKind: '高校',
    ...suggestProfile('高校', ''),
  });
  // Fields she typed herself keep what she typed when the name or kind changes.
  const [typed, setTyped] = useState<Set<ProfileKey>>(new Set());
  const [presets, setPresets] = useState<PresetSummary[]>([]);
  const [presetId, setPresetId] = useState('');
  const [mode, setMode] = useState<Mode>('preset');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.rules.presets({}).then(
      (p) => {
        setPresets(p);
        setPresetId((cur) => cur || p[0]?.id || '');
      },
      () => setPresets([]),
    );
  }, []);

  const change = (patch: Partial<Profile>) => {
    const next = { ...profile, ...patch };
    const s = suggestProfile(next.institutionKind, next.institution);
    for (const k of Object.keys(s) as (keyof typeof s)[]) if (!typed.has(k)) next[k] = s[k];
    setProfile(next);
  };

  const next = () => {
    const missing = [
      !profile.institution.trim() && '「单位名称」不能为空',
      !profile.issuerMark.trim() && '「发文机关标志」不能为空',
    ].filter(Boolean) as string[];
    setProblems(missing);
    if (!missing.length) setStep(2);
  };

  const preset = presets.find((p) => p.id === presetId);
  const wording = institutionWording(profile.institutionKind);
  const ownName = preset ? `${profile.institution}${preset.name.replace(/^.*?(领导干部|党员干部)/, '$1')}` : '';

  const finish = async () => {
    setBusy(true);
    setProblems([]);
    try {
      const current = await api.settings.get({});
      const values = { ...current.values, ...profile };
      const regulation =
        mode === 'empty'
          ? [
              {
                method: 'rules.createRegulation',
                input: {
                  name: `${profile.institution}领导干部联系${wording.masses}制度`,
                  note: '本单位自行制定',
                },
              },
              // Records need their types; she extends the list in 设置 → 词汇.
              ...['座谈', '走访', '调研', '接待来访'].map((name) => ({
                method: 'vocabulary.add',
                input: { list: 'activityTypes', name },
              })),
            ]
          : [
              {
                method: 'rules.applyPreset',
                input: { presetId, year, ...(mode === 'copy' ? { copyAs: ownName } : {}) },
              },
            ];
      await api.changes.apply({
        label: `开始使用：${profile.institution}（${profile.institutionKind}）`,
        calls: [
          { method: 'settings.set', input: values, where: '本单位' },
          ...regulation.map((c) => ({ ...c, where: '制度' })),
        ],
      });
      notify({
        kind: 'info',
        text:
          mode === 'empty'
            ? `已保存本单位信息，并新建空白制度；请在“制度”中逐条添加要求。`
            : `已保存本单位信息，并按${mode === 'copy' ? `《${preset?.name}》复制了一份制度《${ownName}》` : `《${preset?.name}》`}载入${year}年的要求。`,
      });
      ledgerChanged();
      onDone();
    } catch (e) {
      const err = e as Error & { issues?: { field?: string; message: string }[] };
      setProblems(
        err.issues?.length ? err.issues.map((i) => `${i.field ? `「${i.field}」` : ''}${i.message}`) : [err.message],
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="welcome first-start" role="region" aria-labelledby="first-start-title" data-testid="first-start">
      <h2 id="first-start-title">欢迎使用联系群众工作台账 · 第{step}步（共2步）</h2>
      {step === 1 ? (
        <>
          <p>先填写本单位的信息。生成的通知、通报等公文中的机关名称和用语都取自这里，以后可在“设置 → 本单位”修改。</p>
          <label className="form-field">
            单位类别
            <select
              aria-label="单位类别"
              value={profile.institutionKind}
              onChange={(e) => change({ institutionKind: e.target.value as InstitutionKind })}
            >
              {INSTITUTION_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <p className="muted">
            公文中将写作“联系{wording.masses}”，主送“{wording.mainRecipients}”。
          </p>
          <label className="form-field">
            单位名称
            <input
              aria-label="单位名称"
              value={profile.institution}
              placeholder={NAME_HINT[profile.institutionKind]}
              onChange={(e) => change({ institution: e.target.value })}
            />
          </label>
          {FIELDS.map(([k, label]) => (
            <label className="form-field" key={k}>
              {label}
              <input
                aria-label={label.replace(/（.*$/, '')}
                value={profile[k]}
                onChange={(e) => {
                  setTyped(new Set(typed).add(k));
                  setProfile({ ...profile, [k]: e.target.value });
                }}
              />
            </label>
          ))}
        </>
      ) : (
        <>
          <p>再选择本单位执行的制度。统计考核、督办期限和接待日排班都按制度中的要求计算。</p>
          <fieldset className="first-start-modes">
            <label>
              <input type="radio" name="mode" checked={mode === 'preset'} onChange={() => setMode('preset')} />
              采用下列制度之一（原样载入全部要求）
            </label>
            <label>
              <input type="radio" name="mode" checked={mode === 'copy'} onChange={() => setMode('copy')} />
              复制下列制度之一，作为本单位的制度再修改
            </label>
            <label>
              <input type="radio" name="mode" checked={mode === 'empty'} onChange={() => setMode('empty')} />
              从空白制度开始，自己逐条添加要求
            </label>
          </fieldset>
          {mode !== 'empty' && (
            <div className="first-start-presets" role="radiogroup" aria-label="制度">
              {presets.map((p) => (
                <label key={p.id} className={p.id === presetId ? 'selected' : undefined}>
                  <input
                    type="radio"
                    name="preset"
                    aria-label={p.name}
                    checked={p.id === presetId}
                    onChange={() => setPresetId(p.id)}
                  />
                  <span>
                    《{p.name}》
                    <span className="muted">
                      {p.issuer}
                      {p.code ? ` ${p.code}` : ''}，{p.ruleCount}条要求
                    </span>
                  </span>
                </label>
              ))}
            </div>
          )}
          {mode === 'copy' && (
            <p className="muted">复制后的制度名为《{ownName}》，可在“制度”中改名、修改或删除每条要求。</p>
          )}
          {mode !== 'empty' && (
            <label className="form-field" style={{ maxWidth: 200 }}>
              要求适用的年度
              <select aria-label="年度" value={year} onChange={(e) => setYear(Number(e.target.value))}>
                {[year - 1, year, year + 1].map((y) => (
                  <option key={y} value={y}>
                    {y}年
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
      {problems.length > 0 && (
        <ul className="form-errors">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="modal-buttons">
        {step === 1 && (
          <button
            data-testid="first-start-demo"
            disabled={busy}
            title="另开一个演示台账（一所大学一年的示例数据），不进入您的台账，随时一键退出"
            onClick={() => {
              setBusy(true);
              enterDemo().catch((e: Error) => {
                notify({ kind: 'error', text: e.message });
                setBusy(false);
              });
            }}
          >
            {busy ? '正在生成演示台账…' : '先看看演示台账'}
          </button>
        )}
        {step === 2 && <button onClick={() => setStep(1)}>上一步</button>}
        {step === 1 ? (
          <button className="primary" onClick={next}>
            下一步
          </button>
        ) : (
          <button className="primary" disabled={busy || (mode !== 'empty' && !presetId)} onClick={() => void finish()}>
            {busy ? '正在保存…' : '完成'}
          </button>
        )}
      </div>
    </div>
  );
}

export function Welcome({ onFilled }: { onFilled: () => void }) {
  const notify = useNotice();
  const [empty, setEmpty] = useState(false);
  const [noRegulation, setNoRegulation] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem('ledger-welcome') === 'closed');

  useEffect(() => {
    api.system.info({}).then(
      (i) => setEmpty((i.counts.cadres ?? 0) === 0 && (i.counts.records ?? 0) === 0),
      () => setEmpty(false),
    );
    api.rules.regulations({}).then(
      (r) => setNoRegulation(r.length === 0),
      () => setNoRegulation(false),
    );
  }, []);

  if (!empty) return null;
  if (noRegulation) return <FirstStart onDone={() => (setNoRegulation(false), onFilled())} />;
  if (dismissed) return null;

  const close = () => {
    sessionStorage.setItem('ledger-welcome', 'closed');
    setDismissed(true);
  };

  const demo = async () => {
    setBusy(true);
    try {
      await enterDemo();
    } catch (e) {
      notify({ kind: 'error', text: (e as Error).message });
      setBusy(false);
    }
  };

  return (
    <div className="welcome" role="region" aria-label="开始使用" data-testid="welcome">
      <h2>欢迎使用联系群众工作台账</h2>
      <p>这是一个空台账。可以这样开始：</p>
      <ol>
        <li>在“人员与单位”中添加单位、干部和联系对象，或点“导入模板”下载 Excel 模板，填好后“导入 Excel”；</li>
        <li>在“联系点”中安排本年度的联系点；</li>
        <li>在“台账”中点“新增记录”（Alt+N）登记每一次联系。</li>
      </ol>
      <p className="muted">
        想先看看填好的台账是什么样子？可以打开演示台账：一所大学一年的示例数据（按河南理工大学制度），另存一个文件，不进入您的台账，随时一键退出。
      </p>
      <div className="modal-buttons">
        <button onClick={close}>不用了</button>
        <button className="primary" onClick={() => void demo()} disabled={busy} data-testid="welcome-demo">
          {busy ? '正在生成演示台账…' : '打开演示台账'}
        </button>
      </div>
    </div>
  );
}
