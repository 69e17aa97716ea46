import { describe, expect, it } from 'vitest';
import { fixture } from './spreadsheet-helpers.js';

describe('ui', () => {
  it('records menus built by onOpen, replacing a menu added again', () => {
    const { app, runtime } = fixture();
    const ui = app.getUi();
    const build = () =>
      ui
        .createMenu('督办')
        .addItem('立即检查逾期', 'runSweep')
        .addSeparator()
        .addSubMenu(ui.createMenu('设置').addItem('安装触发器', 'installTriggers'))
        .addToUi();
    build();
    build();
    expect(runtime.ui.menus).toEqual([
      {
        title: '督办',
        items: [
          { caption: '立即检查逾期', functionName: 'runSweep' },
          'separator',
          { caption: '设置 > 安装触发器', functionName: 'installTriggers' },
        ],
      },
    ]);
  });

  it('records alerts and toasts, answering with the affirmative button', () => {
    const { app, runtime } = fixture();
    const ui = app.getUi();
    expect(ui.alert('已发送 3 封督办邮件')).toBe(ui.Button.OK);
    expect(ui.alert('确认', '要重新发送吗？', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    app.getActiveSpreadsheet().toast('检查完成', '督办');
    app.getActiveSpreadsheet().toast('无逾期');
    expect(runtime.ui.alerts).toEqual(['已发送 3 封督办邮件', '确认: 要重新发送吗？']);
    expect(runtime.ui.toasts).toEqual(['督办: 检查完成', '无逾期']);
  });
});

describe('a person editing', () => {
  it('returns the onEdit event with value and oldValue for one cell', () => {
    const { app, runtime, calls } = fixture();
    const sheet = app.getActiveSheet();
    sheet.getRange('F5').setValue('未销号');
    calls.reset();
    const e = runtime.editAsUser('台账', 'F5', [['已销号']]);
    expect(calls.total()).toBe(0);
    expect(e.value).toBe('已销号');
    expect(e.oldValue).toBe('未销号');
    expect(e.authMode).toBe('LIMITED');
    expect(e.user.getEmail()).toBe('staff@example.com');
    expect(e.range.getA1Notation()).toBe('F5');
    expect(e.source.getName()).toBe('督办台账');
    expect(sheet.getRange('F5').getValue()).toBe('已销号');
  });

  it('gives no value for a pasted block, nor for a cleared cell', () => {
    const { runtime } = fixture();
    const block = runtime.editAsUser('台账', 'A7:B8', [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect('value' in block).toBe(false);
    expect('oldValue' in block).toBe(false);
    const cleared = runtime.editAsUser('台账', 'A7', [['']]);
    expect(cleared.value).toBeUndefined();
    expect(cleared.oldValue).toBe('a');
  });

  it('passes typed numbers, booleans and dates as text, as the event object does', () => {
    const { runtime } = fixture();
    expect(runtime.editAsUser('台账', 'A1', [['42']]).value).toBe('42');
    expect(runtime.editAsUser('台账', 'A2', [[true]]).value).toBe('TRUE');
    expect(runtime.editAsUser('台账', 'A3', [['2024-03-01']]).value).toBe('45352');
  });
});

describe('ui outside an open spreadsheet', () => {
  it('getUi() throws in a time-driven execution, as Apps Script does', async () => {
    const { CallCounter } = await import('../../runtime/calls.js');
    const { newSheetModel, newWorkbookModel } = await import('../../runtime/model.js');
    const { createSpreadsheetRuntime } = await import('../../runtime/spreadsheet/index.js');
    const model = newWorkbookModel('督办台账');
    model.sheets.push(newSheetModel('台账', 0));
    let personPresent = false;
    const runtime = createSpreadsheetRuntime(model, new CallCounter(), { uiAvailable: () => personPresent });
    const app = runtime.app as { getUi(): unknown };
    expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    personPresent = true;
    expect(app.getUi()).toBeTruthy();
  });
});
