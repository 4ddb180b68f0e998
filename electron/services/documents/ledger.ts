// Documents from the ledger's data: each type's default fields (the draft the secretary edits), and the PDF of
// edited fields. 通知-shaped types go through the notice layout; the rest through the plain layout.
import type {
  DocumentFields,
  DraftInput,
  NoticeFields,
  PlainBlockFields,
  PlainFields,
} from '../../../shared/api/documents';
import type { SettingsValues } from '../../../shared/api/settings';
import { institutionWording } from '../../../shared/domain/institution';
import { LedgerError } from '../../../shared/errors';
import { compareClauses } from '../../../shared/format/clause';
import { addDays, formatChineseDate, weekday } from '../../../shared/format/date';
import { STATUS_LABEL, type EvalResult, type Status } from '../../../shared/rules/types';
import { workdayCalendar } from '../calendar';
import type { ServiceContext } from '../context';
import { followUpHandlers } from '../follow-ups';
import { readSettings } from '../settings';
import { yearLockState } from '../year-lock';
import { evaluateLedger, type LedgerEvaluation } from './evaluation';
import type { FontSet } from './fonts';
import { nameParts } from './names';
import { layoutNotice } from './notice';
import { renderPages } from './pdf';
import type { Page } from './model';
import { layoutPlain } from './plain';
import type { TableBlock } from './table';

type Ctx = Pick<ServiceContext, 'db' | 'now'>;
type Table = Extract<PlainBlockFields, { kind: 'table' }>;

const pad = (n: number) => String(n).padStart(2, '0');
export const localDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const cn = formatChineseDate;
const WEEKDAYS = '日一二三四五六';

/** 校党发〔2026〕3号 (GB/T 9704 7.2.5: full year in 〔〕, no 第, no padding). */
export const formatDocNumber = (prefix: string, year: number, seq: number): string => `${prefix}〔${year}〕${seq}号`;

/** The number the next reservation would get (shown in drafts; only documents.nextNumber reserves). */
export function peekNumber(ctx: Pick<ServiceContext, 'db'>, prefix: string, year: number): string {
  const { db } = ctx;
  const r = db.first(
    db.q
      .selectFrom('document_register')
      .select((e) => e.fn.max('seq').as('seq'))
      .where('prefix', '=', prefix)
      .where('year', '=', year),
  );
  return formatDocNumber(prefix, year, Number(r?.seq ?? 0) + 1);
}

/** Reserves the next 发文字号 of (prefix, year) in one transaction; UNIQUE(prefix, year, seq) guards the rest. */
export function reserveNumber(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  o: { prefix: string; year: number; docType?: string; title?: string; issuedDate?: string | null },
): { prefix: string; year: number; seq: number; number: string } {
  const { db } = ctx;
  return db.tx(() => {
    const r = db.first(
      db.q
        .selectFrom('document_register')
        .select((e) => e.fn.max('seq').as('seq'))
        .where('prefix', '=', o.prefix)
        .where('year', '=', o.year),
    );
    const seq = Number(r?.seq ?? 0) + 1;
    db.run(
      db.q.insertInto('document_register').values({
        prefix: o.prefix,
        year: o.year,
        seq,
        doc_type: o.docType ?? '',
        title: o.title ?? '',
        issued_date: o.issuedDate ?? null,
        created_at: ctx.now().toISOString(),
      }),
    );
    return { prefix: o.prefix, year: o.year, seq, number: formatDocNumber(o.prefix, o.year, seq) };
  });
}

// ------------------------------------------------------------------------------------------ data helpers

interface CadreRow {
  id: number;
  name: string;
  title: string;
  level: string;
  unit: string;
}

function cadres(ctx: Ctx): CadreRow[] {
  const { db } = ctx;
  const order = (l: string) => (isTopLevel(l) ? 0 : /正/.test(l) ? 1 : /副/.test(l) ? 2 : 3);
  return db
    .all(
      db.q
        .selectFrom('cadres as c')
        .leftJoin('units as u', 'u.id', 'c.unit_id')
        .select(['c.id', 'c.name', 'c.title', 'c.level', 'u.name as unit']),
    )
    .map((c) => ({ id: c.id, name: c.name, title: c.title, level: c.level, unit: c.unit ?? '' }))
    .sort((a, b) => order(a.level) - order(b.level) || a.id - b.id);
}

function regulationName(ctx: Ctx): string {
  const { db } = ctx;
  const r = db.first(db.q.selectFrom('regulations').select('name').orderBy('id').limit(1));
  return r?.name ?? '领导干部联系群众工作有关规定';
}

const masses = (s: SettingsValues) => institutionWording(s.institutionKind).masses;

function yearAssignments(ctx: Ctx, year: number) {
  const { db } = ctx;
  return db.all(
    db.q
      .selectFrom('assignments as a')
      .innerJoin('contact_objects as o', 'o.id', 'a.object_id')
      .select(['a.cadre_id', 'a.slot', 'o.name', 'o.category'])
      .where('a.year', '=', year)
      .orderBy('a.id'),
  );
}

function noticeBase(
  ctx: Ctx,
  s: SettingsValues,
  type: NoticeFields['type'],
  year: number,
): Omit<NoticeFields, 'title' | 'body'> {
  const today = localDate(ctx.now());
  return {
    layout: 'notice',
    type,
    issuerMark: s.issuerMark,
    docNumber: peekNumber(ctx, s.docPrefix, year),
    mainRecipients: institutionWording(s.institutionKind).mainRecipients,
    attachments: [],
    signature: s.signature,
    date: today,
    sealed: true,
    copyTo: [],
    printer: s.printer,
    printDate: today,
  };
}

function period(input: DraftInput, ctx: Ctx): { year: number; from: string; to: string; label: string } {
  const year = input.year ?? Number((input.from ?? localDate(ctx.now())).slice(0, 4));
  const from = input.from ?? `${year}-01-01`;
  const to = input.to ?? `${year}-12-31`;
  if (from > to)
    throw new LedgerError('INVALID_INPUT', '起始日期不能晚于截止日期', [
      { path: ['to'], field: '截止日期', message: '早于起始日期' },
    ]);
  const whole = from === `${year}-01-01` && to === `${year}-12-31`;
  return { year, from, to, label: whole ? `${year}年度` : `${cn(from)}至${cn(to)}` };
}

// ------------------------------------------------------------------------------------------ drafts

