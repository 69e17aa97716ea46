/**
 * The local runner's contract (other tools rely on it): the command, its outputs, run.json's
 * shape, and one-line errors with exit code 2 and nothing written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importXlsx } from '../../runtime/xlsx';

const root = resolve(__dirname, '../..');
const SAMPLE = join(root, 'samples', '创城台账示例.xlsx');

function local(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/local.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run local', () => {
  it('runs setup then sweep on the sample and writes the workbook, outbox and run.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    const a = local('setup', '--workbook', SAMPLE, '--now', '2026-11-25T09:00', '--out', join(dir, 'a'));
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    const setupWorkbook = join(dir, 'a', '创城台账示例.xlsx');
    expect(existsSync(setupWorkbook)).toBe(true);
    const b = local('sweep', '--workbook', setupWorkbook, '--now', '2026-11-25T09:00+08:00', '--out', join(dir, 'b'));
    expect(b.status).toBe(0);
    const run = JSON.parse(readFileSync(join(dir, 'b', 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(run).toMatchObject({ job: 'sweep', ok: true, now: '2026-11-25T01:00:00.000Z' });
    const calls = run.serviceCalls as { total: number; byMethod: Record<string, number> };
    expect(calls.total).toBeGreaterThan(0);
    expect(calls.byMethod['Range.getValues']).toBeGreaterThan(0);
    expect((run.counts as Record<string, number>).tasks).toBeGreaterThan(20);
    expect(existsSync(join(dir, 'b', 'outbox'))).toBe(true);
    // The exported workbook carries the states and the colour rules.
    const model = await importXlsx(join(dir, 'b', '创城台账示例.xlsx'));
    const tasks = model.sheets.find((s) => s.name === '任务台账')!;
    const texts = tasks.rows.flatMap((r) => r.map((c) => c?.value));
    expect(texts).toContain('逾期');
    expect(tasks.conditionalFormats.length).toBeGreaterThan(0);
  });

  it.each([
    ['an unknown job', ['frobnicate', '--workbook', SAMPLE, '--now', '2026-11-25T09:00'], /unknown job "frobnicate"/],
    ['a missing workbook', ['sweep', '--workbook', '/nonexistent/x.xlsx', '--now', '2026-11-25T09:00'], /workbook not found/],
    ['a bad date', ['sweep', '--workbook', SAMPLE, '--now', '2026-13-45'], /--now "2026-13-45" is not an ISO date-time/],
    ['a job not built yet', ['publish', '--workbook', SAMPLE, '--now', '2026-11-25T09:00'], /"publish" is not in this build/],
  ])('%s: one line, exit 2, nothing written', (_name, args, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    const out = join(dir, 'out');
    const r = local(...args, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('an unreadable workbook: one line, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'this is not a workbook');
    const r = local('sweep', '--workbook', bad, '--now', '2026-11-25T09:00', '--out', join(dir, 'out'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read workbook/);
    expect(readdirSync(dir)).toEqual(['bad.xlsx']);
  });
});
