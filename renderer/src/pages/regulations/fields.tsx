// The pieces of the rule editor: a labelled field that shows its own refusal, pickers over the institution's
// lists, and the sections every kind shares — who, what counts, the date pattern.
import type { ReactNode } from 'react';
import type { RuleKind } from '../../../../shared/rules/schema';
import {
  getAt,
  monthDayList,
  monthDayText,
  num,
  numberList,
  WEEKDAY_LABEL,
  WINDOW_NAMES,
  wordList,
  type Draft,
} from './draft';

/** What the editor's sections need: the draft, a way to change it, the lists, and the refusals by path. */
export interface EditorContext {
  draft: Draft;
  set: (path: string, value: unknown) => void;
  lists: Lists;
  errors: Map<string, string>;
}

export interface Lists {
  levels: string[];
  roles: string[];
  activityTypes: string[];
  objectCategories: string[];
  unitCategories: string[];
  units: { id: number; name: string }[];
  /** 督办 kinds a deadline may start from: the 来源 channels and the activity types. */
  followUpKinds: string[];
}

/** The refusal for this field or anything inside it. */
function errorFor(errors: Map<string, string>, path: string): string | undefined {
  for (const [p, m] of errors) if (p === path || p.startsWith(`${path}.`)) return m;
  return undefined;
}

export function Field(props: {
  ctx: EditorContext;
  path: string;
  label: string;
  children: ReactNode;
  wide?: boolean;
  hint?: string;
}) {
  const err = errorFor(props.ctx.errors, props.path);
  return (
    <div className={`form-field${props.wide ? ' span-all' : ''}${err ? ' has-error' : ''}`} data-path={props.path}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.hint && !err && <span className="field-hint">{props.hint}</span>}
      {err && (
        <span className="field-error" role="alert">
          {err}
        </span>
      )}
    </div>
  );
}

export function TextInput(props: {
  ctx: EditorContext;
  path: string;
  label: string;
  placeholder?: string;
  wide?: boolean;
}) {
  const v = getAt(props.ctx.draft, props.path);
  return (
    <Field ctx={props.ctx} path={props.path} label={props.label} wide={props.wide}>
      <input
        aria-label={props.label}
        value={typeof v === 'string' ? v : ''}
        placeholder={props.placeholder}
        onChange={(e) => props.ctx.set(props.path, e.target.value)}
      />
    </Field>
  );
}

export function NumberInput(props: {
  ctx: EditorContext;
  path: string;
  label: string;
  hint?: string;
  step?: string;
  suffix?: string;
}) {
  const v = getAt(props.ctx.draft, props.path);
  return (
    <Field ctx={props.ctx} path={props.path} label={props.label} hint={props.hint}>
      <span className="with-suffix">
        <input
          aria-label={props.label}
          inputMode="decimal"
          value={v === undefined || v === null ? '' : String(v)}
          onChange={(e) => props.ctx.set(props.path, num(e.target.value))}
        />
        {props.suffix && <span>{props.suffix}</span>}
      </span>
    </Field>
  );
}

export function Select(props: {
  ctx: EditorContext;
  path: string;
  label: string;
  options: [string, string][];
  /** The option that removes the field (不限, 不调整 …). */
  none?: string;
  hint?: string;
}) {
  const v = getAt(props.ctx.draft, props.path);
  const value = v === undefined ? '' : String(v);
  return (
    <Field ctx={props.ctx} path={props.path} label={props.label} hint={props.hint}>
      <select
        aria-label={props.label}
        value={value}
        onChange={(e) => props.ctx.set(props.path, e.target.value || undefined)}
      >
        {props.none !== undefined && <option value="">{props.none}</option>}
        {props.options.map(([k, l]) => (
          <option key={k} value={k}>
            {l}
          </option>
        ))}
        {value && !props.options.some(([k]) => k === value) && <option value={value}>{value}</option>}
      </select>
    </Field>
  );
}

