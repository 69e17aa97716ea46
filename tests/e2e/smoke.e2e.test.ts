/**
 * The bundle as Apps Script sees it: every entry point, menu action and trigger handler the
 * code names is a top-level function; nothing Apps Script lacks is in the file.
 */
import { describe, expect, it } from 'vitest';
import { MENU_FUNCTIONS } from '../../src/gas/menu';
import { DAILY_JOBS } from '../../src/gas/triggers';
import { bundle, job, runtimeFor, workbookOf } from './harness';

const NOW = new Date('2026-11-25T01:00:00Z');

describe('dist/Code.js', () => {
  it('declares every entry point as a top-level function', async () => {
    const code = await bundle();
    for (const fn of ['onOpen', 'onEdit', 'setup', 'sweep', 'installTriggers', ...MENU_FUNCTIONS, ...DAILY_JOBS]) {
      expect(code).toMatch(new RegExp(`^function ${fn}\\(`, 'm'));
    }
    const rt = await runtimeFor(workbookOf([]), NOW);
    expect(rt.globalFunctionNames()).toEqual(expect.arrayContaining(['onOpen', 'onEdit', 'setup', 'sweep', 'installTriggers']));
  });

  it('has no module syntax, Node API or private fields', async () => {
    const code = await bundle();
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bprocess\.|\bBuffer\b|\bsetTimeout\b|\bTextEncoder\b|\bnew URL\(|\bfetch\(/);
    expect(code).not.toMatch(/\bthis\.#\w|^\s*(static\s+)?#\w+\s*[=;(]/m);
  });

  it('onOpen adds the menu, and every item calls a function the bundle has', async () => {
    const rt = await runtimeFor(workbookOf([]), NOW);
    rt.open();
    const menu = rt.spreadsheet.ui.menus[0];
    expect(menu?.title).toBe('督办台账');
    const names = rt.globalFunctionNames();
    const items = (menu?.items ?? []).filter((i): i is { caption: string; functionName: string } => i !== 'separator');
    expect(items.map((i) => i.functionName).sort()).toEqual([...MENU_FUNCTIONS].sort());
    for (const item of items) expect(names).toContain(item.functionName);
  });

  it('onOpen reads only the settings sheet: it runs at every opening', async () => {
    const rt = await runtimeFor(workbookOf([]), NOW);
    job(rt, 'setup');
    rt.calls.reset();
    rt.open();
    expect(rt.calls.get('Range.getValues')).toBe(1);
    expect(rt.spreadsheet.ui.menus.at(-1)?.title).toBe('督办台账');
  });

  it('setup on an empty spreadsheet creates a working ledger, and installTriggers one daily sweep', async () => {
    const rt = await runtimeFor(workbookOf([]), NOW);
    expect(job(rt, 'setup').ok).toBe(true);
    expect(rt.workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['任务台账', '节假日', '设置', '责任单位']));
    expect(job(rt, 'sweep').ok).toBe(true);
    job(rt, 'installTriggers');
    job(rt, 'installTriggers');
    expect(rt.triggers.filter((t) => t.handler === 'sweep')).toHaveLength(1);
    // And the monthly report's daily check, an hour after the sweep.
    expect(rt.triggers.filter((t) => t.handler === 'publishIfDue')).toHaveLength(1);
  });
});
