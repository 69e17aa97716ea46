/**
 * Adversarial office ledgers for property tests: a 任务台账 as offices really keep one, with
 * everything in it that a careless script would trample.
 *
 * A generated ledger is a plain spec (what fast-check generates and shrinks) turned by
 * `buildLedger` into a runtime workbook model, together with the area of every sheet the
 * office made. That area, not any header text, says which cells are the office's: a column
 * the generator made is the office's whatever it is called (督办状态, 逾期天数, Task ID…), and a
 * sheet the generator made is the office's whatever it is named (设置, 节假日, 台账问题…).
 *
 * What goes in:
 * - headers in random order under alias names (some typed over two lines), with task, unit,
 *   deadline and status or 是否销号, and any of ID, 序号, dates, progress, remarks, extensions;
 * - the office's own columns named like Duban's (every col.* header, zh and en), holding
 *   their own data: numbers, dates, text such as '007', formulas;
 * - an optional merged title and subtitle above the header;
 * - section rows (merged across), totals rows with =SUM/=COUNTA formulas, footnotes, blanks;
 * - unit cells merged down over several tasks, remark cells merged past the last header;
 * - formulas showing "" (=IF(E5="已销号",TODAY(),"") in the completion column), an ID formula;
 * - text that looks like a formula, a number, a percentage or a date, in '@' cells and in
 *   General cells (typed with a leading apostrophe, which Sheets keeps as text);
 * - deadlines in every form the sweep reads and some it cannot; statuses in many words;
 * - the office's own sheets named 设置 / 责任单位 / 节假日 / 台账问题 (and their English names),
 *   and sometimes a proper 责任单位 directory made for Duban.
 */

import fc from 'fast-check';
import {
  type Cell,
  type CellValue,
  type GridRange,
  newSheetModel,
  newWorkbookModel,
  type SheetModel,
  type WorkbookModel,
} from '../../runtime/model';
import { en, type MessageKey, zhCN } from '../../src/core/i18n/messages';
import { matchField, PERSON_FIELD_ALIASES, type PersonField } from '../../src/core/ledger/columns';
import { columnLetter } from '../../src/core/text/text';

// ---- the spec ---------------------------------------------------------------------------------

/** Days from the run's day D, for date cells and dates written as text. */
export type Offset = number;

/** What one generated cell holds. Formulas and D-relative cells are resolved when built. */
export type CellSpec =
  | { k: 'blank' }
  | { k: 'text'; v: string; plain?: boolean }
  | { k: 'number'; v: number }
  | { k: 'date'; offset: Offset }
  /** A date written as text: '2026年7月31日' or '2026-07-31'; `plain` puts it in an '@' cell. */
  | { k: 'dayText'; offset: Offset; style: 'cjk' | 'iso' | 'md'; plain?: boolean }
  /** The ID for the row's task ordinal: 'RW-003', 3, '003' as text, a formula, or a repeat. */
  | { k: 'id'; style: 'code' | 'number' | 'padded' | 'formula' | 'repeat' }
  /** A code in the office's own 系统编号 / Task ID column: 'XT-3'. */
  | { k: 'ownCode' }
  /** =IF(<status>5="已销号",TODAY(),"") in the completion column: shows "" while open. */
  | { k: 'closedStamp' }
  /** The office's own days-overdue formula: =IF(C5="","",MAX(0,TODAY()-C5)), showing "" or a number. */
  | { k: 'overdueFormula' };

/** Person columns the generator can make. */
export type FieldColumn = Extract<
  PersonField,
  | 'task'
  | 'unit'
  | 'deadline'
  | 'status'
  | 'closedFlag'
  | 'id'
  | 'seq'
  | 'person'
  | 'issued'
  | 'completed'
  | 'remark'
  | 'progress'
  | 'extendedTo'
  | 'extensionApproved'
>;

/**
 * The office's own columns named like the script's: every col.* header of the catalogue, in zh
 * and en. A new col.* key will not compile until LOOKALIKE_CELLS says what an office keeps there.
 */
export type LookalikeKey = Extract<MessageKey, `col.${string}`>;
export const LOOKALIKE_KEYS = (Object.keys(zhCN) as MessageKey[]).filter((k): k is LookalikeKey => k.startsWith('col.'));
export type Lookalike = { key: LookalikeKey; lang: 'zh' | 'en' };
/**
 * Columns of the office's that name no field at all (问题类型, 佐证材料…): they make a ledger
 * wide, as real ones are, and Duban has to place its own columns after them.
 */