export function Check(props: { ctx: EditorContext; path: string; label: string }) {
  const v = getAt(props.ctx.draft, props.path);
  return (
    <label className="check" data-path={props.path}>
      <input
        type="checkbox"
        aria-label={props.label}
        checked={v === true}
        onChange={(e) => props.ctx.set(props.path, e.target.checked ? true : undefined)}
      />
      {props.label}
    </label>
  );
}

/**
 * Several values from one of the institution's lists. A value the rule holds that the list does not is shown
 * marked, so that it can be taken off — the rule would never match it.
 */
export function Chips(props: {
  ctx: EditorContext;
  path: string;
  label: string;
  options: string[];
  hint?: string;
  /** Shown when the list is empty. */
  empty?: string;
}) {
  const v = (getAt(props.ctx.draft, props.path) as string[] | undefined) ?? [];
  const extra = v.filter((x) => !props.options.includes(x));
  const toggle = (x: string, on: boolean) => props.ctx.set(props.path, on ? [...v, x] : v.filter((y) => y !== x));
  return (
    <Field ctx={props.ctx} path={props.path} label={props.label} hint={props.hint} wide>
      <div className="chips" role="group" aria-label={props.label}>
        {props.options.map((x) => (
          <label key={x} className={`chip${v.includes(x) ? ' on' : ''}`}>
            <input type="checkbox" checked={v.includes(x)} onChange={(e) => toggle(x, e.target.checked)} />
            {x}
          </label>
        ))}
        {extra.map((x) => (
          <label key={x} className="chip on unknown" title="这个值不在本单位的列表中，要求永远不会满足它">
            <input type="checkbox" checked onChange={() => toggle(x, false)} />
            {x}（不在列表中）
          </label>
        ))}
        {!props.options.length && !extra.length && <span className="muted">{props.empty ?? '（列表为空）'}</span>}
      </div>
    </Field>
  );
}

/** A list of words typed with 、 (年级 …). */
export function WordsInput(props: { ctx: EditorContext; path: string; label: string; hint?: string }) {
  const v = getAt(props.ctx.draft, props.path);
  return (
    <Field ctx={props.ctx} path={props.path} label={props.label} hint={props.hint}>
      <input
        aria-label={props.label}
        defaultValue={Array.isArray(v) ? v.join('、') : ''}
        onChange={(e) => props.ctx.set(props.path, wordList(e.target.value))}
      />
    </Field>
  );
}

// ------------------------------------------------------------------------------------------------ who

/** 级别, 角色, 党员, 所在单位 — and the exceptions, stated as the regulation states them ("…除外"). */
export function CadreFilterFields({ ctx, base, title }: { ctx: EditorContext; base: string; title: string }) {
  const party = getAt(ctx.draft, `${base}.partyMember`);
  return (
    <fieldset className="sub">
      <legend>{title}</legend>
      <div className="form-grid">
        <Chips
          ctx={ctx}
          path={`${base}.levels`}
          label="级别（任一）"
          options={ctx.lists.levels}
          hint="不选：不限级别"
        />
        <Chips ctx={ctx} path={`${base}.roles`} label="角色（任一）" options={ctx.lists.roles} hint="不选：不限角色" />
        <Chips
          ctx={ctx}
          path={`${base}.unitCategories`}
          label="所在单位类别（任一）"
          options={ctx.lists.unitCategories}
          hint="不选：不限单位类别"
        />
        <UnitPicker ctx={ctx} path={`${base}.unitIds`} label="所在单位（任一）" />
        <Field ctx={ctx} path={`${base}.partyMember`} label="政治面貌">
          <select
            aria-label="政治面貌"
            value={party === true ? 'yes' : party === false ? 'no' : ''}
            onChange={(e) =>
              ctx.set(`${base}.partyMember`, e.target.value === '' ? undefined : e.target.value === 'yes')
            }
          >
            <option value="">不限</option>
            <option value="yes">中共党员</option>
            <option value="no">非中共党员</option>
          </select>
        </Field>
      </div>
      <details className="except" open={!!getAt(ctx.draft, `${base}.except`)}>
        <summary>除外（不适用的干部）</summary>
        <div className="form-grid">
          <Chips ctx={ctx} path={`${base}.except.levels`} label="除外级别" options={ctx.lists.levels} />
          <Chips ctx={ctx} path={`${base}.except.roles`} label="除外角色" options={ctx.lists.roles} />
          <Chips
            ctx={ctx}
            path={`${base}.except.unitCategories`}
            label="除外单位类别"
            options={ctx.lists.unitCategories}
          />
          <UnitPicker ctx={ctx} path={`${base}.except.unitIds`} label="除外单位" />
        </div>
      </details>
    </fieldset>
  );
}

