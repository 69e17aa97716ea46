import { describe, expect, it } from 'vitest';
import { LocalRuntime, type LocalRuntimeOptions, localTimeMatchesZone, TIMEOUT_MESSAGE } from '../../runtime/index.js';
import { newSheetModel, newWorkbookModel } from '../../runtime/model.js';

const NOW = new Date('2026-10-01T01:00:00Z');

function workbook() {
  const wb = newWorkbookModel('Ledger');
  const sheet = newSheetModel('Sheet1', 0);
  sheet.rows = [[{ value: 'Task' }, { value: new Date('2026-09-30T16:00:00Z') }]];
  wb.sheets.push(sheet);
  return wb;
}

function runtime(code: string, opts: Partial<LocalRuntimeOptions> = {}): LocalRuntime {
  const rt = new LocalRuntime({ workbook: workbook(), now: NOW, ...opts });
  rt.load(code);
  return rt;
}

describe('the globals a script sees', () => {
  it('has the Apps Script services and nothing of Node', () => {
    const rt = runtime(`
      function probe() {
        const names = ['require', 'process', 'Buffer', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask',
          'URL', 'URLSearchParams', 'fetch', 'TextEncoder', 'TextDecoder', 'structuredClone', 'performance',
          'module', 'exports', '__dirname', 'global'];
        const out = {};
        for (const n of names) out[n] = eval('typeof ' + n);
        for (const s of ['SpreadsheetApp', 'Charts', 'MailApp', 'LockService', 'PropertiesService', 'ScriptApp', 'Session', 'Utilities', 'Logger', 'console']) out[s] = typeof globalThis[s];
        return out;
      }`);
    const seen = rt.run<Record<string, string>>('probe').value;
    for (const n of [
      'require',
      'process',
      'Buffer',
      'setTimeout',
      'setInterval',
      'URL',
      'fetch',
      'TextEncoder',
      'TextDecoder',
      'structuredClone',
      'performance',
      'module',
      '__dirname',
      'global',
    ]) {
      expect(seen[n], n).toBe('undefined');
    }
    for (const s of [
      'SpreadsheetApp',
      'Charts',
      'MailApp',
      'LockService',
      'PropertiesService',
      'ScriptApp',
      'Session',
      'Utilities',
      'Logger',
      'console',
    ]) {
      expect(seen[s], s).toBe('object');
    }
  });

  it("has Charts with its enums, which the spreadsheet's chart builders take", () => {
    const rt = runtime(`
      function chart() {
        const sheet = SpreadsheetApp.getActiveSheet();
        sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('A1:B1'))
          .setMergeStrategy(Charts.ChartMergeStrategy.MERGE_COLUMNS).setOption('series', { 0: { color: 'red' } }).build());
        const [c] = sheet.getCharts();
        return [String(Charts.ChartType.BAR), c.modify().getChartType() == Charts.ChartType.COLUMN, c.getOptions().get('series.0.color'),
          c.getOptions().get('colors'), c.getRanges()[0].getA1Notation(), Array.isArray(sheet.getCharts())];
      }`);
    expect(rt.run('chart').value).toEqual(['BAR', true, 'red', null, 'A1:B1', true]);
    expect(rt.workbook.sheets[0].charts?.[0].options).toEqual({ series: { 0: { color: 'red' } } });
  });

  it('lists top-level functions as the Run list does, hiding private name_ functions and the library object', () => {
    const rt = runtime(`
var Duban = (() => ({ onOpen() {} }))();
function onOpen(e) { return Duban.onOpen(e); }
function sendDigests() {}
function helper_() {}
var later = function () {};
const arrow = () => 'arrow';
let limit = 3;
const private_ = () => 1;
function scoped() { const inner = () => 2; return inner(); }`);
    expect([...rt.globalFunctionNames()].sort()).toEqual(['arrow', 'later', 'onOpen', 'scoped', 'sendDigests']);
    expect(rt.run('arrow').value).toBe('arrow');
    expect(() => rt.run('limit')).toThrow('Script function not found: limit');
    expect(() => rt.run('inner')).toThrow('Script function not found: inner');
  });

  it('starts every execution from a fresh global scope, as Apps Script does', () => {
    const rt = runtime('var counter = 0; function bump() { counter += 1; return counter; }');
    expect(rt.run('bump').value).toBe(1);
    expect(rt.run('bump').value).toBe(1);
  });

  it('says clearly when the function does not exist', () => {
    const rt = runtime('function a() {}');
    expect(() => rt.run('missing')).toThrow('Script function not found: missing');
    expect(() => rt.run('Date')).toThrow('Script function not found: Date');
  });

  it('surfaces syntax errors at load', () => {
    const rt = new LocalRuntime({ workbook: workbook(), now: NOW });
    expect(() => rt.load('function (')).toThrow(SyntaxError);
  });

  it('passes arguments and returns values', () => {
    const rt = runtime('function add(a, b) { return a + b; }');
    expect(rt.run('add', [2, 3]).value).toBe(5);
  });
});