export const EXTRA_HEADERS = [
  '问题类型',
  '点位',
  '整改措施',
  '佐证材料',
  '联系电话',
  '督查组',
  '所属街道',
  '整改类别',
  '网格员',
  '现场照片',
] as const;
export type ExtraKey = `x${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;
const EXTRA_KEYS: ExtraKey[] = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'];

export type ColumnId = FieldColumn | `own:${LookalikeKey}:${'zh' | 'en'}` | ExtraKey;

export interface ColumnSpec {
  id: ColumnId;
  header: string;
  /** Sort key: columns are laid out by it, then by their canonical order (shrinks to canonical). */
  place: number;
}

export type TaskRowCells = Record<FieldColumn, CellSpec> & Record<LookalikeKey, CellSpec> & Record<ExtraKey, CellSpec>;

export type RowSpec =
  | { kind: 'task'; cells: TaskRowCells; mergeUnitUp: boolean; remarkSpan: number }
  | { kind: 'section'; text: string }
  | { kind: 'totals'; label: string }
  | { kind: 'note'; text: string; merged: boolean }
  | { kind: 'blank' };

export type OfficeSheetName = '设置' | 'Settings' | '责任单位' | 'Units' | '节假日' | 'Holidays' | '台账问题' | 'Ledger problems';
export type Directory = 'none' | 'short' | 'full';

export interface LedgerSpec {
  /** D, the day of the runs, as 'YYYY-MM-DD' (Asia/Shanghai). */
  day: string;
  title: boolean;
  subtitle: boolean;
  columns: ColumnSpec[];
  rows: RowSpec[];
  /** The office's own sheets named like Duban's. */
  officeSheets: OfficeSheetName[];
  /** A 责任单位 directory made for Duban, with the usual four columns or all eight (replaces an office sheet of that name). */
  directory: Directory;
}

// ---- vocabulary -------------------------------------------------------------------------------

export const UNITS = ['市城管局', '市市场监管局', '市公安局交警支队', '市住建局', '市生态环境局', '市委宣传部'];
const TASKS = [
  '背街小巷垃圾堆积',
  '农贸市场占道经营',
  '公益广告不少于40%',
  '交通路口秩序混乱',
  '黑臭水体治理',
  '老旧小区楼道杂物',
  '公共厕所保洁不到位',
  '共享单车乱停放',
];
const SECTIONS = ['一、环境卫生类', '二、交通秩序类', '（三）市场秩序', '第四部分 公共设施'];
const NOTES = ['注：1. 本台账每周五更新；2. 已销号事项不再督办。', '填表人：张三    审核人：李四', '备注：整改时限以交办通知为准'];
const TOTALS = ['合计', '合计：', '总计', '小计'];

/** Text that a write-back through setValues would turn into something else. */
const TRICKY: CellSpec[] = [
  { k: 'text', v: '=HYPERLINK("https://example.org/zg/1","整改照片")', plain: true },
  { k: 'text', v: '007', plain: true },
  { k: 'text', v: '00123', plain: true },
  { k: 'text', v: '15%', plain: true },
  { k: 'text', v: '2026-07-31', plain: true },
  { k: 'text', v: '007' },
  { k: 'text', v: '1,234' },
  { k: 'text', v: 'TRUE', plain: true },
];

const blank: CellSpec = { k: 'blank' };
const text = (v: string, plain?: boolean): CellSpec => (plain ? { k: 'text', v, plain } : { k: 'text', v });
const texts = (...vs: string[]): CellSpec[] => vs.map((v) => text(v));

/** Cells per column: the first choice is the simplest (fast-check shrinks towards it). */
function choices(list: CellSpec[]): fc.Arbitrary<CellSpec> {
  return fc.constantFrom(...list);
}

const dates = (offsets: number[]): CellSpec[] => offsets.map((offset) => ({ k: 'date', offset }));

const FIELD_CELLS: Record<FieldColumn, fc.Arbitrary<CellSpec>> = {
  task: choices([...texts(...TASKS), ...TRICKY, blank]),
  unit: choices([...texts(...UNITS), ...texts('不存在的局', '市城管局、市住建局', ' 市城管局 '), blank, ...TRICKY.slice(0, 2)]),
  deadline: choices([
    ...dates([-10, -3, -1, 0, 1, 5, 30]),
    { k: 'dayText', offset: 20, style: 'cjk' },
    { k: 'dayText', offset: -2, style: 'cjk' },
    { k: 'dayText', offset: 3, style: 'iso', plain: true },
    { k: 'dayText', offset: -5, style: 'iso' },
    { k: 'dayText', offset: 12, style: 'md' },
    ...texts('7月底前', '年底前', '12月15日', '立即整改', '长期坚持', '3个工作日内', '15日内', '尽快', 'ASAP', '2026-13-45', '待定'),
    blank,
  ]),
  status: choices([...texts('未开始', '整改中', '待验收', '已销号', '已办结', 'done', '退回', '暂缓', '已整改'), blank]),
  closedFlag: choices([...texts('否', '是', '√', '未销号'), blank]),
  id: choices([
    { k: 'id', style: 'code' },
    { k: 'id', style: 'number' },
    { k: 'id', style: 'padded' },
    { k: 'id', style: 'formula' },
    { k: 'id', style: 'repeat' },
    blank,
  ]),
  seq: choices([{ k: 'number', v: 1 }, { k: 'number', v: 2 }, text('1.1'), text('一'), blank]),
  person: choices([...texts('张伟', '李娜', '王芳'), blank]),
  issued: choices([...dates([-20, -5, -1]), { k: 'dayText', offset: -7, style: 'cjk' }, text('上周'), blank]),
  completed: choices([
    blank,
    { k: 'closedStamp' },
    ...dates([-2]),
    { k: 'dayText', offset: -1, style: 'iso', plain: true },
    text('已完成'),
  ]),
  remark: choices([blank, ...texts('已约谈', '见附件'), ...TRICKY]),
  progress: choices([blank, ...texts('正在清运', '已制定方案', '完成80%'), ...TRICKY]),
  extendedTo: choices([blank, ...dates([10]), { k: 'dayText', offset: 15, style: 'cjk' }, text('延期一个月')]),
  extensionApproved: choices([blank, ...texts('同意', '不同意', '待审批')]),
};

const LOOKALIKE_CELLS: Record<LookalikeKey, fc.Arbitrary<CellSpec>> = {
  'col.state': choices([...texts('已督办', '未督办', 'open', '逾期'), blank, ...TRICKY.slice(0, 3)]),
  'col.daysOverdue': choices([
    { k: 'number', v: 3 },
    { k: 'number', v: 0 },
    { k: 'overdueFormula' },
    text('007', true),
    text('007'),
    blank,
  ]),
  'col.noticeCount': choices([{ k: 'number', v: 1 }, { k: 'number', v: 2 }, text('00123', true), text('15%', true), blank]),
  'col.lastNotice': choices([
    ...dates([-4]),
    { k: 'dayText', offset: -3, style: 'iso', plain: true },
    { k: 'dayText', offset: -6, style: 'iso' },
    text('电话督办'),
    blank,
  ]),
  'col.level': choices([...texts('一般', '重点', '通报'), blank]),
  'col.reopenCount': choices([{ k: 'number', v: 1 }, text('007', true), blank]),
  'col.statusChanged': choices([...dates([-8]), { k: 'dayText', offset: -8, style: 'cjk' }, text('2026-07-31', true), blank]),
  'col.dueAsRead': choices([...dates([5]), { k: 'dayText', offset: 2, style: 'cjk' }, text('年底前'), text('2026-07-31', true), blank]),
  'col.firstSeen': choices([...dates([-30]), { k: 'dayText', offset: -20, style: 'iso' }, text('去年', true), blank]),
  'col.systemNote': choices([...texts('市长热线转办', '重复交办'), ...TRICKY, blank]),
  'col.taskId': choices([{ k: 'ownCode' }, text('00123', true), text('007'), blank]),
  // Issue 16, feedback: an office's own 反馈日期 / 反馈状态 / 整改照片 columns stay the office's.
  'col.feedbackDate': choices([...dates([-2]), text('2026-07-31', true), blank]),
  'col.feedbackState': choices([...texts('待验收', '已反馈', '退回'), blank]),
  'col.photos': choices([text('见附件'), ...TRICKY.slice(0, 2), blank]),
  'col.sitePhotos': choices([text('见附件'), ...TRICKY.slice(0, 2), blank]),
};

// ---- arbitraries ------------------------------------------------------------------------------

const FIELD_ORDER: FieldColumn[] = [
  'seq',
  'id',
  'task',
  'unit',
  'person',
  'issued',
  'deadline',
  'extendedTo',
  'extensionApproved',
  'status',
  'closedFlag',
  'progress',
  'completed',
  'remark',
];
const OPTIONAL_FIELDS: FieldColumn[] = [
  'seq',
  'id',
  'person',
  'issued',
  'extendedTo',
  'extensionApproved',
  'progress',
  'completed',
  'remark',
];

/** A field's aliases that the ledger reader takes for that field, so the header is found. */
function aliasesFor(field: FieldColumn): string[] {
  const a = PERSON_FIELD_ALIASES[field];
  return [...a.zh, ...a.en].filter((x) => matchField(x) === field);
}

/** 'Responsible unit' → 'Responsible\nunit'; 牵头单位 → '牵头\n单位': a header typed over two lines. */
function twoLines(header: string): string {
  if (header.includes(' ')) return header.replace(' ', '\n');
  return header.length >= 4 ? `${header.slice(0, 2)}\n${header.slice(2)}` : header;
}

function fieldColumnArb(field: FieldColumn): fc.Arbitrary<ColumnSpec> {
  const aliases = aliasesFor(field);
  return fc
    .record({ alias: fc.nat({ max: aliases.length - 1 }), broken: fc.boolean(), place: fc.nat({ max: 20 }) })
    .map(({ alias, broken, place }) => ({ id: field, header: broken ? twoLines(aliases[alias]!) : aliases[alias]!, place }));
}

function lookalikeHeader(l: Lookalike): string {
  return (l.lang === 'zh' ? zhCN : en)[l.key];
}

const ALL_LOOKALIKES: Lookalike[] = LOOKALIKE_KEYS.flatMap((key) => [
  { key, lang: 'zh' as const },
  { key, lang: 'en' as const },
]);

export function lookalikeOf(id: ColumnId): Lookalike | undefined {
  const m = /^own:(col\.[A-Za-z]+):(zh|en)$/.exec(id);
  return m ? { key: m[1] as LookalikeKey, lang: m[2] as 'zh' | 'en' } : undefined;
}

const columnsArb: fc.Arbitrary<ColumnSpec[]> = fc
  .record({
    closure: fc.constantFrom<('status' | 'closedFlag')[]>(['status'], ['closedFlag'], ['status', 'closedFlag']),
    optional: fc.subarray(OPTIONAL_FIELDS),
    lookalikes: fc.subarray(ALL_LOOKALIKES, { maxLength: 5 }),
    // Sometimes all of them: a ledger wider than the 26 columns of a new sheet once Duban's are added.
    extras: fc.oneof(
      { weight: 3, arbitrary: fc.subarray(EXTRA_KEYS, { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.constant(EXTRA_KEYS) },
    ),
  })
  .chain(({ closure, optional, lookalikes, extras }) => {
    const fields: FieldColumn[] = ['task', 'unit', 'deadline', ...closure, ...optional];
    const own = lookalikes.map((l) =>
      fc.nat({ max: 20 }).map((place): ColumnSpec => ({ id: `own:${l.key}:${l.lang}`, header: lookalikeHeader(l), place })),
    );
    const extra = extras.map((x) =>
      fc.nat({ max: 20 }).map((place): ColumnSpec => ({ id: x, header: EXTRA_HEADERS[EXTRA_KEYS.indexOf(x)]!, place })),
    );
    return fc.tuple(...fields.map(fieldColumnArb), ...own, ...extra);
  })
  .map((cols) => [...cols].sort((a, b) => a.place - b.place || canonical(a.id) - canonical(b.id)));

function canonical(id: ColumnId): number {
  const field = FIELD_ORDER.indexOf(id as FieldColumn);
  if (field >= 0) return field;
  const extra = EXTRA_KEYS.indexOf(id as ExtraKey);
  if (extra >= 0) return 50 + extra;
  const l = lookalikeOf(id)!;
  return 100 + LOOKALIKE_KEYS.indexOf(l.key) * 2 + (l.lang === 'zh' ? 0 : 1);
}

const EXTRA_CELL = choices([blank, ...texts('环境卫生', '人民路与解放路交叉口', '13800000000'), ...TRICKY.slice(0, 3)]);
const EXTRA_CELLS = Object.fromEntries(EXTRA_KEYS.map((x) => [x, EXTRA_CELL])) as Record<ExtraKey, fc.Arbitrary<CellSpec>>;

const taskCellsArb: fc.Arbitrary<TaskRowCells> = fc.record({
  ...FIELD_CELLS,
  ...LOOKALIKE_CELLS,
  ...EXTRA_CELLS,
}) as fc.Arbitrary<TaskRowCells>;

const rowArb: fc.Arbitrary<RowSpec> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('task' as const),
      cells: taskCellsArb,
      mergeUnitUp: fc.boolean(),
      remarkSpan: fc.constantFrom(0, 0, 1, 2),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('section' as const), text: fc.constantFrom(...SECTIONS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('totals' as const), label: fc.constantFrom(...TOTALS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('note' as const), text: fc.constantFrom(...NOTES), merged: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'blank' as const }) },
);

const OFFICE_SHEETS: OfficeSheetName[] = ['设置', 'Settings', '责任单位', 'Units', '节假日', 'Holidays', '台账问题', 'Ledger problems'];

/** Days D the runs happen on: ordinary weekdays, a Friday, the eve of National Day, year end. */
const DAYS = ['2026-11-25', '2026-03-18', '2026-07-31', '2026-09-30', '2026-12-31'];

export const ledgerSpecArb: fc.Arbitrary<LedgerSpec> = fc.record({
  day: fc.constantFrom(...DAYS),
  title: fc.boolean(),
  subtitle: fc.boolean(),
  columns: columnsArb,
  rows: fc.array(rowArb, { minLength: 1, maxLength: 9 }),
  officeSheets: fc.subarray(OFFICE_SHEETS, { maxLength: 4 }),
  directory: fc.constantFrom<Directory>('none', 'short', 'full'),
});

// ---- building the workbook --------------------------------------------------------------------

/** A rectangle of a sheet the office made: these cells are theirs. */
export interface OfficeArea {
  sheet: string;
  rows: number;
  columns: number;
  /**
   * 'ledger': the task sheet or a directory made for Duban: Duban may add columns to its right.
   * 'sealed': an office sheet that merely shares a name with one of Duban's: Duban writes nothing.
   */
  kind: 'ledger' | 'sealed';
  /** Header text of each office column of the task sheet, for messages only. */
  headers: string[];
  headerRow: number;
}

export interface BuiltLedger {
  workbook: WorkbookModel;
  areas: OfficeArea[];
  /** D, the day of the runs (Asia/Shanghai). */
  day: { y: number; m: number; d: number };
}

const TZ_OFFSET_MS = 8 * 3600_000;

/** Midnight of D + offset in Asia/Shanghai, as a date cell there holds it. */
export function dayDate(day: { y: number; m: number; d: number }, offset = 0): Date {
  return new Date(Date.UTC(day.y, day.m - 1, day.d + offset) - TZ_OFFSET_MS);
}

function ymd(day: { y: number; m: number; d: number }, offset: number): { y: number; m: number; d: number } {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + offset));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function parseDay(s: string): { y: number; m: number; d: number } {
  const [y, m, d] = s.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
}

/** 0-based column index → 'A', 'B', … 'AA' (the app's own helper). */
export const letter = columnLetter;

const pad = (n: number, width = 3): string => String(n).padStart(width, '0');

function cellOf(value: CellValue, extra: { formula?: string; numberFormat?: string } = {}): Cell {
  const cell: Cell = { value };
  if (extra.formula !== undefined) cell.formula = extra.formula;
  const nf = extra.numberFormat ?? (value instanceof Date ? 'yyyy-mm-dd' : undefined);
  if (nf !== undefined) cell.format = { numberFormat: nf };
  return cell;
}

interface RowContext {
  day: { y: number; m: number; d: number };
  /** 1-based sheet row. */
  row: number;
  /** 1-based sheet row of the first data row (under the header). */
  firstData: number;
  /** 1-based ordinal of the task row among task rows. */
  ordinal: number;
  column: (id: ColumnId) => number | undefined;
  closedText: string | undefined;
  taskBlank: boolean;
}

function resolve(spec: CellSpec, ctx: RowContext): Cell | undefined {
  switch (spec.k) {
    case 'blank':
      return undefined;
    case 'text':
      return cellOf(spec.v, spec.plain ? { numberFormat: '@' } : {});
    case 'number':
      return cellOf(spec.v);
    case 'date':
      return cellOf(dayDate(ctx.day, spec.offset));
    case 'dayText': {
      const t = ymd(ctx.day, spec.offset);
      const v =
        spec.style === 'cjk'
          ? `${t.y}年${t.m}月${t.d}日`
          : spec.style === 'md'
            ? `${t.m}月${t.d}日`
            : `${t.y}-${pad(t.m, 2)}-${pad(t.d, 2)}`;
      return cellOf(v, spec.plain ? { numberFormat: '@' } : {});
    }
    case 'id':
      switch (spec.style) {
        case 'code':
          return cellOf(`RW-${pad(ctx.ordinal)}`);
        case 'number':
          return cellOf(ctx.ordinal);
        case 'padded':
          return cellOf(pad(ctx.ordinal), { numberFormat: '@' });
        case 'formula': {
          // Numbered only where there is a task: a row without one shows "".
          const task = ctx.column('task')!;
          const formula = `=IF(${letter(task)}${ctx.row}="","","RW-"&TEXT(ROW()-${ctx.firstData - 1},"000"))`;
          return cellOf(ctx.taskBlank ? '' : `RW-${pad(ctx.row - ctx.firstData + 1)}`, { formula });
        }
        case 'repeat':
          return cellOf('RW-001');
      }
      break;
    case 'ownCode':
      return cellOf(`XT-${ctx.ordinal}`);
    case 'closedStamp': {
      const status = ctx.column('status') ?? ctx.column('closedFlag');
      if (status === undefined) return undefined;
      const word = ctx.column('status') !== undefined ? '已销号' : '是';
      const formula = `=IF(${letter(status)}${ctx.row}="${word}",TODAY(),"")`;
      return ctx.closedText === word ? cellOf(dayDate(ctx.day, 0), { formula, numberFormat: 'yyyy-mm-dd' }) : cellOf('', { formula });
    }
    case 'overdueFormula': {
      const deadline = ctx.column('deadline')!;
      const ref = `${letter(deadline)}${ctx.row}`;
      return cellOf('', { formula: `=IF(${ref}="","",MAX(0,TODAY()-${ref}))` });
    }
  }
  return undefined;
}

function specFor(cells: TaskRowCells, id: ColumnId): CellSpec {
  const l = lookalikeOf(id);
  return l ? cells[l.key] : cells[id as FieldColumn | ExtraKey];
}

const NUMERIC_LOOKALIKES: LookalikeKey[] = ['col.daysOverdue', 'col.noticeCount', 'col.reopenCount'];

function buildTaskSheet(spec: LedgerSpec, day: { y: number; m: number; d: number }): { sheet: SheetModel; area: OfficeArea } {
  const sheet = newSheetModel('任务台账', 1);
  const cols = spec.columns;
  const width = cols.length;
  const at = new Map<ColumnId, number>(cols.map((c, i) => [c.id, i]));
  const column = (id: ColumnId): number | undefined => at.get(id);
  const rows: (Cell | undefined)[][] = [];
  const merges: GridRange[] = [];
  let widest = width;

  if (spec.title) {
    merges.push({ startRow: rows.length, startColumn: 0, endRow: rows.length + 1, endColumn: width });
    rows.push([cellOf('XX市创建全国文明城市问题整改台账')]);
  }
  if (spec.subtitle) {
    merges.push({ startRow: rows.length, startColumn: 0, endRow: rows.length + 1, endColumn: width });
    rows.push([cellOf(`（截至${day.y}年${day.m}月${day.d}日）`)]);
  }
  const headerRow = rows.length;
  rows.push(cols.map((c) => cellOf(c.header)));
  const firstData = headerRow + 2;

  const remark = column('remark');
  // A remark merged past the last header covers only columns people add notes in, never the
  // columns that make a row a task.
  const essential: ColumnId[] = ['task', 'unit', 'deadline', 'status', 'closedFlag'];
  const remarkCanSpan = remark !== undefined && cols.slice(remark + 1).every((c) => !essential.includes(c.id));
  let ordinal = 0;
  let previousTask: { row: number; unitMerge?: GridRange } | undefined;
  const dataStart = rows.length;

  for (const r of spec.rows) {
    const index = rows.length;
    const row1 = index + 1;
    if (r.kind === 'task') {
      ordinal += 1;
      const closedText =
        r.cells.status.k === 'text' && column('status') !== undefined
          ? r.cells.status.v
          : r.cells.closedFlag.k === 'text'
            ? r.cells.closedFlag.v
            : undefined;
      const ctx: RowContext = { day, row: row1, firstData, ordinal, column, closedText, taskBlank: r.cells.task.k === 'blank' };
      const cells = cols.map((c) => resolve(specFor(r.cells, c.id), ctx));
      const unit = column('unit');
      if (r.mergeUnitUp && previousTask && previousTask.row === index - 1 && unit !== undefined) {
        cells[unit] = undefined;
        if (previousTask.unitMerge) previousTask.unitMerge.endRow = index + 1;
        else {
          previousTask.unitMerge = { startRow: index - 1, startColumn: unit, endRow: index + 1, endColumn: unit + 1 };
          merges.push(previousTask.unitMerge);
        }
      } else {
        previousTask = { row: index };
      }
      previousTask.row = index;
      if (r.remarkSpan > 0 && remarkCanSpan && remark !== undefined) {
        for (let c = remark + 1; c < width; c++) cells[c] = undefined;
        merges.push({ startRow: index, startColumn: remark, endRow: index + 1, endColumn: width + r.remarkSpan });
        widest = Math.max(widest, width + r.remarkSpan);
      }
      rows.push(cells);
      continue;
    }
    previousTask = undefined;
    if (r.kind === 'section') {
      merges.push({ startRow: index, startColumn: 0, endRow: index + 1, endColumn: width });
      rows.push([cellOf(r.text)]);
    } else if (r.kind === 'note') {
      if (r.merged) merges.push({ startRow: index, startColumn: 0, endRow: index + 1, endColumn: width });
      rows.push([cellOf(r.text)]);
    } else if (r.kind === 'blank') {
      rows.push([]);
    } else {
      rows.push(totalsRow(r.label, cols, column, dataStart, index, rows));
    }
  }

  sheet.rows = rows;
  sheet.merges = merges;
  // A sheet's grid holds everything in it: a merge reaching past column Z widens the grid, as in Sheets.
  sheet.maxColumns = Math.max(sheet.maxColumns, widest);
  return {
    sheet,
    area: { sheet: sheet.name, rows: rows.length, columns: widest, kind: 'ledger', headers: cols.map((c) => c.header), headerRow },
  };
}

/** 合计 | =COUNTA(task) | =SUM(every numeric column of the office's) over the rows above. */
function totalsRow(
  label: string,
  cols: ColumnSpec[],
  column: (id: ColumnId) => number | undefined,
  dataStart: number,
  index: number,
  rows: (Cell | undefined)[][],
): (Cell | undefined)[] {
  const cells: (Cell | undefined)[] = cols.map(() => undefined);
  const above = rows.slice(dataStart, index);
  const range = (c: number): string => `${letter(c)}${dataStart + 1}:${letter(c)}${Math.max(dataStart + 1, index)}`;
  cols.forEach((c, i) => {
    const l = lookalikeOf(c.id);
    if (l && NUMERIC_LOOKALIKES.includes(l.key)) {
      const sum = above.reduce((s, row) => s + (typeof row[i]?.value === 'number' ? (row[i]!.value as number) : 0), 0);
      cells[i] = cellOf(sum, { formula: `=SUM(${range(i)})` });
    }
  });
  const task = column('task')!;
  if (task !== 0) {
    const count = above.filter((row) => row[task] !== undefined && row[task]!.value !== '').length;
    cells[task] = cellOf(count, { formula: `=COUNTA(${range(task)})` });
  }
  // The label goes first; under a unit column it would still read as a total.
  cells[0] = cellOf(label);
  return cells;
}

function plainSheet(name: string, id: number, rows: (Cell | undefined)[][]): SheetModel {
  const sheet = newSheetModel(name, id);
  sheet.rows = rows;
  return sheet;
}

const t = (v: string): Cell => cellOf(v);
const n = (v: number): Cell => cellOf(v);
const at = (v: string): Cell => cellOf(v, { numberFormat: '@' });

/** What an office keeps in its own sheets that happen to share a name with Duban's. */
function officeSheetRows(name: OfficeSheetName, day: { y: number; m: number; d: number }): (Cell | undefined)[][] {
  switch (name) {
    case '设置':
      return [
        [t('项目'), t('内容'), t('备注')],
        [t('填报周期'), t('每周五17:00前'), undefined],
        [t('联系人'), t('张三'), t('办公室')],
        [t('编号前缀'), at('007'), at('=HYPERLINK("https://example.org","模板")')],
        [t('事项数'), cellOf(3, { formula: '=COUNTA(A2:A4)' }), undefined],
      ];
    case 'Settings':
      return [
        [t('Item'), t('Value')],
        [t('Report day'), t('Friday')],
        [t('Owner'), t('Zhang San')],
      ];
    case '责任单位':
      return [
        [t('序号'), t('单位'), t('得分'), t('排名')],
        [n(1), t('市城管局'), n(95.5), n(1)],
        [n(2), t('市公安局'), at('00123'), n(2)],
        [t('合计'), undefined, cellOf(95.5, { formula: '=SUM(C2:C3)' }), undefined],
      ];
    case 'Units':
      return [
        [t('Unit'), t('Score')],
        [t('City Management'), n(90)],
      ];
    case '节假日':
      return [
        [t('日期'), t('事项'), t('值班人')],
        [cellOf(dayDate(day, 3)), t('国庆值班'), t('张三')],
        [at('2026-10-02'), t('国庆值班'), t('李四')],
      ];
    case 'Holidays':
      return [
        [t('Date'), t('Event')],
        [cellOf(dayDate(day, 7)), t('Team day')],
      ];
    case '台账问题':
      return [
        [t('问题'), t('反馈人'), t('日期')],
        [t('台账格式不统一'), t('王五'), cellOf(dayDate(day, -2))],
        [at('15%'), t('赵六'), undefined],
      ];
    case 'Ledger problems':
      return [
        [t('Problem'), t('Raised by')],
        [t('Duplicate rows'), t('Li')],
      ];
  }
}

function directoryRows(kind: Exclude<Directory, 'none'>): (Cell | undefined)[][] {
  const short = ['单位名称', '单位类型', '联系人', '联系人邮箱'];
  const full = [...short, '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱'];
  const header = kind === 'full' ? full : short;
  return [
    header.map(t),
    ...UNITS.map((u, i) => {
      const row = [t(u), t('市直部门'), t(`联系人${i + 1}`), t(`unit${i + 1}@example.org`)];
      if (kind === 'full') row.push(t(`主任${i + 1}`), t(`head${i + 1}@example.org`), t(`领导${i + 1}`), t(`leader${i + 1}@example.org`));
      return row;
    }),
  ];
}

function areaOf(sheet: SheetModel, kind: OfficeArea['kind']): OfficeArea {
  const columns = Math.max(0, ...sheet.rows.map((r) => r.length), ...sheet.merges.map((m) => m.endColumn));
  return { sheet: sheet.name, rows: sheet.rows.length, columns, kind, headers: [], headerRow: 0 };
}

/** The workbook a spec describes, and the office's area of every sheet in it. A fresh model each call. */
export function buildLedger(spec: LedgerSpec): BuiltLedger {
  const day = parseDay(spec.day);
  const wb = newWorkbookModel('generated');
  const { sheet: tasks, area } = buildTaskSheet(spec, day);
  const sheets: SheetModel[] = [tasks];
  const areas: OfficeArea[] = [area];
  if (spec.directory !== 'none') {
    const dir = plainSheet('责任单位', 0, directoryRows(spec.directory));
    sheets.push(dir);
    areas.push(areaOf(dir, 'ledger'));
  }
  for (const name of spec.officeSheets) {
    if (name === '责任单位' && spec.directory !== 'none') continue;
    const sheet = plainSheet(name, 0, officeSheetRows(name, day));
    sheets.push(sheet);
    areas.push(areaOf(sheet, 'sealed'));
  }
  sheets.forEach((s, i) => {
    s.sheetId = i + 1;
  });
  wb.sheets = sheets;
  return { workbook: wb, areas, day };
}
