/**
 * npm run bench: speed, memory and service calls of the daily sweep on large ledgers, through
 * the real bundle in the local runtime. Goals are checked here, not in timed tests:
 * - service calls do not grow with rows (the same for every size);
 * - a 10,000-row sweep stays well inside Apps Script's 6-minute limit locally (< 15 s);
 * - memory stays bounded (< 1 GiB heap for 30,000 rows).
 * Writes out/bench.json; exits 1 when a goal is missed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LocalRuntime } from '../runtime/index';
import { type Cell, newSheetModel, newWorkbookModel, type WorkbookModel } from '../runtime/model';
import { exportXlsxBuffer, importXlsx } from '../runtime/xlsx';
import { bundleCode } from './local';

const SIZES = [1_000, 10_000, 30_000];
const NOW = new Date('2026-11-25T01:00:00Z');
const UNITS = ['市城管局', '市住建局', '市市场监管局', '市委宣传部', '市生态环境局', '市公安局交警支队'];
const DEADLINES = ['2026-11-20', '2026年11月27日', '长期坚持', '12月31日前', '3个工作日内', '尽快', '11月底前'];
const STATUSES = ['整改中', '未开始', '已销号', '待验收', '', '退回', '暂缓'];

function cell(v: Cell['value']): Cell {
  return { value: v };
}

function ledger(rows: number): WorkbookModel {
  const wb = newWorkbookModel('bench');
  const tasks = newSheetModel('任务台账', 1, rows + 100, 26);
  tasks.rows.push([cell('XX市创建全国文明城市问题整改台账')]);
  tasks.rows.push(['序号', '问题描述', '责任单位', '整改时限', '整改状态', '交办日期', '整改情况', '备注'].map(cell));
  for (let i = 0; i < rows; i++) {
    const issued = new Date(Date.UTC(2026, 10, 1 + (i % 20)) - 8 * 3600_000);
    tasks.rows.push([
      cell(i + 1),
      cell(`背街小巷环境卫生问题第${i + 1}处`),
      cell(UNITS[i % UNITS.length]!),
      cell(DEADLINES[i % DEADLINES.length]!),
      cell(STATUSES[i % STATUSES.length]!),
      { value: issued, format: { numberFormat: 'yyyy-mm-dd' } },
      cell('正在推进'),
      cell(''),
    ]);
  }
  const units = newSheetModel('责任单位', 2);
  units.rows.push(['单位名称', '联系人邮箱'].map(cell));
  UNITS.forEach((u, i) => {
    units.rows.push([cell(u), cell(`unit${i}@example.org`)]);
  });
  wb.sheets = [tasks, units];
  return wb;
}

interface Row {
  rows: number;
  setupMs: number;
  firstSweepMs: number;
  sweepMs: number;
  sweepCalls: number;
  heapMB: number;
  exportMs: number;
  importMs: number;
}

/** The local runtime's own speed on a big block: best of three, as a GC pause is not the runtime's speed. */
function runtimeBlocks(): { write: number; read: number; paint: number; readColours: number } {
  const ROWS = 10_000;
  const COLUMNS = 25;
  const wb = newWorkbookModel('blocks');
  wb.sheets = [newSheetModel('data', 1, ROWS + 1, COLUMNS)];
  const rt = new LocalRuntime({ workbook: wb, now: NOW });
  const app = rt.spreadsheet.app as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sheet = app.getActiveSpreadsheet().getSheets()[0]!;
  const block = sheet.getRange(2, 1, ROWS, COLUMNS);
  const data = Array.from({ length: ROWS }, (_, r) => Array.from({ length: COLUMNS }, (_, c) => (c % 2 ? r * c : `单位${r}-${c}`)));
  const colours = Array.from({ length: ROWS }, (_, r) => new Array<string>(COLUMNS).fill(r % 2 ? '#ffc7ce' : '#ffffff'));
  const best = (fn: () => void): number => {
    let ms = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      fn();
      ms = Math.min(ms, performance.now() - t);
    }
    return ms;
  };
  return {
    write: best(() => block.setValues(data)),
    read: best(() => sheet.getDataRange().getValues()),
    paint: best(() => block.setBackgrounds(colours)),
    readColours: best(() => block.getBackgrounds()),
  };
}

async function main(): Promise<void> {
  const code = await bundleCode();
  const results: Row[] = [];
  const callsBySize: string[] = [];
  for (const rows of SIZES) {
    const rt = new LocalRuntime({ workbook: ledger(rows), now: NOW });
    rt.load(code, 'Code.js');
    const event = [{ authMode: 'FULL', triggerUid: 'bench' }];
    let t = performance.now();
    rt.run('setup', event, 'installable');
    const setupMs = performance.now() - t;
    t = performance.now();
    rt.run('sweep', event, 'installable');
    const firstSweepMs = performance.now() - t;
    rt.calls.reset();
    t = performance.now();
    rt.run('sweep', event, 'installable');
    const sweepMs = performance.now() - t;
    callsBySize.push(JSON.stringify(rt.calls.byMethod()));
    const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
    t = performance.now();
    const buffer = await exportXlsxBuffer(rt.workbook);
    const exportMs = performance.now() - t;
    t = performance.now();
    await importXlsx(buffer);
    const importMs = performance.now() - t;
    results.push({ rows, setupMs, firstSweepMs, sweepMs, sweepCalls: rt.calls.total(), heapMB, exportMs, importMs });
  }
  const blocks = runtimeBlocks();
  const fmt = (n: number): string => n.toFixed(0).padStart(8);
  console.log('    rows   setup  sweep#1    sweep   calls  heapMB  export  import   (ms unless said)');
  for (const r of results) {
    console.log(
      `${fmt(r.rows)}${fmt(r.setupMs)}${fmt(r.firstSweepMs)}${fmt(r.sweepMs)}${fmt(r.sweepCalls)}${fmt(r.heapMB)}${fmt(r.exportMs)}${fmt(r.importMs)}`,
    );
  }
  console.log(
    `runtime, 10,000 x 25 block (ms): setValues ${blocks.write.toFixed(0)}, getValues ${blocks.read.toFixed(0)}, setBackgrounds ${blocks.paint.toFixed(0)}, getBackgrounds ${blocks.readColours.toFixed(0)}`,
  );
  const failures: string[] = [];
  for (const [name, ms] of Object.entries(blocks))
    if (ms > 1000) failures.push(`runtime ${name} of 10,000 x 25 took ${ms.toFixed(0)} ms (goal < 1000)`);
  if (new Set(callsBySize).size !== 1) failures.push('service calls differ between sizes');
  const tenK = results.find((r) => r.rows === 10_000);
  if (tenK && tenK.sweepMs > 15_000) failures.push(`10,000-row sweep took ${tenK.sweepMs.toFixed(0)} ms (goal < 15,000)`);
  const big = results[results.length - 1]!;
  if (big.heapMB > 1024) failures.push(`heap ${big.heapMB.toFixed(0)} MB at ${big.rows} rows (goal < 1024)`);
  mkdirSync('out', { recursive: true });
  writeFileSync(
    'out/bench.json',
    `${JSON.stringify({ when: new Date().toISOString(), results, runtimeBlocks: blocks, failures }, null, 2)}\n`,
  );
  if (failures.length > 0) {
    for (const f of failures) console.error(`goal missed: ${f}`);
    process.exitCode = 1;
  } else {
    console.log('goals met: calls constant across sizes; 10,000-row sweep < 15 s; heap < 1 GiB');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
