/**
 * setup then sweep, through the real bundle, on a ledger as offices make them: a merged
 * title row, a subtitle, headers out of order under alias names (one with a line break),
 * section rows with 序号 restarting, mixed deadline forms, a bad deadline, an unknown unit,
 * closed rows, a blank row and a totals line.
 */
import { describe, expect, it } from 'vitest';
import { messyLedger } from './fixtures/messy-ledger';
import { col, job, rowOf, runtimeFor, shDay, sheet, value } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z'); // 09:00 in Shanghai, a Wednesday

describe('setup and sweep on a messy ledger', () => {
  it('sets the workbook up without touching existing rows, and a second setup finds nothing to do', async () => {
    const rt = await runtimeFor(messyLedger(), NOW);
    const person = (): string =>
      JSON.stringify(
        sheet(rt, '任务台账')
          .rows.slice(0, 14)
          .map((r) => Array.from({ length: 8 }, (_, c) => r[c]?.value ?? '')),
      );
    const before = person();
    const first = job(rt, 'setup');
    expect(first.ok).toBe(true);
    expect(rt.workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['任务台账', '责任单位', '设置', '节假日']));
    const tasks = sheet(rt, '任务台账');
    for (const h of ['督办状态', '逾期天数', '督办次数', '最近督办', '督办级别', '反弹次数', '状态变更日期', '系统提示', '系统编号']) {
      expect(col(tasks, 3, h)).toBeGreaterThan(8);
    }
    expect(person()).toBe(before);
    expect(tasks.frozenRows).toBe(3);
    // Drop-down on the status column, warning protection on the script's columns.
    expect(tasks.rows[4]![4]!.validation?.values).toEqual(expect.arrayContaining(['未开始', '整改中', '待验收', '已销号']));
    expect(tasks.protections.some((p) => p.warningOnly && p.type === 'RANGE')).toBe(true);
    // Holidays for this year and next, as shipped.
    const holidays = sheet(rt, '节假日').rows.map((r) => String(r[0]?.value ?? ''));
    expect(holidays).toContain('2026-10-01');
    // 2027's arrangement is not shipped yet: setup says so instead of pretending.
    expect(first.warnings.join('\n')).toContain('没有2027年的放假安排');
    // The directory is the office's own sheet: it is read, never written; what it lacks is said.
    const units = sheet(rt, '责任单位');
    expect(units.rows[0]!.map((c) => c?.value)).toEqual(['单位名称', '单位类型', '联系人', '联系人邮箱']);
    expect(value(units, 2, 1)).toBe('市城管局');
    expect(first.warnings.join('\n')).toContain(
      '单位名录《责任单位》是贵单位自己的表，督办台账不改它；它缺少这些列：主要负责人、主要负责人邮箱、分管领导、分管领导邮箱',
    );

    const second = job(rt, 'setup');
    expect(second.ok).toBe(true);
    expect(second.message).toBe('台账完整，无需修复。');
    expect(sheet(rt, '任务台账').protections.filter((p) => p.type === 'RANGE')).toHaveLength(
      tasks.protections.filter((p) => p.type === 'RANGE').length,
    );
  });

  it('colours and states every task row, notes problems where they are, and leaves people’s cells alone', async () => {
    const rt = await runtimeFor(messyLedger(), NOW);
    job(rt, 'setup');
    const person = (): string =>
      JSON.stringify(sheet(rt, '任务台账').rows.map((r) => Array.from({ length: 8 }, (_, c) => r[c]?.value ?? '')));
    const personBefore = person();
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(true);
    const s = sheet(rt, '任务台账');
    const task = col(s, 3, '具体问题');
    const state = col(s, 3, '督办状态');
    const days = col(s, 3, '逾期天数');
    const note = col(s, 3, '系统提示');
    const id = col(s, 3, '系统编号');
    const at = (t: string, c: number): unknown => value(s, rowOf(s, task, t), c);

    expect(at('背街小巷垃圾堆积', state)).toBe('逾期');
    expect(at('背街小巷垃圾堆积', days)).toBe(3); // Fri 11-20 → Mon, Tue, Wed
    expect(at('农贸市场占道经营', state)).toBe('临期');
    expect(at('公益广告不少于40%', state)).toBe('长期');
    expect(at('黑臭水体治理', state)).toBe('待核实');
    expect(String(at('黑臭水体治理', note))).toContain('尽快');
    expect(at('交通路口秩序混乱', state)).toBe('已销号');
    expect(String(at('交通路口秩序混乱', note))).toContain('不存在的局');
    // 3 working days from Wed 11-18 is Mon 11-23: two working days late on Wed 11-25.
    expect(at('超标电动车整治', state)).toBe('逾期');
    expect(at('超标电动车整治', days)).toBe(2);
    expect(at('烟花爆竹燃放管理', state)).toBe('待验收');

    // Section, blank and totals rows carry no state; every task got a unique ID.
    expect(value(s, 4, state)).toBe('');
    expect(value(s, 13, state)).toBe('');
    expect(value(s, 14, state)).toBe('');
    const ids = [5, 6, 7, 8, 10, 11, 12].map((r) => value(s, r, id));
    expect(new Set(ids).size).toBe(7);
    expect(ids.every((x) => /^DB-\d{4}$/.test(String(x)))).toBe(true);

    // Problems are reported with sheet, cell and header.
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^《任务台账》C8 \(整改时限（截止日期）\): .*尽快/),
        expect.stringMatching(/^《任务台账》D10 \(牵头单位\): .*不存在的局/),
      ]),
    );
    // …and listed for the admin on the 台账问题 sheet, as text.
    const report = sheet(rt, '台账问题').rows.map((r) => r.map((c) => String(c?.value ?? '')));
    expect(report[0]).toEqual(['位置', '列', '问题', '检查时间']);
    expect(report.map((r) => r[0])).toEqual(expect.arrayContaining(['《任务台账》C8', '《任务台账》D10']));
    expect(report.find((r) => r[0] === '《任务台账》D10')?.[2]).toContain('不存在的局');
    expect(result.counts).toMatchObject({ tasks: 7, overdue: 2, dueSoon: 1, invalid: 1, closed: 1, pending: 1, noDeadline: 1 });

    // Colours are conditional formats keyed on the state column, with the settings' colours.
    const rules = s.conditionalFormats.filter((r) => r.condition.type === 'formula');
    const overdue = rules.find((r) => r.condition.type === 'formula' && r.condition.formula.includes('"逾期"'));
    expect(overdue?.format.background).toBe('#f4cccc');
    expect(overdue?.ranges[0]?.startRow).toBe(3);

    // Person-owned cells are exactly as they were, the hand-set fill too, after several sweeps.
    job(rt, 'sweep');
    job(rt, 'sweep');
    expect(person()).toBe(personBefore);
    expect(s.rows[4]![7]!.format?.background).toBe('#ffff00');
  });

  it('counts days overdue in calendar days when the settings say so', async () => {
    const rt = await runtimeFor(messyLedger(), NOW);
    job(rt, 'setup');
    const settings = sheet(rt, '设置');
    const row = settings.rows.findIndex((r) => String(r[0]?.value ?? '') === '天数计算方式');
    expect(row).toBeGreaterThan(0);
    rt.spreadsheet.editAsUser('设置', `B${row + 1}`, [['自然日']]);
    job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    expect(value(s, rowOf(s, col(s, 3, '具体问题'), '背街小巷垃圾堆积'), col(s, 3, '逾期天数'))).toBe(5);
  });

  it('leaves a ledger whose columns cannot be trusted untouched, and tells the admin', async () => {
    const wb = messyLedger();
    wb.sheets[0]!.rows[2]![3] = { value: '地点' }; // the unit column is gone
    const rt = await runtimeFor(wb, NOW);
    job(rt, 'setup');
    const settings = sheet(rt, '设置');
    const adminRow = settings.rows.findIndex((r) => String(r[0]?.value ?? '').includes('管理员'));
    rt.spreadsheet.editAsUser('设置', `B${adminRow + 1}`, [['admin@example.org']]);
    const all = (): string =>
      JSON.stringify(sheet(rt, '任务台账').rows.map((r) => Array.from({ length: 20 }, (_, c) => r[c]?.value ?? '')));
    const before = all();
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(false);
    expect(result.message).toContain('任务台账');
    expect(result.message).toContain('责任单位');
    expect(all()).toBe(before);
    expect(sheet(rt, '任务台账').conditionalFormats).toHaveLength(0);
    expect(rt.outbox).toHaveLength(1);
    expect(rt.outbox[0]!.to).toBe('admin@example.org');
    // The reason is also where the office looks for problems: the 台账问题 sheet.
    const report = sheet(rt, '台账问题').rows.map((r) => String(r[2]?.value ?? ''));
    expect(report.some((m) => m.includes('“任务台账”表的列无法确认') && m.includes('责任单位'))).toBe(true);
  });

  it('writes dates as date cells in the spreadsheet time zone', async () => {
    const rt = await runtimeFor(messyLedger(), NOW);
    job(rt, 'setup');
    job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const changed = value(s, rowOf(s, col(s, 3, '具体问题'), '烟花爆竹燃放管理'), col(s, 3, '状态变更日期'));
    expect(changed).toBeInstanceOf(Date);
    expect(shDay(changed)).toBe('2026-11-25');
  });
});