function noticeDraft(ctx: Ctx, s: SettingsValues, input: DraftInput): NoticeFields {
  const year = input.year ?? ctx.now().getFullYear();
  return {
    ...noticeBase(ctx, s, '通知', year),
    title: `关于做好${year}年度领导干部联系${masses(s)}工作的通知`,
    body: [
      {
        kind: 'paragraph',
        text: `为深入贯彻落实《${regulationName(ctx)}》，进一步密切党同人民群众的血肉联系，现就做好${year}年度领导干部联系${masses(s)}工作有关事项通知如下。`,
      },
      { kind: 'heading', level: 1, text: '工作要求' },
      {
        kind: 'paragraph',
        text: '各位领导干部要按照联系点安排，定期深入联系点开展工作，及时填写联系工作记录，反映的问题交有关部门限期办理。',
      },
    ],
  };
}

function announcementDraft(ctx: Ctx, s: SettingsValues, input: DraftInput): NoticeFields {
  const year = input.year ?? ctx.now().getFullYear();
  const days = input.days ?? 5;
  const cal = workdayCalendar(ctx.db as ServiceContext['db']);
  const today = localDate(ctx.now());
  const start = cal.addWorkdays(today, 0);
  const end = cal.addWorkdays(start.date, days - 1);
  const unknown = [...new Set([...start.unknownYears, ...end.unknownYears])];
  const byCadre = new Map<number, string[]>();
  for (const a of yearAssignments(ctx, year)) byCadre.set(a.cadre_id, [...(byCadre.get(a.cadre_id) ?? []), a.name]);
  const rows = cadres(ctx)
    .filter((c) => byCadre.has(c.id))
    .map((c, i) => [String(i + 1), c.name, c.title, byCadre.get(c.id)!.join('、')]);
  const contact = input.contact ?? `${s.printer || '党委办公室'}`;
  const table: TableBlock = {
    kind: 'table',
    columns: [
      { title: '序号', width: 1.4, align: 'center' },
      { title: '姓名', width: 2, align: 'center' },
      { title: '职务', width: 4 },
      { title: '联系点', width: 8 },
    ],
    rows,
  };
  return {
    ...noticeBase(ctx, s, '公示', year),
    mainRecipients: '',
    title: `关于${year}年度领导干部联系点安排的公示`,
    body: [
      {
        kind: 'paragraph',
        text: `根据《${regulationName(ctx)}》有关规定，经研究，确定了${year}年度领导干部联系点（见附件），现予以公示。`,
      },
      {
        kind: 'paragraph',
        text:
          `公示期为${days}个工作日，自${cn(start.date)}至${cn(end.date)}。公示期间，对联系点安排有意见或建议的，请以书面、电话等方式向${contact}反映。` +
          (unknown.length
            ? `（${unknown.join('、')}年法定节假日安排尚未载入，截止日期按周一至周五推算，请核对。）`
            : ''),
      },
    ],
    attachments: [
      {
        title: `${year}年度领导干部联系点一览表`,
        body: rows.length ? [table] : [{ kind: 'paragraph', text: `${year}年度尚未安排联系点。` }],
      },
    ],
  };
}

function rotaDraft(ctx: Ctx, s: SettingsValues, input: DraftInput): NoticeFields {
  const p = period(input, ctx);
  const { db } = ctx;
  const duties = db.all(
    db.q
      .selectFrom('rota_duties as d')
      .innerJoin('cadres as c', 'c.id', 'd.cadre_id')
      .select(['d.date', 'd.start_time', 'd.end_time', 'd.place', 'c.name', 'c.title', 'd.note'])
      .where('d.date', '>=', p.from)
      .where('d.date', '<=', p.to)
      .orderBy('d.date')
      .orderBy('d.start_time'),
  );
  const body: NoticeFields['body'] = [
    {
      kind: 'paragraph',
      text: `为畅通${masses(s)}诉求表达渠道，根据《${regulationName(ctx)}》有关规定，现将${p.label}领导干部接待日安排通知如下。`,
    },
  ];
  if (duties.length) {
    const columns = [
      { title: '日期', align: 'center' as const, wrap: 'whole' as const },
      { title: '星期', align: 'center' as const, wrap: 'whole' as const },
      { title: '时间', align: 'center' as const, wrap: 'whole' as const },
      { title: '地点', width: 2, wrap: 'text' as const },
      { title: '接待领导', width: 2, wrap: 'list' as const },
    ];
    const rows = duties.map((d) => [
      cn(d.date),
      `星期${WEEKDAYS[weekday(d.date)]}`,
      d.start_time ? `${d.start_time}—${d.end_time ?? ''}` : '',
      d.place,
      d.title ? `${d.name}（${d.title}）` : d.name,
    ]);
    // 时间 and 地点 are printed when the rota has them: a column left empty in every row reads as a notice not
    // finished (and is too narrow to be filled in by hand).
    const shown = columns.map((_, i) => i < 2 || i === 4 || rows.some((r) => r[i]!.trim()));
    body.push({
      kind: 'table',
      columns: columns.filter((_, i) => shown[i]),
      rows: rows.map((r) => r.filter((_, i) => shown[i])),
    });
    body.push({
      kind: 'paragraph',
      text: '接待领导因公不能按时接待的，应提前告知并调整安排。来访人员请按时到接待地点反映问题。',
    });
  } else {
    // A notice announcing nothing is no use: the secretary generates the rota first.
    throw new LedgerError(
      'NOT_FOUND',
      `${p.label}还没有接待日排班，无法生成接待日安排。请先到“接待日”页面选择学期，点击“生成排班”，排好后再回到这里生成。`,
      [{ path: ['from'], field: '起止日期', message: '该期间没有接待日排班' }],
    );
  }
  return { ...noticeBase(ctx, s, '接待日安排', p.year), title: `关于${p.label}领导干部接待日安排的通知`, body };
}

const asOfFor = (ctx: Ctx, to: string) => {
  const today = localDate(ctx.now());
  return today < to ? today : to;
};

/** Per cadre: results that are theirs, grouped per rule. */
function perCadre(results: EvalResult[]) {
  const out = new Map<string, EvalResult[]>();
  for (const r of results) if (r.cadreId && r.status !== 'n/a') out.set(r.cadreId, [...(out.get(r.cadreId) ?? []), r]);
  return out;
}

const WORST: Status[] = ['missed', 'behind', 'open', 'met', 'n/a'];
const worst = (xs: Status[]): Status => WORST.find((s) => xs.includes(s)) ?? 'n/a';
const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '—');

