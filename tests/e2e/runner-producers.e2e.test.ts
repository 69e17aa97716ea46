/**
 * Issue 13, case 11: a ledger saved by openpyxl (its notes at /xl/comments/comment1.xml) was
 * refused by the local runner as "damaged or not a workbook Excel can open", though Excel, WPS
 * and LibreOffice open it. Now setup and sweep run on it end to end and keep the office's note.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importXlsx } from '../../runtime/xlsx';

const root = resolve(__dirname, '../..');
const OPENPYXL = join(root, 'tests/fixtures/xlsx/openpyxl.xlsx');

function local(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/local.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run local on a workbook another producer saved', () => {
  it('openpyxl: setup then sweep run, the overdue task is found, the note stays on its cell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-openpyxl-'));
    const setup = local('setup', '--workbook', OPENPYXL, '--now', '2026-11-25T09:00', '--out', join(dir, 'a'));
    expect(setup.stderr).toBe('');
    expect(setup.status).toBe(0);
    const sweep = local('sweep', '--workbook', join(dir, 'a', 'openpyxl.xlsx'), '--now', '2026-11-25T09:00', '--out', join(dir, 'b'));
    expect(sweep.stderr).toBe('');
    expect(sweep.status).toBe(0);
    expect(sweep.stdout.split('\n')[0]).toBe('ok: sweep — 检查完成：3项任务，逾期1项，临期0项，待核实0项。');
    const run = JSON.parse(readFileSync(join(dir, 'b', 'run.json'), 'utf8')) as { counts: Record<string, number> };
    expect(run.counts).toMatchObject({ tasks: 3, overdue: 1, closed: 1, rowsLost: 0 });
    const tasks = (await importXlsx(join(dir, 'b', 'openpyxl.xlsx'))).sheets.find((s) => s.name === '任务台账')!;
    expect(tasks.rows[2]?.[1]).toMatchObject({ value: '人民路背街小巷垃圾堆积', note: '群众来电反映，已现场核实' });
    expect(tasks.rows[2]?.map((c) => c?.value)).toContain('逾期');
  });
});
