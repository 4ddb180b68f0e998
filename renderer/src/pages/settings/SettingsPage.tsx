// 设置: the institution (names for documents, kind), its lists (词汇), 校历 and 节假日, the operator the audit trail records,
// and the font per role.
import { useEffect, useState } from 'react';
import { INSTITUTION_KINDS, type InstitutionKind } from '../../../../shared/domain/institution';
import {
  FONT_ROLE_KEYS,
  type FontFiles,
  type SettingsState,
  type SettingsValues,
} from '../../../../shared/api/settings';
import { api } from '../../api';
import { useNotice } from '../../components/Notice';
import { VocabularySettings } from './VocabularySettings';
import { HolidaySettings, SemesterSettings } from './CalendarSettings';

const TABS = {
  profile: '本单位',
  vocabulary: '词汇',
  semesters: '校历',
  holidays: '节假日',
  fonts: '公文字体',
} as const;
type Tab = keyof typeof TABS;

const FIELDS: [Exclude<keyof SettingsValues, 'fonts'>, string, string][] = [
  ['institution', '单位名称', '××大学'],
  ['issuerMark', '发文机关标志', '中共××大学委员会文件'],
  ['signature', '发文机关署名', '中共××大学委员会'],
  ['printer', '印发机关', '中共××大学委员会办公室'],
  ['docPrefix', '发文字号机关代字', '校党发'],
  ['operator', '操作人（记入审计日志）', ''],
];

const ORIGIN: Record<string, string> = { override: '指定文件', system: '系统字体', bundled: '内置字体' };
const ROLE_NAME: Record<string, string> = {
  fangsong: '仿宋',
  xiaobiaosong: '小标宋',
  heiti: '黑体',
  kaiti: '楷体',
  songti: '宋体',
};

export function SettingsPage() {
  const notify = useNotice();
  const [state, setState] = useState<SettingsState | null>(null);
  const [values, setValues] = useState<SettingsValues | null>(null);
  const [tab, setTab] = useState<Tab>('profile');
  // The font files the window may choose: the backend offers them (a page names no other path).
  const [fontFiles, setFontFiles] = useState<FontFiles | null>(null);

  useEffect(() => {
    api.settings
      .get({})
      .then((s) => {
        setState(s);
        setValues(s.values);
      })
      .catch((e: unknown) => notify({ kind: 'error', text: e instanceof Error ? e.message : String(e) }));
  }, [notify]);

  useEffect(() => {
    if (tab !== 'fonts') return;
    api.settings
      .fontFiles({})
      .then(setFontFiles)
      .catch((e: unknown) => notify({ kind: 'error', text: e instanceof Error ? e.message : String(e) }));
  }, [tab, notify]);

  if (!values || !state)
    return (
      <section className="page">
        <p className="muted">正在读取设置…</p>
      </section>
    );

  const save = async () => {
    try {
      const s = await api.settings.set(values);
      setState(s);
      setValues(s.values);
      notify({ kind: 'info', text: '设置已保存' });
    } catch (e) {
      notify({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <section className="page settings-page" data-testid="settings-page">
      <header className="page-header">
        <h1>设置</h1>
        <nav className="tabs" role="tablist">
          {(Object.keys(TABS) as Tab[]).map((t) => (
            <button
              key={t}
              role="tab"
              aria-selected={tab === t}
              className={tab === t ? 'tab active' : 'tab'}
              onClick={() => setTab(t)}
            >
              {TABS[t]}
            </button>
          ))}
        </nav>
      </header>
      <div style={{ maxWidth: 860, overflow: 'auto' }}>
        {tab === 'vocabulary' && <VocabularySettings />}
        {tab === 'semesters' && <SemesterSettings />}
        {tab === 'holidays' && <HolidaySettings />}
        {tab === 'profile' && (
          <>
            <h2>本单位与公文</h2>
            <label className="form-field">
              单位类别（决定公文用语：联系师生或联系群众，各学院或各乡镇）
              <select
                value={values.institutionKind}
                aria-label="单位类别"
                onChange={(e) => setValues({ ...values, institutionKind: e.target.value as InstitutionKind })}
              >
                {INSTITUTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
            {FIELDS.map(([k, label, placeholder]) => (
              <label className="form-field" key={k}>
                {label}
                <input
                  value={values[k]}
                  placeholder={placeholder}
                  onChange={(e) => setValues({ ...values, [k]: e.target.value })}
                />
              </label>
            ))}
            <div className="modal-buttons">
              <button onClick={save}>保存设置</button>
            </div>
          </>
        )}
        {tab === 'fonts' && (
          <>
            <h2>字体</h2>
            <p className="muted">
              可为各字体角色从下列字体文件中选择：本机已安装的中文字体，以及本台账的字体文件夹中的文件。不选则使用已安装的公文字体，没有时使用内置的
              Fandol 字体。
            </p>
            <p className="muted" data-testid="font-folder">
              要使用其他字体文件（如购买的方正小标宋简体），请先把它复制到本台账的字体文件夹：
              {fontFiles?.folder ?? '…'}，然后重新打开本页选择。
            </p>
            <table className="settings-fonts">
              <thead>
                <tr>
                  <th>角色</th>
                  <th>指定文件</th>
                  <th>实际使用</th>
                </tr>
              </thead>
              <tbody>
                {FONT_ROLE_KEYS.map((role) => {
                  const used = state.fonts.find((f) => f.role === role);
                  return (
                    <tr key={role}>
                      <td>{ROLE_NAME[role]}</td>
                      <td>
                        <select
                          style={{ width: 300 }}
                          aria-label={`${ROLE_NAME[role]}字体文件`}
                          value={values.fonts[role] ?? ''}
                          onChange={(e) => setValues({ ...values, fonts: { ...values.fonts, [role]: e.target.value } })}
                        >
                          <option value="">不指定（自动选择）</option>
                          {fontOptions(fontFiles, values.fonts[role]).map((f) => (
                            <option key={f.path} value={f.path} title={f.path}>
                              {f.label}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td data-testid={`font-${role}`}>
                        {used ? `${used.family}（${ORIGIN[used.origin]}）` : ''}
                        <div className="muted">{used?.path}</div>
                        {used?.problem && <div className="form-errors">{used.problem}</div>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="modal-buttons">
              <button onClick={save}>保存设置</button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

/** The choices of one role: the offered files (her folder's first), and the file already chosen if not among them. */
function fontOptions(files: FontFiles | null, chosen: string | undefined): { path: string; label: string }[] {
  const out = (files?.files ?? []).map((f) => ({
    path: f.path,
    label: `${f.families[0] ? `${f.families[0]}：` : ''}${f.name}（${f.place === 'ledger' ? '本台账字体文件夹' : '已安装'}）`,
  }));
  if (chosen && !out.some((o) => o.path === chosen)) out.unshift({ path: chosen, label: `${chosen}（已指定）` });
  return out;
}