function bulletinDraft(ctx: Ctx, s: SettingsValues, input: DraftInput): NoticeFields {
  const p = period(input, ctx);
  const ev = evaluateLedger(ctx, { from: p.from, to: p.to, asOf: asOfFor(ctx, p.to) });
  const list = cadres(ctx);
  const counts = new Map<number, number>();
  const { db } = ctx;
  for (const x of db.all(
    db.q
      .selectFrom('record_cadres as c')
      .innerJoin('records as r', 'r.id', 'c.record_id')
      .select(['c.cadre_id', (e) => e.fn.countAll<number>().as('n')])
      .where('r.date', '>=', p.from)
      .where('r.date', '<=', p.to)
      .groupBy('c.cadre_id'),
  ))
    counts.set(x.cadre_id, x.n);
  const mine = perCadre(ev.results);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const statusCount = (rs: EvalResult[], st: Status) => rs.filter((r) => r.status === st).length;
  const all = [...mine.values()].flat();
  const usable = ev.rules.length > 0;
  const rows = list.map((c, i) => {
    const rs = mine.get(String(c.id)) ?? [];
    return usable
      ? [
          String(i + 1),
          c.name,
          c.title,
          String(counts.get(c.id) ?? 0),
          String(statusCount(rs, 'met')),
          String(statusCount(rs, 'missed')),
          String(statusCount(rs, 'behind') + statusCount(rs, 'open')),
        ]
      : [String(i + 1), c.name, c.title, String(counts.get(c.id) ?? 0)];
  });
  // By requirement, in the regulation's order: how many were judged, met, missed, still open.
  const byRule = [...ev.rules]
    .sort((x, y) => compareClauses(x.clause, y.clause))
    .map((rule) => ({ rule, rs: ev.results.filter((r) => r.ruleId === rule.id && r.status !== 'n/a') }))
    .filter((x) => x.rs.length > 0);
  const ruleTable: TableBlock = {
    kind: 'table',
    size: 12,
    columns: [
      { title: '条款', wrap: 'whole' },
      { title: '要求', width: 3, wrap: 'text' },
      { title: '项次', align: 'center', wrap: 'whole' },
      { title: '达标', align: 'center', wrap: 'whole' },
      { title: '未达标', align: 'center', wrap: 'whole' },
      { title: '进行中', align: 'center', wrap: 'whole' },
      { title: '达标率', align: 'center', wrap: 'whole' },
    ],
    rows: byRule.map(({ rule, rs }) => [
      clauseLabel(rule.clause),
      rule.title,
      String(rs.length),
      String(statusCount(rs, 'met')),
      String(statusCount(rs, 'missed')),
      String(statusCount(rs, 'behind') + statusCount(rs, 'open')),
      pct(statusCount(rs, 'met'), rs.length),
    ]),
  };
  // What a 通报 names: for each requirement whose period has ended unmet, the cadres concerned, in roster order
  // (leaders first); requirements still running are not anyone's failure yet.
  const rank = new Map(list.map((c, i) => [String(c.id), i]));
  const named: string[] = [];
  for (const { rule, rs } of byRule) {
    const who = [...new Set(rs.filter((r) => r.status === 'missed' && r.cadreId).map((r) => r.cadreId!))]
      .sort((x, y) => (rank.get(x) ?? 1e9) - (rank.get(y) ?? 1e9))
      .map((id) => list[rank.get(id)!]?.name)
      .filter((n): n is string => !!n);
    const institution = rs.some((r) => r.status === 'missed' && !r.cadreId);
    if (!who.length && !institution) continue;
    const names = who.length > 10 ? `${who.slice(0, 10).join('、')}等${who.length}名同志` : `${who.join('、')}同志`;
    named.push(
      `${clauseLabel(rule.clause)}“${rule.title}”：${who.length ? `${names}未达到要求` : '本单位未达到要求'}${institution && who.length ? '，本单位层面也未达到要求' : ''}。`,
    );
  }
  const detail = missedDetail(ev, list, byRule, p.year);
  const perCadreTable: TableBlock = {
    kind: 'table',
    size: 12,
    columns: usable
      ? [
          { title: '序号', align: 'center', wrap: 'whole' },
          { title: '姓名', align: 'center', wrap: 'whole' },
          { title: '职务', wrap: 'list' },
          { title: '联系次数', align: 'center', wrap: 'whole' },
          { title: '达标', align: 'center', wrap: 'whole' },
          { title: '未达标', align: 'center', wrap: 'whole' },
          { title: '进行中', align: 'center', wrap: 'whole' },
        ]
      : [
          { title: '序号', align: 'center', wrap: 'whole' },
          { title: '姓名', align: 'center', wrap: 'whole' },
          { title: '职务', wrap: 'list' },
          { title: '联系次数', align: 'center', wrap: 'whole' },
        ],
    rows,
  };
  const body: NoticeFields['body'] = [
    {
      kind: 'paragraph',
      text: `根据《${regulationName(ctx)}》有关规定，现将${p.label}领导干部联系${masses(s)}工作情况通报如下。`,
    },
    { kind: 'heading', level: 1, text: '基本情况' },
    {
      kind: 'paragraph',
      text: usable
        ? `${p.label}，${list.length}名领导干部共开展联系活动${total}人次。按制度要求逐项考核，共${all.length}项次，其中达标${statusCount(all, 'met')}项次，未达标${statusCount(all, 'missed')}项次，预警${statusCount(all, 'behind')}项次，进行中${statusCount(all, 'open')}项次。各领导干部的情况见附件。`
        : `${p.label}，${list.length}名领导干部共开展联系活动${total}人次（尚未设置制度要求，本通报按记录次数统计），各领导干部的情况见附件。`,
    },
  ];
  if (byRule.length) {
    body.push({ kind: 'heading', level: 1, text: '各项要求落实情况' }, ruleTable);
    body.push({ kind: 'heading', level: 1, text: '存在的问题' });
    if (named.length) {
      for (const t of named) body.push({ kind: 'paragraph', text: t });
      body.push({ kind: 'paragraph', text: '各项未达到要求的人员、周期及应达、实际数见附件2。' });
    } else body.push({ kind: 'paragraph', text: `${p.label}已到期的各项要求均已达到，其余要求正在落实中。` });
  }
  body.push(
    { kind: 'heading', level: 1, text: '工作要求' },
    {
      kind: 'paragraph',
      text: named.length
        ? `以上同志要对照要求认真查找原因，抓紧补齐短板。各单位要加强督促检查，确保联系${masses(s)}工作落到实处。`
        : `各单位要继续加强督促检查，确保联系${masses(s)}工作落到实处。`,
    },
  );
  return {
    ...noticeBase(ctx, s, '通报', p.year),
    title: `关于${p.label}领导干部联系${masses(s)}工作情况的通报`,
    body,
    attachments: [
      { title: `${p.label}领导干部联系${masses(s)}工作情况统计表`, body: [perCadreTable] },
      ...(named.length
        ? [{ title: `${p.label}领导干部联系${masses(s)}工作未达到要求情况明细表`, body: [detail] }]
        : []),
    ],
  };
}

