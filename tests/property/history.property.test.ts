/**
 * "A task's history never lands on another task" (issue 13): generated daily histories of a live
 * ledger through the real bundle. Setup, then a sweep on each working day of two weeks of
 * November 2026, with the office's edits between sweeps: sort every column or only the office's,
 * insert, delete, move, copy a row above or below (edited or not), delete the 系统编号 column,
 * delete the last rows of 督办记录 or the whole sheet, drop Duban's marks (developer metadata),
 * rewrite the file through exceljs (saved as .xlsx, its `_DevMeta` names dropped, opened again).
 * Every task is overdue and notices go one
 * working day apart, so a task's true ladder is known: one notice per day it stands in the
 * ledger and is not held. After every sweep:
 *
 * 1. each task's 督办次数 / 督办级别 / 最近督办 equal its true history;
 * 2. the mails name each notified task with its true ordinal (第n次督办), so no 催办 reaches a
 *    unit that was not told before, and no held task is in a unit's mail;
 * 3. no notice number is ever issued for two documents (one unit's 整改通知 of one day);
 * 4. a row is held only after an edit that makes its identity undecidable (a sort of the office's
 *    columns, an exact copy), and then it is listed for a person (系统提示, the admin's mail).
 *
 * Fixed seed; PROP_SEED / PROP_RUNS widen it (PROP_PATH replays a counterexample).
 */
import fc from 'fast-check';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../runtime/index';
import type { Cell, SheetModel } from '../../runtime/model';
import { deleteColumns, deleteRows, insertRows, lastRowWithContent } from '../../runtime/spreadsheet/grid';
import { exportXlsxBuffer, importXlsx } from '../../runtime/xlsx';
import { bundle, col, type JobValue, shDate, sheetFrom, workbookOf } from '../e2e/harness';

const SEED = Number(process.env.PROP_SEED ?? 20261116);
const RUNS = Number(process.env.PROP_RUNS ?? 20);
const PATH = process.env.PROP_PATH;

const DAYS = [16, 17, 18, 19, 20, 23, 24];
const at = (d: number): Date => new Date(Date.UTC(2026, 10, d, 1, 0));
const UNITS = ['市城管局', '市住建局', '市市场监管局'];
const POOL = [
  '背街小巷垃圾堆积',
  '农贸市场占道经营',
  '老旧小区飞线充电',
  '公厕保洁不到位',
  '餐饮油烟直排',
  '建筑工地扬尘',
  '共享单车乱停放',
  '公益广告破损',
  '河道漂浮物',
  '违章停车堵塞消防通道',
  '小广告乱张贴',
  '绿化带黄土裸露',
  '路灯损坏未修复',
  '窨井盖缺失',
  '流动摊贩占道',
  '楼道杂物堆放',
  '施工围挡破损',
  '垃圾分类不规范',
  '宠物粪便未清理',
  '高空抛物隐患',
];
const HEADER = ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'];
const LEVELS = ['督办', '催办', '催办'];

type Edit =
  | { kind: 'sortAll' | 'sortOffice' | 'deleteKeyColumn' | 'deleteLog' | 'dropMarks' | 'rewrite' }
  | { kind: 'insert' | 'delete' | 'move'; at: number; to: number }
  | { kind: 'copy'; at: number; above: boolean; edited: boolean }
  | { kind: 'deleteLogRows'; count: number };

