// The record form: every field of 002 第三十二条 plus 类型, 学时, 天数, 随员人数, several cadres and
// objects, and attachments. Keyboard first: Enter moves to the next field, Ctrl+Enter saves, Esc closes;
// Ctrl+F / Ctrl+H find and replace in the form's own fields, as in the grids.
import { useEffect, useRef, useState } from 'react';
import { ATTACHMENT_TYPES } from '../../../../shared/domain/attachments';
import type { AuditHistoryEntry } from '../../../../shared/api/audit';
import type { Attachment } from '../../../../shared/api/records';
import { LedgerError } from '../../../../shared/errors';
import { parseLooseDate } from '../../../../shared/format/date';
import type { LedgerRecord, RecordInput } from '../../../../shared/domain/record';
import { api } from '../../api';
import { useNotice } from '../../components/Notice';
import type { Option } from '../../data/lookups';
import { downloadBase64, fileToBase64 } from '../../grid/download';
import { FindBar, useFindBar } from '../../grid/FindBar';
import { occurrences, replaceAt, replaceIn, type Occurrence } from '../../grid/find';

interface Props {
  record: LedgerRecord | null;
  cadreOptions: readonly Option[];
  objectOptions: readonly Option[];
  types: readonly Option[];
  onSaved: (r: LedgerRecord, again: boolean) => void;
  onClose: () => void;
}

const ACTIONS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  restore: '撤销删除（恢复）',
  undo: '撤销修改',
  import: '导入',
};

/** The fields find and replace read, in the order they stand in the form, with their labels. */
const FIND_FIELDS = [
  ['date', '日期'],
  ['startTime', '开始时间'],
  ['endTime', '结束时间'],
  ['cadres', '领导干部'],
  ['place', '地点'],
  ['objects', '联系对象'],
  ['hours', '学时'],
  ['days', '天数'],
  ['companions', '随员人数'],
  ['content', '联系工作开展情况'],
  ['opinions', '意见和建议'],
  ['implementation', '落实情况'],
] as const;
type FindField = (typeof FIND_FIELDS)[number][0];
const labelOf = (k: string) => FIND_FIELDS.find(([f]) => f === k)?.[1] ?? '';

/** Entering a kept field selects it, so typing replaces it, as in a spreadsheet cell. */
const selectAll = (e: React.FocusEvent<HTMLInputElement>) => e.target.select();

