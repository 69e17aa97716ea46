/**
 * The columns a task ledger has, and the many names offices give them.
 *
 * Offices already keep ledgers and will not re-type their headers, so each field has a
 * list of aliases in Chinese and English. Columns people own are recognised by aliases;
 * columns the script owns are recognised only by the mark the script set on them when it
 * added them (the edge reads the marks), whatever their header says now.
 */
import { allTexts, type Locale, type MessageKey } from '../i18n';
import { isAscii, normalizeHeader } from '../text/text';

/** Columns people fill in. */
export type PersonField =
  | 'id'
  | 'seq'
  | 'task'
  | 'unit'
  | 'coUnits'
  | 'place'
  | 'problemKind'
  | 'person'
  | 'leader'
  | 'deadline'
  | 'status'
  | 'closedFlag'
  | 'progress'
  | 'issued'
  | 'completed'
  | 'score'
  | 'pointsLost'
  | 'batch'
  | 'source'
  | 'requirement'
  | 'remark'
  | 'verdict'
  | 'returnReason'
  | 'extendedTo'
  | 'extensionApproved'
  | 'reopenCount';

/** Columns the script writes (and never a person). */
export type ScriptField =
  | 'state'
  | 'dueAsRead'
  | 'daysOverdue'
  | 'noticeCount'
  | 'lastNotice'
  | 'level'
  | 'reopens'
  | 'statusChanged'
  | 'firstSeen'
  | 'systemNote'
  | 'taskId'
  // Issue 16, feedback: a unit's reply through the web app (反馈日期, 反馈状态, 整改照片), after 系统编号
  // so that a ledger set up before them gets them at its end and its other columns stay where they are.
  | 'feedbackDate'
  | 'feedbackState'
  | 'photos'
  // Issue 16, 当场下单: the photos an inspector took on site (现场照片), on the row the order appended.
  | 'sitePhotos';

export type Field = PersonField | ScriptField;

export type ColumnMap = Partial<Record<Field, number>>;

interface Aliases {
  zh: readonly string[];
  en: readonly string[];
}

/**
 * The first alias in each language is the field's label (what setup writes and what a
 * message calls the column). Longer, more specific aliases exist to settle headers that
 * contain another field's alias, e.g. 计划完成日期 is a deadline though it contains 完成日期.
 */
