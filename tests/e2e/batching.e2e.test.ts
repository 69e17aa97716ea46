/**
 * The batching rule and write-back by key, through the real bundle: the sweep's service calls
 * do not grow with rows, and a person inserting a row while the sweep runs shifts nothing.
 */
import { describe, expect, it } from 'vitest';
import type { WorkbookModel } from '../../runtime/model';
import { col, job, rowOf, runtimeFor, shDate, sheet, sheetFrom, value, workbookOf } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z');
const UNITS = ['市城管局', '市住建局', '市市场监管局', '市委宣传部'];
const DEADLINES: unknown[] = [shDate(2026, 11, 20), '2026年11月27日', '长期坚持', '12月31日前', shDate(2026, 12, 15), '尽快'];
const STATUSES = ['整改中', '未开始', '已销号', '待验收', '', '退回'];

function ledger(rows: number): WorkbookModel {
  const data: unknown[][] = [['XX市问题整改台账'], ['序号', '问题描述', '责任单位', '整改时限', '整改状态', '交办日期']];
  for (let i = 0; i < rows; i++) {
    data.push([
      i + 1,
      `问题${i + 1}`,
      UNITS[i % UNITS.length],
      DEADLINES[i % DEADLINES.length],
      STATUSES[i % STATUSES.length],
      shDate(2026, 11, 1 + (i % 5)),
    ]);
  }
  const units = [['单位名称', '联系人邮箱'], ...UNITS.map((u, i) => [u, `u${i}@example.org`])];
  return workbookOf([sheetFrom('任务台账', data), sheetFrom('责任单位', units)]);
}

/** A ledger of n rows, set up and swept once (IDs given), as on any day after the first. */
async function swept(rows: number) {
  const rt = await runtimeFor(ledger(rows), NOW);
  job(rt, 'setup');
  job(rt, 'sweep');
  return rt;
}

/**
 * Which Sheet.getDataRange call of a daily sweep is its re-read just before writing the states:
 * the last but one (the last is the re-read before the notice counts, after the notices).
 */
async function rereadCall(rows: number): Promise<number> {
  const probe = await swept(rows);
  probe.calls.reset();
  job(probe, 'sweep');
  return probe.calls.get('Range.getFormulas') - 1;
}

async function sweepCalls(rows: number): Promise<Record<string, number>> {
  const rt = await swept(rows); // the first sweep gives IDs; the daily one, next morning, is what counts
  rt.clock.set(new Date(NOW.getTime() + 86_400_000));
  rt.calls.reset();
  const result = job(rt, 'sweep');
  expect(result.counts.tasks).toBe(rows);
  return rt.calls.byMethod();
}

describe('the sweep batches its service calls', () => {
  it('makes the same calls for 100 rows as for 10,000', async () => {
    const small = await sweepCalls(100);
    const large = await sweepCalls(10_000);
    expect(large).toEqual(small);
    // Settings, directory, holidays, the 台账问题 report (compared, so an unchanged report is not
    // rewritten), the notice log, 任务索引, the task sheet, and its re-read before each of the two
    // writes (the states, then the notice counts once the day's notices are sent).
    expect(small['Range.getValues']).toBeLessThanOrEqual(9);
    expect(small['Range.setValues']).toBeLessThanOrEqual(3);
  });

  it('the first sweep, which gives every row an ID, batches too', async () => {
    const count = async (rows: number): Promise<Record<string, number>> => {
      const rt = await runtimeFor(ledger(rows), NOW);
      job(rt, 'setup');
      rt.calls.reset();
      job(rt, 'sweep');
      return rt.calls.byMethod();
    };
    const large = await count(10_000);
    const small = await count(100);
    // The notice log is append-only, and 任务索引 has a row per key: on the day one outgrows its
    // grid it gains rows, one call whatever their number.
    expect(large['Sheet.insertRowsAfter'] ?? 0).toBeLessThanOrEqual(2);
    delete large['Sheet.insertRowsAfter'];
    delete small['Sheet.insertRowsAfter'];
    expect(large).toEqual(small);
  });
});

