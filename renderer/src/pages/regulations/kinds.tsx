// The rule editor's section for each kind: how much, per which period or within which deadline.
import type { PeriodKind } from '../../../../shared/rules/schema';
import { getAt, num, periodsFor, PERIOD_LABEL, QUANTITY_OPTIONS, WINDOW_NAMES, wordList } from './draft';
import {
  CadreFilterFields,
  Check,
  Chips,
  CountsSection,
  Field,
  NumberInput,
  PatternFields,
  Select,
  type EditorContext,
} from './fields';

function eachCadre(ctx: EditorContext): boolean {
  const scope = (getAt(ctx.draft, 'who.scope') as string | undefined) ?? 'cadre';
  return scope === 'cadre' && getAt(ctx.draft, 'collective') !== true;
}

function PeriodFields({ ctx, base = '' }: { ctx: EditorContext; base?: string }) {
  const at = (k: string) => (base ? `${base}.${k}` : k);
  const period = getAt(ctx.draft, at('period')) as PeriodKind | undefined;
  const periods = periodsFor(ctx.draft.kind, eachCadre(ctx));
  return (
    <>
      <Select
        ctx={ctx}
        path={at('period')}
        label="周期"
        options={periods.map((p) => [p, PERIOD_LABEL[p]])}
        hint={period === 'semester' || period === 'academicYear' ? '学期、学年的起止按 设置 → 校历' : undefined}
      />
      {period === 'window' && (
        <Chips ctx={ctx} path={at('windows')} label="节日" options={WINDOW_NAMES} hint="每个节日时段各算一个周期" />
      )}
    </>
  );
}

const DAY_KINDS: [string, string][] = [
  ['workdays', '工作日'],
  ['calendarDays', '自然日'],
];

function FrequencySection({ ctx }: { ctx: EditorContext }) {
  const q = getAt(ctx.draft, 'quantity') as string;
  const also = (getAt(ctx.draft, 'also') as Record<string, unknown>[] | undefined) ?? [];
  const share = getAt(ctx.draft, 'minShareOfWorkdays') as number | undefined;
  return (
    <fieldset className="section" data-section="amount">
      <legend>多少、按什么周期</legend>
      <div className="form-grid">
        <PeriodFields ctx={ctx} />
        <Select ctx={ctx} path="quantity" label="计量" options={QUANTITY_OPTIONS} />
        <NumberInput ctx={ctx} path="min" label="至少" />
        <NumberInput ctx={ctx} path="max" label="至多" hint="不填：不设上限" />
        {q === 'consecutiveDays' && (
          <div className="form-field">
            <span className="field-label">连续的算法</span>
            <Check ctx={ctx} path="consecutiveWorkdays" label="按工作日连续（周末、节假日不打断）" />
          </div>
        )}
        {q === 'days' && (
          <Field ctx={ctx} path="minShareOfWorkdays" label="或：不少于本周期工作日的" hint="如 50 表示一半以上的工作日">
            <span className="with-suffix">
              <input
                aria-label="占工作日百分比"
                inputMode="decimal"
                value={share === undefined ? '' : String(Math.round(share * 1000) / 10)}
                onChange={(e) => {
                  const n = num(e.target.value);
                  ctx.set('minShareOfWorkdays', typeof n === 'number' ? n / 100 : n);
                }}
              />
              %
            </span>
          </Field>
        )}
      </div>
      <div className="also">
        <span className="field-label">同时要求（另一个周期的门槛，如“且每学期不少于8学时”）</span>
        {also.map((_, i) => (
          <div className="form-grid also-row" key={i} data-path={`also.${i}`}>
            <PeriodFields ctx={ctx} base={`also.${i}`} />
            <Select ctx={ctx} path={`also.${i}.quantity`} label="计量" none="同上" options={QUANTITY_OPTIONS} />
            <NumberInput ctx={ctx} path={`also.${i}.min`} label="至少" />
            <NumberInput ctx={ctx} path={`also.${i}.max`} label="至多" />
            <button
              className="link"
              onClick={() =>
                ctx.set(
                  'also',
                  also.filter((__, j) => j !== i),
                )
              }
            >
              删去此门槛
            </button>
          </div>
        ))}
        <button onClick={() => ctx.set('also', [...also, { period: 'semester' }])}>＋ 增加一个门槛</button>
      </div>
    </fieldset>
  );
}