const pick = fc.nat({ max: 1000 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.constantFrom<Edit>(
    { kind: 'sortAll' },
    { kind: 'sortOffice' },
    { kind: 'deleteKeyColumn' },
    { kind: 'deleteLog' },
    { kind: 'dropMarks' },
    { kind: 'rewrite' },
  ),
  fc.record({ kind: fc.constantFrom('insert' as const, 'delete' as const, 'move' as const), at: pick, to: pick }),
  fc.record({ kind: fc.constant('copy' as const), at: pick, above: fc.boolean(), edited: fc.boolean() }),
  fc.record({ kind: fc.constant('deleteLogRows' as const), count: fc.integer({ min: 1, max: 6 }) }),
);

interface History {
  tasks: number;
  days: Edit[][];
}

const historyArb: fc.Arbitrary<History> = fc.record({
  tasks: fc.integer({ min: 3, max: 7 }),
  days: fc.array(fc.array(editArb, { maxLength: 2 }), { minLength: DAYS.length - 1, maxLength: DAYS.length - 1 }),
});

/** The office's world: which description is on which row is the truth the sweep must find. */
class Office {
  /** Replaced when the file is rewritten through exceljs (a new session on the file read back). */
  rt: LocalRuntime;
  readonly code: string;
  private used = 0;
  /** Notices each task truly had, by description. */
  readonly ladder = new Map<string, number>();
  /** Edits whose rows cannot be told apart until a person resolves them: undone the next morning. */
  undo: { kind: 'sort' | 'copy'; run: () => void; rows?: (Cell | undefined)[][] }[] = [];
  /** Descriptions a pending edit may hold. */
  mayHold = new Set<string>();
  numbers = new Map<string, string>();

  constructor(rt: LocalRuntime, code: string) {
    this.rt = rt;
    this.code = code;
  }

  get s(): SheetModel {
    return this.rt.workbook.sheets.find((x) => x.name === '任务台账')!;
  }

  nextTask(): string {
    return POOL[this.used++ % POOL.length]!;
  }

  /** 0-based rows of tasks, in sheet order. */
  taskRows(): number[] {
    const out: number[] = [];
    for (let r = 2; r < lastRowWithContent(this.s); r++) if (this.s.rows[r]?.[1]?.value) out.push(r);
    return out;
  }

  description(r: number): string {
    return String(this.s.rows[r]?.[1]?.value ?? '');
  }

  taskCells(task: string, seq: number): (Cell | undefined)[] {
    const unit = UNITS[seq % UNITS.length]!;
    return sheetFrom('x', [[seq, task, `${task}点位`, unit, shDate(2026, 11, 13), '整改中']]).rows[0]!;
  }
}

/**
 * The file saved as .xlsx, rewritten as an exceljs-based tool (or Google's import) would: every
 * `_DevMeta.` defined name dropped, the rest as written; then opened again, document properties
 * (Duban's counters) included. Pending undos refer to the old model's rows: they are redone on
 * the new one by content (a copy) or dropped (a sort, whose rows the rewrite keeps as they are).
 */
async function rewrite(o: Office): Promise<void> {
  const { rt } = o;
  if (rt.properties.document.size > 0) rt.workbook.documentProperties = Object.fromEntries(rt.properties.document);
  const zip = await JSZip.loadAsync(await exportXlsxBuffer(rt.workbook));
  const xml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  zip.file(
    'xl/workbook.xml',
    xml
      .replace(/<definedName\b[^>]*\bname="_DevMeta\.[^"]*"[^>]*>[^<]*<\/definedName>/g, '')
      .replace(/<definedNames>\s*<\/definedNames>|<definedNames\/>/g, ''),
  );
  const old = o.s.rows;
  const model = await importXlsx(await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }), { timeZone: 'Asia/Shanghai' });
  const next = new LocalRuntime({ workbook: model, now: rt.clock.now(), scriptTimeZone: 'Asia/Shanghai' });
  next.load(o.code, 'Code.js');
  o.rt = next;
  // A pending undo of a sort puts the office's cells back on the same rows of the file read back.
  for (const u of o.undo)
    u.rows?.forEach((r, i, rows) => {
      rows[i] = o.s.rows[old.indexOf(r)] ??= [];
    });
}

/** Every developer metadata item gone from the workbook and its sheets: Duban's marks lost. */
function dropMarks(o: Office): void {
  o.rt.workbook.developerMetadata = [];
  for (const sheet of o.rt.workbook.sheets) sheet.developerMetadata = [];
}