function UnitPicker({ ctx, path, label }: { ctx: EditorContext; path: string; label: string }) {
  const v = (getAt(ctx.draft, path) as string[] | undefined) ?? [];
  const units = ctx.lists.units;
  return (
    <Field ctx={ctx} path={path} label={label} wide>
      <div className="chips" role="group" aria-label={label}>
        {v.map((id) => (
          <label key={id} className="chip on">
            <input
              type="checkbox"
              checked
              onChange={() =>
                ctx.set(
                  path,
                  v.filter((x) => x !== id),
                )
              }
            />
            {units.find((u) => String(u.id) === id)?.name ?? `（已删除的单位 ${id}）`}
          </label>
        ))}
        <select
          aria-label={`添加${label}`}
          value=""
          onChange={(e) => e.target.value && ctx.set(path, [...v, e.target.value])}
        >
          <option value="">＋ 选择单位</option>
          {units
            .filter((u) => !v.includes(String(u.id)))
            .map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}
              </option>
            ))}
        </select>
      </div>
    </Field>
  );
}

const COLLECTIVE: Partial<Record<RuleKind, string>> = {
  frequency: '由适用对象集体完成（任一人的记录都计入，只出一个结果）',
  coverage: '至少有一人联系到每个对象即可（集体）',
  interval: '由适用对象集体完成（任一人的联系都算）',
};