function CoverageSection({ ctx }: { ctx: EditorContext }) {
  const members = getAt(ctx.draft, 'members') !== undefined;
  const fraction = (getAt(ctx.draft, 'fraction') as number | undefined) ?? 1;
  return (
    <fieldset className="section" data-section="amount">
      <legend>覆盖谁、按什么周期</legend>
      <div className="form-grid">
        <Field ctx={ctx} path="members" label="要联系到的是">
          <select
            aria-label="要联系到的是"
            value={members ? 'cadres' : 'objects'}
            onChange={(e) => {
              if (e.target.value === 'cadres') {
                ctx.set('counts.objects', undefined);
                ctx.set('members', { cadres: {} });
              } else ctx.set('members', undefined);
            }}
          >
            <option value="objects">联系对象（学院、班级、群众……）</option>
            <option value="cadres">干部（如班子成员，逐一谈心谈话）</option>
          </select>
        </Field>
        <PeriodFields ctx={ctx} />
        <NumberInput ctx={ctx} path="perObject" label="每个至少几次" />
        <Field ctx={ctx} path="fraction" label="覆盖多少">
          <span className="with-suffix">
            <select
              aria-label="覆盖多少"
              value={
                fraction === 1
                  ? '1'
                  : Math.abs(fraction - 1 / 3) < 1e-6
                    ? 'third'
                    : fraction === 0.5
                      ? 'half'
                      : 'custom'
              }
              onChange={(e) =>
                ctx.set(
                  'fraction',
                  e.target.value === '1'
                    ? undefined
                    : e.target.value === 'third'
                      ? 1 / 3
                      : e.target.value === 'half'
                        ? 0.5
                        : 0.8,
                )
              }
            >
              <option value="1">全部（每一个）</option>
              <option value="half">一半以上</option>
              <option value="third">三分之一以上</option>
              <option value="custom">自定比例</option>
            </select>
            {fraction !== 1 && Math.abs(fraction - 1 / 3) > 1e-6 && fraction !== 0.5 && (
              <>
                <input
                  aria-label="覆盖百分比"
                  inputMode="decimal"
                  style={{ width: 56 }}
                  value={String(Math.round(fraction * 1000) / 10)}
                  onChange={(e) => {
                    const n = num(e.target.value);
                    ctx.set('fraction', typeof n === 'number' ? n / 100 : n);
                  }}
                />
                %
              </>
            )}
          </span>
        </Field>
      </div>
      {members && (
        <>
          <CadreFilterFields ctx={ctx} base="members.cadres" title="要联系到的干部（都不选：全体干部；不含本人）" />
          <Check ctx={ctx} path="members.sameUnit" label="只算本人所在单位的干部" />
        </>
      )}
    </fieldset>
  );
}

function IntervalSection({ ctx }: { ctx: EditorContext }) {
  return (
    <fieldset className="section" data-section="amount">
      <legend>间隔</legend>
      <div className="form-grid">
        <NumberInput ctx={ctx} path="maxGap" label="相邻两次最长间隔" />
        <Select ctx={ctx} path="dayKind" label="按" options={DAY_KINDS.slice().reverse()} />
        <Select
          ctx={ctx}
          path="per"
          label="间隔怎么算"
          options={[
            ['kind', '任何两次计入的联系之间'],
            ['object', '同一对象的两次联系之间（每个对象分别算）'],
          ]}
          hint="按对象算时，请在上面选对象类别或范围"
        />
      </div>
      <p className="muted small">
        第一次联系从上一年最后一次联系（没有则从年初、任职或联系点开始之日）算起；年底尚未超期的间隔留到下一年判断。
      </p>
    </fieldset>
  );
}

