// 督办: each problem raised, the department it was handed to, its deadline in working days, its answer.
// Overdue items are red, items due within three days amber, counted from the extended date (延期至) once
// an extension is approved.
import { useCallback } from 'react';
import type { ColDef, RowClassParams } from 'ag-grid-community';
import { FOLLOW_UP_STATUSES, type FollowUp } from '../../../../shared/domain/follow-up';
import { api } from '../../api';
import type { Notice } from '../../components/Notice';
import { useLookups } from '../../data/lookups';
import { EntityGrid, type Draft } from '../../grid/EntityGrid';
import { choiceColumn, dateColumn, numberColumn, refColumn, textColumn } from '../../grid/cells';

type Notify = (n: Notice) => void;

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const inDays = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The deadline in force: the approved extension (延期至) when there is one, else the item's own deadline. */
const dueInForce = (f: Partial<FollowUp>): string | null | undefined => f.extendedDate || f.dueDate;

export function urgency(f: Partial<FollowUp>): 'overdue' | 'due-soon' | null {
  const due = dueInForce(f);
  if (!due || f.status === '已办结' || f.status === '已反馈') return null;
  if (due < today()) return 'overdue';
  if (due <= inDays(3)) return 'due-soon';
  return null;
}

export function FollowUpsPage() {
  const { unitOptions } = useLookups();
  const columns = useCallback(
    (notify: Notify): ColDef<Draft<FollowUp>>[] => [
      { ...dateColumn<Draft<FollowUp>>('raisedDate', '提出日期', notify), pinned: 'left' },
      textColumn<Draft<FollowUp>>('source', '来源', 170),
      {
        ...textColumn<Draft<FollowUp>>('matter', '事项', 260, true, notify),
        cellEditor: 'agLargeTextCellEditor',
        cellEditorPopup: true,
      },
      textColumn<Draft<FollowUp>>('raiser', '反映人', 90),
      refColumn<Draft<FollowUp>>(
        'departmentId',
        '承办部门',
        unitOptions,
        notify,
        (v) => `「承办部门」没有名为“${v}”的单位。`,
        140,
      ),
      numberColumn<Draft<FollowUp>>('limitDays', '时限（工作日）', notify, { integer: true, width: 140 }),
      dateColumn<Draft<FollowUp>>('assignedDate', '交办日期', notify),
      {
        field: 'dueDate',
        headerName: '截止日期',
        width: 130,
        editable: false,
        valueFormatter: (p) => (p.value ? `${p.value}${p.data?.dueDateUncertain ? '（待核）' : ''}` : ''),
        tooltipValueGetter: (p) =>
          p.data?.dueDateUncertain
            ? '截止日期所在年度还没有节假日安排，按周一至周五估算；请在“设置 → 节假日”录入该年的安排，期限会自动重新计算。'
            : undefined,
        cellClass: (p) => (p.data?.extendedDate ? '' : (urgency(p.data ?? {}) ?? '')),
      },
      {
        ...dateColumn<Draft<FollowUp>>('extendedDate', '延期至', notify),
        headerTooltip: '延期经批准后填写延期后的截止日期；统计考核按制度允许的最长延期计算。',
        cellClass: (p) => (p.data?.extendedDate ? (urgency(p.data) ?? '') : ''),
      },
      dateColumn<Draft<FollowUp>>('feedbackDate', '反馈日期', notify),
      dateColumn<Draft<FollowUp>>('closedDate', '办结日期', notify),
      choiceColumn<Draft<FollowUp>>('status', '状态', FOLLOW_UP_STATUSES, notify, 100),
      { ...textColumn<Draft<FollowUp>>('result', '办理结果', 220), flex: 1 },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(unitOptions)],
  );
  return (
    <section className="page">
      <header className="page-header">
        <h1>督办</h1>
        <span className="legend">
          <span className="swatch overdue" /> 已超期
          <span className="swatch due-soon" /> 3日内到期
        </span>
      </header>
      <EntityGrid<FollowUp>
        testId="follow-up-grid"
        columns={columns}
        load={() => api.followUps.list({})}
        group="followUps"
        table="follow_ups"
        noun="督办事项"
        createInput={(d) => ({
          raisedDate: d.raisedDate ?? today(),
          matter: d.matter ?? '',
          source: d.source ?? '',
          raiser: d.raiser ?? '',
          departmentId: d.departmentId ?? null,
          limitDays: d.limitDays ?? null,
          assignedDate: d.assignedDate ?? null,
          feedbackDate: d.feedbackDate ?? null,
          closedDate: d.closedDate ?? null,
          extendedDate: d.extendedDate ?? null,
          result: d.result ?? '',
        })}
        firstField="matter"
        describe={(r) => (r.matter ?? '').slice(0, 20)}
        rowClass={(p: RowClassParams<Draft<FollowUp>>) => (p.data ? (urgency(p.data) ?? undefined) : undefined)}
        texts={{
          add: '新增督办事项',
          count: (n) => `共 ${n} 件`,
          confirmDelete: (n) => `确定要删除督办事项“${n}”吗？删除后可以立即撤销。`,
          deleted: (n) => `已删除督办事项“${n}”。`,
          required: '请先填写事项，这一行才会保存。',
          csvName: '督办事项.csv',
        }}
      />
    </section>
  );
}