async function apply(o: Office, edit: Edit): Promise<string> {
  if (edit.kind === 'dropMarks') {
    dropMarks(o);
    return 'drop the marks';
  }
  if (edit.kind === 'rewrite') {
    await rewrite(o);
    return 'rewrite through exceljs';
  }
  const rows = o.taskRows();
  const { s, rt } = o;
  const book = rt.workbook.sheets;
  const rowAt = (n: number): number => rows[n % rows.length]!;
  switch (edit.kind) {
    case 'sortAll':
    case 'sortOffice': {
      if (rows.length < 2) return 'nothing to sort';
      const first = rows[0]!;
      const body = s.rows.slice(first, first + rows.length);
      const width = edit.kind === 'sortAll' ? Math.max(...body.map((r) => r.length)) : HEADER.length;
      const before = body.map((r) => r.slice(0, width));
      const sorted = [...before].sort((a, b) => String(b[1]?.value).localeCompare(String(a[1]?.value), 'zh'));
      body.forEach((r, i) => {
        r.splice(0, width, ...sorted[i]!);
      });
      if (edit.kind === 'sortOffice' && sorted.some((r, i) => r !== before[i])) {
        for (const r of before) o.mayHold.add(String(r[1]?.value));
        o.undo.push({
          kind: 'sort',
          rows: body,
          run: () =>
            body.forEach((r, i) => {
              r.splice(0, width, ...before[i]!);
            }),
        });
      }
      return `${edit.kind}`;
    }
    case 'insert': {
      const task = o.nextTask();
      const r = rows.length === 0 ? 2 : rowAt(edit.at);
      insertRows(s, r, 1, book);
      s.rows[r] = o.taskCells(task, o.ladder.size + 1);
      o.ladder.set(task, 0);
      return `insert ${task} at row ${r + 1}`;
    }
    case 'delete': {
      if (rows.length <= 1) return 'nothing to delete';
      const r = rowAt(edit.at);
      // A row of a pending sort: the person undoes the sort first (undone later, it would put a deleted task back).
      const sorts = o.undo.filter((u) => u.rows?.includes(s.rows[r]!));
      for (const u of sorts) u.run();
      o.undo = o.undo.filter((u) => !sorts.includes(u));
      const task = o.description(r);
      deleteRows(s, r, 1, book);
      // A task is gone when no row holds it (one of two copies deleted leaves the task).
      if (!o.taskRows().some((x) => o.description(x) === task)) o.ladder.delete(task);
      return `delete row ${r + 1}`;
    }
    case 'move': {
      if (rows.length < 2) return 'nothing to move';
      const from = rowAt(edit.at);
      const cut = s.rows[from]!;
      deleteRows(s, from, 1, book);
      const left = o.taskRows();
      const to = left[edit.to % left.length]!;
      insertRows(s, to, 1, book);
      s.rows[to] = cut;
      return `move row ${from + 1} to ${to + 1}`;
    }
    case 'copy': {
      if (rows.length === 0) return 'nothing to copy';
      const from = rowAt(edit.at);
      const copy = (s.rows[from] ?? []).map((c) => (c ? structuredClone(c) : c));
      const to = edit.above ? from : from + 1;
      insertRows(s, to, 1, book);
      s.rows[to] = copy;
      const original = o.description(edit.above ? from + 1 : from);
      if (edit.edited) {
        const task = o.nextTask();
        copy[1] = { value: task };
        o.ladder.set(task, 0);
        // While a sort of the office's columns is pending, Duban writes no new key beside a copy:
        // the key would stay on that row, beside another task, once the sort is undone.
        if (o.undo.some((u) => u.kind === 'sort')) o.mayHold.add(task);
        return `copy of ${original} ${edit.above ? 'above' : 'below'}, edited to ${task}`;
      }
      o.mayHold.add(original);
      // The person deletes one of the two (rows may have been sorted since: found by content).
      o.undo.push({
        kind: 'copy',
        run: () => {
          // The copy itself when it is still there (a sort may be pending on the original's row), else the last twin.
          const twins = o.taskRows().filter((r) => o.description(r) === original);
          const own = o.s.rows.indexOf(copy);
          if (twins.length > 1) deleteRows(o.s, twins.includes(own) ? own : twins[twins.length - 1]!, 1, o.rt.workbook.sheets);
        },
      });
      return `copy of ${original} ${edit.above ? 'above' : 'below'}`;
    }
    case 'deleteKeyColumn': {
      const key = (s.rows[1] ?? []).findIndex((c) => c?.value === '系统编号');
      if (key < 0) return 'no 系统编号 to delete';
      deleteColumns(s, key, 1, book);
      // Keys found again by content after a sort of the office's columns: the sort needs no undoing.
      o.undo = o.undo.filter((u) => u.kind !== 'sort');
      return 'delete 系统编号';
    }
    case 'deleteLog': {
      const log = book.findIndex((x) => x.name === '督办记录');
      if (log >= 0) book.splice(log, 1);
      return 'delete 督办记录';
    }
    case 'deleteLogRows': {
      const log = book.find((x) => x.name === '督办记录');
      if (!log) return 'no log';
      const last = lastRowWithContent(log);
      const n = Math.min(edit.count, last - 1);
      if (n > 0) deleteRows(log, last - n, n, book);
      return `delete the last ${n} rows of 督办记录`;
    }
  }
}

