/**
 * The ledger keeps its promises, through the bundle: a person's edit made while the sweep runs
 * is not overwritten; the office's own sheets named like the script's are left alone; the task
 * sheet is found however its name was typed; keys stay with their tasks whatever the office
 * does to its own numbering; an edit elsewhere costs one read.
 */
import { describe, expect, it } from 'vitest';
import type { SheetModel } from '../../runtime/model';
import { messyLedger } from './fixtures/messy-ledger';
import { col, job, rowOf, runtimeFor, sheet, sheetFrom, value, workbookOf } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z'); // 09:00 in Shanghai, a Wednesday
const NEXT_DAY = new Date('2026-11-26T01:00:00Z');

const grid = (s: SheetModel): string =>
  JSON.stringify(s.rows.map((r) => Array.from(r ?? [], (c) => [c?.value ?? '', c?.formula ?? '', c?.format?.numberFormat ?? ''])));

describe('a person edits a row while the sweep runs', () => {
  it('a task closed between the sweep’s read and its write is not written back as overdue', async () => {
    const rt = await runtimeFor(messyLedger(), NOW);
    job(rt, 'setup');
    job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const task = col(s, 3, '具体问题');
    const state = col(s, 3, '督办状态');
    const r = rowOf(s, task, '背街小巷垃圾堆积');
    expect(value(s, r, state)).toBe('逾期');

    // Next morning the sweep reads; before it writes, a person closes the task and the edit
    // trigger marks it closed (as onEdit does at once, outside the sweep's lock).
    rt.clock.set(NEXT_DAY);
    const probe = await runtimeFor(messyLedger(), NOW);
    job(probe, 'setup');
    job(probe, 'sweep');
    probe.clock.set(NEXT_DAY);
    probe.calls.reset();
    job(probe, 'sweep');
    // The re-read before the states are written: the last but one (the last comes before the notice counts).
    const reread = probe.calls.get('Range.getFormulas') - 1;

    rt.calls.reset();
    rt.calls.on('Range.getFormulas', reread, () => {
      rt.spreadsheet.editAsUser('任务台账', `E${r}`, [['已销号']]);
      rt.spreadsheet.editAsUser('任务台账', `${String.fromCharCode(64 + state)}${r}`, [['已销号']]);
    });
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(true);
    expect(value(s, r, state)).toBe('已销号');
    expect(result.counts.rowsChangedMeanwhile).toBe(1);
    expect(result.warnings).toContain(`《任务台账》第${r}行在检查期间被人修改，本次未改写它（编辑时已自动重新检查）`);
    // The other rows were written as usual.
    expect(value(s, rowOf(s, task, '农贸市场占道经营'), state)).toBe('临期');
  });
});

describe('sheets that are the office’s own', () => {
  it('an office sheet named 设置, 节假日 or 台账问题 is never read, written or repainted; the script uses its own, named apart', async () => {
    const wb = messyLedger();
    const officeSettings = sheetFrom(
      '设置',
      [
        ['项目', '内容'],
        ['试运行', '已销号'],
        ['=SUM(1,2)', '007'],
      ],
      3,
    );
    officeSettings.rows[2]![0] = { value: 3, formula: '=SUM(1,2)' };
    officeSettings.rows[2]![1] = { value: '007', format: { numberFormat: '@' } };
    const officeHolidays = sheetFrom('节假日', [['我们的节日'], ['端午']], 4);
    const officeReport = sheetFrom(
      '台账问题',
      [
        ['群众反映的问题', '处理情况'],
        ['路灯不亮', '已修复'],
      ],
      5,
    );
    wb.sheets.push(officeSettings, officeHolidays, officeReport);
    const rt = await runtimeFor(workbookOf(wb.sheets), NOW);
    const before = [officeSettings, officeHolidays, officeReport].map((x) => [x.name, grid(x)]);

    const setup = job(rt, 'setup');
    expect(setup.ok).toBe(true);
    const sweep = job(rt, 'sweep');
    expect(sweep.ok).toBe(true);
    job(rt, 'sweep');
    for (const [name, was] of before) expect([name, grid(sheet(rt, name!))]).toEqual([name, was]);
    // The office sheets keep their own (no) colours and the script's sheets exist under their own names.
    expect(rt.workbook.sheets.map((x) => x.name)).toEqual(
      expect.arrayContaining(['设置（督办台账）', '节假日（督办台账）', '台账问题（督办台账）']),
    );
    expect(setup.warnings.join('\n')).toContain(
      '工作表《设置》是贵单位自己的，督办台账不读也不改它；督办台账自己的表建为《设置（督办台账）》',
    );
    // 试运行 = 已销号 on the office's sheet is not a setting: the script's own settings apply.
    const report = sheet(rt, '台账问题（督办台账）').rows.map((r) => String(r[2]?.value ?? ''));
    expect(report.join('\n')).toContain('不存在的局');
  });

  it('finds the task sheet whose name was typed with a trailing space', async () => {
    const wb = messyLedger();
    wb.sheets[0]!.name = '任务台账 ';
    const rt = await runtimeFor(wb, NOW);
    job(rt, 'setup');
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(true);
    expect(result.counts.tasks).toBe(7);
    expect(rt.workbook.sheets.filter((x) => x.name.trim() === '任务台账')).toHaveLength(1);
  });

  it('says which sheets there are when none is the task sheet', async () => {
    const rt = await runtimeFor(workbookOf([sheetFrom('工作表1', [['随便写写']])]), NOW);
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(false);
    // Looked at by their header too (issue 13, case 9): which sheets, and what each lacks.
    expect(result.message).toContain('没有名为“任务台账”的表，其他工作表也都不像任务台账：查看了《工作表1》，');
    expect(result.message).toContain('《工作表1》缺少“任务内容”、“责任单位”、“整改时限”');
  });
});