function QuotaSection({ ctx }: { ctx: EditorContext }) {
  const slots = (getAt(ctx.draft, 'slots') as Record<string, unknown>[] | undefined) ?? [];
  const checks = (getAt(ctx.draft, 'attributeChecks') as Record<string, unknown>[] | undefined) ?? [];
  return (
    <fieldset className="section" data-section="amount">
      <legend>每年联系哪几类联系点</legend>
      {slots.map((_, i) => (
        <div className="slot-row" key={i} data-path={`slots.${i}`}>
          <div className="form-grid">
            <Field ctx={ctx} path={`slots.${i}.name`} label="联系类型名称">
              <input
                aria-label="联系类型名称"
                value={(getAt(ctx.draft, `slots.${i}.name`) as string | undefined) ?? ''}
                placeholder="如：学院、困难学生"
                onChange={(e) => ctx.set(`slots.${i}.name`, e.target.value)}
              />
            </Field>
            <NumberInput ctx={ctx} path={`slots.${i}.min`} label="至少几个" />
            <NumberInput ctx={ctx} path={`slots.${i}.max`} label="至多几个" hint="不填：不设上限" />
          </div>
          <Chips
            ctx={ctx}
            path={`slots.${i}.categories`}
            label="哪些对象类别算这一类（任一）"
            options={ctx.lists.objectCategories}
          />
          <button
            className="link"
            onClick={() =>
              ctx.set(
                'slots',
                slots.filter((__, j) => j !== i),
              )
            }
          >
            删去这一类
          </button>
        </div>
      ))}
      <button onClick={() => ctx.set('slots', [...slots, { name: '', categories: [], min: 1 }])}>
        ＋ 增加一类联系点
      </button>
      <div className="form-grid">
        <div className="form-field">
          <span className="field-label">联系点</span>
          <Check ctx={ctx} path="exclusive" label="联系点不重复交叉（一个对象只由一人联系）" />
        </div>
        <NumberInput ctx={ctx} path="minDurationDays" label="每个联系点至少保持" suffix="天" hint="不填：不限" />
      </div>
      {checks.map((_, i) => (
        <div className="slot-row" key={`c${i}`} data-path={`attributeChecks.${i}`}>
          <Chips
            ctx={ctx}
            path={`attributeChecks.${i}.categories`}
            label="这些对象类别"
            options={ctx.lists.objectCategories}
          />
          <Field ctx={ctx} path={`attributeChecks.${i}.grades`} label="只能从这些年级中选" hint="如：大一、大二">
            <input
              aria-label="允许的年级"
              defaultValue={((getAt(ctx.draft, `attributeChecks.${i}.grades`) as string[] | undefined) ?? []).join(
                '、',
              )}
              onChange={(e) => ctx.set(`attributeChecks.${i}.grades`, wordList(e.target.value))}
            />
          </Field>
          <button
            className="link"
            onClick={() =>
              ctx.set(
                'attributeChecks',
                checks.filter((__, j) => j !== i),
              )
            }
          >
            删去年级要求
          </button>
        </div>
      ))}
      <button onClick={() => ctx.set('attributeChecks', [...checks, { categories: [], grades: [] }])}>
        ＋ 增加年级要求
      </button>
    </fieldset>
  );
}