describe('write-back by key', () => {
  it('a row a person inserts between the sweep’s read and its write shifts nothing', async () => {
    const rt = await swept(30);
    // Make the ledger change so the next sweep has something to write: close task 7.
    const s0 = sheet(rt, '任务台账');
    const status = col(s0, 2, '整改状态');
    const row7 = rowOf(s0, col(s0, 2, '问题描述'), '问题7');
    rt.spreadsheet.editAsUser('任务台账', `E${row7}`, [['已销号']]);
    expect(status).toBe(5);

    // Insert a row just before the sweep's re-read, after its first read.
    const reads = await rereadCall(30);
    rt.calls.reset();
    rt.calls.on('Range.getFormulas', reads, () => rt.spreadsheet.insertRowsAsUser('任务台账', 5, 1));
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(true);
    expect(result.warnings.filter((w) => w.includes('移动'))).toEqual([]);
    expect(result.counts.rowsLost).toBe(0);

    const s = sheet(rt, '任务台账');
    const task = col(s, 2, '问题描述');
    const state = col(s, 2, '督办状态');
    const id = col(s, 2, '系统编号');
    // The inserted row (5) is blank and got nothing; each task's state sits on its own row.
    expect(value(s, 5, state)).toBe('');
    expect(value(s, 5, id)).toBe('');
    expect(value(s, rowOf(s, task, '问题7'), state)).toBe('已销号');
    for (let i = 1; i <= 30; i++) expect(value(s, rowOf(s, task, `问题${i}`), id)).toBe(`DB-${String(i).padStart(4, '0')}`);
  });
});

describe('a row deleted while the sweep runs', () => {
  it('is reported, and nothing meant for it lands on its neighbours', async () => {
    const rt = await swept(10);
    const s = sheet(rt, '任务台账');
    const task = col(s, 2, '问题描述');
    const state = col(s, 2, '督办状态');
    const before = new Map(Array.from({ length: 10 }, (_, i) => [`问题${i + 1}`, value(s, rowOf(s, task, `问题${i + 1}`), state)]));
    const reads = await rereadCall(10);

    rt.calls.reset();
    const gone = rowOf(s, task, '问题4');
    rt.calls.on('Range.getFormulas', reads, () => rt.spreadsheet.deleteRowsAsUser('任务台账', gone, 1));
    const result = job(rt, 'sweep');
    expect(result.counts.rowsLost).toBe(1);
    expect(result.warnings).toContain(`《任务台账》第${gone}行在检查期间被移动或删除，下次检查时再处理`);
    for (const [name, was] of before) {
      if (name === '问题4') continue;
      expect(value(s, rowOf(s, task, name), state)).toBe(was);
    }
  });
});

describe('copied rows', () => {
  it('a row copied with its 系统编号 is held until one of the two is told apart; then the copy gets a key of its own and its own state', async () => {
    const rt = await swept(12);
    const s = sheet(rt, '任务台账');
    const task = col(s, 2, '问题描述');
    const state = col(s, 2, '督办状态');
    const id = col(s, 2, '系统编号');
    const original = rowOf(s, task, '问题1');
    expect(value(s, original, state)).toBe('逾期');
    // A person copies row 问题1 (all of it, its 系统编号 too) to a new row below and closes the copy.
    const whole = Array.from(s.rows[original - 1]!, (c) => c?.value ?? '');
    rt.spreadsheet.insertRowsAsUser('任务台账', original + 1, 1);
    const width = whole.length;
    const last = String.fromCharCode(64 + width);
    rt.spreadsheet.editAsUser('任务台账', `A${original + 1}:${last}${original + 1}`, [whole.map((v, i) => (i === 4 ? '已销号' : v))]);
    expect(value(s, original + 1, id)).toBe(value(s, original, id));

    // The same task twice under one key: which is the original cannot be told, so neither is guessed.
    job(rt, 'sweep');
    const note = col(s, 2, '系统提示');
    expect(String(value(s, original, note))).toContain(`第${original}行与第${original + 1}行是同一项任务，系统编号同为DB-0001`);
    expect(String(value(s, original + 1, note))).toContain(`第${original + 1}行与第${original}行是同一项任务`);
    expect(value(s, original + 1, id)).toBe('DB-0001');

    // The person rewrites the copy's description: it is a task of its own.
    rt.spreadsheet.editAsUser('任务台账', `B${original + 1}`, [['问题1（复查）']]);
    job(rt, 'sweep');
    expect(value(s, original, id)).toBe('DB-0001');
    expect(value(s, original, state)).toBe('逾期');
    expect(value(s, original + 1, id)).toBe('DB-0013');
    expect(value(s, original + 1, state)).toBe('已销号');
  });
});
