// 联系点: the contact points of a year — who holds which college, class, dorm, professor …
import { useCallback, useState } from 'react';
import type { Assignment } from '../../../../shared/domain/assignment';
import { api } from '../../api';
import type { Notice } from '../../components/Notice';
import { useLookups } from '../../data/lookups';
import { EntityGrid, type Draft } from '../../grid/EntityGrid';
import { dateColumn, refColumn, textColumn } from '../../grid/cells';

type Notify = (n: Notice) => void;

export function AssignmentsPage() {
  const [year, setYear] = useState(new Date().getFullYear());
  const { cadreOptions, objectOptions, objects } = useLookups();
  const categoryOf = new Map(objects.map((o) => [o.id, o.category]));

  const columns = useCallback(
    (notify: Notify) => [
      {
        ...refColumn<Draft<Assignment>>(
          'cadreId',
          '干部',
          cadreOptions,
          notify,
          (v) => `「干部」名册中没有“${v}”，请先在“人员与单位”中添加。`,
          140,
        ),
        pinned: 'left' as const,
      },
      refColumn<Draft<Assignment>>(
        'objectId',
        '联系对象',
        objectOptions,
        notify,
        (v) => `「联系对象」中没有“${v}”，请先在“人员与单位 › 联系对象”中添加。`,
        200,
      ),
      {
        colId: 'objectCategory',
        headerName: '对象类别',
        width: 110,
        editable: false,
        valueGetter: (p: { data?: Draft<Assignment> }) =>
          p.data?.objectId ? (categoryOf.get(p.data.objectId) ?? '') : '',
      },
      textColumn<Draft<Assignment>>('slot', '联系类型', 150),
      dateColumn<Draft<Assignment>>('startDate', '开始日期', notify),
      dateColumn<Draft<Assignment>>('endDate', '结束日期', notify),
      { ...textColumn<Draft<Assignment>>('note', '备注', 200), flex: 1 },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(cadreOptions), JSON.stringify(objectOptions)],
  );

  return (
    <section className="page">
      <header className="page-header">
        <h1>联系点</h1>
        <label className="field-inline">
          年度
          <input
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => setYear(Number(e.target.value) || year)}
            data-testid="assignment-year"
          />
        </label>
      </header>
      <EntityGrid<Assignment>
        key={year}
        testId="assignment-grid"
        columns={columns}
        load={() => api.assignments.list({ year })}
        group="assignments"
        table="assignments"
        noun="联系点"
        createInput={(d) => ({
          year,
          cadreId: d.cadreId!,
          objectId: d.objectId!,
          slot: d.slot ?? '',
          startDate: d.startDate ?? null,
          endDate: d.endDate ?? null,
          note: d.note ?? '',
        })}
        firstField="cadreId"
        ready={(d) => !!d.cadreId && !!d.objectId}
        describe={(r) => `${r.cadreName ?? ''} — ${r.objectName ?? ''}`}
        texts={{
          add: '新增联系点',
          count: (n) => `${year}年度共 ${n} 个联系点`,
          confirmDelete: (n) => `确定要删除联系点“${n}”吗？删除后可以立即撤销。`,
          deleted: (n) => `已删除联系点“${n}”。`,
          required: '请填写干部和联系对象，这一行才会保存。',
          csvName: `${year}年度联系点.csv`,
        }}
      />
    </section>
  );
}