function DeadlineSection({ ctx }: { ctx: EditorContext }) {
  const reply = getAt(ctx.draft, 'reply') !== undefined;
  const ext = getAt(ctx.draft, 'extension') !== undefined;
  const by = getAt(ctx.draft, 'satisfiedBy') !== undefined;
  return (
    <fieldset className="section" data-section="amount">
      <legend>哪些督办事项、多少天内</legend>
      <Chips ctx={ctx} path="events" label="督办事项的类别（来源）" options={ctx.lists.followUpKinds} />
      <div className="form-grid">
        <NumberInput ctx={ctx} path="within" label="期限" />
        <Select ctx={ctx} path="dayKind" label="按" options={DAY_KINDS} />
        {!by && (
          <Select
            ctx={ctx}
            path="on"
            label="期限以哪个日期为准"
            options={[
              ['any', '反馈日期（没有反馈日期时用办结日期）'],
              ['reply', '反馈日期'],
              ['close', '办结日期'],
            ]}
          />
        )}
      </div>
      {!by && (
        <div className="form-grid">
          <div className="form-field">
            <span className="field-label">分阶段</span>
            <label className="check">
              <input
                type="checkbox"
                aria-label="首次答复另有期限"
                checked={reply}
                onChange={(e) => {
                  ctx.set('reply', e.target.checked ? { within: 3 } : undefined);
                  if (e.target.checked) ctx.set('on', 'close');
                }}
              />
              首次答复另有期限
            </label>
            <label className="check">
              <input
                type="checkbox"
                aria-label="可以延期"
                checked={ext}
                onChange={(e) => {
                  ctx.set('extension', e.target.checked ? { max: 10 } : undefined);
                  if (e.target.checked && getAt(ctx.draft, 'on') === 'reply') ctx.set('on', 'close');
                }}
              />
              经批准可以延期（按督办事项的“延期至”）
            </label>
          </div>
          {reply && <NumberInput ctx={ctx} path="reply.within" label="首次答复期限" />}
          {reply && <Select ctx={ctx} path="reply.dayKind" label="答复期限按" none="同上" options={DAY_KINDS} />}
          {ext && <NumberInput ctx={ctx} path="extension.max" label="最多延期" />}
          {ext && <Select ctx={ctx} path="extension.dayKind" label="延期按" none="同上" options={DAY_KINDS} />}
        </div>
      )}
      <div className="form-field">
        <span className="field-label">以联系记录办结</span>
        <label className="check">
          <input
            type="checkbox"
            aria-label="以联系记录办结"
            checked={by}
            onChange={(e) => ctx.set('satisfiedBy', e.target.checked ? { activityTypes: [] } : undefined)}
          />
          由一次联系记录（如看望、慰问该对象）完成，而不是督办的办结日期
        </label>
      </div>
      {by && (
        <Chips ctx={ctx} path="satisfiedBy.activityTypes" label="完成的活动类型" options={ctx.lists.activityTypes} />
      )}
    </fieldset>
  );
}

function RosterSection({ ctx }: { ctx: EditorContext }) {
  const involved = getAt(ctx.draft, 'involved') !== undefined;
  return (
    <fieldset className="section" data-section="amount">
      <legend>值班</legend>
      <Chips ctx={ctx} path="activityTypes" label="值班的活动类型" options={ctx.lists.activityTypes} />
      <div className="form-grid">
        <NumberInput ctx={ctx} path="perDuty" label="每次值班人数" />
        <PeriodFields ctx={ctx} />
      </div>
      <PatternFields ctx={ctx} base="pattern" title="值班日期（都不填：每天）" />
      <div className="form-field">
        <span className="field-label">涉及的单位</span>
        <label className="check">
          <input
            type="checkbox"
            aria-label="涉及的承办单位负责人一同参加"
            checked={involved}
            onChange={(e) => ctx.set('involved', e.target.checked ? { cadres: {} } : undefined)}
          />
          当天交办了督办事项的承办单位，须有其负责人一同参加（在同一条值班记录中）
        </label>
      </div>
      {involved && (
        <CadreFilterFields ctx={ctx} base="involved.cadres" title="谁算承办单位的负责人（都不选：该单位任一干部）" />
      )}
    </fieldset>
  );
}

/** 值班日前办理: done ahead of each duty day (5日前通知, 前一天汇报) instead of by a due date. */
function BeforeDutyFields({ ctx }: { ctx: EditorContext }) {
  return (
    <>
      <div className="form-grid">
        <NumberInput ctx={ctx} path="before.min" label="至少提前" hint="如“5日前通知”填5，“前一天”填1" />
        <NumberInput
          ctx={ctx}
          path="before.max"
          label="至多提前"
          hint="不填：上一个值班日之后即可；“前一天”两项都填1"
        />
        <Select ctx={ctx} path="before.dayKind" label="提前的日数按" options={DAY_KINDS} />
      </div>
      <PatternFields ctx={ctx} base="before.pattern" title="值班日（如每月15日接待日）" />
    </>
  );
}