const split = (s: string) =>
  s
    .split(/[、,，;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function RecordForm({ record, cadreOptions, objectOptions, types, onSaved, onClose }: Props) {
  const notify = useNotice();
  const first = useRef<HTMLInputElement>(null);
  const nameOf = (opts: readonly Option[], ids: number[]) =>
    ids.map((id) => opts.find((o) => o.id === id)?.name ?? '').join('、');
  const blank = {
    date: '',
    startTime: '',
    endTime: '',
    cadres: '',
    type: types[0]?.name ?? '',
    place: '',
    objects: '',
    hours: '',
    days: '',
    companions: '',
    content: '',
    opinions: '',
    implementation: '',
  };
  const [f, setF] = useState(
    record
      ? {
          date: record.date,
          startTime: record.startTime ?? '',
          endTime: record.endTime ?? '',
          cadres: nameOf(cadreOptions, record.cadreIds),
          type: record.activityType,
          place: record.place,
          objects: nameOf(objectOptions, record.objectIds),
          hours: record.hours?.toString() ?? '',
          days: record.days?.toString() ?? '',
          companions: record.companions?.toString() ?? '',
          content: record.content,
          opinions: record.opinions,
          implementation: record.implementation,
        }
      : blank,
  );
  // What the form held when it opened (or after 保存并继续): Esc and 关闭 ask before throwing typing away.
  const initial = useRef(f);
  // The lists may arrive after the form opened (Alt+N right at start-up): a new record then takes the first
  // 类型 as it would have, without counting as typing.
  const firstType = types[0]?.name ?? '';
  useEffect(() => {
    if (record || !firstType) return;
    setF((cur) => (cur.type ? cur : { ...cur, type: firstType }));
    if (!initial.current.type) initial.current = { ...initial.current, type: firstType };
  }, [record, firstType]);
  const [leaving, setLeaving] = useState(false);
  const dirty = () => (Object.keys(f) as (keyof typeof f)[]).some((k) => f[k] !== initial.current[k]);
  const close = () => (dirty() ? setLeaving(true) : onClose());
  const [errors, setErrors] = useState<string[]>([]);
  const [files, setFiles] = useState<Attachment[]>([]);
  const [history, setHistory] = useState<AuditHistoryEntry[] | null>(null);
  useEffect(() => {
    first.current?.focus();
    if (record) api.records.attachments({ recordId: record.id }).then(setFiles, () => setFiles([]));
  }, [record]);

  const set =
    (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setF({ ...f, [k]: e.target.value });

  /** Checks every field first and lists every problem, like the import does. */
  const build = (): RecordInput | null => {
    const problems: string[] = [];
    const date = parseLooseDate(f.date);
    if (!date) problems.push(`「日期」${f.date ? `“${f.date}”不是有效日期` : '不能为空'}`);
    const ids = (text: string, opts: readonly Option[], label: string) => {
      const names = split(text);
      const unknown = names.filter((n) => !opts.some((o) => o.name === n));
      if (unknown.length) problems.push(`「${label}」中没有：${unknown.join('、')}`);
      return names.map((n) => opts.find((o) => o.name === n)?.id ?? 0).filter(Boolean);
    };
    const cadreIds = ids(f.cadres, cadreOptions, '领导干部');
    if (split(f.cadres).length === 0) problems.push('「领导干部」至少要有一位');
    const objectIds = ids(f.objects, objectOptions, '联系对象');
    const type = types.find((t) => t.name === f.type);
    if (!type) problems.push('「类型」请选择');
    const num = (v: string, label: string, integer = false) => {
      if (!v.trim()) return null;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)))
        problems.push(`「${label}」“${v}”不是有效数字`);
      return n;
    };
    const time = (v: string, label: string) => {
      if (!v.trim()) return null;
      const m = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(v.trim());
      if (!m) problems.push(`「${label}」“${v}”不是有效时间（如 15:00）`);
      return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
    };
    const input: RecordInput = {
      date: date ?? '',
      startTime: time(f.startTime, '开始时间'),
      endTime: time(f.endTime, '结束时间'),
      activityTypeId: type?.id ?? 0,
      cadreIds,
      objectIds,
      place: f.place.trim(),
      content: f.content,
      opinions: f.opinions,
      implementation: f.implementation,
      hours: num(f.hours, '学时'),
      days: num(f.days, '天数'),
      companions: num(f.companions, '随员人数', true),
    };
    if (input.companions !== null && input.companions! > 3)
      notify({ kind: 'info', text: '提示：随员超过3人（县委制度汇编 2.4 要求随员不超过3人）。' });
    setErrors(problems);
    return problems.length ? null : input;
  };

  const save = async (again: boolean) => {
    const input = build();
    if (!input) return;
    try {
      const saved = record
        ? await api.records.update({ id: record.id, patch: input })
        : await api.records.create(input);
      initial.current = f;
      onSaved(saved, again);
      if (again) {
        const next = { ...blank, date: f.date, cadres: f.cadres, type: f.type };
        initial.current = next;
        setF(next);
        setTimeout(() => first.current?.focus(), 0);
      }
    } catch (e) {
      setErrors([(e as Error).message]);
    }
  };

  // ——— Find and replace in the form's fields (Ctrl+F, Ctrl+H): nothing is saved until 保存 ———
  const dialog = useRef<HTMLDivElement>(null);
  const findBox = useRef<HTMLDivElement>(null);
  const finder = useFindBar();
  const { query, replacement, setStatus: setFindStatus, open: openFind } = finder;
  const [found, setFound] = useState<{ at: Occurrence; index: number; of: number } | null>(null);
  /** The fields as they were before the last 全部替换, for 撤销替换. */
  const [beforeReplace, setBeforeReplace] = useState<typeof f | null>(null);
  const fieldEl = (k: string) =>
    dialog.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[aria-label="${labelOf(k)}"]`) ?? null;
  const findIn = (values: typeof f) =>
    occurrences(
      FIND_FIELDS.map(([k]) => [k, values[k as FindField]] as const),
      query,
    );
  /** Shows an occurrence: its field outlined and the text selected in it (typing there replaces it). */
  const show = (o: Occurrence, index: number, of: number) => {
    setFound({ at: o, index, of });
    setFindStatus(`第 ${index + 1} / ${of} 处（${labelOf(o.field)}）`);
    const el = fieldEl(o.field);
    el?.scrollIntoView({ block: 'nearest' });
    el?.setSelectionRange(o.start, o.end);
  };
  const findNext = (dir: 1 | -1, values = f) => {
    const all = findIn(values);
    if (!all.length) {
      setFound(null);
      return setFindStatus(query ? `表单中找不到“${query}”` : '');
    }
    const order = (o: Occurrence) => FIND_FIELDS.findIndex(([k]) => k === o.field) * 1e6 + o.start;
    const from = found ? order(found.at) : dir === 1 ? -1 : Infinity;
    let i = dir === 1 ? all.findIndex((o) => order(o) > from) : all.findLastIndex((o) => order(o) < from);
    if (i < 0) i = dir === 1 ? 0 : all.length - 1;
    show(all[i]!, i, all.length);
  };
  /** 替换: the occurrence shown, then on to the next one. */
  const replaceOne = () => {
    const at = found?.at;
    const k = at?.field as FindField | undefined;
    if (!at || !k || f[k].slice(at.start, at.end).toLowerCase() !== query.toLowerCase()) return findNext(1);
    const next = { ...f, [k]: replaceAt(f[k], at, replacement) };
    setF(next);
    const rest = findIn(next);
    const after = at.start + replacement.length;
    const order = FIND_FIELDS.findIndex(([x]) => x === k);
    const i = rest.findIndex((o) => {
      const oi = FIND_FIELDS.findIndex(([x]) => x === o.field);
      return oi > order || (oi === order && o.start >= after);
    });
    if (!rest.length) {
      setFound(null);
      return setFindStatus(`已替换；表单中没有别的“${query}”了`);
    }
    const j = i < 0 ? 0 : i;
    setTimeout(() => show(rest[j]!, j, rest.length), 0);
  };
  /** 全部替换: every occurrence in every field; the counts per field are said, and 撤销替换 puts them back. */
  const replaceAll = () => {
    const all = findIn(f);
    if (!all.length) return setFindStatus(`表单中找不到“${query}”`);
    const next = { ...f };
    const per = new Map<string, number>();
    for (const o of all) per.set(o.field, (per.get(o.field) ?? 0) + 1);
    for (const k of per.keys()) next[k as FindField] = replaceIn(f[k as FindField], query, replacement);
    setBeforeReplace(f);
    setF(next);
    setFound(null);
    setFindStatus(
      `已替换 ${all.length} 处（${[...per].map(([k, n]) => `${labelOf(k)} ${n}`).join('、')}），保存后生效`,
    );
  };
  // The field holding the occurrence shown is outlined.
  useEffect(() => {
    const el = found ? fieldEl(found.at.field) : null;
    el?.classList.add('form-found');
    return () => el?.classList.remove('form-found');
  }, [found]);
  const closeFind = () => {
    finder.hide();
    setFound(null);
    setBeforeReplace(null);
    setTimeout(() => first.current?.focus(), 0);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && !e.altKey && (e.key.toLowerCase() === 'f' || e.key.toLowerCase() === 'h')) {
      e.preventDefault();
      return openFind(e.key.toLowerCase() === 'h');
    }
    // The find bar's own keys (Enter finds, Esc closes it) are not the form's.
    if (findBox.current?.contains(e.target as Node)) return;
    if (e.key === 'Escape') {
      e.stopPropagation();
      return leaving ? setLeaving(false) : close();
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      return void save(!record);
    }
    // Enter in a one-line field moves on, as in a spreadsheet; in a text area it starts a new line.
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type !== 'file') {
      e.preventDefault();
      const fields = Array.from(
        e.currentTarget.querySelectorAll<HTMLElement>('input, select, textarea, button.primary'),
      );
      fields[fields.indexOf(e.target) + 1]?.focus();
    }
  };

  const attach = async (list: FileList | null) => {
    if (!record || !list) return;
    for (const file of Array.from(list)) {
      try {
        await api.records.attach({ recordId: record.id, fileName: file.name, dataBase64: await fileToBase64(file) });
      } catch (e) {
        notify({ kind: 'error', text: (e as Error).message });
      }
    }
    setFiles(await api.records.attachments({ recordId: record.id }));
  };

  /** The system's viewer opens the file; where the host cannot do that, the file is downloaded instead. */
  const open = async (a: Attachment) => {
    try {
      await api.records.openAttachment({ id: a.id });
    } catch (e) {
      if (!(e instanceof LedgerError && e.code === 'FORBIDDEN'))
        return notify({ kind: 'error', text: (e as Error).message });
      try {
        const r = await api.records.readAttachment({ id: a.id });
        downloadBase64(r.dataBase64, a.fileName, a.mime);
      } catch (e2) {
        notify({ kind: 'error', text: (e2 as Error).message });
      }
    }
  };

  const field = (label: string, k: keyof typeof f, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label className="form-field">
      <span>{label}</span>
      <input value={f[k]} onChange={set(k)} onFocus={selectAll} aria-label={label} {...props} />
    </label>
  );

  return (
    <div className="modal-backdrop">
      <div
        className="modal record-form"
        role="dialog"
        aria-modal="true"
        aria-labelledby="record-form-title"
        onKeyDown={onKeyDown}
        ref={dialog}
      >
        <h2 id="record-form-title">{record ? '联系记录' : '新增联系记录'}</h2>
        {finder.shown ? (
          <FindBar
            id="record-form"
            box={findBox}
            {...finder.barProps(() => setFound(null))}
            onNext={findNext}
            onReplace={replaceOne}
            onReplaceAll={replaceAll}
            onClose={closeFind}
            replaceAllAtOnce
            extra={
              beforeReplace && (
                <button
                  className="link"
                  onClick={() => {
                    setF(beforeReplace);
                    setBeforeReplace(null);
                    setFindStatus('已撤销替换');
                  }}
                >
                  撤销替换
                </button>
              )
            }
          />
        ) : (
          <button className="link record-form-find" onClick={() => openFind(false)} title="Ctrl+F 查找，Ctrl+H 替换">
            查找替换
          </button>
        )}
        <datalist id="cadre-names">
          {cadreOptions.map((o) => (
            <option key={o.id} value={o.name} />
          ))}
        </datalist>
        <datalist id="object-names">
          {objectOptions.map((o) => (
            <option key={o.id} value={o.name} />
          ))}
        </datalist>
        <div className="form-grid">
          <label className="form-field">
            <span>日期</span>
            <input
              ref={first}
              value={f.date}
              onChange={set('date')}
              onFocus={selectAll}
              placeholder="2026-03-05"
              aria-label="日期"
            />
          </label>
          {field('开始时间', 'startTime', { placeholder: '15:00' })}
          {field('结束时间', 'endTime', { placeholder: '17:00' })}
          {field('领导干部', 'cadres', { placeholder: '姓名，多人用“、”分隔', list: 'cadre-names' })}
          <label className="form-field">
            <span>类型</span>
            <select value={f.type} onChange={set('type')} aria-label="类型">
              {types.map((t) => (
                <option key={t.id}>{t.name}</option>
              ))}
            </select>
          </label>
          {field('地点', 'place')}
          {field('联系对象', 'objects', { placeholder: '多个用“、”分隔', list: 'object-names' })}
          {field('学时', 'hours', { inputMode: 'decimal' })}
          {field('天数', 'days', { inputMode: 'decimal' })}
          {field('随员人数', 'companions', { inputMode: 'numeric' })}
        </div>
        <label className="form-field wide">
          <span>联系工作开展情况</span>
          <textarea value={f.content} onChange={set('content')} rows={3} aria-label="联系工作开展情况" />
        </label>
        <label className="form-field wide">
          <span>联系对象反映的意见和建议</span>
          <textarea value={f.opinions} onChange={set('opinions')} rows={2} aria-label="意见和建议" />
        </label>
        <label className="form-field wide">
          <span>落实情况</span>
          <textarea value={f.implementation} onChange={set('implementation')} rows={2} aria-label="落实情况" />
        </label>
        {record && (
          <div className="attachments">
            <span>附件（照片、纪要等）：</span>
            {files.map((a) => (
              <button key={a.id} className="link" onClick={() => void open(a)}>
                {a.fileName}
              </button>
            ))}
            <input
              type="file"
              multiple
              accept={Object.keys(ATTACHMENT_TYPES).join(',')}
              onChange={(e) => void attach(e.target.files)}
              aria-label="添加附件"
            />
          </div>
        )}
        {record && (
          <div className="history">
            <button
              className="link"
              onClick={() =>
                history
                  ? setHistory(null)
                  : api.audit
                      .history({ table: 'records', rowId: record.id })
                      .then(setHistory, (e: Error) => notify({ kind: 'error', text: e.message }))
              }
              data-testid="record-history-toggle"
            >
              {history ? '收起修改历史' : '查看修改历史'}
            </button>
            {history && (
              <ul className="findings" data-testid="record-history">
                {history.map((h) => (
                  <li key={h.id}>
                    {new Date(h.at).toLocaleString('zh-CN', { hour12: false })} {h.operator}
                    {h.osUser && h.osUser !== h.operator ? `（${h.osUser}）` : ''}：{ACTIONS[h.action] ?? h.action}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {errors.length > 0 && (
          <ul className="form-errors" role="alert" data-testid="record-form-errors">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        {leaving && (
          <div
            className="form-leave"
            role="alertdialog"
            aria-labelledby="form-leave-text"
            data-testid="record-form-leave"
          >
            <span id="form-leave-text">已填写的内容还没有保存，关闭后会丢失。</span>
            <button
              autoFocus
              onClick={() => {
                setLeaving(false);
                first.current?.focus();
              }}
              data-testid="record-form-keep"
            >
              继续填写
            </button>
            <button className="danger" onClick={onClose} data-testid="record-form-discard">
              不保存，关闭
            </button>
          </div>
        )}
        <div className="modal-buttons">
          <span className="muted">
            Enter 下一项 · Ctrl+Enter 保存{record ? '' : '并继续新增'} · Esc 关闭（有未保存的内容时先询问）
          </span>
          <button onClick={close}>关闭</button>
          {!record && <button onClick={() => void save(false)}>保存</button>}
          <button className="primary" onClick={() => void save(!record)} data-testid="record-form-save">
            {record ? '保存' : '保存并继续'}
          </button>
        </div>
      </div>
    </div>
  );
}
