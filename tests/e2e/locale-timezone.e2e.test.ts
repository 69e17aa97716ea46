/**
 * The office's language and the spreadsheet's own time zone, through the bundle.
 */
import { describe, expect, it } from 'vitest';
import { col, job, rowOf, runtimeFor, sheet, sheetFrom, workbookOf } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z');

describe('an office working in English', () => {
  it('gets English sheets, headers, states, notes and menu', async () => {
    const rt = await runtimeFor(
      workbookOf([
        sheetFrom('Settings', [
          ['Setting', 'Value', 'Explanation'],
          ['Language', 'en', ''],
        ]),
      ]),
      NOW,
    );
    const setup = job(rt, 'setup');
    expect(setup.ok).toBe(true);
    expect(rt.workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Settings', 'Tasks', 'Units', 'Holidays']));
    const holidays = sheet(rt, 'Holidays').rows.map((r) => r.map((c) => String(c?.value ?? '')));
    expect(holidays[0]).toEqual(['Date', 'Type', 'Name']);
    expect(holidays).toContainEqual(['2026-10-01', 'holiday', '国庆节']);
    expect(holidays).toContainEqual(['2026-10-10', 'workday', '国庆节']);
    const tasks = sheet(rt, 'Tasks');
    // A ledger typed in by the office, under the headers setup made.
    const header = tasks.rows[0]!.map((c) => String(c?.value ?? ''));
    expect(header).toEqual(
      expect.arrayContaining(['Task', 'Responsible unit', 'Deadline', 'Status', 'State', 'Days overdue', 'System note']),
    );
    const at = (name: string): string => String.fromCharCode(64 + header.indexOf(name) + 1);
    rt.spreadsheet.editAsUser('Units', 'A2', [['Parks Department']]);
    rt.spreadsheet.editAsUser('Tasks', `${at('Task')}2`, [['Clear litter from the back lanes']]);
    rt.spreadsheet.editAsUser('Tasks', `${at('Responsible unit')}2`, [['Parks Department']]);
    rt.spreadsheet.editAsUser('Tasks', `${at('Deadline')}2`, [['2026-11-20']]);
    rt.spreadsheet.editAsUser('Tasks', `${at('Task')}3`, [['Fix the market signs']]);
    rt.spreadsheet.editAsUser('Tasks', `${at('Responsible unit')}3`, [['Roads Office']]);
    rt.spreadsheet.editAsUser('Tasks', `${at('Deadline')}3`, [['soon']]);
    const sweep = job(rt, 'sweep');
    expect(sweep.message).toMatch(/^Check done: 2 tasks, 1 overdue/);
    const task = col(tasks, 1, 'Task');
    expect(tasks.rows[rowOf(tasks, task, 'Clear litter from the back lanes') - 1]![col(tasks, 1, 'State') - 1]!.value).toBe('Overdue');
    const note = String(tasks.rows[rowOf(tasks, task, 'Fix the market signs') - 1]![col(tasks, 1, 'System note') - 1]!.value);
    expect(note).toContain('Unrecognised deadline "soon"');
    expect(note).toContain('Unit "Roads Office" is not in the unit directory');
    rt.open();
    expect(rt.spreadsheet.ui.menus[0]?.title).toBe('Duban');
  });
});

describe('a spreadsheet in another time zone than the script', () => {
  it('reads date cells as days in the spreadsheet’s zone', async () => {
    const ny = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d) + 5 * 3600_000); // midnight in New York (EST)
    const wb = workbookOf([
      sheetFrom('任务台账', [
        ['问题描述', '责任单位', '整改时限', '整改状态'],
        ['背街小巷', '市城管局', ny(2026, 11, 24), '整改中'],
        ['农贸市场', '市城管局', ny(2026, 11, 25), '整改中'],
      ]),
      sheetFrom('责任单位', [['单位名称'], ['市城管局']]),
    ]);
    wb.timeZone = 'America/New_York';
    // 2026-11-25 09:00 in New York: the 24th is one working day late, the 25th is today.
    const rt = await runtimeFor(wb, new Date('2026-11-25T14:00:00Z'));
    job(rt, 'setup');
    job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const state = col(s, 1, '督办状态');
    expect(s.rows[1]![state - 1]!.value).toBe('逾期');
    expect(s.rows[1]![col(s, 1, '逾期天数') - 1]!.value).toBe(1);
    expect(s.rows[2]![state - 1]!.value).toBe('临期');
  });
});