function TaskSection({ ctx }: { ctx: EditorContext }) {
  const before = getAt(ctx.draft, 'before') !== undefined;
  const due = getAt(ctx.draft, 'due') as string | undefined;
  const [m, d] =
    due && /^\d{2}-\d{2}$/.test(due) ? [Number(due.slice(0, 2)), Number(due.slice(3))] : [undefined, undefined];
  const setDue = (mm: number | undefined, dd: number | undefined) =>
    ctx.set('due', mm && dd ? `${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}` : undefined);
  return (
    <fieldset className="section" data-section="amount">
      <legend>完成什么、什么时候</legend>
      <Chips ctx={ctx} path="activityTypes" label="完成的活动类型" options={ctx.lists.activityTypes} />
      <Field ctx={ctx} path="before" label="什么时候完成">
        <select
          aria-label="什么时候完成"
          value={before ? 'before' : 'due'}
          onChange={(e) => {
            if (e.target.value === 'before') {
              ctx.set('due', undefined);
              ctx.set('dueOnHoliday', undefined);
              ctx.set('min', undefined);
              ctx.set('before', { pattern: { daysOfMonth: [15] }, min: 5, dayKind: 'calendarDays' });
            } else ctx.set('before', undefined);
          }}
        >
          <option value="due">每个周期一次，截止日期前</option>
          <option value="before">每个值班日之前若干日（如接待日5日前通知）</option>
        </select>
      </Field>
      {before ? (
        <>
          <div className="form-grid">
            <PeriodFields ctx={ctx} />
          </div>
          <BeforeDutyFields ctx={ctx} />
        </>
      ) : (
        <div className="form-grid">
          <PeriodFields ctx={ctx} />
          <NumberInput ctx={ctx} path="min" label="至少几次" />
          <Field ctx={ctx} path="due" label="截止日期" hint="不填：周期结束前">
            <span className="with-suffix">
              <select
                aria-label="截止月"
                value={m ?? ''}
                onChange={(e) => setDue(Number(e.target.value) || undefined, d ?? 1)}
              >
                <option value="">—</option>
                {Array.from({ length: 12 }, (_, i) => i + 1).map((x) => (
                  <option key={x} value={x}>
                    {x}月
                  </option>
                ))}
              </select>
              <select
                aria-label="截止日"
                value={d ?? ''}
                disabled={!m}
                onChange={(e) => setDue(m, Number(e.target.value))}
              >
                {Array.from({ length: 31 }, (_, i) => i + 1).map((x) => (
                  <option key={x} value={x}>
                    {x}日
                  </option>
                ))}
              </select>
              前
            </span>
          </Field>
          <Select
            ctx={ctx}
            path="dueOnHoliday"
            label="截止日遇节假日"
            none="不调整"
            options={[
              ['next', '顺延至下一个工作日'],
              ['previous', '提前至前一个工作日'],
            ]}
          />
        </div>
      )}
    </fieldset>
  );
}

/** The sections of the kind being edited, in the order a regulation states them. */
export function KindSections({ ctx }: { ctx: EditorContext }) {
  switch (ctx.draft.kind) {
    case 'frequency':
      return (
        <>
          <CountsSection ctx={ctx} />
          <FrequencySection ctx={ctx} />
        </>
      );
    case 'coverage':
      return (
        <>
          <CountsSection ctx={ctx} objectsLabel="要联系到的对象类别（任一）" />
          <CoverageSection ctx={ctx} />
        </>
      );
    case 'interval':
      return (
        <>
          <CountsSection ctx={ctx} />
          <IntervalSection ctx={ctx} />
        </>
      );
    case 'quota':
      return <QuotaSection ctx={ctx} />;
    case 'deadline':
      return <DeadlineSection ctx={ctx} />;
    case 'roster':
      return <RosterSection ctx={ctx} />;
    case 'task':
      return <TaskSection ctx={ctx} />;
  }
}
