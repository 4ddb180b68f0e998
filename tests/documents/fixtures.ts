// Sample notices for the document tests and the timing script.
import { join } from 'node:path';
import type { BodyBlock, NoticeInput } from '../../electron/services/documents';

export const FONTS_DIR = join(import.meta.dirname, '..', '..', 'resources', 'fonts');
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

const P = [
  '为深入贯彻落实党的二十大精神，进一步密切党群干群关系，推动领导干部深入基层、联系群众常态化制度化，根据学校党委关于领导干部联系群众工作的有关规定，结合学校实际，现就做好2026年度领导干部联系群众工作有关事项通知如下。',
  '各单位要充分认识领导干部联系群众工作的重要意义，把联系群众作为转变作风、改进工作的重要抓手，切实加强组织领导，明确责任分工，确保各项工作落到实处，取得实效。',
  '校领导每学期至少深入联系点开展调研1次，每学年听课不少于8学时，参加所联系党支部组织生活不少于2次；中层干部每月至少深入师生1次，及时了解师生思想动态和实际困难。',
  '联系过程中收集的意见建议，由党委办公室统一登记，按照“谁主管、谁负责”的原则交由有关职能部门办理，承办部门应当在10个工作日内提出办理意见并反馈当事人。',
];

export function sampleBody(n = 1): BodyBlock[] {
  return [
    { kind: 'paragraph', text: P[0]! },
    { kind: 'heading', level: 1, text: '总体要求' },
    { kind: 'paragraph', text: P[1]! },
    {
      kind: 'heading',
      level: 2,
      text: '联系对象。',
      runIn: '校领导联系学院、党支部、教授、青年教师、老同志和困难学生；中层干部联系班级、宿舍和社团。',
    },
    { kind: 'heading', level: 2, text: '工作要求。', runIn: P[2]! },
    { kind: 'heading', level: 1, text: '主要任务' },
    { kind: 'heading', level: 3, text: '走访调研。', runIn: P[3]! },
    { kind: 'heading', level: 4, text: `建立台账，做到件件有着落、事事有回音（第${n}稿）。` },
    { kind: 'paragraph', text: P[1]! + P[2]! },
    { kind: 'heading', level: 1, text: '保障措施' },
    { kind: 'paragraph', text: P[3]! + P[0]! },
  ];
}

export function sampleNotice(n = 1, over: Partial<NoticeInput> = {}): NoticeInput {
  return {
    issuerMark: '中共××大学委员会文件',
    docNumber: `校党发〔2026〕${n}号`,
    title: '关于做好2026年度领导干部联系群众工作的通知',
    mainRecipients: '各学院党委（党总支），机关各部门，各直属单位',
    body: sampleBody(n),
    attachments: [
      {
        title: '2026年度校领导联系点一览表',
        body: [
          {
            kind: 'table',
            columns: [
              { title: '序号', width: 1, align: 'center' },
              { title: '姓名', width: 2, align: 'center' },
              { title: '职务', width: 3 },
              { title: '联系点', width: 6 },
            ],
            rows: Array.from({ length: 6 }, (_, i) => [
              String(i + 1),
              ['赵敏', '钱伟', '孙丽', '李强', '周杰', '吴芳'][i]!,
              ['党委书记', '校长', '党委副书记', '副校长', '副校长', '纪委书记'][i]!,
              '文学院党委、2024级汉语言文学1班、学生第三党支部',
            ]),
          },
        ],
      },
      { title: '领导干部联系群众工作记录表', body: [{ kind: 'paragraph', text: P[3]! }] },
    ],
    signature: '中共××大学委员会',
    date: '2026-03-01',
    sealed: true,
    note: '联系人：王明，电话：0731-88888888',
    copyTo: ['省委教育工委', '省教育厅'],
    printer: '中共××大学委员会办公室',
    printDate: '2026-03-02',
    ...over,
  };
}
