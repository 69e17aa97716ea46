/**
 * The one message catalogue: every word a person reads (sheet names, headers, menu, mail,
 * notes on rows, the publication) comes from here. zh-CN is the default; en must have
 * every key zh-CN has (the type enforces it), so a switch of language never shows a key.
 *
 * Placeholders are {name}; `format()` fills them.
 */
export const zhCN = {
  // Sheet names
  'sheet.tasks': '任务台账',
  'sheet.units': '责任单位',
  'sheet.settings': '设置',
  'sheet.holidays': '节假日',

  // Script-owned columns on the task sheet
  'col.state': '督办状态',
  'col.daysOverdue': '逾期天数',
  'col.noticeCount': '督办次数',
  'col.lastNotice': '最近督办',
  'col.level': '督办级别',
  'col.reopenCount': '反弹次数',
  'col.statusChanged': '状态变更日期',
  'col.systemNote': '系统提示',
  'col.taskId': '系统编号',

  // Task states (the word a person filters on)
  'state.notDue': '未到期',
  'state.dueSoon': '临期',
  'state.overdue': '逾期',
  'state.closed': '已销号',
  'state.pending': '待验收',
  'state.noDeadline': '长期',
  'state.paused': '暂缓',
  'state.invalid': '待核实',

  // Menu
  'menu.title': '督办台账',
  'menu.setup': '初始化 / 修复台账',
  'menu.sweep': '立即检查逾期',

  // Unit directory headers (sheet.units)
  'unitcol.name': '单位名称',
  'unitcol.kind': '单位类型',
  'unitcol.contact': '联系人',
  'unitcol.contactEmail': '联系人邮箱',
  'unitcol.head': '主要负责人',
  'unitcol.headEmail': '主要负责人邮箱',
  'unitcol.leader': '分管领导',
  'unitcol.leaderEmail': '分管领导邮箱',

  // Job and runner messages
  'job.unknown': '未知的任务“{job}”。可用：{jobs}',
  'job.notYet': '任务“{job}”尚未实现。',
} as const;

export type MessageKey = keyof typeof zhCN;

export const en: Record<MessageKey, string> = {
  'sheet.tasks': 'Tasks',
  'sheet.units': 'Units',
  'sheet.settings': 'Settings',
  'sheet.holidays': 'Holidays',

  'col.state': 'State',
  'col.daysOverdue': 'Days overdue',
  'col.noticeCount': 'Notices',
  'col.lastNotice': 'Last notice',
  'col.level': 'Escalation',
  'col.reopenCount': 'Reopened',
  'col.statusChanged': 'Status changed',
  'col.systemNote': 'System note',
  'col.taskId': 'Task ID',

  'state.notDue': 'Not due',
  'state.dueSoon': 'Due soon',
  'state.overdue': 'Overdue',
  'state.closed': 'Closed',
  'state.pending': 'Awaiting verification',
  'state.noDeadline': 'Ongoing',
  'state.paused': 'Paused',
  'state.invalid': 'Check',

  'menu.title': 'Duban',
  'menu.setup': 'Set up / repair ledger',
  'menu.sweep': 'Check overdue now',

  'unitcol.name': 'Unit',
  'unitcol.kind': 'Kind',
  'unitcol.contact': 'Contact',
  'unitcol.contactEmail': 'Contact email',
  'unitcol.head': 'Head',
  'unitcol.headEmail': 'Head email',
  'unitcol.leader': 'Supervising leader',
  'unitcol.leaderEmail': 'Supervising leader email',

  'job.unknown': 'Unknown job "{job}". Available: {jobs}',
  'job.notYet': 'The job "{job}" is not built yet.',
};

export type Locale = 'zh-CN' | 'en';

export const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