/**
 * What makes each name in a 通报's 存在的问题 defensible on paper: per person (roster order, then units and the
 * institution) and requirement, every period that ended unmet with its 应达 and 实际 figure — the same results
 * as 统计考核's rows — and, where the row has them, its notes (who was not reached, which duty days have no
 * record). The records seen but not counted are the 考核 report's and the 依据 panel's: a 通报 only states figures.
 */
function missedDetail(
  ev: LedgerEvaluation,
  list: CadreRow[],
  byRule: { rule: { clause: string; title: string }; rs: EvalResult[] }[],
  year: number,
): TableBlock {
  const rank = new Map(list.map((c, i) => [String(c.id), i]));
  // A period of the 通报's own year is named without its year (“5月”); others keep it.
  const short = (label: string) => (label.startsWith(`${year}年`) && label !== `${year}年` ? label.slice(5) : label);
  const figure = (r: EvalResult) => {
    if (r.followUpId !== undefined) {
      const stage = r.stage === 'reply' ? '首次答复' : r.stage === 'close' ? '办结' : '办理';
      return `督办事项第${r.followUpId}号未按期${stage}（${short(r.period.label)}）`;
    }
    const notes = ev.notes(r).filter((n) => !n.startsWith('督办事项'));
    return `${short(r.period.label)}应${r.required}${r.unit}、实${r.achieved}${r.unit}${notes.length ? `（${notes.join('；')}）` : ''}`;
  };
  // Back-to-back periods with the same figure and nothing more to say are one phrase: 1月至6月各应1次、实0次.
  const figures = (xs: EvalResult[]): string => {
    const out: string[] = [];
    let run: EvalResult[] = [];
    const flush = () => {
      const a = run[0];
      const z = run[run.length - 1];
      if (!a || !z) return;
      const labels =
        run.length > 2
          ? `${short(a.period.label)}至${short(z.period.label)}`
          : run.map((r) => short(r.period.label)).join('、');
      out.push(`${labels}${run.length > 1 ? '各' : ''}应${a.required}${a.unit}、实${a.achieved}${a.unit}`);
      run = [];
    };
    for (const r of xs) {
      const plain = r.followUpId === undefined && ev.notes(r).length === 0;
      const prev = run[run.length - 1];
      const same = prev && prev.required === r.required && prev.achieved === r.achieved && prev.unit === r.unit;
      if (plain && same && addDays(prev.period.end, 1) === r.period.start) {
        run.push(r);
        continue;
      }
      flush();
      if (plain) run = [r];
      else out.push(figure(r));
    }
    flush();
    return out.join('；');
  };
  // One row a person (or unit, or the institution), one line a requirement, in the regulation's order.
  const subjects = new Map<string, { order: number; name: string; title: string; lines: string[] }>();
  for (const { rule, rs } of byRule) {
    const groups = new Map<string, EvalResult[]>();
    for (const r of rs) {
      if (r.status !== 'missed') continue;
      const key = r.cadreId ? `c${r.cadreId}` : r.unitId ? `u${r.unitId}` : 'i';
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const [key, xs] of groups) {
      const first = xs[0]!;
      const cadre = first.cadreId ? list[rank.get(first.cadreId) ?? -1] : undefined;
      if (first.cadreId && !cadre) continue;
      const subject = subjects.get(key) ?? {
        order: cadre ? rank.get(first.cadreId!)! : key.startsWith('u') ? 1e6 : 2e6,
        name: cadre?.name ?? (first.unitId ? (ev.unitName(first.unitId) ?? '本单位') : '本单位'),
        title: cadre?.title ?? '',
        lines: [],
      };
      xs.sort((a, b) => a.period.start.localeCompare(b.period.start));
      subject.lines.push(`${clauseLabel(rule.clause)}“${rule.title}”：${figures(xs)}`);
      subjects.set(key, subject);
    }
  }
  const rows = [...subjects.values()].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  return {
    kind: 'table',
    size: 12,
    columns: [
      { title: '序号', align: 'center', wrap: 'whole' },
      { title: '姓名', align: 'center', wrap: 'whole' },
      { title: '职务', width: 1.4, wrap: 'list' },
      { title: '未达到要求的项目、周期（应达、实际）', width: 5, wrap: 'text' },
    ],
    rows: rows.map((r, i) => [String(i + 1), r.name, r.title, r.lines.join('\n')]),
  };
}

/** The top level of leaders (校级, 县级 …): the cadres of 附1, listed first everywhere. */
export const isTopLevel = (level: string): boolean => /校级|校领导|县级|市级|省级|厅级|区级|公司领导|班子/.test(level);

/** 附1 / 附2 of seed 003: the columns that template names, recognised by the object's category or slot. */
const TEMPLATE_003: [RegExp, string][] = [
  [/^(学院|系|教研室|系（教研室）)$|学院$/, '对接学院'],
  [/班级|社团/, '联系班级'],
  [/宿舍|公寓/, '联系宿舍'],
  [/困难/, '联系困难学生'],
];

/** The column an assignment goes to: its slot as entered (联系学院, 一联六 …), else its object's category. */
function columnOf(a: { slot: string; category: string }, template: boolean): string {
  if (template) {
    const hit = TEMPLATE_003.find(([re]) => re.test(a.category)) ?? TEMPLATE_003.find(([re]) => re.test(a.slot));
    if (hit) return hit[1];
  }
  const slot = a.slot.trim();
  if (slot) return slot;
  return a.category ? `联系${a.category}` : '联系点';
}

/** 附1 (the top level) or 附2 (the others): each cadre's contact points, one column per kind actually assigned. */
function rosterTable(ctx: Ctx, year: number, part: 1 | 2, template: boolean): { table: Table; levels: string[] } {
  const list = cadres(ctx).filter((c) => (part === 1 ? isTopLevel(c.level) : !isTopLevel(c.level)));
  const ids = new Set(list.map((c) => c.id));
  const byCadre = new Map<number, Map<string, string[]>>();
  const order: string[] = template ? TEMPLATE_003.map(([, t]) => t) : [];
  for (const a of yearAssignments(ctx, year)) {
    if (!ids.has(a.cadre_id)) continue;
    const col = columnOf(a, template);
    if (!order.includes(col)) order.push(col);
    const cols = byCadre.get(a.cadre_id) ?? new Map<string, string[]>();
    cols.set(col, [...(cols.get(col) ?? []), a.name]);
    byCadre.set(a.cadre_id, cols);
  }
  // A column nobody has is left out (an empty 联系困难学生 column says nothing).
  const used = order.filter((col) => [...byCadre.values()].some((m) => (m.get(col) ?? []).length > 0));
  const rows = list.map((c, i) => [
    String(i + 1),
    c.name,
    c.title,
    ...used.map((col) => (byCadre.get(c.id)?.get(col) ?? []).join('、')),
  ]);
  return {
    table: {
      kind: 'table',
      size: 12,
      columns: [
        { title: '序号', align: 'center', wrap: 'whole' },
        { title: '姓名', align: 'center', wrap: 'whole' },
        { title: '职务', wrap: 'list' },
        ...used.map((title) => ({ title, wrap: 'list' as const })),
      ],
      rows,
    },
    levels: [...new Set(list.map((c) => c.level).filter(Boolean))],
  };
}