async function start(h: History): Promise<Office> {
  const units = sheetFrom('责任单位', [
    ['单位名称', '联系人', '联系人邮箱', '主要负责人邮箱', '分管领导邮箱'],
    ...UNITS.map((u, i) => [u, `联系人${i}`, `c${i}@example.org`, `h${i}@example.org`, `l${i}@example.org`]),
  ]);
  const ledger = sheetFrom('任务台账', [['XX市创建全国文明城市问题整改台账'], HEADER]);
  const rt = new LocalRuntime({ workbook: workbookOf([ledger, units]), now: at(DAYS[0]!), scriptTimeZone: 'Asia/Shanghai' });
  const code = await bundle();
  rt.load(code, 'Code.js');
  const o = new Office(rt, code);
  for (let i = 0; i < h.tasks; i++) {
    const task = o.nextTask();
    o.s.rows[2 + i] = o.taskCells(task, i + 1);
    o.ladder.set(task, 0);
  }
  run(rt, 'setup');
  const settings = rt.workbook.sheets.find((x) => x.name === '设置')!;
  const set = (label: string, v: unknown): void => {
    const r = settings.rows.findIndex((row) => row[0]?.value === label);
    rt.spreadsheet.editAsUser('设置', `B${r + 1}`, [[v]]);
  };
  set('管理员邮箱', 'admin@example.org');
  set('整改通知限期（工作日）', 0);
  // Each day's notice fails the next day; the thresholds are out of reach so the ladder keeps
  // sending one 整改通知 a day (what is tested here is whose history a notice carries).
  set('通报批评（未达要求次数）', 20);
  set('约谈（未达要求次数）', 21);
  return o;
}

function run(rt: LocalRuntime, name: string): JobValue {
  const result = rt.run<JobValue>(name, [{ authMode: 'FULL', triggerUid: 'test' }], 'installable').value;
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
  return result;
}

const NUMBER = /^督办〔2026〕[1-9]\d*号$/;
const ORDINAL = /督办情况：第(\d+)次督办/;

/** What the unit mails of one sweep say of each task: the number of the document it is in, and its ordinal. */
function mailed(o: Office, from: number): Map<string, { number: string; ordinal: number; document: string }[]> {
  const out = new Map<string, { number: string; ordinal: number; document: string }[]>();
  for (const mail of o.rt.outbox.slice(from)) {
    if (mail.to === 'admin@example.org') continue;
    // A 整改通知 opens with its 文号; each task is an item ("1. 背街小巷垃圾堆积") followed by its lines.
    const number = mail.body.split('\n')[0]!.trim();
    if (!NUMBER.test(number)) continue;
    let task: string | undefined;
    for (const line of mail.body.split('\n')) {
      const item = /^\d+\. (.+)$/.exec(line.trim());
      if (item) task = POOL.find((p) => p === item[1]);
      const m = ORDINAL.exec(line);
      if (!m || !task) continue;
      const list = out.get(task) ?? [];
      list.push({ number, ordinal: Number(m[1]), document: `${mail.to} ${from}` });
      out.set(task, list);
    }
  }
  return out;
}