describe('keys stay with their tasks', () => {
  it('renumbering 序号 and sorting the rows moves no key and no state to another task', async () => {
    const rt = await runtimeFor(messyLedger(), NOW);
    job(rt, 'setup');
    job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const task = col(s, 3, '具体问题');
    const id = col(s, 3, '系统编号');
    const keyOf = (name: string): unknown => value(s, rowOf(s, task, name), id);
    const keys = new Map(['背街小巷垃圾堆积', '农贸市场占道经营', '黑臭水体治理'].map((n) => [n, keyOf(n)]));
    // The office swaps rows 5 and 6 (whole rows, script cells too) and renumbers 序号.
    const r5 = Array.from(s.rows[4]!, (c) => c?.value ?? '');
    const r6 = Array.from(s.rows[5]!, (c) => c?.value ?? '');
    const last = String.fromCharCode(64 + Math.max(r5.length, r6.length));
    rt.spreadsheet.editAsUser('任务台账', `A5:${last}5`, [
      [...r6.slice(0, r5.length), ...Array(Math.max(0, r5.length - r6.length)).fill('')].map((v, i) => (i === 0 ? 9 : v)),
    ]);
    rt.spreadsheet.editAsUser('任务台账', `A6:${last}6`, [
      [...r5, ...Array(Math.max(0, r6.length - r5.length)).fill('')].map((v, i) => (i === 0 ? 8 : v)),
    ]);
    rt.clock.set(NEXT_DAY);
    job(rt, 'sweep');
    for (const [name, key] of keys) expect([name, keyOf(name)]).toEqual([name, key]);
    expect(value(s, rowOf(s, task, '背街小巷垃圾堆积'), col(s, 3, '督办状态'))).toBe('逾期');
  });
});

describe('the edit trigger reads only what it needs', () => {
  it('an edit on one of the office’s other sheets reads the settings and nothing else', async () => {
    const wb = messyLedger();
    wb.sheets.push(
      sheetFrom(
        '通讯录',
        [
          ['姓名', '电话'],
          ['张三', '123'],
        ],
        9,
      ),
    );
    const rt = await runtimeFor(workbookOf(wb.sheets), NOW);
    job(rt, 'setup');
    job(rt, 'sweep');
    rt.calls.reset();
    rt.edit('通讯录', 'B2', [['456']]);
    expect(rt.calls.get('Range.getValues')).toBe(1);
    expect(rt.calls.get('Range.setValues')).toBe(0);
  });
});

describe('a ledger set up before the script marked its columns', () => {
  it("adopts the columns under the script's own protection, and only those", async () => {
    const tasks = sheetFrom('任务台账', [
      ['问题描述', '责任单位', '整改时限', '整改状态', '逾期天数', '督办状态', '逾期天数', '系统编号'],
      ['垃圾堆积', '市城管局', '2026-11-20', '整改中', '=1+1', '逾期', 2, 'DB-0007'],
    ]);
    tasks.rows[1]![4] = { value: 2, formula: '=1+1' };
    // What the earlier setup left: a warning-only protection over its columns F:H, with its description.
    tasks.protections.push({
      type: 'RANGE',
      range: { startRow: 0, startColumn: 5, endRow: 1000, endColumn: 8 },
      description: '督办台账：以下列由系统维护，手工修改会在下次检查时被覆盖',
      warningOnly: true,
    });
    const rt = await runtimeFor(workbookOf([tasks]), NOW);
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(true);
    const s = sheet(rt, '任务台账');
    // Its old 督办状态, 逾期天数 and 系统编号 are the script's again; the office's own 逾期天数 (E) is not.
    expect(value(s, 2, 6)).toBe('逾期');
    expect(value(s, 2, 7)).toBe(3);
    expect(value(s, 2, 8)).toBe('DB-0007');
    expect(s.rows[1]![4]).toMatchObject({ value: 2, formula: '=1+1' });
    expect(result.counts.columnsAdded).toBe(8);
    expect((s.developerMetadata ?? []).filter((m) => m.key === 'duban.column').map((m) => [m.value, m.location])).toEqual(
      expect.arrayContaining([
        ['state', { type: 'COLUMN', index: 5 }],
        ['daysOverdue', { type: 'COLUMN', index: 6 }],
        ['taskId', { type: 'COLUMN', index: 7 }],
      ]),
    );
  });
});