/** Seed 003's own wording when the ledger follows it; else the institution's. */
export function rosterTitle(
  year: number,
  part: 1 | 2,
  o: { template: boolean; leaders: string; levels: string[] },
): string {
  if (o.template)
    return part === 1
      ? `${year}年校党委班子成员对接学院、班级、宿舍、困难学生一览表`
      : `${year}年副处级以上干部（含副处级）对接学院、班级、宿舍、困难学生一览表`;
  const who = part === 1 ? o.leaders : o.levels.length ? `${o.levels.join('、')}干部` : '其他领导干部';
  return `${year}年度${who}联系点一览表`;
}

function usesTemplate003(ctx: Ctx): boolean {
  const { db } = ctx;
  return db.all(db.q.selectFrom('regulations').select('preset_id')).some((r) => r.preset_id === '003');
}

function rosterDraft(ctx: Ctx, s: SettingsValues, input: DraftInput): PlainFields {
  const year = input.year ?? ctx.now().getFullYear();
  const part = input.part ?? 1;
  const template = usesTemplate003(ctx);
  const { table, levels } = rosterTable(ctx, year, part, template);
  const title = rosterTitle(year, part, { template, leaders: institutionWording(s.institutionKind).leaders, levels });
  return {
    layout: 'plain',
    type: '一览表',
    title,
    blocks: table.rows.length ? [table] : [{ kind: 'paragraph', text: `${year}年度没有需要列入本表的领导干部。` }],
  };
}

interface RecordRow {
  id: number;
  date: string;
  start_time: string | null;
  end_time: string | null;
  place: string;
  content: string;
  opinions: string;
  implementation: string;
  type: string;
}

function recordForm(ctx: Ctx, r: RecordRow): Extract<PlainBlockFields, { kind: 'form' }> {
  const { db } = ctx;
  const who = db.all(
    db.q
      .selectFrom('record_cadres as rc')
      .innerJoin('cadres as c', 'c.id', 'rc.cadre_id')
      .select(['c.name', 'c.title', 'rc.title as asTitle'])
      .where('rc.record_id', '=', r.id)
      .orderBy('rc.position'),
  );
  const objs = db.all(
    db.q
      .selectFrom('record_objects as ro')
      .innerJoin('contact_objects as o', 'o.id', 'ro.object_id')
      .select(['o.name'])
      .where('ro.record_id', '=', r.id)
      .orderBy('ro.position'),
  );
  const time = cn(r.date) + (r.start_time ? `\n${r.start_time}${r.end_time ? `—${r.end_time}` : ''}` : '');
  return {
    kind: 'form',
    rows: [
      {
        cells: [
          { label: '领导干部姓名', value: who.map((w) => w.name).join('、'), lines: 2 },
          { label: '职　务', value: [...new Set(who.map((w) => w.asTitle || w.title))].join('、') },
        ],
      },
      {
        cells: [
          { label: '时　间', value: time, lines: 2 },
          { label: '地　点', value: r.place },
        ],
      },
      { cells: [{ label: '联系对象', value: objs.map((o) => o.name).join('、'), wide: true, lines: 2 }] },
      { cells: [{ label: '联系工作\n开展情况', value: r.content || r.type, wide: true, lines: 5 }] },
      { cells: [{ label: '联系对象反映的意见和建议', value: r.opinions, wide: true, lines: 4 }] },
      { cells: [{ label: '落实情况', value: r.implementation, wide: true, lines: 4 }] },
    ],
  };
}

function recordDraft(ctx: Ctx, s: SettingsValues, input: DraftInput): PlainFields {
  const { db } = ctx;
  const base = () =>
    db.q
      .selectFrom('records as r')
      .innerJoin('activity_types as t', 't.id', 'r.activity_type_id')
      .select([
        'r.id',
        'r.date',
        'r.start_time',
        'r.end_time',
        'r.place',
        'r.content',
        'r.opinions',
        'r.implementation',
        't.name as type',
      ]);
  let rows: RecordRow[];
  if (input.id !== undefined) {
    rows = db.all(base().where('r.id', '=', input.id));
    if (!rows.length) throw new LedgerError('NOT_FOUND', `编号为 ${input.id} 的联系记录不存在`);
  } else if (input.cadreId !== undefined) {
    const year = input.year ?? ctx.now().getFullYear();
    rows = db.all(
      base()
        .where('r.date', '>=', `${year}-01-01`)
        .where('r.date', '<=', `${year}-12-31`)
        .where('r.id', 'in', db.q.selectFrom('record_cadres').select('record_id').where('cadre_id', '=', input.cadreId))
        .orderBy('r.date')
        .orderBy('r.id'),
    );
    if (!rows.length) throw new LedgerError('NOT_FOUND', `该领导干部${year}年没有联系记录`);
  } else {
    throw new LedgerError('INVALID_INPUT', '记录表需要指定一条联系记录（编号）或一名领导干部', [
      { path: ['id'], field: '编号', message: '未指定' },
    ]);
  }
  const title = `领导干部联系${masses(s)}工作记录表`;
  const blocks: PlainBlockFields[] = [];
  rows.forEach((r, i) => {
    if (i > 0) blocks.push({ kind: 'title', text: title, newPage: true });
    blocks.push(recordForm(ctx, r));
  });
  return { layout: 'plain', type: '记录表', title, blocks };
}

