// Every `ledger` command, by name (two words for a subcommand: 'rules extract'). A new command is one file
// in this folder (exporting `run`) and one entry here; the file is loaded only when its command runs, so `ledger help` stays instant.
import type { CommandEntry } from '../command';

export const commands: Record<string, CommandEntry> = {
  init: {
    usage: 'init --db PATH [--preset ID]',
    help: '新建台账数据库（可选：从制度预设开始）',
    load: () => import('./init'),
  },
  info: {
    usage: 'info --db PATH [--json]',
    help: '显示数据结构版本、各表行数和完整性检查结果',
    load: () => import('./info'),
  },
  presets: {
    usage: 'presets [show ID [--json]]',
    help: '列出制度预设；show 显示一个预设的词汇和要求',
    load: () => import('./presets'),
  },
  backup: {
    usage: 'backup --db PATH [--to DIR]',
    help: '立即备份（默认放在数据库旁的 .backups 文件夹，并按规则轮换）',
    load: () => import('./backup'),
  },
  restore: {
    usage: 'restore --db PATH (--list | --from FILE [--other-ledger] [--broken-trail])',
    help:
      '列出备份（日期、记录数），或从备份恢复（先保留当前文件的副本）；另一个台账的文件、审计记录校验链断裂的文件' +
      '会被拒绝，确认仍要恢复时分别加 --other-ledger、--broken-trail',
    load: () => import('./restore'),
  },
  verify: {
    usage: 'verify --db PATH [--json]',
    help: '校验审计日志链，并找出在本程序之外改动、添加或删除的数据（有问题时退出码为 2）',
    load: () => import('./verify'),
  },
  import: {
    usage: 'import --db PATH FILE.xlsx [--map 级别:正处级=处级 …]',
    help: '导入台账工作簿（有任何错误则全部不导入，并逐条列出错误；不在词汇表中的值可用 --map 对应到表中的值）',
    load: () => import('./import'),
  },
  export: {
    usage: 'export --db PATH FILE.xlsx [--template]',
    help: '导出整个台账为工作簿（--template：只导出空白导入模板）',
    load: () => import('./export'),
  },
  demo: {
    usage: 'demo --db PATH [--year 2026] [--seed N]',
    help: '在空台账中生成演示数据（制度预设 002，一所大学一年的联系工作）',
    load: () => import('./demo'),
  },
  doc: {
    usage:
      'doc --db PATH --type 通知|公示|接待日安排|通报|一览表|记录表|督办单|考核 [--year Y] [--from D --to D] [--id N] [--cadre N] [--part 1|2] [--days N] [--number] [--format pdf|docx] --out FILE.pdf|FILE.docx',
    help: '按台账数据生成公文（PDF，或 --format docx 生成可在 WPS/Word 中修改的文件）；--number 时登记并使用下一个发文字号',
    load: () => import('./doc'),
  },
  packet: {
    usage: 'packet --db PATH --year Y --out DIR',
    help: '生成年度考核材料包：考核报告、每名领导干部的考核表、两张一览表和台账工作簿',
    load: () => import('./packet'),
  },
  evaluate: {
    usage:
      'evaluate --db PATH (--year 2026 | --academic-year 2025-2026 | --from DATE --to DATE) [--as-of DATE] [--json]',
    help: '统计考核：每位干部每条要求每个周期的完成情况（达标、未达标、进行中、预警、不适用）',
    load: () => import('./evaluate'),
  },
  rules: {
    usage: 'rules list|show|add|edit|remove|check --db PATH [--year Y] [ID] [--file FILE.json] [--json]',
    help: '制度要求：列出、查看、新增、修改、删除要求（JSON），检查要求与名册和词汇是否对得上',
    load: () => import('./rules'),
  },
  'rules extract': {
    usage: 'rules extract FILE.txt|FILE.docx [--json] [--db PATH] [--apply --year Y [--name 名称]]',
    help: '读取制度全文，列出提出的要求（条款、原文、把握度）；--apply 把有把握的要求存为该年度的制度',
    load: () => import('./rules-extract'),
  },
  calendar: {
    usage:
      'calendar semesters --year 2026-2027 [--set 1:2026-09-01..2027-01-20] | holidays --year 2027 [--import FILE.ics | --file 表格.xlsx | --notice 通知.txt | --clear] | show --year 2027',
    help: '校历（各学年的学期起止）和法定节假日安排：查看、设置、从 .ics 文件或国务院通知导入',
    load: () => import('./calendar'),
  },
  vocab: {
    usage:
      'vocab list|add|rename --db PATH [--list 级别] [--name 名称] [--from 原名 --to 新名 [--merge]] [--kind 单位|个人]',
    help: '本单位的词汇（级别、角色、活动类型、对象类别、单位类别）：列出、添加、改名（所有使用处随之改名）',
    load: () => import('./vocab'),
  },
  profile: {
    usage:
      'profile show|set --db PATH [--name 单位名称] [--kind 高校|县市区党委政府|…] [--mark 发文机关标志] [--prefix 机关代字] [--printer 印发机关] [--signature 署名] [--json]',
    help: '本单位信息（名称、类别、发文机关标志、发文字号机关代字、印发机关）：查看或修改',
    load: () => import('./profile'),
  },
};