export const PERSON_FIELD_ALIASES: Record<PersonField, Aliases> = {
  id: { zh: ['编号', '任务编号', '问题编号', '台账编号'], en: ['ID', 'Task No', 'Ref'] },
  seq: { zh: ['序号'], en: ['No.', 'Seq'] },
  task: {
    zh: [
      '任务内容',
      '问题描述',
      '整改任务',
      '具体问题',
      '问题',
      '任务',
      '交办事项',
      '存在问题',
      '问题清单',
      '工作任务',
      '督办事项',
      '事项',
      '整改内容',
      '督办内容',
      '交办内容',
    ],
    en: ['Task', 'Issue', 'Description', 'Problem'],
  },
  unit: {
    zh: ['责任单位', '牵头单位', '主责单位', '责任部门', '牵头部门', '主责部门', '承办单位', '整改单位'],
    en: ['Responsible unit', 'Unit', 'Department', 'Lead unit'],
  },
  coUnits: {
    zh: ['配合单位', '协办单位', '配合部门', '协助单位', '协办部门', '配合责任单位'],
    en: ['Supporting units', 'Supporting unit', 'Co-units'],
  },
  place: {
    zh: ['点位', '问题点位', '具体点位', '点位名称', '地点', '具体地点', '问题地点', '位置', '具体位置'],
    en: ['Location', 'Place', 'Site'],
  },
  // 问题类别 (市容环境, 交通秩序 …): the month's 通报 groups its 存在问题 by it (issue 15).
  problemKind: {
    zh: ['问题类别', '问题类型', '问题分类', '问题种类'],
    en: ['Problem category', 'Problem type', 'Issue category', 'Issue type'],
  },
  person: {
    zh: ['责任人', '具体责任人', '经办人', '负责人', '单位负责人', '责任单位负责人'],
    en: ['Person', 'Responsible person', 'Owner'],
  },
  leader: {
    zh: ['责任领导', '分管领导', '包保领导', '牵头领导', '分管负责人', '分管责任人', '分管市领导'],
    en: ['Leader', 'Responsible leader'],
  },
  deadline: {
    zh: [
      '整改时限',
      '完成时限',
      '截止日期',
      '截止时间',
      '时间节点',
      '办结时限',
      '完成时间',
      '计划完成日期',
      '计划完成时间',
      '整改期限',
      '时限',
      '期限',
    ],
    en: ['Deadline', 'Due date', 'Due'],
  },
  status: { zh: ['状态', '整改状态', '办理状态', '任务状态', '完成状态'], en: ['Status'] },
  // 创城 ledgers ask whether a problem is rectified (是否整改到位) as often as whether it is closed
  // (是否销号); a …情况 column that holds words rather than 是/否 is read as the status (header.ts).
  closedFlag: {
    zh: [
      '是否销号',
      '销号情况',
      '销号',
      '是否办结',
      '办结情况',
      '是否整改到位',
      '整改是否到位',
      '整改到位情况',
      '是否整改完成',
      '是否完成整改',
      '是否已整改',
      '是否完成',
      '是否已完成',
      '整改完成情况',
    ],
    en: ['Closed', 'Closed?'],
  },
  progress: {
    zh: [
      '整改情况',
      '完成情况',
      '进展情况',
      '推进情况',
      '整改进展',
      '工作进展',
      '办理情况',
      '落实情况',
      '整改进度',
      '进度',
      '进展',
      '目前进展',
    ],
    en: ['Progress', 'Progress notes'],
  },
  issued: {
    zh: [
      '下达日期',
      '交办日期',
      '发现日期',
      '交办时间',
      '下达时间',
      '发现时间',
      '督办日期',
      '检查日期',
      '检查时间',
      '督查日期',
      '督查时间',
    ],
    en: ['Issued', 'Issue date', 'Assigned'],
  },
  completed: {
    zh: ['完成日期', '销号日期', '办结日期', '实际完成日期', '实际完成时间', '销号时间', '办结时间'],
    en: ['Completed', 'Completion date', 'Closed on'],
  },
  score: { zh: ['分值', '得分', '分数', '评分'], en: ['Score', 'Points'] },
  // Points a unit lost on this task in an outside check (测评失分): the 失分 rule of the scores reads it.
  pointsLost: {
    zh: [
      '失分',
      '扣分',
      '失分值',
      '扣分值',
      '扣分情况',
      '失分情况',
      '扣分分值',
      '失分分值',
      '测评失分',
      '测评扣分',
      '检查扣分',
      '检查失分',
    ],
    en: ['Points lost', 'Points deducted', 'Deduction', 'Deductions'],
  },
  batch: { zh: ['批次', '督查批次'], en: ['Batch'] },
  source: { zh: ['来源', '问题来源', '任务来源', '交办来源'], en: ['Source'] },
  // What the office asks for (整改要求), shown in its notices; never the unit's own 整改措施.
  requirement: { zh: ['整改要求', '整改标准', '整改意见'], en: ['Requirement', 'Rectification requirement'] },
  remark: { zh: ['备注', '说明'], en: ['Remark', 'Remarks', 'Notes', 'Note'] },
  // The office's word on a verification (验收意见) and why a task was sent back (退回原因): the
  // 退回通知 quotes the first of them that says something, then 备注 (issue 14).
  verdict: {
    zh: ['验收意见', '核查意见', '复核意见', '验收结论'],
    en: ['Verification comments', 'Verification notes', 'Review comments'],
  },
  returnReason: {
    zh: ['退回原因', '退回理由', '驳回原因', '驳回理由', '退回说明', '未通过原因'],
    en: ['Reason returned', 'Return reason', 'Reason for return', 'Rejection reason'],
  },
  extendedTo: { zh: ['延期至', '延期后时限', '延期时限', '延期后截止日期', '申请延期至'], en: ['Extended to', 'New deadline'] },
  extensionApproved: {
    zh: ['延期审批', '是否同意延期', '延期批准', '延期审批意见', '是否批准延期'],
    en: ['Extension approved', 'Extension approval'],
  },
  reopenCount: { zh: ['反复次数', '复发次数', '重复交办次数'], en: ['Times reopened', 'Recurrences'] },
};

/** The catalogue key holding each script-owned column's header. */
export const SCRIPT_FIELD_KEYS: Record<ScriptField, MessageKey> = {
  state: 'col.state',
  dueAsRead: 'col.dueAsRead',
  daysOverdue: 'col.daysOverdue',
  noticeCount: 'col.noticeCount',
  lastNotice: 'col.lastNotice',
  level: 'col.level',
  reopens: 'col.reopenCount',
  statusChanged: 'col.statusChanged',
  firstSeen: 'col.firstSeen',
  systemNote: 'col.systemNote',
  taskId: 'col.taskId',
  feedbackDate: 'col.feedbackDate',
  feedbackState: 'col.feedbackState',
  photos: 'col.photos',
  sitePhotos: 'col.sitePhotos',
};