/** Where a matter came from: as entered, else the record it was raised at (日期、领导干部、类型). */
function followUpSource(ctx: Ctx, f: { source: string; recordId: number | null }): string {
  if (f.source.trim() || f.recordId === null) return f.source;
  const { db } = ctx;
  const r = db.first(
    db.q
      .selectFrom('records as r')
      .innerJoin('activity_types as t', 't.id', 'r.activity_type_id')
      .select(['r.date', 't.name as type'])
      .where('r.id', '=', f.recordId),
  );
  if (!r) return '';
  const who = db
    .all(
      db.q
        .selectFrom('record_cadres as rc')
        .innerJoin('cadres as c', 'c.id', 'rc.cadre_id')
        .select('c.name')
        .where('rc.record_id', '=', f.recordId)
        .orderBy('rc.position'),
    )
    .map((c) => c.name);
  return `${cn(r.date)}${who.join('、')}${r.type}`;
}

function followUpDraft(ctx: ServiceContext, input: DraftInput): PlainFields {
  if (input.id === undefined)
    throw new LedgerError('INVALID_INPUT', '督办单需要指定督办事项编号', [
      { path: ['id'], field: '编号', message: '未指定' },
    ]);
  const list = followUpHandlers(ctx)['followUps.list'];
  const f = list({}).find((x) => x.id === input.id);
  if (!f) throw new LedgerError('NOT_FOUND', `编号为 ${input.id} 的督办事项不存在`);
  const d = (x: string | null) => (x ? cn(x) : '');
  return {
    layout: 'plain',
    type: '督办单',
    title: '领导干部联系群众反映问题督办单',
    subtitle: `督办编号：${f.raisedDate.slice(0, 4)}—${f.id}`,
    blocks: [
      {
        kind: 'form',
        rows: [
          { cells: [{ label: '事　项', value: f.matter, wide: true, lines: 3 }] },
          {
            cells: [
              { label: '来　源', value: followUpSource(ctx, f) },
              { label: '反映人', value: f.raiser },
            ],
          },
          {
            cells: [
              { label: '承办部门', value: f.departmentName ?? '' },
              { label: '交办日期', value: d(f.assignedDate) },
            ],
          },
          {
            cells: [
              { label: '办理时限', value: f.limitDays ? `${f.limitDays}个工作日` : '' },
              { label: '截止日期', value: d(f.dueDate) + (f.dueDateUncertain ? '（待核）' : '') },
            ],
          },
          { cells: [{ label: '办理结果', value: f.result, wide: true, lines: 6 }] },
          {
            cells: [
              { label: '反馈日期', value: d(f.feedbackDate) },
              { label: '办结日期', value: d(f.closedDate) },
            ],
          },
        ],
      },
      { kind: 'signatures', items: ['交办人（签字）：', '承办部门负责人（签字）：', '承办人（签字）：', '日期：'] },
    ],
  };
}

// ------------------------------------------------------------------------------------------ 考核

/** A clause as a reader cites it: “第八条”, not the preset's internal number (“002 第八条”). */
export const clauseLabel = (clause: string): string => clause.replace(/^\d{3}\s+/, '');

export interface CadrePage {
  cadre: CadreRow;
  blocks: PlainBlockFields[];
}

/**
 * One cadre's obligations (rule by rule, periods summed) and the records that count as evidence. `intro`: the block
 * saying what the 考核依据 lists, put before its items (the whole report says it once instead, see evaluationReport).
 */
function cadreBlocks(
  c: CadreRow,
  results: EvalResult[],
  ev: LedgerEvaluation,
  intro: PlainBlockFields,
): PlainBlockFields[] {
  const titles = new Map(ev.rules.map((r) => [r.id, r.title]));
  const byRule = new Map<string, EvalResult[]>();
  for (const r of results) byRule.set(r.ruleId, [...(byRule.get(r.ruleId) ?? []), r]);
  const rows = [...byRule.entries()]
    .sort(([, a], [, b]) => compareClauses(a[0]!.clause, b[0]!.clause))
    .map(([ruleId, rs]) => {
      const unit = rs[0]!.unit;
      const met = rs.filter((r) => r.status === 'met').length;
      return [
        clauseLabel(rs[0]!.clause),
        titles.get(ruleId) ?? ruleId,
        `${met}/${rs.length}`,
        `${rs.reduce((a, r) => a + r.required, 0)}${unit}`,
        `${rs.reduce((a, r) => a + r.achieved, 0)}${unit}`,
        STATUS_LABEL[worst(rs.map((r) => r.status))],
      ];
    });
  const evidence = [...new Set(results.flatMap((r) => ev.recordEvidence(r)))]
    .map((id) => ev.records.get(Number(id)))
    .filter((x): x is NonNullable<typeof x> => !!x)
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  const blocks: PlainBlockFields[] = [
    { kind: 'title', text: `${c.name}（${c.title || c.level}）`, newPage: true },
    { kind: 'centred', text: [c.unit, c.level].filter(Boolean).join('　') || '　' },
  ];
  blocks.push(
    rows.length
      ? {
          kind: 'table',
          size: 12,
          columns: [
            { title: '条款', wrap: 'whole' },
            { title: '要求', width: 3, wrap: 'text' },
            { title: '达标周期', width: 2.1, align: 'center' },
            { title: '应达', width: 1.7, align: 'center' },
            { title: '实际', width: 1.7, align: 'center' },
            { title: '状态', width: 1.6, align: 'center' },
          ],
          rows,
        }
      : { kind: 'paragraph', text: '本年度没有适用于该同志的可考核要求。' },
  );
  blocks.push({ kind: 'caption', text: `佐证记录（${evidence.length}条）` });
  blocks.push(
    evidence.length
      ? {
          kind: 'list',
          size: 12,
          items: evidence.map(
            (e, i) =>
              `${i + 1}. ${cn(e.date)}\u3000${e.type}\u3000${[e.place, e.objects.join('、')].filter(Boolean).join('\u3000')}（记录${e.id}）`,
          ),
        }
      : { kind: 'paragraph', text: '无。' },
  );
  const why = whyItems([...byRule.values()], ev, new Map(evidence.map((e, i) => [e.id, i + 1])));
  if (why.length) {
    blocks.push({ kind: 'caption', text: '考核依据' }, intro, { kind: 'list', size: 12, items: why });
  }
  return blocks;
}

/** How many periods of one rule, and records not counted in one period, the printed 依据 lists. */
const WHY_PERIODS = 3;
const WHY_SKIPPED = 5;
/** What the 考核依据 under a cadre's 佐证记录 lists, said once before the items. */
const WHY_INTRO = `逐项列出计入的佐证记录（编号同上）；未达标、预警的周期（每项至多${WHY_PERIODS}个）另列看到但未计入的记录及原因（每个周期至多${WHY_SKIPPED}条）。达标的周期只列计入的记录：未计入的记录不改变达标结论，需要时可在统计考核中点击该同志该项要求查看依据。`;

