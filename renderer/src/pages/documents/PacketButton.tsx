// 生成考核材料包 on the 公文 page: the whole year-end packet (report, one PDF per cadre, 一览表, workbook)
// made in the background with its progress and 取消, then the folder it was written to.
import type { Output } from '../../../../shared/api/contract';
import { JobProgress } from '../../components/JobProgress';
import { useNotice } from '../../components/Notice';
import { isCancelled, useJob } from '../../data/jobs';

export function PacketButton({ year }: { year: number }) {
  const notify = useNotice();
  const job = useJob();
  const make = async () => {
    try {
      const r: Output<'documents.packet'> = await job.run('documents.packet', { year });
      notify({
        kind: 'info',
        text: `已生成 ${year} 年度考核材料包：${r.files} 个 PDF 文件、共 ${r.pages} 页，${r.workbook ? '另有台账和清单' : '另有清单'}，保存在“${r.dir}”。`,
      });
    } catch (e) {
      notify(
        isCancelled(e)
          ? { kind: 'info', text: '已取消生成考核材料包，没有留下不完整的文件。' }
          : { kind: 'error', text: (e as Error).message },
      );
    }
  };
  return (
    <>
      <button onClick={() => void make()} disabled={!!job.status} data-testid="packet-button">
        生成考核材料包
      </button>
      {job.status && <JobProgress status={job.status} onCancel={job.cancel} />}
    </>
  );
}