export function WhoSection({ ctx }: { ctx: EditorContext }) {
  const { draft } = ctx;
  const scope = (getAt(draft, 'who.scope') as string | undefined) ?? 'cadre';
  const scopes: [string, string][] =
    draft.kind === 'quota'
      ? [['cadre', '每位领导干部']]
      : [
          ['cadre', '领导干部'],
          ['unit', '各单位（按单位类别）'],
          ['institution', '本单位整体'],
        ];
  return (
    <fieldset className="section" data-section="who">
      <legend>适用对象</legend>
      <div className="form-grid">
        <Field ctx={ctx} path="who.scope" label="由谁承担">
          <select
            aria-label="由谁承担"
            value={scope}
            onChange={(e) => ctx.set('who', { ...(draft.who as object), scope: e.target.value })}
          >
            {scopes.map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <TextInput ctx={ctx} path="who.label" label="称谓（制度里怎么称呼）" placeholder="如：校领导、镇领导班子成员" />
        {COLLECTIVE[draft.kind] && scope === 'cadre' && (
          <div className="form-field">
            <span className="field-label">完成方式</span>
            <Check ctx={ctx} path="collective" label={COLLECTIVE[draft.kind]!} />
          </div>
        )}
      </div>
      {scope === 'cadre' && <CadreFilterFields ctx={ctx} base="who.cadres" title="哪些干部（都不选：全体干部）" />}
      {scope === 'unit' && (
        <Chips
          ctx={ctx}
          path="who.unitCategories"
          label="哪些单位（单位类别）"
          options={ctx.lists.unitCategories}
          hint="不选：每个单位"
        />
      )}
    </fieldset>
  );
}

// ------------------------------------------------------------------------------------------------ counts

export function CountsSection({ ctx, objectsLabel }: { ctx: EditorContext; objectsLabel?: string }) {
  const { draft } = ctx;
  return (
    <fieldset className="section" data-section="counts">
      <legend>什么样的记录计入</legend>
      <Chips
        ctx={ctx}
        path="counts.activityTypes"
        label="活动类型（任一）"
        options={ctx.lists.activityTypes}
        hint="不选：任何类型的记录都计入"
      />
      <div className="form-grid">
        <Chips
          ctx={ctx}
          path="counts.objects.categories"
          label={objectsLabel ?? '联系对象类别（任一）'}
          options={ctx.lists.objectCategories}
          hint="不选：不限对象"
        />
        <Select
          ctx={ctx}
          path="counts.objects.among"
          label="对象范围"
          none="不限"
          options={[
            ['assignments', '本人当年的联系点'],
            ['ownUnit', '本人所在单位的对象'],
            ['assignmentsOrOwnUnit', '联系点或本单位的对象'],
          ]}
        />
        <WordsInput ctx={ctx} path="counts.objects.grades" label="对象年级（任一）" hint="如：大一、大二；不填：不限" />
        <NumberInput
          ctx={ctx}
          path="counts.minDuration.value"
          label="每次至少"
          hint="不足的记录不计入；不填：不限时长"
        />
        <Select
          ctx={ctx}
          path="counts.minDuration.unit"
          label="时长单位"
          none="（请选择）"
          options={[
            ['hours', '小时'],
            ['halfDays', '半天'],
            ['days', '天'],
          ]}
        />
        {draft.kind === 'frequency' && (
          <NumberInput
            ctx={ctx}
            path="counts.companionsAbove"
            label="只计随员超过几人的记录"
            hint="用于“随员不超过3人”一类的限制"
          />
        )}
      </div>
      <PatternFields ctx={ctx} base="counts.pattern" title="日期规律（不填：任何日期）" />
    </fieldset>
  );
}

// ------------------------------------------------------------------------------------------------ pattern

export function PatternFields({ ctx, base, title }: { ctx: EditorContext; base: string; title: string }) {
  const p = (getAt(ctx.draft, base) as Record<string, unknown> | undefined) ?? {};
  const weekdays = (p.weekdays as number[] | undefined) ?? [];
  const months = (p.months as number[] | undefined) ?? [];
  const nth = p.nthWeekday as { n: number; weekday: number } | undefined;
  const every = p.everyNWeeks as { n: number; from: string } | undefined;
  return (
    <fieldset className="sub" data-section="pattern">
      <legend>{title}</legend>
      <Field ctx={ctx} path={`${base}.weekdays`} label="星期" wide>
        <div className="chips" role="group" aria-label="星期">
          {[1, 2, 3, 4, 5, 6, 0].map((d) => (
            <label key={d} className={`chip${weekdays.includes(d) ? ' on' : ''}`}>
              <input
                type="checkbox"
                checked={weekdays.includes(d)}
                onChange={(e) =>
                  ctx.set(
                    `${base}.weekdays`,
                    e.target.checked ? [...weekdays, d].sort() : weekdays.filter((x) => x !== d),
                  )
                }
              />
              {WEEKDAY_LABEL[d]}
            </label>
          ))}
        </div>
      </Field>
      <Field ctx={ctx} path={`${base}.months`} label="月份" wide>
        <div className="chips" role="group" aria-label="月份">
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <label key={m} className={`chip${months.includes(m) ? ' on' : ''}`}>
              <input
                type="checkbox"
                checked={months.includes(m)}
                onChange={(e) =>
                  ctx.set(
                    `${base}.months`,
                    e.target.checked ? [...months, m].sort((a, b) => a - b) : months.filter((x) => x !== m),
                  )
                }
              />
              {m}月
            </label>
          ))}
        </div>
      </Field>
      <div className="form-grid">
        <Field
          ctx={ctx}
          path={`${base}.daysOfMonth`}
          label="每月几日"
          hint="如：10、20、30（逢十）；月末没有的日子按月末"
        >
          <input
            aria-label="每月几日"
            defaultValue={Array.isArray(p.daysOfMonth) ? (p.daysOfMonth as number[]).join('、') : ''}
            onChange={(e) => ctx.set(`${base}.daysOfMonth`, numberList(e.target.value))}
          />
        </Field>
        <Field ctx={ctx} path={`${base}.dates`} label="每年日期" hint="如：3-5、10-1">
          <input
            aria-label="每年日期"
            defaultValue={monthDayText(p.dates)}
            onChange={(e) => ctx.set(`${base}.dates`, monthDayList(e.target.value))}
          />
        </Field>
        <Select
          ctx={ctx}
          path={`${base}.window`}
          label="节日时段"
          none="不限"
          options={WINDOW_NAMES.map((w) => [w, w])}
        />
        <Field ctx={ctx} path={`${base}.nthWeekday`} label="每月第几个星期几">
          <span className="with-suffix">
            第
            <select
              aria-label="第几个"
              value={nth ? String(nth.n) : ''}
              onChange={(e) =>
                ctx.set(
                  `${base}.nthWeekday`,
                  e.target.value ? { n: Number(e.target.value), weekday: nth?.weekday ?? 6 } : undefined,
                )
              }
            >
              <option value="">—</option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            个
            <select
              aria-label="星期几"
              value={nth ? String(nth.weekday) : ''}
              disabled={!nth}
              onChange={(e) => ctx.set(`${base}.nthWeekday`, { n: nth?.n ?? 1, weekday: Number(e.target.value) })}
            >
              {[1, 2, 3, 4, 5, 6, 0].map((d) => (
                <option key={d} value={d}>
                  {WEEKDAY_LABEL[d]}
                </option>
              ))}
            </select>
          </span>
        </Field>
        <Field ctx={ctx} path={`${base}.everyNWeeks`} label="每隔几周" hint="从起算日期所在的那一周算起">
          <span className="with-suffix">
            每
            <input
              aria-label="每几周"
              inputMode="numeric"
              style={{ width: 48 }}
              value={every ? String(every.n) : ''}
              onChange={(e) =>
                ctx.set(
                  `${base}.everyNWeeks`,
                  e.target.value.trim() ? { n: num(e.target.value), from: every?.from ?? '' } : undefined,
                )
              }
            />
            周，自
            <input
              aria-label="起算日期"
              placeholder="如 2026-09-07"
              style={{ width: 120 }}
              disabled={!every}
              value={every?.from ?? ''}
              onChange={(e) => ctx.set(`${base}.everyNWeeks`, { n: every?.n ?? 2, from: e.target.value })}
            />
          </span>
        </Field>
        {p.isoWeekParity !== undefined && (
          <Select
            ctx={ctx}
            path={`${base}.isoWeekParity`}
            label="单双周（按全年周次，旧写法）"
            none="不限"
            options={[
              ['even', '双周'],
              ['odd', '单周'],
            ]}
            hint="建议改用“每隔几周”"
          />
        )}
        <Field ctx={ctx} path={`${base}.timeFrom`} label="时间段">
          <span className="with-suffix">
            <input
              aria-label="开始时间"
              placeholder="如 15:00"
              style={{ width: 80 }}
              value={(p.timeFrom as string | undefined) ?? ''}
              onChange={(e) => ctx.set(`${base}.timeFrom`, e.target.value)}
            />
            至
            <input
              aria-label="结束时间"
              placeholder="如 15:00"
              style={{ width: 80 }}
              value={(p.timeTo as string | undefined) ?? ''}
              onChange={(e) => ctx.set(`${base}.timeTo`, e.target.value)}
            />
          </span>
        </Field>
        <div className="form-field">
          <span className="field-label">工作日</span>
          <Check ctx={ctx} path={`${base}.workdaysOnly`} label="只在工作日（按法定节假日安排）" />
        </div>
        <Select
          ctx={ctx}
          path={`${base}.onHoliday`}
          label="遇节假日"
          none="不调整"
          options={[
            ['cancel', '取消'],
            ['next', '顺延至下一个工作日'],
            ['previous', '提前至前一个工作日'],
          ]}
        />
      </div>
    </fieldset>
  );
}