/**
 * The 依据 of each figure on a cadre's page, rule by rule as in its table, so that a printed figure can be
 * defended without the screen: the 佐证记录 (by their numbers above) each requirement counted, and for each
 * period 未达标 or 预警 its figure and the records seen but not counted with the first reason each fails on —
 * the same explain() as the 依据 panel of 统计考核.
 */
function whyItems(groups: EvalResult[][], ev: LedgerEvaluation, evidenceNo: Map<number, number>): string[] {
  const titles = new Map(ev.rules.map((r) => [r.id, r.title]));
  const quotas = new Set(ev.rules.filter((r) => r.kind === 'quota').map((r) => r.id));
  const sorted = groups
    .filter((rs) => rs.some((r) => r.status !== 'n/a'))
    .sort((a, b) => compareClauses(a[0]!.clause, b[0]!.clause));
  const short = sorted.map((rs) =>
    rs
      .filter((r) => r.status === 'missed' || r.status === 'behind')
      .sort((a, b) => a.period.start.localeCompare(b.period.start)),
  );
  // Only the periods printed are explained (an explanation reads the cadre's records again).
  const explained = short.map((rs) => rs.slice(0, WHY_PERIODS).map((r) => ({ r, e: ev.why(r) })));
  const skippedIds = explained.flatMap((xs) =>
    xs.flatMap(({ e }) => (e?.evidenceKind === 'records' ? e.skipped.slice(0, WHY_SKIPPED) : [])),
  );
  const seen = ev.recordsOf(skippedIds.map((s) => s.id));
  return sorted.map((rs, i) => {
    const first = rs[0]!;
    const parts: string[] = [];
    const quota = quotas.has(first.ruleId);
    const counted = [...new Set(rs.flatMap((r) => ev.recordEvidence(r)))]
      .map((id) => evidenceNo.get(Number(id)))
      .filter((n): n is number => n !== undefined)
      .sort((a, b) => a - b);
    if (!quota) parts.push(counted.length ? `计入佐证记录第${counted.join('、')}条` : '没有计入的记录');
    const bad = short[i]!;
    for (const { r, e } of explained[i]!) {
      let part = `${r.period.label}应${r.required}${r.unit}、实${r.achieved}${r.unit}，${STATUS_LABEL[r.status]}`;
      // A quota's figure is its contact points: the explanation's lines say which slot falls short.
      if (e && e.evidenceKind === 'assignments') part += `（${e.lines.slice(1).join('；') || '联系点不足'}）`;
      if (e && e.evidenceKind === 'records' && e.skipped.length) {
        const listed = e.skipped.slice(0, WHY_SKIPPED).map((s) => {
          const rec = seen.get(Number(s.id));
          return `记录${s.id}${rec ? `（${cn(rec.date)}${rec.type}）` : ''}${s.reason}`;
        });
        const more = e.skipped.length - listed.length + e.skippedMore;
        part += `；看到但未计入：${listed.join('，')}${more > 0 ? `，另有${more}条` : ''}`;
      } else if (e && e.evidenceKind === 'records') part += '；没有看到可计入的其他记录';
      parts.push(part);
    }
    if (bad.length > WHY_PERIODS) parts.push(`另有${bad.length - WHY_PERIODS}个周期未达标或预警，见统计考核`);
    if (!bad.length) parts.push(STATUS_LABEL[worst(rs.map((r) => r.status))]);
    return `${clauseLabel(first.clause)}\u3000${titles.get(first.ruleId) ?? first.ruleId}：${parts.join('；')}。`;
  });
}

export interface EvaluationReport {
  fields: PlainFields;
  cadrePages: CadrePage[];
  asOf: string;
}

export function evaluationReport(ctx: Ctx, input: DraftInput): EvaluationReport {
  const year = input.year ?? ctx.now().getFullYear();
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const asOf = asOfFor(ctx, to);
  const ev = evaluateLedger(ctx, { from, to, asOf, selection: { year } });
  const lock = yearLockState(ctx as ServiceContext, year);
  let list = cadres(ctx);
  if (input.cadreId !== undefined) list = list.filter((c) => c.id === input.cadreId);
  const mine = perCadre(ev.results);
  // Each cadre's own 考核表 (the packet's 干部 folder) says what its 考核依据 lists; the whole report says it once,
  // in its opening, rather than on every cadre's pages (280 times in the demo).
  const intro: PlainBlockFields = { kind: 'paragraph', text: WHY_INTRO };
  const cadrePages = list.map((c) => ({ cadre: c, blocks: cadreBlocks(c, mine.get(String(c.id)) ?? [], ev, intro) }));
  const withWhy = cadrePages.some((p) => p.blocks.includes(intro));

  const count = (rs: EvalResult[], st: Status) => rs.filter((r) => r.status === st).length;
  const units = new Map<string, CadreRow[]>();
  for (const c of list) units.set(c.unit || '（未填单位）', [...(units.get(c.unit || '（未填单位）') ?? []), c]);
  const unitRows = [...units.entries()].map(([u, cs]) => {
    const rs = cs.flatMap((c) => mine.get(String(c.id)) ?? []);
    const met = count(rs, 'met');
    return [
      u,
      String(cs.length),
      String(rs.length),
      String(met),
      String(count(rs, 'missed')),
      String(count(rs, 'behind') + count(rs, 'open')),
      pct(met, rs.length),
    ];
  });
  const ids = new Set(list.map((c) => String(c.id)));
  const ruleRows = [...ev.rules]
    .sort((a, b) => compareClauses(a.clause, b.clause))
    .map((rule) => {
      const rs = ev.results.filter(
        (r) => r.ruleId === rule.id && r.status !== 'n/a' && (r.cadreId === null || ids.has(r.cadreId)),
      );
      if (!rs.length) return null;
      const met = count(rs, 'met');
      return [
        clauseLabel(rule.clause),
        rule.title,
        String(rs.length),
        String(met),
        String(count(rs, 'missed')),
        String(count(rs, 'behind') + count(rs, 'open')),
        pct(met, rs.length),
      ];
    })
    .filter((r): r is string[] => r !== null);
  const lockText = lock.locked
    ? `打印时${year}年度已锁定（${cn(localDate(new Date(lock.lockedAt!)))}，${lock.operator || '未署名'}），数据不再变动`
    : `打印时${year}年度尚未锁定，数据仍可能变动`;
  const summary: PlainBlockFields[] = [
    { kind: 'centred', text: lockText },
    {
      kind: 'paragraph',
      text:
        ev.rulesSource === 'none'
          ? `本年度尚未设置制度要求，下表仅列出领导干部名单。`
          : `依据《${regulationName(ctx)}》${ev.rulesNote ? `（${ev.rulesNote}）` : ''}，对${list.length}名领导干部的${ev.rules.length}项要求逐项考核，统计截至${cn(asOf)}。“项次”为领导干部、要求与考核周期的组合。`,
    },
    ...(withWhy
      ? [
          {
            kind: 'paragraph' as const,
            text: `各领导干部的“考核依据”${WHY_INTRO.replace('（编号同上）', '（编号同其佐证记录）')}`,
          },
        ]
      : []),
    { kind: 'heading', level: 1, text: '按单位汇总' },
    {
      kind: 'table',
      size: 12,
      columns: [
        { title: '单位', width: 4.4 },
        { title: '人数', width: 1.3, align: 'center' },
        { title: '项次', width: 1.5, align: 'center' },
        { title: '达标', width: 1.5, align: 'center' },
        { title: '未达标', width: 1.7, align: 'center' },
        { title: '进行中', width: 1.7, align: 'center' },
        { title: '达标率', width: 1.7, align: 'center' },
      ],
      rows: unitRows,
    },
    { kind: 'heading', level: 1, text: '按要求汇总' },
    ruleRows.length
      ? {
          kind: 'table',
          size: 12,
          columns: [
            { title: '条款', wrap: 'whole' },
            { title: '要求', width: 3, wrap: 'text' },
            { title: '项次', width: 1.4, align: 'center' },
            { title: '达标', width: 1.4, align: 'center' },
            { title: '未达标', width: 1.6, align: 'center' },
            { title: '进行中', width: 1.6, align: 'center' },
            { title: '达标率', width: 1.6, align: 'center' },
          ],
          rows: ruleRows,
        }
      : { kind: 'paragraph', text: '无可考核的要求。' },
  ];
  const fields: PlainFields = withKeep(ctx, {
    layout: 'plain',
    type: '考核',
    title: `${year}年度领导干部联系群众工作考核报告`,
    subtitle: `（统计截至${cn(asOf)}）`,
    blocks: [...summary, ...cadrePages.flatMap((p) => p.blocks.filter((b) => b !== intro))],
  });
  return { fields, cadrePages, asOf };
}

