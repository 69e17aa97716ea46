/**
 * The other scripts a person runs: `npm run demo` (setup then sweep on the sample, each job's
 * own run.json) and scripts/dump.ts (a workbook's cells, dates on the day typed in them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { exportXlsx } from '../../runtime/xlsx';
import { sheetFrom, workbookOf } from './harness';

const root = resolve(__dirname, '../..');

function script(name: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', name), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Run {
  job: string;
  ok: boolean;
  workbook: string;
  mails: unknown[];
  serviceCalls: { total: number; byMethod: Record<string, number> };
}

describe('npm run demo', () => {
  it('writes setup\'s run.json and the sweep\'s run.json, each for its own job, and says where', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'duban-demo-')), 'demo');
    const r = script('demo.ts', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const setup = JSON.parse(readFileSync(join(out, 'setup', 'run.json'), 'utf8')) as Run;
    const sweep = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Run;
    expect([setup.job, setup.ok, sweep.job, sweep.ok]).toEqual(['setup', true, 'sweep', true]);
    // The sweep runs on what setup wrote, and counts only its own calls: setup's drop-downs
    // and protections are not in it.
    expect(sweep.workbook).toBe(join(out, 'setup', '创城台账示例.xlsx'));
    expect(setup.serviceCalls.byMethod['Range.protect']).toBeGreaterThan(0);
    expect(setup.serviceCalls.byMethod['DataValidationBuilder.build']).toBeGreaterThan(0);
    expect(sweep.serviceCalls.byMethod['Range.protect']).toBeUndefined();
    expect(sweep.serviceCalls.byMethod['DataValidationBuilder.build']).toBeUndefined();
    // As the README says: the sample's 设置 leaves 管理员邮箱 blank and the ledger reads, so no mail.
    expect([setup.mails, sweep.mails]).toEqual([[], []]);
    expect(readdirSync(join(out, 'outbox'))).toEqual([]);
    expect(r.stdout).toContain(`What setup did:      ${join(out, 'setup', 'run.json')}`);
    expect(r.stdout).toContain(`What the sweep did:  ${join(out, 'run.json')}`);
    expect(r.stdout).toMatch(/^ok: setup — 初始化 \/ 修复完成。/m);
    expect(r.stdout).toMatch(/^ok: sweep — 检查完成：30项任务/m);
  });
});

describe('scripts/dump.ts', () => {
  async function workbookWithDates(zone: string): Promise<string> {
    const at = (iso: string): Date => DateTime.fromISO(iso, { zone }).toJSDate();
    const wb = workbookOf([sheetFrom('任务台账', [['整改时限', '交办时间'], [at('2026-07-31T00:00'), at('2026-07-01T09:30')]])]);
    wb.timeZone = zone;
    const file = join(mkdtempSync(join(tmpdir(), 'duban-dump-')), 'dates.xlsx');
    await exportXlsx(wb, file);
    return file;
  }

  it('prints a date cell on the day typed in it (Asia/Shanghai by default), not a day early', async () => {
    const file = await workbookWithDates('Asia/Shanghai');
    const r = script('dump.ts', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 ["2026-07-31","2026-07-01 09:30:00"]');
  });

  it('reads and prints dates in the zone given with --tz', async () => {
    const file = await workbookWithDates('Pacific/Auckland');
    const r = script('dump.ts', file, '任务台账', '--tz', 'Pacific/Auckland');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 ["2026-07-31","2026-07-01 09:30:00"]');
  });

  it('an unreadable workbook: one sentence, exit 2', () => {
    const r = script('dump.ts', join(root, 'README.md'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^duban dump: .*README\.md: not a readable \.xlsx workbook \(.+\)\n$/);
  });
});