/** Checks one day's sweep against the truth; returns what is wrong, or ''. */
function check(o: Office, day: number, from: number): string {
  const { s } = o;
  const c = (h: string): number => col(s, 2, h) - 1;
  const [count, level, last, note] = [c('督办次数'), c('督办级别'), c('最近督办'), c('系统提示')];
  const mails = mailed(o, from);
  const held = new Set<string>();
  const problems: string[] = [];
  const rows = o.taskRows();
  const heldRow = (r: number): boolean => String(s.rows[r]?.[note]?.value ?? '').includes('暂停督办');
  for (const r of rows) {
    const task = o.description(r);
    const cells = s.rows[r]!;
    if (String(cells[note]?.value ?? '').includes('暂停督办')) {
      held.add(task);
      if (!o.mayHold.has(task)) problems.push(`${task} held with no reason: ${cells[note]?.value}`);
      // Two copies of one task: the one whose key is its own may be told, the held one never adds a notice.
      const twinTold = rows.some((x) => x !== r && o.description(x) === task && !heldRow(x));
      if (mails.has(task) && !twinTold) problems.push(`${task} is held but was mailed`);
      continue;
    }
    const n = (o.ladder.get(task) ?? 0) + 1;
    o.ladder.set(task, n);
    const want = [n, LEVELS[Math.min(n, 3) - 1], `2026-11-${day}`];
    const lastDay =
      cells[last]?.value instanceof Date ? new Date((cells[last]!.value as Date).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '';
    const got = [cells[count]?.value, cells[level]?.value, lastDay];
    if (JSON.stringify(got) !== JSON.stringify(want))
      problems.push(`${task}: cells ${JSON.stringify(got)}, true ladder ${JSON.stringify(want)}`);
    const sent = mails.get(task) ?? [];
    if (sent.length !== 1 || sent[0]!.ordinal !== n) problems.push(`${task}: mailed ${JSON.stringify(sent)}, true ordinal ${n}`);
    // One number per document: never the number of another day's or another unit's mail.
    for (const { number, document } of sent) {
      const owner = o.numbers.get(number);
      if (owner !== undefined && owner !== document) problems.push(`${number} issued to ${owner} and to ${document} (${task})`);
      o.numbers.set(number, document);
    }
  }
  if (held.size > 0) {
    const admin = o.rt.outbox.slice(from).find((m) => m.to === 'admin@example.org');
    if (!admin?.body.includes('暂停督办')) problems.push(`held rows (${[...held].join('、')}) not listed for the admin`);
  }
  return problems.join('\n');
}

async function live(h: History): Promise<void> {
  const o = await start(h);
  const story: string[] = [];
  for (let d = 0; d < DAYS.length; d++) {
    if (d > 0) {
      // A person resolves yesterday's holds first thing (undoes the sort, deletes the copy).
      for (const undo of o.undo.reverse()) undo.run();
      o.undo = [];
      o.mayHold = new Set();
      for (const edit of h.days[d - 1]!) story.push(`  ${await apply(o, edit)}`);
    }
    o.rt.clock.set(at(DAYS[d]!));
    const from = o.rt.outbox.length;
    run(o.rt, 'sweep');
    story.push(`sweep 2026-11-${DAYS[d]}`);
    const wrong = check(o, DAYS[d]!, from);
    if (wrong !== '') throw new Error(`${story.join('\n')}\n${wrong}`);
  }
}

/** Histories a longer run found wrong once, kept as fixed cases. */
const KNOWN: [string, History][] = [
  [
    // PROP_SEED=7: an exact copy while the key column is gone leaves the task's notice cells beside
    // an empty key; the log deleted and the office's columns sorted the next day: its ladder must not restart.
    'key column deleted and an exact copy, then the log deleted and the office columns sorted',
    {
      tasks: 3,
      days: [
        [{ kind: 'deleteKeyColumn' }, { kind: 'copy', at: 0, above: false, edited: false }],
        [{ kind: 'deleteLog' }, { kind: 'sortOffice' }],
        [],
        [],
        [],
        [],
      ],
    },
  ],
  [
    'a sort of the office columns and an edited copy made the same day',
    { tasks: 3, days: [[{ kind: 'sortOffice' }, { kind: 'copy', at: 0, above: false, edited: true }], [], [], [], [], []] },
  ],
  [
    'a sort of the office columns, then a row deleted',
    { tasks: 3, days: [[], [{ kind: 'sortOffice' }, { kind: 'delete', at: 0, to: 0 }], [], [], [], []] },
  ],
  [
    'marks dropped, then the file rewritten through exceljs, the log deleted',
    { tasks: 4, days: [[{ kind: 'dropMarks' }], [{ kind: 'rewrite' }, { kind: 'deleteLog' }], [{ kind: 'rewrite' }], [], [], []] },
  ],
];

describe('daily histories of a live ledger (issue 13)', () => {
  it.each(KNOWN)(
    '%s',
    async (_name, h) => {
      await live(h);
    },
    30_000,
  );

  let ready = false;
  beforeAll(async () => {
    await bundle();
    ready = true;
  });

  it('each task keeps its own ladder, no number twice, no escalation to a unit never told, held rows listed', async () => {
    expect(ready).toBe(true);
    await fc.assert(fc.asyncProperty(historyArb, live), { seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH } : {}) });
  }, 120_000);
});