describe('the clock', () => {
  const code = `
    function clock() {
      return { now: Date.now(), iso: new Date().toISOString(), asString: typeof Date(),
               parsed: new Date('2026-03-01T00:00:00Z').getTime(), fields: new Date(2026, 0, 31).getDate(),
               isDate: new Date() instanceof Date, ctor: new Date().constructor === Date, utc: Date.UTC(2026, 0, 1) };
    }`;

  it('gives the simulated time to new Date() and Date.now(), and keeps the other Date forms working', () => {
    const rt = runtime(code);
    const v = rt.run<Record<string, unknown>>('clock').value;
    expect(v.now).toBe(NOW.getTime());
    expect(v.iso).toBe('2026-10-01T01:00:00.000Z');
    expect(v.asString).toBe('string');
    expect(v.parsed).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(v.fields).toBe(31);
    expect(v.isDate).toBe(true);
    expect(v.ctor).toBe(true);
    expect(v.utc).toBe(Date.UTC(2026, 0, 1));
  });

  it('stands still during an execution and moves with setNow and advance', () => {
    const rt = runtime(
      `${code}\nfunction twice() { const a = Date.now(); let x = 0; for (let i = 0; i < 1e6; i++) x += i; return Date.now() - a; }`,
    );
    expect(rt.run('twice').value).toBe(0);
    rt.advance(90_000);
    expect(rt.run<Record<string, unknown>>('clock').value.now).toBe(NOW.getTime() + 90_000);
    rt.setNow(new Date('2027-01-01T00:00:00Z'));
    expect(rt.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(rt.run<Record<string, unknown>>('clock').value.iso).toBe('2027-01-01T00:00:00.000Z');
  });

  it('moves when the script sleeps', () => {
    const rt = runtime('function nap() { const a = Date.now(); Utilities.sleep(1500); return Date.now() - a; }');
    expect(rt.run('nap').value).toBe(1500);
    expect(rt.now().getTime()).toBe(NOW.getTime() + 1500);
  });

  it('tells whether local-time getters agree with the script zone (they follow the process TZ)', () => {
    const hostZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(localTimeMatchesZone(hostZone, NOW)).toBe(true);
    const elsewhere = new Date(NOW).getTimezoneOffset() === -840 ? 'UTC' : 'Pacific/Kiritimati';
    expect(localTimeMatchesZone(elsewhere, NOW)).toBe(false);
    expect(new LocalRuntime({ workbook: workbook(), now: NOW, scriptTimeZone: hostZone }).localTimeMatchesScriptZone()).toBe(true);
  });

  it('treats Dates from the spreadsheet as Dates (instanceof, methods)', () => {
    const rt = runtime(`
      function cell() {
        const v = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange('B1').getValue();
        return [v instanceof Date, Object.prototype.toString.call(v), v.getTime()];
      }`);
    expect(rt.run('cell').value).toEqual([true, '[object Date]', Date.parse('2026-09-30T16:00:00Z')]);
  });
});

describe('errors the script catches', () => {
  it('are instanceof Error whether a service of this runtime or the spreadsheet threw them', () => {
    const rt = runtime(`
      function caught() {
        const out = [];
        try { Utilities.formatDate('x', 'UTC', 'yyyy'); } catch (e) { out.push(e instanceof Error, e.name, e.message); }
        try { SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange(0, 1); } catch (e) { out.push(e instanceof Error, e instanceof TypeError); }
        const arr = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange('A1:B1').getValues();
        out.push(arr instanceof Array, arr[0] instanceof Array);
        return out;
      }`);
    expect(rt.run('caught').value).toEqual([
      true,
      'Exception',
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
      true,
      false,
      true,
      true,
    ]);
  });

  it('propagate out of run() and are logged', () => {
    const rt = runtime('function boom() { throw new Error("no ledger sheet"); }');
    expect(() => rt.run('boom')).toThrow('no ledger sheet');
    expect(rt.logs.at(-1)).toBe('[ERROR] Error: no ledger sheet');
  });
});

describe('execution limits', () => {
  it('stops an endless simple trigger with "Exceeded maximum execution time", uncatchably', () => {
    const rt = runtime('function onOpen() { try { while (true) {} } catch (e) { return "caught"; } }', { limits: { simpleMs: 150 } });
    const started = Date.now();
    expect(() => rt.open()).toThrow(TIMEOUT_MESSAGE);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives manual runs the long limit, and counts simulated waits against it', () => {
    const rt = runtime('function slow() { try { Utilities.sleep(2000); } catch (e) { return "caught"; } return "done"; }', {
      limits: { simpleMs: 100, longMs: 1000 },
    });
    expect(() => rt.run('slow')).toThrow(TIMEOUT_MESSAGE);
    const rt2 = runtime('function ok() { Utilities.sleep(500); return "done"; }', { limits: { simpleMs: 100, longMs: 1000 } });
    expect(rt2.run('ok').value).toBe('done');
    expect(() => rt2.run('ok', [], 'simple')).toThrow(TIMEOUT_MESSAGE);
  });

  it('lets the runtime be used again after a time-out', () => {
    const rt = runtime('function spin() { while (true) {} } function fine() { return 1; }', { limits: { longMs: 100 } });
    expect(() => rt.run('spin')).toThrow(TIMEOUT_MESSAGE);
    expect(rt.run('fine').value).toBe(1);
  });

  it('denies authorized services to simple triggers only', () => {
    const code = `
      function onOpen() { MailApp.sendEmail('unit@example.org', 'Overdue', 'body'); }
      function installTrigger() { ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(8).create(); }`;
    const rt = runtime(code);
    expect(() => rt.open()).toThrow(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    expect(() => rt.run('installTrigger', [], 'simple')).toThrow(
      'You do not have permission to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
    expect(rt.outbox).toHaveLength(0);
    rt.run('onOpen');
    rt.run('installTrigger', [], 'installable');
    expect(rt.outbox).toHaveLength(1);
    expect(rt.triggers).toHaveLength(1);
  });
});

describe('triggers fired by people', () => {
  const code = `
    function onEdit(e) {
      const p = PropertiesService.getScriptProperties();
      p.setProperty('edits', String(Number(p.getProperty('edits') || 0) + 1));
      p.setProperty('last', e.range.getA1Notation() + '=' + e.value + ' ' + e.authMode);
    }
    function writeCell() {
      SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange('C1').setValue('by script');
    }
    function onOpen(e) {
      SpreadsheetApp.getUi().createMenu('督办').addItem('Send digests', 'sendDigests').addToUi();
    }`;

  it("fires onEdit for a person's edit but never for the script's own writes", () => {
    const rt = runtime(code);
    rt.run('writeCell');
    expect(rt.properties.script.get('edits')).toBeUndefined();
    const result = rt.edit('Sheet1', 'C2', [['done']]);
    expect(result).toBeDefined();
    expect(rt.properties.script.get('edits')).toBe('1');
    expect(rt.properties.script.get('last')).toBe('C2=done LIMITED');
    expect(rt.workbook.sheets[0]!.rows[1]![2]!.value).toBe('done');
  });

  it('edits without running anything when the script has no onEdit', () => {
    const rt = runtime('function other() {}');
    expect(rt.edit('Sheet1', 'A2', [['x']])).toBeUndefined();
    expect(rt.workbook.sheets[0]!.rows[1]![0]!.value).toBe('x');
  });

  it('fires onOpen, which builds the menu', () => {
    const rt = runtime(code);
    rt.open();
    expect(rt.spreadsheet.ui.menus).toEqual([{ title: '督办', items: [{ caption: 'Send digests', functionName: 'sendDigests' }] }]);
  });

  it('has no screen for time-driven runs: getUi() throws there, but works for menus and triggers people fire', () => {
    const rt = runtime(`
      function alertNow() { SpreadsheetApp.getUi(); return 'ui'; }
      function install() { ScriptApp.newTrigger('alertNow').timeBased().everyDays(1).create(); }`);
    expect(rt.run('alertNow').value).toBe('ui');
    expect(() => rt.run('alertNow', [], 'installable')).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    rt.run('install');
    expect(() => rt.fire(rt.triggers[0]!)).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(rt.run('alertNow', [], 'simple').value).toBe('ui');
  });

  it("runs a menu item's function when a person clicks it", () => {
    const rt = runtime(`${code}\nfunction sendDigests() { PropertiesService.getScriptProperties().setProperty("clicked", "yes"); }`);
    expect(() => rt.clickMenu('Send digests')).toThrow('No menu item');
    rt.open();
    rt.clickMenu('Send digests');
    expect(rt.properties.script.get('clicked')).toBe('yes');
  });

  it('fires installable edit triggers with full authorization after the simple one', () => {
    const rt = runtime(`
      function install() { ScriptApp.newTrigger('mailOnEdit').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
      function mailOnEdit(e) { MailApp.sendEmail('unit@example.org', 'Edited ' + e.range.getA1Notation(), e.authMode + ' ' + e.triggerUid); }`);
    rt.run('install');
    rt.edit('Sheet1', 'B2', [['x']]);
    expect(rt.outbox.map((m) => [m.subject, m.body])).toEqual([['Edited B2', `FULL ${rt.triggers[0]!.id}`]]);
  });
});

describe('locks across executions', () => {
  const code = `
    function job() {
      const lock = LockService.getScriptLock();
      if (!lock.tryLock(5000)) return 'busy';
      return 'ran';
    }
    function strict() { LockService.getScriptLock().waitLock(10000); return 'ran'; }
    function twice() {
      const a = LockService.getScriptLock(); a.waitLock(1000);
      const b = LockService.getScriptLock();
      return [a.hasLock(), b.tryLock(100), b.hasLock()];
    }`;

  it("makes an overlapping job wait, then give up with Apps Script's message", () => {
    const rt = runtime(code);
    const release = rt.holdScriptLock();
    expect(rt.run('job').value).toBe('busy');
    expect(rt.now().getTime()).toBe(NOW.getTime() + 5000);
    expect(() => rt.run('strict')).toThrow('Lock timeout: another process was holding the lock for too long.');
    release();
    expect(rt.run('job').value).toBe('ran');
  });

  it('releases a lock when the execution that took it ends', () => {
    const rt = runtime(code);
    expect(rt.run('job').value).toBe('ran');
    expect(rt.run('job').value).toBe('ran');
  });

  it('runs an onEdit fired in the middle of a job as an overlapping execution, which finds the lock taken', () => {
    const rt = runtime(`
      function job() {
        const lock = LockService.getDocumentLock();
        lock.waitLock(1000);
        const values = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange('A1:B1').getValues();
        return values[0][0];
      }
      function onEdit(e) {
        const got = LockService.getDocumentLock().tryLock(0);
        PropertiesService.getScriptProperties().setProperty('onEditGotLock', String(got));
      }`);
    rt.calls.on('Range.getValues', 1, () => {
      rt.edit('Sheet1', 'A1', [['edited meanwhile']]);
    });
    expect(rt.run('job').value).toBe('edited meanwhile');
    expect(rt.properties.script.get('onEditGotLock')).toBe('false');
  });

  it('holds the lock by Lock object: a second object waits on the first', () => {
    const rt = runtime(code);
    expect(rt.run('twice').value).toEqual([true, false, false]);
  });
});

describe('logs', () => {
  it('collects Logger and console lines with their level, per run and in total', () => {
    const rt = runtime(`
      function talk() { Logger.log('sent %s notices', 3); console.warn('quota low'); console.error({ unit: '城管局' }); return Logger.getLog(); }`);
    const r = rt.run<string>('talk');
    expect(r.logs).toEqual(['[INFO] sent 3 notices', '[WARNING] quota low', "[ERROR] { unit: '城管局' }"]);
    expect(r.value).toBe('sent 3 notices\n');
    rt.run('talk');
    expect(rt.logs).toHaveLength(6);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});

describe('call counting', () => {
  it('counts each service call by Class.method', () => {
    const rt = runtime(`
      function count() {
        const p = PropertiesService.getScriptProperties();
        p.setProperty('a', 1); p.getProperty('a'); p.getProperty('b');
        Utilities.formatDate(new Date(), Session.getScriptTimeZone(), 'yyyy');
      }`);
    rt.calls.reset();
    rt.run('count');
    expect(rt.calls.get('PropertiesService.getScriptProperties')).toBe(1);
    expect(rt.calls.get('Properties.getProperty')).toBe(2);
    expect(rt.calls.get('Properties.setProperty')).toBe(1);
    expect(rt.calls.get('Utilities.formatDate')).toBe(1);
    expect(rt.calls.get('Session.getScriptTimeZone')).toBe(1);
  });
});