// ------------------------------------------------------------------------------------------ entry points

export function draftDocument(ctx: ServiceContext, input: DraftInput): DocumentFields {
  const s = readSettings(ctx);
  const fields = ((): DocumentFields => {
    switch (input.type) {
      case '通知':
        return noticeDraft(ctx, s, input);
      case '公示':
        return announcementDraft(ctx, s, input);
      case '接待日安排':
        return rotaDraft(ctx, s, input);
      case '通报':
        return bulletinDraft(ctx, s, input);
      case '一览表':
        return rosterDraft(ctx, s, input);
      case '记录表':
        return recordDraft(ctx, s, input);
      case '督办单':
        return followUpDraft(ctx, input);
      case '考核':
        return evaluationReport(ctx, input).fields;
    }
  })();
  return withKeep(ctx, fields);
}

/** The fields with the names their running text keeps whole (see keepWords). */
function withKeep<F extends DocumentFields>(ctx: Pick<ServiceContext, 'db'>, fields: F): F {
  if (fields.keep) return fields;
  const keep = keepWords(ctx, runningText(fields));
  return keep.length ? { ...fields, keep } : fields;
}

/** The running text of a document's fields (paragraphs, headings, lists, captions; not table cells or titles). */
function* runningText(f: DocumentFields): Iterable<string> {
  const blocks =
    f.layout === 'plain' ? f.blocks : [...f.body, ...f.attachments.flatMap((a) => a.body as PlainBlockFields[])];
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'caption') yield b.text;
    else if (b.kind === 'heading') yield b.text + (b.runIn ?? '');
    else if (b.kind === 'list') yield* b.items;
  }
}

/**
 * A unit's or contact object's name longer than this is not kept whole (it would leave a line too loose): it breaks
 * only between its levels (names.ts: “机械与动力工程学院 / 2024级研究生第三党支部”), each level kept whole.
 */
const KEEP_MAX = 10;

/**
 * The ledger's names — cadres, units, contact objects — that occur in the running text: a line never breaks inside
 * them (“孔洋海”, not “孔 / 洋海”), in the PDF and in the .docx, which takes the PDF's lines.
 */
export function keepWords(ctx: Pick<ServiceContext, 'db'>, texts: Iterable<string>): string[] {
  const rows = ctx.db.sqlite
    .prepare(`SELECT name FROM cadres UNION SELECT name FROM units UNION SELECT name FROM contact_objects`)
    .all() as { name: string }[];
  // By first character, so the text is read once however many names the ledger holds.
  const byFirst = new Map<string, string[]>();
  for (const { name } of rows) {
    const n = name.trim();
    const len = [...n].length;
    if (len < 2 || (len > KEEP_MAX && nameParts(n).length < 2)) continue;
    const list = byFirst.get(n[0]!) ?? [];
    if (!list.length) byFirst.set(n[0]!, list);
    list.push(n);
  }
  const found = new Set<string>();
  for (const text of texts)
    for (let i = 0; i < text.length; i++)
      for (const w of byFirst.get(text[i]!) ?? []) if (!found.has(w) && text.startsWith(w, i)) found.add(w);
  const keep = new Set<string>();
  for (const w of found)
    if ([...w].length <= KEEP_MAX) keep.add(w);
    else for (const part of nameParts(w)) if ([...part].length >= 2 && [...part].length <= KEEP_MAX) keep.add(part);
  return [...keep].sort();
}

/** A document's pages, laid out and numbered, for pdf.ts to write (renderFields; the packet's pipeline.ts). */
export function layoutFields(fields: DocumentFields, fonts: FontSet): Page[] {
  if (fields.layout === 'plain')
    return layoutPlain(
      {
        title: fields.title,
        ...(fields.subtitle ? { subtitle: fields.subtitle } : {}),
        blocks: fields.blocks,
        ...(fields.keep ? { keep: fields.keep } : {}),
      },
      fonts,
    );
  const { layout: _layout, type: _type, note, ...rest } = fields;
  void _layout;
  void _type;
  return layoutNotice({ ...rest, ...(note?.trim() ? { note } : {}) }, fonts);
}

export async function renderFields(fields: DocumentFields, fonts: FontSet): Promise<{ pdf: Buffer; pages: number }> {
  const pages = layoutFields(fields, fonts);
  return { pdf: await renderPages(pages, fonts, { title: fields.title }), pages: pages.length };
}

export const fileNameFor = (f: DocumentFields): string =>
  `${f.title.replace(/[\\/:*?"<>|\n]/g, '').slice(0, 60) || f.type}.pdf`;