/**
 * The number format of each script column. Text is plain text ('@'): what the script writes
 * stays text whatever it looks like (a note quoting '=HYPERLINK(…)', a key like '007'); a
 * Sheets write would otherwise parse it as typed.
 */
export const SCRIPT_FIELD_FORMAT: Record<ScriptField, string> = {
  state: '@',
  dueAsRead: 'yyyy-mm-dd',
  daysOverdue: '0',
  noticeCount: '0',
  lastNotice: 'yyyy-mm-dd',
  level: '@',
  reopens: '0',
  statusChanged: 'yyyy-mm-dd',
  firstSeen: 'yyyy-mm-dd',
  systemNote: '@',
  taskId: '@',
  feedbackDate: 'yyyy-mm-dd',
  feedbackState: '@',
  // Plain text, one link per line: a HYPERLINK formula holds one link, and a unit's text never becomes a formula.
  photos: '@',
  sitePhotos: '@',
};

/**
 * Duban's columns of a unit's reply through the web app (issue 16: 反馈日期, 反馈状态, 整改照片).
 * A ledger gets them when it first needs them (the first reply, or setup once 整改反馈 exists),
 * never on an office that does not use replies: three empty columns would only puzzle it.
 */
export const REPLY_FIELDS: readonly ScriptField[] = ['feedbackDate', 'feedbackState', 'photos'];

/**
 * Duban's column of the on-site order (issue 16: 现场照片, one link per line): added by the first
 * order filed, never on a ledger no inspector files into. The office reads the row where it
 * reads every task, so the photos are where it looks, not only in the unit's mail.
 */
export const ORDER_FIELDS: readonly ScriptField[] = ['sitePhotos'];

/** Columns a ledger gets only once it needs them: replies (REPLY_FIELDS), on-site orders (ORDER_FIELDS). */
export const LATER_FIELDS: readonly ScriptField[] = [...REPLY_FIELDS, ...ORDER_FIELDS];

export const PERSON_FIELDS = Object.keys(PERSON_FIELD_ALIASES) as PersonField[];
export const SCRIPT_FIELDS = Object.keys(SCRIPT_FIELD_KEYS) as ScriptField[];
export const ALL_FIELDS: Field[] = [...PERSON_FIELDS, ...SCRIPT_FIELDS];

/** task, unit, deadline, and one of status / closedFlag (checked in header.ts). */
export const REQUIRED_FIELDS: readonly PersonField[] = ['task', 'unit', 'deadline'];
export const CLOSURE_FIELDS: readonly PersonField[] = ['status', 'closedFlag'];

export function isScriptField(field: Field): field is ScriptField {
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn (ES2022) is not promised by the Apps Script V8 runtime
  return Object.prototype.hasOwnProperty.call(SCRIPT_FIELD_KEYS, field);
}

/** Every header text that names a field, both languages. */
export function aliasesOf(field: Field): string[] {
  if (isScriptField(field)) return allTexts(SCRIPT_FIELD_KEYS[field]);
  const a = PERSON_FIELD_ALIASES[field];
  return [...a.zh, ...a.en];
}

/** The field's name in a locale: the header setup writes, and the word a message uses. */
export function fieldLabel(field: PersonField, locale: Locale): string {
  const a = PERSON_FIELD_ALIASES[field];
  return locale === 'en' ? a.en[0] : a.zh[0];
}

interface AliasEntry {
  field: PersonField;
  norm: string;
}

function buildEntries(): AliasEntry[] {
  const entries: AliasEntry[] = [];
  for (const field of PERSON_FIELDS) {
    for (const alias of aliasesOf(field)) {
      const norm = normalizeHeader(alias);
      if (norm !== '') entries.push({ field, norm });
    }
  }
  return entries;
}

const ENTRIES = buildEntries();
const EXACT = new Map<string, PersonField>();
for (const e of ENTRIES) if (!EXACT.has(e.norm)) EXACT.set(e.norm, e.field);

/**
 * The script's own header texts, every language. The script knows its columns by the mark it
 * set on them (developer metadata), never by their header: a column an office itself called
 * 督办状态, 逾期天数 or State is the office's, and is neither read as a person's field (督办状态
 * would otherwise end in 状态, a status) nor taken as the script's.
 */
const SCRIPT_HEADERS = new Map<string, ScriptField>();
for (const f of SCRIPT_FIELDS) for (const text of allTexts(SCRIPT_FIELD_KEYS[f])) SCRIPT_HEADERS.set(normalizeHeader(text), f);

/** The script column a header is named like (in any language), if any: a name, not a mark. */
export function scriptFieldNamed(header: unknown): ScriptField | undefined {
  return SCRIPT_HEADERS.get(normalizeHeader(header));
}

/**
 * Short English aliases ('due', 'no', 'id', 'unit') would be found inside unrelated words
 * ('overdue', 'notes'), so only English aliases this long take part in 'contains' matching.
 */
const MIN_ASCII_CONTAINS = 5;

/** Words that trail a Chinese header without changing what it names: 整改时限要求, 责任单位名称. */
const FILLER = /(要求|名称|全称|内容|描述|情况)$/;

/** X及Y headers name X first: 问题描述及整改要求 is the task, 完成情况及佐证材料 the progress. */
const CONJUNCTION = /以及|及|和|与/;

function matchPart(h: string): PersonField | undefined {
  const exact = EXACT.get(h);
  if (exact) return exact;
  const bare = h.replace(FILLER, '');
  if (bare !== h && EXACT.has(bare)) return EXACT.get(bare);
  let best: { field: PersonField; len: number } | undefined;
  for (const e of ENTRIES) {
    const ascii = isAscii(e.norm);
    if (ascii ? e.norm.length < MIN_ASCII_CONTAINS : e.norm.length < 2) continue;
    // English headers are matched anywhere; Chinese ones by their ending, where the head noun is.
    const hit = ascii ? h.includes(e.norm) : h.endsWith(e.norm) || bare.endsWith(e.norm);
    if (hit && (!best || e.norm.length > best.len)) best = { field: e.field, len: e.norm.length };
  }
  return best?.field;
}

/**
 * The field a header names, or undefined.
 *
 * An exact (normalised) match wins. Otherwise a longer Chinese header is matched by the
 * alias it ends with, the longest such: a Chinese compound names its head noun last, so
 * 整改完成时限 is a 时限 (deadline) and 责任单位负责人 a 负责人 (person), while 问题类型 and
 * 问题点位 (which start with 问题) are not the task. Script columns are never found this way.
 */
export function matchField(header: unknown): PersonField | undefined {
  const h = normalizeHeader(header);
  if (h === '' || SCRIPT_HEADERS.has(h)) return undefined;
  const exact = EXACT.get(h);
  if (exact) return exact;
  // 配合单位 / 协办部门 name helpers (co-units), never the unit that answers for the task;
  // 申请销号 and 申请延期 are a unit's requests, not the office's decision.
  if (/^(配合|协办|协助)/.test(h)) return /(单位|部门)$/.test(h) ? 'coUnits' : undefined;
  if (h.includes('申请')) return undefined;
  for (const part of h.split(CONJUNCTION)) {
    if (part === '') continue;
    const field = matchPart(part);
    if (field) return field;
  }
  return undefined;
}

/**
 * Names offices give both to the time a task must be done by and to the day it was done:
 * 完成时间 heads the deadline in one ledger and the actual completion in the next. Only the
 * cells can tell (date-columns.ts), when a ledger has another column for the deadline.
 */
const EITHER_DATE = new Set(['完成时间', '完成日期', '办结时间', '办结日期', 'Completion date'].map(normalizeHeader));

/** Words that make such a name a deadline beyond doubt: 要求完成时间, 计划办结日期. */
const DEADLINE_QUALIFIER = /要求|计划|预计|规定|应于|最迟|截止|时限|期限/;

/** Whether a header names a date that may be the deadline or the completion (完成时间, 办结日期 …). */
export function isEitherDateHeader(header: unknown): boolean {
  const h = normalizeHeader(header);
  if (h === '' || DEADLINE_QUALIFIER.test(h)) return false;
  const field = matchField(header);
  if (field !== 'deadline' && field !== 'completed') return false;
  // The alias the header was recognised by: the longest it equals or ends with (实际完成时间 is firm).
  let longest = '';
  for (const e of ENTRIES) {
    if ((e.field === 'deadline' || e.field === 'completed') && (h === e.norm || h.endsWith(e.norm)) && e.norm.length > longest.length) {
      longest = e.norm;
    }
  }
  return EITHER_DATE.has(longest);
}
